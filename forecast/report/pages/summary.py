"""Page 1: the answer in numbers (need per service now and in the end year, automation, hires), the scenarios side
by side, and what the numbers rest on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.i18n import Lang
from forecast.report.page import Context, Page
from forecast.report.style import wrap

if TYPE_CHECKING:
    from forecast.results.context import MeasureInfo
    from forecast.results.frame import Result


def summary_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import SERVICE_ORDER
    from forecast.report.text import summary_figure

    lg, base, end = ctx.lang, ctx.base, ctx.end
    f = ctx.frame[ctx.frame["scenario"] == ctx.baseline]
    need = views.need_by_service(f, ctx.baseline)
    start = need[need["year"] == base].set_index("service")["value"]
    stop = need[need["year"] == end].set_index("service")["value"]
    services = [s for s in SERVICE_ORDER if s in start.index] + [s for s in start.index if s not in SERVICE_ORDER]
    offsets = views.summed(f, ("automation_offset",))
    offsets = offsets[offsets["year"] == end].set_index("service")["value"]
    hires = views.summed(f, ("hires",))
    if not hires.empty:
        units = hires["unit"].unique().tolist()
        hires = hires[(hires["unit"] == ("persons" if "persons" in units else units[0])) & (hires["year"] > base)]
        hires = hires.groupby("service")["value"].sum()
    cols = [lg.t("col_service"), lg.t("col_fte_base", base=base), lg.t("col_fte_end", end=end),
            lg.t("col_change"), lg.t("col_change_pct")]
    if not offsets.empty:
        cols.append(lg.t("col_offset", end=end))
    if len(hires):
        cols.append(lg.t("col_hires", first=base + 1, end=end))
    records = []
    for s in services + ["total"]:
        a = float(start.sum() if s == "total" else start[s])
        b = float(stop.sum() if s == "total" else stop[s])
        rec = {"scenario": ctx.baseline, "service": s, "fte_base": a, "fte_end": b, "change": b - a,
               "change_share": (b - a) / a if a else float("nan")}
        row = [lg.service(s), lg.num(a), lg.num(b), lg.num(b - a, 0, True), lg.pct(rec["change_share"], 1, True)]
        if not offsets.empty:
            rec["automation_offset_end"] = float(offsets.sum() if s == "total" else offsets.get(s, 0.0))
            row.append(lg.num(rec["automation_offset_end"]))
        if len(hires):
            rec["hires_cumulative_persons"] = float(hires.sum() if s == "total" else hires.get(s, float("nan")))
            row.append(lg.num(rec["hires_cumulative_persons"]))
        records.append((rec, row))
    key_table = (cols, [r for _, r in records])
    data = pd.DataFrame([r for r, _ in records])
    side_table, facts = None, []
    if len(ctx.scenarios) > 1:
        tot = views.totals(ctx.frame)
        ends = {s: float(tot[(tot["scenario"] == s) & (tot["year"] == tot[tot["scenario"] == s]["year"].max())]
                         ["value"].iloc[0]) for s in ctx.scenarios}
        rows = [[s + (f" ({lg.t('baseline')})" if s == ctx.baseline else ""), lg.num(v),
                 lg.num(v - ends[ctx.baseline], 0, True) if s != ctx.baseline else "–"] for s, v in ends.items()]
        side_table = ([lg.t("col_scenario"), lg.t("fte"), lg.t("col_vs_base")], rows)
        side_title = lg.t("scenarios_head", end=end)
    else:
        side_title = lg.t("about_head")
        facts = [lg.t("fact_place", place=f"{ctx.place} ({', '.join(ctx.codes)})" if len(ctx.codes) <= 3
                      else ctx.place),
                 lg.t("fact_period", base=base, end=end)]
        info = ctx.info.get(ctx.baseline)
        if info is not None:
            facts.append(lg.t("fact_scenario", title=info.title or ctx.baseline))
            variant = info.variant
            facts.append(lg.t("fact_population", variant=f"SSB {variant}" if variant else lg.t("pop_builtin")))
        facts.append(lg.t("fact_services", services=", ".join(lg.service(s) for s in services)))
        facts = [wrap(f, 46) for f in facts]
    total_a, total_b = float(start.sum()), float(stop.sum())
    title = lg.t("summary_title", place=ctx.place, end_fte=lg.num(total_b), end=end, base=base,
                 change=lg.num(abs(total_b - total_a)), dir=lg.t("more") if total_b >= total_a else lg.t("fewer"))
    info = ctx.info.get(ctx.baseline)
    subtitle = lg.t("summary_sub", title=(info.title if info is not None and info.title else ctx.baseline),
                    period=f"{base}–{end}")
    header = ctx.header(title, subtitle, lg.t("sources_model"), lg.t("summary_unit"))
    assumptions = scenario_assumptions(ctx) + result.assumption_texts(lg.code)  # all of them on the last page(s)
    fig = summary_figure(header, lg, lg.t("key_numbers", scenario=ctx.baseline), key_table, side_title, side_table,
                         facts, assumptions, result.note_texts(lang=lg.code))
    data["unit"] = "FTE" + ("; hires_cumulative_persons in persons" if "hires_cumulative_persons" in data else "")
    return [Page("summary", title, fig, data)]


def scenario_assumptions(ctx: Context) -> list[str]:
    """What the scenario files assume beyond the model: standard changes and automation measures, each with its
    reference; a measure shared by several scenarios is listed once with all their names."""
    lg = ctx.lang
    lines: dict[str, list[str]] = {}
    for name in ctx.scenarios:
        info = ctx.info.get(name)
        if info is None:
            continue
        for service, st in info.standards.items():
            changes = [lg.t(key, pct=lg.pct(value, 1, True)) for key, value in
                       (("std_fte", st.fte_per_user_change), ("std_coverage", st.coverage_change)) if value]
            if changes:
                text = f"{lg.service(service)}: {', '.join(changes)}"
                lines.setdefault(_with_reference(text, st.reference), []).append(name)
        for m in info.measures:
            text = f"{m.id} ({lg.service(m.service)}): {_measure_text(m, lg)}"
            lines.setdefault(_with_reference(text, m.reference), []).append(name)
    return [f"{', '.join(names)}: {text}" for text, names in lines.items()]


def _with_reference(text: str, reference: str | None) -> str:
    return f"{text} — {' '.join(reference.split())}" if reference else text


def _measure_text(m: "MeasureInfo", lg: Lang) -> str:
    v = m.values
    if m.kind == "fixed_fte":
        return lg.t("measure_fixed", fte=lg.num(v["fte"], 1 if v["fte"] % 1 else 0), start=m.start)
    if m.kind == "task_share":
        return lg.t("measure_task", share=lg.pct(v["task_share"]), auto=lg.pct(v["automatable"]), start=m.start,
                    full=m.full, reinvest=lg.pct(v["reinvest"]))
    return lg.t("measure_rate", rate=lg.pct(v["rate"], 1), start=m.start)
