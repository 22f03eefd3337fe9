"""Trend models: forecasts, intervals, errors, and the factors handed to the demand model."""

import numpy as np
import pytest

from forecast.errors import ForecastError
from forecast.trends.factors import service_trend
from forecast.trends.models import SeriesTooShort, combine, fit_predict

GROWING = np.array([100, 104, 107, 112, 115, 121, 124, 130, 133, 139, 144, 150], float)


def test_naive_repeats_the_last_value_with_widening_random_walk_intervals():
    fc = fit_predict("naive", [10.0, 12.0, 11.0, 13.0], 3, log=False)
    assert fc.mean.tolist() == [13.0, 13.0, 13.0]
    sd1 = np.sqrt(np.mean(np.square([2.0, -1.0, 2.0])))
    assert fc.upper95[0] - fc.mean[0] == pytest.approx(1.959964 * sd1, rel=1e-5)
    assert fc.upper95[2] - fc.mean[2] == pytest.approx(1.959964 * sd1 * np.sqrt(3), rel=1e-5)


def test_drift_extends_a_straight_line_exactly():
    fc = fit_predict("drift", [2.0, 4.0, 6.0, 8.0], 2, log=False)
    assert fc.mean.tolist() == [10.0, 12.0]
    assert fc.lower95.tolist() == [10.0, 12.0]  # no scatter around the line, no uncertainty


@pytest.mark.parametrize("model", ["naive", "drift", "ets", "arima", "theta", "combo"])
def test_every_model_gives_nested_positive_intervals_around_its_forecast(model):
    fc = fit_predict(model, GROWING, 5)
    assert len(fc.mean) == 5
    assert np.all(fc.lower95 <= fc.lower80) and np.all(fc.lower80 <= fc.mean)
    assert np.all(fc.mean <= fc.upper80) and np.all(fc.upper80 <= fc.upper95)
    assert np.all(fc.lower95 > 0)  # log scale keeps a positive series positive
    assert fc.mean[-1] > 140  # all follow (or hold) a rising series, none collapses


def test_combo_is_the_mean_of_ets_arima_and_theta():
    parts = [fit_predict(m, GROWING, 3) for m in ("ets", "arima", "theta")]
    assert fit_predict("combo", GROWING, 3).mean == pytest.approx(combine(parts, "c").mean)


def test_unknown_model_and_short_series_are_refused():
    with pytest.raises(ForecastError, match="unknown trend model 'lstm': use one of naive, drift, ets"):
        fit_predict("lstm", GROWING, 2)
    with pytest.raises(SeriesTooShort, match="arima needs at least 6 observations, the series has 4"):
        fit_predict("arima", GROWING[:4], 2)


def test_constant_trend_is_one_everywhere():
    path = service_trend("home_care", "4601", "constant", 2025, [2025, 2030])
    assert path.coverage.value.tolist() == [1.0, 1.0] and path.fte_per_user.upper95.tolist() == [1.0, 1.0]
    assert path.coverage.model == "constant"


def test_kindergarten_has_no_history_and_says_so():
    path = service_trend("kindergarten", "4601", "auto", 2025, [2025, 2030])
    assert path.coverage.value.tolist() == [1.0, 1.0]
    assert [n.text() for n in path.notes] == ["kindergarten: no coverage or staffing history in the shipped data; trend held constant"]


def test_bergen_home_care_drift_factors():
    from forecast.trends.series import find_series

    years = list(range(2024, 2031))
    path = service_trend("home_care", "4601", "drift", 2025, years)
    assert path.coverage.at(2024) == 1.0 and path.coverage.at(2025) == 1.0
    s = find_series("4601", "home_care", "coverage", "80+")
    slope = np.mean(np.diff(np.log(s.values)))  # drift on the log scale: a constant yearly growth rate
    assert path.coverage_by_band["80+"].at(2030) == pytest.approx(np.exp(5 * slope), rel=1e-9)
    assert path.coverage_by_band["80+"].at(2030) < 0.95  # coverage of the oldest has fallen since 2007
    # the service's factor is the bands' factors weighted by 2025 users
    users = {b: find_series("4601", "home_care", "coverage", b) for b in ("0-66", "67-79", "80+")}
    w = {b: s.values[-1] * s.population[-1] for b, s in users.items()}
    expected = sum(w[b] * path.coverage_by_band[b].at(2030) for b in w) / sum(w.values())
    assert path.coverage.at(2030) == pytest.approx(expected)
    i = years.index(2030)
    assert path.coverage.lower95[i] < path.coverage.lower80[i] < path.coverage.value[i] < path.coverage.upper80[i]
    assert path.fte_per_user.source == "4601|care|fte_per_user 2020–2025"  # SSB 12292 on 2024 borders
    assert [n.text() for n in path.notes if n.key == "care.fte_history"] == [
        "home_care, nursing_home: FTE per user history = SSB 12292 user-facing FTE per weighted user, 2020–2025 "
        "(6 years, on 2024 borders)"]


