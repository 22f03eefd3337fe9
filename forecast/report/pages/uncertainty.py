"""The drivers page: which source of uncertainty moves the end year most, one source at a time, beside all of them
together. A panel for the FTE need and one for the hires of the end year (where the result has them). Shown when
the result carries a sensitivity table (Monte Carlo runs with sensitivity: columns service, variable, year, source,
p10, p90 and, where given, central), left out otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.page import Context, Page

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.frame import Result

WHOLE = ("all", "total")  # the service of rows for all services together
VARIABLES = {"fte": "FTE", "hires": "persons"}  # the outputs a panel is drawn for, with their unit
EFFECT = 0.5  # a source whose 80 % interval is narrower than this (FTE or persons) does not move the output
LEVEL = 80  # the sensitivity table's interval: p10–p90, whatever quantiles the report's other pages show


def _central(ctx: Context, variable: str, year: int) -> tuple[float, "pd.DataFrame"]:
    """The central path's total of `variable` in `year`, and the draws' interval of that total (all sources)."""
    from forecast.report import views

    whole = views.drawn(ctx.totals, ctx.baseline, ctx.area, variable)
    row = whole[whole["year"] == year]
    if len(row):
        return float(row["value"].iloc[0]), row
    need = views.totals(ctx.frame[ctx.frame["scenario"] == ctx.baseline], variable)
    return float(need.loc[need["year"] == year, "value"].sum()), row


def _panel(ctx: Context, sens: "pd.DataFrame", variable: str) -> dict | None:
    lg = ctx.lang
    d = sens[(sens["variable"] == variable) & sens["service"].isin(WHOLE)]
    if "scenario" in d:
        d = d[d["scenario"] == ctx.baseline]
    if "year" in d and len(d):
        d = d[d["year"] == d["year"].max()]
    if d.empty:
        return None
    year = int(d["year"].iloc[0]) if "year" in d else ctx.end
    central, together = _central(ctx, variable, year)
    if "central" in d:
        central = float(d["central"].iloc[0])
    d = d.assign(label=d["source"].map(lambda s: lg.t(f"source_{s}") if lg.has(f"source_{s}") else s), kind="source")
    moves = (d["p90"] - d["p10"]).abs() >= EFFECT
    idle = d.loc[~moves, "label"].tolist()
    d = d[moves]
    if len(together) and len(d):
        import pandas as pd

        lo, hi = _bounds(together)
        d = pd.concat([d, pd.DataFrame([{"label": lg.t("source_all"), "source": "all", "p10": lo, "p90": hi,
                                         "kind": "all", "variable": variable, "year": year}])], ignore_index=True)
    unit = VARIABLES[variable]
    return {"variable": variable, "year": year, "central": central, "data": d.assign(central=central, unit=unit),
            "idle": idle, "title": lg.t(f"tornado_panel_{variable}", end=year, central=lg.num(central)),
            "axis": lg.t(f"tornado_axis_{variable}", end=year)}


def _bounds(row: "pd.DataFrame") -> tuple[float, float]:
    """The interval of a drawn total at the sensitivity table's level (p10–p90), the outer quantiles otherwise."""
    lo, hi = ("p10", "p90") if {"p10", "p90"} <= set(row.columns) else ("lower", "upper")
    return float(row[lo].iloc[0]), float(row[hi].iloc[0])


def tornado_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures_regions import tornado_figure

    sens = getattr(result, "sensitivity", None)
    if sens is None or getattr(sens, "empty", True):
        return []
    lg = ctx.lang
    panels = [p for p in (_panel(ctx, sens, v) for v in VARIABLES) if p is not None and len(p["data"])]
    if not panels or panels[0]["variable"] != "fte":
        return []
    need = panels[0]
    sources = need["data"][need["data"]["kind"] == "source"]
    year, central = need["year"], need["central"]
    top = sources.assign(width=sources["p90"] - sources["p10"]).sort_values("width").iloc[-1]
    title = lg.t("tornado_title", end=year, source=top["label"], lo=lg.num(top["p10"]), hi=lg.num(top["p90"]))
    header = ctx.header(title, lg.t("tornado_sub", central=lg.num(central), end=year, level=LEVEL),
                        lg.t("sources_model"), lg.t("tornado_unit") if len(panels) > 1 else lg.unit("FTE"))
    idle = [p for p in panels if p["idle"]]
    note = " ".join(lg.t(f"tornado_idle_{p['variable']}", sources=lg.join([s.lower() for s in p["idle"]]))
                    for p in idle)
    fig = tornado_figure(header, lg, panels, lg.t("tornado_note", level=LEVEL) + (" " + note if note else ""))
    alt = lg.t("alt_tornado", end=year, central=lg.num(central), sources="; ".join(
        f"{r.label} {lg.num(r.p10)}–{lg.num(r.p90)}" for r in need["data"].sort_values("p90").itertuples()))
    data = pd.concat([p["data"] for p in panels], ignore_index=True)
    return [Page("drivers", title, fig, data, alt=alt)]
