"""How large the population's uncertainty is, estimated from the shipped history (SSB 07459, 2005–2026).

The projection carries forward cohort-change ratios pooled over the past (up to ten years). What matters is how far
the mean ratio of the years ahead falls from that pooled past, its *level error*. For every origin with `past`
years before it and `ahead` years after it, per age band b:

    national level error  N_b,o   = mean_{ahead} log CCR_nation − mean_{past} log CCR_nation
    local level error     l_m,b,o = the same for the municipality's ratio minus the nation's
    E[l²] = L_b² + k_b (1/ahead + 1/past) / D_m,b      (D = persons in the band: chance in small numbers)

k_b (chance variance per year and person) comes from the municipality's year-to-year deviations around its own
mean, regressed on 1/D; L_b from the level errors net of chance (weighted by size); the national level sd from
N_b,o; the national year-to-year sd from the national ratio's annual changes. The local level errors of different
bands correlate (families move together), estimated on municipalities of 20,000 or more. Births: the same for the
log child–woman ratio (D = children aged 0). Every estimate can be cut at a year (`until`), so a backtest only sees
the history before its base year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# age bands whose cohort-change ratios share a shock (age = age reached at the end of the interval); 0 = births
POPULATION_BANDS: tuple[tuple[str, int, int], ...] = (
    ("births", 0, 0), ("1-5", 1, 5), ("6-15", 6, 15), ("16-19", 16, 19), ("20-29", 20, 29), ("30-39", 30, 39),
    ("40-49", 40, 49), ("50-66", 50, 66), ("67-79", 67, 79), ("80-89", 80, 89), ("90+", 90, 100),
)


@dataclass(frozen=True)
class PopulationShocks:
    """Per band (POPULATION_BANDS order), standard deviations of the log ratio's error, per year of projection:
    national level error, national year-to-year variation, local level error; and the small-numbers coefficient
    k (local chance variance per year = k / persons)."""

    bands: tuple[tuple[str, int, int], ...]
    nat_level: "np.ndarray"
    nat_annual: "np.ndarray"
    loc_level: "np.ndarray"
    k: "np.ndarray"
    until: int
    years: tuple[int, int]  # first and last year of the history used
    windows: tuple[int, int]  # years pooled before an origin, years averaged after it
    corr: "np.ndarray | None" = None  # [B, B] correlation of level errors between bands (local; used nationally too)

    def national_share(self, persons: float = 10_000, horizon: int = 10) -> "np.ndarray":
        """Share of the variance of a band's cumulated log-ratio error over `horizon` years that is national, for a
        band of `persons` in one municipality."""
        nat = horizon**2 * self.nat_level**2 + horizon * self.nat_annual**2
        loc = horizon**2 * self.loc_level**2 + horizon * self.k / persons
        return nat / (nat + loc)

    def to_rows(self) -> list[dict]:
        share = self.national_share()
        return [{"band": b, "national_level_sd": float(self.nat_level[i]),
                 "national_annual_sd": float(self.nat_annual[i]), "local_level_sd": float(self.loc_level[i]),
                 "chance_k": float(self.k[i]), "national_share": float(share[i])}
                for i, (b, _, _) in enumerate(self.bands)]


def _level_errors(num: "np.ndarray", den: "np.ndarray", keep: "np.ndarray", past: int, ahead: int):
    """Log ratios [m, t] → for every origin with `past` years before and `ahead` after it: national level errors
    [origins] and local ones [m, origins], each the mean log ratio ahead minus the mean over the past (the pooled
    ratio the projection carries forward); also the national year-to-year changes and the band's persons [m]."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.log(num / den)
    keep = keep & np.isfinite(r)
    r = np.where(keep, r, np.nan)
    nat = np.log(np.where(keep, num, 0).sum(0) / np.where(keep, den, 0).sum(0))
    local = r - nat[None, :]
    n = r.shape[1]
    nat_err, loc_err = [], []
    for o in range(past, n - ahead + 1):
        nat_err.append(nat[o : o + ahead].mean() - nat[o - past : o].mean())
        with np.errstate(invalid="ignore"):
            loc_err.append(np.nanmean(local[:, o : o + ahead], 1) - np.nanmean(local[:, o - past : o], 1))
    return np.array(nat_err), np.array(loc_err).T, np.diff(nat), np.nanmean(np.where(keep, den, np.nan), axis=1)


def _fit_chance(local: "np.ndarray", size: "np.ndarray") -> float:
    """k in var(local annual deviation) = s² + k / persons (deviations from each municipality's own mean)."""
    import numpy as np
    from scipy.optimize import nnls

    with np.errstate(invalid="ignore"):
        dev = local - np.nanmean(local, axis=1, keepdims=True)
    ok = np.isfinite(dev) & (size > 0)
    x = np.column_stack([np.ones(ok.sum()), 1.0 / size[ok]])
    w = np.sqrt(np.minimum(size[ok], 5_000.0))
    return float(nnls(x * w[:, None], dev[ok] ** 2 * w)[0][1])


