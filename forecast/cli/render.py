"""Rendering for the terminal and for pipes: rich tables, CSV and JSON on stdout."""

from __future__ import annotations

import enum
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


class Format(str, enum.Enum):
    table = "table"
    csv = "csv"
    json = "json"


def number(value: float, decimals: int = 0) -> str:
    if value != value:
        return "–"
    return f"{value:,.{decimals}f}".replace(",", " ")


def console():
    from rich.console import Console

    con = Console(soft_wrap=False)
    if not con.is_terminal:  # pipes and CI: wide enough that tables are not squeezed
        con = Console(soft_wrap=False, width=150)
    return con


def _piped(write) -> None:
    """Write to stdout; if the reader has closed the pipe (`… | head`), stop quietly with exit code 0."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None


def print_json(data) -> None:
    _piped(lambda: sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None) + "\n"))


def print_csv(frame: "pd.DataFrame") -> None:
    _piped(lambda: frame.to_csv(sys.stdout, index=False))


def print_notes(title: str, lines: list[str], style: str = "dim") -> None:
    if not lines:
        return
    con = console()
    con.print(f"[bold]{title}[/bold]")
    for line in lines:
        con.print(f"  • {line}", style=style, highlight=False, markup=False)


def split_notes(notes: list[str], assumptions: list[str], n_municipalities: int) -> tuple[list[str], list[str]]:
    """For several municipalities, keep lines that concern many (or all) and count the rest, which are
    municipality-specific and belong in the manifest rather than on screen."""
    if n_municipalities <= 1:
        return notes, assumptions

    def common(lines: list[str]) -> list[str]:
        return [n for n in lines if n.endswith(" municipalities]") or "[" not in n]

    shown_notes, shown_assumptions = common(notes), common(assumptions)
    hidden = len(notes) + len(assumptions) - len(shown_notes) - len(shown_assumptions)
    if hidden:
        shown_notes.append(f"{hidden} notes on single municipalities are in manifest.json (use --out DIR)")
    return shown_notes, shown_assumptions


def emit(result, format: Format, plot=None, table=None) -> None:
    """The one way commands hand a result to the user: an optional quick chart, then JSON records, CSV of the
    canonical frame, or the command's own table (`table()`)."""
    if plot is not None:
        import typer

        from forecast.report import quick_plot

        quick_plot(result, plot)
        typer.echo(f"wrote {plot}", err=True)
    if format is Format.json:
        print_json(result.records())
    elif format is Format.csv:
        print_csv(result.frame)
    elif table is not None:
        table()
