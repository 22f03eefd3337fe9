"""Automation measures → FTE offsets by year. Offsets are capped so a service's net need never goes below zero.

- fixed_fte:   offset(t) = fte × ramp(t), ramp rising linearly over `ramp_years` from `start`.
- task_share:  offset(t) = gross(t) × task_share × automatable × adoption(t) × (1 − reinvest).
- annual_rate: offset(t) = gross(t) × (1 − (1 − rate)^(t − start + 1)) from `start` on.
task_share and annual_rate are shares of gross need, so two of them on the same tasks add up rather than compound.
Measures on the same service apply in file order; each one's offset is capped at what is left of the need, so an
offset is never negative, never raises need, and all offsets together never exceed gross need.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from forecast.scenario.schema import Adoption, Measure


def adoption_share(adoption: "Adoption", year: int) -> float:
    """Share adopted in `year`: 0 before start, 1 from full; linear or logistic between."""
    if year < adoption.start:
        return 0.0
    if year >= adoption.full:
        return 1.0
    x = (year - adoption.start) / (adoption.full - adoption.start)
    if adoption.curve == "linear":
        return x
    # logistic through 0 at start and 1 at full: rescaled so the ends are exact
    from forecast.data.parameters import automation

    k = automation().logistic_steepness
    lo, hi = 1 / (1 + math.exp(k / 2)), 1 / (1 + math.exp(-k / 2))
    return (1 / (1 + math.exp(-k * (x - 0.5))) - lo) / (hi - lo)


def gross_offset(measure: "Measure", years: list[int], gross: "np.ndarray") -> "np.ndarray":
    """Offset of one measure before capping, FTE by year."""
    import numpy as np

    t = np.array(years)
    if measure.kind == "fixed_fte":
        if measure.ramp_years:
            ramp = np.clip((t - measure.start + 1) / measure.ramp_years, 0, 1)
        else:
            ramp = (t >= measure.start).astype(float)
        return measure.fte * ramp
    if measure.kind == "task_share":
        share = np.array([adoption_share(measure.adoption, y) for y in years])
        return gross * measure.task_share * measure.automatable * share * (1 - measure.reinvest)
    if measure.kind == "annual_rate":
        n = np.maximum(t - measure.start + 1, 0)
        return gross * (1 - (1 - measure.rate) ** n)
    raise ValueError(f"unknown measure kind {measure.kind}")


def apply_measures(measures: list["Measure"], years: list[int], gross: "np.ndarray") -> dict[str, "np.ndarray"]:
    """Offsets by measure id, each capped at the need left after the measures before it."""
    import numpy as np

    left = np.asarray(gross, dtype=float).copy()
    out = {}
    for m in measures:
        offset = np.clip(gross_offset(m, years, gross), 0, None)
        offset = np.minimum(offset, left)
        left -= offset
        out[m.id] = offset
    return out
