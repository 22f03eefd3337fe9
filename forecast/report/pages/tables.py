"""Tables per year: users and FTE need with its interval per service, and hires per service (and per occupation
where the result has them). The same numbers are in report.xlsx."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.page import Context, Page
from forecast.report.pages.summary import ordered

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.frame import Result

MAX_ROWS = 30  # years in one table; longer periods show every other year


def _years(years: list[int]) -> list[int]:
    if len(years) <= MAX_ROWS:
        return years
    keep = years[::2]
    return keep if keep[-1] == years[-1] else [*keep, years[-1]]


def users_noun(service: str, lang: str) -> str:
    from forecast.vocabulary import SERVICES

    s = SERVICES.get(service)
    word = (s.users_nb if lang == "nb" else s.users_en) if s else "users"
    return word[0].upper() + word[1:]


def _interval(lg, v, lo: str, hi: str) -> str:
    """A row's interval as "lo–hi"; "–" where it has none (the base year is known: no interval)."""
    known = v[lo] == v[lo] and round(v[hi] - v[lo], 1) > 0
    return f"{lg.num(v[lo])}–{lg.num(v[hi])}" if known else "–"


def need_table_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.style import page_figure
    from forecast.report.text import draw_table, paragraph

    lg = ctx.lang
    data = views.per_year(ctx.frame, ctx.baseline, ctx.totals, ctx.area)
    bands = views.bands(data)
    lo, hi = (bands[-1][0], bands[-1][1]) if bands else ("lower", "upper")
    services = ordered(s for s in data["service"].unique() if s != views.TOTAL)
    drawn_total = (data["service"] == views.TOTAL).any()
    years = _years(sorted(int(y) for y in data["year"].unique()))
    has_band = data[lo].notna().any()
    cols, widths, groups = [lg.t("year")], [0.04 if drawn_total else 0.05], []
    for s in services:
        first = len(cols)
        cols += [users_noun(s, lg.code), lg.t("fte")] + ([lg.t("col_interval_short", level=ctx.level)] if has_band
                                                         else [])
        widths += [0.055, 0.055, 0.095] if drawn_total else [0.062, 0.062] + ([0.088] if has_band else [])
        groups.append((lg.service(s), first, len(cols) - 1))
    cols.append(lg.t("col_total_fte"))
    widths.append(0.06 if drawn_total else 0.075)
    if drawn_total:
        groups.append((lg.service("total"), len(cols) - 1, len(cols)))
        cols.append(lg.t("col_interval_short", level=ctx.level))
        widths.append(0.1)
    scale = min(1.0, 0.92 / sum(widths))
    widths = [w * scale for w in widths]
    by = data.set_index(["service", "year"])
    rows, muted = [], set()
    for r, year in enumerate(years):
        row = [str(year)]
        for s in services:
            v = by.loc[(s, year)]
            row += [lg.num(v["users"]), lg.num(v["fte"])]
            if has_band:
                row.append(_interval(lg, v, lo, hi))
                if ctx.validated_end and year > ctx.validated_end:
                    muted.add((r, len(row) - 1))
        row.append(lg.num(sum(float(by.loc[(s, year), "fte"]) for s in services)))
        if drawn_total:
            row.append(_interval(lg, by.loc[(views.TOTAL, year)], lo, hi))
            if ctx.validated_end and year > ctx.validated_end:
                muted.add((r, len(row) - 1))
        rows.append(row)
    first, last = years[0], years[-1]
    title = lg.t("table_need_title", base=first, end=last)
    sub = lg.t("table_need_sub_drawn", scenario=ctx.label(ctx.baseline), level=ctx.level, n=lg.num(ctx.n_draws)) \
        if drawn_total else lg.t("table_need_sub", scenario=ctx.label(ctx.baseline))
    header = ctx.header(title, sub, lg.t("sources_model"),
                        lg.t("table_need_unit"))
    fig, (_l, bottom, _r, top) = page_figure(header, lg)
    size = 8.5 if len(years) <= 20 else 8.0
    y = draw_table(fig, 0.04, top + 0.03, widths, cols, rows, fontsize=size, groups=groups, muted=muted)
    notes = [lg.t("table_need_note_drawn", level=ctx.level, n=lg.num(ctx.n_draws)) if drawn_total
             else lg.t("table_need_note_sums")]
    if has_band and ctx.validated_end:
        notes.insert(0, lg.t("table_need_note_band", years=ctx.validated, last=ctx.validated_end))
    paragraph(fig, 0.04, y - 0.005, 0.92, " ".join(notes), 8.0, color="#6E6E6E")
    out = data.assign(scenario=ctx.baseline, unit="users in persons; fte, lower, upper and quantiles in FTE")
    pages = [Page("table-need", title, fig, out, png=False)]
    occ = views.fte_by_occupation(ctx.frame, ctx.baseline)
    if not occ.empty:
        pages += _occupation_page(ctx, occ.rename(columns={"value": "hires"}), first, last, "table_occ_need_title",
                                  "table-need-occupation", lg.unit("FTE"))
    return pages


