"""`forecast scenario …`: help for writing scenario files."""

from __future__ import annotations

import typer

app = typer.Typer(help="Help for writing scenario files.\n\nExample: forecast scenario schema > scenario.schema.json",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors that check YAML as you type.

    Example: forecast scenario schema > scenario.schema.json, then put
    `# yaml-language-server: $schema=scenario.schema.json` at the top of a scenario file.
    """
    from forecast.cli.render import print_json
    from forecast.scenario import json_schema

    print_json(json_schema())
