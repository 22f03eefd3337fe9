"""What a scenario must pass before anything is computed, beyond its schema: one function for `forecast validate`
and `forecast run`, so validate accepts exactly what run accepts.

- the population history it names can be read (a file that is no `forecast data import` CSV is a problem at
  `population.history`, not a failure later);
- base-year staffing (`staffing:`) lies within a stated multiple of what the population implies (above it the
  run stops, outside a narrower band it warns);
- a fixed_fte automation measure offsets no more than its service needs.

The bounds, each with its reason, are in data/parameters/bounds.yaml.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import DataError, Problem, ScenarioError

if TYPE_CHECKING:
    from forecast.population import PopulationCube
    from forecast.results.notes import Note
    from forecast.scenario import LoadedScenario


def _where(loaded: "LoadedScenario", key: tuple) -> tuple[str, int | None]:
    from forecast.scenario.yaml import display

    for n in range(len(key), 0, -1):
        if key[:n] in loaded.lines:
            return loaded.lines[key[:n]]
    return (display(loaded.path) if loaded.path else loaded.name), None


def _problem(loaded: "LoadedScenario", key: tuple, message: str) -> Problem:
    from forecast.scenario.yaml import key_text

    file, line = _where(loaded, key)
    return Problem(file, line, key_text(key), message)


def scenario_population(loaded: "LoadedScenario") -> "PopulationCube":
    """The population cube the scenario runs on; a history file that cannot be read is a problem of the scenario
    (ScenarioError at `population.history`), not of the data."""
    from forecast.population import population

    scn = loaded.scenario
    history = None if scn.population.history == "shipped" else scn.population.history
    try:
        return population(scn.period.end, scn.population.variant, history=history)
    except DataError as exc:
        if history is None or exc.path is None or os.path.realpath(exc.path) != os.path.realpath(history):
            raise
        from forecast.scenario.yaml import display

        shown = DataError(exc.detail, display(Path(exc.path)), exc.rows, exc.hint)  # the path as the user sees it
        raise ScenarioError([_problem(loaded, ("population", "history"), f"{shown}; write shipped, fetched, or the "
                                      "path of a `forecast data import` CSV")]) from None


def _n(x: float) -> str:
    return f"{x:,.0f}" if abs(x) < 1e9 else f"{x:.3g}"


def check(loaded: "LoadedScenario", cube: "PopulationCube | None" = None
          ) -> tuple["PopulationCube | None", list["Note"]]:
    """Run the checks; return warnings (notes), or raise ScenarioError with every problem. Reads the population
    (and returns its cube) only where a check needs it, unless given `cube`."""
    from forecast.data.parameters import bound_name, bounds
    from forecast.need.calibration import calibrate
    from forecast.need.demand import project_demand
    from forecast.results.notes import note
    from forecast.vocabulary import SERVICES

    scn = loaded.scenario
    fixed = [(i, m) for i, m in enumerate(scn.automation) if m.kind == "fixed_fte"]
    wanted = set(scn.staffing) | {m.service for _, m in fixed}
    if cube is None and (wanted or scn.population.history != "shipped"):
        cube = scenario_population(loaded)
    if not wanted or len(scn.municipalities) != 1:  # staffing and fixed FTE belong to one municipality (load.py)
        return cube, []
    b = bounds()
    code, base = scn.municipalities[0], scn.period.base
    problems: list[Problem] = []
    warnings: list["Note"] = []
    for service in [s for s in SERVICES if s in wanted]:
        cal = calibrate(service, code, cube, base)
        implied = float(project_demand(cal, cube, [base], base).fte[0])
        staffing = scn.staffing.get(service)
        if staffing is not None and implied > 0:
            ratio = staffing / implied
            low, high = b.staffing_warning_ratio
            if ratio > b.staffing_max_ratio:
                problems.append(_problem(loaded, ("staffing", service), (
                    f"{_n(staffing)} FTE is {_n(ratio)} times the {_n(implied)} FTE the population implies "
                    f"(the calibrated base-year need); at most {b.staffing_max_ratio:g} times is accepted "
                    f"({bound_name('staffing_max_ratio')}): give the service's FTE (årsverk) in {base}")))
            elif not low <= ratio <= high:
                warnings.append(note("staffing.outside_bounds", service=service, fte=float(staffing),
                                     implied=implied, ratio=ratio, low=low, high=high, municipalities=(code,),
                                     source=bound_name("staffing_warning_ratio")))
        settings = scn.services.get(service)
        for i, m in [(i, m) for i, m in fixed if m.service == service]:
            years = list(range(base, max(m.start, base) + 1))
            need = float(project_demand(
                cal, cube, years, base, coverage_change=settings.coverage_change if settings else 0.0,
                fte_per_user_change=settings.fte_per_user_change if settings else 0.0, staffing=staffing).fte[-1])
            if m.fte > b.automation_max_share * need:
                problems.append(_problem(loaded, ("automation", i, "fte"), (
                    f"{_n(m.fte)} FTE is more than {service}'s whole FTE need in {years[-1]} ({_n(need)} FTE before "
                    f"automation); a measure offsets at most {b.automation_max_share:.0%} of it "
                    f"({bound_name('automation_max_share')}): give the FTE the measure does the work of")))
    if problems:
        raise ScenarioError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    return cube, warnings
