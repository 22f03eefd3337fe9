"""How large the population's uncertainty is, estimated from the shipped history (SSB 07459, 2005–2026).

The projection (forecast.population.projection) carries forward cohort-change ratios pooled over the past ten
years, moved each projected year: survival improves with the national trend at old ages, net migration below them
is damped, and births follow a child–woman ratio weighted towards recent years. What matters is how far the years
ahead fall from what that projection would have projected from the same origin, its *level error*. For every
origin o with `past` years before it and `ahead` years after it, per age band b:

    national level error  N_b,o   = mean_{j<ahead} log(persons(o+j) / projected persons(o+j)), nation
    local level error     l_m,b,o = the same for the municipality, minus the nation's
    E[l²] = L_b² + k_b (1/ahead + 1/past) / D_m,b      (D = persons in the band: chance in small numbers)

where projected persons(o+j) = the year's actual starting persons × the ratio the projection from o uses in its
year j (pooled by age and sex before o; the trend-adjusted survival of the national history up to o, which is
how a projection made then would have seen it; migration damped). Births: the child–woman ratio pooled with the
projection's recent-year weights (past = the weights' effective number of years). k_b (chance variance per year
and person) comes from the municipality's year-to-year deviations around its own mean, regressed on 1/D; L_b from
the level errors net of chance (weighted by size); the national level sd from N_b,o; the national year-to-year sd
from the national ratio's annual changes. The local level errors of different bands correlate (families move
together), estimated on municipalities of 20,000 or more. Every estimate can be cut at a year (`until`), so a
backtest only sees the history before its base year. (The projection's shrinkage of small municipalities' ratios
towards the county's is not reproduced: the chance term covers small numbers.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

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


def _level_errors(num: "np.ndarray", den: "np.ndarray", keep: "np.ndarray", past: int, ahead: int,
                  project: "Callable | None" = None, weights: "np.ndarray | None" = None):
    """Ratios num/den [m, t, sex, age] → for every origin o with `past` intervals before it and `ahead` after it:
    national level errors [origins] and local ones [m, origins]; also the national year-to-year changes of the
    band's log ratio and the band's persons [m].

    The level error is the mean over the years ahead of log(actual / projected), the projected count being the
    year's actual starting persons × the ratio a projection from o would have used: the ratios pooled over the
    past intervals (with `weights`, oldest first; ratio of sums, as forecast.population.projection pools them),
    moved for projected year j by `project(o, ratios, j)` (survival improvement, damped migration). Nationally
    the sums over municipalities; locally the municipality's own ratios, minus the national error."""
    import numpy as np

    k4 = keep[:, :, None, None]
    kn, kd = num * k4, den * k4
    band_num, band_den = kn.sum(axis=(2, 3)), kd.sum(axis=(2, 3))
    nat = np.log(band_num.sum(0) / band_den.sum(0))
    w = np.ones(past) if weights is None else np.asarray(weights, float)
    n = num.shape[1]
    nat_err, loc_err = [], []
    for o in range(past, n - ahead + 1):
        p_num = np.einsum("mtsa,t->msa", kn[:, o - past : o], w)
        p_den = np.einsum("mtsa,t->msa", kd[:, o - past : o], w)
        r_loc = np.divide(p_num, p_den, out=np.zeros_like(p_num), where=p_den > 0)
        total = p_den.sum(0)
        r_nat = np.divide(p_num.sum(0), total, out=np.zeros_like(total), where=total > 0)[None]
        e_nat, e_loc = [], []
        for j in range(ahead):
            i = o + j
            rn, rl = (project(o, r_nat, j), project(o, r_loc, j)) if project else (r_nat, r_loc)
            kk = keep[:, i]
            actual = num[:, i].sum(axis=(1, 2))
            projected = (den[:, i] * rl).sum(axis=(1, 2))
            e_nat.append(np.log(actual[kk].sum() / (den[kk, i] * rn).sum()))
            ok = kk & (actual > 0) & (projected > 0)
            e_loc.append(np.where(ok, np.log(np.where(ok, actual, 1.0) / np.where(ok, projected, 1.0)), np.nan))
        nat_err.append(float(np.mean(e_nat)))
        loc_err.append(np.nanmean(np.array(e_loc), axis=0) - nat_err[-1])
    size = np.nanmean(np.where(keep, band_den, np.nan), axis=1)
    return np.array(nat_err), np.array(loc_err).T, np.diff(nat), size


