"""`forecast validate`: check scenario files without computing anything."""

from __future__ import annotations

from pathlib import Path

import typer


def validate(
    files: list[Path] = typer.Argument(..., help="Scenario YAML files to check."),
) -> None:
    """Check scenario files (and the files they extend) and list every problem of every file at once.

    Exit code 0 when all are valid, 2 otherwise.

    Example: forecast validate scenarios/bergen/*.yaml
    """
    from forecast import load_scenario
    from forecast.errors import ScenarioError
    from forecast.scenario.schema import in_language

    problems = []
    for path in files:
        try:
            loaded = load_scenario(path)
        except ScenarioError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
            continue
        typer.echo(f"ok: {path} ({in_language(loaded.scenario.title) or loaded.name})")
    if problems:
        raise ScenarioError(problems)
