"""The coverage table of the draws' backtests (forecast backtest uncertainty), on a real backtest from 2019."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def table():
    from forecast.results.coverage import coverage_table
    from forecast.uncertainty.calibration import population_coverage

    rows = population_coverage(bases=(2019,), horizons=(5,), draws=60, seed=0)
    return coverage_table(rows, pd.DataFrame(), 60, 0)


def test_every_age_group_and_the_total_is_scored_on_every_municipality(table):
    t = table.table
    groups = t[(t["what"] == "population") & (t["horizon"] == "5")]
    assert list(groups["group"]) == ["total", "0", "1-5", "6-12", "13-15", "16-19", "20-44", "45-66", "67-79",
                                     "80-89", "90+"]
    assert (groups["intervals"] == 355).all()  # 357 municipalities less Ålesund and Haram (split by the 2024 borders)
    pooled = t[t["group"] == "all intervals"].iloc[0]
    assert pooled["intervals"] == groups["intervals"].sum()
    assert 0.75 <= pooled["coverage"] <= 0.9  # the 80 % intervals held about 80 % of the time


def test_in_target_marks_coverage_outside_75_to_85_percent(table):
    t = table.table
    assert (t["in_target"] == t["coverage"].between(0.75, 0.85)).all()
    width = t.set_index("group")["median_width"]
    assert width["0"] > width["45-66"]  # births are far less certain than the middle-aged


def test_too_few_draws_is_refused_by_name(cli):
    code, out, err = cli("backtest", "uncertainty", "--draws", "10")
    assert code == 2
    assert err.strip() == "error: --draws 10: give at least 50 (300–500 for a stable coverage)"
