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
    from forecast.report import figures
    from forecast.report.i18n import Lang
    from forecast.report.build import combine
    from forecast.report.style import QUICK_SIZE
    from forecast.report.views import bridge, need_by_service, summed

    nb = Lang("nb")

    def need():
        data = need_by_service(synthetic_result(band=True).frame, "base")
        history = data[data["year"] <= 2026].assign(year=lambda d: d["year"] - 3, value=lambda d: d["value"] * 0.9)
        return figures.need_figure(_header("Behov for årsverk øker i begge tjenester"), nb, data, history)

    def waterfall():
        steps = bridge(synthetic_result(robot=5.0).frame, "base")
        return figures.bridge_figure(_header("Fra 200 til 237 årsverk: befolkningen gir +30, robot −5"), nb, steps)

    def quick():
        both = combine([synthetic_result("base"), synthetic_result("robot", robot=20.0)]).frame
        return figures.quick_figure(_header("Bergen: behov for årsverk per tjeneste"), nb,
                                    summed(both, ("fte",)), "base", QUICK_SIZE)

    return {"need": need, "bridge": waterfall, "quick-scenarios": quick}


@pytest.mark.parametrize("name", ["need", "bridge", "quick-scenarios"])
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
