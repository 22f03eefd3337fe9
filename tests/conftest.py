import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_session(tmp_path_factory):
    """The suite never writes into the user's cache: fitted trends and the draws' estimates go to a folder of the
    session (tests that check the cache's own location set FORECAST_CACHE themselves)."""
    before = os.environ.get("FORECAST_CACHE")
    os.environ["FORECAST_CACHE"] = str(tmp_path_factory.mktemp("forecast-cache"))
    yield
    if before is None:
        os.environ.pop("FORECAST_CACHE", None)
    else:
        os.environ["FORECAST_CACHE"] = before


@pytest.fixture
def cli(capsys):
    """Run the forecast CLI in-process: returns (exit code, stdout, stderr)."""
    from forecast.cli import main

    def invoke(*args: str):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


@pytest.fixture(scope="session")
def baseline_result():
    from forecast import load_scenario, run

    return run(load_scenario(ROOT / "scenarios" / "bergen" / "baseline.yaml"))
