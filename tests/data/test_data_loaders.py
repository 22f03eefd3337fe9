"""Loaders read the shipped real data and reject bad files with a message naming the file and the line."""

import gzip

import pytest

from forecast.errors import DataError


def test_population_real_rows():
    from forecast.data.population import load_population_wide

    df = load_population_wide()
    assert df["municipality"].nunique() == 357
    assert df["municipality"].map(len).eq(4).all()
    bergen = df[(df["municipality"] == "4601")].groupby("year")[["male", "female"]].sum().sum(axis=1)
    assert bergen[2005] == 239_209
    assert bergen[2024] == 291_940
    assert bergen[2025] == 293_709
    assert (df["year"].min(), df["year"].max()) == (2005, 2026)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "municipality_code,year,age,male,female\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("4601,2024,0,10,12\n461,2024,1,10,11\n", "line 3: column municipality_code: '461' is not a 4-digit code"),
        ("4601,2024,0,10,12\n4601,2024,1,-3,11\n", "line 3: column male: negative count -3"),
        ("4601,2024,0,10,12\n4601,2024,1,ten,11\n", "line 3: column male: 'ten' is not a number"),
        ("4601,2024,0,10,12\n4601,2024,1,,11\n", "line 3: column male: empty value"),
        ("4601,2024,0,10,12\n4601,2024,0,10,11\n", "line 3: duplicate municipality, year and age"),
    ],
)
def test_population_bad_rows(tmp_path, body, message):
    from forecast.data.population import load_population_wide

    path = write(tmp_path, "pop.csv", HEADER + body)
    with pytest.raises(DataError) as err:
        load_population_wide(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_population_missing_column_and_file(tmp_path):
    from forecast.data.population import load_population_wide

    path = write(tmp_path, "pop.csv", "municipality_code,year,age,men,female\n4601,2024,0,1,1\n")
    with pytest.raises(DataError, match=r"missing column\(s\) male; found municipality_code, year, age, men"):
        load_population_wide(path)
    with pytest.raises(DataError, match="nope.csv: file not found"):
        load_population_wide(tmp_path / "nope.csv")


def test_population_gzip_codes_stay_strings(tmp_path):
    from forecast.data.population import load_population_wide

    path = tmp_path / "pop.csv.gz"
    rows = "".join(f"0301,2024,{a},5,6\n" for a in range(101))
    path.write_bytes(gzip.compress((HEADER + rows).encode()))
    df = load_population_wide(path)
    assert set(df["municipality"]) == {"0301"} and len(df) == 101


def test_regions_resolve_names_and_codes():
    from forecast.data.regions import municipalities, resolve_municipality

    assert resolve_municipality("Bergen") == "4601"
    assert resolve_municipality("bergen") == "4601"
    assert resolve_municipality("301") == "0301"
    assert resolve_municipality("Oslo") == "0301"
    assert municipalities()["4601"].county_code == "46"
    with pytest.raises(DataError, match=r"unknown municipality 'Bergn' \(did you mean 'Bergen'\?\)"):
        resolve_municipality("Bergn")
    with pytest.raises(DataError, match=r"municipality name 'Herøy' is ambiguous: 1515 \(Møre og Romsdal\), 1818"):
        resolve_municipality("Herøy")
    assert resolve_municipality("Kautokeino") == "5612"  # one form of a bilingual name
    with pytest.raises(DataError) as err:  # was silently Midt-Telemark
        resolve_municipality("Telemark")
    assert str(err.value) == ("no municipality is named 'Telemark'; 'Telemark' is a county; municipalities whose "
                              "name contains it: Midt-Telemark (4020) (give the full name or the code)")
    with pytest.raises(DataError, match=r"municipalities whose name contains it: Nord-Odal \(3414\), Sør-Odal"):
        resolve_municipality("Odal")


def test_areas_are_municipalities_counties_or_the_country():
    from forecast.data.areas import municipality_codes, resolve_area

    telemark = resolve_area("Telemark")
    assert (telemark.kind, telemark.code, len(telemark.codes)) == ("county", "40", 17)
    assert resolve_area("40") == telemark
    assert resolve_area("Norge").kind == "country" and len(resolve_area("norway").codes) == 357
    assert resolve_area("Norge").code == "0000"
    assert resolve_area("Oslo").kind == "municipality"  # the county of one municipality is that municipality
    assert resolve_area("Bergen").codes == ("4601",)
    assert municipality_codes("all") is None and municipality_codes(None) is None
    assert municipality_codes("4601, Oslo,4601") == ["4601", "0301"]
    assert len(municipality_codes("Telemark,4601")) == 18
    with pytest.raises(DataError, match="no municipality given"):
        municipality_codes(" , ")


def test_county_projection_real_values():
    from forecast.data.projections import load_county_projection

    df = load_county_projection().set_index(["county", "variant", "year"])["persons"]
    assert df[("46", "MMMM", 2024)] == 651_299
    assert df[("46", "MMMM", 2050)] == 691_788
    assert df[("46", "HHMH", 2050)] == 770_471
    assert df[("46", "LLML", 2050)] == 608_440
    assert df.xs(2024, level="year").xs("MMMM", level="variant").sum() == 5_550_203


def test_udir_school_export_utf16():
    from forecast.data.school import school_statistics

    s = school_statistics().set_index(["municipality", "school_year"])
    assert s.loc[("4601", "2021-22"), "teacher_fte"] == pytest.approx(2787.4)
    assert s.loc[("4601", "2021-22"), "pupils"] == 30_739
    assert s.loc[("4601", "2021-22"), "teachers"] == 3_069
    assert s.loc[("0000", "2025-26"), "teacher_fte"] == pytest.approx(62_248.8)
    assert s.loc[("4601", "2025-26"), "year"] == 2026  # counted autumn 2025 ↔ population 1 January 2026


def test_udir_export_bad_number_names_line(tmp_path):
    from forecast.data.school import read_udir_export

    text = ("sep=\t\nEnhetNivaa\tKommunekode\tOrganisasjonsnummer\tEnhetNavn\t2021-22.Alle.Antall elever\n"
            "3\t4601\t4601\tAlle skoler\t30 739\n3\t4601\t4601\tAlle skoler\tmange\n")
    path = tmp_path / "udir.csv"
    path.write_bytes(text.encode("utf-16-le"))
    with pytest.raises(DataError) as err:
        read_udir_export(path)
    assert str(err.value) == f"{path}: line 4: column '2021-22.Alle.Antall elever': 'mange' is not a number"


def test_care_panel_real_rows():
    from forecast.data.care import load_care_panel

    df = load_care_panel().set_index(["municipality", "year"])
    assert df.loc[("4601", 2015), "nurse_fte"] == pytest.approx(1367.515)
    assert df.loc[("4601", 2025), "nurse_fte"] == pytest.approx(1531)
    assert df.loc[("4601", 2025), "home_care_total"] == 8862
    assert df.loc[("4601", 2025), "nursing_home_80p"] == 1459
    assert df.index.get_level_values(0).nunique() == 357


def test_kindergarten_files():
    from forecast.data.kindergarten import load_coverage_1_2, load_kindergartens, national_kindergartens_2017

    k = load_kindergartens()
    assert len(k) == 265
    assert k["fte"].sum() == pytest.approx(3371.5)
    assert k[[f"children_{a}" for a in range(6)]].sum().sum() == 15_220
    cov = load_coverage_1_2().set_index(["municipality", "year"])["share"]
    assert cov[("4601", 2017)] == pytest.approx(0.864)  # published under the old code 1201, recoded
    assert cov[("4601", 2023)] == pytest.approx(0.932)
    nat = national_kindergartens_2017()
    assert len(nat) > 5_000
    assert nat[[f"children_{a}" for a in range(6)]].sum().sum() == pytest.approx(281_618)


def test_text_sniffing():
    from forecast.data.text import parse_number, sniff_encoding

    assert sniff_encoding("a;b\n".encode("utf-16-le")) == "utf-16-le"
    assert sniff_encoding("\ufeffa;b".encode("utf-8")) == "utf-8-sig"
    assert sniff_encoding("Ålesund;Bø".encode("latin-1")) == "latin-1"
    assert sniff_encoding("Ålesund;Bø".encode("utf-8")) == "utf-8"
    assert parse_number("2 787,4") == pytest.approx(2787.4)
    assert parse_number("\u00a015 220") == 15220
    assert parse_number(".") is None


def test_population_gaps_are_errors(tmp_path):
    from forecast.data.population import load_population_wide

    def rows(year, ages):
        return "".join(f"4601,{year},{a},1,1\n" for a in ages)

    path = write(tmp_path, "pop.csv", HEADER + rows(2022, range(101)) + rows(2024, range(101)))
    with pytest.raises(DataError, match="years missing: 2023 .the history must be continuous"):
        load_population_wide(path)
    path = write(tmp_path, "pop.csv", HEADER + rows(2023, range(101)) + rows(2024, range(60)))
    with pytest.raises(DataError, match=r"municipality 4601, year 2024: ages 0–59 \(each municipality needs every "
                                        r"single-year age from 0 to 100 or more"):
        load_population_wide(path)
    path = write(tmp_path, "pop.csv", HEADER + rows(2023, range(101)) + rows(2024, [*range(50), *range(51, 101)]))
    with pytest.raises(DataError, match="municipality 4601, year 2024: 100 ages between 0 and 100"):
        load_population_wide(path)


def test_national_projection_file():
    from forecast.data.projections import load_national_projection

    df = load_national_projection()
    assert (df["year"].min(), df["year"].max()) == (2024, 2060)
    boys0 = df[(df["year"] == 2024) & (df["age"] == 0) & (df["sex"] == "male")]["persons"].item()
    assert boys0 == 26_771


def test_ssb_symbols():
    from forecast.data.text import parse_number

    assert parse_number("-") == 0.0  # SSB: nil
    for missing in ("..", "...", ":", "x", ""):
        assert parse_number(missing) is None
