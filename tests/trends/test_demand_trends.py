"""Trend settings flow into demand: the path follows the model, and every care/school forecast carries an interval
and the name of the model that produced it."""

import numpy as np
import pytest

from forecast.scenario import scenario_from_dict


def fte(result, service):
    f = result.frame
    return f[(f["service"] == service) & (f["variable"] == "fte") & (f["occupation"] == "all")].set_index("year")


def test_constant_default_keeps_the_path_and_adds_a_naive_interval(baseline_result):
    for service in ("primary_school", "home_care", "nursing_home"):
        s = fte(baseline_result, service)
        assert s.loc[2025, "lower"] == pytest.approx(s.loc[2025, "value"])
        assert s.loc[2025, "upper"] == pytest.approx(s.loc[2025, "value"])
        assert (s["lower"] <= s["value"] + 1e-9).all() and (s["value"] <= s["upper"] + 1e-9).all()
        width = (s["upper"] - s["lower"]) / s["value"]
        assert width.loc[2040] > width.loc[2030] > 0  # uncertainty grows with the horizon
    assert fte(baseline_result, "kindergarten")["lower"].isna().all()  # no history, no interval
    notes = " ".join(baseline_result.note_texts())
    assert "home_care: trend constant (SSB's reference-path convention); lower/upper = 80 % interval of the naive" in notes
    assert "kindergarten: trend constant (no history to give an interval)" in notes


def test_a_fitted_model_moves_the_path_and_names_itself(baseline_result):
    from forecast import run

    result = run(scenario_from_dict({"municipality": "4601", "services": {"nursing_home": {"trend": "drift"}}}))
    ours, base = fte(result, "nursing_home"), fte(baseline_result, "nursing_home")
    assert ours.loc[2025, "value"] == pytest.approx(base.loc[2025, "value"])
    assert ours.loc[2040, "value"] != pytest.approx(base.loc[2040, "value"], rel=1e-3)
    assert (ours["lower"] <= ours["value"] + 1e-9).all() and (ours["value"] <= ours["upper"] + 1e-9).all()
    assert any(n.startswith("nursing_home: trend drift (coverage: drift; FTE per user: drift)") for n in result.note_texts())
    # other services keep the constant path
    np.testing.assert_allclose(fte(result, "home_care")["value"], fte(baseline_result, "home_care")["value"])


def test_automation_scales_the_interval_with_the_need_it_leaves():
    from forecast import run

    result = run(scenario_from_dict({"municipality": "4601", "automation": [
        {"id": "rate", "kind": "annual_rate", "service": "home_care", "rate": 0.02, "start": 2026}]}))
    f = result.frame
    gross = f[(f["service"] == "home_care") & (f["variable"] == "fte_before_automation")].set_index("year")
    net = fte(result, "home_care")
    share = net.loc[2040, "value"] / gross.loc[2040, "value"]
    assert share == pytest.approx(0.98 ** 15)
    assert net.loc[2040, "lower"] == pytest.approx(gross.loc[2040, "lower"] * share)
    assert net.loc[2040, "upper"] == pytest.approx(gross.loc[2040, "upper"] * share)
