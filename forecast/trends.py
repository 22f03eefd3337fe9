"""Trend models for yearly series behind one fit/predict interface, each forecast with 80 % and 95 % intervals.

Models: `naive` (random walk), `drift` (random walk with drift), `ets` (statsmodels ETSModel, additive error,
additive or damped trend chosen by AICc), `arima` (statsmodels ARIMA(0,1,1) with drift; from 12 points also (1,1,0), by AICc),
`theta` (statsmodels ThetaModel), `prophet` (linear trend, no seasonality; the series' population as a regressor
where it has one), `combo` (mean of ets, arima and theta; intervals averaged quantile by quantile) and `auto`
(per series: the candidate with the smallest scaled error in a rolling-origin backtest on the series' own history,
else `combo`). Positive series are modelled on the log scale, so forecasts and intervals stay positive.
`service_trend` turns these into per-year factors on coverage and FTE per user for the demand model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from forecast.errors import ForecastError

if TYPE_CHECKING:
    import numpy as np

SINGLE_MODELS = ("naive", "drift", "ets", "arima", "theta", "prophet")
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




# ----------------------------------------------------------------------------------------------- demand factors
@dataclass
class Factors:
    """Per-year multiplicative factors relative to the base year (1.0 in and before it), with interval bounds."""

    years: list[int]
    value: "np.ndarray"
    lower80: "np.ndarray"
    upper80: "np.ndarray"
    lower95: "np.ndarray"
    upper95: "np.ndarray"
    model: str  # the model that produced it ("constant" where there is no history)
    source: str = ""  # the history it was fitted to, e.g. "4601|care|fte_per_user 2015–2025"

    def at(self, year: int) -> float:
        return float(self.value[self.years.index(year)])


@dataclass
class TrendPath:
    """Trend factors of one service in one municipality: multiply base-year coverage / FTE per user by them."""

    service: str
    municipality: str
    base: int
    years: list[int]
    coverage: Factors  # all age bands together, weighted by the base year's users
    fte_per_user: Factors
    coverage_by_band: dict[str, Factors] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _constant(years: list[int], source: str = "") -> Factors:
    import numpy as np

    one = np.ones(len(years))
    return Factors(years, one, one, one, one, one, "constant", source)


def series_factors(s, model: str, base: int, years: list[int], x_future=None) -> Factors:
    """Fit `model` (or choose it, for `auto`) to series `s` and return factors relative to its value in `base`.

    Observed years after the base use the observed ratio; future years the forecast with its intervals.
    """
    import numpy as np

    y = np.asarray(s.values, float)
    last = s.years[-1]
    if base < s.years[0]:
        raise ForecastError(f"{s.id}: base year {base} is before the history starts ({s.years[0]})")
    horizon = max(max(years) - last, base - last, 1)
    chosen = model
    if model == "auto":
        from forecast.backtest import choose_model

        chosen = choose_model(y, x=s.population, start_year=s.first_year).model
    try:
        fc = fit_predict(chosen, y, horizon, x=s.population, x_future=x_future, start_year=s.first_year)
    except SeriesTooShort:
        chosen = "drift" if len(y) >= MIN_LENGTH["drift"] else "naive"
        fc = fit_predict(chosen, y, horizon, start_year=s.first_year)
    observed = dict(zip(s.years, y))
    ref = observed[base] if base in observed else fc.mean[base - last - 1]
    cols = np.ones((len(years), 5))
    if not ref > 0:  # a base level of zero (or undefined) has no relative path: held, without width
        return Factors(years, cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3], cols[:, 4], "constant",
                       f"{s.id}: base level {ref:g}, held")
    for i, year in enumerate(years):
        if year <= base:
            continue
        cols[i] = observed[year] / ref if year in observed else fc.stack()[year - last - 1] / ref
    label = f"auto → {chosen}" if model == "auto" else chosen
    return Factors(years, cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3], cols[:, 4], label,
                   f"{s.id} {s.years[0]}–{last}")


def _weighted(parts: dict[str, Factors], weights: dict[str, float], years: list[int]) -> Factors:
    """Σ weight × factor; bounds added band by band (as if the bands' errors moved together: conservative)."""
    import numpy as np

    total = sum(weights.values()) or 1.0
    arr = sum(np.column_stack([f.value, f.lower80, f.upper80, f.lower95, f.upper95]) * weights[b] / total
              for b, f in parts.items())
    models = sorted({f.model for f in parts.values()})
    return Factors(years, arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4], " / ".join(models),
                   "; ".join(f.source for f in parts.values() if f.source))


