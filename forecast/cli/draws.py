"""The options that ask a command for Monte Carlo draws (run, hires, compare, report) and their translation to
forecast.api.Draws. Declared once, used by each command's signature."""

from __future__ import annotations

import typer

DRAWS = typer.Option(0, "--draws", "-n", help="Monte Carlo draws of everything (e.g. 500): every output gets "
                     "quantiles (p10, p50, p90) and sums over services and municipalities get their own interval. "
                     "0: no draws (the faster single path with per-row intervals).")
SEED = typer.Option(0, "--seed", help="Seed of the draws: the same seed gives the same numbers on any machine.")
QUANTILES = typer.Option(None, "--quantiles", help="Quantiles to report, comma-separated (default 0.1,0.5,0.9).")
SCHEDULER = typer.Option(None, "--scheduler", envvar="FORECAST_SCHEDULER", help="Run the draws on a Dask "
                         "cluster at this address (tcp://host:8786; needs pip install -e \".[dask]\"); default: "
                         "local processes.")
WORKERS = typer.Option(None, "--workers", help="Local processes for the draws (default: one per core).")


def asked(draws: int, seed: int, quantiles: str | None, scheduler: str | None, workers: int | None,
          sensitivity: bool = False):
    """The command line's draw options → forecast.api.Draws (None without --draws); a bad value is a ForecastError
    naming the option."""
    from forecast.api import Draws
    from forecast.errors import ForecastError

    if not draws:  # FORECAST_SCHEDULER in the environment alone does not ask for draws
        if quantiles or workers:
            raise ForecastError("--quantiles and --workers apply to draws: add --draws N (e.g. --draws 500)")
        return None
    qs = None
    if quantiles:
        try:
            qs = tuple(sorted(float(q) for q in quantiles.split(",") if q.strip()))
        except ValueError:
            raise ForecastError(f"--quantiles {quantiles!r}: give numbers between 0 and 1 separated by commas, e.g. "
                                "0.1,0.5,0.9") from None
    if workers is not None and workers < 1:
        raise ForecastError(f"--workers {workers}: give 1 or more")
    return Draws(draws, seed, qs, scheduler, workers, sensitivity)
