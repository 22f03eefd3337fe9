"""How often the 80 % intervals of past forecasts held what happened: the calibration table of the draws.

Rows from the backtests (forecast.uncertainty.calibration: one per base, horizon, municipality and age group for
the population; one per origin, family and municipality for care) are summarised into one table a reader can check
against the nominal level: the share inside the interval (coverage, target 75–85 % for 80 % intervals), how many
intervals, and their median width relative to the central value (which should grow with the horizon).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

TARGET = (0.75, 0.85)  # empirical coverage an 80 % interval should reach


@dataclass
class CoverageResult:
    """Backtests of the intervals: the summary table and the rows behind it."""

    table: "pd.DataFrame"  # what, group, horizon, intervals, coverage, median_width, in_target
    population: "pd.DataFrame"
    care: "pd.DataFrame"
    draws: int
    seed: int
    level: float = 0.8


def _summarise(df: "pd.DataFrame", what: str, group: "pd.Series") -> "pd.DataFrame":
    g = df.assign(group=group).groupby(["group", "horizon"], sort=False)
    out = g.agg(intervals=("inside", "size"), coverage=("inside", "mean"),
                median_width=("relative_width", "median")).reset_index()
    out.insert(0, "what", what)
    return out


def coverage_table(population: "pd.DataFrame", care: "pd.DataFrame", draws: int, seed: int,
                   level: float = 0.8) -> CoverageResult:
    """Population: the total and each age group, pooled over bases, per horizon, and every interval pooled;
    care: coverage rates, users and FTE per user, per horizon."""
    import pandas as pd

    parts = []
    if not population.empty:
        pooled = population.assign(horizon=population["horizon"].astype(str))
        parts.append(_summarise(pooled.assign(horizon="all"), "population", pd.Series("all intervals",
                                                                                       index=pooled.index)))
        parts.append(_summarise(population, "population", population["band"]))
        total = population[population["band"] == "total"]
        parts.append(_summarise(total, "population total by base", total["base"].astype(str)))
    if not care.empty:
        parts.append(_summarise(care, "care", care["quantity"].map(
            {"rate": "coverage and FTE per user", "users": "users"}).fillna(care["quantity"])))
        parts.append(_summarise(care, "care by family", care["family"] + " " + care["quantity"]))
    table = pd.concat(parts, ignore_index=True)
    table["horizon"] = table["horizon"].astype(str)
    lo, hi = TARGET
    table["in_target"] = table["coverage"].between(lo, hi)
    return CoverageResult(table, population, care, draws, seed, level)
