"""`forecast hires` as a user meets it: the table, CSV/JSON equal to the library, period errors."""

from pathlib import Path
import csv
import io
import json

import pytest

ROOT = Path(__file__).resolve().parents[2]

BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"


@pytest.fixture(scope="module")
def library_summary():
    from forecast import hires

    return hires(BASELINE, 2026, 2032).hires.by_municipality


def test_table_shows_persons_split_and_context(cli, library_summary):
    code, out, err = cli("hires", BASELINE, "--from", "2026", "--to", "2032")
    assert code == 0, err
    lines = out.split("\n")
    assert lines[0].startswith("Bergen (4601) — Bergen: baseline (main alternative, constant standards): people to "
                               "hire 2026–2032")
    for header in ("employed", "hires", "2026–2032", "growth", "replacement", "hires FTE", "FTE need", "FTE change",
                   "since 2025", "share 2025 →"):
        assert header in out
    # primary school: 3,127 teachers employed in 2025 (Udir), no growth hires as pupils fall
    school = next(line for line in lines if line.startswith("│ primary_school"))
    cells = [c.strip() for c in school.strip("│").split("│")]
    assert cells[1] == "3 127" and cells[3] == "0"
    total = next(line for line in lines if line.startswith("│ total"))
    cells = [c.strip() for c in total.strip("│").split("│")]
    get = library_summary.set_index(["service", "variable", "to_year"])["value"]
    assert cells[2] == f"{get[('total', 'hires', 2032)]:,.0f}".replace(",", " ")
    assert cells[3] == f"{get[('total', 'hires_growth', 2032)]:,.0f}".replace(",", " ")
    assert cells[4] == f"{get[('total', 'hires_replacement', 2032)]:,.0f}".replace(",", " ")
    assert "employed, hires, growth, replacement: persons (headcount)" in out
    assert "Population aged 20–66: 188 465 (2025) →" in out
    assert "nurses: turnover 13.9%/yr, position size 0.847 FTE per person" in out
    assert "Assumptions" in out and "data/parameters/occupations.yaml: turnover" in out


def test_json_equals_library(cli, library_summary):
    code, out, _ = cli("hires", BASELINE, "--from", "2026", "--to", "2032", "--format", "json")
    assert code == 0
    records = json.loads(out)
    expected = [{**r, "from_year": int(r["from_year"]), "to_year": int(r["to_year"]), "value": float(r["value"])}
                for r in library_summary.to_dict(orient="records")]
    assert records == json.loads(json.dumps(expected))
    assert set(records[0]) == {"scenario", "municipality", "service", "occupation", "variable", "unit",
                               "from_year", "to_year", "value"}
    hires = [r for r in records if r["service"] == "total" and r["variable"] == "hires"]
    assert hires[0]["unit"] == "persons" and (hires[0]["from_year"], hires[0]["to_year"]) == (2026, 2032)


