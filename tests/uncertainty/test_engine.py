"""The draw engine: the central path is the deterministic run, intervals open after the base year and widen,
the same seed gives the same bytes whatever the chunking, totals and differences are taken draw by draw, and a
deterministic run's calibrations are reused rather than computed again."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.parametrize("name", ["baseline.yaml", "ambitious.yaml", "flat-share.yaml", "high-growth.yaml",
                                  "competence.yaml"])
def test_central_path_is_the_deterministic_run(name, bergen, deterministic):
    from forecast.uncertainty.api import run_draws

    r = run_draws([bergen / name], draws=8, seed=5, scheduler="inprocess")
    f = r.frame(totals=False)
    det = deterministic(bergen / name)
    key = ["municipality", "service", "occupation", "variable", "year"]
    m = f.merge(det, on=key, suffixes=("", "_det"))
    assert set(m["variable"]) >= {"population", "users", "fte_before_automation", "fte", "hires", "hires_fte",
                                  "workforce_need", "working_age_population"}
    # every row the draws have a deterministic counterpart for is merged: occupation rows included
    drawn = f[~((f["service"] == "all") & (f["variable"] != "working_age_population"))
              & (f["variable"] != "hires_cumulative")]  # a draws-only variable: checked against hires below
    # the deterministic run writes a service's offset only when the service has measures
    measured = set(det.loc[det["variable"] == "automation_offset", "service"])
    unmatched = (drawn["variable"] == "automation_offset") & ~drawn["service"].isin(measured)
    assert len(m) == len(drawn) - unmatched.sum()
    cum = f[f["variable"] == "hires_cumulative"].set_index(["service", "occupation", "year"])["value"]
    det_hires = det[det["variable"] == "hires"].groupby(["service", "occupation"])
    for (service, occupation), rows in det_hires:
        rows = rows.sort_values("year")
        expect = rows["value"].cumsum().to_numpy()
        got = cum.loc[[(service, occupation, y) for y in rows["year"]]].to_numpy()
        assert abs(got - expect).max() <= 1e-9 * max(1.0, abs(expect).max())
    trades = m[m["occupation"] != "all"]
    assert set(trades["variable"]) == {"fte", "workforce_need", "hires", "hires_fte"}
    assert set(trades["occupation"]) >= {"nurses", "assistants", "teachers", "pedagogical_leaders"}
    # ≤ 1e-12 relative on every row (rows of zero: exactly zero)
    rel = np.abs(m["value"] - m["value_det"]) / np.abs(m["value_det"]).where(m["value_det"] != 0, 1.0)
    assert rel.max() <= 1e-12
    if name == "ambitious.yaml":
        assert (m["variable"] == "automation_offset").any()


def test_central_path_holds_for_municipalities_with_national_fallbacks(bergen, several, deterministic):
    from forecast.uncertainty.api import run_draws

    codes = ["4601", "1103", "1811"]  # Bergen, Stavanger (no local school data), Bindal (small)
    r = run_draws([several(codes)], draws=8, seed=5, scheduler="inprocess")
    det = deterministic(bergen / "baseline.yaml", codes)
    key = ["municipality", "service", "occupation", "variable", "year"]
    m = r.frame(totals=False).merge(det, on=key, suffixes=("", "_d"))
    assert set(m["municipality"]) == set(codes)
    assert (m["occupation"] == "teachers").sum() > 0  # teachers' position size is each municipality's own
    rel = np.abs(m["value"] - m["value_d"]) / np.abs(m["value_d"]).where(m["value_d"] != 0, 1.0)
    assert rel.max() <= 1e-12


def test_no_sources_means_every_draw_is_the_central_path(bergen):
    from forecast.uncertainty.api import run_draws

    r = run_draws([bergen / "baseline.yaml"], draws=20, seed=1, scheduler="inprocess", sources=(), keep_draws=True)
    # equal up to the last bits (vectorised sums round by the row's memory alignment)
    assert np.allclose(r.draws, np.broadcast_to(r.draws[:, :1], r.draws.shape), rtol=1e-12, atol=1e-9)


def test_intervals_open_after_the_base_year_and_widen(bergen):
    from forecast.uncertainty.api import run_draws

    r = run_draws([bergen / "baseline.yaml"], draws=300, seed=2, scheduler="inprocess")
    f = r.frame(totals=False)
    fte = f[(f["service"] == "nursing_home") & (f["occupation"] == "all") & (f["variable"] == "fte")].set_index("year")
    width = fte["p90"] - fte["p10"]
    assert width[2025] == 0 and width[2030] > 0 and width[2040] > width[2030]
    assert (fte["p10"] <= fte["p50"]).all() and (fte["p50"] <= fte["p90"]).all()
    pop = f[(f["service"] == "all") & (f["variable"] == "population")].set_index("year")
    assert pop.loc[2026, "p90"] == pop.loc[2026, "p10"]  # 2026 is observed: the population draws start after it
    assert pop.loc[2030, "p10"] < pop.loc[2030, "value"] < pop.loc[2030, "p90"]


def test_same_seed_same_bytes_other_seed_other_draws(bergen):
    from forecast.uncertainty.api import run_draws

    a = run_draws([bergen / "baseline.yaml"], draws=50, seed=11, scheduler="inprocess")
    b = run_draws([bergen / "baseline.yaml"], draws=50, seed=11, scheduler="inprocess")
    c = run_draws([bergen / "baseline.yaml"], draws=50, seed=12, scheduler="inprocess")
    assert a.frame().equals(b.frame())
    assert not np.array_equal(a.by_municipality, c.by_municipality)
    assert np.array_equal(a.central, c.central)


def test_chunking_changes_no_byte(several):
    from forecast.uncertainty.api import run_draws

    u = several(["4601", "1103", "1811", "5001", "3201"])
    one = run_draws([u], draws=40, seed=3, scheduler="inprocess", chunk_size=1)
    all_ = run_draws([u], draws=40, seed=3, scheduler="inprocess", chunk_size=5)
    assert np.array_equal(one.by_municipality, all_.by_municipality)
    assert all(np.array_equal(one.sums[g], all_.sums[g]) for g in all_.sums)
    assert one.frame().equals(all_.frame())


def test_totals_are_sums_draw_by_draw(several):
    from forecast.uncertainty.api import run_draws
    from forecast.uncertainty.specs import FIXED_POINT

    codes = ["4601", "1103", "1811", "5001"]
    r = run_draws([several(codes)], draws=200, seed=4, scheduler="inprocess", chunk_size=2, keep_draws=True)
    summed = r.draws[0].sum(axis=1)  # [D, K, T]
    assert np.allclose(r.sums["0000"][0] / FIXED_POINT, summed, rtol=1e-12, atol=1e-5)
    f = r.frame()
    total = f[f["municipality"] == "4 municipalities"]
    parts = f[f["municipality"].isin(codes)]
    key = ["service", "occupation", "variable", "year"]
    t = total.set_index(key).loc[("home_care", "all", "fte", 2040)]
    p = parts.groupby(key)[["p10", "p90", "value"]].sum().loc[("home_care", "all", "fte", 2040)]
    assert t["value"] == pytest.approx(p["value"], rel=1e-9)
    # independent local shocks partly cancel: the total's interval is narrower than the sum of the intervals
    assert t["p90"] - t["p10"] < p["p90"] - p["p10"]
    counties = f[f["municipality"].str.startswith("county ")]
    assert set(counties["municipality"]) >= {"county 46 Vestland", "county 11 Rogaland"}


def test_compare_shares_random_numbers(bergen):
    from forecast.uncertainty.api import run_draws

    r = run_draws([bergen / "baseline.yaml", bergen / "robot.yaml", bergen / "baseline.yaml"], draws=100, seed=9,
                  scheduler="inprocess")
    d = r.differences()
    robot = d[(d["scenario"] == "robot") & (d["service"] == "primary_school") & (d["variable"] == "fte")]
    assert set(robot["occupation"]) == {"all", "teachers"}  # a school's FTE is its teachers'

    late = robot[robot["year"] >= 2026]
    # the robot offsets exactly 12 FTE in every draw: the difference has no noise, and it stands out
    assert np.allclose(late[["value", "p10", "p50", "p90"]].to_numpy(), -12.0)
    assert late["stands_out"].all()
    same = d[d["scenario"] == "baseline"]
    assert np.allclose(same[["value", "p10", "p90"]].to_numpy(), 0.0) and not same["stands_out"].any()


def test_scenario_ranges_are_drawn(tmp_path, bergen):
    import yaml

    from forecast.uncertainty.api import run_draws

    path = tmp_path / "uncertain.yaml"
    path.write_text(yaml.safe_dump({
        "extends": str(bergen / "welfare-tech.yaml"),
        "automation": [{"id": "medication-support", "kind": "task_share", "service": "home_care",
                        "task_share": {"low": 0.05, "high": 0.15}, "automatable": 0.59,
                        "adoption": {"start": 2026, "full": 2032, "curve": "logistic"}}]}))
    r = run_draws([path], draws=400, seed=1, scheduler="inprocess", sources=("scenario",))
    f = r.frame(totals=False)
    home = f[f["service"] == "home_care"]
    off = home[home["variable"] == "automation_offset"].set_index("year").loc[2040]
    gross = home[home["variable"] == "fte_before_automation"].set_index("year").loc[2040]
    # only the scenario's range varies: the offset is gross × share × 0.59, share's 90 % interval 0.05–0.15
    assert off["value"] == pytest.approx(gross["value"] * 0.10 * 0.59)
    assert off["p10"] / (gross["value"] * 0.59) == pytest.approx(0.10 - 1.2816 * 0.05 / 1.6449, abs=0.004)
    assert off["p90"] / (gross["value"] * 0.59) == pytest.approx(0.10 + 1.2816 * 0.05 / 1.6449, abs=0.004)


def test_fitted_trends_are_refused_with_a_message(tmp_path, bergen):
    import yaml

    from forecast.errors import ForecastError
    from forecast.uncertainty.api import run_draws

    path = tmp_path / "fitted.yaml"
    path.write_text(yaml.safe_dump({"extends": str(bergen / "baseline.yaml"),
                                    "services": {"home_care": {"trend": "drift"}}}))
    with pytest.raises(ForecastError, match=r"services\.home_care\.trend: draws are built on the constant path"):
        run_draws([path], draws=2, scheduler="inprocess")


def test_quantiles_skip_repeats_but_match_numpy():
    from forecast.uncertainty.quantiles import quantiles

    rng = np.random.default_rng(0)
    values = rng.normal(size=(2, 51, 3, 4, 5))
    values[:, :, :, 2] = values[:, :, :, 0]  # a repeated variable
    values[:, :, :, 3] = 7.0  # a variable that does not vary
    q = np.array([0.1, 0.5, 0.9])
    expected = np.moveaxis(np.quantile(values[:, 1:], q, axis=1), 0, 2)
    assert np.array_equal(quantiles(values, q), expected)


def test_all_services_are_summed_draw_by_draw(bergen):
    from forecast.uncertainty.api import run_draws

    r = run_draws([bergen / "baseline.yaml"], draws=100, seed=2, scheduler="inprocess", keep_draws=True)
    k = {v: i for i, v in enumerate(r.variables)}
    services = ["kindergarten", "primary_school", "home_care", "nursing_home"]
    for variable, unit in (("fte", "FTE"), ("hires", "persons")):
        parts = sum(r.draws[0, :, 0, k[(s, "all", variable, unit)]] for s in services)
        assert np.allclose(r.draws[0, :, 0, k[("all", "all", variable, unit)]], parts, rtol=1e-12)
        for s in services:  # a service's hires are its occupations' hires, draw by draw
            trades = [i for (sv, o, v, _), i in k.items() if sv == s and o != "all" and v == variable]
            assert np.allclose(r.draws[0, :, 0, trades].sum(axis=0), r.draws[0, :, 0, k[(s, "all", variable, unit)]],
                               rtol=1e-12)
    nurses = [k[(s, "nurses", "hires", "persons")] for s in ("home_care", "nursing_home")]
    assert np.allclose(r.draws[0, :, 0, k[("all", "nurses", "hires", "persons")]],
                       r.draws[0, :, 0, nurses].sum(axis=0), rtol=1e-12)


def test_variant_mixture_draws_ssb_alternatives(bergen):
    from forecast.population import population
    from forecast.uncertainty.api import run_draws

    mix = {"MMMM": 0.5, "HHMH": 0.25, "LLML": 0.25}
    r = run_draws([bergen / "baseline.yaml"], draws=400, seed=3, scheduler="inprocess", keep_draws=True,
                  sources=(), variant_mixture=mix)
    k = r.variables.index(("all", "all", "population", "persons"))
    end = r.draws[0, :, 0, k, -1]
    paths = {v: population(2040, v).slice("4601")[-1].sum() for v in mix}
    assert end[0] == pytest.approx(paths["MMMM"])  # the central path is the most probable alternative
    picked = {v: np.isclose(end[1:], p, rtol=1e-12).mean() for v, p in paths.items()}
    assert sum(picked.values()) == pytest.approx(1.0)
    assert picked["MMMM"] == pytest.approx(0.5, abs=0.07) and picked["LLML"] == pytest.approx(0.25, abs=0.07)


def test_a_deterministic_runs_calibrations_are_reused(several, monkeypatch):
    """build_tasks takes the demands a deterministic run computed: nothing is calibrated again, and the draws are
    the same bytes as when build_tasks calibrates itself."""
    import forecast.need.calibration as calibration
    from forecast.need.run import run
    from forecast.uncertainty.build import build_tasks
    from forecast.uncertainty.engine import run_chunk
    from forecast.uncertainty.results import merge

    u = several(["4601", "1811"])
    own = merge(map(run_chunk, build_tasks([u], 20, 7)), [u.name], (0.1, 0.5, 0.9))
    demands: dict = {}
    run(u.loaded, demands=demands)
    assert set(demands) == {(s, c) for s in ("kindergarten", "primary_school", "home_care", "nursing_home")
                            for c in ("4601", "1811")}

    def refuse(*args, **kwargs):
        raise AssertionError("calibrated again")

    monkeypatch.setattr(calibration, "calibrate", refuse)
    reused = merge(map(run_chunk, build_tasks([u], 20, 7, demands={u.name: demands})), [u.name], (0.1, 0.5, 0.9))
    assert np.array_equal(reused.central, own.central) and np.array_equal(reused.by_municipality, own.by_municipality)
    assert all(np.array_equal(reused.sums[g], own.sums[g]) for g in own.sums)
    with pytest.raises(AssertionError, match="calibrated again"):  # without them, it would calibrate
        build_tasks([u], 20, 7)


def test_occupations_of_a_service_share_their_turnover_draw(tmp_path, bergen):
    """Turnover is drawn once per draw and service: with only turnover varying, every occupation's hires in home
    care rank the draws the same way; a scenario's range on the service's turnover is every occupation's turnover
    (as the service's number is in the deterministic run)."""
    import yaml

    from forecast.uncertainty.api import run_draws
    from forecast.uncertainty.build import build_tasks, load_uncertain
    from forecast.uncertainty.sensitivity import spearman

    r = run_draws([bergen / "baseline.yaml"], draws=60, seed=4, scheduler="inprocess", sources=("turnover",),
                  keep_draws=True)
    k = {v: i for i, v in enumerate(r.variables)}
    trades = ["nurses", "health_workers", "assistants"]
    hires = {o: r.draws[0, 1:, 0, k[("home_care", o, "hires", "persons")], -1] for o in trades}
    assert all(spearman(hires["nurses"], hires[o]) == pytest.approx(1.0) for o in trades)
    school = r.draws[0, 1:, 0, k[("primary_school", "teachers", "hires", "persons")], -1]
    assert abs(spearman(hires["nurses"], school)) < 0.5  # another service: its own draw
    path = tmp_path / "turnover.yaml"
    path.write_text(yaml.safe_dump({"extends": str(bergen / "baseline.yaml"),
                                    "workforce": {"home_care": {"turnover": {"low": 0.12, "high": 0.16}}}}))
    task = build_tasks([load_uncertain(path)], 4, 0)[0]
    home = next(s for s in task.scenarios[0].services if s.service == "home_care")
    assert [o.turnover.central for o in home.occupations] == pytest.approx([0.14] * len(home.occupations))
    assert all(o.turnover.kind == "normal" for o in home.occupations)
