"""Report pages of tables and text: tables drawn with matplotlib text (cells may wrap), paragraphs, bullet lists
that fill a page, and the first page. Each function returns a Figure or draws on one; nothing here saves files.
Text is never smaller than MIN_PT (8 pt on A4)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from forecast.report.style import GREY, LIGHT, Header, keep_numbers, page_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang

MIN_PT = 8.0
PROSE_EM = 0.54  # average width of a character of running text (mostly lower case), in em
CHAR_EM = 0.6  # average width of a DejaVu Sans character, in em (for wrapping text to a width)


def chars_for(fig: "Figure", width: float, fontsize: float, em: float = CHAR_EM) -> int:
    """How many characters of `fontsize` fit into `width` (a fraction of the figure's width)."""
    return max(8, int(width * fig.get_figwidth() * 72 / (fontsize * em)))


def _hline(fig: "Figure", x0: float, x1: float, y: float, color: str):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color=color, linewidth=0.8)


def draw_table(fig: "Figure", x: float, y: float, widths: list[float], columns: list[str], rows: list[list[str]],
               fontsize: float = 9.5, bold_last: bool = False, groups: list[tuple[str, int, int]] | None = None,
               muted: set[tuple[int, int]] | None = None) -> float:
    """A plain table in figure coordinates, top-left at (x, y); first column left-aligned, the others right.
    Headers may hold line breaks; `groups` (label, first column, last column) are drawn over the headers;
    `muted` cells (row, column) are grey. Returns the y below the table."""
    height = fig.get_figheight()
    line = fontsize * 1.25 / 72 / height
    row_h = fontsize * 1.7 / 72 / height
    xs = [x + sum(widths[:i]) for i in range(len(widths))]
    right = x + sum(widths)
    if groups:
        for label, a, b in groups:
            x0, x1 = xs[a] + 0.004, xs[b] + widths[b]
            fig.text((x0 + x1) / 2, y, label, ha="center", va="top", fontsize=fontsize, fontweight="bold")
            fig.add_artist(_hline(fig, x0, x1, y - line * 1.1, LIGHT))
        y -= line * 1.4
    head_lines = max(c.count("\n") + 1 for c in columns)
    for i, col in enumerate(columns):
        cx, ha = (xs[i], "left") if i == 0 else (xs[i] + widths[i], "right")
        fig.text(cx, y, col, ha=ha, va="top", fontsize=fontsize, fontweight="bold", linespacing=1.1)
    y -= head_lines * line + 0.35 * row_h
    fig.add_artist(_hline(fig, x, right, y, GREY))
    y -= 0.3 * row_h
    for r, row in enumerate(rows):
        last = bold_last and r == len(rows) - 1
        if last:
            fig.add_artist(_hline(fig, x, right, y + 0.15 * row_h, LIGHT))
        for i, cell in enumerate(row):
            cx, ha = (xs[i], "left") if i == 0 else (xs[i] + widths[i], "right")
            color = GREY if muted and (r, i) in muted else "black"
            fig.text(cx, y, cell, ha=ha, va="top", fontsize=fontsize, fontweight="bold" if last else "normal",
                     color=color, **({"linespacing": 1.1} if "\n" in cell else {}))
        y -= row_h + (max(str(c).count("\n") for c in row) if row else 0) * line  # a wrapped cell: more lines
    return y


