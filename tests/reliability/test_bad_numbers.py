"""Bad input never becomes a number: NaN, infinity, overflow and booleans in a scenario or an imported file are
refused with exit code 2 (FILE:LINE: key: message) and nothing is written; out-of-bounds values are refused naming
the bound (data/parameters/bounds.yaml), or warned about where a planner may mean them."""

import json
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"
BARE = ROOT / "tests" / "data" / "fixtures" / "variants" / "bergen_2024_bare_codes.csv"  # region,sex,age,2024
JSONSTAT = ROOT / "tests" / "data" / "fixtures" / "variants" / "bergen_2018_2019_jsonstat1.json"


def scenario(tmp_path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(f"extends: {BASELINE}\n{text}", encoding="utf-8")
    return path


@pytest.mark.parametrize("text, key, shown", [
    ("services:\n  home_care: {coverage_change: .nan}\n", "services.home_care.coverage_change", "nan"),
    ("services:\n  home_care: {fte_per_user_change: .nan}\n", "services.home_care.fte_per_user_change", "nan"),
    ("staffing: {home_care: .inf}\n", "staffing.home_care", "inf"),
    ("staffing: {home_care: 1.0e+309}\n", "staffing.home_care", "inf"),
    ('staffing: {home_care: "1e309"}\n', "staffing.home_care", "'1e309'"),
    ("workforce:\n  home_care: {turnover: .nan}\n", "workforce.home_care.turnover", "nan"),
    ("workforce:\n  home_care: {position_size: .nan}\n", "workforce.home_care.position_size", "nan"),
], ids=["coverage-nan", "fte-per-user-nan", "staffing-inf", "staffing-overflow", "staffing-overflow-text",
        "turnover-nan", "position-size-nan"])
def test_run_refuses_nan_and_infinity_and_writes_nothing(cli, tmp_path, text, key, shown):
    code, out, err = cli("run", scenario(tmp_path, text), "--out", tmp_path / "res")
    assert (code, out) == (2, "")
    assert err == (f"error: s.yaml:{2 if text.count(chr(10)) == 1 else 3}: {key}: expected a finite number, got "
                   f"{shown} (not a number, infinite, or too large); write a number\n").replace(
        "s.yaml", str(tmp_path / "s.yaml"))
    assert not (tmp_path / "res").exists()


@pytest.mark.parametrize("text, key, word", [
    ("staffing: {home_care: true}\n", "staffing.home_care", "true"),
    ("period: {end: true}\n", "period.end", "true"),
    ("workforce:\n  home_care: {retirement_age: no}\n", "workforce.home_care.retirement_age", "false"),
], ids=["staffing", "end", "retirement-age"])
def test_booleans_are_not_numbers(cli, tmp_path, text, key, word):
    code, out, err = cli("validate", scenario(tmp_path, text))
    assert code == 2
    assert f": {key}: expected a number, got {word} (YAML reads true, false, yes, no, on and off as true or " \
           "false); write a number\n" in err


def test_nan_in_automation_never_reaches_compare_or_report(cli, tmp_path):
    bad = scenario(tmp_path, "automation:\n  - {id: r, kind: annual_rate, service: home_care, rate: .nan, "
                             "start: 2027}\n")
    code, out, err = cli("compare", BASELINE, bad)
    assert (code, out) == (2, "") and "automation[0].rate: expected a finite number, got nan" in err
    code, out, err = cli("report", BASELINE, bad, "--out", tmp_path / "report")
    assert (code, out) == (2, "") and "automation[0].rate: expected a finite number, got nan" in err
    assert not (tmp_path / "report").exists()


def test_staffing_far_above_what_the_population_implies_is_refused(cli, tmp_path):
    code, _, err = cli("run", scenario(tmp_path, "staffing: {home_care: 1e300}\n"))
    assert code == 2
    assert err.endswith("staffing.home_care: 1e+300 FTE is 2.94e+296 times the 3,401 FTE the population implies (the "
                        "calibrated base-year need); at most 10 times is accepted (data/parameters/bounds.yaml: "
                        "staffing_max_ratio): give the service's FTE (årsverk) in 2025\n")


def test_staffing_outside_the_usual_band_runs_with_a_warning(cli, tmp_path):
    path = scenario(tmp_path, "staffing: {nursing_home: 10000}\n")  # 2.45 × SSB 12292's staff: possible, but check
    code, out, err = cli("validate", path)
    assert code == 0, err
    assert ("WARNING nursing_home: base-year FTE 10,000.0 from the scenario (staffing:) is 2.45 times the 4,076.4 FTE "
            "the population implies (calibrated), outside 0.5–2 times (data/parameters/bounds.yaml: "
            "staffing_warning_ratio)") in out
    code, out, err = cli("run", path, "--format", "json")
    assert code == 0, err
    code, out, err = cli("run", path)
    assert "WARNING nursing_home: base-year FTE 10,000.0" in out


def test_a_municipalitys_own_hr_staffing_is_accepted_without_warning(cli, tmp_path):
    path = scenario(tmp_path, "staffing: {home_care: 3650, nursing_home: 4400}\n")  # agreed FTE, managers included
    code, out, err = cli("validate", path)
    assert code == 0, err
    assert "WARNING" not in out  # 1.07 and 1.08 × SSB 12292's user-facing FTE


def test_automation_beyond_the_service_need_is_refused(cli, tmp_path):
    path = scenario(tmp_path, "automation:\n  - {id: r, kind: fixed_fte, service: home_care, fte: 1e308, "
                              "start: 2026}\n")
    code, _, err = cli("run", path)
    assert code == 2
    assert err.endswith("automation[0].fte: 1e+308 FTE is more than home_care's whole FTE need in 2026 (3,467 FTE "
                        "before automation); a measure offsets at most 100% of it (data/parameters/bounds.yaml: "
                        "automation_max_share): give the FTE the measure does the work of\n")


def test_a_huge_scenario_file_is_refused_before_it_is_parsed(cli, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text('municipality: "4601"\ntitle: "' + "x" * 2_000_000 + '"\n')
    code, out, err = cli("validate", path)
    assert (code, out) == (2, "")
    assert err == (f"error: {path}: the file is larger than 1,000,000 bytes, too large for a scenario "
                   "(data/parameters/bounds.yaml: scenario_max_bytes); is it a data file?\n")


def test_the_schema_bounds_are_data():
    from forecast.data.parameters import bounds, parameters
    from forecast.scenario import schema

    b = bounds()
    assert (schema.FIRST_BASE, schema.LAST_BASE, schema.LAST_END, schema.MAX_ANNUAL_CHANGE) == (
        *b.base_years, b.last_end_year, b.max_annual_change) == (2022, 2026, 2050, 0.1)
    for p in parameters("bounds").values():
        assert p.description and p.unit and p.reference


def test_a_parameter_file_with_nan_is_refused(tmp_path, monkeypatch):
    from forecast.data import parameters
    from forecast.errors import DataError

    (tmp_path / "parameters").mkdir()
    (tmp_path / "parameters" / "odd.yaml").write_text(
        "x:\n  description: d\n  unit: u\n  reference: r\n  value: {a: [1, .nan]}\n")
    monkeypatch.setenv("FORECAST_DATA", str(tmp_path))
    parameters.parameters.cache_clear()
    try:
        with pytest.raises(DataError, match=r"odd.yaml: parameter 'x': nan is not a finite number"):
            parameters.parameters("odd")
    finally:
        parameters.parameters.cache_clear()


# ------------------------------------------------------------------------------------------ imported files
def edited(tmp_path, old: str, new: str, line: int = 2) -> Path:
    lines = BARE.read_text().splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("cell, message", [
    ("1e308", "line 2: more persons than one cell can hold (1,000,000, data/parameters/bounds.yaml: "
              "persons_per_cell): 1e+308 (a misread or corrupted number; check the cell)"),
    ("nan", "line 2: 'nan' in 2024 is not a number"),
    ("inf", "line 2: 'inf' in 2024 is not a number"),
    ("1e309", "line 2: '1e309' in 2024 is not a number"),
], ids=["1e308", "nan", "inf", "1e309"])
def test_import_refuses_impossible_counts_and_writes_nothing(cli, tmp_path, cell, message):
    out = tmp_path / "tidy.csv"
    code, stdout, err = cli("data", "import", edited(tmp_path, ",1468", f",{cell}"), "--out", out)
    assert (code, stdout) == (2, "")
    assert err.startswith(f"error: {tmp_path / 'export.csv'}: {message}")
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "export.csv"]


def test_import_refuses_ages_out_of_range(cli, tmp_path):
    code, _, err = cli("data", "import", edited(tmp_path, "0 years", "200 years"))
    assert code == 2
    assert err.startswith(f"error: {tmp_path / 'export.csv'}: line 2: age outside 0–125 (data/parameters/bounds.yaml: "
                          "ages): '200 years'")


def test_import_refuses_years_out_of_range(cli, tmp_path):
    code, _, err = cli("data", "import", edited(tmp_path, "2024", "1800", line=1))
    assert code == 2
    assert "year outside 1846–2100 (data/parameters/bounds.yaml: years): '1800'" in err


@pytest.mark.parametrize("value, shown", [
    (10 ** 400, "a number of about 400 digits"), (True, "True"), ("12", "'12'"), (float("nan"), "nan"),
], ids=["huge-integer", "boolean", "text", "NaN"])
def test_jsonstat_values_must_be_finite_numbers(cli, tmp_path, value, shown):
    doc = json.loads(JSONSTAT.read_text())
    values = doc["dataset"]["value"]
    if isinstance(values, list):
        values[0] = value
    else:
        values[next(iter(values))] = value
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc))
    code, out, err = cli("data", "import", path)
    assert (code, out) == (2, "")
    assert f"value 0 is {shown}, not a finite number" in err


