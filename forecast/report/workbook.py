"""report.xlsx, a workbook planners can reuse: one sheet per table (summary, need per year, hires, population,
counties and municipalities where the report has them, assumptions, sources), each with a title row, a row of units
above the column headers, frozen headers and an Excel table (filters, sorting, pivot-ready). Numbers stay exact;
number formats show them rounded (persons as whole numbers), and Excel shows them in the reader's locale (1 234,5
in Norwegian). Written with XlsxWriter (imported only when the workbook is written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from forecast.report import views

if TYPE_CHECKING:
    import pandas as pd

    from forecast.report.page import Context, Page
    from forecast.results.frame import Result

FORMATS = {"int": "#,##0", "fte": "#,##0.0", "pct": "0.0%", "index": "0.0", "year": "0", "text": "@"}


@dataclass
class Column:
    key: str  # column of the frame
    header: str
    unit: str  # shown in the row above the headers
    kind: str = "text"  # a FORMATS key


@dataclass
class Sheet:
    name: str  # at most 31 characters (Excel)
    title: str
    frame: "pd.DataFrame"
    columns: list[Column]


def sheets(ctx: "Context", result: "Result", pages: list["Page"]) -> list[Sheet]:
    """The workbook's sheets for a report (language of the report)."""
    import pandas as pd

    from forecast.report.pages.summary import key_numbers, scenario_effects
    from forecast.report.regions import by_county, by_municipality

    lg = ctx.lang
    fte, persons, none = lg.unit("FTE"), lg.unit("persons"), ""
    out = []
    numbers = key_numbers(ctx).assign(service=lambda d: d["service"].map(lg.service))
    out.append(Sheet(lg.t("xl_summary"), lg.t("xl_summary_title", place=ctx.place, scenario=ctx.label(ctx.baseline)),
                     numbers, [Column("service", lg.t("col_service"), none),
                               Column("fte_base", lg.t("col_fte_year", year=ctx.base).replace("\n", " "), fte, "fte"),
                               Column("fte_end", lg.t("col_fte_year", year=ctx.end).replace("\n", " "), fte, "fte"),
                               Column("lower_end", lg.t("xl_lower_level", level=ctx.level), fte, "fte"),
                               Column("upper_end", lg.t("xl_upper_level", level=ctx.level), fte, "fte"),
                               Column("change", lg.t("xl_change"), fte, "fte"),
                               Column("change_share", lg.t("xl_change_pct"), "%", "pct"),
                               Column("hires", lg.t("xl_hires", first=ctx.base + 1, end=ctx.end), persons, "int"),
                               *([Column("hires_lower", lg.t("xl_hires_lower", level=ctx.level), persons, "int"),
                                  Column("hires_upper", lg.t("xl_hires_upper", level=ctx.level), persons, "int")]
                                 if numbers["hires_lower"].notna().any() else [])]))
    if len(ctx.scenarios) > 1:
        eff = scenario_effects(ctx).assign(scenario=lambda d: d["scenario"].map(ctx.label))
        eff["stands_out_text"] = eff["stands_out"].map(lambda v: "" if v is None or v != v else
                                                       lg.t("stands_out" if v else "within"))
        out.append(Sheet(lg.t("xl_scenarios"), lg.t("xl_scenarios_title", end=ctx.end), eff,
                         [Column("scenario", lg.t("col_scenario"), none), Column("year", lg.t("year"), none, "year"),
                          Column("fte", lg.t("fte"), fte, "fte"),
                          Column("difference", lg.t("xl_vs_ref"), fte, "fte"),
                          *([Column("lower", lg.t("xl_lower_level", level=ctx.level), fte, "fte"),
                             Column("upper", lg.t("xl_upper_level", level=ctx.level), fte, "fte"),
                             Column("stands_out_text", lg.t("xl_stands_out"), none)]
                            if eff["lower"].notna().any() else []),
                          Column("automation", lg.t("xl_automated"), fte, "fte")]))
    years = []
    for s in ctx.scenarios:
        d = views.per_year(ctx.frame, s, ctx.totals, ctx.area)
        offsets = views.summed(ctx.frame[ctx.frame["scenario"] == s], ("automation_offset",))
        d = d.merge(offsets[["service", "year", "value"]].rename(columns={"value": "automated"}),
                    on=["service", "year"], how="left")
        years.append(d.assign(scenario=ctx.label(s)))
    per_year = pd.concat(years, ignore_index=True).assign(service=lambda d: d["service"].map(lg.service))
    out.append(Sheet(lg.t("xl_need"), lg.t("xl_need_title", place=ctx.place), per_year,
                     [Column("scenario", lg.t("col_scenario"), none), Column("service", lg.t("col_service"), none),
                      Column("year", lg.t("year"), none, "year"), Column("users", lg.t("xl_users"), persons, "int"),
                      Column("fte", lg.t("fte"), fte, "fte"),
                      Column("lower", lg.t("xl_lower_level", level=ctx.level), fte, "fte"),
                      Column("upper", lg.t("xl_upper_level", level=ctx.level), fte, "fte"),
                      *[Column(q, lg.t("xl_quantile", q=q[1:]), fte, "fte") for q in views.quantiles(per_year)],
                      Column("automated", lg.t("xl_automated"), fte, "fte")]))
    occ = views.fte_by_occupation(ctx.frame, ctx.baseline)
    if not occ.empty:
        occ = occ.assign(service=lambda d: d["service"].map(lg.service), occupation=lambda d: d["occupation"].map(
            lg.occupation))
        out.append(Sheet(lg.t("xl_occupations"), lg.t("xl_occupations_title", scenario=ctx.label(ctx.baseline)), occ,
                         [Column("service", lg.t("col_service"), none),
                          Column("occupation", lg.t("xl_occupation"), none),
                          Column("year", lg.t("year"), none, "year"), Column("value", lg.t("fte"), fte, "fte")]))
    hires = views.hires_by_service(ctx.frame, ctx.baseline)
    if not hires.empty:
        hires = hires[hires["year"] > ctx.base].assign(
            service=lambda d: d["service"].map(lg.service),
            occupation=lambda d: d["occupation"].map(lambda o: lg.t("xl_all") if o == views.WHOLE else
                                                     lg.occupation(o)))
        out.append(Sheet(lg.t("xl_hires_sheet"), lg.t("xl_hires_title", scenario=ctx.label(ctx.baseline)), hires,
                         [Column("service", lg.t("col_service"), none), Column("occupation", lg.t("xl_occupation"),
                                                                               none),
                          Column("year", lg.t("year"), none, "year"), Column("hires", lg.t("col_hires_all"),
                                                                             persons, "int"),
                          Column("growth", lg.t("hires_growth"), persons, "int"),
                          Column("replacement", lg.t("hires_replacement"), persons, "int")]))
    paths = ctx.population.get(ctx.baseline)
    if paths is not None and all(c in paths.codes for c in ctx.codes):
        from forecast.report.style import POPULATION_AGE_GROUPS

        pop = views.population_index(paths, [y for y in paths.years if ctx.base <= y <= ctx.end],
                                     list(POPULATION_AGE_GROUPS))
        out.append(Sheet(lg.t("xl_population"), lg.t("xl_population_title", place=ctx.place), pop,
                         [Column("age_group", lg.t("xl_age_group"), lg.t("years_old")),
                          Column("year", lg.t("year"), none, "year"), Column("value", lg.t("persons"), persons, "int"),
                          Column("index", lg.t("xl_index"), lg.t("xl_index_unit", base=ctx.base), "index")]))
    if ctx.places is not None and len(ctx.codes) > 3 and ctx.places.counties:
        county = by_county(ctx.frame, ctx.places, ctx.baseline, ctx.base, ctx.end, ctx.totals)
        muni = by_municipality(ctx.frame, ctx.places, ctx.baseline, ctx.base, ctx.end)
        cols = [Column("fte_base", lg.t("col_fte_year", year=ctx.base).replace("\n", " "), fte, "fte"),
                Column("fte_end", lg.t("col_fte_year", year=ctx.end).replace("\n", " "), fte, "fte"),
                Column("change", lg.t("xl_change"), fte, "fte"),
                Column("change_share", lg.t("xl_change_pct"), "%", "pct")]
        out.append(Sheet(lg.t("xl_counties"), lg.t("xl_counties_title"), county,
                         [Column("name", lg.t("col_county"), none),
                          Column("municipalities", lg.t("col_municipalities"), none, "int"), *cols,
                          *([Column("lower_end", lg.t("xl_lower_level", level=ctx.level), fte, "fte"),
                             Column("upper_end", lg.t("xl_upper_level", level=ctx.level), fte, "fte")]
                            if county["lower_end"].notna().any() else []),
                          Column("hires", lg.t("xl_hires", first=ctx.base + 1, end=ctx.end), persons, "int")]))
        out.append(Sheet(lg.t("xl_municipalities"), lg.t("xl_municipalities_title"), muni,
                         [Column("municipality", lg.t("xl_code"), none), Column("name", lg.t("col_municipality"), none),
                          Column("county_name", lg.t("col_county"), none), *cols]))
    from forecast.report.pages.appendix import note_items, scenario_assumptions
    from forecast.results.notes import ASSUMPTION, NOTE

    items = [(lg.t("appendix_scenarios"), t) for t in scenario_assumptions(ctx)]
    items += [(lg.t("appendix_assumptions"), t) for t in note_items(ctx, result, ASSUMPTION)]
    items += [(lg.t("appendix_notes"), t) for t in note_items(ctx, result, NOTE)]
    out.append(Sheet(lg.t("xl_assumptions"), lg.t("appendix_title"), pd.DataFrame(items, columns=["kind", "text"]),
                     [Column("kind", lg.t("xl_kind"), none), Column("text", lg.t("xl_text"), none)]))
    sources = [(p.key, p.title, lg.t("xl_source_page")) for p in pages]
    sources += [(str(p), "", lg.t("xl_source_file")) for p in result.inputs]
    out.append(Sheet(lg.t("xl_sources"), lg.t("xl_sources_title"), pd.DataFrame(sources, columns=["what", "title",
                                                                                                   "kind"]),
                     [Column("kind", lg.t("xl_kind"), none), Column("what", lg.t("xl_what"), none),
                      Column("title", lg.t("xl_page_title"), none)]))
    return out


