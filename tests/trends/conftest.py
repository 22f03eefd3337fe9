import pytest


@pytest.fixture(autouse=True)
def _trend_cache(tmp_path, monkeypatch):
    """Every trend test keeps fitted forecasts in its own folder, never in the user's cache."""
    monkeypatch.setenv("FORECAST_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("FORECAST_NO_CACHE", raising=False)
