"""Rolling-origin evaluation of the trend models, and of the population projection against what happened.

A series of n points is cut at origins t (the model sees points 0..t−1) and scored on the next `horizon` points.
Scored origins are the last `origins` cuts that leave a full horizon; `warmup` earlier cuts are fitted too, so that
`auto` can choose at each scored origin from errors it could have seen then (no look-ahead).
sMAPE is the M3 definition: mean over horizons of 200·|y − ŷ| / (|y| + |ŷ|) (0 where both are 0).
MASE divides the mean absolute error by the in-sample mean absolute one-step change (yearly: no seasonality).
Scores are averaged per series, then over series.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from forecast.errors import ArgumentError, ForecastError
from forecast.results.scores import BacktestResult, ModelScore
from forecast.trends.models import MIN_LENGTH
from forecast.trends.origins import naive_scale, origin_forecasts
from forecast.trends.select import auto_forecasts, check_transform, choose_transforms, default_model, pooled_auto
from forecast.vocabulary import FITTED_MODELS, NATIONAL

if TYPE_CHECKING:
    import numpy as np

    from forecast.trends.series import Series

DEFAULT_MODELS = FITTED_MODELS


def smape(actual, forecast) -> "np.ndarray":
    """M3 sMAPE per point, in percent: 200·|y − ŷ| / (|y| + |ŷ|), 0 where both are 0."""
    import numpy as np

    num = 200 * np.abs(actual - forecast)
    den = np.abs(actual) + np.abs(forecast)
    return np.divide(num, den, out=np.zeros_like(num, dtype=float), where=den > 0)


@dataclass
class SeriesScore:
    series_id: str
    family: str
    n_origins: int
    smape: dict[str, float]
    mase: dict[str, float]
    cover80: dict[str, float]
    cover95: dict[str, float]
    auto_choices: list[str]


def plan_origins(n: int, horizon: int, origins: int, warmup: int | None = None) -> tuple[list[int], int]:
    """All origins to fit (warm-up first; trends.yaml warmup unless given) and how many of the last ones are
    scored."""
    if warmup is None:
        from forecast.data.parameters import trends

        warmup = trends().warmup
    last = n - horizon
    first_scored = max(last - origins + 1, MIN_LENGTH["combo"])
    if last < first_scored:
        return [], 0
    first = max(first_scored - warmup, MIN_LENGTH["combo"])
    return list(range(first, last + 1)), last - first_scored + 1


@dataclass
class SeriesForecasts:
    """Every model's forecasts of one series from every cut (warm-up first), before `auto` is added."""

    series: "Series"
    y: "np.ndarray"
    cuts: list[int]
    n_scored: int
    fc: dict[str, "np.ndarray"]
    candidates: list[str]  # what a per-series `auto` chooses among (as `trend: auto` in a run)


def series_forecasts(s: "Series", horizon: int, origins: int, models, x_future: dict | None = None,
                     transform: str = "log") -> SeriesForecasts | None:
    """Forecasts of `models` from every cut of `s` (None if too short for one scored origin).

    `transform`: log, none, or auto (per model and origin, whichever scale erred less before; select.py).
    """
    import numpy as np

    from forecast.data.parameters import trends

    transform = check_transform(transform)
    y = np.asarray(s.values, float)
    cuts, n_scored = plan_origins(len(y), horizon, origins)
    if not n_scored:
        return None
    fc = origin_forecasts(y, cuts, horizon, models, x=s.population, x_future=x_future, start_year=s.first_year,
                          log=transform != "none")
    if transform == "auto":
        untransformed = origin_forecasts(y, cuts, horizon, models, x=s.population, x_future=x_future,
                                         start_year=s.first_year, log=False)
        fc, _ = choose_transforms(y, cuts, fc, untransformed)
    # as `trend: auto` chooses in a run; with none of its candidates (--models arima,combo), among those given
    candidates = [m for m in models if m in fc and m in trends().auto_candidates] or [m for m in models if m in fc]
    return SeriesForecasts(s, y, cuts, n_scored, fc, candidates)


def score_series(sf: SeriesForecasts, extra: dict[str, tuple["np.ndarray", list[str]]]) -> SeriesScore:
    """Scores of every model and of `extra` {name: (forecasts [cut, step, 5], choices per cut)} at the scored cuts;
    the choices recorded are those of the first extra (`auto`)."""
    import numpy as np

    y, cuts, n_scored = sf.y, sf.cuts, sf.n_scored
    horizon = next(iter(sf.fc.values())).shape[1]
    scored = range(len(cuts) - n_scored, len(cuts))
    actual = np.array([y[cuts[k] : cuts[k] + horizon] for k in scored])
    scales = np.array([naive_scale(y, cuts[k]) for k in scored])
    choices = next(iter(extra.values()))[1] if extra else []
    out = SeriesScore(sf.series.id, sf.series.family, n_scored, {}, {}, {}, {},
                      [choices[k] for k in scored] if choices else [])
    for m, arr in {**sf.fc, **{name: fc for name, (fc, _) in extra.items()}}.items():
        a = arr[list(scored)]
        if not np.isfinite(a).all():
            continue
        mean = a[..., 0]
        out.smape[m] = float(smape(actual, mean).mean())
        with np.errstate(all="ignore"):
            mase = np.abs(actual - mean).mean(axis=1) / scales
        out.mase[m] = float(np.mean(mase)) if np.all(scales > 0) else float("nan")
        out.cover80[m] = float(((actual >= a[..., 1]) & (actual <= a[..., 2])).mean())
        out.cover95[m] = float(((actual >= a[..., 3]) & (actual <= a[..., 4])).mean())
    return out


