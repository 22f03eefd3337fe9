"""Reports: numbers formatted per language, chart data from the canonical frame, pages included only when their
data exist, and the files `forecast report` writes (PDF pages and text, PNG sizes, CSVs, manifest)."""

from __future__ import annotations

import functools
import json

import pytest

pytest.importorskip("matplotlib")

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"
PAGE_PX = (1753, 1240)  # A4 landscape (11.69 × 8.27 in) at 150 dpi


# ------------------------------------------------------------------------------------------ language
def test_numbers_follow_the_language():
    from forecast.report.i18n import Lang

    nb, en = Lang("nb"), Lang("en")
    assert nb.num(1234.5, 1) == "1 234,5"
    assert en.num(1234.5, 1) == "1,234.5"
    assert nb.num(1234567) == "1 234 567"
    assert nb.num(-163.2) == "−163"
    assert nb.num(413, 0, sign=True) == "+413"
    assert nb.num(-0.2) == "0"  # no "−0"
    assert nb.pct(0.123, 1) == "12,3 %"
    assert en.pct(0.123, 1) == "12.3%"
    assert nb.service("nursing_home") == "Sykehjem" and en.service("nursing_home") == "Nursing homes"
    assert nb.unit("FTE") == "årsverk" and en.unit("persons") == "persons"


def test_unknown_language_is_a_clear_error():
    from forecast.errors import ForecastError
    from forecast.report.i18n import Lang

    with pytest.raises(ForecastError, match="unknown report language 'de': use one of nb, en"):
        Lang("de")


# ------------------------------------------------------------------------------------------ views
def test_bridge_steps_add_up_from_base_to_end(synthetic):
    from forecast.report.views import bridge

    steps = bridge(synthetic(robot=5.0).frame, "base")
    got = {(s, m): round(v, 6) for s, m, v in zip(steps["step"], steps["measure"], steps["value"])}
    assert got == {("start", ""): 200.0, ("population", ""): 30.0, ("fte_per_user", ""): 12.0,
                   ("measure", "robot"): -5.0, ("end", ""): 237.0}
    assert set(steps["unit"]) == {"FTE"}


def test_need_by_service_keeps_interval_bounds(synthetic):
    from forecast.report.views import need_by_service

    need = need_by_service(synthetic(band=True).frame, "base")
    k = need[(need["service"] == "kindergarten") & (need["year"] == 2030)].iloc[0]
    assert (k["value"], k["lower"], k["upper"]) == (110.0, pytest.approx(104.5), pytest.approx(115.5))
    assert need[need["service"] == "nursing_home"]["lower"].isna().all()


def test_hires_view_splits_growth_and_replacement_after_the_base_year(synthetic, fake_hires):
    from forecast.report.views import hires

    result = fake_hires(synthetic())
    h = hires(result.frame, "base")
    assert h["year"].tolist() == [2026, 2027, 2028, 2029, 2030]
    assert h["growth"].tolist() == [20.0] * 5 and h["replacement"].tolist() == [180.0] * 5
    assert h["cumulative"].iloc[-1] == 1000.0
    assert set(h["unit"]) == {"persons"}


def test_population_by_age_groups_sum_to_the_total(bergen):
    from forecast.report.views import population_by_age

    paths = bergen[1].population["baseline"]
    pop = population_by_age(paths, (2020, 2024), [0, 6, 16, 20, 45, 67, 80, 90])
    total_2024 = paths.persons[0, paths.years.index(2024)].sum()
    assert pop[pop["year"] == 2024]["value"].sum() == pytest.approx(total_2024)
    groups = ["0–5", "6–15", "16–19", "20–44", "45–66", "67–79", "80–89", "90+"]
    assert pop["age_group"].unique().tolist() == groups


# ------------------------------------------------------------------------------------------ pages
@pytest.fixture(scope="module")
def bergen():
    from forecast import load_scenario, run

    loaded = load_scenario(BASELINE)
    return loaded, run(loaded)


def _keys(report) -> list[str]:
    return [p.key.split("-", 1)[1] for p in report.pages]


