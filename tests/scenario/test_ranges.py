"""Uncertain scenario values (ranges and named distributions), keyed random streams, and the parameters of the
draws in data/parameters/uncertainty.yaml."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from forecast.errors import ForecastError
from forecast.scenario.ranges import Dist, parse, split_ranges


def test_range_is_a_90_percent_interval_of_a_normal():
    d = parse({"low": 0.10, "high": 0.30}, "automation.x.task_share")
    assert d.kind == "normal" and d.central == pytest.approx(0.20)
    assert d.quantile(np.array([0.05, 0.95])) == pytest.approx([0.10, 0.30])
    eighty = parse({"low": 0.10, "high": 0.30, "level": 0.8}, "task_share")
    assert eighty.quantile(np.array([0.1, 0.9])) == pytest.approx([0.10, 0.30])


def test_named_distributions_and_bounds():
    ln = parse({"distribution": "lognormal", "low": 0.005, "high": 0.02}, "rate")
    assert ln.quantile(np.array([0.05, 0.5, 0.95])) == pytest.approx([0.005, 0.01, 0.02])
    tri = parse({"distribution": "triangular", "low": 6, "mode": 12, "high": 15}, "fte")
    x = tri.quantile(np.linspace(0.001, 0.999, 999))
    assert x.min() >= 6 and x.max() <= 15 and x.mean() == pytest.approx(11, abs=0.05)
    uni = parse({"distribution": "uniform", "low": 0.4, "high": 0.7}, "automatable")
    assert uni.quantile(np.array([0.0, 0.5, 1.0])) == pytest.approx([0.4, 0.55, 0.7])
    wide = parse({"low": -0.5, "high": 1.5}, "task_share")  # a share: draws clipped to 0–1
    assert wide.quantile(np.array([1e-6, 1 - 1e-6])) == pytest.approx([0.0, 1.0])
    assert parse(0.15, "task_share") == Dist("fixed", 0.15, lo=0.0, hi=1.0)


@pytest.mark.parametrize("value, message", [
    ({"low": 0.3, "high": 0.1}, "low 0.3 is above high 0.1"),
    ({"low": 0.1, "hi": 0.3}, "unknown key(s) hi"),
    ({"distribution": "gamma", "low": 1, "high": 2}, "unknown distribution 'gamma'"),
    ({"distribution": "triangular", "low": 1, "high": 2}, "needs low, mode, high (missing mode)"),
    ({"low": 0.1, "high": 0.3, "level": 90}, "level 90 must be between 0 and 1"),
])
def test_bad_ranges_say_what_is_wrong(value, message):
    import re

    with pytest.raises(ForecastError, match=r"automation\.x\.rate: .*" + re.escape(message)):
        parse(value, "automation.x.rate")


def test_split_ranges_addresses_measures_by_id():
    tree = {"period": {"base": 2025, "end": 2040},
            "automation": [{"id": "robot", "kind": "fixed_fte", "fte": {"low": 8, "high": 16}, "start": 2026,
                            "adoption": {"start": 2026, "full": 2030}}],
            "services": {"home_care": {"fte_per_user_change": {"low": -0.01, "high": 0.0}}}}
    central, ranges = split_ranges(tree)
    assert central["automation"][0]["fte"] == pytest.approx(12)
    assert central["automation"][0]["adoption"] == {"start": 2026, "full": 2030}  # not a range
    assert central["services"]["home_care"]["fte_per_user_change"] == pytest.approx(-0.005)
    assert set(ranges) == {"automation.robot.fte", "services.home_care.fte_per_user_change"}


def test_scaled_ranges_keep_their_bounds():
    from forecast.uncertainty.build import scaled

    turnover = scaled(parse({"distribution": "lognormal", "low": 0.8, "high": 1.25}, "factor"), 0.139)
    assert turnover.quantile(np.array([0.05, 0.95])) == pytest.approx([0.8 * 0.139, 1.25 * 0.139])
    size = scaled(parse({"low": 0.80, "high": 0.99}, "position_size"), 1 / 0.85)
    assert size.quantile(np.array([1 - 1e-9])) == pytest.approx(1 / 0.85)  # position size ≤ 1 → factor ≤ 1/0.85


def test_streams_are_keyed_not_ordered():
    from forecast.uncertainty.streams import generator, normals

    a = generator(1, "population", "4601").standard_normal(5)
    assert np.array_equal(a, generator(1, "population", "4601").standard_normal(5))
    assert not np.array_equal(a, generator(1, "population", "0301").standard_normal(5))
    assert not np.array_equal(a, generator(2, "population", "4601").standard_normal(5))
    z = normals(1, 4, (3, 2), "x")  # draw 0 is the central path; a year's block does not depend on later years
    assert z.shape == (5, 3, 2) and not z[0].any()
    assert np.array_equal(normals(1, 4, (2, 2), "x"), z[:, :2])


def test_the_parameters_of_the_draws_are_read_through_their_accessor():
    from forecast.data.parameters import parameters, uncertainty

    p = uncertainty()
    assert (p.draws, p.quantiles, p.chunk_size) == (500, (0.1, 0.5, 0.9), 16)
    assert (p.population_scale, p.trend_scale) == (1.38, 1.0)
    assert p.turnover_range == (0.8, 1.25) and p.position_size_range == (0.95, 1.053)
    assert p.sensitivity_draws == 200
    entries = parameters("uncertainty")
    assert set(entries) == {"draws", "quantiles", "chunk_size", "population_scale", "trend_scale", "turnover_range",
                            "position_size_range", "sensitivity_draws"}
    assert all(e.description and e.unit and e.reference for e in entries.values())
    assert {k for k, e in entries.items() if e.assumption} == {"population_scale", "trend_scale", "turnover_range",
                                                               "position_size_range"}


def test_a_deterministic_run_does_not_list_the_draws_parameters():
    from forecast.need.run import data_files

    names = {p.name for p in data_files()}
    assert {"projection.yaml", "services.yaml"} <= names and "uncertainty.yaml" not in names


# ---- the scenario loader keeps ranges (LoadedScenario.ranges) and runs on their medians

def _write(tmp_path, text):
    path = tmp_path / "ranged.yaml"
    path.write_text(text, encoding="utf-8")
    return path


ROBOT = Path(__file__).resolve().parents[2] / "scenarios" / "bergen" / "robot.yaml"


def test_a_scenario_with_ranges_loads_with_their_medians_and_keeps_them(tmp_path):
    from forecast import load_scenario

    path = _write(tmp_path, f"""extends: {ROBOT}
