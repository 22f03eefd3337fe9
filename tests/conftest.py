import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")


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
