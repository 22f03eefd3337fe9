"""FTE need per service over time, the scenarios side by side, and one bridge for all scenarios from today's FTE
to the end year's (population, FTE per user, automation), split by service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.results.frame import Result


def need_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import need_figure

    lg = ctx.lang
    need = views.need_by_service(ctx.frame, ctx.baseline, ctx.totals, ctx.area)
    history = ctx.observed if ctx.observed is not None else views.no_history()
    a = need[need["year"] == ctx.base].set_index("service")["value"]
    b = need[need["year"] == ctx.end].set_index("service")["value"]
    whole = views.drawn(ctx.totals, ctx.baseline, ctx.area)  # all services, drawn draw by draw
    change = (b - a).sort_values()
    top = change.index[-1]
    if change[top] > 0:
        title = lg.t("need_title_up", svc=lg.service(top), change=lg.num(change[top], 0, True),
                     pct=lg.pct(change[top] / a[top], 0, True), base=ctx.base, end=ctx.end)
    else:
        title = lg.t("need_title_down", change=lg.num(change.sum(), 0, True), base=ctx.base, end=ctx.end)
    bands = views.bands(need)
    fan = ctx.draws and not whole.empty
    if fan:
        need = pd.concat([need, whole.assign(scenario=ctx.baseline, service=views.TOTAL, unit="FTE")[need.columns]],
                         ignore_index=True)
    sub = lg.t("need_sub_drawn", scenario=ctx.label(ctx.baseline), n=lg.num(ctx.n_draws)) if fan else \
        lg.t("need_sub", scenario=ctx.label(ctx.baseline))
    header = ctx.header(title, sub, lg.t("sources_model"), lg.unit("FTE"))
    fig = need_figure(header, lg, need, history, bands, ctx.validated_end, ctx.validated, ctx.n_draws if fan else 0)
    data = pd.concat([need.assign(kind="projection"), history.assign(kind="observed")], ignore_index=True)
    parts = [lg.t("alt_need_service", svc=lg.service(s), a=lg.num(a[s]), b=lg.num(b[s]),
                  pct=lg.pct((b[s] - a[s]) / a[s], 0, True)) for s in a.index]
    alt = lg.t("alt_need", base=ctx.base, end=ctx.end, services="; ".join(parts))
    if fan:
        last = whole[whole["year"] == ctx.end].iloc[0]
        alt += " " + lg.t("alt_fan", levels=" / ".join(lg.pct(level, 0) for *_, level in bands), n=lg.num(ctx.n_draws),
                          end=ctx.end, lo=lg.num(last[bands[0][0]]), hi=lg.num(last[bands[0][1]]), level=ctx.level)
    elif bands and need[bands[-1][0]].notna().any():
        alt += " " + (lg.t("alt_band_validated", last=ctx.validated_end) if ctx.validated_end else lg.t("alt_band"))
    if not history.empty:
        alt += " " + lg.t("alt_observed", first=int(history["year"].min()), last=int(history["year"].max()))
    return [Page("need-by-service", title, fig, data, alt=alt)]


def compare_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import compare_figure

    if len(ctx.scenarios) < 2:
        return []
    lg = ctx.lang
    tot = views.totals(ctx.frame)
    last = tot[tot["year"] == ctx.end].set_index("scenario")["value"]
    lo, hi = last.idxmin(), last.idxmax()
    title = lg.t("compare_title", end=ctx.end, lo=lg.num(last[lo]), lo_scen=ctx.label(lo), hi=lg.num(last[hi]),
                 hi_scen=ctx.label(hi))
    labels = {s: ctx.label(s) for s in ctx.scenarios}
    header = ctx.header(title, lg.t("compare_sub", baseline=labels[ctx.baseline]), lg.t("sources_model"),
                        lg.unit("FTE"))
    diffs = None
    if ctx.differences is not None:
        import pandas as pd

        diffs = pd.concat([views.drawn(ctx.differences, s, ctx.area, "fte_difference").assign(scenario=s)
                           for s in ctx.scenarios if s != ctx.baseline], ignore_index=True)
    fig = compare_figure(header, lg, tot, ctx.baseline, labels, diffs, ctx.level)
    data = tot.copy()
    base_tot = tot[tot["scenario"] == ctx.baseline].set_index("year")["value"]
    data["difference_from_reference"] = data["value"] - data["year"].map(base_tot)
    if diffs is not None and len(diffs):
        qs = views.quantiles(diffs)
        extra = diffs[["scenario", "year", "lower", "upper", *qs, "stands_out"]].rename(
            columns={c: f"difference_{c}" for c in ("lower", "upper", *qs)})
        data = data.merge(extra, on=["scenario", "year"], how="left")
    diffs = lg.join([f"{lg.t('quoted', text=labels[s])} {lg.num(last[s] - last[ctx.baseline], 0, True)}" for s in ctx.scenarios
                     if s != ctx.baseline])
    alt = lg.t("alt_compare", n=len(ctx.scenarios), end=ctx.end, ref=labels[ctx.baseline],
               ref_fte=lg.num(last[ctx.baseline]), diffs=diffs)
    return [Page("scenarios", title, fig, data, alt=alt)]


def bridge_page(ctx: Context, result: "Result") -> list[Page]:
    """One bridge for all scenarios, split by service."""
    import pandas as pd

    from forecast.report.figures import bridge_figure

    lg = ctx.lang
    steps = pd.concat([views.bridge_by_service(ctx.frame, s) for s in ctx.scenarios], ignore_index=True)
    ref = steps[steps["scenario"] == ctx.baseline].groupby("step")["value"].sum()
    autos = steps[steps["step"] == "automation"].groupby("scenario")["value"].sum()
    common = {"start": lg.num(ref["start"]), "stop": lg.num(ref["end"]), "demo": lg.num(ref["population"], 0, True),
              "std": lg.num(ref["fte_per_user"], 0, True)}
    if (autos.abs() > 0.5).any():
        best = autos.idxmin()
        title = lg.t("bridge_title_auto", **common, auto=lg.num(autos[best], 0, True), scen=ctx.label(best))
    else:
        title = lg.t("bridge_title", **common)
    labels = {s: ctx.label(s) for s in ctx.scenarios}
    header = ctx.header(title, lg.t("bridge_sub", base=ctx.base, end=ctx.end), lg.t("sources_model"),
                        lg.unit("FTE"))
    fig = bridge_figure(header, lg, steps, ctx.baseline, labels)
    alt = lg.t("alt_bridge", base=ctx.base, end=ctx.end, **common) + "".join(
        " " + lg.t("alt_bridge_auto", scen=labels[s], auto=lg.num(autos[s], 0, True)) for s in ctx.scenarios
        if abs(autos.get(s, 0.0)) > 0.5)
    return [Page("bridge", title, fig, steps, alt=alt)]
