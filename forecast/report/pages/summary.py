"""Page 1, for a council member: the answer in plain words, the need per service now and in the end year (with
its interval where one exists) and the hires, and what each scenario changes against the reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.frame import Result

CARE = ("home_care", "nursing_home")


def ordered(services) -> list[str]:
    from forecast.report.figures import SERVICE_ORDER

    services = list(services)
    return [s for s in SERVICE_ORDER if s in services] + [s for s in services if s not in SERVICE_ORDER]


def key_numbers(ctx: Context) -> "pd.DataFrame":
    """Per service and in total: FTE need in the base and end year, the end year's interval (one municipality),
    the change, and the hires over the years after the base year (persons) where the result has them."""
    import pandas as pd

    f = ctx.frame[ctx.frame["scenario"] == ctx.baseline]
    need = views.need_by_service(f, ctx.baseline, ctx.totals, ctx.area)
    band = views.bands(need)
    lo_col, hi_col = (band[-1][0], band[-1][1]) if band else ("lower", "upper")
    start = need[need["year"] == ctx.base].set_index("service")
    stop = need[need["year"] == ctx.end].set_index("service")
    hires = views.summed(f, ("hires",))
    hires = hires[(hires["unit"] == "persons") & (hires["year"] > ctx.base)].groupby("service")["value"].sum()
    rows = []
    for s in ordered(start.index):
        rows.append({"service": s, "fte_base": float(start.loc[s, "value"]), "fte_end": float(stop.loc[s, "value"]),
                     "lower_end": float(stop.loc[s, lo_col]), "upper_end": float(stop.loc[s, hi_col]),
                     "hires": float(hires.get(s, float("nan"))) if len(hires) else float("nan")})
    out = pd.DataFrame(rows)
    whole = views.drawn(ctx.totals, ctx.baseline, ctx.area)  # the total's interval: drawn, never a sum of bounds
    whole = whole[whole["year"] == ctx.end]
    lo, hi = (float(whole[lo_col].iloc[0]), float(whole[hi_col].iloc[0])) if len(whole) and lo_col in whole else \
        (float("nan"), float("nan"))
    total = {"service": "total", "fte_base": out["fte_base"].sum(), "fte_end": out["fte_end"].sum(),
             "lower_end": lo, "upper_end": hi, "hires": out["hires"].sum(min_count=1)}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    cumulative = views.drawn(ctx.totals, ctx.baseline, ctx.area, "hires_cumulative", None)  # drawn draw by draw
    cumulative = cumulative[cumulative["year"] == ctx.end].set_index("service")
    for col, src in (("hires_lower", lo_col), ("hires_upper", hi_col)):
        out[col] = [float(cumulative.loc["all" if s == "total" else s, src]) if src in cumulative and
                    ("all" if s == "total" else s) in cumulative.index else float("nan") for s in out["service"]]
    out["change"] = out["fte_end"] - out["fte_base"]
    out["change_share"] = out["change"] / out["fte_base"]
    out.insert(0, "scenario", ctx.baseline)
    out["unit"] = "FTE; hires in persons"
    return out


def scenario_effects(ctx: Context) -> "pd.DataFrame":
    """Per scenario: total FTE need in the end year, its difference from the reference and the automation offset
    in the end year (FTE); with draws, the difference's interval (drawn draw by draw, with the same random numbers
    in every scenario: lower, upper) and whether it stands out from the uncertainty (the interval excludes zero)."""
    import pandas as pd

    tot = views.totals(ctx.frame)
    offsets = views.summed(ctx.frame, ("automation_offset",))
    rows = []
    for s in ctx.scenarios:
        mine = tot[tot["scenario"] == s]
        end = int(mine["year"].max())
        auto = offsets[(offsets["scenario"] == s) & (offsets["year"] == end)]["value"].sum()
        rows.append({"scenario": s, "year": end, "fte": float(mine[mine["year"] == end]["value"].iloc[0]),
                     "automation": float(auto)})
    out = pd.DataFrame(rows)
    ref = float(out.loc[out["scenario"] == ctx.baseline, "fte"].iloc[0])
    out["difference"] = out["fte"] - ref
    out["lower"], out["upper"], out["stands_out"] = float("nan"), float("nan"), None
    for i, r in out.iterrows():
        d = views.drawn(ctx.differences, r["scenario"], ctx.area, "fte_difference")
        d = d[d["year"] == r["year"]]
        if len(d) and r["scenario"] != ctx.baseline:
            out.loc[i, ["lower", "upper"]] = float(d["lower"].iloc[0]), float(d["upper"].iloc[0])
            out.loc[i, "stands_out"] = bool(d["stands_out"].iloc[0])
    out["unit"] = "FTE"
    return out


def range_text(lg, lo: float, hi: float) -> str:
    """An interval as text: "−2 329 til −716" (nb), "−2,329 to −716" (en); "no spread" where the draws do not
    move it (a fixed measure)."""
    if round(lo) == round(hi):
        return lg.t("no_spread")
    return lg.t("range", lo=lg.num(lo), hi=lg.num(hi))


def answer(ctx: Context, numbers: "pd.DataFrame", effects: "pd.DataFrame", care: bool) -> list[str]:
    """The answer in plain sentences: the total, where it grows and falls, hires, the scenarios, how sure."""
    lg = ctx.lang
    rows = numbers.set_index("service")
    total = rows.loc["total"]
    services = [s for s in rows.index if s != "total"]
    out = [lg.t("answer_total", place=ctx.place, end_fte=lg.num(total["fte_end"]), end=ctx.end, base=ctx.base,
                services=lg.join([lg.service(s).lower() for s in services]),
                change=lg.num(abs(total["change"])), pct=lg.pct(total["change_share"], 1, True),
                dir=lg.t("more") if total["change"] >= 0 else lg.t("fewer"))]
    drawn = ctx.draws and total["lower_end"] == total["lower_end"]
    if drawn:  # how sure, next to the answer: the total's interval from the draws
        out.append(lg.t("answer_interval_drawn", end=ctx.end, level=ctx.level, n=lg.num(ctx.n_draws),
                        lo=lg.num(total["lower_end"]), hi=lg.num(total["upper_end"])))
    up = rows.loc[services][rows.loc[services, "change"] >= 0.5].sort_values("change", ascending=False)
    down = rows.loc[services][rows.loc[services, "change"] <= -0.5].sort_values("change")
    what = lambda r: f"{lg.service(r.Index).lower()} {lg.num(r.change, 0, True)} ({lg.pct(r.change_share, 0, True)})"  # noqa: E731
    if len(up):
        out.append(lg.t("answer_up", list=lg.join([what(r) for r in up.itertuples()])))
    if len(down):
        out.append(lg.t("answer_down", list=lg.join([what(r) for r in down.itertuples()])))
    if total["hires"] == total["hires"]:
        hires = views.hires(ctx.frame, ctx.baseline)
        share = hires["replacement"].sum() / hires["hires"].sum() if len(hires) else float("nan")
        out.append(lg.t("answer_hires", place=ctx.place, hires=lg.num(round(total["hires"], -2)),
                        first=ctx.base + 1, end=ctx.end, share=lg.pct(share, 0)))
        if ctx.draws and total["hires_lower"] == total["hires_lower"]:
            out[-1] += " " + lg.t("answer_hires_drawn", level=ctx.level, lo=lg.num(round(total["hires_lower"], -2)),
                                  hi=lg.num(round(total["hires_upper"], -2)))
    if ctx.many and ctx.places is not None and len(set(ctx.places.counties.values())) > 1:
        from forecast.report.regions import by_county, by_municipality

        muni = by_municipality(ctx.frame, ctx.places, ctx.baseline, ctx.base, ctx.end)
        county = by_county(ctx.frame, ctx.places, ctx.baseline, ctx.base, ctx.end).set_index("name")["change_share"]
        out.append(lg.t("answer_regions", up=int((muni["change"] > 0).sum()), n=len(muni),
                        hi=f"{county.idxmax()} ({lg.pct(county.max(), 0, True)})",
                        lo=f"{county.idxmin()} ({lg.pct(county.min(), 0, True)})"))
    others = effects[effects["scenario"] != ctx.baseline]
    if len(others) and others["lower"].notna().any():
        out.append(lg.t("answer_scenarios_drawn", end=ctx.end, level=ctx.level, list=lg.join(
            [lg.t("effect_drawn", name=lg.t("quoted", text=ctx.label(r.scenario)), diff=lg.num(r.difference, 0, True),
                  interval=range_text(lg, r.lower, r.upper),
                  verdict=lg.t("stands_out" if r.stands_out else "within")) for r in others.itertuples()])))
    elif len(others):
        out.append(lg.t("answer_scenarios", end=ctx.end, list=lg.join(
            [f"{lg.t('quoted', text=ctx.label(r.scenario))} {lg.num(r.difference, 0, True)}" for r in others.itertuples()])))
    out.append(lg.t(f"answer_reference_{ctx.reference_by}", label=ctx.label(ctx.baseline)) if len(ctx.scenarios) > 1
               else lg.t("answer_one", title=ctx.title_of(ctx.baseline)))
    if numbers["lower_end"].notna().any() and not drawn:
        out.append(lg.t("answer_interval", end=ctx.end, years=ctx.validated) if ctx.validated
                   else lg.t("answer_interval_plain", end=ctx.end))
    if care:
        out.append(lg.t("answer_care"))
    return out


def summary_page(ctx: Context, result: "Result") -> list[Page]:
    import textwrap

    from forecast.report.text import summary_figure

    lg = ctx.lang
    numbers = key_numbers(ctx)
    effects = scenario_effects(ctx)
    info = ctx.info.get(ctx.baseline)
    services = [s for s in numbers["service"] if s != "total"]
    care = any(c in services for c in CARE) and (info is None or any(c not in info.staffing for c in CARE))
    has_hires = numbers["hires"].notna().any()
    has_band = numbers["lower_end"].notna().any()
    cols = [lg.t("col_service"), lg.t("col_fte_year", year=ctx.base), lg.t("col_fte_year", year=ctx.end)]
    widths = [0.11, 0.065, 0.065]
    cols += [lg.t("col_interval", year=ctx.end, level=ctx.level)] if has_band else []
    widths += [0.115] if has_band else []
    cols += [lg.t("col_change")]
    widths += [0.075]
    if has_hires:
        cols.append(lg.t("col_hires", first=ctx.base + 1, end=ctx.end))
        widths.append(0.09)
    rows = []
    for r in numbers.itertuples():
        interval = f"{lg.num(r.lower_end)}–{lg.num(r.upper_end)}" if r.lower_end == r.lower_end else "–"
        row = [lg.service(r.service), lg.num(r.fte_base), lg.num(r.fte_end), *([interval] if has_band else []),
               lg.num(r.change, 0, True)]
        if has_hires:
            row.append(lg.num(r.hires))
        rows.append(row)
    if ctx.draws:
        note = lg.t("need_note_drawn", level=ctx.level, n=lg.num(ctx.n_draws))
    else:
        note = lg.t("need_note_validated", years=ctx.validated, last=ctx.validated_end) if ctx.validated and \
            numbers["lower_end"].notna().any() else ""
        note = " ".join(t for t in (note, lg.t("need_note_sums")) if t)
    note = " ".join(t for t in (note, lg.t("need_note_hires") if has_hires else "") if t)
    if len(ctx.scenarios) > 1:
        side_title = lg.t("scenarios_head", end=ctx.end)
        drawn = effects["lower"].notna().any()
        scols = [lg.t("col_scenario"), lg.t("col_fte_year", year=ctx.end), lg.t("col_vs_base")]
        scols += [lg.t("col_interval_diff", level=ctx.level), lg.t("col_stands_out")] if drawn else []
        scols += [lg.t("col_automated", year=ctx.end)]
        srows = []
        for r in effects.itertuples():
            ref = r.scenario == ctx.baseline
            name = lg.reference(ctx.label(r.scenario)) if ref else ctx.label(r.scenario)
            row = ["\n".join(textwrap.wrap(name, 27 if drawn else 36, break_on_hyphens=False)), lg.num(r.fte),
                   "–" if ref else lg.num(r.difference, 0, True)]
            if drawn:
                row += ["–", "–"] if ref or r.lower != r.lower else \
                    [range_text(lg, r.lower, r.upper), lg.t("yes" if r.stands_out else "no")]
            srows.append(row + [lg.num(r.automation)])
        side_note = lg.t("scenarios_note")
        if drawn:
            side_note = lg.t("scenarios_note_drawn", level=ctx.level) + " " + side_note
        side = (scols, srows, [0.155, 0.06, 0.07, 0.10, 0.06, 0.085] if drawn else None)
    else:
        side_title, side = lg.t("about_head"), None
        side_note = " ".join(t for t in (info.description_in(lg.code) if info else None,
                                         lg.t("fact_population", variant=f"SSB {info.variant}" if info and
                                              info.variant else lg.t("pop_builtin"))) if t)
    total = numbers.set_index("service").loc["total"]
    title = lg.t("summary_title", place=ctx.place, end_fte=lg.num(total["fte_end"]), end=ctx.end, base=ctx.base,
                 change=lg.num(abs(total["change"])), dir=lg.t("more") if total["change"] >= 0 else lg.t("fewer"))
    subtitle = lg.t("summary_sub", title=ctx.title_of(ctx.baseline), period=f"{ctx.base}–{ctx.end}")
    header = ctx.header(title, subtitle, lg.t("sources_model"), lg.t("summary_unit"))
    sentences = answer(ctx, numbers, effects, care)
    fig = summary_figure(header, lg, sentences, lg.t("key_numbers"), (cols, rows, widths), note, side_title, side,
                         side_note)
    alt = lg.t("alt_summary")  # the page is text and tables: it reads as it is
    return [Page("summary", title, fig, numbers, alt=alt)]
