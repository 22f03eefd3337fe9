"""The people to hire (growth and replacement, by service), the population by age as an index, and the need as a
share of the working-age population."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page
from forecast.vocabulary import TOTAL

if TYPE_CHECKING:
    from forecast.results.frame import Result


def hires_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures_people import hires_figure

    lg = ctx.lang
    data = views.hires(ctx.frame, ctx.baseline)
    if data.empty:
        return []
    by_service = views.hires_by_service(ctx.frame, ctx.baseline)
    by_service = by_service[(by_service["occupation"] == views.WHOLE) & (by_service["year"] > ctx.base)]
    total = float(data["cumulative"].iloc[-1])
    repl = float(data["replacement"].sum())
    share = lg.pct(repl / total, 0) if total > 0 and repl == repl else "–"
    first, last = int(data["year"].min()), int(data["year"].max())
    title = lg.t("hires_title", place=ctx.place, total=lg.num(total), first=first, end=last, share=share)
    unit = lg.unit(str(data["unit"].iloc[0]))
    header = ctx.header(title, lg.t("hires_sub", scenario=ctx.label(ctx.baseline)), lg.t("sources_workforce"), unit)
    per = by_service.groupby("service")["hires"].sum()
    alt = lg.t("alt_hires", first=first, end=last, total=lg.num(total), share=share,
               services=lg.join([f"{lg.service(s).lower()} {lg.num(v)}" for s, v in per.items()]))
    return [Page("hires", title, hires_figure(header, lg, data, by_service), data, alt=alt)]


def population_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures_people import population_figure
    from forecast.report.style import POPULATION_AGE_GROUPS

    lg = ctx.lang
    paths = ctx.population.get(ctx.baseline)
    if paths is None or any(c not in paths.codes for c in ctx.codes):
        return []
    years = [y for y in paths.years if ctx.base <= y <= ctx.end]
    data = views.population_index(paths, years, list(POPULATION_AGE_GROUPS))
    last = data[data["year"] == ctx.end].set_index("age_group")
    top = (last["index"] - 100).abs().idxmax()
    title = lg.t("pop_title", group=top, pct=lg.pct(last.loc[top, "index"] / 100 - 1, 0, True), base=ctx.base,
                 end=ctx.end)
    variant = paths.variant
    variant_text = f"SSB {variant}" if variant else lg.t("pop_builtin")
    source = lg.t("sources_population", variant=lg.t("variant_note", variant=variant) if variant else "")
    header = ctx.header(title, lg.t("pop_sub", base=ctx.base, end=ctx.end, variant=variant_text) + f" · {ctx.place}",
                        source, lg.t("pop_unit", base=ctx.base))
    alt = lg.t("alt_population", base=ctx.base, end=ctx.end, groups="; ".join(
        f"{g} {lg.t('years_old')} {lg.num(r['index'])}" for g, r in last.iterrows()))
    data.insert(0, "variant", variant or "builtin")
    data["unit"] = f"persons; index {ctx.base} = 100"
    return [Page("population-by-age", title, population_figure(header, lg, data), data, alt=alt)]


def share_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures_people import share_figure

    lg = ctx.lang
    working = {}
    for scen in ctx.scenarios:
        paths = ctx.population.get(scen)
        if paths is None or any(c not in paths.codes for c in ctx.codes):
            continue
        years = sorted(int(y) for y in ctx.frame.loc[ctx.frame["scenario"] == scen, "year"].unique())
        working[scen] = paths.working_age(years)
    if ctx.baseline not in working:
        return []
    lo, hi = ctx.population[ctx.baseline].working_ages
    data = views.need_share(views.services_only(ctx.frame), working, (lo, hi))
    by_service = views.need_share(views.services_only(ctx.frame), working, (lo, hi), by_service=True)
    by_service = by_service[by_service["scenario"] == ctx.baseline]
    b = data[data["scenario"] == ctx.baseline].set_index("year")["value"]
    title = lg.t("share_title", end_share=lg.num(b[ctx.end], 1), base_share=lg.num(b[ctx.base], 1),
                 lo=lo, hi=hi, end=ctx.end, base=ctx.base)
    header = ctx.header(title, lg.t("share_sub", lo=lo, hi=hi) + f" · {ctx.place}", lg.t("sources_model"),
                        lg.t("share_unit", lo=lo, hi=hi))
    labels = {s: ctx.label(s) for s in ctx.scenarios}
    fig = share_figure(header, lg, data, by_service, ctx.baseline, lg.t("share_axis", lo=lo, hi=hi), labels)
    alt = lg.t("alt_share", lo=lo, hi=hi, base=ctx.base, end=ctx.end, a=lg.num(b[ctx.base], 1),
               b=lg.num(b[ctx.end], 1))
    data = pd.concat([data.assign(service=TOTAL), by_service], ignore_index=True)
    return [Page("share-of-working-age", title, fig, data, alt=alt)]
