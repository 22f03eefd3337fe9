"""Bad scenario files, one per case (tests/scenario/validation/error_<case>.yaml), each with its exact message.

Every line is `FILE:LINE: key: message` with a fix; all problems of a file (and of the files it extends) come at once.
"""

from pathlib import Path
import json

import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.errors import ScenarioError
from forecast.scenario import load_scenario, scenario_from_dict

CASES = ROOT / "tests" / "scenario" / "validation"

EXPECTED = {  # case → the exact lines of the error, in order
    "adoption_order": [
        'error_adoption_order.yaml:8: automation[0].adoption.full: 2028 is before start 2032; full is the year adoption is complete',
        "error_adoption_order.yaml:8: automation[0].adoption.curve: 'logistik' is not allowed; did you mean 'logistic'? use one of linear, logistic",
    ],
    "base_out_of_range": [
        'error_base_out_of_range.yaml:2: period.base: 2015 is outside 2022–2026, the base years the shipped data can calibrate every service on',
        "error_base_out_of_range.yaml:2: period.end: 2055 is after 2050, the last year of SSB's regional projection",
    ],
    "cyclic_extends": [
        'cycle_partner.yaml:2: extends: cycle: error_cyclic_extends.yaml → cycle_partner.yaml → error_cyclic_extends.yaml; remove one of the extends',
    ],
    "duplicate_id": [
        "error_duplicate_id.yaml:8: automation[1].id: id 'robot' is already used by automation[0]; give each measure its own id",
    ],
    "duplicate_key": [
        'error_duplicate_key.yaml:3: title: duplicate key; remove one of them',
    ],
    "empty": [
        'error_empty.yaml: the file is empty; a scenario needs at least municipality: "4601" (see scenarios/bergen/baseline.yaml)',
    ],
    "end_before_base": [
        'error_end_before_base.yaml:2: period: end 2020 is not after base 2025; write an end year after the base year',
    ],
    "extends_not_text": [
        'error_extends_not_text.yaml:1: extends: expected a file name, e.g. extends: baseline.yaml',
    ],
    "fixed_fte_many_municipalities": [
        'error_fixed_fte_many_municipalities.yaml:7: automation[0].fte: a fixed number of FTE belongs to one municipality, but the scenario covers 2; use task_share or annual_rate, or one municipality per scenario',
    ],
    "fraction_above_one": [
        'error_fraction_above_one.yaml:4: services.home_care.fte_per_user_change: 1.5 is above 1; percentages are fractions: write 0.015 for 1.5 %',
        'error_fraction_above_one.yaml:9: automation[0].task_share: 15 is above 1; percentages are fractions: write 0.15 for 15 %',
    ],
    "measure_outside_period": [
        'error_measure_outside_period.yaml:7: automation[0].start: 2019 is before the base year 2025, whose staffing already includes measures in place then; start in 2025 or later',
        'error_measure_outside_period.yaml:13: automation[1].adoption.start: 2045 is after the end year 2040, so the measure would change nothing; start by 2040 or extend period.end',
    ],
    "missing_extends": [
        'error_missing_extends.yaml:1: extends: file not found: basline.yaml (looked for basline.yaml); did you mean base.yaml?',
    ],
    "missing_key": [
        "error_missing_key.yaml:3: automation[0]: missing key 'start'; e.g. start: 2026",
        "error_missing_key.yaml:7: automation[1]: missing key 'kind'; use one of fixed_fte, task_share, annual_rate",
    ],
    "negative_fte": [
        'error_negative_fte.yaml:3: staffing.home_care: must be more than 0, got -2450; leave the service out of staffing: to use the calibrated figure',
        'error_negative_fte.yaml:8: automation[0].fte: -12 FTE is negative; a measure offsets need: write the FTE it saves, e.g. 12',
    ],
    "no_municipality": [
        'error_no_municipality.yaml: missing key \'municipality\'; e.g. municipality: "4601"',
    ],
    "not_a_mapping": [
        'error_not_a_mapping.yaml:1: a scenario file is a mapping of keys (municipality: "4601", period: …); see scenarios/bergen/baseline.yaml',
    ],
    "parent_problem": [
        "bad_parent.yaml:3: populaton: unknown key 'populaton'; did you mean 'population'?",
    ],
    "percent_text": [
        "error_percent_text.yaml:4: services.nursing_home.coverage_change: expected a number, got '1.5 %'; percentages are fractions: write 0.015",
    ],
    "python_tag": [
        'error_python_tag.yaml:2: title: YAML tag !!python/object/apply:os.system would build a Python object; scenario files hold plain values only: remove the tag',
    ],
    "syntax": [
        'error_syntax.yaml:4: YAML syntax error: mapping values are not allowed here; check indentation, colons and quotes',
    ],
    "tab_indent": [
        'error_tab_indent.yaml:3: YAML syntax error: a tab character; indent with spaces, not tabs',
    ],
    "two_documents": [
        "error_two_documents.yaml:3: YAML syntax error: a second document (---); a scenario file holds one document: remove the '---' line and what follows, or merge the two",
    ],
    "unknown_key": [
        "error_unknown_key.yaml:2: perod: unknown key 'perod'; did you mean 'period'?",
        "error_unknown_key.yaml:4: automation[0]: missing key 'fte'; e.g. fte: 12",
        "error_unknown_key.yaml:7: automation[0].fte_saves: unknown key 'fte_saves'; did you mean 'fte'?",
    ],
    "unknown_kind": [
        "error_unknown_kind.yaml:4: automation[0].kind: unknown measure kind 'task_sahre'; did you mean 'task_share'? use one of fixed_fte, task_share, annual_rate",
    ],
    "unknown_municipality": [
        "error_unknown_municipality.yaml:2: municipality[0]: unknown municipality code '9999' (use a four-digit code of the 2024 borders, e.g. 4601 for Bergen)",
        "error_unknown_municipality.yaml:2: municipality[1]: unknown municipality 'Bergn' (did you mean 'Bergen'?)",
        'error_unknown_municipality.yaml:2: municipality[2]: unknown municipality code \'1201\'; 1201 is a code from before 2020; it is now 4601 (Bergen): write "4601"',
    ],
    "unknown_service": [
        "error_unknown_service.yaml:3: services.homecare: unknown service 'homecare'; did you mean 'home_care'? services are kindergarten, primary_school, home_care, nursing_home",
        "error_unknown_service.yaml:7: automation[0].service: unknown service 'schools'; services are kindergarten, primary_school, home_care, nursing_home",
    ],
    "unknown_variant": [
        "error_unknown_variant.yaml:3: population.variant: unknown variant 'MMM'; use one of MMMM (main), HHMH (high), LLML (low)",
    ],
    "unquoted_code": [
        'error_unquoted_code.yaml:2: municipality: 0301 is read by YAML as the number 193; quote it: "0301"',
    ],
    "wrong_type": [
        "error_wrong_type.yaml:3: period.base: expected a whole number, got 'twenty-five'",
        'error_wrong_type.yaml:5: services.home_care: expected a mapping (key: value lines), got 0.01',
    ],
    "staffing_many_municipalities": [
        "error_staffing_many_municipalities.yaml:2: staffing.home_care: base-year FTE belong to one municipality, but the scenario covers 2; give staffing: in a scenario of one municipality each",
    ],
    "percent_as_fraction": [
        "error_percent_as_fraction.yaml:3: services.home_care.fte_per_user_change: 0.5 is 50 % a year; percentages are fractions: write 0.005 for 0.5 %/yr (changes beyond ±0.1 a year are not accepted)",
    ],
    "staffing_zero": [
        "error_staffing_zero.yaml:2: staffing.nursing_home: must be more than 0, got 0; leave the service out of staffing: to use the calibrated figure",
    ],
    # every number finite and typed; plausibility bounds (data/parameters/bounds.yaml); files that are not text
    "not_finite": [
        'error_not_finite.yaml:3: services.home_care.coverage_change: expected a finite number, got nan (not a number, infinite, or too large); write a number',
        'error_not_finite.yaml:3: services.home_care.fte_per_user_change: expected a finite number, got -inf (not a number, infinite, or too large); write a number',
        'error_not_finite.yaml:5: staffing.nursing_home: expected a finite number, got inf (not a number, infinite, or too large); write a number',
        "error_not_finite.yaml:6: staffing.kindergarten: expected a finite number, got '1e309' (not a number, infinite, or too large); write a number",
        'error_not_finite.yaml:8: automation[0].task_share: expected a finite number, got nan (not a number, infinite, or too large); write a number',
        'error_not_finite.yaml:10: automation[1].rate: expected a finite number, got nan (not a number, infinite, or too large); write a number',
        'error_not_finite.yaml:12: workforce.home_care.turnover: expected a finite number, got nan (not a number, infinite, or too large); write a number',
        'error_not_finite.yaml:12: workforce.home_care.position_size: expected a finite number, got inf (not a number, infinite, or too large); write a number',
    ],
    "boolean_number": [
        'error_boolean_number.yaml:2: period.end: expected a number, got true (YAML reads true, false, yes, no, on and off as true or false); write a number',
        'error_boolean_number.yaml:4: staffing.home_care: expected a number, got true (YAML reads true, false, yes, no, on and off as true or false); write a number',
        'error_boolean_number.yaml:6: automation[0].fte: expected a number, got true (YAML reads true, false, yes, no, on and off as true or false); write a number',
        'error_boolean_number.yaml:6: automation[0].ramp_years: expected a number, got true (YAML reads true, false, yes, no, on and off as true or false); write a number',
        'error_boolean_number.yaml:8: workforce.nursing_home.retirement_age: expected a number, got false (YAML reads true, false, yes, no, on and off as true or false); write a number',
    ],
    "huge_number": [
        'error_huge_number.yaml:3: staffing.home_care: a number of 5,000 digits is too large; write a number',
        'error_huge_number.yaml:4: staffing.nursing_home: a number of 400 digits is too large; write a number',
    ],
    "deep_nesting": [
        'error_deep_nesting.yaml: nested more than 20 levels deep; scenario keys are at most four levels deep (data/parameters/bounds.yaml: scenario_max_depth)',
    ],
    "control_character": [
        'error_control_character.yaml:2: the control character U+0000 is not allowed in a scenario file; remove it (or save the file as plain UTF-8 text)',
    ],
    "title_too_long": [
        'error_title_too_long.yaml:2: title: 252 characters; a title is at most 200 (data/parameters/bounds.yaml: title_max_chars): shorten it',
    ],
    "title_escape": [
        'error_title_escape.yaml:2: title: holds the control character U+001B; a title is one line of text: remove it',
    ],
    "extends_device": [
        'error_extends_device.yaml:1: extends: /dev/zero: not a regular file but a device; give a scenario YAML file',
    ],
    "history_not_population": [
        'error_history_not_population.yaml:3: population.history: raw_export.csv: missing column(s) municipality, year, sex, persons; found region, age, 2024 (the file must have a header line with these column names); write shipped, fetched, or the path of a `forecast data import` CSV',
    ],
    "implausible_fte": [
        "error_implausible_fte.yaml:3: staffing.home_care: 1e+300 FTE is 2.94e+296 times the 3,401 FTE the population implies (the calibrated base-year need); at most 10 times is accepted (data/parameters/bounds.yaml: staffing_max_ratio): give the service's FTE (årsverk) in 2025",
        "error_implausible_fte.yaml:5: automation[0].fte: 1e+308 FTE is more than primary_school's whole FTE need in 2026 (2,827 FTE before automation); a measure offsets at most 100% of it (data/parameters/bounds.yaml: automation_max_share): give the FTE the measure does the work of",
    ],
    # occupations (issue 13): a mix change keeps every share in [0, 1] and the shares summing to 1
    "occupation_share_out_of_range": [
        "error_occupation_share_out_of_range.yaml:4: occupations.home_care.nurses: -0.3 would take the share of nurses in 4601 Bergen from 0.127 to -0.173 by 2040; a share stays between 0 and 1: use at least -0.127",
        "error_occupation_share_out_of_range.yaml:5: occupations.nursing_home: the changes (together +0.6, taken up by assistants) would take the share of assistants in 4601 Bergen from 0.435 to -0.165 by 2040; a share stays between 0 and 1: let the changes add at most +0.435 together",
    ],
    "occupation_shares_do_not_sum": [
        "error_occupation_shares_do_not_sum.yaml:5: occupations.home_care.assistants: the changes sum to +0.02, not 0, so the shares would no longer sum to 1; change assistants by -0.05, or leave assistants out to let it take up the difference",
    ],
    "occupation_not_in_service": [
        "error_occupation_not_in_service.yaml:3: occupations.kindergarten.nurses: nurses do not work in kindergarten; its occupations are pedagogical_leaders, kindergarten_assistants",
        "error_occupation_not_in_service.yaml:4: occupations.primary_school: primary_school has one occupation (teachers): there is no mix to change; leave it out",
        "error_occupation_not_in_service.yaml:8: workforce.home_care.occupations.teachers: teachers do not work in home_care; its occupations are nurses, specialist_nurses, health_workers, assistants, social_educators, other_care_staff",
    ],
    "unknown_occupation": [
        "error_unknown_occupation.yaml:3: occupations.home_care.helsefagarbeidere: unknown occupation 'helsefagarbeidere'; did you mean 'health_workers'? occupations are nurses, specialist_nurses, health_workers, assistants, social_educators, other_care_staff, pedagogical_leaders, kindergarten_assistants, teachers",
        "error_unknown_occupation.yaml:7: workforce.nursing_home.occupations.asistants: unknown occupation 'asistants'; did you mean 'assistants'? occupations are nurses, specialist_nurses, health_workers, assistants, social_educators, other_care_staff, pedagogical_leaders, kindergarten_assistants, teachers",
        "error_unknown_occupation.yaml:8: workforce.nursing_home.occupations.nurses.position_size_end: 85 is above 1; percentages are fractions: write 0.85 for 85 %",
    ],
}


