"""The quick chart of FTE need by service (forecast.plot, --plot FILE.png): lines per service for one scenario, a
panel per service for several."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.figures import _grid, _services, _style, draw_bands
from forecast.report.style import number_axis, page_figure, scenario_style, year_axis

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang
    from forecast.report.style import Header


def quick_figure(header: Header, lang: "Lang", need: "pd.DataFrame", baseline: str, size) -> "Figure":
    """One chart of FTE need by service: lines per service (one scenario) or one panel per service (several)."""
    fig, body = page_figure(header, lang, size)
    scenarios = list(dict.fromkeys(need["scenario"]))
    services = _services(need)
    first, last = int(need["year"].min()), int(need["year"].max())
    if len(scenarios) == 1:
        ax = fig.add_subplot(_grid(fig, body, 1, 1)[0, 0])
        for service in services:
            st = _style(service)
            d = need[need["service"] == service].sort_values("year")
            ax.plot(d["year"], d["value"], color=st["color"], linestyle=st["linestyle"], marker=st["marker"],
                    markevery=5, label=lang.service(service))
            draw_bands(ax, d, [("lower", "upper", 0.8)], None)
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
            label = lang.reference(scen) if scen == baseline else scen
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
