"""Report figures of people: hires (growth and replacement, by service), the population by age as an index, the
need as a share of the working-age population, and the backtest of the trend models. Same rules as
forecast.report.figures: axes from zero, no hatching over lines, every series also told apart by a direct label."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.figures import _grid, _services, _style
from forecast.report.style import (BLACK, DECREASE, GREY, INCREASE, OKABE_ITO, Header, number_axis, page_figure,
                                   scenario_style, year_axis)
from forecast.report.text import draw_table

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang


def _spread(ys: list[float], gap: float) -> list[float]:
    """Label heights moved apart so no two are closer than `gap` (order kept)."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    out = list(ys)
    for a, b in zip(order, order[1:]):
        if out[b] - out[a] < gap:
            out[b] = out[a] + gap
    return out


# ----------------------------------------------------------------------------------------------- hires
def hires_figure(header: Header, lang: "Lang", hires: "pd.DataFrame", by_service: "pd.DataFrame") -> "Figure":
    """Hires per year split into replacement and growth (stacked bars from zero), and the hires of the whole
    period per service, split the same way (horizontal bars)."""
    fig, body = page_figure(header, lang)
    grid = _grid(fig, body, 1, 2, wspace=0.3, width_ratios=[1.3, 1])
    years = hires["year"].to_numpy()
    unit = lang.unit(str(hires["unit"].iloc[0]))
    ax, ax2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    split = hires["growth"].notna().all() and hires["replacement"].notna().all()
    if split:
        repl, growth = hires["replacement"].to_numpy(float), hires["growth"].to_numpy(float)
        ax.bar(years, repl, color=DECREASE, edgecolor="white", linewidth=0.4, label=lang.t("hires_replacement"))
        ax.bar(years, growth, bottom=repl, color=INCREASE, edgecolor="white", linewidth=0.4,
               label=lang.t("hires_growth"))
        ax.legend(loc="upper left", fontsize=9)
    else:
        ax.bar(years, hires["hires"], color=DECREASE, edgecolor="white", linewidth=0.4)
    ax.set_title(lang.t("hires_left", unit=unit), fontsize=11)
    ax.set_ylim(0, float(hires["hires"].max()) * 1.2)
    number_axis(ax, lang)
    year_axis(ax)
    ax.set_ylabel(lang.t("persons"))
    first, last = int(years.min()), int(years.max())
    services = _services(by_service) if not by_service.empty else []
    totals = by_service.groupby("service")[["growth", "replacement", "hires"]].sum(min_count=1)
    ys = list(range(len(services)))[::-1]
    widest = 1.0
    for y, s in zip(ys, services):
        g, r = float(totals.loc[s, "growth"]), float(totals.loc[s, "replacement"])
        if g == g and r == r:
            ax2.barh(y, r, color=DECREASE, edgecolor="white", height=0.6)
            ax2.barh(y, g, left=r, color=INCREASE, edgecolor="white", height=0.6)
        total = float(totals.loc[s, "hires"])
        ax2.text(total, y, f" {lang.num(total)}", va="center", fontsize=9.5, fontweight="bold")
        widest = max(widest, total)
    ax2.set_yticks(ys, [lang.service(s) for s in services])
    ax2.set_xlim(0, widest * 1.25)
    ax2.grid(axis="y", visible=False)
    ax2.grid(axis="x", visible=True)
    number_axis(ax2, lang, "x")
    from matplotlib.ticker import MaxNLocator

    ax2.xaxis.set_major_locator(MaxNLocator(4))
    ax2.set_title(lang.t("hires_right", first=first, end=last, unit=unit), fontsize=11)
    return fig


