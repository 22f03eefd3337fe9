"""Small, fixed results for the report tests: numbers chosen so every chart's values can be checked by hand."""

from __future__ import annotations


YEARS = list(range(2025, 2031))


def synthetic_result(scenario: str = "base", robot: float = 0.0, band: bool = False):
    """Two services in Bergen, 2025–2030.

    kindergarten: users 100 → 110 (+2/yr), 1 FTE per user throughout.
    nursing_home: users 50 → 60 (+2/yr), gross FTE per user 2.0 → 2.2 (+0.04/yr); a measure 'robot' offsets
    0 FTE in 2025 rising to `robot` FTE in 2030.
    Bridge 2025 → 2030: start 200, population +30, FTE per user +12, robot −robot, end 242 − robot.
    """
    from forecast.results.context import Places
    from forecast.results.frame import Result, frame_from_rows
    from forecast.results.notes import ASSUMPTION, note

    n = len(YEARS)
    k_users = [100 + 2 * i for i in range(n)]
    n_users = [50 + 2 * i for i in range(n)]
    n_per = [2.0 + 0.04 * i for i in range(n)]
    n_gross = [u * p for u, p in zip(n_users, n_per)]
    offset = [robot * i / (n - 1) for i in range(n)]
    key = {"scenario": scenario, "municipality": "4601", "years": YEARS}
    rows = [
        {**key, "service": "kindergarten", "variable": "users", "unit": "persons", "values": k_users},
        {**key, "service": "kindergarten", "variable": "fte_before_automation", "unit": "FTE", "values": k_users},
        {**key, "service": "kindergarten", "variable": "fte", "unit": "FTE", "values": k_users,
         **({"lower": [u * 0.95 for u in k_users], "upper": [u * 1.05 for u in k_users]} if band else {})},
        {**key, "service": "nursing_home", "variable": "users", "unit": "persons", "values": n_users},
        {**key, "service": "nursing_home", "variable": "fte_before_automation", "unit": "FTE", "values": n_gross},
    ]
    if robot:
        rows += [{**key, "service": "nursing_home", "variable": "automation_offset", "unit": "FTE", "values": offset},
                 {**key, "service": "nursing_home", "variable": "automation_offset|robot", "unit": "FTE",
                  "values": offset}]
    rows.append({**key, "service": "nursing_home", "variable": "fte", "unit": "FTE",
                 "values": [g - o for g, o in zip(n_gross, offset)]})
    notes = [note("staffing.scenario", service="kindergarten", fte=100.0),
             note("care.national", kind=ASSUMPTION, service="nursing_home", n=1, year=2025, per_user=2.0)]
    return Result(frame=frame_from_rows(rows), scenarios=[scenario], title=f"Test: {scenario}", notes=notes,
                  places=Places({"4601": "Bergen"}, 357))


def with_fake_hires(result):
    """The result with hires rows: 10 hires for growth and 90 for replacement per service and year."""
    import dataclasses

    import pandas as pd

    f = result.frame
    fte = f[f["variable"] == "fte"]
    extra = []
    for variable, value in (("hires_growth", 10.0), ("hires_replacement", 90.0), ("hires", 100.0)):
        part = fte.copy()
        part["variable"], part["unit"], part["value"] = variable, "persons", value
        extra.append(part)
    return dataclasses.replace(result, frame=pd.concat([f, *extra], ignore_index=True))


def fake_accuracy():
    """A backtest with fixed scores (naive 6.1 % sMAPE, drift 7.9 %) in which the scenarios use naive."""
    from forecast.results.scores import BacktestResult, ModelScore

    score = lambda smape, mase: ModelScore(smape, mase, 0.8, 0.9, 7)  # noqa: E731
    return BacktestResult(5, 3, {"naive": score(6.1, 1.46), "drift": score(7.9, 1.88)}, "naive", 7, 0,
                          used=("naive",))
