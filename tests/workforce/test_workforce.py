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


def series(result, service, variable, occupation="all"):
    f = result.frame
    f = f[(f["service"] == service) & (f["variable"] == variable) & (f["occupation"] == occupation)]
    return f.set_index("year")["value"]


def run_hires(data: dict):
    from forecast import run

    loaded = scenario_from_dict({"municipality": "4601", "period": {"base": 2025, "end": 2032}, **data})
    return run(loaded, hires=True)


def trades():
    from forecast.vocabulary import occupations_of

    return [(s, o) for s in SERVICES for o in occupations_of(s)]


def test_original_rows_kept_and_units_stated(hired, baseline_result):
    f = hired.frame
    assert len(f) > len(baseline_result.frame)
    assert f.iloc[: len(baseline_result.frame)].equals(baseline_result.frame)
    units = f.drop_duplicates("variable").set_index("variable")["unit"]
    assert units["hires"] == "persons" and units["hires_fte"] == "FTE" and units["exits"] == "persons"
    assert units["hires_growth"] == units["hires_replacement"] == units["workforce"] == "persons"
    assert units["need_share_working_age"] == "share of persons aged 20–66"
    assert series(hired, "kindergarten", "hires").index.min() == 2026  # flows start the year after the base year


@pytest.mark.parametrize("service, occupation", trades())
def test_identities_hold_every_year_per_occupation(hired, service, occupation):
    from forecast.data.parameters import occupations

    def get(variable):
        return series(hired, service, variable, occupation)

    stock, exits, hires, need = get("workforce"), get("exits"), get("hires"), get("workforce_need")
    growth, replacement = get("hires_growth"), get("hires_replacement")
    years = hires.index
    assert np.allclose(hires, growth + replacement)  # hires = growth + replacement
    assert np.allclose(stock[years], stock[years - 1].to_numpy() - exits + hires)  # stock follows the flows
    assert (stock >= need - 1e-9).all()  # the need is always met
    assert (growth >= 0).all() and (replacement >= 0).all()
    fte = get("fte")
    size = fte[2025] / stock[2025]
    assert np.allclose(get("hires_fte"), hires * size)  # FTE = persons × position size
    if occupation != "teachers":  # teachers: Udir's local position size
        assert size == pytest.approx(occupations().position_size[occupation])
        # first-year exits are the occupation's KS turnover times its base-year workforce
        assert exits[2026] == pytest.approx(occupations().turnover[occupation] * stock[2025])


@pytest.mark.parametrize("service", SERVICES)
def test_occupations_sum_to_their_service(hired, service):
    from forecast.vocabulary import occupations_of

    for variable in ("fte", "workforce", "workforce_need", "exits", "hires", "hires_fte", "hires_growth",
                     "hires_replacement"):
        whole = series(hired, service, variable)
        parts = sum(series(hired, service, variable, o) for o in occupations_of(service))
        assert np.allclose(parts, whole), variable


def test_base_year_persons_and_first_year_exits(hired):
    # primary school: Udir's 2,855.2 teacher FTE / (2,855.2 / 3,127 teachers) = Bergen's 3,127 teachers
    assert series(hired, "primary_school", "workforce")[2025] == pytest.approx(3127)
    assert series(hired, "primary_school", "exits")[2026] == pytest.approx(0.079 * 3127)
    # nurses' position size 22,394 FTE / 26,449 persons (KS PAI 2023): Bergen's 949 nurse FTE are 1,121 persons
    nurses = sum(series(hired, s, "workforce", "nurses")[2025] for s in ("home_care", "nursing_home"))
    assert nurses == pytest.approx(7477 * 954 / 7514 / 0.847)
    # care exits mix the occupations' turnover: between health workers' 11.6 % and assistants' 27.6 %
    rate = series(hired, "home_care", "exits")[2026] / series(hired, "home_care", "workforce")[2025]
    assert 0.116 < rate < 0.276


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
    assert any("turnover 25.0%/yr for every occupation from the scenario" in n for n in high.note_texts())
    # one occupation's own figure wins over the service's
    one = run_hires({"workforce": {"home_care": {"turnover": 0.25, "occupations": {"nurses": {"turnover": 0.1}}}}})
    stock = series(one, "home_care", "workforce", "nurses")[2025]
    assert series(one, "home_care", "exits", "nurses")[2026] == pytest.approx(0.1 * stock)
    stock = series(one, "home_care", "workforce", "assistants")[2025]
    assert series(one, "home_care", "exits", "assistants")[2026] == pytest.approx(0.25 * stock)


def test_full_time_goal_lowers_persons_and_hires_not_fte():
    plain = run_hires({})
    goal = run_hires({"workforce": {"nursing_home": {"occupations": {"assistants": {"position_size_end": 0.9}}}}})
    get = lambda r, v: series(r, "nursing_home", v, "assistants")  # noqa: E731
    assert np.allclose(get(goal, "fte"), get(plain, "fte"))
    assert get(goal, "workforce")[2025] == pytest.approx(get(plain, "workforce")[2025])  # today's size: 0.715
    assert get(goal, "workforce_need")[2032] == pytest.approx(get(goal, "fte")[2032] / 0.9)
    assert get(goal, "hires").sum() < get(plain, "hires").sum()
    sizes = get(goal, "hires_fte") / get(goal, "hires")
    assert sizes[2026] == pytest.approx(0.715 + (0.9 - 0.715) / 7) and sizes[2032] == pytest.approx(0.9)
    assert any("position size of assistants rises linearly from 0.715 to 0.900" in n for n in goal.note_texts())