def _fit_level(errors: "np.ndarray", size: "np.ndarray", k: float, past: int, ahead: int) -> float:
    """sd of the local level error: E[err²] = σ² + k (1/ahead + 1/past) / persons, σ² by weighted least squares."""
    import numpy as np

    ok = np.isfinite(errors) & (size[:, None] > 0)
    chance = k * (1 / ahead + 1 / past) / np.broadcast_to(size[:, None], errors.shape)[ok]
    w = np.minimum(np.broadcast_to(size[:, None], errors.shape)[ok], 5_000.0)
    s2 = float(np.sum(w * (errors[ok] ** 2 - chance)) / np.sum(w))
    return float(np.sqrt(max(s2, 0.0)))


def _windows(n_intervals: int) -> tuple[int, int]:
    """Years pooled before an origin (as many as the projection pools: projection.yaml base_years, 10) and years
    averaged after it (up to 5)."""
    from forecast.data.parameters import projection

    ahead = min(5, max(1, n_intervals // 3))
    return min(projection().base_years, n_intervals - ahead), ahead


@lru_cache(maxsize=8)
def population_shocks(until: int | None = None) -> PopulationShocks:
    """Estimate the population shock model from 07459 (history up to `until`)."""
    import warnings

    import numpy as np

    from forecast.data.parameters import projection
    from forecast.population import load_history

    history = load_history(until)
    v = history.values.sum(axis=2)  # [m, year, age], sexes together
    tot = v.sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        stable = (np.abs(tot[:, 1:] / tot[:, :-1] - 1) <= projection().max_interval_change) \
            & (tot[:, :-1] > 0)
    num, den = v[:, 1:, 1:], v[:, :-1, :-1].copy()
    den[..., -1] += v[:, :-1, -1]  # open group: (99, 100+) → 100+
    lo_f, hi_f = projection().fertile_ages
    past, ahead = _windows(num.shape[1])
    n_b = len(POPULATION_BANDS)
    errors = []
    out = {k: np.zeros(n_b) for k in ("nat_level", "nat_annual", "loc_level", "k")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for i, (_, lo, hi) in enumerate(POPULATION_BANDS):
            if lo == 0:  # births: children aged 0 per woman 15–49, each year from the second
                n_, d_ = v[:, 1:, 0], history.values[:, 1:, 1, lo_f : hi_f + 1].sum(axis=2)
            else:
                n_, d_ = num[..., lo - 1 : hi].sum(axis=2), den[..., lo - 1 : hi].sum(axis=2)
            keep = stable & (n_ > 0) & (d_ > 0)
            nat_err, loc_err, nat_steps, size = _level_errors(n_, d_, keep, past, ahead)
            with np.errstate(divide="ignore", invalid="ignore"):
                local = np.log(n_ / d_) - np.log(np.where(keep, n_, 0).sum(0) / np.where(keep, d_, 0).sum(0))
            local[~keep] = np.nan
            persons = n_ if lo == 0 else d_
            k = _fit_chance(local, np.where(keep, persons, 0.0))
            out["k"][i] = k
            out["nat_level"][i] = float(np.sqrt(np.mean(nat_err**2))) if len(nat_err) else 0.0
            out["nat_annual"][i] = float(np.sqrt(np.mean(nat_steps**2) / 2)) if len(nat_steps) else 0.0
            chance_size = np.nanmean(np.where(keep, persons, np.nan), axis=1) if lo == 0 else size
            out["loc_level"][i] = _fit_level(loc_err, np.nan_to_num(chance_size), k, past, ahead)
            errors.append(loc_err)
    return PopulationShocks(POPULATION_BANDS, years=(history.years[0], history.years[-1]),
                            until=history.years[-1], windows=(past, ahead), corr=_band_correlation(errors, tot),
                            **out)


def _band_correlation(errors: list["np.ndarray"], totals: "np.ndarray", min_persons: float = 20_000,
                      shrink: float = 0.1) -> "np.ndarray":
    """Correlation between bands of the local level errors, from municipalities of at least `min_persons` (where
    chance in small numbers, independent between bands, does not mask it), shrunk by `shrink` towards no
    correlation so that it is positive definite. Families move together: 1–5, 6–15, 30–39 and 40–49 correlate by
    0.5–0.8 in the full history."""
    import numpy as np

    big = totals[:, -1] >= min_persons
    x = np.array([e[big].ravel() for e in errors])  # [B, municipalities × origins]
    ok = np.isfinite(x).all(axis=0)
    n = len(errors)
    if ok.sum() < n + 2:
        return np.eye(n)
    r = np.nan_to_num(np.corrcoef(x[:, ok]))
    np.fill_diagonal(r, 1.0)
    return (1 - shrink) * r + shrink * np.eye(n)
