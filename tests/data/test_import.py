"""`forecast data import`: real SSB exports and every download shape give the same tidy numbers as SSB's 07459;
historical codes are recoded and reported; bad files fail with file, line and what was expected."""

from pathlib import Path
import csv
import io

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.data.importer import import_population, read_table

FIX = ROOT / "tests" / "data" / "fixtures"
VAR = FIX / "variants"
TIDY = ["municipality", "year", "age", "sex", "persons"]


def tidy_rows(text):
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == TIDY
    return rows[1:]


@pytest.fixture(scope="module")
def shipped():
    """SSB 07459 as shipped in data/ (csdata reshaping), long: municipality, year, age, sex, persons."""
    from forecast.data.population import load_population_wide

    df = load_population_wide().assign(total=lambda d: d["male"] + d["female"])
    return df.melt(["municipality", "year", "age"], ["male", "female", "total"], "sex", "persons")


def assert_ssb_numbers(frame, shipped):
    """Every row of `frame` equals SSB's count for the same municipality, year, age and sex."""
    frame = frame.assign(year=frame["year"].astype(int), age=frame["age"].astype(int),
                         persons=frame["persons"].astype(float))
    ssb = shipped[shipped["municipality"].isin(set(frame["municipality"])) & shipped["year"].isin(set(frame["year"]))]
    both = frame.merge(ssb, on=["municipality", "year", "age", "sex"], how="left", suffixes=("", "_ssb"))
    assert len(both) == len(frame) and both["persons_ssb"].notna().all()
    wrong = both[both["persons"] != both["persons_ssb"]]
    assert wrong.empty, wrong.head()


# ------------------------------------------------------------------------------------- real raw exports

def test_old_code_tsv_is_recoded_to_bergen_4601_and_reported(cli, shipped):
    code, out, err = cli("data", "import", FIX / "ssb07459_bergen_1201_2005_2009_rawformat.tsv",
                         "--kind", "population")
    assert code == 0, err
    rows = tidy_rows(out)
    assert len(rows) == 5 * 106
    assert rows[0] == ["4601", "2005", "0", "total", "3258"]
    assert {r[0] for r in rows} == {"4601"}
    assert_ssb_numbers(pd.DataFrame(rows, columns=TIDY), shipped)
    assert sum(float(r[4]) for r in rows if r[1] == "2005") == 239_209  # DOMAIN.md: Bergen 2005
    assert "1201 → 4601 Bergen: code changed (2005–2009)" in err
    assert "tab-separated, UTF-8, 0 title lines); years as columns; no sex" in err


def test_k4601_by_sex_in_header(cli, shipped):
    code, out, err = cli("data", "import", FIX / "ssb07459_bergen_K4601_2024_bysex_rawformat.csv")
    assert code == 0, err
    rows = tidy_rows(out)
    assert len(rows) == 212
    assert ["4601", "2024", "0", "male", "1468"] in rows and ["4601", "2024", "0", "female", "1388"] in rows
    assert sum(float(r[4]) for r in rows) == 291_940
    assert "sex in the column headers" in err
    assert "recoded to 2024 borders: nothing (all codes are current)" in err


def test_all_municipalities_latin1_two_title_lines(shipped):
    result = import_population(FIX / "ssb07459_all_2024_raw.csv")
    frame = result.frame
    assert list(frame.columns) == TIDY
    assert frame["municipality"].nunique() == 357
    assert frame["persons"].sum() == 5_550_203
    assert_ssb_numbers(frame, shipped)
    assert result.report.skipped == ["K-21-22 Svalbard and Jan Mayen (not a municipality)",
                                     "K-23 Continental shelf (a county-level region)",
                                     "K-Rest Divided municalities and unknown (not a municipality)"]
    assert "semicolon-separated, Latin-1, 1 title line" in result.report.source


def test_municipality_option_keeps_one(cli):
    code, out, _ = cli("data", "import", FIX / "ssb07459_all_2024_raw.csv", "--municipality", "Bergen")
    assert code == 0
    rows = tidy_rows(out)
    assert {r[0] for r in rows} == {"4601"} and len(rows) == 106
    assert sum(float(r[4]) for r in rows) == 291_940


def test_national_file_without_region_needs_a_municipality(cli):
    path = FIX / "ssb10211_national_age_1846_2023_raw.csv"
    code, out, err = cli("data", "import", path)
    assert code == 2 and out == ""
    assert err == (f"error: {path}: no region column: cannot tell which municipality the numbers describe "
                   "(give --municipality CODE, or export with the region variable)\n")
    result = import_population(path, municipality="0301")
    f = result.frame
    assert (f["year"].min(), f["year"].max(), len(f)) == (1846, 2023, 178 * 106)
    assert f[(f["year"] == 1846) & (f["age"] == 0)]["persons"].item() == 36372  # "0 år";"Begge kjønn";"1846"
    assert f[(f["year"] == 2023) & (f["age"] == 105)]["persons"].item() == 104  # "105 år eller eldre"
    assert "years as rows; sex as a column" in result.report.source


