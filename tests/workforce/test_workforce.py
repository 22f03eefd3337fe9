"""Workforce flows on Bergen's real data: identities, calibration to KS turnover, levers that move hires."""

from pathlib import Path
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.errors import ForecastError, ScenarioError
from forecast.scenario import load_scenario, scenario_from_dict

BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"
SERVICES = ["kindergarten", "primary_school", "home_care", "nursing_home"]


@pytest.fixture(scope="session")
def hired(baseline_result):
    from forecast.workforce.hires import with_hires

    return with_hires(baseline_result, load_scenario(BASELINE).scenario)


def series(result, service, variable):
    f = result.frame
    return f[(f["service"] == service) & (f["variable"] == variable)].set_index("year")["value"]


def run_hires(data: dict):
    from forecast import run

    loaded = scenario_from_dict({"municipality": "4601", "period": {"base": 2025, "end": 2032}, **data})
    return run(loaded, hires=True)


def test_original_rows_kept_and_units_stated(hired, baseline_result):
    f = hired.frame
    assert len(f) > len(baseline_result.frame)
    assert f.iloc[: len(baseline_result.frame)].equals(baseline_result.frame)
    units = f.drop_duplicates("variable").set_index("variable")["unit"]
    assert units["hires"] == "persons" and units["hires_fte"] == "FTE" and units["exits"] == "persons"
    assert units["hires_growth"] == units["hires_replacement"] == units["workforce"] == "persons"
    assert units["need_share_working_age"] == "share of persons aged 20–66"
    assert series(hired, "kindergarten", "hires").index.min() == 2026  # flows start the year after the base year


@pytest.mark.parametrize("service", SERVICES)
def test_identities_hold_every_year(hired, service):
    stock, exits, hires = (series(hired, service, v) for v in ("workforce", "exits", "hires"))
    growth, replacement = series(hired, service, "hires_growth"), series(hired, service, "hires_replacement")
    need = series(hired, service, "workforce_need")
    years = hires.index
    assert np.allclose(hires, growth + replacement)  # hires = growth + replacement
    assert np.allclose(stock[years], stock[years - 1].to_numpy() - exits + hires)  # stock follows the flows
    assert (stock >= need - 1e-9).all()  # the need is always met
    assert (growth >= 0).all() and (replacement >= 0).all()
    fte = series(hired, service, "fte")
    assert np.allclose(series(hired, service, "hires_fte"), hires * fte[2025] / stock[2025])  # FTE = persons × size


def test_base_year_persons_and_first_year_exits(hired):
    # primary school: Udir's 2,855.2 teacher FTE / (2,855.2 / 3,127 teachers) = Bergen's 3,127 teachers
    assert series(hired, "primary_school", "workforce")[2025] == pytest.approx(3127)
    # first-year exits are the KS turnover of the group times the base-year workforce (nurses: 13.9 %)
    for service, turnover in (("home_care", 0.139), ("nursing_home", 0.139), ("primary_school", 0.079)):
        stock = series(hired, service, "workforce")[2025]
        assert series(hired, service, "exits")[2026] == pytest.approx(turnover * stock)
    # nurses' position size 27,233 FTE / 32,061 persons (KS PAI 2023)
    home = series(hired, "home_care", "workforce")[2025] / series(hired, "home_care", "fte")[2025]
    assert 1 / home == pytest.approx(27_233 / 32_061, abs=1e-3)


def test_working_age_share(hired):
    f = hired.frame
    pop = f[f["variable"] == "working_age_population"].set_index("year")["value"]
    assert f[f["variable"] == "working_age_population"]["service"].unique().tolist() == ["all"]
    assert pop[2025] == pytest.approx(188_465)  # Bergen, persons aged 20–66 on 1 January 2025 (SSB 07459)
    share = series(hired, "home_care", "need_share_working_age")
    assert np.allclose(share, series(hired, "home_care", "workforce_need") / pop[share.index])


def test_higher_turnover_means_more_hires():
    low = run_hires({"workforce": {"home_care": {"turnover": 0.10}}})
    high = run_hires({"workforce": {"home_care": {"turnover": 0.25}}})
    h_low, h_high = series(low, "home_care", "hires"), series(high, "home_care", "hires")
    assert (h_high > h_low).all()
    assert series(high, "home_care", "exits")[2026] == pytest.approx(0.25 * series(high, "home_care", "workforce")[2025])
    assert np.allclose(series(low, "home_care", "workforce_need"), series(high, "home_care", "workforce_need"))
    assert any("turnover 25.0%/yr from the scenario" in n for n in high.note_texts())