def hires_table_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.style import page_figure
    from forecast.report.text import draw_table, paragraph

    lg = ctx.lang
    data = views.hires_by_service(ctx.frame, ctx.baseline)
    data = data[data["year"] > ctx.base]
    if data.empty:
        return []
    whole = data[data["occupation"] == views.WHOLE]
    occupations = data[data["occupation"] != views.WHOLE]
    services = ordered(whole["service"].unique())
    years = _years(sorted(int(y) for y in whole["year"].unique()))
    by = whole.set_index(["service", "year"])
    cols, widths, groups = [lg.t("year")], [0.06], []
    for s in services:
        groups.append((lg.service(s), len(cols), len(cols) + 1))
        cols += [lg.t("col_hires_all"), lg.t("col_hires_replace")]
        widths += [0.085, 0.085]
    groups.append((lg.service("total"), len(cols), len(cols) + 1))
    cols += [lg.t("col_hires_all"), lg.t("col_hires_replace")]
    widths += [0.085, 0.085]
    rows = []
    for year in years:
        row = [str(year)]
        for s in services:
            row += [lg.num(by.loc[(s, year), "hires"]), lg.num(by.loc[(s, year), "replacement"])]
        y = whole[whole["year"] == year]
        row += [lg.num(y["hires"].sum()), lg.num(y["replacement"].sum())]
        rows.append(row)
    sums = ["Σ"] + [lg.num(whole[whole["service"] == s][col].sum()) for s in services
                    for col in ("hires", "replacement")] + [lg.num(whole["hires"].sum()),
                                                           lg.num(whole["replacement"].sum())]
    rows.append(sums)
    first, last = years[0], years[-1]
    title = lg.t("table_hires_title", total=lg.num(whole["hires"].sum()), first=first, end=last)
    header = ctx.header(title, lg.t("table_hires_sub", scenario=ctx.label(ctx.baseline)),
                        lg.t("sources_workforce"), lg.unit("persons"))
    fig, (_l, bottom, _r, top) = page_figure(header, lg)
    y = draw_table(fig, 0.04, top + 0.03, widths, cols, rows, fontsize=8.5, bold_last=True, groups=groups)
    paragraph(fig, 0.04, y - 0.005, 0.92, lg.t("table_hires_note"), 8.0, color="#6E6E6E")
    pages = [Page("table-hires", title, fig, data, png=False)]
    if not occupations.empty:
        pages += _occupation_page(ctx, occupations, first, last, "table_occ_title", "table-hires-occupation",
                                  lg.unit("persons"))
    return pages


def _occupation_page(ctx: Context, occ: "pd.DataFrame", first: int, last: int, title_key: str, key: str,
                     unit: str) -> list[Page]:
    """A table per occupation and year (column `hires`: hires or FTE, summed over services), once the result has
    an occupation dimension."""
    from forecast.report.style import page_figure
    from forecast.report.text import draw_table

    lg = ctx.lang
    names = list(dict.fromkeys(occ["occupation"]))
    wide = occ.pivot_table(index="year", columns="occupation", values="hires", aggfunc="sum")
    years = _years([int(y) for y in wide.index])
    width = min(0.11, 0.86 / (len(names) + 1))
    cols = [lg.t("year")] + [lg.occupation(o) for o in names] + [lg.service("total")]
    rows = [[str(y)] + [lg.num(wide.loc[y, o]) for o in names] + [lg.num(wide.loc[y].sum())] for y in years]
    rows.append(["Σ"] + [lg.num(wide[o].sum()) for o in names] + [lg.num(wide.to_numpy().sum())])
    title = lg.t(title_key, first=first, end=last)
    header = ctx.header(title, lg.t("table_occ_sub", scenario=ctx.label(ctx.baseline)), lg.t("sources_workforce"),
                        unit)
    fig, (_l, _b, _r, top) = page_figure(header, lg)
    draw_table(fig, 0.04, top + 0.03, [0.06] + [width] * (len(names) + 1), cols, rows, fontsize=8.5,
               bold_last=True)
    return [Page(key, title, fig, occ, png=False)]
