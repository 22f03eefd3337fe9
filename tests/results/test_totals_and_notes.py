"""The one rule for totals, and notes as records with their texts in both languages."""

import math

import pandas as pd
import pytest

from forecast.results.notes import ASSUMPTION, display, merged, note
from forecast.results.totals import summed


def frame(rows):
    return pd.DataFrame(rows, columns=["scenario", "municipality", "service", "variable", "unit", "year", "value",
                                       "lower", "upper"])


def test_a_sum_over_several_rows_carries_no_interval_and_one_row_keeps_its_own():
    f = frame([("s", "0301", "home_care", "fte", "FTE", 2040, 100.0, 80.0, 130.0),
               ("s", "4601", "home_care", "fte", "FTE", 2040, 50.0, 40.0, 70.0),
               ("s", "4601", "nursing_home", "fte", "FTE", 2040, 10.0, 9.0, 12.0)])
    over_places = summed(f, "municipality", "2 municipalities")
    home = over_places[over_places["service"] == "home_care"].iloc[0]
    assert home["value"] == 150.0 and math.isnan(home["lower"]) and math.isnan(home["upper"])
    assert home["municipality"] == "2 municipalities"
    nursing = over_places[over_places["service"] == "nursing_home"].iloc[0]
    assert (nursing["value"], nursing["lower"], nursing["upper"]) == (10.0, 9.0, 12.0)  # one row: its own interval
    assert list(over_places.columns) == list(f.columns)
    assert "municipality" not in summed(f, "municipality").columns


def test_the_national_report_view_no_longer_adds_bounds():
    """The report summed bounds over municipalities (nursing-home need 2040 shown as 7,931–81,290 around 16,051)."""
    from forecast.report.views import summed as view

    f = frame([("s", c, "nursing_home", "fte", "FTE", 2040, 10.0, 5.0, 40.0) for c in ("0301", "4601", "1103")])
    row = view(f, ("fte",)).iloc[0]
    assert row["value"] == 30.0 and math.isnan(row["lower"]) and math.isnan(row["upper"])


def test_notes_render_in_english_and_norwegian_with_their_number_format():
    n = note("care.users_and_fte", service="nursing_home", users=2089.0, fte=4076.37, year=2025, total=7477.0,
             share=0.5452)
    assert n.text("en") == ("nursing_home: 2,089 residents and 4,076.4 FTE in 2025 (54.5% of the municipality's 7,477 "
                            "user-facing care FTE, SSB 12292)")
    assert n.text("nb") == ("sykehjem: 2 089 beboere og 4 076,4 årsverk i 2025 (54,5 % av kommunens 7 477 "
                            "brukerrettede årsverk i omsorgstjenesten, SSB 12292)")
    share = note("kindergarten.coverage_moved", first=0.864, last=0.932, year=2023)
    assert share.text("nb") == ("barnehage: dekningsgraden for 1–2-åringer er flyttet fra 86,4 % (2017) til 93,2 % "
                                "(2023) med SSB 13502, deretter holdt")
    trade = note("workforce.occupation", occupation="health_workers", turnover=0.116, size=0.738)
    assert trade.text("nb").startswith("helsefagarbeidere: turnover 11,6 %/år, stillingsstørrelse 0,738 årsverk")


def test_notes_merge_by_record_not_by_rounded_text():
    kw = {"service": "nursing_home", "users": 15.0, "year": 2025, "total": 9.0}
    a = note("care.users_and_fte", fte=3.86, share=0.43, municipalities=["1818"], **kw)
    b = note("care.users_and_fte", fte=3.94, share=0.43, municipalities=["3336"], **kw)
    c = note("care.users_and_fte", fte=3.86, share=0.43, municipalities=["1520"], **kw)
    assert a.text() == b.text()  # both read "3.9 FTE"
    out = merged([a, b, c])
    assert [n.municipalities for n in out] == [("1818", "1520"), ("3336",)]


def test_a_note_names_its_municipalities_or_counts_them():
    n = note("kindergarten.coverage_held", kind=ASSUMPTION, municipalities=["4601", "0301"])
    names = {"4601": "Bergen", "0301": "Oslo"}
    assert display(n, "en", names, many=True).endswith("[4601 Bergen, 0301 Oslo]")
    assert display(n, "en", names, many=False).endswith("2017 coverage held")
    many = note("kindergarten.coverage_held", kind=ASSUMPTION, municipalities=[f"{i:04d}" for i in range(5)])
    assert display(many, "nb", {}, many=True).endswith("[5 kommuner]")


@pytest.mark.parametrize("key", sorted(__import__("forecast.results.texts", fromlist=["TEMPLATES"]).TEMPLATES))
def test_every_note_template_has_both_languages(key):
    from forecast.results.texts import TEMPLATES

    assert set(TEMPLATES[key]) == {"en", "nb"}
    fields = {lang: sorted(__import__("string").Formatter().parse(t)) for lang, t in TEMPLATES[key].items()}
    names = {lang: {f[1] for f in parsed if f[1]} for lang, parsed in fields.items()}
    assert names["en"] == names["nb"], key
