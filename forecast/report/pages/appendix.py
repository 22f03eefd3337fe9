"""The last pages: what the numbers rest on, each item once (the scenarios' own assumptions, the model's national
or normative defaults, how each service was calibrated, with the number of municipalities a note covers), the
text alternative of every chart, and the input files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.page import Context, Page

if TYPE_CHECKING:
    from forecast.results.frame import Result

MAX_APPENDIX_PAGES = 4  # beyond this the reader gets manifest.json


def scenario_assumptions(ctx: Context) -> list[str]:
    """What the scenario files assume beyond the model, in words: each scenario's description, its standard
    changes, and its automation measures (the automation page has their details); shared items once."""
    lg = ctx.lang
    lines: dict[str, list[str]] = {}
    for name in ctx.scenarios:
        info = ctx.info.get(name)
        if info is None:
            continue
        if info.description_in(lg.code):
            lines.setdefault(info.description_in(lg.code), []).append(name)
        for service, st in info.standards.items():
            changes = [lg.t(key, pct=lg.pct(value, 1, True)) for key, value in
                       (("std_fte", st.fte_per_user_change), ("std_coverage", st.coverage_change)) if value]
            if changes:
                lines.setdefault(f"{lg.service(service)}: {lg.join(changes)}", []).append(name)
        for m in info.measures:
            lines.setdefault(lg.t("assume_measure", title=m.text("titles", lg.code) or m.id,
                                  svc=lg.service(m.service).lower()), []).append(name)
    return [f"{lg.join([ctx.label(n) for n in names])}: {text}" for text, names in lines.items()]


def shown_path(path) -> str:
    """A file as the reader can find it: relative to the working folder, or from its data/ folder on."""
    from pathlib import Path

    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        parts = path.parts
        return str(Path(*parts[parts.index("data"):])) if "data" in parts else path.name


def with_count(text: str, codes: tuple[str, ...], ctx: Context) -> str:
    """A note's text and, in a report on several municipalities, which (or how many) it concerns."""
    lg = ctx.lang
    if not ctx.many or not codes:
        return text
    if len(codes) >= len(ctx.codes):
        return f"{text} — {lg.t('all_municipalities', n=len(ctx.codes))}"
    if len(codes) <= 3 and ctx.places is not None:
        return f"{text} — {lg.join([ctx.places.name(c) for c in codes])}"
    return f"{text} — {lg.t('n_municipalities', n=len(codes))}"


def note_items(ctx: Context, result: "Result", kind: str) -> list[str]:
    from forecast.results.notes import for_readers

    return [with_count(t, codes, ctx) for t, codes in for_readers(result.notes, kind, ctx.lang.code)]


def appendix_pages(ctx: Context, result: "Result", pages: list[Page]) -> list[Page]:
    """Every item over as many pages as they need (at most MAX_APPENDIX_PAGES), after the pages in `pages`."""
    import pandas as pd

    from forecast.report.text import text_figure
    from forecast.results.notes import ASSUMPTION, NOTE

    lg = ctx.lang
    alts = [lg.t("alt_item", n=i, title=p.title, alt=p.alt) for i, p in enumerate(pages, start=1) if p.png and p.alt]
    inputs = [shown_path(p) for p in result.inputs]
    files = [lg.t("files_item", files=", ".join(inputs))] if inputs else []
    sections = [(lg.t("appendix_scenarios"), scenario_assumptions(ctx)),
                (lg.t("appendix_assumptions"), note_items(ctx, result, ASSUMPTION)),
                (lg.t("appendix_notes"), note_items(ctx, result, NOTE)),
                (lg.t("appendix_alts"), alts), (lg.t("appendix_files"), files)]
    kinds = ("scenario", "assumption", "calibration", "text alternative", "files")
    data = pd.DataFrame([{"kind": kind, "text": text, "unit": "text"} for kind, (_, items) in zip(kinds, sections)
                         for text in items])
    sections = [(h, items) for h, items in sections if items]
    out: list[Page] = []
    while any(items for _, items in sections) and len(out) < MAX_APPENDIX_PAGES:
        title = lg.t("appendix_title") if not out else lg.t("appendix_more")
        header = ctx.header(title, lg.t("appendix_sub"), lg.t("appendix_source"), lg.t("appendix_unit"))
        last = len(out) == MAX_APPENDIX_PAGES - 1
        fig, counts = text_figure(header, lg, sections, lg.t("more_in_manifest", n="{n}") if last else "")
        if not any(counts):  # an item longer than a page: stop rather than loop
            break
        left = iter(counts)
        sections = [(h, items[next(left):]) for h, items in sections]
        sections = [(h, items) for h, items in sections if items]
        key = "appendix" if not out else f"appendix-{len(out) + 1}"
        out.append(Page(key, title, fig, data if not out else None, png=False))
    return out
