"""Trends as demand factors: per-year multipliers on a service's coverage and FTE per user, relative to the base
year, with 80 % and 95 % bounds, fitted to the shipped history (forecast.trends.series) by the trend models
(forecast.trends.models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.results.notes import Note, note
from forecast.trends.models import MIN_LENGTH, MODELS, SeriesTooShort, fit_predict
from forecast.vocabulary import NATIONAL, SERVICES

if TYPE_CHECKING:
    import numpy as np

    from forecast.trends.models import Forecast


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
    notes: list[Note] = field(default_factory=list)


def _constant(years: list[int], source: str = "") -> Factors:
    import numpy as np

    one = np.ones(len(years))
    return Factors(years, one, one, one, one, one, "constant", source)


def series_factors(s, model: str, base: int, years: list[int], x_future=None) -> Factors:
    """Fit `model` (or choose it, for `auto`) to series `s` and return factors relative to its value in `base`.

    Observed years after the base use the observed ratio; future years the forecast with its intervals. The
    chosen model and its forecast are kept across runs (forecast.trends.cache).
    """
    import numpy as np

    y = np.asarray(s.values, float)
    last = s.years[-1]
    if base < s.years[0]:
        raise ForecastError(f"{s.id}: base year {base} is before the history starts ({s.years[0]})")
    horizon = max(max(years) - last, base - last, 1)
    from forecast.trends import cache

    if model in cache.CHEAP:  # closed forms (the runs without a trend use naive for intervals): faster than a read
        chosen, fc = _fit(s, y, model, horizon, x_future)
    else:
        name = cache.key(y, s.years, model, horizon, population=s.population, future_population=x_future)
        chosen, fc = cache.cached(name, horizon, lambda: _fit(s, y, model, horizon, x_future))
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


def _fit(s, y, model: str, horizon: int, x_future) -> tuple[str, "Forecast"]:
    """The model `auto` chooses (or `model`) and its forecast; drift or naive where the model cannot be fitted."""
    chosen = model
    if model == "auto":
        from forecast.trends.select import choose_model

        chosen = choose_model(y, x=s.population, start_year=s.first_year).model
    try:
        fc = fit_predict(chosen, y, horizon, x=s.population, x_future=x_future, start_year=s.first_year)
    except SeriesTooShort:
        chosen = "drift" if len(y) >= MIN_LENGTH["drift"] else "naive"
        fc = fit_predict(chosen, y, horizon, start_year=s.first_year)
    return chosen, fc


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
    if s.municipality == NATIONAL:
        return cube.values[:, idx, :, lo : hi + 1].sum(axis=(0, 2, 3))
    return np.asarray(cube.values[cube.index(s.municipality), idx, :, lo : hi + 1].sum(axis=(1, 2)))


def service_trend(service: str, municipality: str, model: str, base: int, years: list[int]) -> TrendPath:
    """Coverage and FTE-per-user factors of `service` in `municipality` for `years`, relative to `base`.

    `model` is one of naive, drift, ets, arima, theta, prophet, combo, auto or constant. Factors are 1 up to and
    including the base year. Coverage: one factor per age band fitted to that band's history, and their mean
    weighted by the base year's users. Services share an FTE-per-user series where the vocabulary says so (home
    care and nursing homes: user-facing care FTE per weighted user, SSB 12292); where a municipality has no series of its own, the national
    one is used if there is one (primary school). A service without history stays constant (said in `notes`).
    """
    from forecast.trends.series import coverage_bands, find_series

    if model not in MODELS + ("constant",):
        raise ForecastError(f"unknown trend model {model!r}: use constant or one of {', '.join(MODELS)}")
    years = sorted(years)
    path = TrendPath(service, municipality, base, years, _constant(years), _constant(years))
    if model == "constant":
        return path
    if service not in SERVICES:
        raise ForecastError(f"unknown service {service!r}")
    spec = SERVICES[service]
    if spec.history is None:
        path.notes.append(note("trend.no_history", service=service))
        return path
    staff = (spec.staff_series, "fte_per_user")
    where = municipality
    if find_series(municipality, *staff) is None and find_series(NATIONAL, *staff) is not None:
        where = NATIONAL
        path.notes.append(note("trend.national_series", service=service, provider=spec.history_source,
                               municipality=municipality))
    parts, weights = {}, {}
    for band in coverage_bands(service):
        s = find_series(where, service, "coverage", band)
        if s is None or len(s.values) < MIN_LENGTH["naive"] or base < s.years[0]:  # e.g. restarted after a merger
            path.notes.append(note("trend.no_band_history", service=service, band=band, where=where))
            parts[band] = _constant(years)
            weights[band] = 0.0
            continue
        if model == "prophet":
            parts[band] = series_factors(s, model, base, years, _future_population(s, years))
        else:
            parts[band] = _series_factors_cached(s.id, model, base, tuple(years))
        last = s.years.index(base) if base in s.years else -1
        weights[band] = float(s.values[last] * s.population[last])  # users in the band
    path.coverage_by_band = parts
    path.coverage = _weighted(parts, weights, years) if any(weights.values()) else _constant(years)
    s = find_series(where, *staff)
    if s is None or len(s.values) < MIN_LENGTH["naive"] or base < s.years[0]:
        path.notes.append(note("trend.no_staff_history", service=service, where=where))
    else:  # services that share one series fit it once
        path.fte_per_user = _series_factors_cached(s.id, model, base, tuple(years))
        if s.service == "care":  # how much history each municipality's care staffing has (2 to 11 years)
            path.notes.append(note("care.fte_history", first=s.years[0], last=s.years[-1], years=len(s.years)))
    return path


@lru_cache(maxsize=4096)
def _series_factors_cached(sid: str, model: str, base: int, years: tuple[int, ...]) -> Factors:
    """series_factors for a shipped series by id (a series shared by services, or by every municipality that uses
    the national series, is fitted once). Factors are read-only: shared by every caller."""
    from forecast.trends.series import series_by_id

    f = series_factors(series_by_id(sid), model, base, list(years))
    for arr in (f.value, f.lower80, f.upper80, f.lower95, f.upper95):
        arr.flags.writeable = False
    return f