def test_pages_without_hires_or_accuracy(bergen):
    from forecast.report import build_report

    loaded, result = bergen
    report = build_report([result], "nb")
    keys = _keys(report)
    assert keys[:6] == ["summary", "need-by-service", "bridge", "table-need", "table-need-occupation",
                        "population-by-age"]
    assert keys[6] == "share-of-working-age"
    assert keys[7] == "appendix" and all(k.startswith("appendix-") for k in keys[8:])
    assert report.pages[0].title.startswith("Bergen trenger ")
    assert report.pages[0].title.endswith(" enn i 2025")


def test_hires_and_accuracy_pages_light_up_when_their_data_exist(bergen, fake_hires, fake_accuracy):
    from forecast.report import build_report

    loaded, result = bergen
    report = build_report([fake_hires(result)], "nb", accuracy=fake_accuracy)
    assert _keys(report)[:12] == ["summary", "need-by-service", "bridge", "table-need", "table-need-occupation",
                                  "hires", "table-hires", "table-hires-occupation", "population-by-age",
                                  "share-of-working-age", "model-accuracy", "appendix"]
    hires = report.pages[5]
    # 4 services × 100 persons a year, 2026–2040; growth 10 and replacement 90 of every 100
    assert hires.title == "Bergen må ansette 6 000 personer 2026–2040; 90 % erstatter dem som slutter"
    assert hires.data["cumulative"].iloc[-1] == 6000
    accuracy = report.pages[10]
    assert accuracy.title == "Konstant framskriving bommet med 6,1 % i snitt, 5 år fram (tilbaketesting)"
    assert accuracy.data.set_index("model").loc["naive", "used"]
    assert not accuracy.data.set_index("model").loc["drift", "used"]
    summary = report.pages[0].data.set_index("service")
    assert summary.loc["total", "hires"] == 6000 and summary.loc["home_care", "hires"] == 1500


def test_comparison_and_automation_bridges_need_their_data(synthetic):
    from forecast.report import build_report

    one = build_report([synthetic("base")], lang="en", stamp="")
    # no population in the result: no population pages; no measures: no automation page
    assert _keys(one) == ["summary", "need-by-service", "bridge", "table-need", "appendix"]
    two = build_report([synthetic("base"), synthetic("same"), synthetic("robot", robot=5)],
                       lang="en", stamp="")
    assert _keys(two) == ["summary", "need-by-service", "scenarios", "bridge", "table-need", "appendix"]
    assert two.pages[2].title == "In 2030, need ranges from 237 ('robot') to 242 FTE ('base')"
    assert two.pages[3].title == "From 200 to 242 FTE: population adds +30; automation up to −5 ('robot')"
    steps = two.pages[3].data  # one bridge for all scenarios, by service
    robot = steps[(steps["scenario"] == "robot") & (steps["step"] == "automation")].set_index("service")["value"]
    assert robot.to_dict() == {"kindergarten": 0.0, "nursing_home": pytest.approx(-5.0)}


def test_two_scenarios_with_one_name_are_refused(synthetic):
    from forecast.errors import ForecastError
    from forecast.report import build_report

    with pytest.raises(ForecastError, match="two scenarios are both named 'base'"):
        build_report([synthetic("base"), synthetic("base")])


# ------------------------------------------------------------------------------------------ files
ROBOT = """\
title: "Bergen: robot (test)"
municipality: "4601"
period: {base: 2025, end: 2040}
population: {variant: MMMM}
automation:
  - id: digifrid
    kind: fixed_fte
    service: home_care
    fte: 12
    start: 2026
    reference: "Bergen kommune: software robot replaces the work of 12 FTE"
"""


DRAWN = ("--draws", "40", "--seed", "7")  # few draws, a fixed seed: the report's draws at test speed


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """`forecast report baseline.yaml robot.yaml --out DIR --draws 40 --seed 7` run once, in-process."""
    from forecast.cli import main

    tmp = tmp_path_factory.mktemp("report")
    robot = tmp / "robot.yaml"
    robot.write_text(ROBOT, encoding="utf-8")
    out = tmp / "out"
    try:
        main(["report", str(BASELINE), str(robot), "--out", str(out), *DRAWN])
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out


