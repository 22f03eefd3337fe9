"""Rolling-origin backtest: metrics by hand, auto without look-ahead, user CSVs, and the population backtest."""

import json

import numpy as np
import pytest

from forecast.backtest import (backtest_series, load_ssb_projection, plan_origins, population_backtest,
                               projection_settings, read_series_csv, select, smape)
from forecast.errors import DataError
from forecast.history import Series


def test_smape_is_the_m3_definition():
    assert smape(np.array([100.0]), np.array([110.0]))[0] == pytest.approx(200 * 10 / 210)
    assert smape(np.array([0.0]), np.array([0.0]))[0] == 0.0


def test_origins_leave_a_full_horizon_and_warm_up_before_the_scored_ones():
    assert plan_origins(19, 5, 3) == ([10, 11, 12, 13, 14], 3)
    assert plan_origins(12, 5, 1) == ([6, 7], 1)
    assert plan_origins(10, 5, 1) == ([], 0)  # 5 points of training are too few for the combination


def test_select_keeps_naive_unless_a_model_is_clearly_better():
    assert select({"naive": [1.0, 1.0, 1.0], "drift": [0.9, 0.9, 0.9]}) == "naive"  # 10 % better: not enough
    assert select({"naive": [1.0, 1.0, 1.0], "drift": [0.5, 0.5, 0.5]}) == "drift"
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
    assert set(data["models"]) == {"naive", "drift", "theta", "auto"}
    assert all(set(v) == {"smape", "mase"} for v in data["models"].values())
    assert data["n_series"] == 2 and data["horizon"] == 3 and data["selected"] in data["models"]


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
    assert data["n_series"] == 4  # three age bands and the nurse-FTE series
    assert 0 < data["models"]["naive"]["smape"] < 20


def test_ssb_telemark_vintage_is_read_by_municipality_and_age_group():
    ssb = load_ssb_projection(2016, 2021)
    assert len(ssb) == 17
    assert ssb["4001"][0] == 382  # Porsgrunn, age 0, 2021 (file line 52)
    assert ssb["4020"][0] == 77 + 41  # Midt-Telemark = Bø + Sauherad, merged in 2020


def test_population_backtest_against_ssb_on_telemark(cli):
    code, out, err = cli("backtest", "population", "--base", "2016", "--horizon", "5", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"ours", "ssb", "n_municipalities"} and data["n_municipalities"] == 357
    assert set(data["ours"]["by_age_group"]) == {"0", "1-5", "6-12", "13-15", "16-19", "20-44", "45-66", "67-79",
                                                 "80-89", "90+"}
    assert data["ssb"]["n_municipalities"] == 17
    # the built-in projection is no worse than SSB's own on the same municipalities (benchmarks: 2.0 % vs 3.2 %)
    assert data["ssb"]["ours_same_municipalities"]["mape_total"] <= data["ssb"]["mape_total"]


def test_population_backtest_without_an_ssb_vintage_and_beyond_the_data(cli):
    result = population_backtest(2014, 10, ["4601"])
    assert result.ssb is None and result.n_municipalities == 1
    from forecast.population import load_history, population

    projected = population(2024, None, 2014).slice("4601")[-1].sum()
    observed = load_history().slice("4601")[load_history().years.index(2024)].sum()
    assert projected > observed  # Bergen grew more slowly after 2014 than before
    assert result.ours.mape_total == pytest.approx(abs(projected - observed) / observed * 100)
    code, _, err = cli("backtest", "population", "--base", "2020", "--horizon", "10")
    assert code == 2
    assert "--base 2020 --horizon 10 reaches 2030, after the last observed year 2026; use --horizon 6 or less" in err


def test_projection_settings_are_restored_after_a_sweep():
    from forecast.parameters import param
    import forecast.population as pop

    before = population_backtest(2014, 10, ["4601"]).ours.mape_total
    with projection_settings(base_years=3, shrinkage_persons=0):
        assert pop.param("projection", "base_years").value == 3
        changed = population_backtest(2014, 10, ["4601"]).ours.mape_total
    assert changed != before
    assert pop.param("projection", "base_years").value == param("projection", "base_years").value
    assert population_backtest(2014, 10, ["4601"]).ours.mape_total == before
