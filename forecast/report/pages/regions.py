"""Pages of reports on many municipalities: the need per county (or, within one county, per municipality) and the
bubble map of need growth by municipality. Left out for reports on one to three municipalities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import regions, views
from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.results.frame import Result

MIN_MUNICIPALITIES = 4  # fewer are named one by one on every page
MAP_MUNICIPALITIES = 10  # a map of fewer points says little
ROWS_PER_COLUMN = 26  # a municipality table longer than this continues in a second block of columns


def region_table_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.style import page_figure
    from forecast.report.text import draw_table

    places = ctx.places
    if places is None or len(ctx.codes) < MIN_MUNICIPALITIES or not places.counties:
        return []
    lg = ctx.lang
    counties = regions.by_county(ctx.frame, places, ctx.baseline, ctx.base, ctx.end, ctx.totals)
    has_hires = counties["hires"].notna().any()
    if len(counties) > 1:
        data, key = counties, "counties"
        cols = [lg.t("col_county"), lg.t("col_municipalities")]
        rows = [[r.name, lg.num(r.municipalities)] for r in counties.itertuples()]
        total = [lg.service("total"), lg.num(counties["municipalities"].sum())]
        biggest = counties.loc[counties["change_share"].idxmax()]
        title = lg.t("county_title", name=biggest["name"], pct=lg.pct(biggest["change_share"], 0, True),
                     base=ctx.base, end=ctx.end)
    else:
        data, key = regions.by_municipality(ctx.frame, places, ctx.baseline, ctx.base, ctx.end), "municipalities"
        data = data.sort_values("name").reset_index(drop=True)
        cols, rows, total = [lg.t("col_municipality")], [[r.name] for r in data.itertuples()], [lg.service("total")]
        biggest = data.loc[data["change_share"].idxmax()]
        title = lg.t("muni_title", name=biggest["name"], pct=lg.pct(biggest["change_share"], 0, True),
                     base=ctx.base, end=ctx.end)
    drawn = key == "counties" and data["lower_end"].notna().any()
    cols += [lg.t("col_fte_year", year=ctx.base), lg.t("col_fte_year", year=ctx.end)]
    cols += [lg.t("col_interval", year=ctx.end, level=ctx.level)] if drawn else []
    cols += [lg.t("col_change"), lg.t("col_change_pct")]
    for row, r in zip(rows, data.itertuples()):
        row += [lg.num(r.fte_base), lg.num(r.fte_end)] + ([f"{lg.num(r.lower_end)}–{lg.num(r.upper_end)}"]
                                                         if drawn else [])
        row += [lg.num(r.change, 0, True), lg.pct(r.change_share, 1, True)]
    a, b = data["fte_base"].sum(), data["fte_end"].sum()
    whole = views.drawn(ctx.totals, ctx.baseline, ctx.area)
    whole = whole[whole["year"] == ctx.end]
    total += [lg.num(a), lg.num(b)]
    total += [f"{lg.num(whole['lower'].iloc[0])}–{lg.num(whole['upper'].iloc[0])}" if len(whole) else "–"] \
        if drawn else []
    total += [lg.num(b - a, 0, True), lg.pct((b - a) / a, 1, True)]
    if has_hires and key == "counties":
        cols.append(lg.t("col_hires", first=ctx.base + 1, end=ctx.end))
        for row, r in zip(rows, data.itertuples()):
            row.append(lg.num(r.hires))
        total.append(lg.num(data["hires"].sum()))
    sub = lg.t("counties_sub_drawn", scenario=ctx.label(ctx.baseline), level=ctx.level, n=lg.num(ctx.n_draws)) \
        if drawn else lg.t(f"{key}_sub", scenario=ctx.label(ctx.baseline))
    header = ctx.header(title, sub, lg.t("sources_model"),
                        lg.t("county_unit") if has_hires and key == "counties" else lg.unit("FTE"))
    fig, (_l, _b, _r, top) = page_figure(header, lg)
    blocks = [rows[i:i + ROWS_PER_COLUMN] for i in range(0, len(rows), ROWS_PER_COLUMN)]
    first = 0.16 if len(blocks) == 1 else 0.12
    width = (0.92 if len(blocks) == 1 else 0.45) - first
    weights = [1.7 if c.startswith(lg.t("col_interval", year=ctx.end, level=ctx.level)) else 1.0 for c in cols[1:]]
    widths = [first] + [width * w / sum(weights) for w in weights]
    for i, block in enumerate(blocks):
        last = i == len(blocks) - 1
        draw_table(fig, 0.04 + i * 0.47, top + 0.03, widths, cols, block + ([total] if last else []),
                   fontsize=8.5 if len(rows) > 20 else 9.5, bold_last=last)
    return [Page(key, title, fig, data, png=False)]


def map_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures_regions import bubble_map_figure

    places = ctx.places
    if places is None or len(places.points) < MAP_MUNICIPALITIES:
        return []
    lg = ctx.lang
    muni = regions.by_municipality(ctx.frame, places, ctx.baseline, ctx.base, ctx.end)
    up = int((muni["change"] > 0).sum())
    title = lg.t("map_title", up=up, n=len(muni), base=ctx.base, end=ctx.end)
    header = ctx.header(title, lg.t("map_sub", scenario=ctx.label(ctx.baseline)),
                        lg.t("sources_model") + lg.t("sources_map"), lg.t("map_unit"))
    fig = bubble_map_figure(header, lg, muni, ctx.base, ctx.end)
    top = muni.sort_values("change_share", ascending=False)
    alt = lg.t("alt_map", n=len(muni), up=up, base=ctx.base, end=ctx.end,
               high=lg.join([f"{r.name} {lg.pct(r.change_share, 0, True)}" for r in top.head(3).itertuples()]),
               low=lg.join([f"{r.name} {lg.pct(r.change_share, 0, True)}" for r in top.tail(3).itertuples()]))
    return [Page("map", title, fig, muni, alt=alt)]
