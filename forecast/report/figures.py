"""Report figures: each function takes a view's data and a page header and returns a matplotlib Figure.

Nothing here saves files or computes model numbers; the page builders (forecast.report.pages) prepare the data,
forecast.report.writer writes. Tables and text pages: forecast.report.text.
Call inside `style.rc_context()` (the page builders do) so fonts and colours apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.style import (BLACK, DECREASE, GREY, INCREASE, LIGHT, OKABE_ITO, SERVICE_STYLE, Header,
                                   number_axis, page_figure, scenario_style, year_axis)
from forecast.report.text import draw_table

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang

SERVICE_ORDER = list(SERVICE_STYLE)


def _services(df: "pd.DataFrame") -> list[str]:
    present = df["service"].unique().tolist()
    return [s for s in SERVICE_ORDER if s in present] + [s for s in present if s not in SERVICE_ORDER]


def _grid(fig: "Figure", body: tuple, nrows: int, ncols: int, **kw):
    left, bottom, right, top = body
    return fig.add_gridspec(nrows, ncols, left=left, bottom=bottom, right=right, top=top, **kw)


def _band(ax, years, lower, upper, color: str, label: str | None = None) -> None:
    ok = (lower == lower) & (upper == upper)
    if ok.any():
        ax.fill_between(years[ok], lower[ok], upper[ok], color=color, alpha=0.18, linewidth=0, label=label)


# ----------------------------------------------------------------------------------------------- need
def need_figure(header: Header, lang: "Lang", need: "pd.DataFrame", history: "pd.DataFrame") -> "Figure":
    """Page 2: FTE need per service over time (one panel each, same years), interval band, observed history."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, body = page_figure(header, lang)
    services = _services(need)
    ncols = 2 if len(services) > 1 else 1
    nrows = (len(services) + ncols - 1) // ncols
    grid = _grid(fig, body, nrows, ncols, hspace=0.45, wspace=0.18)
    first = min([int(need["year"].min())] + ([int(history["year"].min())] if not history.empty else []))
    last = int(need["year"].max())
    has_band = need["lower"].notna().any() and need["upper"].notna().any()
    for i, service in enumerate(services):
        ax = fig.add_subplot(grid[i // ncols, i % ncols])
        st = SERVICE_STYLE.get(service, {"color": BLACK, "linestyle": "-", "marker": "o"})
        d = need[need["service"] == service].sort_values("year")
        years, values = d["year"].to_numpy(), d["value"].to_numpy(float)
        ax.plot(years, values, color=st["color"], linestyle=st["linestyle"])
        lower, upper = d["lower"].to_numpy(float), d["upper"].to_numpy(float)
        _band(ax, years, lower, upper, st["color"])
        h = history[history["service"] == service] if not history.empty else history
        if not h.empty:
            ax.plot(h["year"], h["value"], linestyle="none", marker="o", markersize=5.5, markerfacecolor="white",
                    markeredgecolor=BLACK, markeredgewidth=1.2)
        start, stop = values[0], values[-1]
        change = (stop - start) / start if start else float("nan")
        ax.set_title(f"{lang.service(service)}: {lang.num(start)} → {lang.num(stop)} ({lang.pct(change, 0, True)})",
                     fontsize=11)
        peak = [values.max(), upper[upper == upper].max() if (upper == upper).any() else 0.0,
                h["value"].max() if not h.empty else 0.0]
        ax.set_ylim(0, max(peak) * 1.15)
        ax.set_xlim(first - 0.7, last + 0.7)
        number_axis(ax, lang)
        year_axis(ax)
        ax.set_ylabel(lang.t("fte"))
    handles = [Line2D([], [], color=GREY, linewidth=2, label=lang.t("projection"))]
    if has_band:
        handles.append(Patch(color=GREY, alpha=0.3, label=lang.t("interval", lower="lower", upper="upper")))
    if not history.empty:
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=BLACK,
                              label=lang.t("observed")))
    fig.legend(handles=handles, loc="lower right", bbox_to_anchor=(0.96, body[3] + 0.035), ncols=len(handles))
    return fig


