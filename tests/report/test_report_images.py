"""Baseline images guard the look of the charts: fixed data in, PNG out, compared with a checked-in image.

The comparison is tolerant (RMS of pixel differences, 0–255 scale), so font hinting or antialiasing changes between
matplotlib versions pass while a changed colour, hatch, layout or missing element fails. On a mismatch the new
image and a diff are left in the test's tmp folder. To accept a deliberate change:
    FORECAST_UPDATE_BASELINES=1 pytest tests/report/test_report_images.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

BASELINES = Path(__file__).parent / "baseline_images"
TOLERANCE = 3.0  # RMS; other colours for two services' lines and bands give about 6, for the bars of a bridge 21
DPI = 50  # small files; layout and colours are what is compared


def _header(title: str):
    from forecast.report.style import Header

    return Header(title=title, subtitle="Test data · 2025–2030", source="forecast tests", unit="årsverk")


def _figures(synthetic_result):
    """name → function making the figure (each from fixed synthetic data)."""
    import pandas as pd

    from forecast.report import figures, figures_people, figures_quick, figures_regions
    from forecast.report.build import combine
    from forecast.report.i18n import Lang
    from forecast.report.style import QUICK_SIZE
    from forecast.report.views import bridge_by_service, hires, hires_by_service, need_by_service, summed, totals

    nb = Lang("nb")

    def need():  # grey 80 % band drawn to 2027 (validated 2 years ahead), axes from zero, observed circles
        data = need_by_service(synthetic_result(band=True).frame, "base")
        history = data[data["year"] <= 2026].assign(year=lambda d: d["year"] - 3, value=lambda d: d["value"] * 0.9)
        return figures.need_figure(_header("Behov for årsverk øker i begge tjenester"), nb, data, history,
                                   [("lower", "upper", 0.8)], 2027, 2)

    def waterfall():  # one bridge for two scenarios, split by service, on a broken axis
        both = combine([synthetic_result("base"), synthetic_result("robot", robot=5.0)]).frame
        steps = pd.concat([bridge_by_service(both, s) for s in ("base", "robot")], ignore_index=True)
        return figures.bridge_figure(_header("Fra 200 til 242 årsverk: befolkningen gir +30"), nb, steps, "base",
                                     {"base": "referanse", "robot": "robot"})

    def scenarios():  # totals from zero; differences on a one-sided axis (all negative)
        both = combine([synthetic_result("base"), synthetic_result("robot", robot=20.0)]).frame
        return figures.compare_figure(_header("Behovet spenner fra 222 til 242 årsverk"), nb, totals(both), "base",
                                      {"base": "referanse", "robot": "robot"})

    def hiring():
        result = synthetic_result()
        f = result.frame[result.frame["variable"] == "fte"]
        extra = [f.assign(variable=v, unit="persons", value=x) for v, x in
                 (("hires_growth", 10.0), ("hires_replacement", 90.0), ("hires", 100.0))]
        frame = pd.concat([result.frame, *extra], ignore_index=True)
        by = hires_by_service(frame, "base")
        return figures_people.hires_figure(_header("Bergen må ansette 1 000 personer"), nb, hires(frame, "base"),
                                           by[by["year"] > 2025])

    def population():
        rows = [{"age_group": g, "year": y, "value": v0 * (1 + r) ** (y - 2025), "unit": "persons"}
                for g, v0, r in (("0–5", 1000, -0.01), ("67–79", 800, 0.03), ("90+", 50, 0.08))
                for y in range(2025, 2031)]
        pop = pd.DataFrame(rows)
        pop["index"] = 100 * pop["value"] / pop["age_group"].map(pop[pop["year"] == 2025].set_index("age_group")
                                                                ["value"])
        return figures_people.population_figure(_header("Aldersgruppen 90+ år øker mest"), nb, pop)

    def bubble_map():
        muni = pd.DataFrame({"municipality": ["0301", "4601", "5001", "1103", "5501", "1804", "3301", "4204",
                                              "3901", "1506"],
                             "name": ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Bodø", "Drammen",
                                      "Kristiansand", "Larvik", "Molde"],
                             "county": ["03", "46", "50", "11", "55", "18", "33", "42", "39", "15"],
                             "lon": [10.75, 5.32, 10.4, 5.73, 18.96, 14.4, 10.2, 8.0, 10.03, 7.16],
                             "lat": [59.91, 60.39, 63.43, 58.97, 69.65, 67.28, 59.74, 58.15, 59.05, 62.74],
                             "fte_base": [40000, 8000, 6000, 5000, 2000, 1500, 3000, 3500, 1400, 900]})
        muni["fte_end"] = muni["fte_base"] * [1.1, 1.12, 1.08, 1.05, 1.0, 0.95, 1.06, 1.07, 0.97, 0.9]
        muni["change"] = muni["fte_end"] - muni["fte_base"]
        muni["change_share"] = muni["change"] / muni["fte_base"]
        return figures_regions.bubble_map_figure(_header("Behovet øker i 7 av 10 kommuner"), nb, muni, 2025, 2040)

    def tornado():  # FTE need and hires, one source at a time under all sources together (grey, on top)
        need = pd.DataFrame({"source": ["population", "coverage", "all"], "kind": ["source", "source", "all"],
                             "label": ["Befolkning", "Dekningsgrad", "Alle kilder samlet"],
                             "p10": [7400.0, 7900.0, 7000.0], "p90": [9600.0, 9000.0, 10200.0]})
        hires = pd.DataFrame({"source": ["turnover", "population", "all"], "kind": ["source", "source", "all"],
                              "label": ["Turnover", "Befolkning", "Alle kilder samlet"],
                              "p10": [800.0, 900.0, 700.0], "p90": [1300.0, 1050.0, 1400.0]})
        panels = [{"title": "Behov for årsverk i 2040", "axis": "Avvik, årsverk", "central": 8500.0, "data": need},
                  {"title": "Ansettelser i 2040", "axis": "Avvik, personer", "central": 1000.0, "data": hires}]
        return figures_regions.tornado_figure(_header("Befolkningen betyr mest"), nb, panels,
                                              "Varierer ikke behovet: turnover.")

    def quick():
        both = combine([synthetic_result("base"), synthetic_result("robot", robot=20.0)]).frame
        return figures_quick.quick_figure(_header("Bergen: behov for årsverk per tjeneste"), nb,
                                    summed(both, ("fte",)), "base", QUICK_SIZE)

    return {"need": need, "bridge": waterfall, "scenarios": scenarios, "hires": hiring, "population": population,
            "map": bubble_map, "tornado": tornado, "quick-scenarios": quick}


CHARTS = ["need", "bridge", "scenarios", "hires", "population", "map", "tornado", "quick-scenarios"]


@pytest.mark.parametrize("name", CHARTS)
def test_chart_matches_baseline(name, tmp_path, synthetic):
    from matplotlib.testing.compare import compare_images

    from forecast.report.style import rc_context

    with rc_context():
        fig = _figures(synthetic)[name]()
    actual = tmp_path / f"{name}.png"
    fig.savefig(actual, dpi=DPI)
    expected = BASELINES / f"{name}.png"
    if os.environ.get("FORECAST_UPDATE_BASELINES") == "1":
        expected.write_bytes(actual.read_bytes())
    assert expected.exists(), f"no baseline {expected}; run with FORECAST_UPDATE_BASELINES=1 to make it"
    result = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert result is None, result


def test_comparison_notices_a_changed_colour(tmp_path, monkeypatch, synthetic):
    """The tolerance is loose enough for rendering noise, not for a different look."""
    from matplotlib.testing.compare import compare_images

    from forecast.report import figures
    from forecast.report.style import rc_context

    monkeypatch.setitem(figures.SERVICE_STYLE, "kindergarten",
                        {**figures.SERVICE_STYLE["kindergarten"], "color": "#F0E442"})
    monkeypatch.setitem(figures.SERVICE_STYLE, "nursing_home",
                        {**figures.SERVICE_STYLE["nursing_home"], "color": "#56B4E9"})
    with rc_context():
        fig = _figures(synthetic)["need"]()
    actual = tmp_path / "need.png"
    fig.savefig(actual, dpi=DPI)
    assert compare_images(str(BASELINES / "need.png"), str(actual), tol=TOLERANCE) is not None
