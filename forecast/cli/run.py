"""`forecast run`: one scenario → users and FTE need per service and year."""

from __future__ import annotations

from pathlib import Path

import typer

from forecast.cli.draws import DRAWS, QUANTILES, SCHEDULER, SEED, WORKERS
from forecast.cli.render import Format


def run(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, e.g. scenarios/bergen/baseline.yaml."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (rich), csv or json (records)."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Folder to write result.csv and manifest.json to."),
    year: list[int] | None = typer.Option(None, "--year", "-y", help="Year(s) to show in the table (repeat)."),
    plot: Path | None = typer.Option(None, "--plot", help="Also write a chart of FTE need by service (.png, .pdf "
                                     "or .svg)."),
    draws: int = DRAWS,
    seed: int = SEED,
    quantiles: str | None = QUANTILES,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
) -> None:
    """Compute users (persons) and FTE need (årsverk) per service and year for a scenario. Add --draws 500 for
    Monte Carlo intervals of every number and of every total.

    Example: forecast run scenarios/bergen/baseline.yaml --year 2025 --year 2040 --out results/
    """
    import sys

    from forecast.cli.draws import asked
    from forecast.cli.render import emit, options
    from forecast.results.writing import write_result

    with options(years="--year", plot="--plot", out="--out", draws="--draws", quantiles="--quantiles"):
        result = run_with_progress(scenario, years=year, draws=asked(draws, seed, quantiles, scheduler, workers))
        if out is not None:
            written = write_result(result, out, command=["forecast", *sys.argv[1:]])
            for warning in written.warnings:
                typer.echo(f"warning: {warning}", err=True)
        emit(result, format, plot, lambda: show_result_table(result, sorted(year) if year else None))
    if out is not None:
        typer.echo(f"wrote {out / 'result.csv'} and {out / 'manifest.json'}", err=True)


def run_with_progress(scenario, **kwargs):
    """forecast.run (or forecast.hires with `hires=True`); with several municipalities, a progress bar on stderr."""
    import forecast

    call = forecast.hires if kwargs.pop("hires", False) else forecast.run
    loaded = forecast.load_scenario(scenario)
    n = len(loaded.scenario.municipalities)
    if n == 1 or not _terminal():
        return call(loaded, **kwargs)  # feedback only where someone watches: pipes and logs stay silent
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("municipalities"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("run", total=n)
        return call(loaded, progress=lambda done, total: bar.update(task, completed=done), **kwargs)


def _terminal() -> bool:
    import sys

    return sys.stderr.isatty()


def show_result_table(result, years: list[int] | None) -> None:
    from rich.table import Table

    from forecast.cli.render import console, number, print_result_notes
    from forecast.results.tables import default_years, summary, summed_with_rates
    from forecast.vocabulary import SERVICES

    years_all = sorted(result.frame["year"].unique().tolist())
    years = years or default_years(years_all)
    frame = result.frame
    codes = frame["municipality"].unique()
    if len(codes) > 1:  # one table: the sum over municipalities (per-municipality rows: --format csv or --out)
        frame = summed_with_rates(frame, f"{len(codes)} municipalities", result.totals)
    table_data = summary(frame, years, result.totals)
    caption = interval_caption(result)
    con = console()
    for (scenario, code), block in table_data.groupby(["scenario", "municipality"], sort=False):
        place = f"{result.places.name(code)} ({code})" if len(codes) == 1 else f"Sum of {len(codes)} municipalities"
        title = f"{place} — {result.title or scenario}"
        table = Table(title=title, title_justify="left", show_lines=False,
                      caption=caption, caption_justify="left")
        table.add_column("service", max_width=24)  # wraps: "kindergarten (barnehage)" on two lines
        table.add_column("measure", min_width=16)
        table.add_column("unit", no_wrap=True)
        for y in years:
            table.add_column(str(y), justify="right", no_wrap=True)
        if len(years) > 1:
            table.add_column(f"change {years[0]}–{years[-1]}", justify="right", no_wrap=True)
        table.add_column(f"{result.interval_level} % interval {years[-1]}", justify="right", no_wrap=True)
        last = None
        for row in block.itertuples(index=False):
            service = (f"{row.service} ({SERVICES[row.service].nb})" if row.service in SERVICES else row.service) \
                if row.service != last else ""
            if row.service == "total" and last != "total":
                table.add_section()
            last = row.service
            decimals = 1 if row.unit.startswith("per 100") else 0  # a rate, not a count
            values = [number(getattr(row, f"_{i + 6}"), decimals) for i in range(len(years))]
            change = row.change
            sign = "+" if change > 0 else ""
            style = "bold" if row.variable == "fte" else None
            interval = f"{number(row.lower)}–{number(row.upper)}" if row.lower == row.lower else ""
            changes = [sign + number(change, decimals)] if len(years) > 1 else []
            table.add_row(service, row.label, row.unit, *values, *changes, interval, style=style)
        con.print(table)
    print_result_notes(result)


def interval_caption(result) -> str:
    """What the interval column means: the draws' percentiles, or (without draws) why sums have none."""
    from forecast.results.totals import NO_INTERVAL

    if not result.draws:
        return NO_INTERVAL["en"]
    q = result.draws["quantiles"]
    return (f"Intervals: {min(q) * 100:g}th–{max(q) * 100:g}th percentile of {result.draws['draws']} Monte Carlo draws "
            f"(seed {result.draws['seed']}); totals drawn draw by draw, not added from the parts' intervals.")