def test_import_names_the_only_unknown_code(cli, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(BARE.read_text().replace("\n4601,", "\n9999,"))
    code, _, err = cli("data", "import", path)
    assert code == 2
    assert err == (f"error: {path}: no rows left after recoding to 2024 municipalities; skipped 9999 (unknown "
                   "municipality code) (regions are 2024 municipality codes or SSB's older codes, e.g. 4601 or 1201)\n")


def test_every_imported_count_is_finite_and_whole(cli, tmp_path):
    out = tmp_path / "tidy.csv"
    code, _, err = cli("data", "import", BARE, "--out", out)
    assert code == 0, err
    persons = [float(line.rsplit(",", 1)[1]) for line in out.read_text().splitlines()[1:]]
    assert len(persons) == 212 and all(math.isfinite(p) and 0 <= p < 1e6 and p == int(p) for p in persons)


@pytest.mark.parametrize("column, value, message", [
    ("persons", "inf", "line 2: column persons: 'inf' is not a finite number"),
    ("persons", "1e308", "line 2: column persons: 1e+308 is outside 0–1,000,000 (data/parameters/bounds.yaml: "
                         "persons_per_cell)"),
    ("age", "300", "line 2: column age: 300 is outside 0–125 (data/parameters/bounds.yaml: ages)"),
], ids=["persons-inf", "persons-1e308", "age-300"])
def test_a_history_file_with_impossible_cells_is_a_problem_of_the_scenario(cli, tmp_path, column, value, message):
    tidy = tmp_path / "tidy.csv"
    assert cli("data", "import", BARE, "--out", tidy)[0] == 0
    lines = tidy.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    lines[1] = ",".join(cells)
    tidy.write_text("\n".join(lines) + "\n")
    path = scenario(tmp_path, f"population: {{history: {tidy.name}}}\n")
    code, _, err = cli("validate", path)
    assert code == 2
    assert err == f"error: {path}:2: population.history: {tidy}: {message}; write shipped, fetched, or the path " \
                  "of a `forecast data import` CSV\n"
