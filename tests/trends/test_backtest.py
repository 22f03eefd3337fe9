"""Rolling-origin backtest: metrics by hand, auto without look-ahead, user CSVs."""

import json

import numpy as np
import pytest

from forecast.errors import DataError
from forecast.trends.evaluate import backtest_series, plan_origins, smape
from forecast.trends.select import select
from forecast.trends.series import Series, read_series_csv


def test_smape_is_the_m3_definition():
    assert smape(np.array([100.0]), np.array([110.0]))[0] == pytest.approx(200 * 10 / 210)
    assert smape(np.array([0.0]), np.array([0.0]))[0] == 0.0


def test_origins_leave_a_full_horizon_and_warm_up_before_the_scored_ones():
    assert plan_origins(19, 5, 3) == ([10, 11, 12, 13, 14], 3)
    assert plan_origins(12, 5, 1) == ([6, 7], 1)
    assert plan_origins(10, 5, 1) == ([], 0)  # 5 points of training are too few for the combination


def test_select_keeps_naive_unless_a_model_is_clearly_better():
    assert select({"naive": [1.0, 1.0, 1.0], "drift": [0.9, 0.9, 0.9]}) == "naive"  # 10 % better: not enough
    assert select({"naive": [1.0, 1.0, 1.0], "drift": [0.6, 0.6, 0.6]}) == "naive"  # 40 %: not enough either
    assert select({"naive": [1.0, 1.0, 1.0], "drift": [0.4, 0.4, 0.4]}) == "drift"  # errors less than half
    assert select({"naive": [1.0, 1.0], "drift": [0.1, 0.1]}) == "naive"  # too little evidence


def test_origins_1_scores_the_last_h_points_by_hand():
    y = np.array([10, 12, 11, 13, 12, 14, 13, 15, 16, 14], float)
    s = Series("a", "", "input", "value", None, "", list(range(2000, 2010)), y)
    score = backtest_series(s, 2, 1, ("naive", "drift"))
    actual, last = y[8:], y[7]
    assert score.smape["naive"] == pytest.approx(np.mean(200 * np.abs(actual - last) / (actual + last)))
    scale = np.mean(np.abs(np.diff(y[:8])))
    assert score.mase["naive"] == pytest.approx(np.mean(np.abs(actual - last)) / scale)
    slope = np.mean(np.diff(np.log(y[:8])))  # drift is fitted on the log scale
    drift = last * np.exp(slope * np.array([1, 2]))
    assert score.smape["drift"] == pytest.approx(np.mean(200 * np.abs(actual - drift) / (actual + drift)))


def test_auto_learns_only_from_the_past():
    # a flat series that starts rising only in the scored window: auto has no evidence of the rise and stays naive
    y = np.r_[np.full(12, 50.0), 50 * 1.1 ** np.arange(1, 6)]
    s = Series("b", "", "input", "value", None, "", list(range(2000, 2017)), y)
    score = backtest_series(s, 5, 1, ("naive", "drift", "theta"))
    assert score.auto_choices == ["naive"]
    assert score.smape["auto"] == score.smape["naive"]


def _write(tmp_path, text):
    path = tmp_path / "series.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_series_csv_ignores_extra_columns_and_sorts_years(tmp_path):
    path = _write(tmp_path, "series_id,year,value,note\nx,2002,3,a\nx,2001,2,b\ny,2001,5,c\n")
    series = read_series_csv(path)
    assert [(s.id, s.years, s.values.tolist()) for s in series] == [("x", [2001, 2002], [2.0, 3.0]),
                                                                    ("y", [2001], [5.0])]


@pytest.mark.parametrize("text, message", [
    ("id,year,value\nx,2001,2\n", "missing column(s) series_id; found id, year, value"),
    ("series_id,year,value\nx,2001,2\nx,2002,lots\n", "line 3: column value: 'lots' is not a number"),
    ("series_id,year,value\nx,2001,2\nx,2003,2\n", "series 'x': years are not consecutive (missing before 2003)"),
    ("series_id,year,value\nx,2001,2\nx,2001,3\n", "lines 2, 3: the same series_id and year appear more than once"),
])
def test_read_series_csv_errors_name_the_file_and_line(tmp_path, text, message):
    with pytest.raises(DataError) as err:
        read_series_csv(_write(tmp_path, text))
    assert message in str(err.value) and str(tmp_path / "series.csv") in str(err.value)


def test_cli_input_json_has_exactly_the_documented_shape(tmp_path, cli):
    rows = ["series_id,year,value,source"]
    for sid, growth in (("a", 1.03), ("b", 0.98)):
        rows += [f"{sid},{2000 + t},{100 * growth ** t + (t % 3)},demo" for t in range(14)]
    path = _write(tmp_path, "\n".join(rows) + "\n")
    code, out, err = cli("backtest", "--input", path, "--horizon", "3", "--origins", "1", "--format", "json",
                         "--models", "naive,drift,theta")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"models", "selected", "n_series", "horizon"}
    assert set(data["models"]) == {"naive", "drift", "theta", "auto", "auto_series"}
    assert all(set(v) == {"smape", "mase"} for v in data["models"].values())
    assert data["n_series"] == 2 and data["horizon"] == 3 and data["selected"] in data["models"]


