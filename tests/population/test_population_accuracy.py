"""The population projection's accuracy: SSB's Telemark vintages read by municipality and age group, and backtests
against what happened and against SSB's own projections."""

import json

import pytest

from forecast.data.ssb_projections import load_ssb_projection
from forecast.population.accuracy import population_backtest


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


def test_other_projection_settings_change_only_the_backtest_they_are_given_to():
    import dataclasses

    from forecast.data.parameters import projection

    before = population_backtest(2014, 10, ["4601"]).ours.mape_total
    sweep = dataclasses.replace(projection(), base_years=3, shrinkage_persons=0)
    changed = population_backtest(2014, 10, ["4601"], settings=sweep).ours.mape_total
    assert changed != before
    assert projection().base_years == 10
    assert population_backtest(2014, 10, ["4601"]).ours.mape_total == before