def test_report_command_writes_pdf_pngs_csvs_and_manifest(written):
    from pypdf import PdfReader

    code, out = written
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pages = manifest["report"]["pages"]
    keys = [p["file"] for p in pages]
    assert keys[:5] == ["01-summary", "02-need-by-service", "03-scenarios", "04-bridge", "05-automation"]
    reader = PdfReader(out / "report.pdf")
    assert len(reader.pages) == len(pages)
    first = reader.pages[0].extract_text()
    for text in ("Bergen trenger", "Svaret kort", "Behov per tjeneste", "Barnehage", "Sykehjem", "Enhet: årsverk",
                 "Kilde:", "Side 1"):
        assert text in first
    for i, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Side {i}" in text and "Enhet:" in text and "Kilde:" in text
        assert pages[i - 1]["title"].split(" ")[0] in text
    for page in pages:
        for kind in ("png", "data"):
            assert page[kind] is None or (out / page[kind]).exists()
    charts = [p for p in pages if p["png"]]
    assert all(p["data"] and p["alt"] for p in charts)  # every chart: its data and a text alternative
    text_only = {p["file"].split("-", 1)[1] for p in pages if not p["png"]}
    assert {"automation", "table-need", "table-hires", "appendix"} <= text_only
    assert len(list(out.glob("*.png"))) == len(charts)
    assert manifest["command"][:2] == ["forecast", "report"]
    assert manifest["scenarios"] == ["baseline", "robot"]
    inputs = {p["path"]: p["sha256"] for p in manifest["inputs"]}
    assert str(BASELINE) in inputs and any(p.endswith("robot.yaml") for p in inputs)
    assert all(len(h) == 64 for h in inputs.values())
    from forecast.results.writing import sha256

    assert manifest["outputs"]["report.pdf"]["sha256"] == sha256(out / "report.pdf")
    assert manifest["report"]["language"] == "nb" and manifest["report"]["period"] == [2025, 2040]


def test_robot_bridge_shows_its_12_fte(written):
    import pandas as pd

    _, out = written
    steps = pd.read_csv(out / "04-bridge.csv")
    robot = steps[steps["scenario"] == "robot"]
    auto = robot[robot["step"] == "automation"].set_index("service")["value"]
    assert auto["home_care"] == pytest.approx(-12.0) and auto.drop("home_care").abs().max() < 1e-9
    assert set(steps["unit"]) == {"FTE"}
    totals = robot.groupby("step")["value"].sum()
    assert totals[["population", "fte_per_user", "automation"]].sum() == pytest.approx(totals["end"] - totals["start"])


def test_each_png_has_the_page_size_and_is_not_blank(written):
    import numpy as np
    from PIL import Image

    _, out = written
    pngs = sorted(out.glob("*.png"))
    assert len(pngs) >= 6
    for png in pngs:
        with Image.open(png) as im:
            assert im.size == PAGE_PX, png.name
            grey = np.asarray(im.convert("L"), dtype=float)
        assert (grey < 200).mean() > 0.01, f"{png.name} is nearly blank"


def test_chart_csvs_state_their_unit(written):
    import pandas as pd

    _, out = written
    for csv in sorted(out.glob("*.csv")):
        data = pd.read_csv(csv)
        assert "unit" in data.columns and data["unit"].notna().all(), csv.name
    need = pd.read_csv(out / "02-need-by-service.csv")
    observed = need[need["kind"] == "observed"]
    assert {"primary_school", "home_care", "nursing_home"} <= set(observed["service"])


def test_english_pdf_only(tmp_path, cli):
    from pypdf import PdfReader

    code, _, err = cli("report", BASELINE, "--out", tmp_path, "--lang", "en", "--format", "pdf", "--draws", "0")
    assert code == 0, err
    assert not list(tmp_path.glob("*.png"))
    text = PdfReader(tmp_path / "report.pdf").pages[0].extract_text()
    assert "Bergen needs" in text and "Unit: FTE" in text and "Page 1" in text
    assert "wrote" in err


def test_png_only_writes_no_pdf(tmp_path, cli):
    code, _, err = cli("report", BASELINE, "--out", tmp_path, "--format", "png", "--draws", "0")
    assert code == 0, err
    assert not (tmp_path / "report.pdf").exists()
    assert (tmp_path / "01-summary.png").exists() and (tmp_path / "manifest.json").exists()


def test_bad_input_exits_2_with_a_message(tmp_path, cli):
    code, _, err = cli("report", tmp_path / "missing.yaml", "--out", tmp_path / "out")
    assert code == 2 and "missing.yaml" in err
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = cli("report", BASELINE, "--out", afile, "--draws", "0")
    assert code == 2
    assert err == f"error: --out {afile} is a file; give a folder to write the report into\n"


