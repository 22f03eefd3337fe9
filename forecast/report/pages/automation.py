"""The automation page: what each measure of the scenarios does, in words: the measure, its service, how it works
and how big it is, what is reinvested, its effect in the end year, and the evidence it rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.report.i18n import Lang
    from forecast.results.context import MeasureInfo
    from forecast.results.frame import Result


def mechanism(m: "MeasureInfo", lg: "Lang") -> str:
    """How a measure works and how big it is, in words."""
    v = m.values
    if m.kind == "fixed_fte":
        ramp = int(v.get("ramp_years", 0) or 0)
        return lg.t("mech_fixed", fte=lg.num(v["fte"], 1 if v["fte"] % 1 else 0), start=m.start) + (
            " " + lg.t("mech_ramp", years=ramp) if ramp else "")
    if m.kind == "task_share":
        return lg.t("mech_task", share=lg.pct(v["task_share"]), auto=lg.pct(v["automatable"]), start=m.start,
                    full=m.full, effect=lg.pct(v["task_share"] * v["automatable"] * (1 - v["reinvest"]), 1))
    return lg.t("mech_rate", rate=lg.pct(v["rate"], 1), start=m.start)


def reinvested(m: "MeasureInfo", lg: "Lang") -> str:
    share = m.values.get("reinvest", 0.0) if m.kind == "task_share" else 0.0
    return lg.t("reinvest_share", share=lg.pct(share)) if share else lg.t("reinvest_none")


def measures(ctx: Context) -> list[tuple["MeasureInfo", list[str]]]:
    """Each measure once (same id, service and settings), with the scenarios it is in; its texts from the scenario
    with the fewest measures (the one written for it, rather than a programme that repeats it)."""
    out: dict[tuple, tuple] = {}
    count = {s: len(ctx.info[s].measures) if s in ctx.info else 0 for s in ctx.scenarios}
    for scen in ctx.scenarios:
        info = ctx.info.get(scen)
        for m in info.measures if info else []:
            key = (m.id, m.service, m.kind, repr(sorted(m.values.items())), m.start, m.full)
            kept, scens = out.setdefault(key, (m, []))
            scens.append(scen)
            if count[scen] < min(count[s] for s in scens[:-1] or [scen]) and kept is not m:
                out[key] = (m, scens)
    return list(out.values())


def automation_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.style import page_figure
    from forecast.report.text import draw_cards

    found = measures(ctx)
    if not found:
        return []
    lg = ctx.lang
    offsets = views.summed(ctx.frame, ("automation_offset|",))
    records, rows = [], []
    for m, scens in found:
        own = offsets[(offsets["variable"] == f"automation_offset|{m.id}") & offsets["scenario"].isin(scens)
                      & (offsets["year"] == ctx.end)]["value"]
        effect = lg.t("effect_fte", fte=f"{lg.num(own.min())}–{lg.num(own.max())}" if len(own) and
                      own.max() - own.min() >= 0.5 else lg.num(own.max() if len(own) else 0.0))
        name = m.text("titles", lg.code) or m.id
        what = " ".join(t for t in (m.text("descriptions", lg.code), mechanism(m, lg)) if t)
        evidence = m.text("references", lg.code) or lg.t("no_reference")
        rows.append([name, lg.service(m.service), what, reinvested(m, lg), effect,
                     lg.join([ctx.label(s) for s in scens]), evidence])
        records.append({"measure": m.id, "title": name, "service": m.service, "kind": m.kind, **m.values,
                        "start": m.start, "full": m.full, "scenarios": ";".join(scens),
                        "offset_end": float(own.max()) if len(own) else 0.0, "end_year": ctx.end,
                        "reference": evidence, "unit": "FTE (offset_end); shares as fractions"})
    biggest = max(records, key=lambda r: r["offset_end"])
    title = lg.t("auto_title", n=len(found), end=ctx.end, top=lg.t("quoted", text=biggest["title"]),
                 fte=lg.num(biggest["offset_end"]))
    cards = [(f"{r[0]} ({r[1].lower()})", [(lg.t("auto_col_what"), r[2]), (lg.t("auto_col_reinvest"), r[3]),
                                           (lg.t("auto_col_effect", end=ctx.end), r[4]),
                                           (lg.t("auto_col_scenarios"), r[5]), (lg.t("auto_col_evidence"), r[6])])
             for r in rows]
    pages, left = [], cards
    while left:
        header = ctx.header(title if not pages else lg.t("auto_more"), lg.t("auto_sub"), lg.t("auto_source"),
                            lg.t("auto_unit"))
        fig, (_l, bottom, _r, top) = page_figure(header, lg)
        n = draw_cards(fig, 0.04, top + 0.03, bottom - 0.02, 0.92, left)
        if n == 0:
            break
        left = left[n:]
        pages.append(Page("automation" if not pages else f"automation-{len(pages) + 1}", title, fig,
                          pd.DataFrame(records) if not pages else None, png=False))
    pages[0].alt = lg.t("alt_automation") + " " + " ".join(
        f"{r[0]} ({r[1]}): {r[2]} {lg.t('auto_col_effect', end=ctx.end)}: {r[4]}." for r in rows)
    return pages
