"""The prototype command line, `python -m forecast.uncertainty run|sensitivity`."""

from __future__ import annotations

import io

import pandas as pd


def test_run_prints_the_central_path_and_quantiles(bergen, capsys):
    from forecast.uncertainty.__main__ import main

    code = main(["run", str(bergen / "baseline.yaml"), "--draws", "20", "--scheduler", "inprocess", "-f", "csv",
                 "--year", "2040"])
    assert code == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"municipality": str})
    assert list(df.columns) == ["scenario", "municipality", "service", "occupation", "variable", "unit", "year",
                                "value", "p10", "p50", "p90"]
    assert set(df["year"]) == {2040} and set(df["municipality"]) == {"4601"}
    fte = df[(df["service"] == "nursing_home") & (df["occupation"] == "all") & (df["variable"] == "fte")].iloc[0]
    assert fte["unit"] == "FTE" and fte["p10"] < fte["p90"]


def test_bad_input_exits_2_with_the_message(bergen, capsys):
    from forecast.uncertainty.__main__ import main

    code = main(["run", str(bergen / "baseline.yaml"), "--draws", "-3", "--scheduler", "inprocess"])
    assert code == 2
    assert capsys.readouterr().err == "error: --draws must be 1 or more, got -3\n"
