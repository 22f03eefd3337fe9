"""The shock models estimated from the shipped history, and their cache across runs."""

from __future__ import annotations

import numpy as np
import pytest


def test_population_shock_estimates():
    from forecast.uncertainty.population_shocks import population_shocks

    full, early = population_shocks(), population_shocks(2014)
    for s in (full, early):
        for arr in (s.nat_level, s.nat_annual, s.loc_level, s.k):
            assert np.isfinite(arr).all() and (arr >= 0).all()
        share = s.national_share()
        assert ((share >= 0) & (share <= 1)).all()
        assert np.allclose(s.corr, s.corr.T) and np.all(np.linalg.eigvalsh(s.corr) > 0)
    assert early.years == (2005, 2014) and full.years == (2005, 2026)
    # chance in small numbers is of the order of one over the persons (binomial-like), not zero
    assert 0.02 < float(np.median(full.k)) < 2
    # the national part dominates the oldest ages (mortality is national), the local part the working ages
    band = [b for b, _, _ in full.bands]
    assert full.national_share()[band.index("80-89")] > full.national_share()[band.index("20-29")]
    # measured against what the projection of issue 14 would have projected (recent child–woman ratios, survival
    # trend, damped migration), births' national level error is 0.065 (0.119 against ten-year pooled ratios) and
    # 80–89's is 0.0020 (0.0096): the trend the projection now follows is no longer counted as error
    assert full.nat_level[band.index("births")] == pytest.approx(0.0655, abs=5e-4)
    assert full.nat_level[band.index("80-89")] == pytest.approx(0.0020, abs=1e-4)


def test_level_errors_against_pooled_ratios_are_larger_at_old_ages():
    """The same history measured against ratios held at their pooled level (the projection before issue 14):
    80–89's national level error is several times larger, the survival trend it carries."""
    from forecast.data.parameters import projection
    from forecast.population import load_history
    from forecast.uncertainty.population_shocks import _level_errors, _survival_projector

    hv = load_history().values
    num, den = hv[:, 1:, :, 80:90], hv[:, :-1, :, 79:89]
    keep = (num.sum(axis=(2, 3)) > 0) & (den.sum(axis=(2, 3)) > 0)
    held = _level_errors(num, den, keep, 10, 5)[0]
    moved = _level_errors(num, den, keep, 10, 5, _survival_projector(
        hv.sum(axis=0), load_history().years, 10, 5, 80, 89, projection()))[0]
    assert np.sqrt(np.mean(held**2)) > 3 * np.sqrt(np.mean(moved**2))
    assert held.mean() > 0.005  # held ratios fall short: more of the old survive than they say


def test_trend_shock_estimates_and_cache_roundtrip(tmp_path, monkeypatch):
    from forecast.uncertainty import estimate

    monkeypatch.setenv("FORECAST_CACHE", str(tmp_path))
    pop, trends = estimate.estimates()
    assert {"home_care coverage 80+", "nursing_home coverage 80+", "care fte_per_user",
            "kindergarten coverage 1-2", "primary_school fte_per_user"} <= set(trends)
    hc = trends["home_care coverage 80+"]
    assert hc.n_series > 300 and hc.loc_rw[1] > 0  # small municipalities move more
    assert hc.variance(5, users=20) > hc.variance(5, users=2000) > hc.variance(1, users=2000)
    assert list((tmp_path / "uncertainty").glob("estimates-*-all.json"))
    pop2, trends2 = estimate.estimates()  # from the cache
    assert np.array_equal(pop2.loc_level, pop.loc_level) and np.array_equal(pop2.corr, pop.corr)
    assert trends2 == trends


def test_care_fte_per_user_is_per_weighted_user_from_12292(monkeypatch):
    """The family 'care fte_per_user' is SSB 12292's user-facing FTE per weighted user; its sizes are the same
    weighted users, in the estimates and in the draws; a changed 12292 file gives a new cache entry."""
    import numpy as np

    from forecast.data.care_history import fte_per_user_history
    from forecast.trends.series import care_series
    from forecast.uncertainty import estimate
    from forecast.uncertainty.build import _care_weighted_users
    from forecast.uncertainty.trend_shocks import care_users

    history = fte_per_user_history()
    bergen = history[(history["municipality"] == "4601") & (history["year"] <= 2025)]
    users = care_users(2025)
    assert users["4601"] == pytest.approx(bergen["weighted_users"].tail(5).mean())
    series = next(s for s in care_series() if s.family == "care fte_per_user" and s.municipality == "4601")
    assert series.values[-1] == pytest.approx(bergen["fte_per_weighted_user"].iloc[-1])
    sizes = _care_weighted_users(["4601", "9999"], 2025, np.array([1.0, 100.0]), np.array([1.0, 10.0]))
    assert sizes[0] == users["4601"] and 100 < sizes[1] < 100 + 10 * 10
    names = []
    monkeypatch.setattr("hashlib.sha256", lambda: type("H", (), {"update": lambda self, b: names.append(b),
                                                                  "hexdigest": lambda self: "0" * 40})())
    estimate._fingerprint()
    assert {b"ssb12292_care_fte_and_users_2015_2025.csv", b"care_history.py", b"rates.py"} <= set(names)
