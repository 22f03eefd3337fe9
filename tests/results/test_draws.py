"""Monte Carlo draws on a run, a comparison and the command line: quantile columns, totals drawn draw by draw,
differences that say whether they stand out, and the options' errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
BERGEN = ROOT / "scenarios" / "bergen"
DRAWS = 40


@pytest.fixture(scope="module")
def drawn():
    import forecast

    return forecast.run(BERGEN / "baseline.yaml", draws=forecast.Draws(DRAWS, seed=3))


@pytest.fixture(scope="module")
def several():
    import forecast

    scenario = {"municipality": ["4601", "1103", "1811"], "population": {"variant": "MMMM"}}
    return forecast.run(scenario, draws=forecast.Draws(DRAWS, seed=3))


def test_the_frame_keeps_the_central_path_and_gains_quantiles(drawn, baseline_result):
    assert drawn.quantiles == ("p10", "p50", "p90")
    assert drawn.draws == {"draws": DRAWS, "seed": 3, "scheduler": "local", "quantiles": (0.1, 0.5, 0.9)}
    keys = ["scenario", "municipality", "service", "occupation", "variable", "year"]
    both = drawn.frame.merge(baseline_result.frame, on=keys, suffixes=("", "_det"))
    assert len(both) == len(baseline_result.frame)
    assert (both["value"] - both["value_det"]).abs().max() == pytest.approx(0, abs=1e-9)
    fte = drawn.frame[(drawn.frame["variable"] == "fte") & (drawn.frame["occupation"] == "all")
                      & (drawn.frame["year"] == 2040)].set_index("service")
    assert (fte["lower"] == fte["p10"]).all() and (fte["upper"] == fte["p90"]).all()
    assert (fte["p10"] < fte["value"]).all() and (fte["value"] < fte["p90"]).all()
    base = drawn.frame[(drawn.frame["variable"] == "fte") & (drawn.frame["year"] == 2025)]
    assert (base["p10"] - base["value"]).abs().max() < 1e-6  # the base year is observed: no spread


def test_the_total_over_services_is_drawn_not_added(drawn):
    t = drawn.totals
    total = t[(t["municipality"] == "4601") & (t["service"] == "all") & (t["variable"] == "fte")
              & (t["year"] == 2040)].iloc[0]
    parts = drawn.frame[(drawn.frame["variable"] == "fte") & (drawn.frame["occupation"] == "all")
                        & (drawn.frame["year"] == 2040)]
    assert total["value"] == pytest.approx(parts["value"].sum())
    assert total["lower"] > parts["lower"].sum()  # parts are not all at their 10th percentile at once
    assert total["upper"] < parts["upper"].sum()


def test_sums_over_municipalities_and_counties_carry_their_own_interval(several):
    t = several.totals
    labels = set(t["municipality"])
    assert {"3 municipalities", "county 46 Vestland", "county 11 Rogaland", "county 18 Nordland"} <= labels
    national = t[(t["municipality"] == "3 municipalities") & (t["service"] == "home_care")
                 & (t["variable"] == "fte") & (t["occupation"] == "all") & (t["year"] == 2040)].iloc[0]
    parts = several.frame[(several.frame["service"] == "home_care") & (several.frame["variable"] == "fte")
                          & (several.frame["occupation"] == "all") & (several.frame["year"] == 2040)]
    assert len(parts) == 3
    assert national["value"] == pytest.approx(parts["value"].sum())
    assert parts["lower"].sum() < national["lower"] < national["value"] < national["upper"] < parts["upper"].sum()


def test_same_seed_same_numbers_other_seed_other_numbers():
    import forecast

    a = forecast.run(BERGEN / "robot.yaml", draws=forecast.Draws(20, seed=7))
    b = forecast.run(BERGEN / "robot.yaml", draws=forecast.Draws(20, seed=7))
    c = forecast.run(BERGEN / "robot.yaml", draws=forecast.Draws(20, seed=8))
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert not a.frame["p90"].equals(c.frame["p90"])


def test_a_comparison_says_which_differences_stand_out():
    import forecast

    result = forecast.compare([BERGEN / "baseline.yaml", BERGEN / "welfare-tech.yaml"], draws=DRAWS)
    f = result.frame
    diff = f[(f["variable"] == "fte_difference") & (f["year"] == 2040) & (f["occupation"] == "all")
             ].set_index("service")
    home = diff.loc["home_care"]
    assert home["value"] < 0 and home["p90"] < 0 and bool(home["stands_out"])
    assert home["lower"] < home["value"] < home["upper"]  # the measure's size moves with the need it acts on
    assert not bool(diff.loc["kindergarten", "stands_out"])  # no measure there: the difference is exactly zero
    assert diff.loc["kindergarten", "p10"] == diff.loc["kindergarten", "p90"] == 0


def test_a_range_in_the_scenario_widens_the_difference(tmp_path):
    import forecast

    path = tmp_path / "robot-range.yaml"
    path.write_text(f"""extends: {BERGEN / 'robot.yaml'}
automation:
  - id: digifrid
    kind: fixed_fte
    service: primary_school
    fte: {{low: 6, high: 18}}
    start: 2026
