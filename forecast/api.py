"""The public API: each function reads its inputs, calls the model, and returns a result a reader can render
without calling the model again. The command line is a thin layer over these functions (one call per command).

Heavy libraries (pandas, statsmodels, prophet, matplotlib) load on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import pandas as pd

    from forecast.data.fetch import FetchResult
    from forecast.data.importer import ImportResult
    from forecast.need.compare import Comparison
    from forecast.population.accuracy import PopulationBacktest
    from forecast.results.context import PopulationTable
    from forecast.results.frame import Result
    from forecast.results.scores import BacktestResult
    from forecast.scenario import LoadedScenario

from forecast.api_draws import Draws, backtest_uncertainty, check_draws, with_draws  # noqa: F401 (public)

Progress = Callable[[int, int], None]


def load_scenario(scenario: "str | Path | dict", name: str | None = None) -> "LoadedScenario":
    """Read and validate a scenario: a YAML file, or a mapping with a scenario file's keys (named `name`). Every
    problem at once (ScenarioError)."""
    from forecast.scenario import load_scenario as load
    from forecast.scenario import scenario_from_dict

    if isinstance(scenario, dict):
        return scenario_from_dict(scenario, name or "scenario")
    return load(scenario)


@dataclass(frozen=True)
class Validation:
    scenario: "LoadedScenario"
    warnings: list  # notes (forecast.results.notes.Note) on values a planner may mean but should check


def validate(scenario, name: str | None = None) -> Validation:
    """Everything `run` checks before it computes: the file(s) (load_scenario), the population history named in
    it, and the plausibility bounds of data/parameters/bounds.yaml (base-year staffing, automation FTE). Raises
    ScenarioError with every problem found; returns the scenario and the warnings a run would carry."""
    from forecast.need.checks import check

    loaded = load_scenario(scenario, name) if isinstance(scenario, (str, Path, dict)) else _loaded(scenario)
    _, warnings = check(loaded)
    return Validation(loaded, warnings)


def _loaded(scenario) -> "LoadedScenario":
    from forecast.scenario import LoadedScenario

    if isinstance(scenario, (str, Path, dict)):
        scenario = load_scenario(scenario)
    if not isinstance(scenario, LoadedScenario):
        raise TypeError("give a scenario file path, a mapping, or the result of load_scenario()")
    return scenario


def run(scenario, *, years: list[int] | None = None, hires: bool = False, observed: bool = False,
        progress: Progress | None = None, draws: "int | Draws | None" = None) -> "Result":
    """Users and FTE need per municipality, service and year for a scenario (a LoadedScenario, a path to a YAML
    file, or a mapping with the scenario's keys).

    `years`: years the caller will show; each must lie in the scenario's period (checked before computing).
    `hires`: add workforce flows (hires, exits, stock) to the frame. `observed`: add the calibration history
    (Result.observed). `progress(done, total)` is called as municipalities finish. `draws` (a number or Draws):
    Monte Carlo draws of everything; the frame gains quantile columns (p10, p50, p90), lower/upper become the
    outer quantiles, and Result.totals holds sums over services, municipalities and counties drawn draw by draw.
    """
    from forecast.errors import ArgumentError
    from forecast.need.run import run as run_need

    loaded = _loaded(scenario)
    asked = check_draws(draws)
    period = loaded.scenario.period
    bad = [y for y in years or [] if not period.base <= y <= period.end]
    if bad:
        raise ArgumentError(f"<years> {bad[0]} is outside the scenario's period {period.base}–{period.end}")
    demands: dict | None = {} if asked else None
    result = run_need(loaded, progress=progress, observed=observed, demands=demands)
    if hires:
        from forecast.workforce.hires import with_hires

        result = with_hires(result, loaded.scenario)
    if asked:
        with_draws(result, [loaded], asked, {loaded.name: demands})
    return result


def compare(scenarios: list, years: list[int] | None = None, reference=None,
            draws: "int | Draws | None" = None) -> "Comparison":
    """Compare scenarios (file paths or load_scenario results) with the reference: each one's FTE need, its
    difference from the reference, split into demography, standards and automation. The reference is `reference`
    (a file or load_scenario result, added if not among them), else the scenario whose file says
    `reference: true`, else the first (`Comparison.reference_by` says which rule chose it). `years` keeps only
    those years. With `draws`, every scenario is drawn with the same random numbers, so a difference reflects the
    scenario, not noise: difference rows carry the quantiles of the draw-by-draw difference and `stands_out`
    (its interval excludes zero)."""
    from forecast.need.compare import compare as compare_scenarios

    asked = check_draws(draws)
    loaded, why = _reference_first(scenarios, reference)
    result = compare_scenarios(loaded, years=years)
    result.reference_by = why
    if asked:
        from forecast.need.compare import DIFFERENCE
        from forecast.results.quantiles import attach_differences

        differences = with_draws(result, loaded, asked, {})
        attach_differences(result, differences, DIFFERENCE)
    return result


def _reference_first(scenarios: list, reference=None) -> tuple[list, str]:
    """Load the scenarios (every problem of every file at once) and put the reference first (see compare)."""
    from forecast.scenario import load_scenarios
    from forecast.scenario.reference import reference_first

    given = [*scenarios, *([reference] if reference is not None else [])]
    paths = iter(load_scenarios([s for s in given if isinstance(s, (str, Path))]))
    loaded = [next(paths) if isinstance(s, (str, Path)) else _loaded(s) for s in given]
    ref = loaded.pop() if reference is not None else None
    return reference_first(loaded, ref)


def hires(scenario, first: int | None = None, last: int | None = None, by: str = "service",
          progress: Progress | None = None, draws: "int | Draws | None" = None) -> "Result":
    """A run with workforce flows, and `Result.hires`: cumulative hires over [first, last] (default: the year after
    the base year to the end year), per municipality and summed over them; per service (`by="service"`) or per
    occupation (`by="occupation"`: nurses, health workers, assistants, … summed over the services they work in).
    With `draws`, the hires summary carries the interval of cumulative hires drawn draw by draw."""
    from forecast.errors import ArgumentError
    from forecast.workforce.summary import BY, hires_summary

    if by not in BY:  # checked before computing
        raise ArgumentError(f"<by> {by!r}: use service or occupation")
    result = run(scenario, hires=True, progress=progress, draws=draws)
    result.hires = hires_summary(result, first, last, by)
    return result


def project_population(municipality: str, to: int = 2040, variant: str | None = None,
                       since: int | None = None, until: int | None = None) -> "PopulationTable":
    """Population by single-year age and sex of a municipality (code or name), a county (name or two-digit code:
    the sum of its municipalities) or Norway ("Norge"): SSB history and the built-in projection to `to`, scaled
    to an SSB variant if given (as scenarios are, with MMMM), from `since` (default: five years of history).
    `until`: project from the history up to that year only, as a projection made then would have."""
    from forecast.data.areas import resolve_area
    from forecast.data.parameters import projection
    from forecast.errors import ArgumentError
    from forecast.population import area_frame, border_changes, population
    from forecast.results.context import PopulationTable

    area = resolve_area(municipality)
    last = projection().max_year
    if to > last:
        raise ArgumentError(f"<to> {to} is after {last}, the last year of the projection; give {last} or earlier")
    cube = population(to, variant, until)
    if to < cube.years[0]:
        raise ArgumentError(f"<to> {to} is before {cube.years[0]}, the first year of the history; give "
                            f"{cube.years[0]}–{last}")
    first = since if since is not None else max(cube.years[0], min(cube.last_observed, to) - 5)
    if first < cube.years[0] or first > to:
        raise ArgumentError(f"<since> {first} is outside {cube.years[0]}–{to}")
    years = [y for y in cube.years if first <= y <= to]
    notes = border_changes(cube, area.code) if area.kind == "municipality" else []
    return PopulationTable(area.code, area.name, area_frame(cube, area.code, list(area.codes), years), years,
                           cube.last_observed, variant, notes, area.kind, len(area.codes))


def backtest(service: str | None = None, municipality: str | None = None, input: str | Path | None = None,
             horizon: int = 5, origins: int = 3, models: tuple[str, ...] = ("naive", "drift", "ets", "arima",
                                                                             "theta", "combo"),
             progress: Progress | None = None, transform: str = "log") -> "BacktestResult":
    """Rolling-origin backtest of the trend models on the shipped history (optionally one service, and
    municipalities: codes or names separated by commas, or a county) or on a CSV of your own series (`input`:
    series_id, year, value). `transform`: the scale the models are fitted on (log, none, or auto per series,
    model and origin). `auto` is chosen across the series scored together; `auto_series` as a run chooses."""
    from forecast.trends.evaluate import population_regressors, run_backtest

    codes = None
    if input is not None:
        from forecast.trends.series import read_series_csv

        series = read_series_csv(input)
    else:
        from forecast.data.areas import municipality_codes
        from forecast.trends.series import all_series

        codes = municipality_codes(municipality)
        series = all_series(service, codes)
    future = population_regressors(horizon) if "prophet" in models else None
    result = run_backtest(series, horizon, origins, models, progress=progress, future_population=future,
                          transform=transform)
    result.scope = {"service": service, "municipality": codes[0] if codes and len(codes) == 1 else None,
                    "municipalities": codes, "input": Path(input).name if input else None, "series": len(series)}
    return result


def series(service: str | None = None, municipality: str | None = None) -> list:
    """The shipped yearly history of the demand drivers (coverage by age band, FTE per user), optionally for one
    service and one municipality (code or name): the series trend models are fitted to."""
    from forecast.data.regions import resolve_municipality
    from forecast.trends.series import all_series

    return all_series(service, resolve_municipality(municipality) if municipality else None)


def fit_predict(model: str, y, horizon: int, start_year: int = 2000):
    """Fit a trend model (naive, drift, ets, arima, theta, prophet, combo) to a yearly series `y` (oldest first)
    and forecast `horizon` years with 80 % and 95 % intervals."""
    from forecast.trends.models import fit_predict as fit

    return fit(model, y, horizon, start_year=start_year)


def plot(result: "Result", path: str | Path | None = None, lang: str = "nb"):
    """A chart of FTE need by service (a line per service; with several scenarios, a panel per service): the
    matplotlib Figure, or, with `path` (.png, .pdf or .svg), the file written (atomically)."""
    from forecast.report import quick_figure, quick_plot

    return quick_figure(result, lang) if path is None else quick_plot(result, Path(path), lang)


def backtest_population(base: int, horizon: int = 10, municipality: str | None = None,
                        ssb: str | Path | None = None) -> "PopulationBacktest":
    """Score the built-in population projection (unscaled) run from `base` on year base + horizon, by SSB's age
    groups (MAPE and mean signed error), beside SSB's own projection from the same year where it is shipped or
    given (`ssb`: an SSB regional projection export, scored on its own age groups). `municipality`: codes or names
    separated by commas, a county, or all (None)."""
    from forecast.data.areas import municipality_codes
    from forecast.population.accuracy import population_backtest

    return population_backtest(base, horizon, municipality_codes(municipality),
                               ssb_file=Path(ssb) if ssb is not None else None)


def import_population(path: str | Path, municipality: str | None = None,
                      out: str | Path | None = None) -> "ImportResult":
    """Read an SSB population export (CSV/TSV, JSON-stat, PX) into a tidy frame on 2024 borders
    (municipality, year, age, sex, persons); with `out`, also write it there as CSV (atomically)."""
    from forecast.data.importer import import_population as read
    from forecast.data.importer import write_population_csv

    result = read(Path(path), municipality)
    if out is not None:
        write_population_csv(result, Path(out))
    return result


def fetch(table: str, municipality: str | None = None, cache: str | Path | None = None, since: int | None = None,
          refresh: bool = False, progress: Callable[[int, int, str], None] | None = None) -> "FetchResult":
    """Download an SSB population table from PxWebApi v2 into the cache and store it tidy."""
    from forecast.data.fetch import fetch_population

    return fetch_population(table, municipality, Path(cache) if cache else None, since, refresh, progress=progress)


@dataclass(frozen=True)
class WrittenReport:
    files: dict[str, Path]  # file name → path, manifest.json included
    pages: int  # pages of the report
    reference: str = ""  # the scenario the others are compared with
    reference_by: str = "first"  # why: option (`reference`), marked (reference: true) or first
    warnings: tuple[str, ...] = ()  # the user's files found in the folder, kept (not removed)
    draws: dict | None = None  # the draws' settings ({"draws": N, "seed": S, "quantiles": …}); None without


Step = Callable[[str, int, int], None]  # progress of a report: (what, done, total)


def write_report(scenarios: list, out: str | Path, *, lang: str = "nb", format: str = "both",
                 command: list[str] | None = None, reference=None, progress: Step | None = None,
                 draws: "int | Draws | None" = None) -> WrittenReport:
    """Run the scenarios and write report.pdf, report.xlsx, one PNG and CSV per chart and manifest.json into `out`.

    The reference the others are compared with is `reference` (a file or load_scenario result), else the scenario
    whose file says `reference: true`, else the first. It is run with hires and its calibration history; for one
    municipality, the trend models the scenarios use are backtested for the accuracy page.

    `draws` (a number or Draws; None: the default number of data/parameters/uncertainty.yaml; 0: none): every
    scenario is drawn with the same seed, so they share their random numbers; the reference also ranks the sources
    of uncertainty (the drivers page), and the differences from it are drawn draw by draw (whether each scenario
    stands out from the uncertainty). `progress(what, done, total)` is told of each step ("run" per scenario,
    "compare", "draw", "write")."""
    from dataclasses import replace

    from forecast.report import build_report, write_files

    step = progress or (lambda what, done, total: None)
    asked = check_draws(_report_draws(draws))
    loaded, why = _reference_first(scenarios, reference)
    results = []
    for i, ld in enumerate(loaded):
        step("run", i, len(loaded))
        mine = replace(asked, sensitivity=(i == 0)) if asked else None
        results.append(run(ld, hires=(i == 0), observed=(i == 0), draws=mine))
    comparison = None
    if asked and len(loaded) > 1:
        step("compare", len(loaded), len(loaded))
        comparison = compare(loaded[1:], reference=loaded[0], draws=replace(asked, sensitivity=False))
    accuracy = _report_accuracy(results)
    step("draw", len(loaded), len(loaded))
    report = build_report(results, lang=lang, accuracy=accuracy, validated=REPORT_HORIZON, reference_by=why,
                          comparison=comparison)
    step("write", len(loaded), len(loaded))
    written = write_files(report, Path(out), format, command=command)
    return WrittenReport(written.files, len(report.pages), results[0].scenarios[0], why, tuple(written.warnings),
                         dict(results[0].draws) if results[0].draws else None)


def _report_draws(draws: "int | Draws | None") -> "int | Draws":
    """A report's draws: as given, or the default number (data/parameters/uncertainty.yaml) where None."""
    if draws is not None:
        return draws
    from forecast.data.parameters import uncertainty

    return Draws(uncertainty().draws)


REPORT_HORIZON, REPORT_ORIGINS = 5, 3  # the accuracy page's backtest: years ahead, scored origins per series


def _report_accuracy(results: list["Result"]) -> "BacktestResult | None":
    """Backtest of the models the scenarios use (`constant` is the naive forecast), with naive and drift as
    yardsticks (`auto` brings its candidates), on one municipality's shipped series; None where there are none."""
    from forecast.trends.evaluate import DEFAULT_MODELS, run_backtest
    from forecast.trends.series import all_series

    codes = sorted({c for r in results for c in r.frame["municipality"].unique()})
    if len(codes) != 1:
        return None
    series = all_series(municipality=codes[0])
    if not series:
        return None
    used = set()
    for r in results:
        for info in r.scenario_info.values():
            trends = [info.standards[s].trend if s in info.standards else "constant"
                      for s in r.frame["service"].unique()]
            used |= {"naive" if t == "constant" else t for t in trends}
    run_models = set(used) | {"naive", "drift"}
    if "auto" in run_models:
        run_models |= set(DEFAULT_MODELS)
    run_models.discard("auto")  # the backtest scores auto alongside the models it chooses from
    order = ["naive", "drift", "ets", "arima", "theta", "prophet", "combo"]
    bt = run_backtest(series, horizon=REPORT_HORIZON, origins=REPORT_ORIGINS,
                      models=[m for m in order if m in run_models], workers=1, pooled=False)
    bt.used = tuple(sorted(used or {"naive"}))
    return bt
