"""Calibration reproduces the observed staffing; levers move users and FTE as documented."""

from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.scenario import scenario_from_dict


def values(result, service, variable, year=None, occupation="all"):
    f = result.frame
    s = f[(f["service"] == service) & (f["variable"] == variable) & (f["occupation"] == occupation)]
    s = s.set_index("year")["value"]
    return s if year is None else s[year]


def test_care_calibration_reproduces_the_whole_user_facing_workforce(baseline_result):
    # base year 2025: home care and nursing homes share Bergen's 7,477 user-facing care FTE (SSB 12292, all
    # occupations), split 3,400.6 / 4,076.4 by the WLS fit (a resident counts as 4.33 home-care users)
    home, nursing = values(baseline_result, "home_care", "fte", 2025), values(baseline_result, "nursing_home", "fte", 2025)
    assert home + nursing == pytest.approx(7477.0, abs=1e-9)
    assert home == pytest.approx(3400.6, abs=0.1) and nursing == pytest.approx(4076.4, abs=0.1)
    assert values(baseline_result, "home_care", "users", 2025) == pytest.approx(8862)
    assert values(baseline_result, "nursing_home", "users", 2025) == pytest.approx(2089)
    split = [n for n in baseline_result.notes if n.key == "care.split"]
    assert len(split) == 1 and split[0].kind == "assumption"
    assert split[0].params["ratio"] == pytest.approx(4.33, abs=0.005) and split[0].params["se"] == pytest.approx(
        0.63, abs=0.005)
    assert not any("nurse" in t for t in baseline_result.note_texts() + baseline_result.assumption_texts()
                   if t.startswith(("home_care", "nursing_home")))


def test_occupations_split_each_service_exactly(baseline_result):
    from forecast.vocabulary import occupations_of

    f = baseline_result.frame
    fte = f[f["variable"] == "fte"]
    for service in ("kindergarten", "primary_school", "home_care", "nursing_home"):
        mine = fte[fte["service"] == service]
        assert set(mine["occupation"]) == {"all", *occupations_of(service)}
        whole = mine[mine["occupation"] == "all"].set_index("year")["value"]
        parts = mine[mine["occupation"] != "all"].groupby("year")["value"].sum()
        assert (parts - whole).abs().max() < 1e-9, service
    # Bergen's 2025 mix (SSB 14533): 954 nurses of 7,514 user-facing FTE, 3,269 assistants
    nurses = values(baseline_result, "home_care", "fte", 2025, "nurses") + values(
        baseline_result, "nursing_home", "fte", 2025, "nurses")
    assert nurses == pytest.approx(7477 * 954 / 7514)
    assert values(baseline_result, "kindergarten", "fte", 2030, "pedagogical_leaders") == pytest.approx(
        values(baseline_result, "kindergarten", "fte", 2030) * 0.428571)
    assert values(baseline_result, "primary_school", "fte", 2030, "teachers") == pytest.approx(
        values(baseline_result, "primary_school", "fte", 2030))
    # an interval splits with its service
    row = fte[(fte["service"] == "home_care") & (fte["year"] == 2040)].set_index("occupation")
    assert row.loc["nurses", "upper"] / row.loc["all", "upper"] == pytest.approx(
        row.loc["nurses", "value"] / row.loc["all", "value"])


def test_capacity_residents_per_100_aged_80_plus(baseline_result):
    rate = values(baseline_result, "nursing_home", "users_per_100_aged_80plus")
    f = baseline_result.frame
    assert f.loc[f["variable"] == "users_per_100_aged_80plus", "unit"].unique().tolist() == ["per 100 aged 80+"]
    paths = baseline_result.population["baseline"]
    aged = paths.persons[0, paths.years.index(2025)][:, 80:].sum()
    assert rate[2025] == pytest.approx(100 * 2089 / aged)
    assert 10 < rate[2025] < 25 and rate[2040] < rate[2025]  # residents held per age band; the 80+ grow faster


def test_school_calibration_reproduces_udir(baseline_result):
    # population year 2025 ↔ school year 2024-25: 30,713 pupils, 2,855.2 teacher FTE
    assert values(baseline_result, "primary_school", "users", 2025) == pytest.approx(30_713)
    assert values(baseline_result, "primary_school", "fte", 2025) == pytest.approx(2855.2)


def test_kindergarten_meets_staffing_norm_in_calibration_year():
    from forecast.population import population
    from forecast.need.calibration import calibrate

    cube = population(2030, "MMMM")
    cal = calibrate("kindergarten", "4601", cube, 2025)
    assert cal.year == 2018
    children = {b.label: cube.slice("4601")[cube.years.index(2018)][:, b.lo].sum() * cal.coverage[b.label]
                for b in cal.bands}
    assert sum(children.values()) == pytest.approx(15_220)
    norm = sum(children[a] for a in "012") / 3 + sum(children[a] for a in "345") / 6
    assert cal.fte == pytest.approx(norm)  # 2017 staffing (3,358.6 FTE) was below the norm, raised to it
    assert any("below the bemanningsnorm" in a for a in (n.text() for n in cal.notes if n.kind == "assumption"))


