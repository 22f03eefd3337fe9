"""Which pages a report has: each builder takes the context and returns its pages (none where its data do not exist:
two or more scenarios for the comparison, hires once the baseline's result holds them, model accuracy once it was
backtested); there is never an empty page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.i18n import Lang
from forecast.report.page import Context, Page, Report
from forecast.report.style import rc_context

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    names: dict[str, str] = {}
    for r in results:
        names.update(r.places.names if r.places else {})
    size = next((r.places.country_size for r in results if r.places), 0)
    notes, seen = [], set()
    for n in (n for r in results for n in r.notes):
        if (n.ident, n.municipalities) not in seen:
            seen.add((n.ident, n.municipalities))
            notes.append(n)
    return Result(
        frame=pd.concat([r.frame for r in results], ignore_index=True),
        scenarios=list(dict.fromkeys(s for r in results for s in r.scenarios)),
        title=" · ".join(r.title or ", ".join(r.scenarios) for r in results),
        notes=notes,
        inputs=list(dict.fromkeys(p for r in results for p in r.inputs)),
        places=Places(names, size),
        scenario_info={k: v for r in results for k, v in r.scenario_info.items()},
        population={k: v for r in results for k, v in r.population.items()},
        observed=results[0].observed,
        hires=results[0].hires,
    )


def place_name(codes: list[str], places: "Places | None", lang: Lang) -> str:
    names = places.names if places else {}
    if len(codes) <= 3:
        return ", ".join(names.get(c, c) for c in codes)
    if places is not None and places.whole_country:
        return f"Norge ({len(codes)} kommuner)" if lang.code == "nb" else f"Norway ({len(codes)} municipalities)"
    return f"{len(codes)} kommuner" if lang.code == "nb" else f"{len(codes)} municipalities"


def build_report(results: list["Result"], lang: str = "nb", stamp: str | None = None,
                 accuracy: "BacktestResult | None" = None) -> Report:
    """All pages for the scenarios' results; the first scenario is the baseline the others are compared with.

    The results' records enable the pages that need them: the population each scenario ran on (population by age,
    share of the working-age population), the baseline's hires and calibration history; `accuracy` the page on
    how wrong the trend models would have been. `stamp` is printed in each page's footer (default: "Made with
    forecast <version>, <today>").
    """
    from forecast.errors import ForecastError
    from forecast.report.pages import accuracy as accuracy_pages
    from forecast.report.pages import appendix, need, summary, workforce

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
    frame = combined.frame
    scenarios = list(dict.fromkeys(frame["scenario"]))
    baseline = scenarios[0]
    codes = views.municipalities(frame)
    base, end = views.period(frame[frame["scenario"] == baseline])
    ctx = Context(lg, frame, place_name(codes, combined.places, lg), codes, base, end, baseline, scenarios,
                  combined.scenario_info, combined.population, combined.observed, accuracy, stamp)
    builders = [summary.summary_page, need.need_page, need.compare_page, need.bridge_pages, workforce.hires_page,
                workforce.population_page, workforce.share_page, accuracy_pages.accuracy_page, appendix.appendix_pages]
    pages: list[Page] = []
    with rc_context():
        for build in builders:
            pages += build(ctx, combined)
    for n, page in enumerate(pages, start=1):
        page.key = f"{n:02d}-{page.key}"
        _number(page.figure, n, lg)
    extra = {"language": lg.code, "municipalities": codes, "place": ctx.place, "period": [base, end],
             "baseline": baseline, "pages": [{"file": p.key, "title": p.title, "png": f"{p.key}.png" if p.png else None,
                        "data": f"{p.key}.csv" if p.data is not None else None} for p in pages]}
    return Report(pages, combined, lg.code, extra)


def _number(fig: "Figure", n: int, lang: Lang) -> None:
    from forecast.report.style import GREY

    fig.text(0.96, 0.012, lang.t("page", n=n), fontsize=8, color=GREY, ha="right", va="bottom")
