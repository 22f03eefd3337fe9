"""Rendering for the terminal and for pipes: rich tables, CSV and JSON on stdout."""

from __future__ import annotations

import enum
import json
import sys
from contextlib import contextmanager
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


@contextmanager
def options(**names: str):
    """Errors about a library call's arguments name this command's options for them (`horizon` → `--horizon`)."""
    from forecast.errors import ArgumentError, ForecastError

    try:
        yield
    except ArgumentError as exc:
        raise ForecastError(exc.render(names)) from None


def print_result_notes(result) -> None:
    """A result's notes and assumptions under the table. With several municipalities, the notes that concern many
    (or all) are shown and the rest, on single municipalities, counted: they are in the manifest."""
    from forecast.results.notes import ASSUMPTION, NOTE, concerns_many, display

    names = result.places.names if result.places else None
    many = result.many
    shown = [n for n in result.notes if not many or concerns_many(n)]
    lines = {kind: [display(n, "en", names, many) for n in shown if n.kind == kind] for kind in (NOTE, ASSUMPTION)}
    hidden = len(result.notes) - len(shown)
    if hidden:
        lines[NOTE].append(f"{hidden} notes on single municipalities are in manifest.json (use --out DIR)")
    print_notes("Calibration and sources", lines[NOTE])
    print_notes("Assumptions (national or normative defaults; see data/parameters/)", lines[ASSUMPTION], "yellow")


def emit(result, format: Format, plot=None, table=None) -> None:
    """The one way commands hand a result to the user: an optional quick chart, then JSON records, CSV of the
    canonical frame, or the command's own table (`table()`)."""
    if plot is not None:
        import typer

        import forecast

        forecast.plot(result, plot)
        typer.echo(f"wrote {plot}", err=True)
    if format is Format.json:
        print_json(result.records())
    elif format is Format.csv:
        print_csv(result.frame)
    elif table is not None:
        table()


REFERENCE_WHY = {"option": "--reference", "marked": "its file says reference: true",
                 "first": "the first given; mark one file with reference: true or use --reference"}


def say_reference(name: str, why: str) -> None:
    """On stderr: which scenario the others are compared with, and why."""
    import typer

    typer.echo(f"reference: {name} ({REFERENCE_WHY.get(why, why)})", err=True)
