"""How accurate the built-in projection has been: run from a past base year with data up to it, scored against what
happened (mean absolute percentage error of the total and of SSB's age groups), beside SSB's own projection from the
same year where it is shipped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from forecast.data.ssb_projections import AGE_GROUPS
from forecast.errors import ArgumentError, ForecastError

if TYPE_CHECKING:
    import numpy as np

    from forecast.data.parameters import ProjectionSettings

@dataclass
class PopulationScore:
    mape_total: float  # mean over municipalities of |projected − observed| / observed, percent
    by_age_group: dict[str, float]
    n_municipalities: int

    def to_json(self) -> dict:
        return {"mape_total": round(self.mape_total, 4),
                "by_age_group": {g: round(v, 4) for g, v in self.by_age_group.items()}}


@dataclass
class PopulationBacktest:
    base: int
    horizon: int
    ours: PopulationScore
    ssb: PopulationScore | None  # SSB's main alternative from the same base year, where shipped
    ours_same: PopulationScore | None  # ours on SSB's municipalities
    n_municipalities: int
    ssb_vintages: list[int]

    def to_json(self) -> dict:
        ssb = None
        if self.ssb is not None:
            ssb = {**self.ssb.to_json(), "n_municipalities": self.ssb.n_municipalities,
                   "ours_same_municipalities": self.ours_same.to_json()}
        return {"ours": self.ours.to_json(), "ssb": ssb, "n_municipalities": self.n_municipalities}


def _by_group(values: "np.ndarray") -> "np.ndarray":
    """Persons [..., sex, age] → [..., group]."""
    import numpy as np

    ages = values.sum(axis=-2)
    return np.stack([ages[..., lo : min(hi, ages.shape[-1] - 1) + 1].sum(axis=-1) for _, lo, hi in AGE_GROUPS],
                    axis=-1)


def _score(projected: "np.ndarray", observed: "np.ndarray") -> PopulationScore:
    """MAPE over municipalities (rows) of the total and of each age group (columns), skipping empty cells."""
    import numpy as np

    def mape(p, o):
        ok = o > 0
        return float(np.mean(np.abs(p[ok] - o[ok]) / o[ok]) * 100) if ok.any() else float("nan")

    return PopulationScore(mape(projected.sum(axis=1), observed.sum(axis=1)),
                           {g: mape(projected[:, i], observed[:, i]) for i, (g, _, _) in enumerate(AGE_GROUPS)},
                           len(projected))


def population_backtest(base: int, horizon: int, codes: list[str] | None = None,
                        settings: "ProjectionSettings | None" = None) -> PopulationBacktest:
    """Project from `base` with data up to it (built-in method, unscaled; `settings` default to
    data/parameters/projection.yaml) and score year base + horizon."""
    import numpy as np

    from forecast.data.ssb_projections import load_ssb_projection, ssb_vintages
    from forecast.population.cube import load_history
    from forecast.population.projection import population

    history = load_history()
    target = base + horizon
    if horizon < 1:
        raise ArgumentError(f"<horizon> must be 1 or more, got {horizon}")
    if base - 1 < history.years[0] or base >= history.years[-1]:
        raise ArgumentError(f"<base> {base} must be within {history.years[0] + 1}–{history.years[-1] - 1}, so "
                            "that there is history before it and an observed year after it")
    if target > history.years[-1]:
        raise ArgumentError(f"<base> {base} <horizon> {horizon} reaches {target}, after the last observed year "
                            f"{history.years[-1]}; use <horizon> {history.years[-1] - base} or less")
    codes = codes or history.codes
    missing = [c for c in codes if c not in history.codes]
    if missing:
        raise ForecastError(f"municipality {missing[0]} has no population history in the shipped data")
    cube = population(target, None, base, settings=settings)
    idx = [history.index(c) for c in codes]
    projected = _by_group(cube.values[idx, cube.years.index(target)])
    observed = _by_group(history.values[idx, history.years.index(target)])
    ours = _score(projected, observed)
    vintages = ssb_vintages()
    ssb = same = None
    if base in vintages:
        theirs = load_ssb_projection(base, target)
        common = [c for c in codes if c in theirs]
        if common:
            rows = [codes.index(c) for c in common]
            ssb = _score(np.array([theirs[c] for c in common]), observed[rows])
            same = _score(projected[rows], observed[rows])
    return PopulationBacktest(base, horizon, ours, ssb, same, len(codes), sorted(vintages))
