"""Pages 5–7: the people to hire (growth and replacement), the population by age, and the need as a share of the
working-age population."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page
from forecast.vocabulary import TOTAL

if TYPE_CHECKING:
    from forecast.results.frame import Result


def hires_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import hires_figure

    lg = ctx.lang
    data = views.hires(ctx.frame, ctx.baseline)
    if data.empty:
        return []
    total = float(data["cumulative"].iloc[-1])
    repl = float(data["replacement"].sum())
    share = lg.pct(repl / total, 0) if total > 0 and repl == repl else "–"
    first = int(data["year"].min())
    title = lg.t("hires_title", place=ctx.place, total=lg.num(total), first=first, end=int(data["year"].max()),
                 share=share)
    unit = lg.unit(str(data["unit"].iloc[0]))
    source = lg.t("sources_model") + ("; avganger og stillingsstørrelse: forutsetninger i data/parameters/"
                                      if lg.code == "nb" else "; exits and position sizes: defaults in "
                                      "data/parameters/")
    header = ctx.header(title, lg.t("hires_sub", scenario=ctx.baseline), source, unit)
    return [Page("hires", title, hires_figure(header, lg, data), data)]


def population_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import population_figure
    from forecast.report.style import POPULATION_AGE_GROUPS

    lg = ctx.lang
    paths = ctx.population.get(ctx.baseline)
    if paths is None or any(c not in paths.codes for c in ctx.codes):
        return []
    variant = paths.variant
    data = views.population_by_age(paths, (ctx.base, ctx.end), list(POPULATION_AGE_GROUPS))
    wide = data.pivot_table(index="age_group", columns="year", values="value", sort=False)
    change = (wide[ctx.end] - wide[ctx.base]) / wide[ctx.base]
    top = change.abs().idxmax()
    title = lg.t("pop_title", group=top, pct=lg.pct(change[top], 0, True), base=ctx.base, end=ctx.end)
    variant_text = f"SSB {variant}" if variant else lg.t("pop_builtin")
    source = lg.t("sources_population", variant=lg.t("variant_note", variant=variant) if variant else "")
    header = ctx.header(title, lg.t("pop_sub", base=ctx.base, end=ctx.end, variant=variant_text) + f" · {ctx.place}",
                        source, lg.unit("persons"))
    data.insert(0, "variant", variant or "builtin")
    return [Page("population-by-age", title, population_figure(header, lg, data), data)]


def share_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import share_figure

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
    data = views.need_share(ctx.frame, working, (lo, hi))
    by_service = views.need_share(ctx.frame, working, (lo, hi), by_service=True)
    by_service = by_service[by_service["scenario"] == ctx.baseline]
    b = data[data["scenario"] == ctx.baseline].set_index("year")["value"]
    title = lg.t("share_title", end_share=lg.num(b[ctx.end], 1), base_share=lg.num(b[ctx.base], 1),
                 lo=lo, hi=hi, end=ctx.end, base=ctx.base)
    source = lg.t("sources_model")
    header = ctx.header(title, lg.t("share_sub", lo=lo, hi=hi) + f" · {ctx.place}", source,
                        lg.t("share_unit", lo=lo, hi=hi))
    fig = share_figure(header, lg, data, by_service, ctx.baseline, lg.t("share_axis", lo=lo, hi=hi))
    data = pd.concat([data.assign(service=TOTAL), by_service], ignore_index=True)
    return [Page("share-of-working-age", title, fig, data)]