# ----------------------------------------------------------------------------------------------- compare
def compare_figure(header: Header, lang: "Lang", totals: "pd.DataFrame", baseline: str) -> "Figure":
    """Page 3: total need per scenario over time (baseline thick black) and each one's difference in the end year."""
    fig, body = page_figure(header, lang)
    grid = _grid(fig, body, 1, 2, width_ratios=[1.5, 1], wspace=0.35)
    ax = fig.add_subplot(grid[0, 0])
    scenarios = list(dict.fromkeys(totals["scenario"]))
    end = int(totals["year"].max())
    diffs = []
    base_end = float(totals[(totals["scenario"] == baseline) & (totals["year"] == end)]["value"].iloc[0])
    for i, scen in enumerate(scenarios):
        d = totals[totals["scenario"] == scen].sort_values("year")
        st = scenario_style(i, scen == baseline)
        label = f"{scen} ({lang.t('baseline')})" if scen == baseline else scen
        ax.plot(d["year"], d["value"], label=label, **st)
        if scen != baseline:
            diffs.append((scen, float(d["value"].iloc[-1]) - base_end, st))
    ax.set_title(lang.t("compare_left"), fontsize=11)
    number_axis(ax, lang)
    year_axis(ax)
    ax.set_ylabel(lang.t("fte"))
    ax.legend(loc="upper left", fontsize=8.5)
    ax2 = fig.add_subplot(grid[0, 1])
    diffs.sort(key=lambda x: x[1])
    ys = range(len(diffs))
    for y, (scen, diff, st) in zip(ys, diffs):
        ax2.barh(y, diff, color=st["color"], hatch="//" if diff > 0 else "\\\\", edgecolor=BLACK, linewidth=0.6)
        ax2.text(diff, y, f" {lang.num(diff, 0, True)} ", va="center", ha="left" if diff >= 0 else "right",
                 fontsize=9)
    ax2.set_yticks(list(ys), [d[0] for d in diffs])
    ax2.set_ylim(-0.7, max(len(diffs), 5) - 0.3)  # bars keep their thickness when there are few
    ax2.axvline(0, color=BLACK, linewidth=1.2)
    lim = max([abs(d[1]) for d in diffs] + [1]) * 1.45
    ax2.set_xlim(-lim, lim)
    ax2.grid(axis="y", visible=False)
    ax2.grid(axis="x", visible=True)
    number_axis(ax2, lang, "x")
    ax2.set_title(lang.t("compare_right", end=end), fontsize=11)
    return fig


