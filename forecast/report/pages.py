"""Which pages a report has, and what each one says: data from the views, a message as title, source and unit.

A page is included only when its data exist (two or more scenarios for the comparison; hires once the frame
holds them or forecast.workforce can compute them; model accuracy once forecast.backtest exists); there is
never an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.report import views
from forecast.report.i18n import Lang
from forecast.report.style import Header, rc_context, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.result import Result
    from forecast.scenario import LoadedScenario


MAX_APPENDIX_PAGES = 3  # beyond this (e.g. every municipality's calibration notes) the reader gets manifest.json
STANDARDS_SHARE = 0.005  # a scenario's own bridge page needs a standards effect this far from the baseline's


@dataclass
class Page:
    """One report page: `key` names its PNG and CSV, `data` is what the chart shows (with units); pages of text
    only (`png=False`) go into the PDF but get no PNG."""

    key: str
    title: str
    figure: "Figure"
    data: "pd.DataFrame | None" = None
    png: bool = True


@dataclass
class Report:
    pages: list[Page]
    result: "Result"  # all scenarios in one frame, with their notes, assumptions and input files
    lang: str
    extra: dict = field(default_factory=dict)  # for the manifest: language, pages, place, period


@dataclass
class Context:
    lang: Lang
    frame: "pd.DataFrame"
    place: str
    codes: list[str]
    base: int
    end: int
    baseline: str
    scenarios: list[str]
    loaded: dict[str, "LoadedScenario"]
    stamp: str
    cubes: dict = field(default_factory=dict)  # (end, variant) → population projection, made once

    def header(self, title: str, subtitle: str, source: str, unit: str) -> Header:
        return Header(title, subtitle, source, unit, stamp=self.stamp)


def combine(results: list["Result"]) -> "Result":
    """Several scenarios' results as one: frames stacked, notes, assumptions and inputs merged in order."""
    import pandas as pd

    from forecast.result import Result

    if len(results) == 1:
        return results[0]
    return Result(
        frame=pd.concat([r.frame for r in results], ignore_index=True),
        scenarios=list(dict.fromkeys(s for r in results for s in r.scenarios)),
        title=" · ".join(r.title or ", ".join(r.scenarios) for r in results),
        notes=list(dict.fromkeys(n for r in results for n in r.notes)),
        assumptions=list(dict.fromkeys(a for r in results for a in r.assumptions)),
        inputs=list(dict.fromkeys(p for r in results for p in r.inputs)),
    )


def with_hires(result: "Result", loaded: "LoadedScenario | None") -> "Result":
    """The result with hires variables added by forecast.workforce, when that module exists and they are missing."""
    if loaded is None or result.frame["variable"].eq("hires").any():
        return result
    try:
        from forecast.workforce import hires
    except ImportError:
        return result
    return hires(result, loaded)


def place_name(codes: list[str], lang: Lang) -> str:
    from forecast.data.regions import municipalities, name_of

    if len(codes) <= 3:
        return ", ".join(name_of(c) for c in codes)
    if set(codes) >= set(municipalities()):
        return f"Norge ({len(codes)} kommuner)" if lang.code == "nb" else f"Norway ({len(codes)} municipalities)"
    return f"{len(codes)} kommuner" if lang.code == "nb" else f"{len(codes)} municipalities"


def build_report(results: list["Result"], loaded: list["LoadedScenario"] | None = None, lang: str = "nb",
                 stamp: str | None = None) -> Report:
    """All pages for the scenarios' results; the first scenario is the baseline the others are compared with.

    `loaded` (the scenarios the results came from, same order) enables the pages that need the population
    projection (population by age, share of the working-age population) and the hires page. `stamp` is printed
    in each page's footer (default: "Made with forecast <version>, <today>").
    """
    from forecast.errors import ForecastError

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

        from forecast import __version__

        stamp = lg.t("made_by", version=__version__, date=date.today().isoformat())
    results = list(results)
    results[0] = with_hires(results[0], loaded[0] if loaded else None)  # the hires page shows the baseline
    combined = combine(results)
    frame = combined.frame
    scenarios = list(dict.fromkeys(frame["scenario"]))
    baseline = scenarios[0]
    codes = views.municipalities(frame)
    base, end = views.period(frame[frame["scenario"] == baseline])
    ctx = Context(lg, frame, place_name(codes, lg), codes, base, end, baseline, scenarios,
                  {ld.name: ld for ld in (loaded or [])}, stamp)
    from forecast.report import accuracy as accuracy_page

    builders = [summary_page, need_page, compare_page, bridge_pages, hires_page, population_page, share_page,
                accuracy_page.accuracy_page, appendix_pages]
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


