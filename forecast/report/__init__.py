"""Reports for readers who do not run commands: a PDF for the council, one PNG per chart, the data behind each.

    build_report(results, lang, accuracy=None) -> Report   pages (matplotlib Figures) built from results
    write_files(report, out_dir, fmt, command)            report.pdf, NN-*.png, NN-*.csv, manifest.json (atomic)
    quick_plot(result, path, lang)                        one chart of FTE need by service (for --plot FILE.png)

The report reads results only (forecast.results and forecast.vocabulary): it never calls the model; running the
scenarios is forecast.write_report's job. matplotlib is imported only when a figure is made; figures use the Agg
canvas, never pyplot.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.report.build import build_report
from forecast.report.page import Page, Report
from forecast.report.writer import write_files

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.results.frame import Result

__all__ = ["Page", "Report", "build_report", "write_files", "quick_plot", "quick_figure"]


def quick_figure(result: "Result", lang: str = "nb") -> "Figure":
    """One chart of FTE need by service: a line per service for one scenario; a panel per service with a line
    per scenario (the first marked as baseline) for several. Accepts a Result or its frame."""
    from forecast.report import views
    from forecast.report.build import place_name
    from forecast.report.figures_quick import quick_figure as draw
    from forecast.report.i18n import Lang
    from forecast.report.style import QUICK_SIZE, Header, rc_context

    frame = getattr(result, "frame", result)
    lg = Lang(lang)
    fte = frame[frame["variable"] == "fte"]
    if fte.empty:
        from forecast.errors import ForecastError

        raise ForecastError("nothing to plot: the result has no FTE need (variable 'fte')")
    scenarios = list(dict.fromkeys(fte["scenario"]))
    need = views.summed(fte, ("fte",))
    base, end = views.period(fte)
    place = place_name(views.municipalities(fte), getattr(result, "places", None), lg)
    title = (f"{place}: behov for årsverk per tjeneste {base}–{end}" if lg.code == "nb"
             else f"{place}: FTE need by service {base}–{end}")
    subtitle = scenarios[0] if len(scenarios) == 1 else lg.t("quick_sub", baseline=scenarios[0])
    header = Header(title, subtitle, lg.t("sources_model"), lg.unit("FTE"))
    with rc_context():
        return draw(header, lg, need, scenarios[0], QUICK_SIZE)


def quick_plot(result: "Result", path: str | Path, lang: str = "nb") -> Path:
    """Write `quick_figure(result)` to `path` (.png, .pdf or .svg), atomically; returns the path."""
    from forecast.report.writer import write_figure

    return write_figure(quick_figure(result, lang), Path(path))