def test_genuine_jsonstat1_response_is_read_exactly():
    """SSB's JSON-stat 1.0 answer for table 29843 (an industry index, not population): the cube is read right."""
    import json

    path = FIX / "ssb_29843_jsonstat1_dataset.json"
    table = read_table(path)
    raw = json.loads(path.read_text(encoding="utf-8"))["dataset"]
    assert [d.name for d in table.dims] == ["PKoder", "ContentsCode", "Tid"]
    assert [d.role for d in table.dims] == ["other", "contents", "year"]
    assert [len(d.codes) for d in table.dims] == [20, 6, 312]
    assert table.dims[2].codes[:2] == ["1990M01", "1990M02"]
    assert table.source.startswith("JSON-stat 1.0")
    values = raw["value"]
    k = next(i for i, v in enumerate(values) if v is not None and i > 60)
    assert table.values[k] == values[k]
    # row-major: the last dimension varies fastest
    p, c, t = k // (6 * 312), (k // 312) % 6, k % 312
    assert [int(table.positions[i][k]) for i in range(3)] == [p, c, t]
    assert sum(v is None for v in values) == int(sum(table.values != table.values))


def test_genuine_jsonstat1_that_is_not_population_is_refused(cli):
    path = FIX / "ssb_29843_jsonstat1_dataset.json"
    code, _, err = cli("data", "import", path)
    assert code == 2
    assert err == (f"error: {path}: no single-year age found (dimensions: 'PKoder', 'ContentsCode', 'Tid'); "
                   "expected population by region, age, (sex) and year, like SSB table 07459\n")


# -------------------------------------------------------------------------------- every download shape

SHAPES = [
    ("bergen_2024_bysex_utf16.tsv", "tab-separated, UTF-16, 1 title line); years as columns; sex in the column"),
    ("bergen_2005_2009_utf8bom_comma.csv", "comma-separated, UTF-8 with BOM, 1 title line); years as columns; no"),
    ("bergen_2023_2024_years_as_rows_latin1.csv", "semicolon-separated, Latin-1, 1 title line); years as rows; sex"
                                                  " as a column"),
    ("bergen_2024_bare_codes.csv", "comma-separated, UTF-8, 0 title lines); years as columns; sex as a column"),
    ("bergen_2018_2019_jsonstat1.json", "JSON-stat 1.0 (07459: Population, by region, sex, age, contents and year)"),
    ("bergen_2023_2024.px", "PX (Befolkning, etter region, kjønn, alder, statistikkvariabel og år; units: personer)"),
    ("../ssb_api/07459_K-4601_2005-2026.json", "JSON-stat 2.0 (07459: Population, by region, sex, age"),
]


@pytest.mark.parametrize("name, described", SHAPES, ids=[s[0].split("/")[-1] for s in SHAPES])
def test_every_shape_gives_ssb_numbers(name, described, shipped):
    result = import_population(VAR / name)
    frame = result.frame
    assert list(frame.columns) == TIDY
    assert set(frame["municipality"]) == {"4601"}
    assert set(frame["age"]) == set(range(106))
    assert_ssb_numbers(frame, shipped)
    assert described in result.report.source
    assert not [n for n in result.report.notes if "do not cover every age" in n]


def test_both_sexes_dropped_where_males_and_females_given():
    result = import_population(VAR / "bergen_2024_bare_codes.csv")
    assert sorted(set(result.frame["sex"])) == ["female", "male"]
    assert result.frame["persons"].sum() == 291_940
    assert "dropped 'both sexes' where males and females are given (it is their sum)" in result.report.notes


def test_jsonstat1_old_code_recoded():
    result = import_population(VAR / "bergen_2018_2019_jsonstat1.json")
    assert result.report.recoded == ["1201 → 4601 Bergen: code changed (2018–2019)"]


def test_merged_and_split_municipalities_use_the_shipped_weights(cli):
    code, out, err = cli("data", "import", VAR / "reform_2019_merge_split.csv")
    assert code == 0, err
    assert out.splitlines() == [
        "municipality,year,age,sex,persons",
        "5001,2019,0,total,2070", "5001,2019,1,total,2180",  # Trondheim 2000 + Klæbu 70
        "5055,2019,0,total,2.45", "5055,2019,1,total,3.5",  # Snillfjord 7 × 0.35
        "5056,2019,0,total,2.45", "5056,2019,1,total,3.5",
        "5059,2019,0,total,2.1", "5059,2019,1,total,3",  # Snillfjord 10 × 0.3
    ]
    assert ("5012 split by the shipped weights: 5055 Heim × 0.35, 5056 Hitra × 0.35, 5059 Orkland × 0.3 (2019)"
            in err)
    assert "5030 → 5001 Trondheim: merged with others (2019)" in err
    assert "2 cells marked missing (. or ..) were left out" in err