def test_models_without_naive_and_every_transform_work(tmp_path, cli):
    rows = ["series_id,year,value"]
    for sid, growth in (("a", 1.03), ("b", 0.98), ("c", 1.01)):
        rows += [f"{sid},{2000 + t},{100 * growth ** t + (t % 3)}" for t in range(14)]
    path = _write(tmp_path, "\n".join(rows) + "\n")
    for transform in ("log", "none", "auto"):
        code, out, err = cli("backtest", "--input", path, "--horizon", "3", "--origins", "2", "--format", "json",
                             "--models", "drift,theta", "--transform", transform)
        assert code == 0, err
        data = json.loads(out)
        assert set(data["models"]) == {"drift", "theta", "auto", "auto_series"}
        assert data["selected"] in ("drift", "theta")
    code, _, err = cli("backtest", "--input", path, "--transform", "sqrt")
    assert code == 2 and "sqrt" in err


def test_transform_auto_takes_the_original_scale_only_where_it_erred_clearly_less():
    """A straight line is fitted exactly by drift on the original scale and not on the log scale: once the evidence
    shows it, `auto` takes the original scale for drift, and never before an origin has evidence."""
    from forecast.trends.select import choose_transforms
    from forecast.trends.origins import origin_forecasts

    y = 100 + 10 * np.arange(16.0)
    cuts = list(range(6, 12))
    log = origin_forecasts(y, cuts, 3, ("naive", "drift"), log=True)
    none = origin_forecasts(y, cuts, 3, ("naive", "drift"), log=False)
    chosen, picks = choose_transforms(y, cuts, log, none)
    assert picks["drift"][0] == "log" and picks["drift"][-1] == "none"  # (no evidence yet at the first cut)
    np.testing.assert_allclose(chosen["drift"][-1, :, 0], y[cuts[-1] : cuts[-1] + 3])


def test_pooled_auto_follows_the_collection_and_learns_only_from_the_past():
    from forecast.trends.evaluate import run_backtest

    years = list(range(2000, 2016))
    lines = [Series(f"s{i}", "", "input", "value", None, "", years, np.array([50.0 + (i + 1) * t for t in
                                                                              range(16)])) for i in range(6)]
    result = run_backtest(lines, 3, 2, ("naive", "drift", "theta"), workers=1)
    assert sum(result.auto_choices.values()) == 12 and "naive" not in result.auto_choices  # straight lines
    worst = max(result.models[m].smape for m in ("drift", "theta"))
    assert result.models["auto"].smape <= worst < result.models["naive"].smape
    alone = run_backtest(lines, 3, 2, ("naive", "drift", "theta"), workers=1, pooled=False)
    assert "auto_series" not in alone.models
    assert alone.models["auto"].smape == pytest.approx(result.models["auto_series"].smape)


def test_selection_settings_are_data():
    from forecast.data.parameters import param, trends

    t = trends()
    assert t.auto_candidates == ("naive", "drift", "ets", "theta") and t.auto_default == "naive"
    assert (t.auto_margin, t.pooled_margin, t.transform_margin, t.min_evidence, t.warmup) == (0.5, 0.5, 0.2, 3, 2)
    assert t.pooled_candidates == ("naive", "drift", "ets", "theta", "combo")
    assert "issue 14" in param("trends", "auto_margin").reference


def test_cli_refuses_unknown_models_and_bad_files(tmp_path, cli):
    code, _, err = cli("backtest", "--input", tmp_path / "nope.csv")
    assert code == 2 and "nope.csv: file not found" in err
    code, _, err = cli("backtest", "--models", "naive,lstm")
    assert code == 2 and "--models: unknown model 'lstm'" in err


def test_cli_shipped_backtest_for_bergen_nursing_homes(cli):
    code, out, err = cli("backtest", "--service", "nursing_home", "--municipality", "Bergen", "--models",
                         "naive,drift", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    # the three age bands; Bergen's care FTE series (SSB 12292, 2020–2025) is too short to score 5 years ahead
    assert data["n_series"] == 3
    assert 0 < data["models"]["naive"]["smape"] < 20


def test_cli_shipped_backtest_takes_several_municipalities_or_a_county(cli):
    code, out, err = cli("backtest", "-s", "nursing_home", "-m", "Bergen,Oslo", "--models", "naive,drift")
    assert code == 0, err
    # three coverage bands each, and Oslo's care FTE-per-user series (2015–2025); Bergen's (2020–2025) is too short
    assert "shipped history for nursing_home, 2 municipalities: 7 series scored" in " ".join(out.split())
    code, out, err = cli("backtest", "-s", "nursing_home", "-m", "Telemark", "--models", "naive,drift", "-f", "json")
    assert code == 0, err
    # Telemark's coverage series long enough to score; its care FTE series (2024–2025 or 2020–2025) are too short
    assert json.loads(out)["n_series"] == 23
    code, _, err = cli("backtest", "-s", "nursing_home", "-m", "Odal")
    assert code == 2 and "Nord-Odal (3414), Sør-Odal (3415)" in err
