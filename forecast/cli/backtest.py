"""`forecast backtest`: how wrong each trend model, and the population projection, would have been in the past."""

from __future__ import annotations

import enum
import os
from pathlib import Path

import typer

from forecast.vocabulary import services_with_history

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
    municipality: str = typer.Option("all", "--municipality", "-m", help='Code ("4601"), name, or "all".'),
    horizon: int = typer.Option(5, "--horizon", help="Years ahead each forecast is scored on."),
    origins: int = typer.Option(3, "--origins", help="Forecast origins scored per series (1: fit on all but the "
                                "last H points, score those)."),
    input: Path | None = typer.Option(None, "--input", "-i", help="Long CSV with columns series_id, year, value "
                                      "(other columns ignored) instead of the shipped history."),
    models: str = typer.Option("naive,drift,ets,arima,theta,combo", "--models",
                               help="Comma-separated models to score; add prophet for Prophet (about 40 ms a fit)."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="table or json."),
) -> None:
    """Rolling-origin backtest of the trend models: sMAPE (M3), MASE and interval coverage per model, and what
    `auto` picks.

    Example: forecast backtest --service home_care --municipality Bergen --horizon 5
    """
    if ctx.invoked_subcommand is not None:
        return
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import forecast
    from forecast.cli.render import options

    names = _models(models)
    with options(horizon="--horizon", origins="--origins", models="--models"):
        result = _with_progress(lambda p: forecast.backtest(
            service.value if service else None, None if municipality.lower() == "all" else municipality, input,
            horizon, origins, names, progress=p), "backtest")
    scope = result.scope
    if scope["input"]:
        title = f"{scope['input']}: {scope['series']} series"
    else:
        code, svc = scope["municipality"], scope["service"]
        title = f"shipped history{' for ' + svc if svc else ''}" + (f", municipality {code}" if code
                                                                     else ", all municipalities")
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
    municipality: str = typer.Option("all", "--municipality", "-m", help='Code, name, or "all".'),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="table or json."),
) -> None:
    """Score the built-in population projection, run from a past base year, against what happened: MAPE (%) of
    the total and of SSB's age groups; where SSB's own projection from that year is shipped (Telemark), score it too.

    Example: forecast backtest population --base 2016 --horizon 10
    """
    import forecast
    from forecast.cli.render import options

    with options(base="--base", horizon="--horizon"):
        result = forecast.backtest_population(base, horizon, None if municipality.lower() == "all" else municipality)
    if format is TableOrJson.json:
        from forecast.cli.render import print_json

        print_json(result.to_json())
        return
    from rich.table import Table

    from forecast.cli.render import console, number

    con = console()
    table = Table(title=f"Population projected from {base} to {base + horizon}: mean absolute percentage error "
                  f"over municipalities, % of persons", title_justify="left")
    table.add_column("age group")
    plural = "municipality" if result.n_municipalities == 1 else "municipalities"
    table.add_column(f"ours ({result.n_municipalities} {plural})", justify="right")
    if result.ssb is not None:
        table.add_column(f"ours (same {result.ssb.n_municipalities})", justify="right")
        table.add_column(f"SSB {base} main alternative", justify="right")
    rows = [("total", result.ours.mape_total, result.ours_same and result.ours_same.mape_total,
             result.ssb and result.ssb.mape_total)]
    for g in result.ours.by_age_group:
        rows.append((g, result.ours.by_age_group[g], result.ours_same and result.ours_same.by_age_group.get(g),
                     result.ssb and result.ssb.by_age_group.get(g)))
    for label, ours, same, ssb in rows:
        cells = [number(ours, 2)] + ([number(same, 2), number(ssb, 2)] if result.ssb is not None else [])
        table.add_row(label, *cells, style="bold" if label == "total" else None)
    con.print(table)
    if result.ssb is None:
        con.print(f"No SSB projection from {base} is shipped (Telemark vintages: "
                  f"{', '.join(map(str, result.ssb_vintages))}).", style="dim", highlight=False)
