"""Pages 2–4: FTE need per service over time, the scenarios' totals side by side, and the bridge from today's
FTE to the end year's (population, standards, each automation measure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.results.frame import Result

STANDARDS_SHARE = 0.005  # a scenario's own bridge page needs a standards effect this far from the baseline's


def need_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import need_figure

    lg = ctx.lang
    need = views.need_by_service(ctx.frame, ctx.baseline)
    history = ctx.observed if ctx.observed is not None else views.no_history()
    a = need[need["year"] == ctx.base].set_index("service")["value"]
    b = need[need["year"] == ctx.end].set_index("service")["value"]
    change = (b - a).sort_values()
    top = change.index[-1]
    if change[top] > 0:
        title = lg.t("need_title_up", svc=lg.service(top), change=lg.num(change[top], 0, True),
                     pct=lg.pct(change[top] / a[top], 0, True), base=ctx.base, end=ctx.end)
    else:
        title = lg.t("need_title_down", change=lg.num(change.sum(), 0, True), base=ctx.base, end=ctx.end)
    header = ctx.header(title, lg.t("need_sub", scenario=ctx.baseline), lg.t("sources_model"), lg.unit("FTE"))
    fig = need_figure(header, lg, need, history)
    data = pd.concat([need.assign(kind="projection"), history.assign(kind="observed")], ignore_index=True)
    return [Page("need-by-service", title, fig, data)]


def compare_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import compare_figure

    if len(ctx.scenarios) < 2:
        return []
    lg = ctx.lang
    tot = views.totals(ctx.frame)
    last = tot[tot["year"] == ctx.end].set_index("scenario")["value"]
    lo, hi = last.idxmin(), last.idxmax()
    title = lg.t("compare_title", end=ctx.end, lo=lg.num(last[lo]), lo_scen=lo, hi=lg.num(last[hi]), hi_scen=hi)
    header = ctx.header(title, lg.t("compare_sub", baseline=ctx.baseline), lg.t("sources_model"), lg.unit("FTE"))
    fig = compare_figure(header, lg, tot, ctx.baseline)
    data = tot.copy()
    base_tot = tot[tot["scenario"] == ctx.baseline].set_index("year")["value"]
    data["difference_from_baseline"] = data["value"] - data["year"].map(base_tot)
    return [Page("scenarios", title, fig, data)]


def bridge_pages(ctx: Context, result: "Result") -> list[Page]:
    """A bridge for the baseline, and for every other scenario with automation measures or with a standards
    effect that differs from the baseline's by more than STANDARDS_SHARE of today's FTE (not just another
    population path, which the comparison page shows)."""
    from forecast.report.figures import bridge_figure

    lg = ctx.lang
    pages = []
    base_std = None
    for scen in ctx.scenarios:
        steps = views.bridge(ctx.frame, scen)
        measures = steps[steps["step"] == "measure"]
        std = float(steps.loc[steps["step"] == "fte_per_user", "value"].iloc[0])
        if scen == ctx.baseline:
            base_std = std
        elif measures.empty and abs(std - base_std) <= STANDARDS_SHARE * float(steps["value"].iloc[0]):
            continue
        v = dict(zip(steps["step"], steps["value"]))
        common = {"start": lg.num(v["start"]), "stop": lg.num(v["end"]), "demo": lg.num(v["population"], 0, True)}
        if not measures.empty:
            title = lg.t("bridge_title", **common, auto=lg.num(measures["value"].sum(), 0, True))
        else:
            title = lg.t("bridge_title_noauto", **common, std=lg.num(std, 0, True))
        b, e = int(steps["base"].iloc[0]), int(steps["end"].iloc[0])
        header = ctx.header(title, lg.t("bridge_sub", base=b, end=e, scenario=scen), lg.t("sources_model"),
                            lg.unit("FTE"))
        pages.append(Page(f"bridge-{scen}", title, bridge_figure(header, lg, steps), steps))
    return pages