services:
  home_care: {{fte_per_user_change: {{low: -0.01, high: 0.02}}}}
workforce:
  nursing_home: {{turnover: {{distribution: triangular, low: 0.15, mode: 0.2, high: 0.3}}}}
automation:
  - id: digifrid
    kind: fixed_fte
    service: primary_school
    fte: {{low: 6, high: 18}}
    start: 2026
""")
    loaded = load_scenario(path)
    assert sorted(loaded.ranges) == ["automation.digifrid.fte", "services.home_care.fte_per_user_change",
                                     "workforce.nursing_home.turnover"]
    assert loaded.scenario.services["home_care"].fte_per_user_change == pytest.approx(0.005)
    assert loaded.scenario.automation[0].fte == pytest.approx(12.0)
    assert loaded.ranges["workforce.nursing_home.turnover"].kind == "triangular"


def test_a_bad_range_or_a_range_where_none_is_allowed_is_named_with_its_line(tmp_path, cli):
    path = _write(tmp_path, f"""extends: {ROBOT}
services:
  home_care: {{fte_per_user_change: {{low: 0.02, high: -0.01}}}}
workforce:
  nursing_home: {{turnover: {{low: 0.1, high: 0.3, distribution: bogus}}}}
period: {{end: {{low: 2030, high: 2040}}}}
""")
    code, out, err = cli("validate", str(path))
    assert code == 2
    lines = [line.split("ranged.yaml", 1)[1] for line in err.strip().splitlines() if "ranged.yaml:" in line]
    assert lines == [
        ":3: services.home_care.fte_per_user_change: low 0.02 is above high -0.01",
        ":5: workforce.nursing_home.turnover: unknown distribution 'bogus'; use one of normal, lognormal, "
        "triangular, uniform",
        ":6: period.end: a range is not allowed here; give a number (ranges are allowed for "
        "services.*.coverage_change and fte_per_user_change, staffing.*, workforce.*.turnover and position_size, "
        "and an automation measure's fte, task_share, automatable, reinvest and rate)",
    ]