def _survival_projector(national: "np.ndarray", years: list[int], past: int, ahead: int, lo: int, hi: int,
                        settings) -> "Callable":
    """project(o, ratios [.., sex, ages lo..hi], j): the ratios a projection from origin o uses in its projected
    year j (forecast.population.rates.YearRatios): the national survival trend at the improvement ages, net
    migration damped below them. `national`: persons [year, sex, age] summed over municipalities."""
    import numpy as np

    from forecast.population.rates import survival_factors, trend_history

    ages = np.arange(lo, min(hi, national.shape[-1] - 1) + 1)  # age at the end of the interval
    old = ages >= settings.survival_improvement_from_age
    damping = settings.migration_damping
    factors: dict[int, np.ndarray] = {}

    def project(o: int, ratios: "np.ndarray", j: int) -> "np.ndarray":
        if o not in factors:  # the history up to the origin year, as a projection made then would see it
            upto = national[: o + 1]
            factors[o] = survival_factors(upto, past, ahead, settings, trend=trend_history(upto, years[o]))
        out = ratios.copy()
        out[..., old] = ratios[..., old] * factors[o][j][:, ages[old]]
        if damping is not None:
            out[..., ~old] = 1 + (ratios[..., ~old] - 1) * damping ** (j + 1)
        return out

    return project


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


def _fit_level(errors: "np.ndarray", size: "np.ndarray", k: float, past: float, ahead: int) -> float:
    """sd of the local level error: E[err²] = σ² + k (1/ahead + 1/past) / persons, σ² by weighted least squares
    (`past`: the effective number of pooled years, (Σw)² / Σw² with weights)."""
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
    from forecast.population.rates import interval_weights

    settings = projection()
    history = load_history(until)
    hv = history.values  # [m, year, sex, age]
    v = hv.sum(axis=2)  # sexes together
    tot = v.sum(axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        stable = (np.abs(tot[:, 1:] / tot[:, :-1] - 1) <= settings.max_interval_change) & (tot[:, :-1] > 0)
    num, den = hv[:, 1:, :, 1:], hv[:, :-1, :, :-1].copy()  # [m, interval, sex, age at end − 1]
    den[..., -1] += hv[:, :-1, :, -1]  # open group: (99, 100+) → 100+
    lo_f, hi_f = settings.fertile_ages
    past, ahead = _windows(num.shape[1])
    national = hv.sum(axis=0)  # [year, sex, age]
    cwr_weights = interval_weights(past, settings.child_woman_ratio_half_life)
    n_b = len(POPULATION_BANDS)
    errors = []
    out = {k: np.zeros(n_b) for k in ("nat_level", "nat_annual", "loc_level", "k")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for i, (_, lo, hi) in enumerate(POPULATION_BANDS):
            if lo == 0:  # births: children aged 0 per woman 15–49, each year from the second, recent years weighted
                n4 = v[:, 1:, 0][..., None, None]
                d4 = hv[:, 1:, 1, lo_f : hi_f + 1].sum(axis=2)[..., None, None]
                project, weights = None, cwr_weights
                pooled = float(cwr_weights.sum() ** 2 / (cwr_weights**2).sum())
            else:
                n4, d4 = num[..., lo - 1 : hi], den[..., lo - 1 : hi]
                project = _survival_projector(national, history.years, past, ahead, lo, hi, settings)
                weights, pooled = None, float(past)
            n_, d_ = n4.sum(axis=(2, 3)), d4.sum(axis=(2, 3))
            keep = stable & (n_ > 0) & (d_ > 0)
            nat_err, loc_err, nat_steps, size = _level_errors(n4, d4, keep, past, ahead, project, weights)
            with np.errstate(divide="ignore", invalid="ignore"):
                local = np.log(n_ / d_) - np.log(np.where(keep, n_, 0).sum(0) / np.where(keep, d_, 0).sum(0))
            local[~keep] = np.nan
            persons = n_ if lo == 0 else d_
            k = _fit_chance(local, np.where(keep, persons, 0.0))
            out["k"][i] = k
            out["nat_level"][i] = float(np.sqrt(np.mean(nat_err**2))) if len(nat_err) else 0.0
            out["nat_annual"][i] = float(np.sqrt(np.mean(nat_steps**2) / 2)) if len(nat_steps) else 0.0
            chance_size = np.nanmean(np.where(keep, persons, np.nan), axis=1) if lo == 0 else size
            out["loc_level"][i] = _fit_level(loc_err, np.nan_to_num(chance_size), k, pooled, ahead)
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
