"""`forecast backtest`: how wrong each trend model, and the population projection, would have been in the past."""

from __future__ import annotations

import enum
import os
from pathlib import Path

import typer

from forecast.vocabulary import TRANSFORMS, services_with_history

app = typer.Typer(
    help="How wrong each trend model (and the population projection) would have been in the past. Also: "
    "forecast backtest --input series.csv --horizon 6 --origins 1; forecast backtest population --base 2016 "
    "--horizon 10.\n\n"
    "Example: forecast backtest --service home_care --municipality Bergen --horizon 5",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


class TableOrJson(str, enum.Enum):
    table = "table"
    json = "json"


TransformChoice = enum.Enum("TransformChoice", {t: t for t in TRANSFORMS}, type=str)  # forecast.vocabulary
ServiceChoice = enum.Enum("ServiceChoice", {s: s for s in services_with_history()}, type=str)  # services with a
# shipped history (forecast.vocabulary)


def _models(text: str) -> tuple[str, ...]:
    from forecast.errors import ForecastError
    from forecast.vocabulary import FITTED_MODELS

    names = tuple(m.strip() for m in text.split(",") if m.strip())
    bad = [m for m in names if m not in FITTED_MODELS]
    if bad or not names:
        raise ForecastError(f"--models: unknown model {bad[0] if bad else text!r}; use a comma-separated list of "
                            f"{', '.join(FITTED_MODELS)}")
    return names


def _with_progress(fn, total_label: str):
    """Run fn(progress) with a rich progress bar on stderr when it is a terminal."""
    import sys

    if not sys.stderr.isatty():
        return fn(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(total_label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(total_label, total=None)
        return fn(lambda done, total: bar.update(task, completed=done, total=total))


@app.callback()
def backtest(
    ctx: typer.Context,
    service: ServiceChoice | None = typer.Option(None, "--service", "-s", help="Only this service's series "
                                                 "(home care and nursing homes include the care FTE-per-user series)."),
    municipality: str = typer.Option("all", "--municipality", "-m", help='Codes or names separated by commas '
                                     '("4601,0301"), a county ("Telemark"), or "all".'),
    horizon: int = typer.Option(5, "--horizon", help="Years ahead each forecast is scored on."),
    origins: int = typer.Option(3, "--origins", help="Forecast origins scored per series (1: fit on all but the "
                                "last H points, score those)."),
    input: Path | None = typer.Option(None, "--input", "-i", help="Long CSV with columns series_id, year, value "
                                      "(other columns ignored) instead of the shipped history."),
    models: str = typer.Option("naive,drift,ets,arima,theta,combo", "--models",
                               help="Comma-separated models to score; add prophet for Prophet (about 40 ms a fit)."),
    transform: TransformChoice = typer.Option(
        TransformChoice.log, "--transform", help="log: fit positive series on the log scale (default); none: as "
        "they are; auto: per series, model and origin, whichever erred less on the history before it."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="table or json."),
) -> None:
    """Rolling-origin backtest of the trend models: sMAPE (M3), MASE and interval coverage per model, and what
    `auto` picks (across the series scored together; `auto_series`: per series, as `trend: auto` in a run).

    Example: forecast backtest --service home_care --municipality Bergen --horizon 5
    """
    if ctx.invoked_subcommand is not None:
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import forecast
    from forecast.cli.render import options

    names = _models(models)
    with options(horizon="--horizon", origins="--origins", models="--models", transform="--transform"):
        result = _with_progress(lambda p: forecast.backtest(
            service.value if service else None, municipality, input, horizon, origins, names, progress=p,
            transform=transform.value), "backtest")
    scope = result.scope
    if scope["input"]:
        title = f"{scope['input']}: {scope['series']} series"
    else:
        codes, svc = scope["municipalities"], scope["service"]
        where = (", all municipalities" if codes is None else f", municipality {codes[0]}" if len(codes) == 1
                 else f", {len(codes)} municipalities")
        title = f"shipped history{' for ' + svc if svc else ''}{where}"
    if format is TableOrJson.json:
        from forecast.cli.render import print_json

        print_json(result.to_json())
        return
    _print_table(result, title)


def _print_table(result, title: str) -> None:
    from rich.table import Table

    from forecast.cli.render import console, number

    con = console()
    table = Table(title=f"{title}: {result.n_series} series scored at horizon 1–{result.horizon} years from "
                  f"{result.origins} origin(s) each", title_justify="left")
    for col in ("model", "sMAPE %", "MASE", "in 80 % interval", "in 95 % interval", "vs naive (MASE)"):
        table.add_column(col, justify="left" if col == "model" else "right")
    naive = result.models.get("naive")
    for name, s in sorted(result.models.items(), key=lambda kv: kv[1].smape):
        ratio = number(s.mase / naive.mase, 3) if naive and naive.mase == naive.mase and naive.mase else "–"
        table.add_row(name, number(s.smape, 2), number(s.mase, 3), f"{s.cover80:.0%}", f"{s.cover95:.0%}", ratio,
                      style="bold" if name == "auto" else None)
    con.print(table)
    picks = ", ".join(f"{m} {n}" for m, n in result.auto_choices.items())
    con.print(f"auto picked (per series and origin): {picks}", highlight=False)
    if len(result.families) > 1:
        fam = Table(title="best model per kind of series (lowest sMAPE)", title_justify="left")
        for col in ("series", "n", "best", "sMAPE %", "naive sMAPE %", "auto sMAPE %"):
            fam.add_column(col, justify="left" if col in ("series", "best") else "right")
        for name, scores in result.families.items():
            best = min(scores, key=lambda m: scores[m].smape)
            fam.add_row(name, str(scores[best].n_series), best, number(scores[best].smape, 2),
                        number(scores["naive"].smape, 2) if "naive" in scores else "–",
                        number(scores["auto"].smape, 2) if "auto" in scores else "–")
        con.print(fam)
    con.print(f"sMAPE: M3 definition, percent; MASE: error ÷ in-sample mean yearly change. "
              f"{result.n_skipped} series too short to score were left out. {result.seconds:.0f} s.", style="dim",
              highlight=False)


@app.command("population")
def population(
    base: int = typer.Option(..., "--base", "-b", help="Base year: the projection sees population up to 1 January "
                             "of this year."),
    horizon: int = typer.Option(10, "--horizon", help="Years after the base year to score."),
    municipality: str = typer.Option("all", "--municipality", "-m", help='Codes or names separated by commas, a '
                                     'county ("Telemark"), or "all".'),
    ssb: Path | None = typer.Option(None, "--ssb", help="An SSB regional projection export from the base year "
                                    "(columns region, statistikkvariabel, år, alder, value; any age groups) to "
                                    "score beside ours, instead of the shipped Telemark vintages."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="table or json."),
) -> None:
    """Score the built-in population projection (unscaled), run from a past base year, against what happened: MAPE
    (%) and mean signed error of the total and of SSB's age groups; where SSB's own projection from that year is
    shipped (Telemark) or given (--ssb), score it too, on its municipalities and age groups.

    Example: forecast backtest population --base 2016 --horizon 10
    """
    import forecast
    from forecast.cli.render import options

    with options(base="--base", horizon="--horizon", ssb="--ssb"):
        result = forecast.backtest_population(base, horizon, municipality, ssb)
    if format is TableOrJson.json:
        from forecast.cli.render import print_json

        print_json(result.to_json())
        return
    _print_population(result)


def _print_population(result) -> None:
    from rich.table import Table

    from forecast.cli.render import console, number

    con = console()
    base, horizon = result.base, result.horizon
    same_groups = result.ssb is not None and list(result.ssb.by_age_group) == list(result.ours.by_age_group)
    table = Table(title=f"Population projected from {base} to {base + horizon} (built-in, unscaled): mean absolute "
                  f"percentage error over municipalities, % of persons", title_justify="left")
    table.add_column("age group")
    plural = "municipality" if result.n_municipalities == 1 else "municipalities"
    table.add_column(f"ours ({result.n_municipalities} {plural})", justify="right")
    table.add_column("mean signed error", justify="right")
    if same_groups:
        table.add_column(f"ours (same {result.ssb.n_municipalities})", justify="right")
        table.add_column(f"SSB {base} main alternative", justify="right")
    ours, same, ssb = result.ours, result.ours_same, result.ssb
    rows = [("total", ours.mape_total, ours.bias_total, same and same.mape_total, ssb and ssb.mape_total)]
    rows += [(g, ours.by_age_group[g], ours.bias_by_age_group[g], same and same.by_age_group.get(g),
              ssb and ssb.by_age_group.get(g)) for g in ours.by_age_group]
    for label, mape, bias, mine, theirs in rows:
        cells = [number(mape, 2), f"{bias:+.2f}"] + ([number(mine, 2), number(theirs, 2)] if same_groups else [])
        table.add_row(label, *cells, style="bold" if label == "total" else None)
    con.print(table)
    if ssb is not None and not same_groups:
        own = Table(title=f"SSB's age groups: ours and SSB {base} on the same {ssb.n_municipalities} municipalities "
                    "(MAPE %)", title_justify="left")
        for col in ("age group", "ours", f"SSB {base} main alternative"):
            own.add_column(col, justify="left" if col == "age group" else "right")
        own.add_row("total", number(same.mape_total, 2), number(ssb.mape_total, 2), style="bold")
        for g, v in ssb.by_age_group.items():
            own.add_row(g, number(same.by_age_group[g], 2), number(v, 2))
        con.print(own)
    if ssb is None:
        shipped = ", ".join(map(str, result.ssb_vintages))
        why = (f"SSB's shipped projection from {base} covers none of these municipalities (only Telemark's)"
               if base in result.ssb_vintages else f"No SSB projection from {base} is shipped (Telemark vintages: "
               f"{shipped})")
        con.print(f"{why}; give one with --ssb FILE.", style="dim", highlight=False)


@app.command("uncertainty")
def uncertainty(
    draws: int = typer.Option(300, "--draws", "-n", help="Draws per backtest (300–500 give a stable coverage)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the draws."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="table or json."),
) -> None:
    """How often the Monte Carlo 80 % intervals would have held what happened (their empirical coverage; target
    75–85 %): population totals and age groups of every municipality from 2014, 2016 and 2019, 5 and 10 years
    ahead, and care coverage, users and FTE per user 5 years ahead. Each backtest sees only the history up to its
    base. Takes a few minutes.

    Example: forecast backtest uncertainty --draws 300
    """
    import forecast
    from forecast.cli.render import options

    with options(draws="--draws"):
        result = forecast.backtest_uncertainty(draws, seed)
    if format is TableOrJson.json:
        from forecast.cli.render import print_json
        from forecast.results.frame import table_records

        print_json(table_records(result.table, ints=("intervals",), floats=("coverage", "median_width"),
                                 bools=("in_target",)))
        return
    _print_coverage(result)


def _print_coverage(result) -> None:
    from rich.table import Table

    from forecast.cli.render import console, number

    table = Table(title=f"Empirical coverage of the 80 % intervals ({result.draws} draws, seed {result.seed}); "
                  "target 75–85 %", title_justify="left",
                  caption="coverage: share of backtest intervals that held the observed value; width: median "
                          "(upper − lower) / central", caption_justify="left")
    for col in ("what", "group", "horizon"):
        table.add_column(col)
    for col in ("intervals", "coverage", "median width"):
        table.add_column(col, justify="right")
    for row in result.table.itertuples(index=False):
        style = None if row.in_target else "yellow"
        table.add_row(row.what, row.group, row.horizon, number(row.intervals), f"{row.coverage:.1%}",
                      f"{row.median_width:.1%}", style=style)
    console().print(table)
