"""`forecast validate`: check scenario files as `run` would, without computing anything."""

from __future__ import annotations

from pathlib import Path

import typer


def validate(
    files: list[Path] = typer.Argument(..., help="Scenario YAML files to check."),
) -> None:
    """Check scenario files (and the files they extend) as `run` would before computing: the keys and values,
    the population history they name, and the plausibility bounds (data/parameters/bounds.yaml). Lists every
    problem of every file at once, and warnings on values to check.

    Exit code 0 when all are valid, 2 otherwise.

    Example: forecast validate scenarios/bergen/*.yaml
    """
    import forecast
    from forecast.errors import ScenarioError
    from forecast.scenario.schema import in_language

    problems = []
    for path in files:
        try:
            checked = forecast.validate(path)
        except ScenarioError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
            continue
        typer.echo(f"ok: {path} ({in_language(checked.scenario.scenario.title) or checked.scenario.name})")
        for warning in checked.warnings:
            typer.echo(f"  {warning.text('en')}")
    if problems:
        raise ScenarioError(problems)