def backtest_series(s: "Series", horizon: int, origins: int, models, x_future: dict | None = None,
                    log: bool = True, transform: str | None = None) -> SeriesScore | None:
    """Rolling-origin scores of every model (and `auto` chosen per series, as in a run) on one series; None if too
    short for one scored origin. `transform`: log, none or auto; None follows `log`."""
    sf = series_forecasts(s, horizon, origins, models, x_future, transform or ("log" if log else "none"))
    if sf is None:
        return None
    return score_series(sf, {"auto": auto_forecasts(sf.y, sf.cuts, sf.fc, sf.candidates)})


def pool(scores: list[SeriesScore]) -> dict[str, ModelScore]:
    """Mean over series of each model's per-series scores (series every model could score)."""
    import numpy as np

    if not scores:
        return {}
    models = [m for m in scores[0].smape if all(m in s.smape for s in scores)]
    out = {}
    for m in models:
        mase = np.array([s.mase[m] for s in scores])
        out[m] = ModelScore(float(np.mean([s.smape[m] for s in scores])), float(np.nanmean(mase)) if
                            np.isfinite(mase).any() else float("nan"),
                            float(np.mean([s.cover80[m] for s in scores])),
                            float(np.mean([s.cover95[m] for s in scores])), len(scores))
    return out


def _worker(args) -> list[SeriesForecasts | None]:
    batch, horizon, origins, models, transform = args
    return [series_forecasts(s, horizon, origins, models, xf, transform) for s, xf in batch]


def run_backtest(series: list["Series"], horizon: int = 5, origins: int = 3, models=DEFAULT_MODELS,
                 workers: int | None = None, progress: Callable[[int, int], None] | None = None,
                 future_population: Callable[["Series"], dict | None] | None = None,
                 log: bool = True, transform: str | None = None, pooled: bool = True) -> BacktestResult:
    """Backtest `models` (and `auto`) on every series, in parallel over processes; `progress(done, total)`.

    `transform`: log (default), none or auto (None follows `log`). With `pooled`, `auto` is chosen across the
    series scored together (`select.pooled_auto`) and `auto_series` is the per-series choice a run's `trend: auto`
    makes; without, `auto` is that per-series choice (the report's accuracy page, which speaks of runs).
    """
    import os
    import time

    if horizon < 1:
        raise ArgumentError(f"<horizon> must be 1 or more, got {horizon}")
    if origins < 1:
        raise ArgumentError(f"<origins> must be 1 or more, got {origins}")
    unknown = [m for m in models if m not in DEFAULT_MODELS]
    if unknown:
        raise ArgumentError(f"<models>: unknown model {unknown[0]!r}; use any of {', '.join(DEFAULT_MODELS)}")
    transform = check_transform(transform or ("log" if log else "none"))
    start = time.perf_counter()
    items = [(s, future_population(s) if future_population else None) for s in series]
    size = 8
    batches = [(items[i : i + size], horizon, origins, tuple(models), transform)
               for i in range(0, len(items), size)]
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[SeriesForecasts | None] = []
    done = 0
    if workers > 1 and len(batches) > 1:
        from concurrent.futures import as_completed

        from forecast.processes import worker_pool

        with worker_pool(workers) as pool_:  # workers end with this process, even on kill -9
            futures = {pool_.submit(_worker, b): len(b[0]) for b in batches}
            for f in as_completed(futures):
                results.extend(f.result())
                done += futures[f]
                if progress:
                    progress(done, len(items))
    else:
        for b in batches:
            results.extend(_worker(b))
            done += len(b[0])
            if progress:
                progress(done, len(items))
    forecasts = sorted((r for r in results if r is not None), key=lambda r: r.series.id)
    across = pooled_auto(forecasts, models) if pooled else [None] * len(forecasts)
    scores = []
    for sf, together in zip(forecasts, across):
        alone = auto_forecasts(sf.y, sf.cuts, sf.fc, sf.candidates)
        scores.append(score_series(sf, {"auto": together, "auto_series": alone} if pooled else {"auto": alone}))
    if not scores:
        raise ForecastError(f"no series is long enough for a backtest at horizon {horizon}: each needs at least "
                            f"{MIN_LENGTH['combo'] + horizon} years")
    pooled = pool(scores)
    choices: dict[str, int] = {}
    for s in scores:
        for c in s.auto_choices:
            choices[c] = choices.get(c, 0) + 1
    families = {}
    for fam in sorted({s.family for s in scores}):
        families[fam] = pool([s for s in scores if s.family == fam])
    selected = next(iter(sorted(choices, key=lambda m: -choices[m])), default_model(models))
    return BacktestResult(horizon, origins, pooled, selected, len(scores),
                          len(series) - len(scores), dict(sorted(choices.items(), key=lambda kv: -kv[1])), families,
                          time.perf_counter() - start)


def population_regressors(horizon: int):
    """For prophet: each origin's future band population from the projection run with data up to that origin."""
    from functools import lru_cache

    from forecast.population import population

    @lru_cache(maxsize=32)
    def cube(until: int):
        return population(until + horizon, None, until)

    def future(s) -> dict | None:
        if s.population is None or s.band is None or s.municipality == NATIONAL:
            return None
        lo, hi = (int(v) for v in s.band.replace("+", "-200").split("-")[:2])
        out = {}
        for t in range(MIN_LENGTH["combo"], len(s.values)):
            c = cube(s.years[t - 1])
            if s.municipality not in c.codes:
                return None
            years = [c.years.index(y) for y in range(s.years[t - 1] + 1, s.years[t - 1] + 1 + horizon)]
            out[t] = c.values[c.index(s.municipality), years, :, lo : hi + 1].sum(axis=(1, 2))
        return out

    return future