def workbook_bytes(sheets: list[Sheet], title: str, author: str, lang: str) -> bytes:
    """The sheets as an .xlsx file (bytes)."""
    import io
    import math

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    book.set_properties({"title": title, "author": author, "comments": f"language: {lang}"})
    bold = book.add_format({"bold": True, "font_size": 13})
    unit_fmt = book.add_format({"italic": True, "font_color": "#6E6E6E"})
    formats = {k: book.add_format({"num_format": v}) for k, v in FORMATS.items()}
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        ws.write(0, 0, sheet.title, bold)
        for c, col in enumerate(sheet.columns):
            ws.write(1, c, col.unit, unit_fmt)
        frame = sheet.frame.reset_index(drop=True)
        data = []
        for row in frame.itertuples(index=False):
            values = []
            for col in sheet.columns:
                v = getattr(row, col.key) if col.key in frame.columns else None
                if col.kind == "text":
                    values.append("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
                elif v is None or (isinstance(v, float) and math.isnan(v)):
                    values.append(None)
                else:
                    values.append(int(v) if col.kind == "year" else float(v))
            data.append(values)
        last = max(len(data), 1) + 2
        ws.add_table(2, 0, last, len(sheet.columns) - 1, {
            "data": data or [[None] * len(sheet.columns)], "style": "Table Style Light 9",
            "columns": [{"header": col.header, "format": formats[col.kind]} for col in sheet.columns],
            "name": f"Table_{sheets.index(sheet) + 1}"})
        for c, col in enumerate(sheet.columns):
            longest = max([len(col.header), len(col.unit)] + [len(str(r[c])) for r in data[:200] if r[c] is not None])
            ws.set_column(c, c, min(80, max(9, longest + 2)) if col.kind == "text" else max(12, len(col.header) + 2))
        ws.freeze_panes(3, 0)
    book.close()
    return buf.getvalue()