# ----------------------------------------------------------------------------------------------- bridge
def bridge_figure(header: Header, lang: "Lang", steps: "pd.DataFrame") -> "Figure":
    """Page 4: waterfall of the change from the base year's FTE to the end year's (axis: change from the base)."""
    import textwrap

    fig, (left, bottom, right, top) = page_figure(header, lang)
    ax = fig.add_axes((left + 0.02, bottom + 0.07, right - left - 0.02, top - bottom - 0.07))
    base, end = int(steps["base"].iloc[0]), int(steps["end"].iloc[0])
    start = float(steps.loc[steps["step"] == "start", "value"].iloc[0])
    stop = float(steps.loc[steps["step"] == "end", "value"].iloc[0])
    labels = [f"{lang.t('bridge_start', year=base)}\n{lang.num(start)}"]
    level, x = 0.0, 1
    ax.plot([-0.4, 0.4], [0, 0], color=BLACK, linewidth=3)
    for row in steps[steps["step"].isin(["population", "fte_per_user", "measure"])].itertuples():
        v = float(row.value)
        color, hatch = (INCREASE, "//") if v >= 0 else (DECREASE, "\\\\")
        ax.bar(x, v, bottom=level, color=color, hatch=hatch, edgecolor=BLACK, linewidth=0.6, width=0.6)
        ax.plot([x - 1 + 0.3, x - 0.3], [level, level], color=GREY, linewidth=0.8, linestyle=":")
        top_v = level + max(v, 0)
        ax.text(x, top_v, lang.num(v, 0, True), ha="center", va="bottom", fontsize=10, fontweight="bold")
        level += v
        if row.step == "population":
            labels.append(lang.t("bridge_demo"))
        elif row.step == "fte_per_user":
            labels.append(lang.t("bridge_std"))
        else:
            labels.append(lang.t("bridge_measure", id=row.measure))
        x += 1
    ax.plot([x - 1 + 0.3, x - 0.3], [level, level], color=GREY, linewidth=0.8, linestyle=":")
    net = stop - start
    ax.bar(x, net, color="#4D4D4D", edgecolor=BLACK, linewidth=0.6, width=0.6)
    ax.text(x, max(net, 0), lang.num(net, 0, True), ha="center", va="bottom", fontsize=10, fontweight="bold")
    labels.append(f"{lang.t('bridge_end', year=end)}\n{lang.num(stop)}")
    chars = max(15, 120 // len(labels))
    labels = ["\n".join(textwrap.wrap(t, chars, break_long_words=False) if "\n" not in t else t.split("\n"))
              for t in labels]
    ax.set_xticks(range(len(labels)), labels, fontsize=9)
    ax.axhline(0, color=BLACK, linewidth=0.8)
    lo, hi = ax.get_ylim()
    pad = (hi - lo) * 0.08
    ax.set_ylim(lo - pad, hi + pad)
    number_axis(ax, lang)
    ax.set_ylabel(lang.t("bridge_axis", base=base))
    fig.text(left + 0.02, bottom - 0.045, lang.t("bridge_note", base=base), fontsize=8, color=GREY, va="bottom")
    return fig


# ----------------------------------------------------------------------------------------------- hires
def hires_figure(header: Header, lang: "Lang", hires: "pd.DataFrame") -> "Figure":
    """Page 5: hires per year split into growth and replacement, and their cumulative sums."""
    fig, body = page_figure(header, lang)
    grid = _grid(fig, body, 1, 2, wspace=0.25)
    years = hires["year"].to_numpy()
    unit = lang.unit(str(hires["unit"].iloc[0]))
    first = int(years.min())
    split = hires["growth"].notna().all() and hires["replacement"].notna().all()
    ax = fig.add_subplot(grid[0, 0])
    ax2 = fig.add_subplot(grid[0, 1])
    if split:
        growth, repl = hires["growth"].to_numpy(float), hires["replacement"].to_numpy(float)
        ax.bar(years, repl, color=DECREASE, hatch="\\\\", edgecolor=BLACK, linewidth=0.4,
               label=lang.t("hires_replacement"))
        ax.bar(years, growth, bottom=repl, color=INCREASE, hatch="//", edgecolor=BLACK, linewidth=0.4,
               label=lang.t("hires_growth"))
        ax2.stackplot(years, repl.cumsum(), growth.cumsum(), colors=[DECREASE, INCREASE], hatch=["\\\\", "//"],
                      edgecolor=BLACK, linewidth=0.4,
                      labels=[lang.t("hires_replacement"), lang.t("hires_growth")])
    else:
        ax.bar(years, hires["hires"], color=DECREASE, edgecolor=BLACK, linewidth=0.4)
        ax2.fill_between(years, hires["cumulative"], color=DECREASE, alpha=0.8)
    total = float(hires["cumulative"].iloc[-1])
    ax2.annotate(lang.num(total), (years[-1], total), xytext=(-4, 6), textcoords="offset points", ha="right",
                 fontsize=11, fontweight="bold")
    for a, title in ((ax, lang.t("hires_left", unit=unit)), (ax2, lang.t("hires_right", first=first, unit=unit))):
        a.set_title(title, fontsize=11)
        number_axis(a, lang)
        year_axis(a)
        a.set_ylabel(lang.t("persons") if hires["unit"].iloc[0] == "persons" else unit)
    if split:
        ax.legend(loc="upper left")
    ax2.set_ylim(0, total * 1.12 if total > 0 else 1)
    return fig


# ----------------------------------------------------------------------------------------------- population
def population_figure(header: Header, lang: "Lang", pop: "pd.DataFrame") -> "Figure":
    """Page 6: persons by age group in the base and end year, with the change in per cent above each pair."""
    import numpy as np

    fig, body = page_figure(header, lang)
    ax = fig.add_subplot(_grid(fig, body, 1, 1)[0, 0])
    years = sorted(pop["year"].unique())
    groups = list(dict.fromkeys(pop["age_group"]))
    x = np.arange(len(groups))
    w = 0.38
    styles = [{"color": LIGHT, "hatch": None}, {"color": "#0072B2", "hatch": "//"}]
    for k, year in enumerate(years):
        v = pop[pop["year"] == year].set_index("age_group").loc[groups, "value"].to_numpy(float)
        ax.bar(x + (k - 0.5) * w, v, width=w, color=styles[k]["color"], hatch=styles[k]["hatch"], edgecolor=BLACK,
               linewidth=0.6, label=str(year))
    first = pop[pop["year"] == years[0]].set_index("age_group").loc[groups, "value"].to_numpy(float)
    last = pop[pop["year"] == years[-1]].set_index("age_group").loc[groups, "value"].to_numpy(float)
    for xi, a, b in zip(x, first, last):
        change = (b - a) / a if a else float("nan")
        ax.text(xi, max(a, b), lang.pct(change, 0, True), ha="center", va="bottom", fontsize=10,
                fontweight="bold")
    ax.set_xticks(x, groups)
    ax.set_xlabel(lang.t("pop_age"))
    ax.set_ylabel(lang.t("persons"))
    ax.set_ylim(0, max(first.max(), last.max()) * 1.12)
    number_axis(ax, lang)
    ax.legend(loc="upper right")
    return fig


# ----------------------------------------------------------------------------------------------- share
def share_figure(header: Header, lang: "Lang", share: "pd.DataFrame", by_service: "pd.DataFrame", baseline: str,
                 axis_label: str) -> "Figure":
    """Page 7: FTE need per 100 persons of working age: the baseline stacked by service, other scenarios as lines."""
    fig, body = page_figure(header, lang)
    ax = fig.add_subplot(_grid(fig, body, 1, 1)[0, 0])
    services = _services(by_service)
    wide = by_service.pivot_table(index="year", columns="service", values="value").sort_index()
    years = wide.index.to_numpy()
    ax.stackplot(years, *[wide[s].to_numpy() for s in services],
                 colors=[SERVICE_STYLE.get(s, {}).get("color", GREY) for s in services],
                 hatch=[SERVICE_STYLE.get(s, {}).get("hatch", "") for s in services], alpha=0.85, edgecolor=BLACK,
                 linewidth=0.4, labels=[f"{lang.service(s)} ({baseline})" for s in services])
    for i, scen in enumerate(dict.fromkeys(share["scenario"])):
        d = share[share["scenario"] == scen].sort_values("year")
        label = f"{lang.service('total')}: {scen}" + (f" ({lang.t('baseline')})" if scen == baseline else "")
        ax.plot(d["year"], d["value"], label=label, **scenario_style(i, scen == baseline))
    ax.set_ylim(0, float(share["value"].max()) * 1.35)
    ax.set_xlim(years.min() - 0.3, years.max() + 0.3)
    number_axis(ax, lang, decimals=1)
    year_axis(ax)
    ax.set_ylabel(axis_label)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", ncols=2, fontsize=8.5)
    return fig


# ----------------------------------------------------------------------------------------------- accuracy
def accuracy_figure(header: Header, lang: "Lang", columns: list[str], rows: list[list[str]], note: str,
                    by_series: "pd.DataFrame | None" = None) -> "Figure":
    """The backtest table of the models used; below it, where the backtest reports them, each model's error by
    series (columns series, model, value) as grouped horizontal bars."""
    import numpy as np

    from forecast.report.style import wrap

    fig, (left, bottom, right, top) = page_figure(header, lang)
    widths = [0.30] + [0.60 / (len(columns) - 1)] * (len(columns) - 1)
    y = draw_table(fig, 0.06, top, widths, columns, rows, fontsize=10.5)
    fig.text(0.06, y - 0.01, wrap(note, 170), fontsize=8, color=GREY, va="top", linespacing=1.4)
    if by_series is None or by_series.empty:
        return fig
    ax = fig.add_axes((0.30, bottom, 0.64, y - 0.12 - bottom))
    series = list(dict.fromkeys(by_series["series"]))
    models = list(dict.fromkeys(by_series["model"]))
    h = 0.8 / len(models)
    hatches = ["", "//", "..", "xx", "\\\\", "++"]
    for k, model in enumerate(models):
        d = by_series[by_series["model"] == model].set_index("series").reindex(series)
        ys = np.arange(len(series)) + (k - (len(models) - 1) / 2) * h
        ax.barh(ys, d["value"], height=h * 0.9, color=([GREY] + OKABE_ITO)[k % 8],
                hatch=hatches[k % len(hatches)], edgecolor=BLACK, linewidth=0.5, label=model)
    ax.set_yticks(range(len(series)), series, fontsize=9)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.set_major_formatter(_pct_formatter(lang))
    ax.legend(loc="lower right", fontsize=8.5)
    ax.set_title(lang.t("accuracy_by_series"), fontsize=11)
    return fig


def _pct_formatter(lang: "Lang"):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: lang.pct(v / 100, 0))