# ----------------------------------------------------------------------------------------------- page 1
def summary_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import SERVICE_ORDER, summary_figure

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
        ld = ctx.loaded.get(ctx.baseline)
        if ld is not None:
            facts.append(lg.t("fact_scenario", title=ld.scenario.title or ctx.baseline))
            variant = ld.scenario.population.variant
            facts.append(lg.t("fact_population", variant=f"SSB {variant}" if variant else lg.t("pop_builtin")))
        facts.append(lg.t("fact_services", services=", ".join(lg.service(s) for s in services)))
        facts = [wrap(f, 46) for f in facts]
    total_a, total_b = float(start.sum()), float(stop.sum())
    title = lg.t("summary_title", place=ctx.place, end_fte=lg.num(total_b), end=end, base=base,
                 change=lg.num(abs(total_b - total_a)), dir=lg.t("more") if total_b >= total_a else lg.t("fewer"))
    ld = ctx.loaded.get(ctx.baseline)
    subtitle = lg.t("summary_sub", title=(ld.scenario.title if ld is not None and ld.scenario.title else
                                          ctx.baseline), period=f"{base}–{end}")
    care = [c for c in ("home_care", "nursing_home") if c in services]
    if care and (ld is None or any(c not in ld.scenario.staffing for c in care)):
        subtitle += " · " + lg.t("care_scope")  # the headline counts only nurses in care: say so where it is read
    header = ctx.header(title, subtitle, lg.t("sources_model"), lg.t("summary_unit"))
    assumptions = scenario_assumptions(ctx) + result.assumptions  # all of them on the last page(s)
    fig = summary_figure(header, lg, lg.t("key_numbers", scenario=ctx.baseline), key_table, side_title, side_table,
                         facts, assumptions, result.notes)
    data["unit"] = "FTE" + ("; hires_cumulative_persons in persons" if "hires_cumulative_persons" in data else "")
    return [Page("summary", title, fig, data)]


def scenario_assumptions(ctx: Context) -> list[str]:
    """What the scenario files assume beyond the model: standard changes and automation measures, each with its
    reference; a measure shared by several scenarios is listed once with all their names."""
    lg = ctx.lang
    lines: dict[str, list[str]] = {}
    for name in ctx.scenarios:
        ld = ctx.loaded.get(name)
        if ld is None:
            continue
        for service, st in ld.scenario.services.items():
            changes = [lg.t(key, pct=lg.pct(value, 1, True)) for key, value in
                       (("std_fte", st.fte_per_user_change), ("std_coverage", st.coverage_change)) if value]
            if changes:
                text = f"{lg.service(service)}: {', '.join(changes)}"
                lines.setdefault(_with_reference(text, getattr(st, "reference", None)), []).append(name)
        for m in ld.scenario.automation:
            text = f"{m.id} ({lg.service(m.service)}): {_measure_text(m, lg)}"
            lines.setdefault(_with_reference(text, m.reference), []).append(name)
    return [f"{', '.join(names)}: {text}" for text, names in lines.items()]


def _with_reference(text: str, reference: str | None) -> str:
    return f"{text} — {' '.join(reference.split())}" if reference else text


def _measure_text(m, lg: Lang) -> str:
    if m.kind == "fixed_fte":
        return lg.t("measure_fixed", fte=lg.num(m.fte, 1 if m.fte % 1 else 0), start=m.start)
    if m.kind == "task_share":
        return lg.t("measure_task", share=lg.pct(m.task_share), auto=lg.pct(m.automatable), start=m.adoption.start,
                    full=m.adoption.full, reinvest=lg.pct(m.reinvest))
    return lg.t("measure_rate", rate=lg.pct(m.rate, 1), start=m.start)


# ----------------------------------------------------------------------------------------------- page 2
def need_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.report.figures import need_figure

    lg = ctx.lang
    need = views.need_by_service(ctx.frame, ctx.baseline)
    history = views.calibration_history(ctx.frame, ctx.baseline, _cube(ctx, ctx.baseline)[0])
    a = need[need["year"] == ctx.base].set_index("service")["value"]
    b = need[need["year"] == ctx.end].set_index("service")["value"]
    change = (b - a).sort_values()
    top = change.index[-1]
    if change[top] > 0:
        title = lg.t("need_title_up", svc=lg.service(top), change=lg.num(change[top], 0, True),
                     pct=lg.pct(change[top] / a[top], 0, True), base=ctx.base, end=ctx.end)
    else:
        title = lg.t("need_title_down", change=lg.num(change.sum(), 0, True), base=ctx.base, end=ctx.end)
    header = ctx.header(title, lg.t("need_sub", scenario=ctx.baseline), lg.t("sources_model"), lg.unit("FTE"))
    fig = need_figure(header, lg, need, history)
    data = pd.concat([need.assign(kind="projection"), history.assign(kind="observed")], ignore_index=True)
    return [Page("need-by-service", title, fig, data)]


