"""The `forecast` command line. Commands parse options, call one library function and render its result;
our own errors become a message and exit code 2 (a traceback only with --debug)."""

from __future__ import annotations

import sys

import typer

from forecast.cli import population as population_cmd
from forecast.cli import run as run_cmd

app = typer.Typer(
    name="forecast",
    help="Labour need (FTE), hires and automation for Norwegian municipal care and education services.\n\n"
    "Example: forecast run scenarios/bergen/baseline.yaml",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
STATE = {"debug": False}


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors.")) -> None:
    STATE["debug"] = debug


app.command("run")(run_cmd.run)
app.command("population")(population_cmd.population)
from forecast.cli import compare as compare_cmd, scenario as scenario_cmd, validate as validate_cmd  # noqa: E402
app.command("compare")(compare_cmd.compare)
app.command("validate")(validate_cmd.validate)
app.add_typer(scenario_cmd.app, name="scenario")
from forecast.cli import hires as hires_cmd  # noqa: E402
app.command("hires")(hires_cmd.hires)
from forecast.cli import data as data_cmd  # noqa: E402
app.add_typer(data_cmd.app, name="data")
from forecast.cli import report as report_cmd  # noqa: E402
app.command("report")(report_cmd.report)
from forecast.cli import backtest as backtest_cmd  # noqa: E402
app.add_typer(backtest_cmd.app, name="backtest")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning our errors into one clear message and exit code 2."""
    from forecast.errors import ForecastError

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        app(args=argv, prog_name="forecast")
    except ForecastError as exc:
        if debug:
            raise
        print(f"error: {exc}" if "\n" not in str(exc) else f"error:\n{exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: say so, briefly
        if debug:
            raise
        print(f"unexpected error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", file=sys.stderr)
        sys.exit(1)