def draw_wrapped_table(fig: "Figure", x: float, y: float, bottom: float, widths: list[float], columns: list[str],
                       rows: list[list[str]], fontsize: float = 8.5) -> tuple[int, float]:
    """A table whose cells wrap to their column (all left-aligned), drawn row by row while rows fit above
    `bottom`. Returns how many rows were drawn and the y below them."""
    height = fig.get_figheight()
    line = fontsize * 1.3 / 72 / height
    xs = [x + sum(widths[:i]) for i in range(len(widths))]
    right = x + sum(widths)
    wrapped_head = ["\n".join(textwrap.wrap(c, chars_for(fig, w - 0.008, fontsize))) for c, w in zip(columns, widths)]
    head = max(c.count("\n") + 1 for c in wrapped_head)
    for cx, col in zip(xs, wrapped_head):
        fig.text(cx, y, col, ha="left", va="top", fontsize=fontsize, fontweight="bold", linespacing=1.15)
    y -= head * line + 0.4 * line
    fig.add_artist(_hline(fig, x, right, y, GREY))
    y -= 0.4 * line
    drawn = 0
    for row in rows:
        cells = [textwrap.wrap(str(c), chars_for(fig, w - 0.008, fontsize), break_on_hyphens=False) or [""]
                 for c, w in zip(row, widths)]
        n = max(len(c) for c in cells)
        if y - n * line < bottom:
            break
        for cx, c in zip(xs, cells):
            fig.text(cx, y, "\n".join(c), ha="left", va="top", fontsize=fontsize, linespacing=1.15)
        y -= n * line * 1.02 + 0.5 * line
        fig.add_artist(_hline(fig, x, right, y + 0.25 * line, LIGHT))
        drawn += 1
    return drawn, y


def draw_cards(fig: "Figure", x: float, y: float, bottom: float, width: float,
               cards: list[tuple[str, list[tuple[str, str]]]], fontsize: float = 8.5, columns: int = 2) -> int:
    """Cards (a heading, then label: text lines with the text wrapped beside its label) in `columns` columns,
    filled top-down, as many whole cards as fit above `bottom`. Returns how many were drawn."""
    height = fig.get_figheight()
    line = fontsize * 1.3 / 72 / height
    gap = 0.03
    col_w = (width - gap * (columns - 1)) / columns
    label_w = 0.085
    drawn, col, top = 0, 0, y
    for heading, fields in cards:
        wrapped = [(label, textwrap.wrap(text, chars_for(fig, col_w - label_w - 0.005, fontsize, PROSE_EM),
                                         break_on_hyphens=False) or [""]) for label, text in fields]
        need = (1.5 + sum(len(w) for _, w in wrapped) + 0.3 * len(wrapped)) * line + 0.25 / height
        if top - need < bottom:
            col, top = col + 1, y
            if col >= columns or top - need < bottom:
                break
        cx = x + col * (col_w + gap)
        fig.text(cx, top, heading, fontsize=10.5, fontweight="bold", va="top")
        top -= 1.5 * line
        for label, w in wrapped:
            fig.text(cx, top, label, fontsize=fontsize, fontweight="bold", va="top", color=GREY)
            fig.text(cx + label_w, top, "\n".join(w), fontsize=fontsize, va="top", linespacing=1.3)
            top -= (len(w) + 0.3) * line
        fig.add_artist(_hline(fig, cx, cx + col_w, top + 0.1 * line, LIGHT))
        top -= 0.25 / height
        drawn += 1
    return drawn


def paragraph(fig: "Figure", x: float, y: float, width: float, text: str, fontsize: float = 10.5,
              **kw) -> float:
    """Text wrapped to `width` (figure fraction), top-left at (x, y); returns the y below it."""
    lines = textwrap.wrap(keep_numbers(text), chars_for(fig, width, fontsize, PROSE_EM), break_on_hyphens=False)
    fig.text(x, y, "\n".join(lines).replace("\u00a0", " "), fontsize=fontsize, va="top", ha="left",
             linespacing=1.35, **kw)
    return y - len(lines) * fontsize * 1.35 / 72 / fig.get_figheight()


