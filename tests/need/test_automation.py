"""Automation measures: exact offsets by kind, and properties that hold for any measure (hypothesis)."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecast.need.automation import adoption_share, apply_measures
from forecast.scenario.schema import Adoption, AnnualRate, FixedFte, TaskShare

ROOT = Path(__file__).resolve().parents[2]
YEARS = list(range(2025, 2041))


def fixed(fte, start=2026, ramp=0, id="f"):
    return FixedFte(id=id, kind="fixed_fte", service="home_care", fte=fte, start=start, ramp_years=ramp)


def task(share, automatable, start=2026, full=2030, curve="linear", reinvest=0.0, id="t"):
    return TaskShare(id=id, kind="task_share", service="home_care", task_share=share, automatable=automatable,
                     adoption=Adoption(start=start, full=full, curve=curve), reinvest=reinvest)


def rate(r, start=2026, id="r"):
    return AnnualRate(id=id, kind="annual_rate", service="home_care", rate=r, start=start)


def test_fixed_fte_from_start_and_with_ramp():
    gross = np.full(len(YEARS), 100.0)
    off = apply_measures([fixed(12)], YEARS, gross)["f"]
    assert off[:1].tolist() == [0.0] and set(off[1:].tolist()) == {12.0}
    ramp = apply_measures([fixed(12, ramp=3)], YEARS, gross)["f"]
    assert ramp[:5].tolist() == pytest.approx([0, 4, 8, 12, 12])


def test_task_share_is_need_times_shares_times_adoption_less_reinvest():
    gross = np.linspace(800, 1100, len(YEARS))
    off = apply_measures([task(0.10, 0.59, 2026, 2030, reinvest=0.25)], YEARS, gross)["t"]
    adopted = np.clip((np.array(YEARS) - 2026) / 4, 0, 1)
    assert off == pytest.approx(gross * 0.10 * 0.59 * adopted * 0.75)


def test_logistic_adoption_runs_from_zero_to_one_symmetrically():
    a = Adoption(start=2026, full=2036, curve="logistic")
    assert [adoption_share(a, y) for y in (2025, 2026, 2031, 2036, 2040)] == pytest.approx([0, 0, 0.5, 1, 1])
    shares = [adoption_share(a, y) for y in range(2026, 2037)]
    assert shares == sorted(shares)
    assert adoption_share(a, 2028) == pytest.approx(1 - adoption_share(a, 2034))


def test_annual_rate_compounds_from_start():
    gross = np.full(len(YEARS), 1000.0)
    off = apply_measures([rate(0.01)], YEARS, gross)["r"]
    assert off[:4] == pytest.approx([0, 10, 1000 * (1 - 0.99**2), 1000 * (1 - 0.99**3)])


def test_measures_apply_in_file_order_and_never_take_more_than_is_left():
    gross = np.full(len(YEARS), 20.0)
    out = apply_measures([fixed(12, id="a"), fixed(12, id="b")], YEARS, gross)
    assert out["a"][-1] == 12 and out["b"][-1] == 8  # the second gets what the first left
    assert (gross - out["a"] - out["b"]).min() == 0


# ------------------------------------------------------------------ properties
fractions = st.floats(0, 1, allow_nan=False)
years = st.integers(2025, 2040)


@st.composite
def measures(draw, id="m"):
    kind = draw(st.sampled_from(["fixed_fte", "task_share", "annual_rate"]))
    if kind == "fixed_fte":
        return fixed(draw(st.floats(0, 5000, allow_nan=False)), draw(years), draw(st.integers(0, 10)), id=id)
    if kind == "task_share":
        start = draw(years)
        return task(draw(fractions), draw(fractions), start, draw(st.integers(start, 2045)),
                    draw(st.sampled_from(["linear", "logistic"])), draw(fractions), id=id)
    return rate(draw(fractions), draw(years), id=id)


needs = st.lists(st.floats(0, 1e5, allow_nan=False), min_size=len(YEARS), max_size=len(YEARS)).map(np.array)


@settings(max_examples=300, deadline=None)
@given(measure=measures(), gross=needs)
def test_a_measure_never_raises_need(measure, gross):
    off = apply_measures([measure], YEARS, gross)[measure.id]
    assert (off >= 0).all()
    assert (gross - off <= gross).all()


@settings(max_examples=200, deadline=None)
@given(gross=needs, start=years, which=st.sampled_from(["fte", "task_share", "automatable", "reinvest", "rate"]))
def test_a_zero_measure_changes_nothing(gross, start, which):
    measure = {
        "fte": fixed(0, start, ramp=3),
        "task_share": task(0.0, 0.7, start, start + 3),
        "automatable": task(0.3, 0.0, start, start + 3, curve="logistic"),
        "reinvest": task(0.3, 0.7, start, start + 3, reinvest=1.0),
        "rate": rate(0.0, start),
    }[which]
    off = apply_measures([measure], YEARS, gross)[measure.id]
    assert (off == 0).all()


@settings(max_examples=300, deadline=None)
@given(data=st.data(), gross=needs, n=st.integers(2, 5))
def test_offsets_of_several_measures_never_exceed_gross_demand(data, gross, n):
    ms = [data.draw(measures(id=f"m{i}")) for i in range(n)]
    out = apply_measures(ms, YEARS, gross)
    total = sum(out.values())
    assert (total <= gross + 1e-9 * np.maximum(gross, 1)).all()
    assert (gross - total >= -1e-9 * np.maximum(gross, 1)).all()
    assert all((o >= 0).all() for o in out.values())


# ------------------------------------------------------------------ in the pipeline
def test_pipeline_keeps_gross_offsets_and_net_apart():
    from forecast import run
    from forecast.scenario import load_scenario


    result = run(load_scenario(ROOT / "scenarios" / "bergen" / "ambitious.yaml"))
    f = result.frame[result.frame["occupation"] == "all"]
    f = f.set_index(["service", "variable", "year"])["value"].sort_index()
    for service in ("primary_school", "home_care", "nursing_home"):
        gross = f.loc[(service, "fte_before_automation")]
        offset = f.loc[(service, "automation_offset")]
        parts = [f.loc[(service, v)] for v in f.loc[service].index.get_level_values(0).unique()
                 if v.startswith("automation_offset|")]
        assert (sum(parts) - offset).abs().max() < 1e-9
        assert (gross - offset - f.loc[(service, "fte")]).abs().max() < 1e-9
        assert (offset >= 0).all() and (offset <= gross).all()
    assert f.loc[("primary_school", "automation_offset|digifrid", 2026)] == 12
    assert ("kindergarten", "automation_offset", 2030) not in f.index  # no measure there: no offset rows
