"""Trend models for yearly series behind one fit/predict interface, each forecast with 80 % and 95 % intervals.

Models: `naive` (random walk), `drift` (random walk with drift), `ets` (statsmodels ETSModel, additive error,
additive or damped trend chosen by AICc), `arima` (statsmodels ARIMA(0,1,1) with drift; from 12 points also (1,1,0), by AICc),
`theta` (statsmodels ThetaModel), `prophet` (linear trend, no seasonality; the series' population as a regressor
where it has one), `combo` (mean of ets, arima and theta; intervals averaged quantile by quantile) and `auto`
(per series: the candidate with the smallest scaled error in a rolling-origin backtest on the series' own history;
forecast.trends.select). Positive series are modelled on the log scale, so forecasts and intervals stay positive.
forecast.trends.factors turns these into per-year factors on coverage and FTE per user for the demand model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from forecast.errors import ForecastError
from forecast.vocabulary import SINGLE_MODELS

if TYPE_CHECKING:
    import numpy as np

COMBO_MEMBERS = ("ets", "arima", "theta")
MODELS = SINGLE_MODELS + ("combo", "auto")
MIN_LENGTH = {"naive": 2, "drift": 3, "ets": 5, "arima": 6, "theta": 4, "prophet": 4, "combo": 6}
Z80, Z95 = 1.2815515655446004, 1.959963984540054


@dataclass
class Forecast:
    """Point forecast and interval bounds for steps 1..h ahead (on the series' own scale)."""

    model: str
    mean: "np.ndarray"
    lower80: "np.ndarray"
    upper80: "np.ndarray"
    lower95: "np.ndarray"
    upper95: "np.ndarray"
    detail: str = ""  # e.g. "ets(A,Ad)", "arima(0,1,1)+drift"

    def stack(self) -> "np.ndarray":
        """[h, 5] array: mean, lower80, upper80, lower95, upper95."""
        import numpy as np

        return np.column_stack([self.mean, self.lower80, self.upper80, self.lower95, self.upper95])

    def map(self, fn: Callable) -> "Forecast":
        return Forecast(self.model, fn(self.mean), fn(self.lower80), fn(self.upper80), fn(self.lower95),
                        fn(self.upper95), self.detail)


class SeriesTooShort(ForecastError):
    """A model needs more observations than the series has."""


def _normal(model: str, mean, sd, detail: str = "") -> Forecast:
    return Forecast(model, mean, mean - Z80 * sd, mean + Z80 * sd, mean - Z95 * sd, mean + Z95 * sd, detail)


def _symmetric(model: str, mean, lower95, upper95, detail: str) -> Forecast:
    """Normal intervals from the 95 % bounds: the 80 % ones are the same spread scaled by the quantile ratio."""
    import numpy as np

    center = (np.asarray(lower95, float) + np.asarray(upper95, float)) / 2
    sd = (np.asarray(upper95, float) - np.asarray(lower95, float)) / (2 * Z95)
    fc = _normal(model, center, sd, detail)
    fc.mean = np.asarray(mean, float)
    return fc


def _bounds(model: str, mean, frames: dict, detail: str) -> Forecast:
    """Forecast from {alpha: (lower, upper)} for alpha 0.2 and 0.05."""
    import numpy as np

    a = {k: (np.asarray(lo, float), np.asarray(hi, float)) for k, (lo, hi) in frames.items()}
    return Forecast(model, np.asarray(mean, float), a[0.2][0], a[0.2][1], a[0.05][0], a[0.05][1], detail)


# ----------------------------------------------------------------------------------------------- the models
def _naive(y, h, **_) -> Forecast:
    import numpy as np

    d = np.diff(y)
    sd = math.sqrt(np.mean(d**2)) if len(d) else 0.0
    steps = np.arange(1, h + 1)
    return _normal("naive", np.full(h, y[-1]), sd * np.sqrt(steps))


def _drift(y, h, **_) -> Forecast:
    import numpy as np

    d = np.diff(y)
    slope = d.mean()
    sd = float(np.std(d, ddof=1)) if len(d) > 1 else 0.0
    steps = np.arange(1, h + 1)
    return _normal("drift", y[-1] + slope * steps, sd * np.sqrt(steps * (1 + steps / len(d))))


def _ets(y, h, **_) -> Forecast:
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = pd.Series(y)  # ETS prediction results need an index
    best = None
    for trend, damped in ((None, False), ("add", False), ("add", True)):
        if damped and len(y) < 7:
            continue
        try:
            res = ETSModel(y, error="add", trend=trend, damped_trend=damped).fit(disp=False)
        except ValueError:  # includes numpy's LinAlgError
            continue
        score = res.aicc if math.isfinite(res.aicc) else res.aic
        if best is None or score < best[0]:
            best = (score, res, (trend, damped))
    if best is None:
        raise SeriesTooShort("ets could not be fitted")
    _, res, (trend, damped) = best
    n = len(y)
    pred = res.get_prediction(start=n, end=n + h - 1)
    sf = pred.summary_frame(alpha=0.05)
    return _symmetric("ets", pred.predicted_mean.to_numpy(), sf["pi_lower"].to_numpy(), sf["pi_upper"].to_numpy(),
                      "ets(A,Ad)" if damped else "ets(A,A)" if trend else "ets(A,N)")


def _arima(y, h, **_) -> Forecast:
    from statsmodels.tsa.arima.model import ARIMA

    best = None
    for order in ((0, 1, 1), (1, 1, 0)) if len(y) >= 12 else ((0, 1, 1),):  # short: one order, half the time
        try:
            res = ARIMA(y, order=order, trend="t").fit()
        except ValueError:  # includes numpy's LinAlgError
            continue
        if best is None or res.aicc < best[0]:
            best = (res.aicc, res, order)
    if best is None:
        raise SeriesTooShort("arima could not be fitted")
    _, res, order = best
    fc = res.get_forecast(h)
    frames = {}
    for alpha in (0.2, 0.05):
        ci = fc.conf_int(alpha=alpha)
        frames[alpha] = (ci[:, 0], ci[:, 1])
    return _bounds("arima", fc.predicted_mean, frames, f"arima{order}+drift".replace(" ", ""))


def _theta(y, h, **_) -> Forecast:
    """statsmodels' Theta method; σ² from its in-sample one-step errors (statsmodels would refit an ARIMA for it)."""
    import numpy as np
    from statsmodels.tsa.forecasting.theta import ThetaModel

    res = ThetaModel(y, period=1, deseasonalize=False).fit()
    b0, alpha = float(res.params["b0"]), float(res.params["alpha"])
    level, errors = y[0], []
    for v in y[1:]:
        errors.append(v - level - b0 / 2)
        level += alpha * (v - level)
    sigma2 = float(np.mean(np.square(errors)))
    sd = np.sqrt((1 + np.arange(h) * (1 + (alpha - 1) ** 2)) * sigma2)  # statsmodels' h-step variance
    return _normal("theta", res.forecast(h).to_numpy(), sd, "theta")


def _prophet(y, h, x=None, x_future=None, start_year: int = 2000, **_) -> Forecast:
    import logging

    import numpy as np
    import pandas as pd

    logging.getLogger("prophet.plot").disabled = True
    logging.getLogger("cmdstanpy").disabled = True
    import cmdstanpy
    from prophet import Prophet

    cmdstanpy.disable_logging()
    years = np.arange(start_year, start_year + len(y) + h)
    ds = pd.to_datetime([f"{yr}-01-01" for yr in years])
    m = Prophet(yearly_seasonality=False, weekly_seasonality=False, daily_seasonality=False,
                uncertainty_samples=400, changepoint_range=0.8, n_changepoints=min(5, max(len(y) - 3, 0)))
    df = pd.DataFrame({"ds": ds[: len(y)], "y": y})
    use_x = x is not None and x_future is not None and np.ptp(x) > 0
    if use_x:
        m.add_regressor("population", standardize=True)
        df["population"] = x
    m.fit(df)
    future = pd.DataFrame({"ds": ds[len(y):]})
    if use_x:
        future["population"] = np.asarray(x_future[:h], float)
    mean = m.predict(future)["yhat"].to_numpy()
    samples = m.predictive_samples(future)["yhat"]  # [h, samples]
    q = np.quantile(samples, [0.1, 0.9, 0.025, 0.975], axis=1)
    return Forecast("prophet", mean, q[0], q[1], q[2], q[3], "prophet+population" if use_x else "prophet")


FITTERS = {"naive": _naive, "drift": _drift, "ets": _ets, "arima": _arima, "theta": _theta, "prophet": _prophet}


def fit_predict(model: str, y, horizon: int, *, x=None, x_future=None, start_year: int = 2000,
                log: bool = True) -> Forecast:
    """Fit `model` to the yearly series `y` (oldest first) and forecast `horizon` steps with 80/95 % intervals.

    `x`/`x_future`: the series' population (history and projected), used by prophet only. Series that are
    positive throughout are modelled as logarithms when `log` is true.
    """
    import warnings

    import numpy
    if model not in FITTERS and model != "combo":
        raise ForecastError(f"unknown trend model {model!r}: use one of {', '.join(MODELS)}")
    y = numpy.asarray(y, dtype=float)
    if len(y) < MIN_LENGTH[model]:
        raise SeriesTooShort(f"{model} needs at least {MIN_LENGTH[model]} observations, the series has {len(y)}")
    if model == "combo":
        parts = [fit_predict(m, y, horizon, log=log) for m in COMBO_MEMBERS]
        return combine(parts, "combo")
    use_log = log and bool(numpy.all(y > 0))
    z = numpy.log(y) if use_log else y
    with warnings.catch_warnings(), numpy.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fc = FITTERS[model](z, horizon, x=x, x_future=x_future, start_year=start_year)
    if use_log:
        fc = fc.map(numpy.exp)
    if not numpy.all(numpy.isfinite(fc.stack())):
        raise SeriesTooShort(f"{model} gave a non-finite forecast")
    return fc


def combine(parts: list[Forecast], name: str) -> Forecast:
    """Mean of the point forecasts; each interval bound averaged across models (quantile averaging)."""
    import numpy as np

    s = np.mean([p.stack() for p in parts], axis=0)
    return Forecast(name, s[:, 0], s[:, 1], s[:, 2], s[:, 3], s[:, 4], "mean of " + ", ".join(p.model for p in parts))
