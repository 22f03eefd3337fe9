"""The Norwegian report a council reads, rendered once from the four shipped Bergen scenarios: Norwegian all through
(no word of an English stop list in the PDF text), every page with a title, a source line and a unit, no code or
file paths outside the appendix, each note once, text of at least 8 pt, the PDF's title, author, subject and
language, a text alternative for every chart, and a workbook that opens with openpyxl."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("matplotlib")

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
BERGEN = [ROOT / "scenarios" / "bergen" / f"{n}.yaml" for n in ("ambitious", "baseline", "robot", "welfare-tech")]
# English words that bokmål does not use (so any of them in the PDF is English left in the report)
STOP = {"the", "and", "of", "with", "which", "this", "that", "is", "are", "was", "were", "than", "only", "each",
        "when", "where", "would", "could", "should", "have", "has", "been", "be", "it", "its", "or", "not", "from",
        "by", "an", "into", "on", "if", "need", "needs", "users", "user", "baseline", "assumption", "assumptions",
        "reference", "interval", "lower", "upper", "share", "growth", "hires", "staffing", "municipality",
        "municipalities", "population", "nurses", "teachers", "children", "pupils", "residents", "automation",
        "measure", "scenario's", "year", "years", "per cent", "source", "unit", "page", "total", "change"}
SHEETS_NB = ["Sammendrag", "Scenarioer", "Behov per år", "Behov per yrke", "Ansettelser", "Befolkning", "Forutsetninger",
             "Kilder"]


@pytest.fixture(scope="module")
def nb_report(tmp_path_factory):
    """The four Bergen scenarios given in the shell's order (ambitious first), drawn as forecast.write_report draws
    them (40 draws, seed 7: the reference with its drivers, the differences from it draw by draw): the report
    object, its folder and the reference's result."""
    from forecast.api import REPORT_HORIZON, Draws, _reference_first, _report_accuracy, compare, run
    from forecast.report import build_report, write_files

    loaded, why = _reference_first(BERGEN)
    draws = Draws(40, 7)
    results = [run(ld, hires=(i == 0), observed=(i == 0), draws=Draws(40, 7, sensitivity=(i == 0)))
               for i, ld in enumerate(loaded)]
    comparison = compare(loaded[1:], reference=loaded[0], draws=draws)
    report = build_report(results, "nb", accuracy=_report_accuracy(results), validated=REPORT_HORIZON,
                          reference_by=why, comparison=comparison)
    out = tmp_path_factory.mktemp("nb")
    write_files(report, out, "pdf", command=["test"])
    return report, out, results[0]


def _pages(out):
    """The text of each page, with its lines joined (a wrapped sentence reads as one)."""
    from pypdf import PdfReader

    return [" ".join(p.extract_text().split()) for p in PdfReader(out / "report.pdf").pages]


def test_the_marked_reference_comes_first_whatever_the_order_given(nb_report):
    report, _, _ = nb_report
    assert report.extra["reference"] == "baseline" and report.extra["reference_by"] == "marked"
    assert "Referansen er «referanse», som scenariofilen selv merker som referanse." in _pages(nb_report[1])[0]


def test_no_english_word_in_the_norwegian_pdf(nb_report):
    found = {}
    for n, text in enumerate(_pages(nb_report[1]), start=1):
        text = re.sub(r"\S*[/_]\S*", " ", text)  # file names, which the appendix may cite
        for word in re.findall(r"[A-Za-z']+", text):
            if word.lower() in STOP:
                found.setdefault(word.lower(), n)
    assert not found, f"English words (first page they are on): {found}"


def test_every_page_has_a_title_a_source_a_unit_and_a_number(nb_report):
    report, out, _ = nb_report
    for n, (page, text) in enumerate(zip(report.pages, _pages(out)), start=1):
        assert page.title and page.title.split(" ")[0] in text, n
        assert "Kilde:" in text and "Enhet:" in text and f"Side {n}" in text, n


def test_no_code_or_file_paths_outside_the_appendix(nb_report):
    report, out, _ = nb_report
    for page, text in zip(report.pages, _pages(out)):
        if "appendix" in page.key:
            continue
        body = text.split("Kilde:")[0]
        for bad in ("`", "{", "}", ".yaml", "data/", "staffing", "home_care", "primary_school", "nursing_home",
                    "task_share", "automation_offset"):
            assert bad not in body, (page.key, bad)


def test_each_note_appears_once(nb_report):
    report, out, _ = nb_report
    items = [t for t in report.pages[-1].data["text"]] if report.pages[-1].data is not None else []
    appendix = next(p for p in report.pages if p.key.endswith("-appendix"))
    items = appendix.data["text"].tolist()
    assert len(items) == len(set(items))
    assert any(i.startswith("barnehage: 251 barnehager") for i in items)


def test_text_is_at_least_8_pt(nb_report):
    from matplotlib.text import Text

    report, _, _ = nb_report
    for page in report.pages:
        for artist in page.figure.findobj(Text):
            if artist.get_text().strip() and artist.get_visible():
                assert artist.get_fontsize() >= 8, (page.key, artist.get_text()[:40], artist.get_fontsize())


