"""forecast compare: each scenario's FTE need, the difference from the first, and its honest decomposition."""

from pathlib import Path
import csv
import io
import json

import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.need.compare import compare
from forecast.errors import ForecastError

BERGEN = ROOT / "scenarios" / "bergen"
SERVICES = ("kindergarten", "primary_school", "home_care", "nursing_home")


def series(result, scenario, service, variable):
    f = result.frame
    rows = f[(f.scenario == scenario) & (f.service == service) & (f.variable == variable)]
    return dict(zip(rows["year"].tolist(), rows["value"].tolist()))


@pytest.fixture(scope="module")
def robot():
    return compare([BERGEN / "baseline.yaml", BERGEN / "robot.yaml"])


def test_robot_offsets_12_fte_in_primary_school_from_2026_and_nowhere_else(robot):
    diff = series(robot, "robot", "primary_school", "fte_difference")
    assert diff[2025] == 0
    assert all(diff[y] == pytest.approx(-12, abs=1e-9) for y in range(2026, 2041))
    assert series(robot, "robot", "primary_school", "fte_difference|automation") == diff
    for service in ("kindergarten", "home_care", "nursing_home"):
        assert set(series(robot, "robot", service, "fte_difference").values()) == {0.0}
    assert robot.factors == {"robot": ["automation"]}
    assert not robot.frame["variable"].str.contains("demography|standards|other").any()
    assert series(robot, "robot", "primary_school", "automation_offset|digifrid")[2026] == 12


def test_compare_table_shows_the_12_fte_where_and_when(cli):
    code, out, err = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml")
    assert code == 0, err
    header = next(line for line in out.splitlines() if "2025" in line and "2026" in line)
    columns = [c.strip() for c in header.split("┃")[1:-1]]
    lines = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]
    school = next(i for i, row in enumerate(lines) if row[0].startswith("primary_school"))
    diff = lines[school + 2]
    assert diff[2] == "difference from baseline"
    assert diff[columns.index("2025")] == "0.0" and diff[columns.index("2026")] == "-12.0"
    assert diff[columns.index("2040")] == "-12.0"
    assert lines[school + 3][2] == "of which automation" and lines[school + 3][columns.index("2026")] == "-12.0"
    home = next(row for row in lines if row[0].startswith("home_care"))
    assert "of which automation" not in [row[2] for row in lines[lines.index(home):lines.index(home) + 3]]
    assert "demography → standards → automation" in " ".join(out.split())  # however the console wraps


def test_compare_json_equals_the_library(cli, robot):
    code, out, _ = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert records == json.loads(json.dumps(robot.records()))
    assert set(records[0]) == {"scenario", "municipality", "service", "occupation", "variable", "unit", "year",
                               "value"}
    assert {r["occupation"] for r in records} == {"all"}  # services are compared, not their occupations
    assert {r["unit"] for r in records if r["variable"].startswith("fte")} == {"FTE"}


def test_compare_csv_and_year_filter(cli):
    code, out, _ = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml", "-f", "csv", "--year", "2030")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["year"] for r in rows} == {"2030"}
    hit = [r for r in rows if r["service"] == "primary_school" and r["variable"] == "fte_difference"]
    assert [float(r["value"]) for r in hit] == [-12.0]


def test_decomposition_follows_the_stated_order_and_sums_exactly(tmp_path):
    """A scenario that differs in all three factors: each part is one re-run step, and the parts add up."""
    (tmp_path / "baseline.yaml").write_text((BERGEN / "baseline.yaml").read_text())
    (tmp_path / "all.yaml").write_text(
        "extends: baseline.yaml\npopulation: {variant: HHMH}\nservices:\n  nursing_home: {coverage_change: 0.01}\n"
        "automation:\n  - {id: ai, kind: task_share, service: nursing_home, task_share: 0.2, automatable: 0.5,"
        " adoption: {start: 2026, full: 2030}}\n")
    (tmp_path / "demo.yaml").write_text("extends: baseline.yaml\npopulation: {variant: HHMH}\n")
    (tmp_path / "demo_std.yaml").write_text(
        "extends: demo.yaml\nservices:\n  nursing_home: {coverage_change: 0.01}\n")
    res = compare([tmp_path / n for n in ("baseline.yaml", "all.yaml", "demo.yaml", "demo_std.yaml")])
    assert res.factors["all"] == ["demography", "standards", "automation"]
    fte = {n: series(res, n, "nursing_home", "fte") for n in ("baseline", "all", "demo", "demo_std")}
    parts = {p: series(res, "all", "nursing_home", f"fte_difference|{p}")
             for p in ("demography", "standards", "automation")}
    diff = series(res, "all", "nursing_home", "fte_difference")
    for y in (2025, 2030, 2040):
        assert parts["demography"][y] == pytest.approx(fte["demo"][y] - fte["baseline"][y])
        assert parts["standards"][y] == pytest.approx(fte["demo_std"][y] - fte["demo"][y])
        assert parts["automation"][y] == pytest.approx(fte["all"][y] - fte["demo_std"][y])
        assert sum(p[y] for p in parts.values()) == pytest.approx(diff[y], abs=1e-9)
    assert parts["demography"][2040] > 0 and parts["standards"][2040] > 0 and parts["automation"][2040] < 0
    assert -parts["automation"][2040] == pytest.approx(fte["demo_std"][2040] * 0.2 * 0.5)


def test_a_different_base_year_shows_as_other(tmp_path):
    (tmp_path / "baseline.yaml").write_text((BERGEN / "baseline.yaml").read_text())
    (tmp_path / "later.yaml").write_text("extends: baseline.yaml\nperiod: {base: 2026}\n")
    res = compare([tmp_path / "baseline.yaml", tmp_path / "later.yaml"])
    assert res.factors == {"later": ["other"]}
    assert set(res.frame["year"][res.frame["variable"] == "fte_difference"]) == set(range(2026, 2041))
    assert any("other" in n for n in res.note_texts())


def test_same_stem_in_two_folders_gets_distinct_names(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "baseline.yaml").write_text((BERGEN / "baseline.yaml").read_text())
    res = compare([tmp_path / "a" / "baseline.yaml", tmp_path / "b" / "baseline.yaml"])
    assert res.scenarios == ["a/baseline", "b/baseline"]
    assert set(res.frame.loc[res.frame["variable"] == "fte_difference", "value"]) == {0.0}


def test_compare_errors(cli, tmp_path):
    with pytest.raises(ForecastError, match="at least two scenarios"):
        compare([BERGEN / "baseline.yaml"])
    oslo = tmp_path / "oslo.yaml"
    oslo.write_text('municipality: "0301"\n')
    with pytest.raises(ForecastError, match="shares no municipality and year with baseline"):
        compare([BERGEN / "baseline.yaml", oslo])
    code, _, err = cli("compare", BERGEN / "baseline.yaml", BERGEN / "robot.yaml", "--year", "2050")
    assert code == 2 and err == "error: --year 2050 is outside the period of baseline (2025–2040)\n"


def test_compare_reports_the_problems_of_every_file(cli, monkeypatch):
    monkeypatch.chdir(ROOT / "tests" / "scenario" / "validation")
    code, out, err = cli("compare", "error_unquoted_code.yaml", "error_unknown_variant.yaml")
    assert code == 2 and out == ""
    assert err == ('error:\nerror_unquoted_code.yaml:2: municipality: 0301 is read by YAML as the number 193; '
                   'quote it: "0301"\nerror_unknown_variant.yaml:3: population.variant: unknown variant \'MMM\'; '
                   "use one of MMMM (main), HHMH (high), LLML (low)\n")
