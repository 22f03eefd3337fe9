"""Small, fixed results for the report tests: numbers chosen so every chart's values can be checked by hand."""

from __future__ import annotations

from types import ModuleType, SimpleNamespace

YEARS = list(range(2025, 2031))


def synthetic_result(scenario: str = "base", robot: float = 0.0, band: bool = False):
    """Two services in Bergen, 2025–2030.

    kindergarten: users 100 → 110 (+2/yr), 1 FTE per user throughout.
    nursing_home: users 50 → 60 (+2/yr), gross FTE per user 2.0 → 2.2 (+0.04/yr); a measure 'robot' offsets
    0 FTE in 2025 rising to `robot` FTE in 2030.
    Bridge 2025 → 2030: start 200, population +30, FTE per user +12, robot −robot, end 242 − robot.
    """
    from forecast.result import Result, frame_from_rows

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
    return Result(frame=frame_from_rows(rows), scenarios=[scenario], title=f"Test: {scenario}",
                  notes=["kindergarten: 100 children and 100 FTE in 2025 (test)"],
                  assumptions=["nursing_home: 2 FTE per resident (test assumption) — reference: none"])


def fake_workforce() -> ModuleType:
    """A stand-in for forecast.workforce: 10 hires for growth and 90 for replacement per service and year."""
    import pandas as pd

    from forecast.result import Result

    def hires(result, loaded):
        f = result.frame
        fte = f[f["variable"] == "fte"]
        extra = []
        for variable, value in (("hires_growth", 10.0), ("hires_replacement", 90.0), ("hires", 100.0)):
            part = fte.copy()
            part["variable"], part["unit"], part["value"] = variable, "persons", value
            extra.append(part)
        frame = pd.concat([f, *extra], ignore_index=True)
        return Result(frame, result.scenarios, result.title, result.notes, result.assumptions, result.inputs)

    module = ModuleType("forecast.workforce")
    module.hires = hires
    return module


def fake_backtest() -> tuple[ModuleType, ModuleType]:
    """Stand-ins for forecast.backtest and forecast.history with fixed scores (naive 6.1 % sMAPE)."""
    score = lambda smape, mase: SimpleNamespace(smape=smape, mase=mase, cover80=0.8, cover95=0.9, n_series=7)  # noqa

    def run_backtest(series, horizon=5, origins=3, models=(), workers=None):
        assert "naive" in models and "drift" in models
        return SimpleNamespace(horizon=horizon, origins=origins, n_series=7,
                               models={"naive": score(6.1, 1.46), "drift": score(7.9, 1.88)})

    backtest = ModuleType("forecast.backtest")
    backtest.run_backtest = run_backtest
    backtest.DEFAULT_MODELS = ("naive", "drift")
    history = ModuleType("forecast.history")
    history.all_series = lambda municipality=None, service=None: [object()] * 7
    return backtest, history
