"""The Monte Carlo side of the public API (forecast.api re-exports it): what a caller asks of the draws, the draws
placed on a run's Result, and the backtest of their intervals. Kept apart so forecast/api.py stays readable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.coverage import CoverageResult
    from forecast.results.frame import Result


@dataclass(frozen=True)
class Draws:
    """Monte Carlo draws asked of a run (docs/model.md, "Uncertainty"): `n` draws with `seed`; the quantiles every
    output carries (default data/parameters/uncertainty.yaml: 0.1, 0.5, 0.9); `scheduler`: None (local processes,
    or $FORECAST_SCHEDULER), "inprocess", "processes", or a Dask scheduler address; `workers`: local processes;
    `sensitivity`: also rank the sources of uncertainty by how much they move the end year (Result.sensitivity)."""

    n: int
    seed: int = 0
    quantiles: tuple[float, ...] | None = None
    scheduler: str | None = None
    workers: int | None = None
    sensitivity: bool = False
    variant_mixture: dict[str, float] | None = None  # e.g. {"MMMM": 0.6, "HHMH": 0.2, "LLML": 0.2}: SSB's alternatives


def check_draws(draws: "int | Draws | None") -> "Draws | None":
    from forecast.errors import ArgumentError

    if draws is None or draws == 0:
        return None
    d = draws if isinstance(draws, Draws) else Draws(int(draws))
    if d.n < 10:
        raise ArgumentError(f"<draws> {d.n}: give at least 10 draws (500–1000 for stable 10th and 90th percentiles)")
    if d.quantiles is not None:
        bad = [q for q in d.quantiles if not 0 < q < 1]
        if bad or len(d.quantiles) < 2:
            raise ArgumentError(f"<quantiles> {','.join(f'{q:g}' for q in d.quantiles)}: give at least two "
                                "numbers between 0 and 1, e.g. 0.1,0.5,0.9")
    return d


def with_draws(result: "Result", loaded: list, asked: "Draws", demands: dict) -> "pd.DataFrame | None":
    """Draw the scenarios (common random numbers) and place the quantiles on `result` (forecast.results.quantiles);
    returns the DrawResult's differences for a comparison."""
    from forecast.data.parameters import uncertainty
    from forecast.results.quantiles import attach
    from forecast.uncertainty.api import run_draws
    from forecast.uncertainty.build import UncertainScenario

    quantiles = tuple(sorted(asked.quantiles or uncertainty().quantiles))
    scen = [UncertainScenario(s.name, s, dict(s.ranges)) for s in loaded]
    drawn = run_draws(scen, asked.n, asked.seed, quantiles=quantiles, scheduler=asked.scheduler,
                      workers=asked.workers, demands=demands,
                      variant_mixture=asked.variant_mixture)
    attach(result, drawn.frame(totals=True), quantiles, {"draws": asked.n, "seed": asked.seed,
                                                          "scheduler": asked.scheduler or "local"})
    if asked.sensitivity:
        from forecast.uncertainty.sensitivity import sensitivity

        n = min(asked.n, uncertainty().sensitivity_draws)  # six runs, one per source: fewer draws each
        result.sensitivity = sensitivity(scen[0], None, draws=n, seed=asked.seed, scheduler=asked.scheduler,
                                         workers=asked.workers, demands={scen[0].name: demands[scen[0].name]}
                                         if demands.get(scen[0].name) else None)
    return drawn.differences() if len(loaded) > 1 else None


def backtest_uncertainty(draws: int = 300, seed: int = 0, bases: tuple[int, ...] = (2014, 2016, 2019),
                         horizons: tuple[int, ...] = (5, 10)) -> "CoverageResult":
    """How often the draws' 80 % intervals would have held what happened: population totals and age groups of every
    municipality from each base (history up to the base only, shocks estimated from it) at each horizon, and care
    coverage, users and FTE per user five years ahead, at the variance scales in data/parameters/uncertainty.yaml.
    Takes minutes (all municipalities, several bases)."""
    from forecast.errors import ArgumentError
    from forecast.results.coverage import coverage_table
    from forecast.uncertainty.calibration import population_coverage, trend_coverage

    if draws < 50:
        raise ArgumentError(f"<draws> {draws}: give at least 50 (300–500 for a stable coverage)")
    population = population_coverage(bases=bases, horizons=horizons, draws=draws, seed=seed)
    care = trend_coverage(draws=draws, seed=seed)
    return coverage_table(population, care, draws, seed)