# ----------------------------------------------------------------------------------------------- quick plot
def quick_figure(header: Header, lang: "Lang", need: "pd.DataFrame", baseline: str, size) -> "Figure":
    """One chart of FTE need by service: lines per service (one scenario) or one panel per service (several)."""
    fig, body = page_figure(header, lang, size)
    scenarios = list(dict.fromkeys(need["scenario"]))
    services = _services(need)
    first, last = int(need["year"].min()), int(need["year"].max())
    if len(scenarios) == 1:
        ax = fig.add_subplot(_grid(fig, body, 1, 1)[0, 0])
        for service in services:
            st = SERVICE_STYLE.get(service, {"color": BLACK, "linestyle": "-", "marker": "o"})
            d = need[need["service"] == service].sort_values("year")
            ax.plot(d["year"], d["value"], color=st["color"], linestyle=st["linestyle"], marker=st["marker"],
                    markevery=5, label=lang.service(service))
            _band(ax, d["year"].to_numpy(), d["lower"].to_numpy(float), d["upper"].to_numpy(float), st["color"])
        ax.set_ylim(0, ax.get_ylim()[1] * 1.12)
        ax.set_xlim(first - 0.5, last + 0.5)
        ax.set_ylabel(lang.t("fte"))
        number_axis(ax, lang)
        year_axis(ax)
        ax.legend(loc="upper left", ncols=len(services))
        return fig
    ncols = 2 if len(services) > 1 else 1
    nrows = (len(services) + ncols - 1) // ncols
    left, bottom, right, top = body
    legend_rows = (len(scenarios) + 3) // 4
    grid = _grid(fig, (left, bottom + 0.045 * legend_rows - 0.02, right, top), nrows, ncols, hspace=0.5,
                 wspace=0.22)
    for i, service in enumerate(services):
        ax = fig.add_subplot(grid[i // ncols, i % ncols])
        for k, scen in enumerate(scenarios):
            d = need[(need["service"] == service) & (need["scenario"] == scen)].sort_values("year")
            label = f"{scen} ({lang.t('baseline')})" if scen == baseline else scen
            ax.plot(d["year"], d["value"], label=label, **scenario_style(k, scen == baseline))
        ax.set_title(lang.service(service), fontsize=10)
        if i % ncols == 0:
            ax.set_ylabel(lang.t("fte"))
        ax.set_ylim(0, ax.get_ylim()[1] * 1.05)
        ax.set_xlim(first - 0.5, last + 0.5)
        number_axis(ax, lang)
        year_axis(ax)
        if i == 0:
            fig.legend(loc="lower center", ncols=min(len(scenarios), 4), bbox_to_anchor=(0.5, bottom - 0.075),
                       fontsize=8)
    return fig