def bullets(fig: "Figure", x: float, y: float, bottom: float, width: float, heading: str, items: list[str],
            more_text: str = "", fontsize: float = MIN_PT, more_after: int = 0) -> tuple[int, float]:
    """A heading and as many whole bullet points as fit between y and bottom, then `more_text` (with {n}: the
    number left out, plus `more_after` from later lists) if some do not fit. A heading is drawn only with at least
    one item under it (never stranded at a page foot). Returns how many were drawn and the y below them."""
    height = fig.get_figheight()
    line = fontsize * 1.25 / 72 / height
    chars = chars_for(fig, width, fontsize, PROSE_EM)
    budget = int((y - 0.30 / height - bottom) / line) - 1
    lines: list[str] = []
    shown = 0
    for item in items:
        wrapped = textwrap.wrap(item, chars - 3, break_on_hyphens=False) or [item]
        if len(lines) + len(wrapped) > budget:
            break
        lines += ["• " + wrapped[0]] + ["   " + w for w in wrapped[1:]]
        shown += 1
    if shown < len(items) and more_text and shown:
        lines.append(more_text.format(n=len(items) - shown + more_after))
    if not shown:
        return 0, y
    fig.text(x, y, heading, fontsize=11, fontweight="bold", va="top")
    y -= 0.30 / height
    fig.text(x, y, "\n".join(lines), fontsize=fontsize, va="top", linespacing=1.25)
    return shown, y - len(lines) * line * 1.02 - 0.2 / height


def text_figure(header: Header, lang: "Lang", sections: list[tuple[str, list[str]]], more_text: str = ""
                ) -> tuple["Figure", list[int]]:
    """A page of bullet-point sections filled in order; returns it and how many items of each section fitted.
    `more_text` ({n}) closes the page if items are left over."""
    fig, (_left, bottom, _right, top) = page_figure(header, lang)
    y, counts = top + 0.03, []
    for k, (heading, items) in enumerate(sections):
        later = sum(len(rest) for _, rest in sections[k + 1 :])
        shown, y = bullets(fig, 0.04, y, bottom - 0.03, 0.92, heading, items, more_text, MIN_PT, later)
        counts.append(shown)
        if shown < len(items):
            counts += [0] * (len(sections) - len(counts))
            break
    return fig, counts


def summary_figure(header: Header, lang: "Lang", answer: list[str], need_title: str,
                   need_table: tuple[list[str], list[list[str]], list[float]], need_note: str,
                   side_title: str, side_table: tuple | None, side_note: str) -> "Figure":
    """Page 1: the answer in plain words on the left; the need per service (now, in the end year with its
    interval, the change, hires) and the scenarios' effect (or the facts of the one scenario) on the right."""
    fig, (_left, bottom, _right, top) = page_figure(header, lang)
    height = fig.get_figheight()
    x0, w0, x1 = 0.04, 0.36, 0.43
    y = top + 0.02
    fig.text(x0, y, lang.t("answer_head"), fontsize=12, fontweight="bold", va="top")
    y -= 0.34 / height

    def depth(size: float) -> float:  # how far down the sentences reach at this size
        chars = chars_for(fig, w0, size, PROSE_EM)
        lines = sum(len(textwrap.wrap(keep_numbers(t), chars, break_on_hyphens=False)) for t in answer)
        return lines * size * 1.35 / 72 / height + len(answer) * 0.09 / height

    size = next((z for z in (10.5, 10.0, 9.5, 9.0) if y - depth(z) > bottom - 0.02), 9.0)  # the answer fits
    for sentence in answer:
        y = paragraph(fig, x0, y, w0, sentence, size) - 0.09 / height
    cols, rows, widths = need_table
    fig.text(x1, top + 0.02, need_title, fontsize=12, fontweight="bold", va="top")
    y1 = draw_table(fig, x1, top - 0.03, widths, cols, rows, fontsize=9, bold_last=True)
    y1 = paragraph(fig, x1, y1 - 0.01, 0.96 - x1, need_note, MIN_PT, color=GREY) - 0.3 / height
    fig.text(x1, y1, side_title, fontsize=12, fontweight="bold", va="top")
    if side_table:
        scols, srows, swidths = (*side_table, None) if len(side_table) == 2 else side_table
        swidths = swidths or [0.2] + [(0.96 - x1 - 0.2) / (len(scols) - 1)] * (len(scols) - 1)
        y2 = draw_table(fig, x1, y1 - 0.045, swidths, scols, srows, fontsize=9)
        paragraph(fig, x1, y2 - 0.01, 0.96 - x1, side_note, MIN_PT, color=GREY)
    else:
        paragraph(fig, x1, y1 - 0.045, 0.96 - x1, side_note, 9.5)
    return fig
