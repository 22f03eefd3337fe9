"""Calibration backtests of the intervals and sensitivity by source."""

from __future__ import annotations

import math

import pytest


def test_population_coverage_rises_with_the_scale():
    from forecast.uncertainty.calibration import population_coverage, summary

    narrow = population_coverage(bases=(2019,), horizons=(5,), draws=60, scale=0.5)
    wide = population_coverage(bases=(2019,), horizons=(5,), draws=60, scale=2.0)
    assert len(narrow) > 300 * 10 and narrow["inside"].dtype == bool
    assert wide["inside"].mean() > narrow["inside"].mean() + 0.2
    total = summary(narrow[narrow["band"] == "total"], ["horizon"])
    assert total["mape_central"].iloc[0] == pytest.approx(0.024, abs=0.004)  # the deterministic backtest's error


def test_tune_interpolates_to_the_target():
    from forecast.uncertainty.calibration import tune

    scale, evidence = tune(lambda s: min(1.0, 0.5 * s), scales=(1.0, 1.5, 2.0))
    assert scale == pytest.approx(1.6) and evidence[:2] == [(1.0, 0.5), (1.5, 0.75)]


def test_sensitivity_ranks_sources(bergen):
    from forecast.uncertainty.sensitivity import sensitivity

    s = sensitivity(bergen / "baseline.yaml", draws=150, seed=1)
    fte = s[(s["service"] == "nursing_home") & (s["variable"] == "fte")].set_index("source")
    hires = s[(s["service"] == "nursing_home") & (s["variable"] == "hires")].set_index("source")
    assert fte.loc["turnover", "swing_share"] == 0 and fte.loc["position_size", "swing_share"] == 0
    assert hires.loc["turnover", "swing_share"] > 0
    assert fte.loc["coverage", "spearman"] > 0.3
    assert set(s["source"]) == {"population", "coverage", "fte_per_user", "turnover", "position_size", "scenario"}
    assert (s.groupby(["service", "variable"])["rank"].min() == 1).all()
    assert math.isclose(fte["central"].iloc[0], fte["central"].iloc[-1])
    total = s[(s["service"] == "all services") & (s["variable"] == "fte")]["central"].iloc[0]
    parts = s[(s["service"] != "all services") & (s["variable"] == "fte") & (s["source"] == "population")]
    assert total == pytest.approx(parts["central"].sum())