# ----------------------------------------------------------------------------------------------- page 3
def compare_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import compare_figure

    if len(ctx.scenarios) < 2:
        return []
    lg = ctx.lang
    tot = views.totals(ctx.frame)
    last = tot[tot["year"] == ctx.end].set_index("scenario")["value"]
    lo, hi = last.idxmin(), last.idxmax()
    title = lg.t("compare_title", end=ctx.end, lo=lg.num(last[lo]), lo_scen=lo, hi=lg.num(last[hi]), hi_scen=hi)
    header = ctx.header(title, lg.t("compare_sub", baseline=ctx.baseline), lg.t("sources_model"), lg.unit("FTE"))
    fig = compare_figure(header, lg, tot, ctx.baseline)
    data = tot.copy()
    base_tot = tot[tot["scenario"] == ctx.baseline].set_index("year")["value"]
    data["difference_from_baseline"] = data["value"] - data["year"].map(base_tot)
    return [Page("scenarios", title, fig, data)]


# ----------------------------------------------------------------------------------------------- page 4
def bridge_pages(ctx: Context, result: "Result") -> list[Page]:
    """A bridge for the baseline, and for every other scenario with automation measures or with a standards
    effect that differs from the baseline's by more than STANDARDS_SHARE of today's FTE (not just another
    population path, which the comparison page shows)."""
    from forecast.report.figures import bridge_figure

    lg = ctx.lang
    pages = []
    base_std = None
    for scen in ctx.scenarios:
        steps = views.bridge(ctx.frame, scen)
        measures = steps[steps["step"] == "measure"]
        std = float(steps.loc[steps["step"] == "fte_per_user", "value"].iloc[0])
        if scen == ctx.baseline:
            base_std = std
        elif measures.empty and abs(std - base_std) <= STANDARDS_SHARE * float(steps["value"].iloc[0]):
            continue
        v = dict(zip(steps["step"], steps["value"]))
        common = {"start": lg.num(v["start"]), "stop": lg.num(v["end"]), "demo": lg.num(v["population"], 0, True)}
        if not measures.empty:
            title = lg.t("bridge_title", **common, auto=lg.num(measures["value"].sum(), 0, True))
        else:
            title = lg.t("bridge_title_noauto", **common, std=lg.num(std, 0, True))
        b, e = int(steps["base"].iloc[0]), int(steps["end"].iloc[0])
        header = ctx.header(title, lg.t("bridge_sub", base=b, end=e, scenario=scen), lg.t("sources_model"),
                            lg.unit("FTE"))
        pages.append(Page(f"bridge-{scen}", title, bridge_figure(header, lg, steps), steps))
    return pages


# ----------------------------------------------------------------------------------------------- page 5
def hires_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.report.figures import hires_figure

    lg = ctx.lang
    data = views.hires(ctx.frame, ctx.baseline)
    if data.empty:
        return []
    total = float(data["cumulative"].iloc[-1])
    repl = float(data["replacement"].sum())
    share = lg.pct(repl / total, 0) if total > 0 and repl == repl else "–"
    first = int(data["year"].min())
    title = lg.t("hires_title", place=ctx.place, total=lg.num(total), first=first, end=int(data["year"].max()),
                 share=share)
    unit = lg.unit(str(data["unit"].iloc[0]))
    source = lg.t("sources_model") + ("; avganger og stillingsstørrelse: forutsetninger i data/parameters/"
                                      if lg.code == "nb" else "; exits and position sizes: defaults in "
                                      "data/parameters/")
    header = ctx.header(title, lg.t("hires_sub", scenario=ctx.baseline), source, unit)
    return [Page("hires", title, hires_figure(header, lg, data), data)]


# ----------------------------------------------------------------------------------------------- pages 6 and 7
def _cube(ctx: Context, scenario: str):
    """The population projection a scenario used (its end year and variant), or None without its scenario file."""
    from forecast.population import population

    ld = ctx.loaded.get(scenario)
    if ld is None:
        return None, None
    pop = ld.scenario.population
    history = getattr(pop, "history", "shipped")
    key = (ld.scenario.period.end, pop.variant, None if history == "shipped" else history)  # as the pipeline runs
    if key not in ctx.cubes:
        ctx.cubes[key] = population(key[0], key[1], history=key[2]) if key[2] else population(key[0], key[1])
    return ctx.cubes[key], key[1]


