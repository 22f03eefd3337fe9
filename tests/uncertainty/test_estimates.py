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
    # the numbers the research notes report (full history): births' national level error, 80–89's national share
    assert full.nat_level[band.index("births")] == pytest.approx(0.1194, abs=5e-4)
    assert full.national_share()[band.index("80-89")] == pytest.approx(0.95, abs=5e-3)


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