def test_a_failed_render_writes_nothing(tmp_path, monkeypatch, synthetic):
    from forecast.report import build_report, writer

    report = build_report([synthetic()], stamp="")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "pdf_bytes", broken)
    with pytest.raises(RuntimeError):
        writer.write_files(report, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# ------------------------------------------------------------------------------------------ quick plot
def test_quick_plot_one_and_several_scenarios(tmp_path, synthetic):
    from PIL import Image

    from forecast.errors import ForecastError
    from forecast.report import quick_plot
    from forecast.report.build import combine

    one = quick_plot(synthetic(), tmp_path / "one.png")
    several = quick_plot(combine([synthetic("a"), synthetic("b", robot=5)]), tmp_path / "two.png",
                         lang="en")
    for path in (one, several):
        with Image.open(path) as im:
            assert im.size == (1500, 900)
    assert quick_plot(synthetic(), tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(ForecastError, match=r"^plot .*plot\.jpg: write a \.png, \.pdf or \.svg file"):  # the CLI says --plot
        quick_plot(synthetic(), tmp_path / "plot.jpg")


def test_norwegian_letters_have_glyphs(tmp_path, synthetic):
    """No 'Glyph missing' warning while drawing æøå and the minus sign."""
    import warnings

    from forecast.report import build_report
    from forecast.report.writer import render

    report = build_report([synthetic("bæsø"), synthetic("åpen", robot=5)], lang="nb", stamp="")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        files = render(report, "png")
    assert "01-summary.png" in files


def test_appendix_lists_assumptions_and_stops_after_four_pages(synthetic):
    from forecast.report import build_report
    from forecast.results.notes import note

    result = synthetic()
    result.notes = result.notes[1:] + [note("care.users_and_fte", service="home_care", users=float(i), fte=i / 10,
                                            year=2025, total=i / 5, share=0.5) for i in range(900)]
    report = build_report([result], stamp="")
    appendix = [p for p in report.pages if p.key.split("-", 1)[1].startswith("appendix")]
    assert [p.png for p in appendix] == [False, False, False, False]
    texts = [t.get_text() for t in appendix[0].figure.texts]
    assert any("sykehjem: SSB 12292 har ingen brukerrettede årsverk for kommunen" in t for t in texts)
    last = "\n".join(t.get_text() for t in appendix[-1].figure.texts)
    shown = sum(t.get_text().count("• ") for p in appendix for t in p.figure.texts)
    assert f"… og {len(appendix[0].data) - shown} til: se manifest.json" in last
    assert (appendix[0].data["kind"].isin(["assumption", "calibration"])).sum() == 901  # the CSV holds every item


def test_a_second_report_in_the_same_folder_removes_the_files_of_the_first(tmp_path, synthetic):
    from forecast.report import build_report
    from forecast.report import write_files as write_report

    two = build_report([synthetic("base"), synthetic("robot", robot=5)], stamp="")
    write_report(two, tmp_path, "both")
    assert (tmp_path / "04-bridge.png").exists() and (tmp_path / "report.pdf").exists()
    (tmp_path / "notes.txt").write_text("mine")
    write_report(build_report([synthetic("base")], stamp=""), tmp_path, "png")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["01-summary.csv", "01-summary.png", "02-need-by-service.csv", "02-need-by-service.png",
                     "03-bridge.csv", "03-bridge.png", "04-table-need.csv", "05-appendix.csv", "manifest.json",
                     "notes.txt", "report.xlsx"]


# ------------------------------------------------------------------------------------------ feedback, workbook
def test_progress_is_told_each_step_and_the_command_is_silent_off_a_terminal(tmp_path, cli):
    import forecast

    steps = []
    written = forecast.write_report([BASELINE], tmp_path / "api", format="pdf", draws=0,
                                    progress=lambda what, done, total: steps.append((what, done, total)))
    assert steps == [("run", 0, 1), ("draw", 1, 1), ("write", 1, 1)]
    assert written.reference == "baseline" and written.reference_by == "marked" and written.draws is None
    code, _, err = cli("report", BASELINE, "--out", tmp_path / "cli", "--format", "pdf", "--draws", "0")
    assert code == 0 and err.startswith("wrote ") and err.count("\n") == 1  # stderr is no terminal here


def test_the_workbook_opens_in_libreoffice(tmp_path, synthetic):
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from forecast.report import build_report
    from forecast.report.writer import render

    (tmp_path / "report.xlsx").write_bytes(render(build_report([synthetic()], stamp=""), "pdf")["report.xlsx"])
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "report.xlsx")],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------------------------------ draws
@functools.lru_cache(maxsize=1)
def _drawn_totals():
    """Result.totals of the reference with hires, the report's seed and draws."""
    import forecast
    from forecast.api import Draws

    return forecast.run(BASELINE, hires=True, draws=Draws(int(DRAWN[1]), int(DRAWN[3]))).totals