def test_a_mix_shift_moves_fte_and_hires_between_occupations():
    plain = run_hires({})
    shift = run_hires({"occupations": {"home_care": {"health_workers": 0.05}}})
    assert np.allclose(series(shift, "home_care", "fte"), series(plain, "home_care", "fte"))  # the service is the same
    share = series(shift, "home_care", "fte", "health_workers") / series(shift, "home_care", "fte")
    base = share[2025]
    assert share[2032] == pytest.approx(base + 0.05) and share[2030] == pytest.approx(base + 0.05 * 5 / 7)
    moved = (series(shift, "home_care", "fte", "assistants") - series(plain, "home_care", "fte", "assistants"))
    assert moved[2032] == pytest.approx(-0.05 * series(plain, "home_care", "fte")[2032])  # taken from assistants
    more = series(shift, "home_care", "hires", "health_workers").sum()
    assert more > series(plain, "home_care", "hires", "health_workers").sum()
    assert series(shift, "home_care", "hires", "assistants").sum() < series(plain, "home_care", "hires",
                                                                            "assistants").sum()
    assert any(n.startswith("home_care: occupation shares of FTE change linearly from the base year to 2032")
               for n in shift.note_texts())


def test_automation_lowers_hires():
    plain = run_hires({})
    robot = run_hires({"automation": [{"id": "robot", "kind": "fixed_fte", "service": "home_care", "fte": 50,
                                       "start": 2027}]})
    before, after = series(plain, "home_care", "hires"), series(robot, "home_care", "hires")
    assert before[2026] == pytest.approx(after[2026])
    assert (after.loc[2027:] < before.loc[2027:]).all()
    saved = before.sum() - after.sum()
    # at least the 50 FTE in persons (every care position size is below 1), more as a smaller staff has fewer leavers
    assert saved > 50 / 0.898
    assert series(plain, "home_care", "hires_fte").sum() - series(robot, "home_care", "hires_fte").sum() > 50
    # other services are untouched
    assert np.allclose(series(plain, "nursing_home", "hires"), series(robot, "nursing_home", "hires"))


def test_falling_need_is_met_by_attrition_without_hires():
    cut = run_hires({"automation": [{"id": "cut", "kind": "fixed_fte", "service": "home_care", "fte": 2000,
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
        "workforce.primary_school.teachers: turnover 0.005 is not above the exits at the age limit alone (0.019 a "
        "year for this age profile); use a turnover above 0.020")


def test_summary_sums_the_period(hired):
    from forecast.workforce.summary import summary

    s = summary(hired, 2026, 2032)
    assert set(s["occupation"]) == {"all"}
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


def test_summary_by_occupation_sums_the_services_it_works_in(hired):
    from forecast.vocabulary import OCCUPATION_IDS
    from forecast.workforce.summary import summary

    by_service = summary(hired, 2026, 2032).set_index(["service", "variable", "to_year"])["value"]
    s = summary(hired, 2026, 2032, by="occupation")
    get = s.set_index(["service", "occupation", "variable", "to_year"])["value"]
    assert list(dict.fromkeys(s.loc[s["service"] == "all", "occupation"])) == list(OCCUPATION_IDS)
    nurses = sum(series(hired, x, "hires", "nurses").loc[2026:2032].sum() for x in ("home_care", "nursing_home"))
    assert get[("all", "nurses", "hires", 2032)] == pytest.approx(nurses)
    for variable in ("hires", "hires_growth", "hires_replacement", "hires_fte"):
        assert get[("total", "all", variable, 2032)] == pytest.approx(by_service[("total", variable, 2032)])
        assert get[("all", "teachers", variable, 2032)] == pytest.approx(by_service[("primary_school", variable, 2032)])
    assert get[("all", "assistants", "hires", 2032)] == pytest.approx(
        get[("all", "assistants", "hires_growth", 2032)] + get[("all", "assistants", "hires_replacement", 2032)])


@pytest.mark.parametrize("first, last, message", [
    (2025, 2032, "first 2025 is not after the base year 2025: hires are counted from 2026, the first year after "
                 "it; use 2026 or later"),
    (2026, 2041, "last 2041 is after the scenario's last year 2040; use 2040 or earlier, or raise period.end in "
                 "the scenario"),
    (2030, 2028, "first 2030 is after last 2028"),
])
def test_summary_period_errors(hired, first, last, message):
    from forecast.workforce.summary import summary

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
    result = run_hires({"staffing": {"home_care": 4000}})
    assert any(a.startswith("home_care: `staffing:` sets the base-year FTE; they are split by the service's "
                            "occupation mix") for a in result.assumption_texts())
    assert series(result, "home_care", "fte")[2025] == pytest.approx(4000)
    parts = sum(series(result, "home_care", "workforce", o)[2025] for o in ("nurses", "assistants"))
    assert 0 < parts < series(result, "home_care", "workforce")[2025]