def test_staffing_override_sets_base_year_fte_exactly():
    from forecast import run

    result = run(scenario_from_dict({"municipality": "4601", "staffing": {"home_care": 2450.0, "nursing_home": 1800}}))
    assert values(result, "home_care", "fte", 2025) == pytest.approx(2450.0)
    assert values(result, "nursing_home", "fte", 2025) == pytest.approx(1800.0)
    assert any("base-year FTE 2,450.0 from the scenario" in n for n in result.note_texts())


def test_standard_changes_compound_from_base(baseline_result):
    from forecast import run

    result = run(scenario_from_dict({
        "municipality": "4601",
        "services": {"home_care": {"fte_per_user_change": -0.005, "coverage_change": 0.01}},
    }))
    base_fte = values(baseline_result, "home_care", "fte")
    new_fte = values(result, "home_care", "fte")
    new_users = values(result, "home_care", "users")
    assert new_fte[2025] == pytest.approx(base_fte[2025])
    assert new_users[2040] / values(baseline_result, "home_care", "users", 2040) == pytest.approx(1.01 ** 15)
    assert new_fte[2040] / base_fte[2040] == pytest.approx(1.01 ** 15 * 0.995 ** 15)
    # other services untouched
    assert values(result, "nursing_home", "fte", 2040) == pytest.approx(values(baseline_result, "nursing_home", "fte", 2040))


def test_municipality_without_local_school_or_kindergarten_data_uses_national_figures():
    from forecast import run

    result = run(scenario_from_dict({"municipality": "Stavanger", "period": {"base": 2025, "end": 2030}}))
    assert set(result.frame["municipality"]) == {"1103"}
    assert any(a.startswith("primary_school: no Udir figures for this municipality") for a in result.assumption_texts())
    assert any(a.startswith("kindergarten: no local Udir staffing") for a in result.assumption_texts())
    assert (result.frame["value"] >= 0).all()


def test_frame_units_never_mix(baseline_result):
    f = baseline_result.frame
    units = f.groupby("variable")["unit"].unique().map(list).to_dict()
    assert units["fte"] == ["FTE"]
    assert units["users"] == ["persons"]
    assert units["population"] == ["persons"]
    assert units["fte_per_user"] == ["FTE per person"]
    assert list(f.columns) == ["scenario", "municipality", "service", "occupation", "variable", "unit", "year",
                               "value", "lower", "upper"]
    assert sorted(f["year"].unique()) == list(range(2025, 2041))


def test_public_compare_can_be_called_twice():
    import forecast

    paths = [ROOT / "scenarios" / "bergen" / "baseline.yaml", ROOT / "scenarios" / "bergen" / "robot.yaml"]
    first = forecast.compare(paths)
    second = forecast.compare(paths)
    assert type(first) is type(second)
    assert callable(forecast.compare)


def test_kindergarten_need_never_below_the_staffing_norm(baseline_result):
    f = baseline_result.frame
    f = f[f["occupation"] == "all"]
    k = f[f["service"] == "kindergarten"].pivot(index="year", columns="variable", values="value")
    assert (k["fte_before_automation"] >= k["fte_norm_minimum"] - 1e-9).all()
    assert (k["fte_before_automation"] == k["fte_norm_minimum"]).any()  # the floor binds in some years (Bergen)


def test_care_history_is_ssb_12292_on_2024_borders():
    """The calibration history of care is SSB 12292's user-facing FTE, split by the same fit every year: Bergen's
    6,329 FTE in 2020 (its code since 2020) to 7,477 in 2025; before 2020 there is no figure on today's borders."""
    from forecast.population import population
    from forecast.need.calibration import calibrate

    cube = population(2030, "MMMM")
    totals = {}
    for year in (2020, 2024, 2025):
        cals = [calibrate(s, "4601", cube, year) for s in ("home_care", "nursing_home")]
        assert all(c.year == year and not c.national for c in cals)
        totals[year] = sum(c.fte for c in cals)
    assert totals == pytest.approx({2020: 6329, 2024: 7161, 2025: 7477})
    early = calibrate("home_care", "4601", cube, 2019)
    assert early.national and early.year == 2019  # 12292 has no Bergen figure on 2024 borders before 2020


def test_every_municipality_calibrates_on_its_12292_figure():
    """Every municipality's home care + nursing homes in 2025 equal its SSB 12292 user-facing FTE, on the real
    rows of the shipped file (Utsira's suppressed counts included)."""
    import csv

    from forecast.population import population
    from forecast.need.calibration import calibrate

    with open(ROOT / "data" / "services" / "care" / "ssb12292_care_fte_and_users_2015_2025.csv", encoding="utf-8") as f:
        ssb = {r["municipality_code"]: float(r["value"]) for r in csv.DictReader(f)
               if r["metric"] == "user_facing_care_fte" and r["year"] == "2025"}
    assert len(ssb) == 357 and sum(ssb.values()) == 148_553
    cube = population(2026, "MMMM")
    for code, fte in ssb.items():
        home, nursing = (calibrate(s, code, cube, 2025) for s in ("home_care", "nursing_home"))
        assert home.fte + nursing.fte == pytest.approx(fte, abs=1e-6), code
        assert home.year == nursing.year == 2025 and home.fte > 0 and nursing.fte > 0