def test_observed_years_after_the_base_use_the_observed_ratio():
    from forecast.trends.series import find_series

    path = service_trend("home_care", "4601", "naive", 2020, [2020, 2025])
    s = find_series("4601", "care", "fte_per_user")
    assert path.fte_per_user.at(2025) == pytest.approx(s.values[-1] / s.values[s.years.index(2020)])
    assert path.fte_per_user.upper95[1] == path.fte_per_user.value[1]  # observed: no interval


def test_primary_school_outside_bergen_uses_the_national_trend():
    path = service_trend("primary_school", "0301", "naive", 2025, [2025, 2030])
    assert [n.text() for n in path.notes] == ["primary_school: no Udir series for 0301; the national trend is used"]
    assert path.fte_per_user.source == "0000|primary_school|fte_per_user 2022–2026"


def test_auto_picks_drift_for_a_clean_trend():
    from forecast.trends.select import choose_model

    choice = choose_model(1.05 ** np.arange(14))  # constant growth: a straight line on the log scale
    assert choice.model == "drift" and choice.errors["drift"] == pytest.approx(0.0, abs=1e-9)


def test_unknown_trend_model_in_service_trend():
    with pytest.raises(ForecastError, match="unknown trend model 'linear': use constant or one of naive"):
        service_trend("home_care", "4601", "linear", 2025, [2025])


def test_history_coverage_and_care_fte_per_user_from_the_shipped_data():
    from forecast.data.care import load_care_panel
    from forecast.data.care_split import fit_split
    from forecast.trends.series import find_series
    from forecast.population import load_history

    panel = load_care_panel().set_index(["municipality", "year"])
    cube = load_history()
    pop = cube.slice("4601")

    def band(year, lo, hi):
        return pop[cube.years.index(year), :, lo : hi + 1].sum()

    s = find_series("4601", "home_care", "coverage", "80+")
    assert s.years == list(range(2007, 2026))
    assert s.values[-1] == pytest.approx(3215 / band(2025, 80, 100))
    # home care 67–79 is unpublished from 2017: the total minus the other two bands
    s = find_series("4601", "home_care", "coverage", "67-79")
    row = panel.loc[("4601", 2017)]
    assert s.values[s.years.index(2017)] == pytest.approx((8256 - 3312 - 3373) / band(2017, 67, 79))
    assert row["home_care_67_79"] != row["home_care_67_79"]  # really missing in the panel
    # care FTE per weighted user: SSB 12292's 7,477 user-facing FTE over 8,862 users + w × 2,451 residents (12292)
    s = find_series("4601", "care", "fte_per_user")
    assert s.years == list(range(2020, 2026)) and s.unit == "user-facing care FTE per weighted user"
    assert s.values[-1] == pytest.approx(7477 / (8862 + fit_split().ratio * 2451))
    assert 0.3 < s.values[0] < s.values[-1] < 0.45  # 0.341 → 0.384: FTE per user grew 2.4 %/yr


def test_care_fte_history_lengths_by_municipality():
    """SSB 12292 on 2024 borders: 82 municipalities have 11 years, 131 (Bergen among them) 6, 115 only 2."""
    from forecast.data.care_history import fte_per_user_history, years_per_municipality
    from forecast.trends.series import all_series

    assert years_per_municipality(fte_per_user_history()).to_dict() == {11: 82, 8: 28, 7: 1, 6: 131, 2: 115}
    care = [s for s in all_series("home_care") if s.service == "care"]
    assert len(care) == 357 and {len(s.years) for s in care} == {2, 6, 7, 8, 11}


def test_care_series_start_after_a_border_change():
    """The shipped history splits 2020–2023 Ålesund with Haram; their care series restart in 2024, so the split does
    not feed the trend models or the intervals."""
    from forecast.trends.series import find_series

    for code in ("1508", "1580"):
        s = find_series(code, "nursing_home", "coverage", "80+")
        assert s.years[0] == 2024
    assert find_series("4601", "nursing_home", "coverage", "80+").years[0] == 2009


def test_a_base_year_before_a_series_starts_holds_it_constant():
    """Ålesund (1508) restarts its series in 2024 after the split with Haram; a scenario from 2022 holds them (it
    raised an error before)."""
    path = service_trend("home_care", "1508", "naive", 2022, list(range(2022, 2031)))
    texts = [n.text() for n in path.notes]
    assert "home_care: no coverage history for ages 80+ in 1508; held constant" in texts
    assert "home_care: no FTE-per-user history for 1508; held constant" in texts
    assert path.coverage.at(2030) == 1.0 and path.fte_per_user.at(2030) == 1.0
