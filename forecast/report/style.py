"""The look of every report page: A4 landscape, a message as title, source and unit in the footer.

Colours are Okabe–Ito (safe for colour-blind readers); each series also has its own line style, marker or hatch,
so a greyscale print still tells them apart. Figures are built on matplotlib's Agg canvas, never through pyplot,
so no window or global figure state is involved.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forecast.vocabulary import SERVICES

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang

PAGE_SIZE = (11.69, 8.27)  # inches: A4 landscape
QUICK_SIZE = (10.0, 6.0)  # inches: a single chart for a slide
DPI = 150  # PNG pixels per inch: 1754 × 1240 for a page

BLACK, GREY, LIGHT = "#000000", "#6E6E6E", "#D9D9D9"
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]
INCREASE, DECREASE = "#D55E00", "#0072B2"  # vermillion: more need; blue: less need

SERVICE_STYLE = {s.id: s.style for s in SERVICES.values()}  # colour, line, marker and hatch of each service
POPULATION_AGE_GROUPS = (0, 6, 16, 20, 45, 67, 80, 90)  # first ages of the population chart's groups (last open):
# SSB's standard groups 20–44, 45–66, 67–79, 80–89, 90+ with the kindergarten (0–5) and school (6–15) ages apart
_SCENARIO_LINES = ["--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (1, 1))]
_SCENARIO_MARKERS = ["o", "s", "^", "D", "v", "P"]

RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib; has æøå and the minus sign
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": LIGHT,
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "lines.linewidth": 2.0,
    "lines.markersize": 5,
    "hatch.linewidth": 0.8,
    "pdf.fonttype": 42,  # TrueType in the PDF: text stays searchable and copyable
    "axes.unicode_minus": True,
}


@dataclass
class Header:
    """What frames a page: its message, what is shown, where the numbers come from and their unit."""

    title: str
    subtitle: str
    source: str
    unit: str
    stamp: str = ""  # "Made with forecast 0.1.0, 2026-05-01"


def scenario_style(index: int, baseline: bool) -> dict:
    """Line style of the index-th scenario; the baseline is a thick black line."""
    if baseline:
        return {"color": BLACK, "linestyle": "-", "linewidth": 3.0, "marker": None, "zorder": 5}
    i = index - 1
    return {"color": OKABE_ITO[i % 6], "linestyle": _SCENARIO_LINES[i % len(_SCENARIO_LINES)],
            "marker": _SCENARIO_MARKERS[i % len(_SCENARIO_MARKERS)], "markevery": 5, "linewidth": 2.0,
            "zorder": 3}


def rc_context():
    import matplotlib

    return matplotlib.rc_context(RC)


def new_figure(size: tuple[float, float] = PAGE_SIZE) -> "Figure":
    """A Figure on the Agg canvas (call inside `rc_context()`)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


GROUPED = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")  # the space between a number's digit groups (16 884)


def keep_numbers(text: str) -> str:
    """The text with the spaces inside numbers made non-breaking for wrapping (16 884 stays on one line); `wrap`
    and the report's paragraphs turn them back into plain spaces."""
    return GROUPED.sub("\u00a0", text)


def wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(keep_numbers(text), width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines).replace("\u00a0", " ") or text


def page_figure(header: Header, lang: "Lang", size: tuple[float, float] = PAGE_SIZE) -> tuple["Figure", tuple]:
    """A page with title, subtitle and footer drawn; returns it and the (left, bottom, right, top) of the body.

    Offsets are in inches, so a slide-sized figure is laid out like a page."""
    fig = new_figure(size)
    width, height = size
    y = lambda inches: 1 - inches / height  # noqa: E731 - from the top edge
    title = wrap(header.title, int(width * 6.6))
    lines = title.count("\n") + 1
    fig.text(0.04, y(0.35), title, fontsize=17, fontweight="bold", va="top", ha="left", linespacing=1.15)
    sub_top = 0.35 + lines * 0.30 + 0.08
    fig.text(0.04, y(sub_top), header.subtitle, fontsize=11, color=GREY, va="top", ha="left")
    source = wrap(f"{lang.t('source')}: {header.source}", int(width * 12))
    foot_lines = source.count("\n") + 2
    fig.text(0.04, 0.25 / height, f"{source}\n{lang.t('unit')}: {header.unit}", fontsize=8, color=GREY,
             va="bottom", ha="left", linespacing=1.4)
    if header.stamp:
        fig.text(0.96, 0.25 / height + 0.16 / height, header.stamp, fontsize=8, color=GREY, va="bottom",
                 ha="right")
    rule = (0.25 + foot_lines * 0.155 + 0.08) / height
    fig.add_artist(_rule(fig, 0.04, 0.96, rule))
    top = y(sub_top + 0.55)
    bottom = rule + 0.55 / height
    return fig, (0.085, bottom, 0.96, top)


def _rule(fig: "Figure", x0: float, x1: float, y: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color=LIGHT, linewidth=0.8)


def number_axis(ax, lang: "Lang", axis: str = "y", decimals: int = 0) -> None:
    """Tick labels in the report language's number format."""
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _pos: lang.num(v, decimals))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def year_axis(ax) -> None:
    """Ticks on years divisible by five (by one or two for short spans), never on fractions of a year."""
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    lo, hi = ax.get_xlim()
    ax.xaxis.set_major_locator(MultipleLocator(5) if hi - lo >= 9 else MaxNLocator(integer=True, nbins=8))
