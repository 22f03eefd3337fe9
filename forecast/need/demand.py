"""Users and FTE need of one service in one municipality, year by year.

users(t) = Σ_band pop_band(t) × coverage_band(t) × (1 + coverage_change)^(t − base)
fte(t)   = Σ_band users_band(t) × weight_band × fte_per_weighted_user × (1 + fte_per_user_change)^(t − base)
fte_per_weighted_user is calibrated so that the calibration year reproduces the observed FTE (or, with
`staffing:`, so that the base year reproduces the municipality's own figure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.need.calibration import Calibration

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube
    from forecast.trends.factors import Factors, TrendPath


@dataclass
class ServiceDemand:
    """Demand path of one service: arrays over `years` (no automation yet)."""

    service: str
    municipality: str
    years: list[int]
    population: "np.ndarray"  # persons in the service's age bands
    users: "np.ndarray"  # persons
    weighted_users: "np.ndarray"
    fte: "np.ndarray"  # FTE need before automation
    fte_per_weighted_user: float
    calibration: Calibration
    extra: dict[str, tuple[str, "np.ndarray"]] = field(default_factory=dict)  # variable → (unit, values)
    bounds: dict[str, tuple["np.ndarray", "np.ndarray"]] = field(default_factory=dict)  # variable → (lower, upper)


def project_demand(
    cal: Calibration,
    cube: "PopulationCube",
    years: list[int],
    base: int,
    coverage_change: float = 0.0,
    fte_per_user_change: float = 0.0,
    staffing: float | None = None,
    trend: "TrendPath | None" = None,
    interval_only: bool = False,
) -> ServiceDemand:
    """Users and FTE need over `years`. With a `trend`, coverage and FTE per user follow its factors (relative to
    the base year) and users/FTE get its 80 % interval as bounds; with `interval_only`, the point path stays
    constant and only the interval is taken (the constant path is the naive forecast; its interval is the naive
    random walk's)."""
    import numpy as np

    pops = cube.slice(cal.municipality)
    n = len(years)
    population = np.zeros(n)
    users = np.zeros(n)
    weighted = np.zeros(n)
    young = np.zeros(n)  # users below the age a staffing norm splits at (kindergarten: under 3)
    split = cal.norm.split_age if cal.norm else 0
    for i, year in enumerate(years):
        pop = pops[cube.years.index(year)]
        cov = cal.coverage_at(year)
        growth = (1 + coverage_change) ** max(year - base, 0)
        for b in cal.bands:
            band_pop = pop[:, b.lo : b.hi + 1].sum()
            u = band_pop * cov[b.label] * growth
            population[i] += band_pop
            users[i] += u
            weighted[i] += u * b.weight
            if b.hi < split:
                young[i] += u
    if staffing is not None:
        per = staffing / weighted[years.index(base)] if weighted[years.index(base)] else 0.0
    else:
        cal_pop = pops[cube.years.index(cal.year)]
        cal_weighted = cal.weighted_users(cal_pop)
        per = cal.fte / cal_weighted if cal_weighted else 0.0
    standard = (1 + fte_per_user_change) ** np.maximum(np.array(years) - base, 0)
    bounds = {}
    if trend is not None:
        (c, c_lo, c_hi), (f, f_lo, f_hi) = _factors(trend.coverage, years), _factors(trend.fte_per_user, years)
        if interval_only:
            c_lo, c_hi, f_lo, f_hi = c_lo / c, c_hi / c, f_lo / f, f_hi / f
            c, f = np.ones(n), np.ones(n)
        users, weighted, standard, young = users * c, weighted * c, standard * f, young * c
        has = (trend.coverage.model != "constant") or (trend.fte_per_user.model != "constant")
        if has:
            bounds["users"] = (users * c_lo / c, users * c_hi / c)
            # coverage and FTE per user as independent log-normal factors: log half-widths add in quadrature
            lo = np.exp(-np.hypot(np.log(c / c_lo), np.log(f / f_lo)))
            hi = np.exp(np.hypot(np.log(c_hi / c), np.log(f_hi / f)))
            point = weighted * per * standard
            bounds["fte"] = (point * lo, point * hi)
    fte = weighted * per * standard
    extra = {}
    if cal.norm:
        # a staffing norm in law is a floor: the need never falls below it, whatever the age mix or standards do
        norm = cal.norm.minimum(young, users - young)
        fte = np.maximum(fte, norm)
        extra["fte_norm_minimum"] = ("FTE", norm)
    result = ServiceDemand(cal.service, cal.municipality, years, population, users, weighted, fte, per, cal,
                           extra=extra, bounds=bounds)
    return result


def _factors(f: "Factors", years: list[int]) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Point, lower and upper 80 % factors for `years`; where a factor is undefined (a base-year coverage of
    zero), the path is held and has no width."""
    import numpy as np

    idx = [f.years.index(y) for y in years]
    value = np.asarray(f.value, dtype=float)[idx]
    value = np.where(np.isfinite(value) & (value > 0), value, 1.0)
    lo = np.asarray(f.lower80, dtype=float)[idx]
    hi = np.asarray(f.upper80, dtype=float)[idx]
    lo = np.where(np.isfinite(lo) & (lo > 0) & (lo <= value), lo, value)
    hi = np.where(np.isfinite(hi) & (hi >= value), hi, value)
    return value, lo, hi
