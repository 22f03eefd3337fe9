"""Calibration backtests of the intervals and sensitivity by source."""

from __future__ import annotations

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
    from forecast.uncertainty.sensitivity import COLUMNS, sensitivity

    s = sensitivity(bergen / "baseline.yaml", draws=150, seed=1)
    assert list(s.columns) == COLUMNS == ["scenario", "municipality", "service", "variable", "unit", "year", "source",
                                          "p10", "p90", "swing_share", "spearman"]
    assert set(s["municipality"]) == {"4601"} and set(s["year"]) == {2040}
    assert set(s["service"]) == {"all", "kindergarten", "primary_school", "home_care", "nursing_home"}
    assert set(zip(s["variable"], s["unit"])) == {("fte", "FTE"), ("hires", "persons")}
    fte = s[(s["service"] == "nursing_home") & (s["variable"] == "fte")].set_index("source")
    hires = s[(s["service"] == "nursing_home") & (s["variable"] == "hires")].set_index("source")
    assert fte.loc["turnover", "swing_share"] == 0 and fte.loc["position_size", "swing_share"] == 0
    assert fte.loc["turnover", "p10"] == fte.loc["turnover", "p90"]  # without its source, the central value
    assert hires.loc["turnover", "swing_share"] > 0
    assert fte.loc["coverage", "spearman"] > 0.3
    assert set(s["source"]) == {"population", "coverage", "fte_per_user", "turnover", "position_size", "scenario"}
    first = s.groupby(["service", "variable"], sort=False).head(1)  # sorted: the largest swing first
    assert (first.set_index(["service", "variable"])["swing_share"]
            == s.groupby(["service", "variable"])["swing_share"].max()).all()
    central = s[(s["variable"] == "fte") & (s["source"] == "turnover")].set_index("service")["p10"]
    assert central["all"] == pytest.approx(central.drop("all").sum())


def test_sensitivity_of_several_municipalities_is_of_their_total(several):
    from forecast.uncertainty.sensitivity import sensitivity

    s = sensitivity(several(["4601", "1811"]), draws=40, seed=2, sources=("population", "turnover"))
    assert set(s["municipality"]) == {"2 municipalities"} and set(s["source"]) == {"population", "turnover"}
    one = sensitivity(several(["4601", "1811"]), municipality="1811", draws=40, seed=2, sources=("turnover",))
    assert set(one["municipality"]) == {"1811"}