def _drawn_total(variable="fte", year=2040, label="4601"):
    """The draws' interval of the total over services (Result.totals) with the report's seed and draws."""
    t = _drawn_totals()
    row = t[(t["service"] == "all") & (t["occupation"] == "all") & (t["variable"] == variable)
            & (t["year"] == year) & (t["municipality"] == label)]
    assert len(row) == 1
    return row.iloc[0]


def test_the_fan_chart_is_written_with_its_quantiles_and_the_drawn_total(written):
    import pandas as pd

    code, out = written
    assert code == 0 and (out / "02-need-by-service.png").exists()
    need = pd.read_csv(out / "02-need-by-service.csv")
    assert {"p10", "p50", "p90", "lower", "upper"} <= set(need.columns)
    proj = need[need["kind"] == "projection"].set_index(["service", "year"])
    assert {"kindergarten", "primary_school", "home_care", "nursing_home", "total"} == set(proj.index.levels[0])
    end = proj.xs(2040, level="year")
    assert (end["p10"] < end["value"]).all() and (end["value"] < end["p90"]).all()
    assert (end["lower"] == end["p10"]).all() and (end["upper"] == end["p90"]).all()
    base = proj.xs(2025, level="year")
    assert (base["p10"] == base["p90"]).all()  # the base year is known
    total = _drawn_total()
    assert end.loc["total", "p10"] == pytest.approx(total["p10"]) and end.loc["total", "p90"] == pytest.approx(
        total["p90"])
    assert end.loc["total", "p90"] - end.loc["total", "p10"] < (end.drop("total")["p90"] - end.drop("total")[
        "p10"]).sum()  # the total's interval is narrower than the services' bounds added up


