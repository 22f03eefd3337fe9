"""Calibration reproduces the observed staffing; levers move users and FTE as documented."""

from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.scenario import scenario_from_dict


def values(result, service, variable, year=None):
    f = result.frame
    s = f[(f["service"] == service) & (f["variable"] == variable)].set_index("year")["value"]
    return s if year is None else s[year]


def test_care_calibration_reproduces_nurse_fte(baseline_result):
    # base year 2025 = calibration year of the care panel; the two services share Bergen's 1,531 nurse FTE
    total = values(baseline_result, "home_care", "fte", 2025) + values(baseline_result, "nursing_home", "fte", 2025)
    assert total == pytest.approx(1531.0)
    assert values(baseline_result, "home_care", "users", 2025) == pytest.approx(8862)
    assert values(baseline_result, "nursing_home", "users", 2025) == pytest.approx(2089)


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
    assert list(f.columns) == ["scenario", "municipality", "service", "variable", "unit", "year", "value",
                               "lower", "upper"]
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
    k = f[f["service"] == "kindergarten"].pivot(index="year", columns="variable", values="value")
    assert (k["fte_before_automation"] >= k["fte_norm_minimum"] - 1e-9).all()
    assert (k["fte_before_automation"] == k["fte_norm_minimum"]).any()  # the floor binds in some years (Bergen)


def test_care_history_uses_one_nurse_split():
    """The national split drifted (0.12 → 0.33 nurse FTE per resident, 2015–2025); with one split, the share of
    Bergen's nurse FTE in nursing homes moves only with users, not with the method."""
    from forecast.population import population
    from forecast.need.calibration import calibrate

    cube = population(2030, "MMMM")

    def nh_share(year, split):
        nh = calibrate("nursing_home", "4601", cube, year, split_year=split).fte
        hc = calibrate("home_care", "4601", cube, year, split_year=split).fte
        return nh / (nh + hc)

    assert abs(nh_share(2015, 2025) - nh_share(2025, 2025)) < 0.05
    assert nh_share(2015, 2015) < nh_share(2025, 2025) - 0.15  # what the drifting split would have shown
