"""`forecast data …`: bring data in — import SSB StatBank exports, fetch SSB tables from the API."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

app = typer.Typer(
    help="Bring data in: import SSB StatBank exports (CSV, JSON-stat, PX) or fetch SSB tables from the API.\n\n"
    "Example: forecast data import 07459.csv --kind population --out bergen_population.csv",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Kind(str, enum.Enum):
    population = "population"


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="An SSB export: CSV/TSV (any StatBank layout), JSON-stat 1.0/2.0 or PX."),
    kind: Kind = typer.Option(Kind.population, "--kind", "-k",
                              help="What the file holds: population by region, (sex,) age and year (07459)."),
    out: Path | None = typer.Option(None, "--out", "-o",
                                    help="Write the tidy CSV here (atomically); without it, print it to stdout."),
    municipality: str | None = typer.Option(
        None, "--municipality", "-m",
        help="Keep only this municipality (code or name); for a file without regions, the one it describes."),
) -> None:
    """Read an SSB population export and write it tidy: municipality,year,age,sex,persons (persons).

    Historical municipality codes are recoded to the 2024 borders (1201 → 4601) and the recoding is reported
    (on stderr when the CSV goes to stdout).

    Example: forecast data import 07459_bergen.csv --kind population --out bergen_population.csv
    """
    import forecast
    from forecast.cli.render import options

    with options(out="--out"):
        result = forecast.import_population(file, municipality, out)
    report = result.report.lines()
    if out is None:
        sys.stdout.write(result.csv())
        sys.stdout.flush()
        for line in report:
            print(line, file=sys.stderr)
        return
    for line in report:
        print(line)
    print(f"wrote {out} ({len(result.frame)} rows: municipality, year, age, sex, persons)")


@app.command("fetch")
def fetch(
    table: str = typer.Argument(..., help="SSB table id, e.g. 07459 (population by region, sex, age and year)."),
    municipality: str | None = typer.Option(None, "--municipality", "-m",
                                            help="Only this municipality (code or name); default: all."),
    cache: Path | None = typer.Option(None, "--cache", help="Cache folder (default $FORECAST_CACHE or "
                                      "~/.cache/forecast); the tidy file goes to <cache>/ssb/<table>/."),
    since: int | None = typer.Option(None, "--from", help="First year to fetch (default: all SSB has)."),
    refresh: bool = typer.Option(False, "--refresh", help="Download again even what is cached."),
) -> None:
    """Download a population table from SSB's PxWebApi v2 (JSON-stat 2.0), cache it, and store it tidy.

    Parts already downloaded are reused from the cache (the table's metadata for a day); the tidy CSV
    (persons, 2024 borders) is stored as <cache>/ssb/<table>/population-<code|all>.csv with a manifest beside it.

    Example: forecast data fetch 07459 --municipality Bergen --from 2005
    """
    from rich.console import Console

    import forecast

    console = Console(stderr=True)
    bar = None

    def step(done: int, total: int, label: str) -> None:
        nonlocal bar
        if not console.is_terminal:  # logs and pipes: one plain line per part
            print(f"[{done}/{total}] {label}", file=sys.stderr)
            return
        if bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console)
            bar.start()
            bar.add_task("", total=total)
        bar.update(bar.task_ids[0], completed=done, total=total, description=label)

    try:
        result = forecast.fetch(table, municipality, cache, since, refresh, progress=step)
    finally:
        if bar is not None:
            bar.stop()
    for line in result.lines():
        print(line)
