"""`forecast population`: history and projection by single-year age and sex for one municipality."""

from __future__ import annotations

import enum

import typer

from forecast.cli.render import Format


class VariantChoice(str, enum.Enum):
    MMMM = "MMMM"
    HHMH = "HHMH"
    LLML = "LLML"


AGE_GROUPS = [("0-5", 0, 5), ("6-15", 6, 15), ("16-19", 16, 19), ("20-66", 20, 66), ("67-79", 67, 79),
              ("80-89", 80, 89), ("90+", 90, 200)]


def population(
    municipality: str = typer.Argument(..., help='Code ("4601") or name ("Bergen").'),
    to: int = typer.Option(2040, "--to", help="Last projection year (at most 2050)."),
    variant: VariantChoice | None = typer.Option(
        None, "--variant", help="Scale to SSB's 2024 county projection: MMMM main, HHMH high, LLML low."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (by age and sex) or json."),
    since: int | None = typer.Option(None, "--from", help="First year shown (default: 5 years of history)."),
) -> None:
    """Population (persons) by age and sex: SSB history and the built-in cohort-change projection.

    Example: forecast population Bergen --to 2040 --variant MMMM
    """
    from forecast.data.regions import name_of, resolve_municipality
    from forecast.errors import ForecastError
    from forecast.population import population as project, to_frame

    code = resolve_municipality(municipality)
    cube = project(to, variant.value if variant else None)
    first = since if since is not None else cube.last_observed - 5
    if first < cube.years[0] or first > to:
        raise ForecastError(f"--from {first} is outside {cube.years[0]}–{to}")
    years = [y for y in cube.years if first <= y <= to]
    frame = to_frame(cube, [code], years)
    if format is Format.csv:
        from forecast.cli.render import print_csv

        print_csv(frame)
        return
    if format is Format.json:
        from forecast.cli.render import print_json

        recs = frame.assign(persons=frame["persons"].round(3)).to_dict(orient="records")
        print_json([{**r, "year": int(r["year"]), "age": int(r["age"]), "projected": bool(r["projected"])}
                    for r in recs])
        return
    from rich.table import Table

    from forecast.cli.render import console, number

    label = f"variant {variant.value}" if variant else "built-in projection, unscaled"
    table = Table(title=f"{name_of(code)} ({code}): population 1 January, persons — history to "
                  f"{cube.last_observed}, then {label}", title_justify="left")
    table.add_column("year", justify="right")
    for name, *_ in AGE_GROUPS:
        table.add_column(name, justify="right")
    table.add_column("total", justify="right")
    by_age = frame.groupby(["year", "age"])["persons"].sum().unstack("age")
    for y in years:
        row = by_age.loc[y]
        cells = [number(row[(row.index >= lo) & (row.index <= hi)].sum()) for _, lo, hi in AGE_GROUPS]
        style = "italic" if y > cube.last_observed else None
        table.add_row(f"{y}{'*' if y > cube.last_observed else ''}", *cells, number(row.sum()), style=style)
    console().print(table)
    console().print("* projected", style="dim")
    for note in border_changes(cube, code):
        console().print(f"note: {note}", style="yellow", highlight=False)


def border_changes(cube, code: str) -> list[str]:
    """Year-on-year jumps in the history too large for demography (left out of the projection's ratios)."""
    from forecast.parameters import param

    limit = float(param("projection", "max_interval_change").value)
    totals = cube.slice(code).sum(axis=(1, 2))
    out = []
    for t in range(1, cube.years.index(cube.last_observed) + 1):
        if totals[t - 1] > 0 and abs(totals[t] / totals[t - 1] - 1) > limit:
            out.append(f"{cube.years[t - 1]}→{cube.years[t]}: {totals[t] / totals[t - 1] - 1:+.0%} — a border change "
                       "in the shipped history, not demography (see data/SOURCES.md); the projection leaves it out")
    return out