def _future_population(s, years: list[int]):
    """The band's population after the series' last year, from the built-in projection (for prophet)."""
    import numpy as np

    from forecast.population import population

    if s.population is None or s.band is None:
        return None
    lo, hi = (int(v) for v in s.band.replace("+", "-200").split("-")[:2])
    cube = population(max(max(years), s.years[-1] + 1))
    future = [y for y in cube.years if y > s.years[-1]]
    idx = [cube.years.index(y) for y in future]
    if s.municipality == "0000":
        return cube.values[:, idx, :, lo : hi + 1].sum(axis=(0, 2, 3))
    return np.asarray(cube.values[cube.index(s.municipality), idx, :, lo : hi + 1].sum(axis=(1, 2)))


def service_trend(service: str, municipality: str, model: str, base: int, years: list[int]) -> TrendPath:
    """Coverage and FTE-per-user factors of `service` in `municipality` for `years`, relative to `base`.

    `model` is one of naive, drift, ets, arima, theta, prophet, combo, auto or constant. Factors are 1 up to and
    including the base year. Coverage: one factor per age band fitted to that band's history, and their mean
    weighted by the base year's users. Home care and nursing homes share the nurse-FTE-per-user series; primary
    school uses Udir's teacher FTE per pupil and enrolment (the national series where the municipality has none).
    Kindergarten has no history in the shipped data and stays constant (said in `notes`).
    """
    from forecast.history import find_series
    from forecast.parameters import param

    if model not in MODELS + ("constant",):
        raise ForecastError(f"unknown trend model {model!r}: use constant or one of {', '.join(MODELS)}")
    years = sorted(years)
    path = TrendPath(service, municipality, base, years, _constant(years), _constant(years))
    if model == "constant":
        return path
    if service == "kindergarten":
        path.notes.append("kindergarten: no coverage or staffing history in the shipped data; trend held constant")
        return path
    if service in ("home_care", "nursing_home"):
        bands = list(param("services", "care_age_bands").value)
        staff = ("care", "fte_per_user")
    elif service == "primary_school":
        lo, hi = param("services", "school_ages").value
        bands = [f"{lo}-{hi}"]
        staff = ("primary_school", "fte_per_user")
    else:
        raise ForecastError(f"unknown service {service!r}")
    where = municipality
    if find_series(municipality, *staff) is None and service == "primary_school":
        where = "0000"
        path.notes.append(f"primary_school: no Udir series for {municipality}; the national trend is used")
    parts, weights = {}, {}
    for band in bands:
        s = find_series(where, service, "coverage", band)
        if s is None or len(s.values) < MIN_LENGTH["naive"]:
            path.notes.append(f"{service}: no coverage history for ages {band} in {where}; held constant")
            parts[band] = _constant(years)
            weights[band] = 0.0
            continue
        if model == "prophet":
            parts[band] = series_factors(s, model, base, years, _future_population(s, years))
        else:
            parts[band] = _series_factors_cached(s.id, service, model, base, tuple(years))
        last = s.years.index(base) if base in s.years else -1
        weights[band] = float(s.values[last] * s.population[last])  # users in the band
    path.coverage_by_band = parts
    path.coverage = _weighted(parts, weights, years) if any(weights.values()) else _constant(years)
    s = find_series(where, *staff)
    if s is None or len(s.values) < MIN_LENGTH["naive"]:
        path.notes.append(f"{service}: no FTE-per-user history for {where}; held constant")
    else:  # home care and nursing homes share one series: fitted once
        path.fte_per_user = _series_factors_cached(s.id, staff[0], model, base, tuple(years))
    return path


@lru_cache(maxsize=4096)
def _series_factors_cached(sid: str, service: str, model: str, base: int, years: tuple[int, ...]) -> Factors:
    """series_factors for a shipped series by id (a series shared by services, or by every municipality that uses
    the national school series, is fitted once). Factors are read-only: shared by every caller."""
    from forecast.history import _index

    s = _index("school" if service == "primary_school" else "care")[sid]
    f = series_factors(s, model, base, list(years))
    for arr in (f.value, f.lower80, f.upper80, f.lower95, f.upper95):
        arr.flags.writeable = False
    return f