def test_pdf_says_its_title_author_subject_and_language(nb_report):
    from pypdf import PdfReader

    report, out, _ = nb_report
    reader = PdfReader(out / "report.pdf")
    meta = reader.metadata
    assert meta.title == report.pages[0].title == "Bergen trenger 16 884 årsverk i 2040, 3 252 flere enn i 2025"
    assert meta.author.startswith("forecast") and meta.subject.startswith("Behov for årsverk og ansettelser")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nb-NO" and root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_every_chart_has_a_text_alternative_in_the_appendix_and_the_manifest(nb_report):
    report, out, _ = nb_report
    charts = [p for p in report.pages if p.png]
    assert len(charts) >= 7 and all(len(p.alt) > 40 for p in charts)
    appendix = " ".join(p.data["text"].str.cat(sep=" ") for p in report.pages if p.key.endswith("-appendix"))
    for n, p in enumerate(report.pages, start=1):
        if p.png:
            assert f"Side {n}, {p.title}: {p.alt}" in appendix
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    alts = {p["file"]: p["alt"] for p in manifest["report"]["pages"]}
    assert all(alts[p.key] == p.alt for p in charts)


def test_page_one_answers_in_plain_words_with_its_numbers(nb_report):
    report, _, _ = nb_report
    first = report.pages[0]
    data = first.data.set_index("service")
    assert data.loc["total", "fte_end"] == pytest.approx(data.drop("total")["fte_end"].sum())
    school = data.loc["primary_school"]
    assert school["lower_end"] < school["fte_end"] < school["upper_end"]  # one municipality: its own interval
    t = nb_report[2].totals  # the total's interval: the draws' sum over services, not a sum of bounds
    drawn = t[(t["service"] == "all") & (t["occupation"] == "all") & (t["variable"] == "fte") & (t["year"] == 2040)
              & (t["municipality"] == "4601")].iloc[0]
    assert data.loc["total", "lower_end"] == pytest.approx(drawn["p10"])
    assert data.loc["total", "upper_end"] == pytest.approx(drawn["p90"])
    assert data.loc["total", "upper_end"] - data.loc["total", "lower_end"] < (
        data.drop("total")["upper_end"] - data.drop("total")["lower_end"]).sum()
    assert data.loc["total", "hires"] == pytest.approx(55271, abs=5)
    texts = " ".join(" ".join(t.get_text().split()) for t in first.figure.texts)
    nb = __import__("forecast.report.i18n", fromlist=["Lang"]).Lang("nb")
    assert (f"Hvor sikkert? I 80 % av 40 trekninger ligger det samlede behovet i 2040 mellom {nb.num(drawn['p10'])} "
            f"og {nb.num(drawn['p90'])} årsverk.") in texts
    assert "Mot referansen endrer de andre scenarioene behovet i 2040 slik (80 %-intervall fra trekningene):" in texts
    assert "«ambisiøs automatisering» −1 233 årsverk (" in texts and "skiller seg ut fra usikkerheten" in texts


def test_the_workbook_opens_with_its_sheets_units_and_numbers(nb_report):
    openpyxl = pytest.importorskip("openpyxl")
    from forecast.report.writer import render

    report, out, _ = nb_report
    (out / "report.xlsx").write_bytes(render(report, "pdf")["report.xlsx"])
    book = openpyxl.load_workbook(out / "report.xlsx")
    assert book.sheetnames == SHEETS_NB
    need = book["Behov per år"]
    assert need["A1"].value.startswith("Bergen: brukere og behov")
    headers = [c.value for c in need[3]]
    units = dict(zip(headers, [c.value for c in need[2]]))
    assert headers[:5] == ["Scenario", "Tjeneste", "År", "Brukere", "Årsverk"]
    assert units["Brukere"] == "personer" and units["Årsverk"] == "årsverk" and units["Nedre (80 %)"] == "årsverk"
    assert need.freeze_panes == "A4" and len(need.tables) == 1
    rows = list(need.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 4 * (4 + 1) * 16  # scenarios × (services and their total) × years
    assert {"Nedre (80 %)", "Øvre (80 %)", "10-persentil", "50-persentil", "90-persentil"} <= set(headers)
    first = dict(zip(headers, rows[0]))
    assert first["Scenario"] == "referanse" and first["Tjeneste"] == "Barnehage" and first["År"] == 2025
    assert isinstance(first["Årsverk"], float) and first["Årsverk"] == pytest.approx(3299, abs=1)
    assert need.cell(4, headers.index("Årsverk") + 1).number_format == "#,##0.0"
    assert need.cell(4, headers.index("Brukere") + 1).number_format == "#,##0"
    summary = {r[0]: r for r in book["Sammendrag"].iter_rows(min_row=4, values_only=True)}
    assert summary["Totalt"][2] == pytest.approx(16884, abs=1)
    hires = book["Ansettelser"]
    assert [c.value for c in hires[2]][3:] == ["personer"] * 3
