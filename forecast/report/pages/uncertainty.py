"""The tornado page: which source of uncertainty moves the end-year FTE need most, one source at a time. Shown
when the result carries a sensitivity table (Monte Carlo runs: columns service, variable, year, source, central,
p10, p90), left out otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.results.frame import Result

WHOLE = ("all", "total")  # the service of rows for all services together


def tornado_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures_regions import tornado_figure

    sens = getattr(result, "sensitivity", None)
    if sens is None or getattr(sens, "empty", True):
        return []
    lg = ctx.lang
    d = sens[(sens["variable"] == "fte") & sens["service"].isin(WHOLE)]
    if "scenario" in d:
        d = d[d["scenario"] == ctx.baseline]
    if "year" in d and len(d):
        d = d[d["year"] == d["year"].max()]
    if d.empty:
        return []
    d = d.assign(label=d["source"].map(lambda s: lg.t(f"source_{s}") if lg.has(f"source_{s}") else s))
    central = float(d["central"].iloc[0])
    year = int(d["year"].iloc[0]) if "year" in d else ctx.end
    top = d.assign(width=d["p90"] - d["p10"]).sort_values("width").iloc[-1]
    title = lg.t("tornado_title", end=year, source=top["label"], lo=lg.num(top["p10"]), hi=lg.num(top["p90"]))
    header = ctx.header(title, lg.t("tornado_sub", central=lg.num(central), end=year), lg.t("sources_model"),
                        lg.unit("FTE"))
    fig = tornado_figure(header, lg, d, central, lg.t("tornado_axis", end=year))
    alt = lg.t("alt_tornado", end=year, central=lg.num(central), sources="; ".join(
        f"{r.label} {lg.num(r.p10)}–{lg.num(r.p90)}" for r in d.sort_values("p90").itertuples()))
    return [Page("drivers", title, fig, d.assign(unit="FTE"), alt=alt)]
