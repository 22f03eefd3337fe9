"""Which pages a report has: each builder takes the context and returns its pages (none where its data do not exist:
two or more scenarios for the comparison, automation measures for the automation page, hires once the reference's
result holds them, counties and a map for many municipalities, model accuracy once it was backtested, the drivers
once the result carries a sensitivity table); there is never an empty page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.i18n import Lang
from forecast.report.page import Context, Page, Report
from forecast.report.style import rc_context

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import Places
    from forecast.results.frame import Result
    from forecast.results.scores import BacktestResult


def combine(results: list["Result"]) -> "Result":
    """Several scenarios' results as one: frames stacked, notes and inputs merged in order, records joined."""
    import pandas as pd

    from forecast.results.context import Places
    from forecast.results.frame import Result

    if len(results) == 1:
        return results[0]
    places = None
    for r in results:
        if r.places is not None:
            places = r.places if places is None else places.merged(r.places)
    notes, seen = [], set()
    for n in (n for r in results for n in r.notes):
        if (n.ident, n.municipalities) not in seen:
            seen.add((n.ident, n.municipalities))
            notes.append(n)
    out = Result(
        frame=pd.concat([r.frame for r in results], ignore_index=True),
        scenarios=list(dict.fromkeys(s for r in results for s in r.scenarios)),
        title=" · ".join(r.title or ", ".join(r.scenarios) for r in results),
        notes=notes,
        inputs=list(dict.fromkeys(p for r in results for p in r.inputs)),
        places=places or Places({}, 0),
        scenario_info={k: v for r in results for k, v in r.scenario_info.items()},
        population={k: v for r in results for k, v in r.population.items()},
        observed=results[0].observed,
        hires=results[0].hires,
    )
    sensitivity = getattr(results[0], "sensitivity", None)
    if sensitivity is not None:
        out.sensitivity = sensitivity
    totals = [r.totals for r in results if getattr(r, "totals", None) is not None]
    if totals:
        out.totals = pd.concat(totals, ignore_index=True)
        out.draws, out.quantiles = results[0].draws, results[0].quantiles
    return out


def _jsonable(draws: dict | None) -> dict | None:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in draws.items()} if draws else None


def place_name(codes: list[str], places: "Places | None", lang: Lang) -> str:
    names = places.names if places else {}
    if len(codes) <= 3:
        return lang.join([names.get(c, c) for c in codes])
    if places is not None and places.whole_country:
        return lang.t("place_country", n=len(codes))
    counties = {places.county(c) for c in codes} if places is not None else set()
    if len(counties) == 1 and None not in counties:
        return lang.t("place_county", county=places.county_names.get(next(iter(counties)), ""), n=len(codes))
    return lang.t("place_many", n=len(codes))


def differences(comparison: "Result | None") -> "pd.DataFrame | None":
    """A comparison's differences from the reference drawn draw by draw (forecast.compare(draws=…)): its
    fte_difference rows of whole services and its sums (service "all", and areas of several municipalities), with
    quantile columns, lower, upper and stands_out; None without draws."""
    import pandas as pd

    if comparison is None or not getattr(comparison, "quantiles", ()):
        return None
    parts = [comparison.frame]
    if getattr(comparison, "totals", None) is not None:
        parts.append(comparison.totals)
    rows = [views.services_only(p[p["variable"] == "fte_difference"]) for p in parts]
    out = pd.concat(rows, ignore_index=True)
    return out if not out.empty else None


def build_report(results: list["Result"], lang: str = "nb", stamp: str | None = None,
                 accuracy: "BacktestResult | None" = None, validated: int | None = None,
                 reference_by: str = "first", comparison: "Result | None" = None) -> Report:
    """All pages for the scenarios' results; the first scenario is the reference the others are compared with
    (`reference_by` says why: option, marked or first). Results with Monte Carlo draws (Result.totals) give fan
    charts, intervals of sums from the draws and, with `sensitivity`, the drivers page; `comparison` (a
    forecast.compare result with draws) says how far each scenario's difference from the reference stands out
    from the uncertainty.

    The results' records enable the pages that need them: the population each scenario ran on (population by age,
    share of the working-age population), the reference's hires and calibration history; `accuracy` the page on
    how wrong the trend models would have been; `validated` (years ahead the 80 % intervals were checked against
    what happened) how far intervals are drawn. `stamp` is printed in each page's footer (default: "Made with
    forecast <version>, <today>").
    """
    from forecast.errors import ForecastError
    from forecast.report.pages import accuracy as accuracy_pages
    from forecast.report.pages import appendix, automation, need, regions, summary, tables, uncertainty, workforce

    if not results:
        raise ForecastError("a report needs at least one scenario")
    names = [s for r in results for s in r.scenarios]
    twice = sorted({s for s in names if names.count(s) > 1})
    if twice:
        raise ForecastError(f"two scenarios are both named {twice[0]!r} (a scenario is named after its file); "
                            "rename one of the files")
    lg = Lang(lang)
    if stamp is None:
        from datetime import date

        from forecast.version import __version__

        stamp = lg.t("made_by", version=__version__, date=date.today().isoformat())
    combined = combine(list(results))
    frame = views.report_rows(combined.frame)
    scenarios = list(dict.fromkeys(frame["scenario"]))
    baseline = scenarios[0]
    codes = views.municipalities(frame)
    base, end = views.period(frame[frame["scenario"] == baseline])
    if accuracy is not None and validated is None:
        validated = accuracy.horizon
    ctx = Context(lg, frame, place_name(codes, combined.places, lg), codes, base, end, baseline, scenarios,
                  combined.scenario_info, combined.population, combined.observed, accuracy, stamp,
                  combined.places, validated, reference_by, combined.draws, combined.totals,
                  differences(comparison))
    builders = [summary.summary_page, need.need_page, need.compare_page, need.bridge_page,
                automation.automation_page, regions.region_table_page, regions.map_page, tables.need_table_page,
                workforce.hires_page, tables.hires_table_page, workforce.population_page, workforce.share_page,
                uncertainty.tornado_page, accuracy_pages.accuracy_page]
    pages: list[Page] = []
    with rc_context():
        for build in builders:
            pages += build(ctx, combined)
        pages += appendix.appendix_pages(ctx, combined, pages)
    for n, page in enumerate(pages, start=1):
        page.key = f"{n:02d}-{page.key}"
    extra = {"language": lg.code, "municipalities": codes, "place": ctx.place, "period": [base, end],
             "baseline": baseline, "reference": baseline, "reference_by": reference_by,
             "intervals_validated_years": validated, "draws": _jsonable(combined.draws),
             "pages": [{"file": p.key, "title": p.title, "png": f"{p.key}.png" if p.png else None,
                        "data": f"{p.key}.csv" if p.data is not None else None, "alt": p.alt or None}
                       for p in pages]}
    report = Report(pages, combined, lg.code, extra)
    report.metadata = {"Title": pages[0].title, "Author": lg.t("pdf_author"),
                       "Subject": lg.t("pdf_subject", place=ctx.place, base=base, end=end),
                       "Keywords": lg.t("pdf_keywords"), "Language": lg.t("pdf_language"),
                       "page_label": [lg.t("page", n=n) for n in range(1, len(pages) + 1)]}
    from forecast.report.workbook import sheets

    report.workbook = sheets(ctx, combined, pages)
    return report
