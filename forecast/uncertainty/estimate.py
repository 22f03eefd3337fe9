"""The shock models of every source of uncertainty (population_shocks, trend_shocks), cached across runs.

Estimating them from the shipped history takes a few seconds; the result is stored in
`$FORECAST_CACHE/uncertainty/estimates-<fingerprint>-<until>.json`, keyed by a hash of the data files and of the
code the estimates rest on, so a changed file or method gives a new entry.
"""

from __future__ import annotations

from forecast.uncertainty.population_shocks import PopulationShocks, population_shocks
from forecast.uncertainty.trend_shocks import TrendShocks, trend_shocks


def _fingerprint() -> str:
    """sha256 over the data files and code the estimates rest on: a changed file or method gives a new entry."""
    import hashlib
    from pathlib import Path

    from forecast.data import data_path
    from forecast.data.care import CARE_FILE
    from forecast.data.care_workforce import FTE_USERS_FILE, OCCUPATION_FILE
    from forecast.data.kindergarten import COVERAGE_FILE
    from forecast.data.population import NATIONAL_HISTORY_FILE, POPULATION_FILE
    from forecast.data.regions import REDISTRICTING_FILE
    from forecast.data.school import PUPILS_FILE, TEACHERS_FILE

    h = hashlib.sha256()
    files = [data_path(*p) for p in (POPULATION_FILE, NATIONAL_HISTORY_FILE, CARE_FILE, FTE_USERS_FILE,
                                     OCCUPATION_FILE, COVERAGE_FILE, PUPILS_FILE, TEACHERS_FILE, REDISTRICTING_FILE)]
    files += sorted(data_path("parameters").glob("*.yaml"))
    here = Path(__file__).resolve().parent
    files += [here / "estimate.py", here / "population_shocks.py", here / "trend_shocks.py",
              here.parent / "trends" / "series.py", here.parent / "population" / "cube.py",
              here.parent / "population" / "rates.py", here.parent / "population" / "projection.py",
              here.parent / "data" / "care_history.py", here.parent / "data" / "care_split.py",
              here.parent / "data" / "care_workforce.py"]
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


def _to_json(pop: PopulationShocks, trends: dict[str, TrendShocks]) -> dict:
    import dataclasses

    p = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in dataclasses.asdict(pop).items()}
    return {"population": p, "trends": {k: dataclasses.asdict(t) for k, t in trends.items()}}


def _from_json(data: dict) -> tuple[PopulationShocks, dict[str, TrendShocks]]:
    import numpy as np

    p = dict(data["population"])
    for k in ("nat_level", "nat_annual", "loc_level", "k", "corr"):
        p[k] = np.array(p[k], float)
    p["bands"] = tuple(tuple(b) for b in p["bands"])
    p["years"], p["windows"] = tuple(p["years"]), tuple(p["windows"])
    trends = {k: TrendShocks(**{**t, "loc_rw": tuple(t["loc_rw"]), "loc_transient": tuple(t["loc_transient"]),
                                "years": tuple(t["years"])}) for k, t in data["trends"].items()}
    return PopulationShocks(**p), trends


def estimates(until: int | None = None, cache: bool = True) -> tuple[PopulationShocks, dict[str, TrendShocks]]:
    """Population and trend shock models, read from the cache folder when the data and code are unchanged
    (`$FORECAST_CACHE`/uncertainty/, see forecast.data.fetch.default_cache); estimated and stored otherwise."""
    import json

    from forecast.data.fetch import default_cache

    path = default_cache() / "uncertainty" / f"estimates-{_fingerprint()}-{until or 'all'}.json"
    if cache and path.exists():
        try:
            return _from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable entry is estimated again and rewritten
    pop, trends = population_shocks(until), trend_shocks(until)
    if cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(_to_json(pop, trends)), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache only costs time
    return pop, trends
