"""The last page(s): every assumption (scenario files first, then the model's) and calibration note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.page import Context, Page
from forecast.report.pages.summary import scenario_assumptions

if TYPE_CHECKING:
    from forecast.results.frame import Result

MAX_APPENDIX_PAGES = 3  # beyond this (e.g. every municipality's calibration notes) the reader gets manifest.json


def appendix_pages(ctx: Context, result: "Result") -> list[Page]:
    """Every assumption (scenario files first, then the model's) and calibration note, over as many pages as
    they need, so the PDF carries what its numbers rest on."""
    import pandas as pd

    from forecast.report.text import text_figure

    lg = ctx.lang
    sections = [(lg.t("appendix_assumptions"), scenario_assumptions(ctx) + result.assumption_texts(lg.code)),
                (lg.t("appendix_notes"), result.note_texts(lang=lg.code))]
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
