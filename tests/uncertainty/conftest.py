"""Fixtures of the draw tests: the estimates cache in the session's temporary folder, the Bergen scenarios, a
scenario over several municipalities, and the deterministic run the central path must reproduce."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _estimates_cache(tmp_path_factory, monkeypatch):
    """Estimates are cached per run of the tests, never in the user's cache folder."""
    monkeypatch.setenv("FORECAST_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def bergen() -> Path:
    """The folder of the shipped Bergen scenarios."""
    return ROOT / "scenarios" / "bergen"


@pytest.fixture
def several(bergen):
    """several(codes, path=bergen/baseline.yaml): an UncertainScenario over the given municipalities."""
    from forecast.uncertainty.build import load_uncertain

    def make(codes: list[str], path: Path | None = None):
        u = load_uncertain(path or bergen / "baseline.yaml")
        scn = u.loaded.scenario.model_copy(update={"municipality": codes})
        return dataclasses.replace(u, loaded=dataclasses.replace(u.loaded, scenario=scn))

    return make


@pytest.fixture
def deterministic():
    """deterministic(path, codes=None): the frame of `forecast.run(..., hires=True)`, optionally for other
    municipalities than the file's."""
    from forecast import load_scenario, run

    def make(path: Path, codes: list[str] | None = None):
        loaded = load_scenario(path)
        if codes:
            loaded = dataclasses.replace(loaded, scenario=loaded.scenario.model_copy(update={"municipality": codes}))
        return run(loaded, hires=True).frame

    return make
