"""Forecasts of several models from several origins of one series: the shared ground of `auto`'s choice
(forecast.trends.select) and of the rolling-origin evaluation (forecast.trends.evaluate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.trends.models import COMBO_MEMBERS, MIN_LENGTH, SeriesTooShort, fit_predict

if TYPE_CHECKING:
    import numpy as np


def origin_forecasts(y, origins: list[int], horizon: int, models, *, x=None, x_future: dict | None = None,
                     start_year: int = 2000, log: bool = True) -> dict[str, "np.ndarray"]:
    """Forecasts of each model from each origin: {model: [origin, step, (mean, lo80, hi80, lo95, hi95)]}.

    NaN where a model cannot be fitted on that much history. `combo` is built from its members' forecasts.
    """
    import numpy as np

    y = np.asarray(y, float)
    singles = [m for m in models if m != "combo"]
    need = set(singles) | (set(COMBO_MEMBERS) if "combo" in models else set())
    out = {m: np.full((len(origins), horizon, 5), np.nan) for m in list(need) + (["combo"] if "combo" in models
                                                                                else [])}
    for k, t in enumerate(origins):
        for m in need:
            if t < MIN_LENGTH[m]:
                continue
            try:
                fc = fit_predict(m, y[:t], horizon, x=None if x is None else x[:t],
                                 x_future=(x_future or {}).get(t), start_year=start_year, log=log)
            except SeriesTooShort:
                continue
            out[m][k] = fc.stack()
        if "combo" in models and all(np.isfinite(out[m][k]).all() for m in COMBO_MEMBERS):
            out["combo"][k] = np.mean([out[m][k] for m in COMBO_MEMBERS], axis=0)
    return {m: a for m, a in out.items() if m in models}


def naive_scale(y, t: int) -> float:
    import numpy as np

    d = np.abs(np.diff(y[:t]))
    return float(d.mean()) if len(d) else float("nan")
