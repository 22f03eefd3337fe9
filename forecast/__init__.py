"""forecast: labour need, hires and automation for Norwegian municipal care and education services.

The public API (each function returns a result its readers render without calling the model again; heavy
libraries load on first use):

    load_scenario(path)                          read and validate a scenario file (every problem at once)
    validate(scenario)                           all that run checks before computing (history, bounds)
    run(scenario, hires=False, observed=False)   users and FTE need per municipality, service and year (Result)
        draws=N or Draws(n, seed, quantiles)     ... with Monte Carlo draws: quantiles, totals drawn draw by draw
    compare(scenarios, years=None, draws=None)   FTE need of each scenario and its difference from the first
    hires(scenario, first=None, last=None)       a run with workforce flows and cumulative hires (Result.hires)
    project_population(municipality, to=2040)    population history and projection by age and sex
    backtest(...), backtest_population(base)     how wrong the trend models / the projection would have been
    backtest_uncertainty(draws=300)              how often the draws' 80 % intervals held what happened
    series(service, municipality), fit_predict   the shipped history of the demand drivers; one trend model
    import_population(path), fetch(table)        SSB data in: exports of any common shape, or from SSB's API
    write_report(scenarios, out, lang="nb")      report.pdf, PNGs and CSVs per chart, manifest.json
    plot(result, path=None)                      a chart of FTE need by service (a Figure, or a file)
    ForecastError, ScenarioError, DataError      what bad input raises (the CLI: exit code 2)

See docs/architecture.md for the packages behind them.
"""

from __future__ import annotations

from forecast.api import (Draws, backtest, backtest_population, backtest_uncertainty, compare, fetch, fit_predict,
                          hires, import_population, load_scenario, plot, project_population, run, series, validate,
                          write_report)
from forecast.errors import DataError, ForecastError, ScenarioError
from forecast.version import __version__  # noqa: F401

__all__ = ["load_scenario", "validate", "run", "Draws", "compare", "hires", "project_population", "backtest",
           "backtest_population", "backtest_uncertainty", "series", "fit_predict", "import_population", "fetch", "write_report", "plot", "ForecastError",
           "ScenarioError", "DataError"]