# ----------------------------------------------------------------------------------------------- population
def population_figure(header: Header, lang: "Lang", pop: "pd.DataFrame") -> "Figure":
    """Persons by age group as an index (first year = 100), one line per group from zero, labelled at its end with
    the group and its persons in the first and last year."""
    fig, body = page_figure(header, lang)
    left, bottom, right, top = body
    ax = fig.add_axes((left, bottom, (right - left) * 0.74, top - bottom))
    groups = list(dict.fromkeys(pop["age_group"]))
    years = sorted(pop["year"].unique())
    colors = [BLACK, *[c for c in OKABE_ITO if c != "#F0E442"], GREY]  # no yellow lines on white
    lines = ["-", "--", "-.", ":"]
    ends, labels = [], []
    for k, g in enumerate(groups):
        d = pop[pop["age_group"] == g].sort_values("year")
        ax.plot(d["year"], d["index"], color=colors[k % len(colors)], linestyle=lines[k % len(lines)],
                linewidth=2.2 if k % len(lines) == 0 else 2.0)
        ends.append(float(d["index"].iloc[-1]))
        labels.append((k, g, float(d["value"].iloc[0]), float(d["value"].iloc[-1])))
    hi = max(float(pop["index"].max()), 110.0) * 1.08
    ax.set_ylim(0, hi)
    ax.axhline(100, color=GREY, linewidth=1, linestyle="-", zorder=1)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.3)
    for (k, g, a, b), y in zip(labels, _spread(ends, hi * 0.045)):
        ax.annotate(f"{g} {lang.t('years_old')}: {lang.num(a)} → {lang.num(b)}", (years[-1], y),
                    xytext=(8, 0), textcoords="offset points", va="center", fontsize=9,
                    color=colors[k % len(colors)], annotation_clip=False)
    number_axis(ax, lang)
    year_axis(ax)
    ax.set_ylabel(lang.t("pop_index_axis", base=years[0]))
    return fig


# ----------------------------------------------------------------------------------------------- share
def share_figure(header: Header, lang: "Lang", share: "pd.DataFrame", by_service: "pd.DataFrame", baseline: str,
                 axis_label: str, labels: dict[str, str]) -> "Figure":
    """FTE need per 100 persons of working age: the reference stacked by service (plain areas, labelled at the
    right), every scenario's total as a line drawn over them."""
    fig, body = page_figure(header, lang)
    left, bottom, right, top = body
    ax = fig.add_axes((left, bottom, (right - left) * 0.8, top - bottom))
    services = _services(by_service)
    wide = by_service.pivot_table(index="year", columns="service", values="value").sort_index()
    years = wide.index.to_numpy()
    ax.stackplot(years, *[wide[s].to_numpy() for s in services], colors=[_style(s)["color"] for s in services],
                 alpha=0.35, edgecolor="white", linewidth=0.8)
    cum = 0.0
    for s in services:
        v = float(wide[s].iloc[-1])
        ax.annotate(lang.service(s), (years[-1], cum + v / 2),
                    xytext=(8, 0), textcoords="offset points", va="center", fontsize=8.5,
                    color=_style(s)["color"], annotation_clip=False)
        cum += v
    for i, scen in enumerate(dict.fromkeys(share["scenario"])):
        d = share[share["scenario"] == scen].sort_values("year")
        label = lang.reference(labels.get(scen, scen)) if scen == baseline else labels.get(scen, scen)
        ax.plot(d["year"], d["value"], label=f"{lang.service('total')}: {label}", **scenario_style(i, scen == baseline))
    ax.set_ylim(0, float(share["value"].max()) * 1.3)
    ax.set_xlim(years.min() - 0.3, years.max() + 0.3)
    number_axis(ax, lang, decimals=1)
    year_axis(ax)
    ax.set_ylabel(axis_label)
    ax.legend(loc="upper left", ncols=2, fontsize=8.5)
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
    y = draw_table(fig, 0.06, top, widths, columns, rows, fontsize=10)
    fig.text(0.06, y - 0.01, wrap(note, 165), fontsize=8, color=GREY, va="top", linespacing=1.4)
    if by_series is None or by_series.empty:
        return fig
    ax = fig.add_axes((0.30, bottom, 0.64, y - 0.13 - bottom))
    series = list(dict.fromkeys(by_series["series"]))
    models = list(dict.fromkeys(by_series["model"]))
    h = 0.8 / len(models)
    for k, model in enumerate(models):
        d = by_series[by_series["model"] == model].set_index("series").reindex(series)
        ys = np.arange(len(series)) + (k - (len(models) - 1) / 2) * h
        ax.barh(ys, d["value"], height=h * 0.9, color=([GREY] + OKABE_ITO)[k % 8], edgecolor="white", label=model)
    ax.set_yticks(range(len(series)), series, fontsize=9)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: lang.pct(v / 100, 0)))
    ax.legend(loc="lower right", fontsize=8.5)
    ax.set_title(lang.t("accuracy_by_series"), fontsize=11)
    return fig
