"""The cache of fitted trend forecasts (forecast.trends.cache): hits give the same bytes, changes miss, damage is
ignored, and the folder follows FORECAST_CACHE."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from forecast.trends import cache, factors
from forecast.trends.factors import series_factors
from forecast.trends.series import find_series

YEARS = list(range(2025, 2041))


@pytest.fixture
def bergen_80():
    """Bergen's home-care coverage 80+ (2007–2025): long enough for auto to weigh every candidate."""
    return find_series("4601", "home_care", "coverage", "80+")


def entries(root: Path) -> list[Path]:
    return sorted((root / "trends").rglob("*.json"))


def as_bytes(f) -> bytes:
    return b"".join(a.tobytes() for a in (f.value, f.lower80, f.upper80, f.lower95, f.upper95))


def test_a_hit_gives_the_same_forecast_without_fitting(bergen_80, tmp_path, monkeypatch):
    cold = series_factors(bergen_80, "auto", 2025, YEARS)
    [entry] = entries(tmp_path / "cache")
    assert json.loads(entry.read_text())["chosen"] == cold.model.removeprefix("auto → ") == "drift"

    def no_fit(*args):
        raise AssertionError("fitted although the cache holds the forecast")

    monkeypatch.setattr(factors, "_fit", no_fit)
    warm = series_factors(bergen_80, "auto", 2025, YEARS)
    assert as_bytes(warm) == as_bytes(cold) and (warm.model, warm.source) == (cold.model, cold.source)
    monkeypatch.undo()
    monkeypatch.setenv("FORECAST_NO_CACHE", "1")
    bypassed = series_factors(bergen_80, "auto", 2025, YEARS)
    assert as_bytes(bypassed) == as_bytes(cold) and bypassed.model == cold.model


def test_changed_data_horizon_or_model_miss(bergen_80, tmp_path):
    series_factors(bergen_80, "theta", 2025, YEARS)
    changed = dataclasses.replace(bergen_80, values=bergen_80.values * np.r_[np.ones(18), 1.0001])
    moved = series_factors(changed, "theta", 2025, YEARS)
    series_factors(bergen_80, "theta", 2025, YEARS[:-1])  # a shorter horizon
    series_factors(bergen_80, "ets", 2025, YEARS)
    assert len(entries(tmp_path / "cache")) == 4
    assert moved.value[-1] != series_factors(bergen_80, "theta", 2025, YEARS).value[-1]
    key = cache.key(bergen_80.values, bergen_80.years, "theta", 15)
    assert key != cache.key(bergen_80.values, [y + 1 for y in bergen_80.years], "theta", 15)  # same values, years moved
    assert key != cache.key(bergen_80.values, bergen_80.years, "theta", 15, transform="none")


def test_the_method_version_changes_with_trends_yaml(monkeypatch):
    from forecast.data import parameters

    before = cache.method_version()
    cache.method_version.cache_clear()
    settings = parameters.trends()
    monkeypatch.setattr(parameters, "trends", lambda: dataclasses.replace(settings, auto_margin=0.4))
    try:
        assert cache.method_version() != before
    finally:
        cache.method_version.cache_clear()


@pytest.mark.parametrize("damage", ["not json {", '{"format": 1, "chosen": "theta"}',
                                    '{"format": 1, "chosen": "theta", "model": "theta", "detail": "", '
                                    '"forecast": [[1, 2, 3, 4, 5]]}'])
def test_a_corrupt_entry_is_ignored_and_written_again(bergen_80, tmp_path, damage):
    first = series_factors(bergen_80, "theta", 2025, YEARS)
    [entry] = entries(tmp_path / "cache")
    good = entry.read_bytes()
    entry.write_text(damage)
    again = series_factors(bergen_80, "theta", 2025, YEARS)
    assert as_bytes(again) == as_bytes(first)
    assert entry.read_bytes() == good


def test_a_cache_that_cannot_be_written_is_no_error(bergen_80, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FORECAST_CACHE", str(blocker))
    assert series_factors(bergen_80, "theta", 2025, YEARS).model == "theta"


def test_the_folder_follows_forecast_cache_then_xdg(tmp_path, monkeypatch):
    assert cache.folder() == tmp_path / "cache" / "trends"
    monkeypatch.delenv("FORECAST_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "forecast" / "trends"


def test_closed_form_models_are_not_kept(bergen_80, tmp_path):
    series_factors(bergen_80, "naive", 2025, YEARS)
    series_factors(bergen_80, "drift", 2025, YEARS)
    assert entries(tmp_path / "cache") == []


def test_a_run_with_auto_gives_the_same_bytes_cold_warm_and_without_cache(tmp_path, monkeypatch):
    from forecast import load_scenario, run

    scenario = tmp_path / "auto.yaml"
    scenario.write_text("title: Bergen, home care with auto\nmunicipality: '4601'\nperiod: {base: 2025, end: 2040}\n"
                        "services:\n  home_care: {trend: auto}\n")

    def csv() -> bytes:
        factors._series_factors_cached.cache_clear()  # in-process memo: each run starts from the disk cache
        return run(load_scenario(scenario)).frame.to_csv(index=False).encode()

    cold = csv()
    assert len(entries(tmp_path / "cache")) == 4  # coverage 0–66, 67–79, 80+ and care FTE per weighted user
    fit = factors._fit

    def only_closed_forms(s, y, model, *args):  # the services without a trend fit naive for their intervals
        assert model in cache.CHEAP, f"{s.id}: {model} fitted although the cache holds the forecast"
        return fit(s, y, model, *args)

    with monkeypatch.context() as m:
        m.setattr(factors, "_fit", only_closed_forms)
        warm = csv()
    monkeypatch.setenv("FORECAST_NO_CACHE", "1")
    assert cold == warm == csv()
