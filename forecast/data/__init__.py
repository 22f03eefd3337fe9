"""Find, read and validate the shipped data (and users' own files) into tidy pandas frames."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder holding the shipped data: `$FORECAST_DATA` if set, else `data/` beside the package."""
    env = os.environ.get("FORECAST_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


def data_path(*parts: str) -> Path:
    return data_dir().joinpath(*parts)
