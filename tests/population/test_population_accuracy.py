"""The population projection's accuracy: SSB's Telemark vintages read by municipality and age group, and backtests
against what happened and against SSB's own projections."""

import csv
import json

import numpy as np
import pytest

from forecast.data.ssb_projections import load_ssb_projection, ssb_vintages
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
    assert set(data) == {"base", "horizon", "ours", "ssb", "n_municipalities"} and data["n_municipalities"] == 357
    bands = ["0", "1-5", "6-12", "13-15", "16-19", "20-44", "45-66", "67-79", "80-89", "90+"]
    assert list(data["ours"]["by_age_group"]) == bands and list(data["ours"]["bias_by_age_group"]) == bands
    assert list(data["ssb"]["by_age_group"]) == bands
    assert data["ssb"]["n_municipalities"] == 17
    # the built-in projection is no worse than SSB's own on the same municipalities (benchmarks: 1.75 % vs 3.21 %)
    assert data["ssb"]["ours_same_municipalities"]["mape_total"] <= data["ssb"]["mape_total"]
    assert data == json.loads(json.dumps(population_backtest(2016, 5).to_json()))  # what the library returns


def test_old_age_ten_years_ahead_is_no_worse_than_ssb_on_telemark():
    """Issue 14's target, as benchmarks/population_backtest.py publishes it: from 2016 to 2026 on the 17 Telemark
    municipalities, MAPE at 80–89 5.21 % (SSB 5.23 %) and 90+ 12.00 % (SSB 13.63 %); total 2.22 % (SSB 3.07 %)."""
    r = population_backtest(2016, 10)
    ours, ssb = r.ours_same, r.ssb
    for band, published in (("80-89", 5.21), ("90+", 12.00)):
        assert ours.by_age_group[band] == pytest.approx(published, abs=0.02)
        assert ours.by_age_group[band] <= ssb.by_age_group[band]
    assert ours.mape_total == pytest.approx(2.22, abs=0.02) and ssb.mape_total == pytest.approx(3.07, abs=0.01)


def test_all_municipality_backtest_2014_by_age_band():
    """From 2014 to 2024 over 357 municipalities (published in docs/model.md): total 5.02 % (5.18 % with ratios
    held), 80–89 5.57 % (8.51 %), 90+ 13.48 % (16.79 %)."""
    r = population_backtest(2014, 10).ours
    assert r.mape_total == pytest.approx(5.02, abs=0.02) and r.mape_total <= 5.18
    assert r.by_age_group["80-89"] == pytest.approx(5.57, abs=0.02) and r.by_age_group["80-89"] < 8.51
    assert r.by_age_group["90+"] == pytest.approx(13.48, abs=0.02) and r.by_age_group["90+"] < 16.79


def test_backtest_from_every_base_scores_both_horizons():
    from forecast.population.accuracy import backtest_bases, summarise

    runs = backtest_bases(codes=["4601", "0301"], bases=[2015, 2016, 2019])
    assert sorted(runs) == [(2015, 5), (2015, 10), (2016, 5), (2016, 10), (2019, 5)]
    summary = summarise(runs)
    assert summary[5].bases == [2015, 2016, 2019] and summary[10].bases == [2015, 2016]
    assert summary[10].mape["80-89"] == pytest.approx(
        (runs[(2015, 10)].ours.by_age_group["80-89"] + runs[(2016, 10)].ours.by_age_group["80-89"]) / 2)
    assert summary[5].bias["total"] == pytest.approx(np.mean([runs[(b, 5)].ours.bias_total for b in (2015, 2016,
                                                                                                      2019)]))


def _write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_older_vintage_with_other_age_groups_is_scored_on_its_own_groups(tmp_path, cli):
    """Older SSB vintages group ages differently (e.g. 20-66 år): both projections are scored on the file's groups."""
    regroup = {"0 år": "0-5 år", "1-5 år": "0-5 år", "6-12 år": "6-15 år", "13-15 år": "6-15 år", "20-44 år":
               "20-66 år", "45-66 år": "20-66 år"}
    with ssb_vintages()[2016].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["alder"] = regroup.get(r["alder"], r["alder"])
    path = tmp_path / "older.csv"
    _write_rows(path, rows)
    result = population_backtest(2016, 10, ssb_file=path)
    assert list(result.ssb.by_age_group) == ["0-5", "6-15", "16-19", "20-66", "67-79", "80-89", "90+"]
    assert result.ssb.mape_total == pytest.approx(3.07, abs=0.01)  # totals are unchanged by the grouping
    code, out, err = cli("backtest", "population", "--base", "2016", "--ssb", path, "-m", "Telemark")
    assert code == 0, err
    assert "20-66" in out and "SSB's age groups" in out
    code, _, err = cli("backtest", "population", "--base", "2020", "--horizon", "5", "--ssb", path)
    assert code == 2 and f"--ssb {path} is SSB's projection from 2016, not from --base 2020" in " ".join(err.split())
    rows[3]["alder"] = "20 til 66"
    _write_rows(path, rows)
    code, _, err = cli("backtest", "population", "--base", "2016", "--ssb", path)
    assert code == 2
    assert f"{path}: line 5: age group '20 til 66' is not readable" in " ".join(err.split())


def test_ssb_age_labels():
    from forecast.data.ssb_projections import OPEN, band_name, parse_age_label

    assert parse_age_label("0 år") == (0, 0) and parse_age_label("20-66 år") == (20, 66)
    assert parse_age_label("90 år eller eldre") == (90, OPEN) and parse_age_label("67+") == (67, OPEN)
    assert parse_age_label("Alle aldre") is None
    assert [band_name(*a) for a in ((0, 0), (20, 66), (90, OPEN))] == ["0", "20-66", "90+"]


def test_population_backtest_takes_several_codes_or_a_county(cli):
    code, out, err = cli("backtest", "population", "--base", "2016", "--horizon", "5", "-m", "Telemark", "-f",
                         "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["n_municipalities"] == 17 and data["ssb"]["n_municipalities"] == 17
    code, out, err = cli("backtest", "population", "--base", "2016", "--horizon", "5", "-m", "4601,0301", "-f",
                         "json")
    assert code == 0, err
    assert json.loads(out)["n_municipalities"] == 2 and json.loads(out)["ssb"] is None
    code, out, err = cli("backtest", "population", "--base", "2016", "--horizon", "5", "-m", "4601,0301")
    assert "SSB's shipped projection from 2016 covers none of these municipalities" in " ".join(out.split())


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