def population_page(ctx: Context, result: "Result") -> list[Page]:
    from forecast.parameters import param
    from forecast.report.figures import population_figure

    lg = ctx.lang
    cube, variant = _cube(ctx, ctx.baseline)
    if cube is None or any(c not in cube.codes for c in ctx.codes):
        return []
    starts = list(param("report", "population_age_groups").value)
    data = views.population_by_age(cube, ctx.codes, (ctx.base, ctx.end), starts)
    wide = data.pivot_table(index="age_group", columns="year", values="value", sort=False)
    change = (wide[ctx.end] - wide[ctx.base]) / wide[ctx.base]
    top = change.abs().idxmax()
    title = lg.t("pop_title", group=top, pct=lg.pct(change[top], 0, True), base=ctx.base, end=ctx.end)
    variant_text = f"SSB {variant}" if variant else lg.t("pop_builtin")
    source = lg.t("sources_population", variant=lg.t("variant_note", variant=variant) if variant else "")
    header = ctx.header(title, lg.t("pop_sub", base=ctx.base, end=ctx.end, variant=variant_text) + f" · {ctx.place}",
                        source, lg.unit("persons"))
    data.insert(0, "variant", variant or "builtin")
    return [Page("population-by-age", title, population_figure(header, lg, data), data)]


def share_page(ctx: Context, result: "Result") -> list[Page]:
    import pandas as pd

    from forecast.parameters import param
    from forecast.report.figures import share_figure

    lg = ctx.lang
    lo, hi = param("report", "working_ages").value
    working = {}
    for scen in ctx.scenarios:
        cube, _ = _cube(ctx, scen)
        if cube is None or any(c not in cube.codes for c in ctx.codes):
            continue
        years = sorted(int(y) for y in ctx.frame.loc[ctx.frame["scenario"] == scen, "year"].unique())
        working[scen] = views.working_age(cube, ctx.codes, years, (lo, hi))
    if ctx.baseline not in working:
        return []
    data = views.need_share(ctx.frame, working, (lo, hi))
    by_service = views.need_share(ctx.frame, working, (lo, hi), by_service=True)
    by_service = by_service[by_service["scenario"] == ctx.baseline]
    b = data[data["scenario"] == ctx.baseline].set_index("year")["value"]
    title = lg.t("share_title", end_share=lg.num(b[ctx.end], 1), base_share=lg.num(b[ctx.base], 1),
                 lo=lo, hi=hi, end=ctx.end, base=ctx.base)
    source = lg.t("sources_model")
    header = ctx.header(title, lg.t("share_sub", lo=lo, hi=hi) + f" · {ctx.place}", source,
                        lg.t("share_unit", lo=lo, hi=hi))
    fig = share_figure(header, lg, data, by_service, ctx.baseline, lg.t("share_axis", lo=lo, hi=hi))
    data = pd.concat([data.assign(service="total"), by_service], ignore_index=True)
    return [Page("share-of-working-age", title, fig, data)]


# ----------------------------------------------------------------------------------------------- appendix
def appendix_pages(ctx: Context, result: "Result") -> list[Page]:
    """Every assumption (scenario files first, then the model's) and calibration note, over as many pages as
    they need, so the PDF carries what its numbers rest on."""
    import pandas as pd

    from forecast.report.figures import text_figure

    lg = ctx.lang
    sections = [(lg.t("appendix_assumptions"), scenario_assumptions(ctx) + result.assumptions),
                (lg.t("appendix_notes"), list(result.notes))]
    kinds = ("assumption", "calibration")
    data = pd.DataFrame([{"kind": kind, "text": text, "unit": "text"} for kind, (_, items) in zip(kinds, sections)
                         for text in items])
    pages: list[Page] = []
    while any(items for _, items in sections) and len(pages) < MAX_APPENDIX_PAGES:
        title = lg.t("appendix_title") if not pages else lg.t("appendix_more")
        header = ctx.header(title, lg.t("appendix_sub"), lg.t("appendix_source"), lg.t("appendix_unit"))
        last = len(pages) == MAX_APPENDIX_PAGES - 1
        fig, counts = text_figure(header, lg, [(h, items) for h, items in sections if items],
                                  lg.t("more_in_manifest", n="{n}") if last else "")
        if not any(counts):  # an item longer than a page: stop rather than loop
            break
        left = iter(counts)
        sections = [(h, items[next(left):] if items else items) for h, items in sections]
        key = "assumptions" if not pages else f"assumptions-{len(pages) + 1}"
        pages.append(Page(key, title, fig, data if not pages else None, png=False))
    return pages
