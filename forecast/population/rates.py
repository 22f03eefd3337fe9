"""Rates that move the cohort-change projection over time: survival improvement at old ages, damped net migration
below them, and a child–woman ratio at the recent level.

A cohort-change ratio pooled over the base period holds mortality at the base period's average, which lies about
(k + 1) / 2 years before the jump-off. Survival has improved steadily (nationally the loss 1 − CCR of men aged 80
fell from 6.1 % to 4.4 % 2005–2026), so a held ratio understates the old. `survival_factors` estimates the yearly
rate at which the national loss falls, by sex and age band, over SSB's national history since 1986, and returns
factors for each projected year: every municipality's ratio is multiplied by the national survival's change, so
its own migration at old ages is kept as it was.

Below those ages a pooled ratio carries the base period's net migration forward unchanged; `YearRatios` damps it
towards zero year by year. The child–woman ratio pooled with equal weights over ten years carries the higher
fertility of the early years into the first projected year (a step at the seam); `interval_weights` gives the base
intervals weights that halve every `half_life` years back, so births start at the recent level.

The settings are those of data/parameters/projection.yaml (forecast.data.parameters.ProjectionSettings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from forecast.data.parameters import ProjectionSettings


def national_losses(start: "np.ndarray", end: "np.ndarray", lo: int, hi: int) -> "np.ndarray":
    """Loss 1 − CCR of the ages lo..hi pooled, per interval and sex: [k, sex].

    `start`, `end`: persons [interval, sex, age] at the start and end of each one-year interval (the national sum).
    Ages are those at the end; the last age is the open group, fed by the open group and the age below it.
    """
    import numpy as np

    open_age = end.shape[-1] - 1
    num = end[..., lo : hi + 1].sum(axis=-1)
    den = start[..., lo - 1 : hi].sum(axis=-1)
    if hi >= open_age:
        den = den + start[..., open_age]
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 - num / den


def improvement_rates(start: "np.ndarray", end: "np.ndarray", settings: "ProjectionSettings") -> "np.ndarray":
    """Yearly rate ρ at which the national loss falls, by [sex, age] (0 below `survival_improvement_from_age`):
    minus the slope of log(loss) on time over the intervals given, per band of `survival_trend_band` ages (a short
    last band joins the open group), clipped to 0..`survival_trend_max_rate`."""
    import numpy as np

    k, n_sex, n_age = end.shape
    rates = np.zeros((n_sex, n_age))
    band, top_rate = settings.survival_trend_band, settings.survival_trend_max_rate
    if k < settings.survival_trend_min_intervals or top_rate <= 0:
        return rates
    t = np.arange(k) - (k - 1) / 2
    for lo in range(settings.survival_improvement_from_age, n_age, band):
        hi = min(lo + band - 1, n_age - 1)
        if n_age - 1 - hi < band and hi < n_age - 1:  # a short last band joins the open group
            hi = n_age - 1
        loss = national_losses(start, end, lo, hi)  # [k, sex]
        for s in range(n_sex):
            d = loss[:, s]
            if not np.all(d > 0):
                continue
            slope = float(np.polyfit(t, np.log(d), 1)[0])
            rates[s, lo : hi + 1] = min(max(-slope, 0.0), top_rate)
        if hi == n_age - 1:
            break
    return rates


def trend_history(observed: "np.ndarray", last_year: int) -> "np.ndarray":
    """National persons [year, sex, age] up to `last_year` for estimating the survival trend: SSB's national series
    (from 1986) where it reaches `last_year` and is at least as long, else `observed` (the municipalities' sum)."""
    from forecast.data.population import load_national_history

    years, nat = load_national_history(observed.shape[-1] - 1)
    if last_year not in years or years.index(last_year) + 1 < len(observed):
        return observed
    return nat[: years.index(last_year) + 1]


def survival_factors(national: "np.ndarray", k: int, n_new: int, settings: "ProjectionSettings",
                     trend: "np.ndarray | None" = None) -> "np.ndarray":
    """Factors [projected year, sex, age] that multiply the pooled cohort-change ratios (age = age at the end of the
    interval; the entry of age 0 is unused, 1).

    `national`: observed persons [year, sex, age] summed over municipalities; the ratios were pooled over its last
    `k` intervals. `trend`: a longer national history ending in the same year, for the rates (over its last
    `survival_trend_years` intervals). With the pooled national loss d̄, centred (k + 1)/2 years before the first
    projected interval, and the yearly rate ρ at which the loss falls:
    d(j) = d̄ · exp(−ρ · D(j)), D(j) = (k + 1)/2 + Σ_{i=1..j} φ^i (φ: `survival_improvement_damping`), and the
    factor is (1 − d(j)) / (1 − d̄).
    """
    import numpy as np

    n_sex, n_age = national.shape[1:]
    factors = np.ones((n_new, n_sex, n_age))
    trend = national if trend is None else trend
    window = min(settings.survival_trend_years, len(trend) - 1)
    rates = improvement_rates(trend[-window - 1 : -1], trend[-window:], settings)
    if not rates.any():
        return factors
    s_sum = national[-k - 1 : -1].sum(axis=0)[None]
    e_sum = national[-k:].sum(axis=0)[None]
    pooled = np.ones((n_sex, n_age))  # national pooled loss by single age
    for a in range(1, n_age):
        pooled[:, a] = national_losses(s_sum, e_sum, a, a)[0]
    gap = (k + 1) / 2  # from the base period's mean interval to the first projected one
    steps = np.cumsum(settings.survival_improvement_damping ** np.arange(1, n_new))
    distance = gap + np.concatenate([[0.0], steps])  # [n_new]
    with np.errstate(divide="ignore", invalid="ignore"):
        loss = pooled[None] * np.exp(-rates[None] * distance[:, None, None])
        f = (1 - loss) / (1 - pooled[None])
    ok = (rates[None] > 0) & (pooled[None] > 0) & (pooled[None] < 1) & np.isfinite(f)
    return np.where(ok, f, 1.0)


def interval_weights(k: int, half_life: float | None) -> "np.ndarray":
    """Weights of the k base intervals, oldest first: equal (None) or halving every `half_life` years back."""
    import numpy as np

    if half_life is None or half_life <= 0:
        return np.ones(k)
    return 0.5 ** ((k - 1 - np.arange(k)) / half_life)


class YearRatios:
    """Cohort-change ratios for each projected year j = 0, 1, …: the pooled ratios times the survival factors of
    year j at the old ages and, below `survival_improvement_from_age`, net migration damped towards zero:
    1 + (CCR − 1) · ψ^(j+1) (ψ: `migration_damping`; None holds it)."""

    def __init__(self, ccr: "np.ndarray", factors: "np.ndarray", settings: "ProjectionSettings"):
        self.ccr = ccr  # [municipality, sex, age at end − 1]
        self.factors = factors[..., 1:]  # [year, sex, age at end − 1]
        self.damping = settings.migration_damping
        self.young = slice(0, settings.survival_improvement_from_age - 1)  # entries of the ages 1 … from_age − 1

    def at(self, j: int) -> "np.ndarray":
        ratio = self.ccr * self.factors[j][None]
        if self.damping is not None:
            ratio[..., self.young] = 1 + (self.ccr[..., self.young] - 1) * self.damping ** (j + 1)
        return ratio
