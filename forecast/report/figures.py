"""Report figures of FTE need: each function takes a view's data and a page header and returns a matplotlib Figure.

Nothing here saves files or computes model numbers; the page builders (forecast.report.pages) prepare the data,
forecast.report.writer writes. Workforce, population and accuracy charts: figures_people; maps and the tornado:
figures_regions; tables and text pages: forecast.report.text. Call inside `style.rc_context()`.

Honest axes: levels are drawn from zero, or on a broken axis whose break is drawn; an axis has both signs only
where the values do; intervals are drawn as far as they are validated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.style import (BLACK, GREY, LIGHT, SERVICE_STYLE, Header, number_axis, page_figure,
                                   scenario_style, year_axis)
from forecast.vocabulary import TOTAL

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang

SERVICE_ORDER = list(SERVICE_STYLE)
BAND = "#9E9E9E"  # interval bands: one neutral grey in every panel, as the legend shows it
LEVEL = "#5A5A5A"  # the bridge's level bars (start and end of each scenario)


def _services(df: "pd.DataFrame") -> list[str]:
    present = df["service"].unique().tolist()
    return [s for s in SERVICE_ORDER if s in present] + [s for s in present if s not in SERVICE_ORDER]


def _grid(fig: "Figure", body: tuple, nrows: int, ncols: int, **kw):
    left, bottom, right, top = body
    return fig.add_gridspec(nrows, ncols, left=left, bottom=bottom, right=right, top=top, **kw)


def _style(service: str) -> dict:
    return SERVICE_STYLE.get(service, {"color": BLACK, "linestyle": "-", "marker": "o", "hatch": ""})


def _alpha(k: int) -> float:
    return 0.22 + 0.14 * k


def draw_bands(ax, d: "pd.DataFrame", bands: list[tuple[str, str, float]], last: int | None) -> bool:
    """Interval bands (outermost lightest, nested ones darker) up to the year `last` (None: all years); whether any
    was drawn."""
    drawn = False
    shown = d if last is None else d[d["year"] <= last]
    for k, (lo, hi, _level) in enumerate(bands):
        if lo not in shown or hi not in shown:
            continue
        ok = shown[lo].notna() & shown[hi].notna()
        if ok.sum() >= 2:
            ax.fill_between(shown["year"][ok], shown[lo][ok], shown[hi][ok], color=BAND, alpha=_alpha(k),
                            linewidth=0)
            drawn = True
    return drawn


def band_label(lang: "Lang", bands: list[tuple[str, str, float]], validated: int | None) -> str:
    levels = " / ".join(lang.pct(level, 0) for *_, level in bands)
    return lang.t("interval_validated", levels=levels, years=validated) if validated else \
        lang.t("interval_level", levels=levels)


def band_handles(lang: "Lang", bands: list[tuple[str, str, float]], draws: int) -> list:
    """One legend patch per nested band of a fan chart, shaded as the band looks where it overlaps the outer ones,
    saying its level: "80 % av trekningene"."""
    from matplotlib.patches import Patch

    out, clear = [], 1.0
    for k, (*_, level) in enumerate(bands):
        clear *= 1 - _alpha(k)
        out.append(Patch(color=BAND, alpha=1 - clear, linewidth=0, label=lang.t("band_drawn", level=lang.pct(
            level, 0), n=lang.num(draws))))
    return out


# ----------------------------------------------------------------------------------------------- need
def need_figure(header: Header, lang: "Lang", need: "pd.DataFrame", history: "pd.DataFrame",
                bands: list[tuple[str, str, float]] | None = None, band_end: int | None = None,
                validated: int | None = None, draws: int = 0) -> "Figure":
    """FTE need per service over time (one panel each, axes from zero), its interval in grey as far as it is
    validated (`band_end`), and the observed history as open circles. With `draws`, a fan chart: nested bands of
    the draws' quantiles over the whole period (a dotted line where the intervals' calibration ends), and the rows
    of service "total" (all services, their interval drawn draw by draw) in a tall panel on the left."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    bands = bands if bands is not None else [("lower", "upper", 0.8)]
    fig, body = page_figure(header, lang)
    services = _services(need)
    total = TOTAL in services
    services = [s for s in services if s != TOTAL]
    ncols = 2 if len(services) > 1 else 1
    nrows = (len(services) + ncols - 1) // ncols
    rows = 2 if draws and len(bands) + 2 + (not history.empty) > 5 else 1  # legend rows (a fan's levels)
    grid = _grid(fig, (body[0], body[1], body[2], body[3] - 0.05 - 0.035 * (rows - 1)), nrows, ncols + total,
                 hspace=0.45,
                 wspace=0.3 if total else 0.18, **({"width_ratios": [1.15] + [1] * ncols} if total else {}))
    first = min([int(need["year"].min())] + ([int(history["year"].min())] if not history.empty else []))
    last = int(need["year"].max())
    any_band = False
    panels = [(TOTAL, grid[:, 0])] if total else []
    panels += [(s, grid[i // ncols, total + i % ncols]) for i, s in enumerate(services)]
    for i, (service, cell) in enumerate(panels):
        ax = fig.add_subplot(cell)
        st = _style(service)
        d = need[need["service"] == service].sort_values("year")
        values = d["value"].to_numpy(float)
        any_band |= draw_bands(ax, d, bands, None if draws else band_end)
        ax.plot(d["year"], values, color=st["color"], linestyle=st["linestyle"], zorder=3)
        h = history[history["service"] == service] if not history.empty else history
        if not h.empty:
            ax.plot(h["year"], h["value"], linestyle="none", marker="o", markersize=5.5, markerfacecolor="white",
                    markeredgecolor=BLACK, markeredgewidth=1.2, zorder=4)
        if draws and band_end and band_end < last:
            ax.axvline(band_end, color=GREY, linewidth=0.9, linestyle=":", zorder=2)
        start, stop = values[0], values[-1]
        change = (stop - start) / start if start else float("nan")
        ax.set_title(f"{lang.service(service)}: {lang.num(start)} → {lang.num(stop)} ({lang.pct(change, 0, True)})",
                     fontsize=10 if total else 11)
        peak = [values.max()] + [float(d[hi].max()) for _, hi, _ in bands if hi in d and d[hi].notna().any()]
        peak += [float(h["value"].max())] if not h.empty else []
        ax.set_ylim(0, max(peak) * 1.15)
        ax.set_xlim(first - 0.7, last + 0.7)
        number_axis(ax, lang)
        year_axis(ax)
        if i == 0 or (not total and i % ncols == 0):
            ax.set_ylabel(lang.t("fte"))
    handles = [Line2D([], [], color=GREY, linewidth=2, label=lang.t("projection"))]
    if any_band and draws:
        handles += band_handles(lang, bands, draws)
        if band_end and band_end < last:
            handles.append(Line2D([], [], color=GREY, linewidth=0.9, linestyle=":",
                                  label=lang.t("calibrated_to", years=validated, last=band_end)))
    elif any_band:
        handles.append(Patch(color=BAND, alpha=0.3, label=band_label(lang, bands, validated)))
    if not history.empty:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=BLACK,
                              label=lang.t("observed")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(body[0] - 0.045, body[3] + 0.045),
               ncols=len(handles) if len(handles) <= 5 else 4, fontsize=9)
    return fig


# ----------------------------------------------------------------------------------------------- compare
def compare_figure(header: Header, lang: "Lang", totals: "pd.DataFrame", baseline: str,
                   labels: dict[str, str], diffs: "pd.DataFrame | None" = None, level: int = 80) -> "Figure":
    """Total need per scenario (axis from zero; the reference thick black) and each scenario's difference from
    the reference over time (an axis with both signs only where the differences have both); with `diffs` (scenario,
    year, lower, upper: the difference drawn draw by draw), each difference's interval shaded in its colour."""
    fig, body = page_figure(header, lang)
    grid = _grid(fig, body, 1, 2, width_ratios=[1, 1], wspace=0.3)
    ax, ax2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    scenarios = list(dict.fromkeys(totals["scenario"]))
    base_line = totals[totals["scenario"] == baseline].set_index("year")["value"]
    lows, highs = [0.0], [0.0]
    for i, scen in enumerate(scenarios):
        d = totals[totals["scenario"] == scen].sort_values("year")
        st = scenario_style(i, scen == baseline)
        label = lang.reference(labels.get(scen, scen)) if scen == baseline else labels.get(scen, scen)
        ax.plot(d["year"], d["value"], label=label, **st)
        if scen == baseline:
            continue
        diff = d.set_index("year")["value"] - base_line
        diff = diff.dropna()
        ax2.plot(diff.index, diff.to_numpy(), label=label, **st)
        band = diffs[diffs["scenario"] == scen].sort_values("year") if diffs is not None else None
        if band is not None and len(band) > 1 and (band["upper"] - band["lower"]).abs().max() > 0.5:
            ax2.fill_between(band["year"], band["lower"], band["upper"], color=st["color"], alpha=0.15, linewidth=0)
            lows.append(float(band["lower"].min()))
            highs.append(float(band["upper"].max()))
        ax2.annotate(lang.num(float(diff.iloc[-1]), 0, True), (diff.index[-1], float(diff.iloc[-1])),
                     xytext=(4, 0), textcoords="offset points", va="center", fontsize=9, color=st["color"])
        lows.append(float(diff.min()))
        highs.append(float(diff.max()))
    ax.set_ylim(0, float(totals["value"].max()) * 1.12)
    ax.set_title(lang.t("compare_left"), fontsize=11)
    ax.legend(loc="lower left", fontsize=8.5)
    span = max(max(highs) - min(lows), 1.0)
    ax2.set_ylim(min(lows) - 0.08 * span if min(lows) < 0 else 0, max(highs) + 0.08 * span if max(highs) > 0 else 0)
    ax2.axhline(0, color=BLACK, linewidth=1.2)
    ax2.set_title(lang.t("compare_right") if diffs is None else lang.t("compare_right_drawn", level=level),
                  fontsize=11)
    years = totals["year"]
    for a in (ax, ax2):
        a.set_xlim(int(years.min()) - 0.5, int(years.max()) + (0.5 if a is ax else 2.5))
        number_axis(a, lang)
        year_axis(a)
        a.set_ylabel(lang.t("fte"))
    return fig


# ----------------------------------------------------------------------------------------------- bridge
def bridge_slots(steps: "pd.DataFrame", baseline: str, tolerance: float = 0.5) -> list[dict]:
    """The bars of the bridge for all scenarios: the reference's start, population, FTE-per-user, automation and
    end; for every other scenario its own population and FTE-per-user steps where they differ from the
    reference's, then its automation and end. Each slot: kind (level or change), step, scenario, parts
    (service → FTE) and the level it starts from."""
    scenarios = list(dict.fromkeys(steps["scenario"]))
    by = {s: {step: g.set_index("service")["value"] for step, g in steps[steps["scenario"] == s].groupby("step")}
          for s in scenarios}
    ref = by[baseline]
    slots = [{"kind": "level", "step": "start", "scenario": baseline, "parts": ref["start"], "from": 0.0}]
    level = float(ref["start"].sum())
    ref_after = {}
    for step in ("population", "fte_per_user", "automation"):
        if abs(ref[step]).sum() > tolerance or step != "automation":
            slots.append({"kind": "change", "step": step, "scenario": baseline, "parts": ref[step], "from": level})
        level += float(ref[step].sum())
        ref_after[step] = level
    slots.append({"kind": "level", "step": "end", "scenario": baseline, "parts": ref["end"], "from": 0.0})
    steps_in_order = ("population", "fte_per_user", "automation")
    for scen in scenarios:
        if scen == baseline:
            continue
        own = by[scen]
        differs = lambda s: float(abs(own[s].sub(ref[s], fill_value=0)).sum()) > tolerance  # noqa: E731
        if differs("start"):
            first, level = 0, float(own["start"].sum())
        else:  # from the reference's bars up to the first step in which this scenario differs
            first = next((k for k, s in enumerate(steps_in_order[:2]) if differs(s)), 2)
            level = ref_after[steps_in_order[first - 1]] if first else float(ref["start"].sum())
        for step in steps_in_order[first:]:
            if abs(own[step]).sum() > tolerance or step != "automation":
                slots.append({"kind": "change", "step": step, "scenario": scen, "parts": own[step], "from": level})
            level += float(own[step].sum())
        slots.append({"kind": "level", "step": "end", "scenario": scen, "parts": own["end"], "from": 0.0})
    return slots


def bridge_figure(header: Header, lang: "Lang", steps: "pd.DataFrame", baseline: str,
                  labels: dict[str, str]) -> "Figure":
    """One bridge for all scenarios, split by service: start and end bars are levels (stacked by service, from
    zero on a broken axis), each change a floating bar made of one step per service."""
    import textwrap

    from matplotlib.patches import Patch

    fig, (left, bottom, right, top) = page_figure(header, lang)
    slots = bridge_slots(steps, baseline)
    services = _services(steps)
    reached = []  # every height a bar reaches: level tops, and each service's step of a change
    for slot in slots:
        values = [float(slot["parts"].get(s, 0.0)) for s in services]
        if slot["kind"] == "level":
            reached.append(sum(values))
        else:
            run = slot["from"]
            reached.append(run)
            for v in values:
                run += v
                reached.append(run)
    hi, lo = max(reached), min(reached)
    span = max(hi - lo, hi * 0.02, 1.0)
    y_lo, y_hi = max(0.0, lo - 0.35 * span), hi + 0.25 * span
    broken = y_lo > 0.25 * hi
    plot_bottom = bottom + (0.23 if len(slots) > 12 else 0.13)
    if broken:  # the levels start from zero below the break, the changes are read above it
        low_h = 0.06
        ax0 = fig.add_axes((left + 0.02, plot_bottom, right - left - 0.02, low_h))
        ax = fig.add_axes((left + 0.02, plot_bottom + low_h + 0.018, right - left - 0.02,
                           top - plot_bottom - low_h - 0.018))
        ax0.set_ylim(0, y_lo * 0.25)
        ax.set_ylim(y_lo, y_hi)
        axes = (ax0, ax)
    else:
        ax = fig.add_axes((left + 0.02, plot_bottom, right - left - 0.02, top - plot_bottom))
        ax.set_ylim(0, y_hi)
        axes = (ax,)
    width, ticks = 0.72, []
    for x, slot in enumerate(slots):
        parts = [(s, float(slot["parts"].get(s, 0.0))) for s in services]
        if slot["kind"] == "level":  # one grey bar from zero: a stack cut by the break would misstate the parts
            total = float(sum(v for _, v in parts))
            for a in axes:
                a.bar(x, total, width=width, color=LEVEL, edgecolor="white", linewidth=0.5)
            ax.text(x, total, lang.num(total), ha="center", va="bottom", fontsize=9.5, fontweight="bold")
        else:
            level, sub = slot["from"], width / max(len(parts), 1)
            for k, (s, v) in enumerate(parts):
                xs = x - width / 2 + sub * (k + 0.5)
                ax.bar(xs, v, bottom=level, width=sub * 0.92, color=_style(s)["color"], edgecolor=BLACK,
                       linewidth=0.4)
                level += v
            total = float(sum(v for _, v in parts))
            ax.text(x, max(slot["from"], level), lang.num(total, 0, True), ha="center", va="bottom", fontsize=9.5,
                    fontweight="bold")
        if x + 1 < len(slots) and slots[x + 1]["kind"] == "change":
            y = slots[x + 1]["from"]
            ax.plot([x + width / 2, x + 1 - width / 2], [y, y], color=GREY, linewidth=0.8, linestyle=":")
        step = lang.t(f"bridge_{slot['step']}", base=int(steps["base"].iloc[0]), end=int(steps["end"].iloc[0]))
        ticks.append("\n".join(textwrap.wrap(step, 14, break_long_words=False)))
    for a in axes:
        a.set_xlim(-0.6, len(slots) - 0.4)
        number_axis(a, lang)
        a.grid(axis="y", visible=True)
    crowded = len(slots) > 12  # narrow bars: each label on its side, naming its scenario
    tick_kw = {"fontsize": 8.5, "rotation": 90 if crowded else 0}
    if crowded:
        ticks = ["\n".join(textwrap.wrap(t.replace("\n", " ") + ("" if s["scenario"] == baseline and s["step"] != "end"
                                                                 else f": {labels.get(s['scenario'], s['scenario'])}"),
                                         22, break_long_words=False)) for t, s in zip(ticks, slots)]
    ax.set_xticks(range(len(slots)), ticks, **tick_kw)
    if broken:
        ax.set_xticks([])
        ax0.set_xticks(range(len(slots)), ticks, **tick_kw)
        ax0.set_yticks([0])
        ax.spines["bottom"].set_visible(False)
        for a, y in ((ax, 0.0), (ax0, 1.0)):  # the break: two short diagonal strokes on each axis
            kw = dict(transform=a.transAxes, color=BLACK, clip_on=False, linewidth=1)
            a.plot((-0.008, 0.008), (y - 0.02 * (1 if a is ax else 6), y + 0.02 * (1 if a is ax else 6)), **kw)
        fig.text(left + 0.005, plot_bottom + 0.066, "≈", fontsize=12, ha="center", va="center")
    ax.set_ylabel(lang.t("fte"))
    if len({s["scenario"] for s in slots}) > 1 and not crowded:
        _scenario_groups(fig, axes[0], slots, labels, plot_bottom - 0.062)
    handles = [Patch(color=LEVEL, label=lang.t("bridge_level"))]
    handles += [Patch(color=_style(s)["color"], label=lang.service(s)) for s in services]
    ax.legend(handles=handles, loc="upper left", ncols=len(handles), fontsize=9)
    from forecast.report.text import paragraph

    paragraph(fig, left + 0.02, bottom - 0.005, right - left - 0.02, lang.t("bridge_note",
                                                                            base=int(steps["base"].iloc[0])), 8,
              color=GREY)
    return fig


def _scenario_groups(fig: "Figure", ax, slots: list[dict], labels: dict[str, str], y: float) -> None:
    """Under the tick labels, each scenario's name centred under its bars, with a line spanning them."""
    import textwrap

    from matplotlib.transforms import blended_transform_factory

    tr = blended_transform_factory(ax.transData, fig.transFigure)
    per_slot = ax.get_position().width * fig.get_figwidth() * 72 / (8.5 * 0.6) / len(slots)  # characters
    groups: list[tuple[str, int, int]] = []
    for x, slot in enumerate(slots):
        if groups and groups[-1][0] == slot["scenario"]:
            groups[-1] = (slot["scenario"], groups[-1][1], x)
        else:
            groups.append((slot["scenario"], x, x))
    for scen, a, b in groups:
        fig.add_artist(__import__("matplotlib.lines", fromlist=["Line2D"]).Line2D(
            [a - 0.4, b + 0.4], [y, y], transform=tr, color=GREY, linewidth=0.8))
        lines = textwrap.wrap(labels.get(scen, scen), max(8, int(per_slot * (b - a + 1)) - 1),
                              break_long_words=False)
        fig.text((a + b) / 2, y - 0.006, "\n".join(lines), transform=tr, ha="center", va="top", fontsize=8.5,
                 fontweight="bold")


__all__ = ["LIGHT", "SERVICE_ORDER", "band_label", "bridge_figure", "bridge_slots", "compare_figure",
           "draw_bands", "need_figure"]