""", encoding="utf-8")
    result = forecast.compare([BERGEN / "baseline.yaml", path], draws=DRAWS)
    f = result.frame
    d = f[(f["variable"] == "fte_difference") & (f["service"] == "primary_school") & (f["year"] == 2040)
          & (f["occupation"] == "all")].iloc[0]
    assert d["value"] == pytest.approx(-12.0)
    assert -18.5 < d["p10"] < -13 and -11 < d["p90"] < -5.5


def test_csv_and_json_carry_the_quantiles(cli):
    code, out, err = cli("run", BERGEN / "baseline.yaml", "--draws", "20", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns)[-3:] == ["p10", "p50", "p90"]
    code, out, err = cli("run", BERGEN / "baseline.yaml", "--draws", "20", "--quantiles", "0.05,0.5,0.95",
                         "--format", "json")
    assert code == 0, err
    record = next(r for r in json.loads(out) if r["variable"] == "fte" and r["year"] == 2040)
    assert set(record) >= {"p5", "p50", "p95", "lower", "upper"} and record["lower"] == record["p5"]


def test_the_table_shows_the_drawn_interval_of_the_total(cli):
    code, out, err = cli("run", BERGEN / "baseline.yaml", "--draws", "20", "--year", "2040")
    assert code == 0, err
    total = next(line for line in out.splitlines() if line.startswith("│ total"))
    assert "–" in total.split("│")[-2]  # the total has an interval
    assert "percentile of 20 Monte Carlo draws (seed 0)" in " ".join(out.split())


@pytest.mark.parametrize(("args", "message"), [
    (["--draws", "5"], "error: --draws 5: give at least 10 draws (500–1000 for stable 10th and 90th percentiles)"),
    (["--draws", "20", "--quantiles", "0.1,x"], "error: --quantiles '0.1,x': give numbers between 0 and 1 "
                                                "separated by commas, e.g. 0.1,0.5,0.9"),
    (["--draws", "20", "--quantiles", "0.5,1.5"], "error: --quantiles 0.5,1.5: give at least two numbers between "
                                                  "0 and 1, e.g. 0.1,0.5,0.9"),
    (["--workers", "2"], "error: --quantiles and --workers apply to draws: add --draws N (e.g. --draws 500)"),
])
def test_bad_draw_options_are_named(cli, args, message):
    code, out, err = cli("run", BERGEN / "baseline.yaml", *args)
    assert code == 2
    assert err.strip() == message


def test_hires_over_a_period_carry_the_interval_of_their_sum():
    import forecast

    result = forecast.hires(BERGEN / "baseline.yaml", 2026, 2032, draws=forecast.Draws(DRAWS, seed=3))
    h = result.hires.by_municipality
    hires = h[h["variable"] == "hires"].set_index("service")
    assert hires.loc["total", "value"] == pytest.approx(hires.drop("total")["value"].sum())
    assert (hires["lower"] < hires["value"]).all() and (hires["value"] < hires["upper"]).all()
    assert hires.loc["total", "upper"] < hires.drop("total")["upper"].sum()  # drawn, not added
    later = forecast.hires(BERGEN / "baseline.yaml", 2030, 2032, draws=forecast.Draws(DRAWS, seed=3))
    h = later.hires.by_municipality
    assert h.loc[h["variable"] == "hires", "lower"].isna().all()  # the cumulative sum starts after the base year


def test_hires_by_occupation_with_draws_in_the_table(cli):
    code, out, err = cli("hires", BERGEN / "baseline.yaml", "--to", "2032", "--by", "occupation", "--draws", "20")
    assert code == 0, err
    assert "80 % interval" in " ".join(out.split())
    nurses = next(line for line in out.splitlines() if line.startswith("│ nurses"))
    assert "–" in nurses.split("│")[4]


def test_json_of_hires_and_comparisons_is_valid_and_carries_the_draws(cli):
    code, out, err = cli("hires", BERGEN / "baseline.yaml", "--to", "2032", "--draws", "20", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)  # NaN would not parse as strict JSON
    hires = next(r for r in rows if r["variable"] == "hires" and r["service"] == "total")
    assert list(hires)[-5:] == ["lower", "upper", "p10", "p50", "p90"] and hires["lower"] == hires["p10"]
    exits = next(r for r in rows if r["variable"] == "exits")
    assert "lower" not in exits and "p10" not in exits
    code, out, err = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml", "--draws", "20", "-f", "json")
    assert code == 0, err
    diff = next(r for r in json.loads(out) if r["variable"] == "fte_difference" and r["year"] == 2040
                and r["service"] == "primary_school")
    assert diff["value"] == diff["p10"] == diff["p90"] == pytest.approx(-12.0) and diff["stands_out"] is True


def test_the_comparison_table_says_which_differences_stand_out(cli):
    code, out, err = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml", "--draws", "20", "--year", "2040")
    assert code == 0, err
    lines = out.splitlines()
    school = lines.index(next(line for line in lines if line.startswith("│ primary_school")))
    assert lines[school + 2].split("│")[-2].strip() == "no spread *"  # the robot's −12 FTE in every draw
    assert "* the difference stands out: its interval excludes zero" in " ".join(out.split())


def test_hires_from_a_later_year_say_why_they_have_no_interval(cli):
    code, out, err = cli("hires", BERGEN / "baseline.yaml", "--from", "2030", "--to", "2032", "--draws", "20")
    assert code == 0, err
    assert ("No interval for the hires: the draws sum hires from the year after the base year; use --from 2026 for "
            "the interval of hires from then to 2032.") in " ".join(out.split())
