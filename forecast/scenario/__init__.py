"""Scenario files: the schema (defined once), YAML with line numbers and `extends`, every problem at once, and the
generated reference (docs/scenarios.md)."""

from __future__ import annotations

from pathlib import Path

from forecast.scenario.load import LoadedScenario, load_scenario, scenario_from_dict


def load_scenarios(paths: list[str | Path]) -> list[LoadedScenario]:
    """Load several scenario files, reporting every problem of every file at once (one ScenarioError)."""
    from forecast.errors import ScenarioError

    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(load_scenario(path))
        except ScenarioError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise ScenarioError(problems)
    return loaded


def json_schema() -> dict:
    """The JSON Schema of scenario files (for editors that validate YAML as the analyst types)."""
    from forecast.scenario.schema import json_schema as schema

    return schema()


__all__ = ["LoadedScenario", "json_schema", "load_scenario", "load_scenarios", "scenario_from_dict"]
