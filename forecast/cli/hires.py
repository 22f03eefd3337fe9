"""`forecast hires`: how many people each service must recruit over a period, growth vs replacement."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from forecast.cli.draws import DRAWS, QUANTILES, SCHEDULER, SEED, WORKERS
from forecast.cli.render import Format


class By(str, enum.Enum):
    service = "service"
    occupation = "occupation"


def hires(
    scenario: Path = typer.Argument(..., help="Scenario YAML file, e.g. scenarios/bergen/baseline.yaml."),
    first: int | None = typer.Option(None, "--from", help="First year of hiring (default: the year after the base)."),
    last: int | None = typer.Option(None, "--to", help="Last year of hiring (default: the scenario's end year)."),
    format: Format = typer.Option(Format.table, "--format", "-f", help="table (rich), csv or json (records)."),
    by: By = typer.Option(By.service, "--by", help="service, or occupation: nurses, health workers, assistants, "
                          "vernepleiere, pedagogical leaders, kindergarten assistants, teachers … (each summed over "
                          "the services it works in)."),
    draws: int = DRAWS,
    seed: int = SEED,
    quantiles: str | None = QUANTILES,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
) -> None:
    """Cumulative hires (persons recruited, growth + replacement of leavers) per service or occupation, and in
    total.

    Also shows hires in FTE, the change in FTE need, and the need as a share of the population aged 20–66.

    Example: forecast hires scenarios/bergen/baseline.yaml --from 2026 --to 2032 --by occupation
    """
    from forecast.cli.draws import asked
    from forecast.cli.render import options
    from forecast.cli.run import run_with_progress

    with options(first="--from", last="--to", by="--by", draws="--draws", quantiles="--quantiles"):
        result = run_with_progress(scenario, hires=True, first=first, last=last, by=by.value,
                                   draws=asked(draws, seed, quantiles, scheduler, workers))
    summary = result.hires
    if format is Format.json:
        from forecast.cli.render import print_json
        from forecast.results.frame import table_records

        print_json(table_records(summary.by_municipality))
    elif format is Format.csv:
        from forecast.cli.render import print_csv

        print_csv(summary.by_municipality)
    else:  # the table shows the sum of several municipalities; csv and json keep each municipality
        show_hires_table(result, summary.total if summary.total is not None else summary.by_municipality)


COLUMNS = [  # (variable, which end: 0 start / 1 end / 2 both / None period, header)
    ("workforce", 0, "employed {start}"),
    ("hires", None, "hires {first}–{last}"),
    ("hires_growth", None, "growth"),
    ("hires_replacement", None, "replacement"),
    ("hires_fte", None, "hires FTE"),
    ("fte", 1, "FTE need {last}"),
    ("fte_growth", None, "FTE change since {start}"),
    ("need_share_working_age", 2, "share {start} → {last}"),
]


def show_hires_table(result, table) -> None:
    from rich.table import Table

    from forecast.cli.render import console, number, print_result_notes

    con = console()
    ages = "{}–{}".format(*result.hires.working_ages)
    for (scenario, code), block in table.groupby(["scenario", "municipality"], sort=False):
        period = block[block["variable"] == "hires"].iloc[0]
        first, last = int(period["from_year"]), int(period["to_year"])
        start = first - 1
        place = f"{result.places.name(code)} ({code})" if code.isdigit() else f"Sum of {code}"
        t = Table(title=f"{place} — {result.title or scenario}: people to hire {first}–{last}",
                  title_justify="left",
                  caption="employed, hires, growth, replacement: persons (headcount); hires FTE, FTE: full-time "
                          "equivalents (årsverk) hired and needed; share: persons needed / population aged "
                          f"{ages}",
                  caption_justify="left")
        by_occupation = result.hires.by == "occupation"
        if by_occupation:
            t.add_column("occupation", min_width=23, max_width=23)  # wraps after the id: "nurses (sykepleiere)"
        else:
            t.add_column("service", no_wrap=True)
        drawn = "lower" in block.columns and block["lower"].notna().any()
        columns = COLUMNS if not drawn else [*COLUMNS[:2], ("hires", "interval", f"{result.interval_level} % "
                                                                                 "interval"), *COLUMNS[2:]]
        headers = [h.format(start=start, first=first, last=last) for _, _, h in columns]
        for h in headers:
            t.add_column(h, justify="right", min_width=max(len(word) for word in h.split()),
                         max_width=15 if by_occupation else None)  # headers wrap beside the wider first column
        column = "occupation" if by_occupation else "service"
        groups = [(k, block[(block[column] == k) & (block["service"] != "total")])
                  for k in dict.fromkeys(block.loc[block["service"] != "total", column])]
        groups.append(("total", block[block["service"] == "total"]))
        for service, rows in groups:
            if rows.empty or (by_occupation and service == "all"):
                continue
            cells = []
            for variable, end, _ in columns:
                sel = rows[rows["variable"] == variable]
                if end == "interval":
                    lo, hi = (float(sel[b].iloc[0]) for b in ("lower", "upper"))
                    cells.append(f"{number(lo)}–{number(hi)}" if lo == lo else "")
                    continue
                if end == 2:
                    ends = sel.set_index("to_year")["value"]
                    cells.append(f"{ends[start]:.1%} → {ends[last]:.1%}")
                    continue
                if end is not None:
                    sel = sel[sel["to_year"] == (start if end == 0 else last)]
                value = float(sel["value"].iloc[0])
                if variable == "fte_growth":
                    cells.append(("+" if value > 0 else "") + number(value))
                else:
                    cells.append(number(value))
            label = occupation_label(service) if by_occupation and service != "total" else service
            if service == "total":
                t.add_section()
            t.add_row(label, *cells, style="bold" if service == "total" else None)
        con.print(t)
        if result.draws and not drawn:
            con.print(f"No interval for the hires: the draws sum hires from the year after the base year; use --from "
                      f"{start_of_draws(result)} for the interval of hires from then to {last}.", style="dim",
                      highlight=False)
        pop = block[block["variable"] == "working_age_population"].set_index("to_year")["value"]
        con.print(f"Population aged {ages}: {number(pop[start])} ({start}) → {number(pop[last])} ({last}) persons",
                  highlight=False)
    print_result_notes(result)


def start_of_draws(result) -> int:
    """The first year of hiring whose cumulative hires the draws carry (the year after the base year)."""
    return int(result.frame["year"].min()) + 1


def occupation_label(occupation: str) -> str:
    """An occupation as the table names it: its id and Norwegian name (the word planners recruit by)."""
    from forecast.vocabulary import OCCUPATIONS

    known = OCCUPATIONS.get(occupation)
    return f"{occupation} ({known.nb})" if known else occupation
