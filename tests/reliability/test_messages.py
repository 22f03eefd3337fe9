"""Messages that are right: the option the user gave is the one named; `validate` refuses what `run` refuses, with
the same words."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"


def test_population_to_before_the_history_names_to(cli):
    code, out, err = cli("population", "Bergen", "--to", "1990")
    assert (code, out) == (2, "")
    assert err == "error: --to 1990 is before 2005, the first year of the history; give 2005–2050\n"


def test_population_to_within_the_history_shows_the_five_years_before_it(cli):
    code, out, err = cli("population", "Bergen", "--to", "2012", "--format", "csv")
    assert code == 0, err
    lines = [line.split(",") for line in out.splitlines()]
    at = lines[0].index("year")
    assert sorted({cells[at] for cells in lines[1:]}) == [str(y) for y in range(2007, 2013)]


def test_validate_refuses_the_history_run_refuses(cli, tmp_path):
    (tmp_path / "raw.csv").write_text("region,age,2024\n4601,0 years,1468\n")
    path = tmp_path / "s.yaml"
    path.write_text(f"extends: {BASELINE}\npopulation: {{history: raw.csv}}\n")
    message = (f"error: {path}:2: population.history: {tmp_path / 'raw.csv'}: missing column(s) municipality, year, "
               "sex, persons; found region, age, 2024 (the file must have a header line with these column names); "
               "write shipped, fetched, or the path of a `forecast data import` CSV\n")
    assert cli("validate", path) == (2, "", message)
    assert cli("run", path, "--out", tmp_path / "res") == (2, "", message)
    assert not (tmp_path / "res").exists()


def test_a_scenario_extending_a_device_or_a_folder(cli, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text('extends: /dev/zero\nmunicipality: "4601"\n')
    assert cli("validate", path) == (2, "", f"error: {path}:1: extends: /dev/zero: not a regular file but a device; "
                                            "give a scenario YAML file\n")
    path.write_text(f'extends: {tmp_path}\nmunicipality: "4601"\n')
    assert cli("validate", path) == (2, "", f"error: {path}:1: extends: {tmp_path}: not a regular file but a folder; "
                                            "give a scenario YAML file\n")
