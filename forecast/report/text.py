"""Report pages of tables and text: a table drawn with matplotlib text, bullet lists that fill a page, the summary
page and the pages of assumptions. Each function returns a Figure; nothing here saves files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.report.style import GREY, LIGHT, Header, page_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang


def draw_table(fig: "Figure", x: float, y: float, widths: list[float], columns: list[str], rows: list[list[str]],
               fontsize: float = 9.5, bold_last: bool = False) -> float:
    """A plain table in figure coordinates, top-left at (x, y); first column left-aligned, the others right.
    Headers may hold line breaks. Returns the y below the table."""
    height = fig.get_figheight()
    line = fontsize * 1.25 / 72 / height
    row_h = fontsize * 1.75 / 72 / height
    xs = [x + sum(widths[:i]) for i in range(len(widths))]
    right = x + sum(widths)
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
            fig.text(cx, y, cell, ha=ha, va="top", fontsize=fontsize, fontweight="bold" if last else "normal")
        y -= row_h
    return y


def _hline(fig: "Figure", x0: float, x1: float, y: float, color: str):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color=color, linewidth=0.8)


def bullets(fig: "Figure", x: float, y: float, bottom: float, width: float, heading: str, items: list[str],
            more_text: str = "", fontsize: float = 7.2, more_after: int = 0) -> tuple[int, float]:
    """A heading and as many whole bullet points as fit between y and bottom, then `more_text` (with {n}: the
    number left out, plus `more_after` from later lists) if some do not fit. Returns how many were drawn and the
    y below them."""
    import textwrap

    height = fig.get_figheight()
    line = fontsize * 1.25 / 72 / height
    chars = int(width * fig.get_figwidth() * 72 / (fontsize * 0.56))
    budget = int((y - 0.30 / height - bottom) / line) - 1
    lines: list[str] = []
    shown = 0
    for item in items:
        wrapped = textwrap.wrap(item, chars - 3, break_on_hyphens=False) or [item]
        if len(lines) + len(wrapped) > budget:
            break
        lines += ["• " + wrapped[0]] + ["   " + w for w in wrapped[1:]]
        shown += 1
    if shown < len(items) and more_text:
        lines.append(more_text.format(n=len(items) - shown + more_after))
    if not lines:
        return 0, y
    fig.text(x, y, heading, fontsize=11, fontweight="bold", va="top")
    y -= 0.30 / height
    fig.text(x, y, "\n".join(lines), fontsize=fontsize, va="top", linespacing=1.25)
    return shown, y - len(lines) * line * 1.02 - 0.2 / height


def text_figure(header: Header, lang: "Lang", sections: list[tuple[str, list[str]]], more_text: str = ""
                ) -> tuple["Figure", list[int]]:
    """A page of bullet-point sections (e.g. all assumptions with their references), filled in order; returns it
    and how many items of each section fitted. `more_text` ({n}) closes the page if items are left over."""
    fig, (_left, bottom, _right, top) = page_figure(header, lang)
    y, counts = top + 0.03, []
    for k, (heading, items) in enumerate(sections):
        later = sum(len(rest) for _, rest in sections[k + 1 :])
        shown, y = bullets(fig, 0.04, y, bottom - 0.03, 0.92, heading, items, more_text, 8, later)
        counts.append(shown)
        if shown < len(items):
            counts += [0] * (len(sections) - len(counts))
            break
    return fig, counts


def summary_figure(header: Header, lang: "Lang", key_title: str, key_table: tuple[list[str], list[list[str]]],
                   side_title: str, side_table: tuple[list[str], list[list[str]]] | None, facts: list[str],
                   assumptions: list[str], notes: list[str]) -> "Figure":
    """Page 1: key numbers per service; the scenarios side by side (or the facts of the one scenario); the
    assumptions with their references and the calibration notes, as many as fit (the rest: manifest.json)."""
    fig, (_left, bottom, _right, top) = page_figure(header, lang)
    height = fig.get_figheight()
    x0, x1 = 0.04, 0.68
    fig.text(x0, top + 0.02, key_title, fontsize=12, fontweight="bold", va="top")
    cols, rows = key_table
    widths = [0.13] + [min(0.09, 0.48 / (len(cols) - 1))] * (len(cols) - 1)
    y_key = draw_table(fig, x0, top - 0.025, widths, cols, rows, fontsize=9, bold_last=True)
    fig.text(x1, top + 0.02, side_title, fontsize=12, fontweight="bold", va="top")
    if side_table:
        scols, srows = side_table
        y_side = draw_table(fig, x1, top - 0.025, [0.15, 0.06, 0.07], scols, srows, fontsize=9)
    else:
        fig.text(x1, top - 0.025, "\n".join(facts), fontsize=9, va="top", linespacing=1.5)
        y_side = top - 0.025 - (sum(f.count("\n") + 1 for f in facts) * 9 * 1.5 / 72) / height
    y = min(y_key, y_side) - 0.35 / height
    more = lang.t("more_in_appendix", n="{n}")
    bullets(fig, x0, y, bottom - 0.03, x1 - x0 - 0.03, lang.t("assumptions_head"), assumptions, more)
    bullets(fig, x1, y, bottom - 0.03, 0.96 - x1, lang.t("notes_head"), notes, more)
    return fig