@pytest.fixture
def in_cases(monkeypatch):
    monkeypatch.chdir(CASES)  # messages name files relative to the working folder


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_reports_exact_message(case, in_cases):
    import forecast

    with pytest.raises(ScenarioError) as err:
        forecast.validate(f"error_{case}.yaml")  # all that `run` checks before computing
    assert str(err.value) == "\n".join(EXPECTED[case])


def test_every_case_file_has_an_expectation():
    files = sorted(p.name[len("error_"):-len(".yaml")] for p in CASES.glob("error_*.yaml"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 12


def test_base_of_the_cases_is_valid(in_cases):
    assert load_scenario("base.yaml").scenario.municipality == "4601"


def test_python_tag_builds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "owned"
    bad = tmp_path / "bad.yaml"
    bad.write_text(f'municipality: "4601"\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
                   f'period: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    assert not marker.exists()
    assert [p.key for p in err.value.problems] == ["title", "period"]


def test_validate_command_lists_every_problem_of_every_file(cli, in_cases):
    files = ["base.yaml", "error_unknown_key.yaml", "error_unquoted_code.yaml"]
    code, out, err = cli("validate", *files)
    assert code == 2
    assert out == "ok: base.yaml (Validation base)\n"
    assert err == "error:\n" + "\n".join(EXPECTED["unknown_key"] + EXPECTED["unquoted_code"]) + "\n"
    assert "Traceback" not in err


def test_validate_command_accepts_the_shipped_scenarios(cli):
    files = sorted((ROOT / "scenarios" / "bergen").glob("*.yaml"))
    code, out, err = cli("validate", *files)
    assert code == 0, err
    assert out.count("ok: ") == len(files) >= 7


def test_run_refuses_an_invalid_file_with_exit_2(cli, in_cases, tmp_path):
    code, out, err = cli("run", "error_fraction_above_one.yaml", "--out", tmp_path / "res")
    assert code == 2 and out == ""
    assert err == "error:\n" + "\n".join(EXPECTED["fraction_above_one"]) + "\n"
    assert not (tmp_path / "res").exists()


def test_dict_scenarios_get_the_same_messages():
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict({"municipality": "4601", "period": {"base": 2025, "end": 2040},
                            "automation": [{"id": "x", "kind": "annual_rate", "service": "home_care", "rate": 2,
                                            "start": 2026}]}, name="api")
    assert str(err.value) == "api: automation[0].rate: 2 is above 1; percentages are fractions: write 0.02 for 2 %"


def test_problems_point_at_the_line_of_the_key(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text('municipality: "4601"\nperiod:\n  base: 2025\n  end: 2040\nservices:\n  nursing_home:\n'
                    '    trend: constnt\n')
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    (problem,) = err.value.problems
    assert (problem.line, problem.key) == (7, "services.nursing_home.trend")
    assert problem.message == ("'constnt' is not allowed; did you mean 'constant'? use one of constant, auto, naive, "
                               "drift, ets, arima, theta, prophet, combo")


def test_extends_merges_mappings_and_replaces_lists(tmp_path):
    (tmp_path / "a.yaml").write_text(
        'municipality: "4601"\nperiod: {base: 2025, end: 2040}\nservices:\n  home_care: {coverage_change: 0.01}\n'
        "automation:\n  - {id: one, kind: fixed_fte, service: home_care, fte: 1, start: 2026}\n")
    (tmp_path / "b.yaml").write_text(
        "extends: a.yaml\nperiod: {end: 2035}\nservices:\n  home_care: {fte_per_user_change: -0.005}\n"
        "automation:\n  - {id: two, kind: annual_rate, service: nursing_home, rate: 0.01, start: 2027}\n")
    (tmp_path / "c.yaml").write_text("extends: b.yaml\ntitle: grandchild\n")
    loaded = load_scenario(tmp_path / "c.yaml")
    scn = loaded.scenario
    assert (scn.period.base, scn.period.end) == (2025, 2035)
    assert (scn.services["home_care"].coverage_change, scn.services["home_care"].fte_per_user_change) == (0.01, -0.005)
    assert [m.id for m in scn.automation] == ["two"]
    assert [p.name for p in loaded.files] == ["c.yaml", "b.yaml", "a.yaml"]


def test_unquoted_bergen_code_and_names_resolve_with_a_message(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("municipality: [Bergen, 4601]\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert [str(p).split(": ", 1)[1] for p in err.value.problems] == [
        'municipality[1]: 4601 is read by YAML as a number; quote it: "4601"']
    path.write_text('municipality: [Bergen, "0301"]\n')
    assert load_scenario(path).scenario.municipality == ["4601", "0301"]


def test_json_schema_command_prints_the_schema(cli):
    from forecast.scenario.schema import json_schema

    code, out, _ = cli("scenario", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema == json.loads(json.dumps(json_schema()))
    assert schema["required"] == ["municipality"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"extends", "title", "description", "reference", "municipality", "period",
                                         "population", "services", "staffing", "automation", "workforce",
                                         "occupations"}
    assert set(schema["properties"]["automation"]["items"]["discriminator"]["mapping"]) == {
        "fixed_fte", "task_share", "annual_rate"}


def test_merge_keys_override_without_duplicate_complaints_and_alias_bombs_stop(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text('municipality: "4601"\nperiod:\n  <<: {base: 2025, end: 2035}\n  end: 2030\n')
    assert load_scenario(path).scenario.period.end == 2030
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert str(err.value).endswith("merge.yaml:1: the file expands to more than 100,000 values (YAML aliases?); "
                                   "write the values out (data/parameters/bounds.yaml: scenario_max_values)")


def test_trend_choices_are_the_models_trends_can_fit():
    from typing import get_args

    from forecast.scenario.schema import TrendModel
    from forecast.trends.models import MODELS

    assert set(get_args(TrendModel)) == {"constant", *MODELS}