def test_automation_lowers_hires():
    plain = run_hires({})
    robot = run_hires({"automation": [{"id": "robot", "kind": "fixed_fte", "service": "home_care", "fte": 50,
                                       "start": 2027}]})
    before, after = series(plain, "home_care", "hires"), series(robot, "home_care", "hires")
    assert before[2026] == pytest.approx(after[2026])
    assert (after.loc[2027:] < before.loc[2027:]).all()
    saved = before.sum() - after.sum()
    # at least the 50 FTE in persons (position size 0.849), more because a smaller staff has fewer leavers
    assert saved > 50 / 0.849
    assert series(plain, "home_care", "hires_fte").sum() - series(robot, "home_care", "hires_fte").sum() > 50
    # other services are untouched
    assert np.allclose(series(plain, "nursing_home", "hires"), series(robot, "nursing_home", "hires"))


def test_falling_need_is_met_by_attrition_without_hires():
    cut = run_hires({"automation": [{"id": "cut", "kind": "fixed_fte", "service": "home_care", "fte": 500,
                                     "start": 2027}]})
    stock, need = series(cut, "home_care", "workforce"), series(cut, "home_care", "workforce_need")
    assert series(cut, "home_care", "hires")[2027] == 0
    assert stock[2027] > need[2027]  # a surplus carried, not laid off
    assert stock[2027] == pytest.approx(stock[2026] - series(cut, "home_care", "exits")[2027])


def test_position_size_and_age_limit_levers():
    small = run_hires({"workforce": {"nursing_home": {"position_size": 0.5}}})
    fte = series(small, "nursing_home", "fte")
    assert np.allclose(series(small, "nursing_home", "workforce_need"), fte / 0.5)
    early = run_hires({"workforce": {"primary_school": {"retirement_age": 62}}})
    plain = run_hires({})
    # same base-year turnover, but a younger age limit moves exits onto the old: later years differ
    assert series(early, "primary_school", "exits")[2026] == pytest.approx(series(plain, "primary_school", "exits")[2026])
    assert not np.allclose(series(early, "primary_school", "hires"), series(plain, "primary_school", "hires"))


def test_turnover_below_age_limit_exits_is_an_error():
    with pytest.raises(ForecastError) as err:
        run_hires({"workforce": {"primary_school": {"turnover": 0.005, "retirement_age": 60}}})
    assert str(err.value) == (
        "workforce.primary_school: turnover 0.005 is not above the exits at the age limit alone (0.019 a year for "
        "this age profile); use a turnover above 0.020")


def test_summary_sums_the_period(hired):
    from forecast.workforce.hires import summary

    s = summary(hired, 2026, 2032)
    get = s.set_index(["service", "variable", "to_year"])["value"]
    for service in SERVICES:
        assert get[(service, "hires", 2032)] == pytest.approx(series(hired, service, "hires").loc[2026:2032].sum())
        assert get[(service, "hires", 2032)] == pytest.approx(
            get[(service, "hires_growth", 2032)] + get[(service, "hires_replacement", 2032)])
        fte = series(hired, service, "fte")
        assert get[(service, "fte_growth", 2032)] == pytest.approx(fte[2032] - fte[2025])
    assert get[("total", "hires", 2032)] == pytest.approx(sum(get[(s_, "hires", 2032)] for s_ in SERVICES))
    assert get[("total", "workforce", 2025)] == pytest.approx(sum(get[(s_, "workforce", 2025)] for s_ in SERVICES))
    assert set(s["unit"]) == {"persons", "FTE", "share of persons aged 20–66"}
    assert s[(s["variable"] == "hires")]["from_year"].unique().tolist() == [2026]


@pytest.mark.parametrize("first, last, message", [
    (2025, 2032, "first 2025 is not after the base year 2025: hires are counted from 2026, the first year after "
                 "it; use 2026 or later"),
    (2026, 2041, "last 2041 is after the scenario's last year 2040; use 2040 or earlier, or raise period.end in "
                 "the scenario"),
    (2030, 2028, "first 2030 is after last 2028"),
])
def test_summary_period_errors(hired, first, last, message):
    from forecast.workforce.hires import summary

    with pytest.raises(ForecastError) as err:
        summary(hired, first, last)
    assert str(err.value) == message


def test_scenario_keys_are_validated(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text('municipality: "4601"\nworkforce:\n  home_care:\n    turnover: 13.9\n    position_size: 0\n'
                    "  nursing_home:\n    retirement_age: 90\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    lines = str(err.value).split("\n")
    assert lines[0].endswith("bad.yaml:4: workforce.home_care.turnover: 13.9 is above 1; percentages are fractions: "
                             "write 0.139 for 13.9 %")
    assert lines[1].endswith("bad.yaml:5: workforce.home_care.position_size: must be above 0 and at most 1 (FTE per "
                             "person), got 0")
    assert lines[2].endswith("bad.yaml:7: workforce.nursing_home.retirement_age: 90 is not an age limit for "
                             "employees; use an age between 55 and 75")


def test_staffing_without_workforce_keys_is_flagged():
    result = run_hires({"staffing": {"home_care": 4166}})
    assert any(a.startswith("home_care: `staffing:` sets the base-year FTE") and "0.219 and 0.825" in a
               for a in result.assumption_texts())
    assert series(result, "home_care", "workforce")[2025] == pytest.approx(4166 / (27_233 / 32_061), rel=1e-3)
