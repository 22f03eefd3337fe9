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
    import forecast
    from forecast.cli.render import options

    with options(since="--from", to="--to"):
        table = forecast.project_population(municipality, to, variant.value if variant else None, since)
    frame, code, last_observed = table.frame, table.municipality, table.last_observed
    if format is Format.csv:
        from forecast.cli.render import print_csv

        print_csv(frame)
        return
    if format is Format.json:
        from forecast.cli.render import print_json
        from forecast.results.frame import table_records

        print_json(table_records(frame.assign(persons=frame["persons"].round(3)), ints=("year", "age"),
                                 floats=("persons",), bools=("projected",)))
        return
    from rich.table import Table

    from forecast.cli.render import console, number

    label = f"variant {variant.value}" if variant else "built-in projection, unscaled"
    out = Table(title=f"{table.name} ({code}): population 1 January, persons — history to "
                f"{last_observed}, then {label}", title_justify="left")
    out.add_column("year", justify="right")
    for name, *_ in AGE_GROUPS:
        out.add_column(name, justify="right")
    out.add_column("total", justify="right")
    by_age = frame.groupby(["year", "age"])["persons"].sum().unstack("age")
    for y in table.years:
        row = by_age.loc[y]
        cells = [number(row[(row.index >= lo) & (row.index <= hi)].sum()) for _, lo, hi in AGE_GROUPS]
        style = "italic" if y > last_observed else None
        out.add_row(f"{y}{'*' if y > last_observed else ''}", *cells, number(row.sum()), style=style)
    console().print(out)
    console().print("* projected", style="dim")
    for note in table.notes:
        console().print(f"note: {note.text()}", style="yellow", highlight=False)
