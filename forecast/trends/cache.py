"""Fitted trend forecasts kept across runs, so a second run with `trend: auto` does not fit them again.

One small JSON file per fitted series in `<cache>/trends/` (the cache folder of forecast.data.fetch: `$FORECAST_CACHE`,
else `$XDG_CACHE_HOME/forecast`, else `~/.cache/forecast`), named by a SHA-256 over everything the fit depends on:
the series' values, years and population, the population it is projected with (prophet), the model asked for, the
scale it is fitted on, the horizon, the interval levels, the selection settings of trends.yaml, the source of the
trend modules (forecast/trends/*.py) and the versions of numpy, scipy, statsmodels and prophet. Any change in the
data or the method is a different name, so it misses. An entry holds the chosen model and the forecast
[step, (mean, lo80, hi80, lo95, hi95)] as JSON numbers (Python writes floats so that they read back exactly: a run
from the cache gives the same bytes as one without it).

Entries are written atomically (forecast.results.writing.write_atomic). An entry that cannot be read or does not
hold what it should is ignored and written again; a cache folder that cannot be written is ignored: the cache
never makes a run fail. `FORECAST_NO_CACHE=1` turns it off (nothing read, nothing written). The closed-form models
(naive, drift; `CHEAP`) are not kept: fitting them is faster than reading a file, and a run without a trend model
uses naive for its intervals in every series.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from forecast.trends.models import Forecast

FORMAT = 1  # bump when the layout of an entry changes
DISABLE = "FORECAST_NO_CACHE"
LEVELS = (0.8, 0.95)  # the interval levels a Forecast carries
LIBRARIES = ("numpy", "scipy", "statsmodels", "prophet")
CHEAP = ("naive", "drift")  # closed-form models: fitting them is faster than reading an entry, so they are not kept


def enabled() -> bool:
    return os.environ.get(DISABLE, "").strip().lower() in ("", "0", "false", "no")


def folder() -> Path:
    """Where the entries are: the `trends` folder of the cache (read from the environment at each call)."""
    from forecast.data.fetch import default_cache

    return default_cache() / "trends"


@lru_cache(maxsize=1)
def method_version() -> str:
    """A digest of what decides a fit besides its inputs: the trend modules' source, trends.yaml's settings and
    the numerical libraries' versions."""
    from dataclasses import asdict
    from importlib import metadata

    from forecast.data.parameters import trends

    h = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\n" + path.read_bytes())
    h.update(json.dumps(asdict(trends()), sort_keys=True).encode())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib} {metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} absent\n".encode())
    return h.hexdigest()


def _array(a) -> str | None:
    import numpy as np

    return None if a is None else hashlib.sha256(np.ascontiguousarray(a, dtype="<f8").tobytes()).hexdigest()


def key(values, years, model: str, horizon: int, *, population=None, future_population=None,
        transform: str = "log") -> str:
    """The entry's name for a fit of `model` to a series (its `values` in `years`) `horizon` steps ahead."""
    parts = {"values": _array(values), "years": [int(y) for y in years], "population": _array(population),
             "future_population": _array(future_population), "model": model, "transform": transform,
             "horizon": int(horizon), "levels": LEVELS, "method": method_version()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _read(path: Path, horizon: int) -> "tuple[str, Forecast] | None":
    import numpy as np

    from forecast.trends.models import Forecast

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        arr = np.array(raw["forecast"], dtype=float)
        if raw["format"] != FORMAT or arr.shape != (horizon, 5) or not np.all(np.isfinite(arr)):
            return None
        fc = Forecast(str(raw["model"]), *(arr[:, i].copy() for i in range(5)), detail=str(raw["detail"]))
        return str(raw["chosen"]), fc
    except (OSError, ValueError, KeyError, TypeError, IndexError):  # absent, unreadable, not JSON, wrong shape
        return None


def _write(path: Path, chosen: str, fc: "Forecast") -> None:
    from forecast.errors import ForecastError
    from forecast.results.writing import write_atomic

    entry = {"format": FORMAT, "chosen": chosen, "model": fc.model, "detail": fc.detail,
             "forecast": fc.stack().tolist()}
    try:
        write_atomic(path, json.dumps(entry, allow_nan=False, separators=(",", ":")))
    except (OSError, ValueError, ForecastError):  # a read-only or full disk: the run goes on without the cache
        pass


def cached(name: str, horizon: int, fit: "Callable[[], tuple[str, Forecast]]") -> "tuple[str, Forecast]":
    """(chosen model, forecast) from the entry `name` (see `key`), else from `fit()`, then stored."""
    if not enabled():
        return fit()
    path = folder() / name[:2] / f"{name}.json"
    hit = _read(path, horizon)
    if hit is not None:
        return hit
    chosen, fc = fit()
    _write(path, chosen, fc)
    return chosen, fc
