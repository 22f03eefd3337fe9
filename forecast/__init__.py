"""forecast: labour need, hires and automation for Norwegian municipal care and education services.

Public API (heavy libraries load on first use):
    load_scenario(path) -> LoadedScenario      read and validate a scenario file (all errors at once)
    run(scenario) -> Result                     users and FTE need per service and year, as one long frame
    compare(scenarios, years=None) -> Comparison  each scenario's FTE need, its difference from the first, split
                                                  into demography / standards / automation
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forecast.result import Result
    from forecast.scenario import LoadedScenario

__version__ = "0.1.0"


def load_scenario(path) -> "LoadedScenario":
    from forecast.scenario import load_scenario as _load

    return _load(path)


def run(scenario) -> "Result":
    """Run a scenario: a LoadedScenario, a path to a YAML file, or a mapping with the scenario's keys."""
    from pathlib import Path

    from forecast.pipeline import run as _run
    from forecast.scenario import LoadedScenario, scenario_from_dict

    if isinstance(scenario, (str, Path)):
        scenario = load_scenario(scenario)
    elif isinstance(scenario, dict):
        scenario = scenario_from_dict(scenario)
    if not isinstance(scenario, LoadedScenario):
        raise TypeError("run() takes a scenario file path, a mapping, or the result of load_scenario()")
    return _run(scenario)


import forecast.compare as _compare_module  # noqa: E402,F401  light; loaded now so a later import cannot replace compare()


def compare(scenarios, years=None):
    """Compare scenarios (load_scenario results or file paths) with the first; returns a Comparison (Result-like)."""
    from forecast.compare import compare as _compare

    return _compare(scenarios, years=years)