def test_page_one_gives_the_total_interval_from_the_draws_and_whether_each_scenario_stands_out(written):
    import pandas as pd
    from pypdf import PdfReader

    from forecast.report.i18n import Lang

    _, out = written
    total = _drawn_total()
    nb = Lang("nb")
    text = " ".join(PdfReader(out / "report.pdf").pages[0].extract_text().split())
    assert (f"Hvor sikkert? I 80 % av 40 trekninger ligger det samlede behovet i 2040 mellom {nb.num(total['p10'])} "
            f"og {nb.num(total['p90'])} årsverk.") in text
    assert "«robot» −12 årsverk (ingen spredning; skiller seg ut fra usikkerheten)" in text
    hires = _drawn_total("hires_cumulative")  # hires 2026–2040, summed inside each draw
    assert (f"I 80 % av trekningene er det mellom {nb.num(round(hires['p10'], -2))} og "
            f"{nb.num(round(hires['p90'], -2))}.") in text
    summary = pd.read_csv(out / "01-summary.csv").set_index("service")
    assert summary.loc["total", "lower_end"] == pytest.approx(total["p10"])
    assert summary.loc["total", "upper_end"] == pytest.approx(total["p90"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"]["draws"] == {"draws": 40, "seed": 7, "scheduler": "local", "quantiles": [0.1, 0.5, 0.9]}
    scen = pd.read_csv(out / "03-scenarios.csv")
    robot = scen[(scen["scenario"] == "robot") & (scen["year"] == 2040)].iloc[0]
    assert robot["difference_from_reference"] == pytest.approx(-12.0) and bool(robot["stands_out"])
    assert robot["difference_p10"] == pytest.approx(-12.0) and robot["difference_p90"] == pytest.approx(-12.0)


def test_the_drivers_page_comes_with_draws_and_the_workbook_carries_the_quantiles(written):
    import pandas as pd

    openpyxl = pytest.importorskip("openpyxl")
    _, out = written
    drivers = pd.read_csv(next(out.glob("*-drivers.csv")))
    need = drivers[drivers["variable"] == "fte"].set_index("source")
    assert {"all", "population", "coverage", "fte_per_user"} <= set(need.index)
    assert "turnover" not in need.index  # it does not move the need: named under the chart, not drawn as a bar
    assert set(drivers["variable"]) == {"fte", "hires"} and set(drivers["unit"]) == {"FTE", "persons"}
    book = openpyxl.load_workbook(out / "report.xlsx")
    sheet = book["Behov per år"]
    headers = [c.value for c in sheet[3]]
    assert {"Nedre (80 %)", "Øvre (80 %)", "10-persentil", "50-persentil", "90-persentil"} <= set(headers)
    rows = [dict(zip(headers, r)) for r in sheet.iter_rows(min_row=4, values_only=True)]
    total = next(r for r in rows if r["Scenario"] == "referanse" and r["Tjeneste"] == "Totalt" and r["År"] == 2040)
    assert total["10-persentil"] == pytest.approx(_drawn_total()["p10"])
    scenarios = [dict(zip([c.value for c in book["Scenarioer"][3]], r))
                 for r in book["Scenarioer"].iter_rows(min_row=4, values_only=True)]
    assert scenarios[1]["Mot usikkerheten"] == "skiller seg ut fra usikkerheten"


def test_draws_0_gives_the_report_without_draws(tmp_path, cli):
    import pandas as pd
    from pypdf import PdfReader

    code, _, err = cli("report", BASELINE, "--out", tmp_path, "--format", "pdf", "--draws", "0")
    assert code == 0, err
    assert "intervals from" not in err
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"]["draws"] is None
    assert not [p for p in manifest["report"]["pages"] if p["file"].endswith("-drivers")]
    need = pd.read_csv(tmp_path / "02-need-by-service.csv")
    assert "p10" not in need.columns and "total" not in set(need["service"])
    text = " ".join(PdfReader(tmp_path / "report.pdf").pages[0].extract_text().split())
    assert "Summer har ikke intervall" in text and "trekninger" not in text


FOUR = """\
title: "Fire kommuner (test)"
municipality: ["4601", "4602", "1103", "1108"]
period: {base: 2025, end: 2040}
population: {variant: MMMM}
"""


def test_counties_and_the_whole_area_get_their_intervals_from_the_draw_by_draw_sums(tmp_path):
    """Bergen and Kinn (Vestland), Stavanger and Sandnes (Rogaland): the county table's end-year intervals are the
    draws' county sums, its total row and page one the sum over all four."""
    import pandas as pd

    import forecast
    from forecast.api import Draws

    scenario = tmp_path / "four.yaml"
    scenario.write_text(FOUR, encoding="utf-8")
    written = forecast.write_report([scenario], tmp_path / "out", format="pdf", draws=Draws(40, 7))
    counties = pd.read_csv(tmp_path / "out" / next(k for k in written.files if k.endswith("-counties.csv")))
    totals = forecast.run(scenario, draws=Draws(40, 7)).totals
    end = totals[(totals["service"] == "all") & (totals["occupation"] == "all") & (totals["variable"] == "fte")
                 & (totals["year"] == 2040)].set_index("municipality")
    counties = counties.set_index("name")
    assert counties.loc["Vestland", "lower_end"] == pytest.approx(end.loc["county 46 Vestland", "p10"])
    assert counties.loc["Rogaland", "upper_end"] == pytest.approx(end.loc["county 11 Rogaland", "p90"])
    summary = pd.read_csv(tmp_path / "out" / "01-summary.csv").set_index("service")
    assert summary.loc["total", "lower_end"] == pytest.approx(end.loc["4 municipalities", "p10"])
    need = pd.read_csv(tmp_path / "out" / "02-need-by-service.csv")
    home = need[(need["service"] == "home_care") & (need["year"] == 2040)].iloc[0]
    drawn = totals[(totals["municipality"] == "4 municipalities") & (totals["service"] == "home_care")
                   & (totals["occupation"] == "all") & (totals["variable"] == "fte") & (totals["year"] == 2040)]
    assert home["p90"] == pytest.approx(drawn["p90"].iloc[0])  # a service summed over municipalities: drawn too
