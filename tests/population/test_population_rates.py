"""Time-varying rates of the projection: survival improvement, recent-weighted child–woman ratios, the national
history the survival trend is estimated from."""

import dataclasses

import numpy as np
import pytest

from forecast.data.parameters import projection
from forecast.population.rates import improvement_rates, interval_weights, survival_factors


def synthetic(rho: float, years: int = 13, loss0: float = 0.1):
    """Persons [year, sex, age] whose loss 1 − CCR at every age ≥ 1 falls by `rho` a year."""
    n_age = 101
    pop = np.full((years, 2, n_age), 1000.0)
    for t in range(years - 1):
        keep = 1 - loss0 * np.exp(-rho * t)
        pop[t + 1, :, 1:-1] = pop[t, :, :-2] * keep
        pop[t + 1, :, -1] = (pop[t, :, -2] + pop[t, :, -1]) * keep
    return pop


def test_rates_recover_a_known_yearly_fall_in_mortality():
    pop = synthetic(0.02)
    rates = improvement_rates(pop[:-1], pop[1:], projection())
    assert projection().survival_improvement_from_age == 70
    assert rates[:, :70].max() == 0
    np.testing.assert_allclose(rates[:, 70:], 0.02, rtol=1e-9)
    capped = dataclasses.replace(projection(), survival_trend_max_rate=0.01)
    np.testing.assert_allclose(improvement_rates(pop[:-1], pop[1:], capped)[:, 70:], 0.01)


def test_factors_follow_the_damped_equation():
    national = synthetic(0.02, years=11)  # 10 intervals
    settings = dataclasses.replace(projection(), survival_improvement_damping=0.9)
    f = survival_factors(national, 10, 3, settings)
    pooled = 1 - national[1:, 0, 80].sum() / national[:-1, 0, 79].sum()
    gap = 10 - 4.5  # the first projected interval lies 5.5 years after the base period's mean interval
    for j, extra in enumerate((0.0, 0.9, 0.9 + 0.81)):
        expected = (1 - pooled * np.exp(-0.02 * (gap + extra))) / (1 - pooled)
        assert f[j, 0, 80] == pytest.approx(expected, rel=1e-12)
    assert (f[:, :, :70] == 1).all() and (f[:, :, 70:] > 1).all()
    off = dataclasses.replace(projection(), survival_trend_max_rate=0.0)  # survival improvement switched off
    assert (survival_factors(national, 10, 3, off) == 1).all()


def test_recent_intervals_weigh_more():
    w = interval_weights(4, 1.0)
    np.testing.assert_allclose(w, [0.125, 0.25, 0.5, 1.0])
    assert (interval_weights(3, None) == 1).all()


def test_national_history_matches_the_municipal_sum():
    from forecast.data.population import load_national_history
    from forecast.population import load_history

    years, nat = load_national_history(100)
    assert years[0] == 1986 and years[-1] == 2026
    history = load_history()
    municipal = history.values.sum(axis=0)
    for y in (2016, 2026):  # (2005 lacks Vindafjord and Aure in the municipal file: data/SOURCES.md)
        assert nat[years.index(y)].sum() == pytest.approx(municipal[history.years.index(y)].sum(), rel=0.002)
    assert nat[years.index(2026)].sum() == 5_627_400


def test_held_settings_give_the_ratios_of_the_base_period():
    """With survival improvement off (max rate 0), equal weights and no migration damping, every projected year
    uses the same cohort-change ratio (the method before these rates)."""
    from forecast.population import load_history, project

    held = dataclasses.replace(projection(), survival_trend_max_rate=0.0, child_woman_ratio_half_life=None,
                               migration_damping=None)
    cube = project(load_history(), 2040, held)
    bergen, t = cube.slice("4601"), cube.years.index(2030)
    for age in (40, 85):
        np.testing.assert_allclose(bergen[t + 1, :, age + 1] / bergen[t, :, age],
                                   bergen[t + 6, :, age + 1] / bergen[t + 5, :, age], rtol=1e-12)
