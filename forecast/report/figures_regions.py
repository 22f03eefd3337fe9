"""Report figures of many municipalities and of what drives the need: the bubble map of need growth (a point per
municipality, not boundaries) and the tornado chart of the sources of uncertainty (when the result carries one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.style import BLACK, DECREASE, GREY, INCREASE, LIGHT, Header, number_axis, page_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang

NEUTRAL = "#F2F2F2"


def _colormap(lo: float, hi: float):
    """Blue for less need, vermillion for more (Okabe–Ito ends, safe for colour-blind readers); one-sided where
    all changes share a sign, so the scale has both colours only where the values do."""
    from matplotlib.colors import LinearSegmentedColormap, Normalize, TwoSlopeNorm

    if lo < 0 < hi:
        cmap = LinearSegmentedColormap.from_list("change", [DECREASE, NEUTRAL, INCREASE])
        return cmap, TwoSlopeNorm(0.0, lo, hi)
    if hi <= 0:
        return LinearSegmentedColormap.from_list("fall", [DECREASE, NEUTRAL]), Normalize(lo, 0.0)
    return LinearSegmentedColormap.from_list("rise", [NEUTRAL, INCREASE]), Normalize(0.0, hi)


def _named(d: "pd.DataFrame", n: int, apart: float = 1.2) -> "pd.DataFrame":
    """The largest municipality of each county, largest first, at most `n`, none within `apart` degrees of one
    already named (so labels around Oslo do not pile up)."""
    picked = []
    for row in d.sort_values("fte_end", ascending=False).drop_duplicates("county").itertuples():
        if all(abs(row.lon - p.lon) * 0.5 + abs(row.lat - p.lat) > apart for p in picked):
            picked.append(row)
        if len(picked) == n:
            break
    return d.loc[[p.Index for p in picked]]


def bubble_map_figure(header: Header, lang: "Lang", muni: "pd.DataFrame", base: int, end: int,
                      named: int = 8) -> "Figure":
    """Each municipality at its point (longitude, latitude; drawn with the latitude's scale so the country keeps
    its shape): bubble area ∝ FTE need in the end year, colour = change in need since the base year (per cent; a
    two-sided scale only where changes have both signs). Beside it: the colour scale, the size key and the
    municipalities with the largest growth and decline."""
    import math

    import numpy as np
    from matplotlib.ticker import FuncFormatter

    from forecast.report.text import draw_table

    fig, (left, bottom, right, top) = page_figure(header, lang)
    d = muni.dropna(subset=["lon", "lat"]).sort_values("fte_end", ascending=False)
    ax = fig.add_axes((left - 0.04, bottom, 0.5, top - bottom))
    pct = (100 * d["change_share"]).to_numpy(float)
    lo, hi = float(np.nanmin(pct)), float(np.nanmax(pct))
    cmap, norm = _colormap(lo, hi)
    biggest = float(d["fte_end"].max()) or 1.0
    sizes = 1400 * d["fte_end"].to_numpy(float) / biggest + 5
    sc = ax.scatter(d["lon"], d["lat"], s=sizes, c=pct, cmap=cmap, norm=norm, edgecolors=GREY, linewidths=0.4,
                    alpha=0.9)
    for row in _named(d, named).itertuples():
        ax.annotate(row.name, (row.lon, row.lat), xytext=(7, 3), textcoords="offset points", fontsize=8.5)
    ax.set_aspect(1 / math.cos(math.radians(float(d["lat"].mean()))))
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.grid(False)
    kx = 0.5
    cax = fig.add_axes((kx, top - 0.04, 0.2, 0.025))
    bar = fig.colorbar(sc, cax=cax, orientation="horizontal")
    ends = {math.ceil(lo), math.floor(hi)}  # inside the scale: beyond its ends the colour bar's scale is undefined
    bar.set_ticks(sorted(ends | {0} if lo < 0 < hi else ends))
    bar.ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: lang.pct(v / 100, 0, True)))
    bar.ax.tick_params(labelsize=8.5)
    fig.text(kx, top + 0.005, lang.t("map_colour", base=base, end=end), fontsize=9.5, fontweight="bold")
    fig.text(kx, top - 0.13, lang.t("map_size", end=end), fontsize=9.5, fontweight="bold", va="top")
    key = fig.add_axes((kx, top - 0.42, 0.2, 0.27))
    steps = [v for v in (100, 1_000, 5_000, 20_000) if v <= biggest * 1.01] or [round(biggest)]
    key.scatter([0.12] * len(steps), np.arange(len(steps))[::-1], s=[1400 * v / biggest + 5 for v in steps],
                color=NEUTRAL, edgecolors=BLACK, linewidths=0.6)
    for i, v in enumerate(steps[::-1]):
        key.text(0.4, i, f"{lang.num(v)} {lang.unit('FTE')}", va="center", fontsize=9)
    key.set_xlim(0, 1.4)
    key.set_ylim(-0.8, len(steps) - 0.2)
    key.axis("off")
    ranked = muni.dropna(subset=["change_share"]).sort_values("change_share", ascending=False)
    x2 = 0.73
    for k, (title, part) in enumerate(((lang.t("map_most_growth"), ranked.head(8)),
                                       (lang.t("map_most_decline"), ranked.tail(8).iloc[::-1]))):
        y = top + 0.005 - k * 0.36
        fig.text(x2, y, title, fontsize=9.5, fontweight="bold", va="top")
        draw_table(fig, x2, y - 0.035, [0.15, 0.08], [lang.t("col_municipality"), lang.t("col_change_pct")],
                   [[r.name, lang.pct(r.change_share, 0, True)] for r in part.itertuples()], fontsize=8.5)
    return fig


def tornado_figure(header: Header, lang: "Lang", panels: list[dict], note: str = "") -> "Figure":
    """What drives the end year: per output (panels: title, axis, central, data with label, kind, p10, p90), how far
    its interval reaches below and above the central value when one source of uncertainty varies alone (kind
    "source"; widest on top), under the interval when all vary together (kind "all", grey, at the top). The axis
    is the deviation from the central value, so zero is the centre and both signs are real."""
    import numpy as np

    from forecast.report.text import paragraph

    fig, (left, bottom, right, top) = page_figure(header, lang)
    n = len(panels)
    gap, label_w = 0.05, 0.13
    width = (right - left - n * label_w - (n - 1) * gap) / n
    for i, panel in enumerate(panels):
        x0 = left + label_w + i * (width + label_w + gap)
        ax = fig.add_axes((x0, bottom + 0.07, width, top - bottom - 0.11))
        d = panel["data"].assign(width=panel["data"]["p90"] - panel["data"]["p10"])
        d = d.assign(order=np.where(d["kind"] == "all", np.inf, d["width"])).sort_values("order")
        central, ys = panel["central"], list(range(len(d)))
        low, high = (d["p10"] - central).to_numpy(float), (d["p90"] - central).to_numpy(float)
        together = (d["kind"] == "all").to_numpy()
        for part, colour in ((np.minimum, DECREASE), (np.maximum, INCREASE)):  # below the centre, above it
            a, b = part(low, 0), part(high, 0)
            ax.barh(np.array(ys)[~together], (b - a)[~together], left=a[~together], color=colour, height=0.6)
        ax.barh(np.array(ys)[together], (high - low)[together], left=low[together], color=LIGHT, height=0.6,
                edgecolor=GREY, linewidth=0.8)
        reach = max(float(np.abs(low).max()), float(np.abs(high).max()), 1.0)
        for y, hi, row in zip(ys, high, d.itertuples()):
            ax.text(max(hi, 0) + 0.02 * reach, y, f"{lang.num(row.p10)}–{lang.num(row.p90)}", va="center",
                    fontsize=8.5)
        ax.axvline(0, color=BLACK, linewidth=1.2)
        ax.set_yticks(ys, list(d["label"]), fontsize=9)
        ax.set_xlim(min(float(low.min()), 0) - 0.08 * reach, max(float(high.max()), 0) + 0.6 * reach)
        ax.set_ylim(-0.6, len(d) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        number_axis(ax, lang, "x")
        ax.set_xlabel(panel["axis"], fontsize=9)
        ax.set_title(panel["title"], fontsize=11)
    if note:
        paragraph(fig, 0.04, bottom - 0.005, 0.92, note, 8, color=GREY)
    return fig
