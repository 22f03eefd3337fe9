"""The one rule for totals over municipalities, counties or services, used by every table, chart and export.

Values add up. Interval bounds do not: the 80 % interval of a sum is not the sum of the parts' bounds (that would
assume every part is at its own 10th percentile at once, which is far less likely than 10 %). Until the model draws
joint outcomes, a sum over more than one row carries no interval (lower and upper are NaN), and readers say so
(NO_INTERVAL). A "sum" over a single row keeps that row's interval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

NO_INTERVAL = {
    "en": "Sums over services or municipalities carry no 80 % interval: the interval of a sum is not the sum of the "
          "parts' intervals.",
    "nb": "Summer over tjenester eller kommuner har ikke noe 80 %-intervall: intervallet for en sum er ikke summen "
          "av delenes intervaller.",
}


def summed(frame: "pd.DataFrame", over: str, label: str | None = None) -> "pd.DataFrame":
    """`frame` (canonical columns, or any with value and optionally lower/upper) summed over the column `over`
    (e.g. "municipality" or "service"), in first-seen order of the other keys. With `label`, the column `over`
    holds it (e.g. "357 municipalities"); without, the column is dropped."""
    import numpy as np

    from forecast.results.frame import quantile_columns

    drawn = [*quantile_columns(frame), *(["stands_out"] if "stands_out" in frame.columns else [])]
    if drawn:  # quantiles do not add: a sum's come from the draws (forecast.results.quantiles.total_intervals)
        frame = frame.drop(columns=drawn)
    keys = [c for c in frame.columns if c not in (over, "value", "lower", "upper")]
    bounds = [b for b in ("lower", "upper") if b in frame.columns]
    grouped = frame.groupby(keys, sort=False, as_index=False, dropna=False)
    out = grouped["value"].sum()
    if bounds:
        single = grouped["value"].size()["size"].to_numpy() == 1
        first = grouped[bounds].first()
        for b in bounds:
            out[b] = np.where(single, first[b].to_numpy(dtype=float), np.nan)
    if label is not None:
        out[over] = label
        out = out[[c for c in frame.columns if c in out.columns]]
    return out.reset_index(drop=True)