# ----------------------------------------------------------------------------------------------- --out

def test_out_writes_the_file_and_reports_on_stdout(cli, tmp_path):
    target = tmp_path / "sub" / "bergen.csv"
    code, out, err = cli("data", "import", FIX / "ssb07459_bergen_K4601_2024_bysex_rawformat.csv", "--out", target)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("municipality,year,age,sex,persons\n4601,2024,0,female,1388\n")
    assert len(text.splitlines()) == 213
    assert out.splitlines()[-1] == f"wrote {target} (212 rows: municipality, year, age, sex, persons)"
    assert "population: 212 rows, 1 municipality, years 2024–2024, sex male/female; 291 940 persons in 2024" in out
    assert err == ""


def test_failed_import_leaves_the_old_output_untouched(cli, tmp_path):
    target = tmp_path / "pop.csv"
    target.write_text("old\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text('"region";"age";"Persons 2024"\n"4601 Bergen";"0 years";12\n"4601 Bergen";"1 year";x1\n',
                   encoding="utf-8")
    code, out, err = cli("data", "import", bad, "--out", target)
    assert code == 2
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "pop.csv"]


# ---------------------------------------------------------------------------------------------- errors

HEAD = '"07459: Population, by region, age, contents and year"\n\n"region";"age";"Persons 2024"\n'
ERRORS = [
    (HEAD + '"4601 Bergen";"0 years";12\n"4601 Bergen";"1 year";x1\n',
     "line 5: 'x1' in Persons 2024 is not a number (expected counts like 3258; SSB's marks are accepted: "
     ". .. ... : x for missing, - for nil (zero))"),
    (HEAD + '"4601 Bergen";"0-4 years";12\n"4601 Bergen";"5-9 years";10\n',
     "lines 4, 5: cannot read the age '0-4 years' (and 1 more) (expected single years like '0 years', '1 år', "
     "'105 years or older' or codes '000'…'105+'; age groups cannot be split into single years)"),
    (HEAD + '"4601 Bergen";"0 years";12\n"4601 Bergen";"1 year"\n',
     "line 5: 2 columns, expected 3 as in the header (line 3) (every data line needs one cell per header column)"),
    (HEAD + '"4601 Bergen";"0 years";12\n"4601 Bergen";"0 years";12\n',
     "lines 4, 5: region 4601, year 2024, age 0, sex total appears more than once (each region, year, age and "
     "sex once)"),
    (HEAD + '"4601 Bergen";"0 years";-3\n',
     "line 4: negative count -3 (population counts cannot be negative)"),
    ('"region";"age";"Persons 2024";"Deaths 2024"\n"4601 Bergen";"0 years";12;0\n',
     "several contents ('Persons', 'Deaths'); expected one count of persons (select only 'Persons' (Personer) "
     "in StatBank)"),
    ('"region";"age";"sex";"Persons 2024"\n"4601 Bergen";"0 years";"Unknown";12\n',
     "line 2: cannot read the sex 'Unknown' (expected Males/Females/Both sexes (menn/kvinner/begge kjønn) or SSB "
     "codes 1/2/0)"),
    ('"alder";"alternativ";"år";"Folkemengde"\n"0 år";"Hovedalternativ (MMM)";"2022";56458\n'
     '"0 år";"Lav nasjonal vekst (LLL)";"2022";56458\n',
     "column 'alternativ' has 2 values ('Hovedalternativ (MMM)', 'Lav nasjonal vekst (LLL)'); expected only region,"
     " age, sex and year to vary (select a single value of it in StatBank before downloading)"),
    ('"region";"age";"Persons 2024"\n"Atlantis";"0 years";12\n',
     "no municipality rows with numbers found; skipped Atlantis (not a municipality) (expected regions like "
     "'4601 Bergen', 'K-4601 Bergen' or bare codes)"),
    ("just one line of text\n", "cannot find a header line and data lines with the same number of columns "
     "(expected a StatBank export: \"region\";\"age\";\"Persons 2024\" separated by ; , or tab)"),
    ('{"version": "2.0", "class": "dataset",\n "id": [}', "line 2: not valid JSON: Expecting value (column 9)"),
    ('CHARSET="ANSI";\nSTUB="region","alder";\nHEADING="år";\nVALUES("region")="4601 Bergen";\n'
     'VALUES("alder")="0 år","1 år";\nVALUES("år")="2024";\nDATA=\n12\n;\n',
     "line 7: 1 values in DATA; expected 2 (the product of the variable sizes)"),
    ('CHARSET="ANSI";\nSTUB="region","alder";\nHEADING="år";\nVALUES("region")="4601 Bergen";\n'
     'VALUES("år")="2024";\nDATA=\n12 13\n;\n',
     'line 2: variable "alder" has no VALUES("alder") (every STUB and HEADING variable needs its VALUES line)'),
    ('{"version":"2.0","class":"dataset","id":["Region","Alder","Tid"],"size":[1,1,1],"dimension":{'
     '"Region":{"category":{"index":{"4601":0}}},"Alder":{"category":{"index":{"000":0}}},'
     '"Tid":{"category":{"index":{"2024":0}}}},"value":["x"]}',
     "JSON-stat 2.0: value 0 is 'x', not a finite number (counts are numbers; null marks a missing value)"),
    ('{"version":"2.0","class":"dataset","id":["Region","Alder","Tid"],"size":[1,2,1],"dimension":{'
     '"Region":{"category":{"index":{"4601":0}}},"Alder":{"category":{"index":{"000":0,"001":1}}},'
     '"Tid":{"category":{"index":{"2024":0}}}},"value":[]}',
     "JSON-stat 2.0: the dataset holds no values (a metadata response?) (download the data, not the table "
     "description)"),
]