def test_csv_defaults_to_the_whole_period(cli):
    code, out, _ = cli("hires", BASELINE, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["scenario", "municipality", "service", "occupation", "variable", "unit", "from_year",
                             "to_year", "value"]
    hires = [r for r in rows if r["variable"] == "hires"]
    assert {(r["from_year"], r["to_year"]) for r in hires} == {("2026", "2040")}
    assert [r["service"] for r in hires] == ["kindergarten", "primary_school", "home_care", "nursing_home", "total"]
    fte = [r for r in rows if r["variable"] == "hires_fte"]
    assert {r["unit"] for r in fte} == {"FTE"}


@pytest.mark.parametrize("args, message", [
    (["--from", "2025"], "error: --from 2025 is not after the base year 2025: hires are counted from 2026, the first "
                         "year after it; use 2026 or later\n"),
    (["--to", "2045"], "error: --to 2045 is after the scenario's last year 2040; use 2040 or earlier, or raise "
                       "period.end in the scenario\n"),
    (["--from", "2031", "--to", "2027"], "error: --from 2031 is after --to 2027\n"),
])
def test_bad_period_exits_2_with_message(cli, args, message):
    code, out, err = cli("hires", BASELINE, *args)
    assert code == 2
    assert err == message
    assert out == ""


def test_help_has_an_example(cli):
    code, out, _ = cli("hires", "--help")
    assert code == 0
    unwrapped = " ".join(out.split())
    assert "Example: forecast hires scenarios/bergen/baseline.yaml --from 2026 --to 2032 --by occupation" in unwrapped


def test_by_occupation_names_the_trades_and_sums_to_the_services(cli, library_summary):
    from forecast import hires

    code, out, err = cli("hires", BASELINE, "--from", "2026", "--to", "2032", "--by", "occupation")
    assert code == 0, err
    lines = out.split("\n")
    for trade in ("nurses (sykepleiere)", "health_workers", "(helsefagarbeidere)", "assistants", "(pleieassistenter)",
                  "social_educators", "(vernepleiere)", "pedagogical_leaders", "kindergarten_assistants",
                  "teachers (lærere)"):
        assert trade in out, trade
    by = hires(BASELINE, 2026, 2032, by="occupation").hires.by_municipality
    get = by.set_index(["service", "occupation", "variable", "to_year"])["value"]
    nurses = next(line for line in lines if line.startswith("│ nurses"))
    assert nurses.split("│")[3].strip() == f"{get[('all', 'nurses', 'hires', 2032)]:,.0f}".replace(",", " ")
    total = next(line for line in lines if line.startswith("│ total"))
    services = library_summary.set_index(["service", "variable", "to_year"])["value"]
    assert total.split("│")[3].strip() == f"{services[('total', 'hires', 2032)]:,.0f}".replace(",", " ")
    code, out, _ = cli("hires", BASELINE, "--by", "occupation", "-f", "json")
    assert code == 0 and {r["occupation"] for r in json.loads(out)} >= {"nurses", "teachers", "all"}
    code, _, err = cli("hires", BASELINE, "--by", "trade")
    assert code == 2 and "'trade' is not one of 'service', 'occupation'" in err


def test_worked_answer_numbers_are_current(cli):
    """docs/bergen-50000.md quotes these totals; if the model moves them by more than 3 %, update the doc."""
    import re

    doc = (ROOT / "docs" / "bergen-50000.md").read_text(encoding="utf-8")
    quoted = {name: int(value.replace(",", "")) for name, value in
              re.findall(r"<!-- check: (\w+) = ([\d,]+) -->", doc)}
    assert set(quoted) == {"baseline_hires", "assistant_hires"}
    code, out, err = cli("hires", BASELINE, "--from", "2026", "--to", "2032", "--by", "occupation", "-f", "json")
    assert code == 0, err
    records = json.loads(out)
    total = next(r["value"] for r in records if r["service"] == "total" and r["variable"] == "hires")
    assistants = next(r["value"] for r in records if r["occupation"] == "assistants" and r["variable"] == "hires")
    assert total == pytest.approx(quoted["baseline_hires"], rel=0.03)
    assert assistants == pytest.approx(quoted["assistant_hires"], rel=0.03)


def test_several_municipalities_table_is_their_sum(cli, tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text('municipality: ["4601", "Oslo"]\nperiod: {base: 2025, end: 2030}\n', encoding="utf-8")
    code, out, err = cli("hires", path, "-f", "json")
    assert code == 0, err
    records = json.loads(out)
    per = {r["municipality"]: r["value"] for r in records
           if r["service"] == "total" and r["variable"] == "hires"}
    assert set(per) == {"4601", "0301"}
    code, out, err = cli("hires", path)
    assert code == 0, err
    assert out.startswith("Sum of 2 municipalities — two: people to hire 2026–2030")
    total = next(line for line in out.split("\n") if line.startswith("│ total"))
    assert total.split("│")[3].strip() == f"{sum(per.values()):,.0f}".replace(",", " ")
