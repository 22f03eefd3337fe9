"""`forecast population`: history and projection by single-year age and sex for a municipality, a county or the
country."""

from __future__ import annotations

import enum

import typer

from forecast.cli.render import Format


class VariantChoice(str, enum.Enum):
    MMMM = "MMMM"
    HHMH = "HHMH"
    LLML = "LLML"
    none = "none"


AGE_GROUPS = [("0-5", 0, 5), ("6-15", 6, 15), ("16-19", 16, 19), ("20-66", 20, 66), ("67-79", 67, 79),
              ("80-89", 80, 89), ("90+", 90, 200)]


def population(
    municipality: str = typer.Argument(..., help='Municipality code ("4601") or name ("Bergen"), county ("Telemark", '
                                       '"40") or "Norge".'),
    to: int = typer.Option(2040, "--to", help="Last projection year (at most 2050)."),
    variant: VariantChoice = typer.Option(
        VariantChoice.MMMM, "--variant",
        help="SSB 2024 alternative the projection is scaled to, as in scenarios: MMMM main (default), HHMH high, "
             "LLML low; none for the built-in projection unscaled (what backtests score)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table, csv (by age and sex) or json."),
    since: int | None = typer.Option(None, "--from", help="First year shown (default: 5 years of history)."),
) -> None:
    """Population (persons) by age and sex: SSB history and the built-in cohort-change projection, scaled to SSB's
    main alternative (MMMM) unless --variant says otherwise. A county or Norge is the sum of its municipalities.

    Example: forecast population Bergen --to 2040 --variant MMMM
    """
    import forecast
    from forecast.cli.render import options

    with options(since="--from", to="--to"):
        chosen = None if variant is VariantChoice.none else variant.value
        table = forecast.project_population(municipality, to, chosen, since)
    frame, last_observed = table.frame, table.last_observed
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

    label = (f"variant {table.variant} (scaled to SSB's 2024 projection)" if table.variant
             else "built-in projection, unscaled (--variant none)")
    out = Table(title=f"{table.label}: population 1 January, persons — history to {last_observed}, then {label}",
                title_justify="left")
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
