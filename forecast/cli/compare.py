"""`forecast compare`: scenarios side by side, with the difference from the first split into its causes."""

from __future__ import annotations

from pathlib import Path

import typer

from forecast.cli.draws import DRAWS, QUANTILES, SCHEDULER, SEED, WORKERS
from forecast.cli.render import Format

PART_LABELS = {"demography": "of which demography", "standards": "of which standards",
               "automation": "of which automation", "other": "of which other"}


def compare(
    scenarios: list[Path] = typer.Argument(..., help="Two or more scenario YAML files (one with --reference)."),
    reference: Path | None = typer.Option(None, "--reference", "-r", help="The scenario the others are compared "
                                          "with (default: the file that says reference: true, else the first)."),
    year: list[int] | None = typer.Option(None, "--year", "-y", help="Year(s) to show (repeat); default: base, "
                                          "years measures start, every fifth year, end."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (rich), csv or json (records)."),
    plot: Path | None = typer.Option(None, "--plot", help="Also write a chart of FTE need by service and scenario "
                                     "(.png, .pdf or .svg)."),
    draws: int = DRAWS,
    seed: int = SEED,
    quantiles: str | None = QUANTILES,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
) -> None:
    """FTE need (årsverk) per service and year in each scenario, its difference from the first scenario, and that
    difference split into demography, standards and automation.

    Does a difference stand out from the uncertainty? Add --draws 500 (the scenarios share their random numbers).

    Example: forecast compare scenarios/bergen/baseline.yaml scenarios/bergen/robot.yaml --year 2026
    """
    import forecast
    from forecast.cli.draws import asked
    from forecast.cli.render import emit, options, say_reference

    with options(years="--year", plot="--plot", reference="--reference", draws="--draws", quantiles="--quantiles"):
        result = forecast.compare(scenarios, years=sorted(year) if year else None, reference=reference,
                                  draws=asked(draws, seed, quantiles, scheduler, workers))
        say_reference(result.reference, result.reference_by)
        emit(result, format, plot, lambda: show_comparison(result, sorted(year) if year else None))


def _years(result, years: list[int] | None) -> list[int]:
    from forecast.results.tables import default_years

    frame = result.frame
    common = sorted(frame.loc[frame["variable"].str.startswith("fte_difference"), "year"].unique().tolist())
    if years:
        return years
    picks = set(default_years(common)) | {y for y in result.highlight_years if y in common}
    return sorted(picks)


def show_comparison(result, years: list[int] | None) -> None:
    """One table per municipality: rows per service and scenario, one column per year."""
    from rich.table import Table

    from forecast.cli.render import console, number, print_notes
    from forecast.vocabulary import SERVICES

    years = _years(result, years)
    frame = result.frame[result.frame["year"].isin(years)]
    wide = frame.pivot_table(index=["municipality", "service", "scenario", "variable"], columns="year",
                             values="value", aggfunc="sum")
    bounds = _end_intervals(result, years[-1])
    con = console()
    ref = result.reference
    for code in dict.fromkeys(frame["municipality"]):
        table = Table(title=f"{result.places.name(code)} ({code}) — FTE need by scenario, difference from {ref}",
                      title_justify="left")
        for col in ("service", "scenario", "measure", "unit"):
            table.add_column(col)
        for y in years:
            table.add_column(str(y), justify="right")
        if result.draws:
            table.add_column(f"{result.interval_level} % interval {years[-1]}", justify="right", no_wrap=True)
        block = wide.loc[code]
        totals = block.groupby(level=["scenario", "variable"]).sum()
        services = [s for s in SERVICES if s in block.index.get_level_values("service")]
        for service in [*services, "total"]:
            rows = totals if service == "total" else block.loc[service]
            label = "total" if service == "total" else f"{service} ({SERVICES[service].nb})"
            if service == "total":
                table.add_section()
            for i, scenario in enumerate(result.scenarios):
                if (scenario, "fte") not in rows.index:
                    continue
                values = rows.loc[(scenario, "fte")]
                table.add_row(label if i == 0 else "", scenario, "FTE need", "FTE",
                              *[number(values.get(y, float("nan"))) for y in years],
                              *_interval(result, bounds, (code, service, scenario, "fte")),
                              style="bold" if i == 0 else None)
                if i == 0:
                    continue
                diff = rows.loc[(scenario, "fte_difference")]
                table.add_row("", "", f"difference from {ref}", "FTE", *[_signed(diff.get(y)) for y in years],
                              *_interval(result, bounds, (code, service, scenario, "fte_difference")))
                for part in result.factors.get(scenario, []):
                    values = rows.loc[(scenario, f"fte_difference|{part}")]
                    if all(abs(values.get(y, 0.0)) < 0.05 for y in years):
                        continue  # this factor changes nothing in this service
                    table.add_row("", "", f"  {PART_LABELS[part]}", "FTE", *[_signed(values.get(y)) for y in years],
                                  style="dim")
        if result.draws:
            from forecast.cli.run import interval_caption

            table.caption = (interval_caption(result) + " * the difference stands out: its interval excludes zero; "
                             "no spread: the same difference in every draw.")
            table.caption_justify = "left"
        con.print(table)
    print_notes("Scenarios", [f"{n}: {t}" for n, t in result.titles.items()])
    print_notes("How the difference is split", result.note_texts())


def _end_intervals(result, year: int) -> dict:
    """(municipality, service, scenario, variable) → (lower, upper) in `year`, with draws: whole services from the
    frame, the total over services ("total") from the draw-by-draw totals. Looked up once per table."""
    import pandas as pd

    from forecast.vocabulary import ALL

    if not result.draws:
        return {}
    f = result.frame
    own = f[(f["occupation"] == ALL) & (f["year"] == year)]
    t = result.totals
    total = t[(t["service"] == ALL) & (t["occupation"] == ALL) & (t["year"] == year)].assign(service="total")
    both = pd.concat([own, total], ignore_index=True).dropna(subset=["lower"])
    keys = zip(both["municipality"], both["service"], both["scenario"], both["variable"])
    return dict(zip(keys, zip(both["lower"].astype(float), both["upper"].astype(float))))


def _interval(result, bounds: dict, key: tuple) -> list[str]:
    """The end-year interval cell of a row (with draws); a difference whose interval excludes zero is marked *."""
    from forecast.cli.render import number

    if not result.draws:
        return []
    if key not in bounds:
        return ["–"]
    lo, hi = bounds[key]
    variable = key[-1]
    mark = " *" if variable != "fte" and (lo > 0 or hi < 0) else ""
    if abs(hi - lo) < 0.05:  # every draw gives the same difference (a fixed measure, or none in this service)
        return ["no spread" + mark if abs(lo) >= 0.05 else ""]
    return [f"{_signed(lo) if variable != 'fte' else number(lo)} to "
            f"{_signed(hi) if variable != 'fte' else number(hi)}{mark}"]


def _signed(value) -> str:
    from forecast.cli.render import number

    if value is None or value != value:
        return "–"
    text = number(value, 1)
    return ("+" + text) if round(value, 1) > 0 else text.replace("-0.0", "0.0")