@pytest.mark.parametrize("body, message", ERRORS, ids=[
    "not-a-number", "age-groups", "short-line", "duplicate", "negative", "two-contents", "unknown-sex",
    "projection-alternatives", "no-municipality", "no-columns", "broken-json", "px-too-few-values",
    "px-no-values", "jsonstat-text-value", "jsonstat-metadata"])
def test_errors_name_file_line_and_expectation(cli, tmp_path, body, message):
    path = tmp_path / "export.csv"
    path.write_text(body, encoding="utf-8")
    code, out, err = cli("data", "import", path)
    assert (code, out) == (2, "")
    assert err == f"error: {path}: {message}\n"


def test_excel_and_empty_files_are_refused(cli, tmp_path):
    xlsx = tmp_path / "table.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n")
    assert cli("data", "import", xlsx)[2] == (f"error: {xlsx}: an Excel (or zip) file; the importer reads text "
                                              "exports (in StatBank choose 'Save as' CSV, JSON-stat or PX)\n")
    assert cli("data", "import", empty)[2] == f"error: {empty}: the file is empty\n"
    assert cli("data", "import", tmp_path / "nope.csv")[2] == f"error: {tmp_path / 'nope.csv'}: file not found\n"


def test_footnotes_after_the_data_are_ignored(tmp_path):
    path = tmp_path / "with_notes.csv"
    path.write_text(HEAD + '"4601 Bergen";"0 years";12\n"4601 Bergen";"1 year";13\n\n"Source: Statistics Norway"\n',
                    encoding="utf-8")
    result = import_population(path)
    assert result.frame["persons"].tolist() == [12, 13]
    assert "ignored 1 footnote line(s) after the data (from line 7)" in result.report.notes


def test_missing_ages_are_noted(tmp_path):
    path = tmp_path / "gap.csv"
    path.write_text(HEAD + '"4601 Bergen";"0 years";12\n"4601 Bergen";"2 years";13\n', encoding="utf-8")
    notes = import_population(path).report.notes
    assert "1 municipality/year/sex groups do not cover every age 0–2 (e.g. 4601 2024 total: 2 ages, 0–2)" in notes


def test_regions_given_by_name_only(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text('"region";"age";"Persons 2024"\n"Bergen";"0 years";12\n"Herøy (Møre og Romsdal)";"0 years";5\n'
                    '"Oslo";"0 years";7\n"Vestland";"0 years";3\n"Hele landet";"0 years";99\n', encoding="utf-8")
    result = import_population(path)
    assert result.frame[["municipality", "persons"]].values.tolist() == [["0301", 7], ["1515", 5], ["4601", 12]]
    assert result.report.skipped == ["Vestland (a county)", "Hele landet (the whole country)"]


def test_a_download_cut_short_is_flagged(tmp_path, cli):
    lines = (FIX / "ssb07459_bergen_1201_2005_2009_rawformat.tsv").read_bytes().splitlines(keepends=True)[:50]
    cut = tmp_path / "cut.tsv"
    cut.write_bytes(b"".join(lines))
    code, _, err = cli("data", "import", cut)
    assert code == 0
    assert "WARNING: the oldest age is 48; a projection needs every age from 0 to 100 or more" in err
