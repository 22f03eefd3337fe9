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
    """Entry point: run the app; exit code 0 ok, 2 bad input or a problem of the user's environment (one clear
    message naming the file or path and what to do), 1 a bug, 130 Ctrl-C, 143 SIGTERM. `--debug` adds the
    traceback and keeps the code."""
    import signal

    from forecast.errors import ForecastError, from_os_error

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    # Ctrl-C and `kill` unwind as exceptions of our own (the command-line library would turn KeyboardInterrupt
    # into its own exit), so temporaries are removed on the way out
    previous = {sig: _on_signal(sig, _stopped) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        app(args=argv, prog_name="forecast")
    except ForecastError as exc:
        _fail(str(exc), 2, debug)
    except (_Stopped, KeyboardInterrupt) as exc:
        _fail("terminated" if getattr(exc, "signum", None) == signal.SIGTERM else "interrupted",
              143 if getattr(exc, "signum", None) == signal.SIGTERM else 130, debug)
    except OSError as exc:  # a file or folder the user's environment does not let us read or write
        err = from_os_error(exc)
        if err is None:
            _fail(_bug(exc), 1, debug, "")
        _fail(str(err), 2, debug)
    except MemoryError:
        _fail("not enough memory; close other programs, or run fewer municipalities at a time", 2, debug)
    except Exception as exc:  # a bug: say so, briefly
        _fail(_bug(exc), 1, debug, "")
    finally:
        for sig, handler in previous.items():
            _on_signal(sig, handler)


class _Stopped(BaseException):
    """Ctrl-C or SIGTERM, raised by our handler."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stopped(signum, frame) -> None:
    raise _Stopped(signum)


def _on_signal(sig, handler):
    """Set a signal's handler where this thread may (the main thread); return the one before."""
    import signal

    if handler is None:
        return None
    try:
        return signal.signal(sig, handler)
    except ValueError:  # not the main thread (e.g. called from a notebook's worker)
        return None


def _bug(exc: BaseException) -> str:
    return f"unexpected error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"


def _fail(message: str, code: int, debug: bool, prefix: str = "error:") -> None:
    """Print the message (after the traceback with --debug) and exit with `code`, --debug or not."""
    if debug:
        import traceback

        traceback.print_exc()
    if code > 128 or not prefix:  # a signal (the user knows why), or a message that says what it is
        print(message, file=sys.stderr)
    else:
        print(f"{prefix} {message}" if "\n" not in message else f"{prefix}\n{message}", file=sys.stderr)
    sys.exit(code)
