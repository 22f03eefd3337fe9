"""Rolling-origin evaluation of the trend models, and of the population projection against what happened.

A series of n points is cut at origins t (the model sees points 0..t−1) and scored on the next `horizon` points.
Scored origins are the last `origins` cuts that leave a full horizon; `warmup` earlier cuts are fitted too, so that
`auto` can choose at each scored origin from errors it could have seen then (no look-ahead).
sMAPE is the M3 definition: mean over horizons of 200·|y − ŷ| / (|y| + |ŷ|) (0 where both are 0).
MASE divides the mean absolute error by the in-sample mean absolute one-step change (yearly: no seasonality).
Scores are averaged per series, then over series.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from forecast.errors import ForecastError
from forecast.trends import COMBO_MEMBERS, MIN_LENGTH, SeriesTooShort, fit_predict

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from forecast.history import Series

DEFAULT_MODELS = ("naive", "drift", "ets", "arima", "theta", "prophet", "combo")
# What `trend: auto` chooses among in a run. ARIMA and combo are left out: on the shipped series (1,756, horizon 5,
# 3 origins) auto among these four scored sMAPE 18.33 against 18.40 among all six, at a quarter of the cost.
AUTO_CANDIDATES = ("naive", "drift", "ets", "theta")
MIN_EVIDENCE = 3  # scaled errors a candidate needs before auto may pick it
AUTO_DEFAULT = "naive"  # what auto keeps unless a candidate's past errors are clearly smaller
AUTO_MARGIN = 0.2  # ... by this fraction of the default's mean scaled error
WARMUP = 2  # cuts before the scored ones, fitted only as evidence for auto


# ------------------------------------------------------------------------------------------ forecasts at origins
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


def _scale(y, t: int) -> float:
    import numpy as np

    d = np.abs(np.diff(y[:t]))
    return float(d.mean()) if len(d) else float("nan")


def _evidence(y, origins: list[int], fc: dict[str, "np.ndarray"], k: int, t: int, candidates) -> dict:
    """Scaled errors of each candidate's forecasts from origins[:k] on the targets before index `t`."""
    import numpy as np

    h = next(iter(fc.values())).shape[1]
    evidence: dict[str, list[float]] = {m: [] for m in candidates if m in fc}
    for j in range(k):
        tj = origins[j]
        scale = _scale(y, tj)
        steps = min(h, t - tj)
        if steps <= 0 or not scale > 0:
            continue
        for m in evidence:
            evidence[m].extend((np.abs(y[tj : tj + steps] - fc[m][j, :steps, 0]) / scale).tolist())
    return evidence


def auto_forecasts(y, origins: list[int], fc: dict[str, "np.ndarray"], candidates) -> tuple["np.ndarray", list[str]]:
    """`auto` at each origin: the candidate with the smallest mean scaled error over the forecasts made from
    earlier origins whose targets were already observed at this origin (see `select`)."""
    import numpy as np

    y = np.asarray(y, float)
    h = next(iter(fc.values())).shape[1]
    result = np.full((len(origins), h, 5), np.nan)
    choices = []
    for k, t in enumerate(origins):
        choice = select(_evidence(y, origins, fc, k, t, candidates))
        if not np.isfinite(fc[choice][k]).all():
            choice = AUTO_DEFAULT
        choices.append(choice)
        result[k] = fc[choice][k]
    return result, choices


@dataclass
class AutoChoice:
    """What `auto` picks for a series, and the evidence: mean scaled error (MASE units) per candidate."""

    model: str
    errors: dict[str, float]
    n_origins: int


def choose_model(y, horizon: int = 5, candidates=AUTO_CANDIDATES, *, x=None, x_future: dict | None = None,
                 start_year: int = 2000) -> AutoChoice:
    """Rolling-origin backtest on the whole series: the candidate whose earlier forecasts erred least.

    Origins run from the last `horizon + WARMUP` cuts (each leaving at least one point to score) to the end.
    A series too short for a backtest keeps `naive` (AUTO_DEFAULT).
    """
    import numpy as np

    y = np.asarray(y, float)
    n = len(y)
    if n < MIN_LENGTH["combo"] + 1:  # too short to earn a departure from the random walk (a drift fitted to three
        return AutoChoice(AUTO_DEFAULT, {}, 0)  # points of a small municipality's series can explode)
    cuts = list(range(max(MIN_LENGTH["combo"], n - horizon - WARMUP), n))
    fc = origin_forecasts(y, cuts, horizon, candidates, x=x, x_future=x_future, start_year=start_year)
    evidence = _evidence(y, cuts, fc, len(cuts), n, candidates)
    errors = {m: float(np.mean(v)) for m, v in evidence.items() if v}
    return AutoChoice(select(evidence), errors, len(cuts))


def select(evidence: dict[str, list[float]], default: str = AUTO_DEFAULT, margin: float = AUTO_MARGIN,
           min_evidence: int = MIN_EVIDENCE) -> str:
    """The candidate with the lowest mean scaled error, if it beats `default` by `margin`; else `default`.

    Only candidates scored on every piece of evidence compete. On the shipped series past errors predict future
    ones poorly (level shifts), so leaving the random walk needs a clear advantage.
    """
    import numpy as np

    full = max((len(v) for v in evidence.values()), default=0)
    means = {m: float(np.mean(v)) for m, v in evidence.items()
             if len(v) == full and len(v) >= min_evidence and np.all(np.isfinite(v))}
    if default not in means:
        return default
    best = min(means, key=means.get)
    return best if means[best] < (1 - margin) * means[default] else default


# ------------------------------------------------------------------------------------------ scoring
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


def plan_origins(n: int, horizon: int, origins: int, warmup: int = WARMUP) -> tuple[list[int], int]:
    """All origins to fit (warm-up first) and how many of the last ones are scored."""
    last = n - horizon
    first_scored = max(last - origins + 1, MIN_LENGTH["combo"])
    if last < first_scored:
        return [], 0
    first = max(first_scored - warmup, MIN_LENGTH["combo"])
    return list(range(first, last + 1)), last - first_scored + 1


def backtest_series(s: "Series", horizon: int, origins: int, models, x_future: dict | None = None,
                    log: bool = True) -> SeriesScore | None:
    """Rolling-origin scores of every model (and auto) on one series; None if too short for one scored origin."""
    import numpy as np

    y = np.asarray(s.values, float)
    cuts, n_scored = plan_origins(len(y), horizon, origins)
    if not n_scored:
        return None
    fc = origin_forecasts(y, cuts, horizon, models, x=s.population, x_future=x_future, start_year=s.first_year,
                          log=log)
    candidates = [m for m in models if m in fc and m in AUTO_CANDIDATES]  # as `trend: auto` chooses in a run
    fc["auto"], choices = auto_forecasts(y, cuts, fc, candidates)
    scored = range(len(cuts) - n_scored, len(cuts))
    actual = np.array([y[cuts[k] : cuts[k] + horizon] for k in scored])
    scales = np.array([_scale(y, cuts[k]) for k in scored])
    out = SeriesScore(s.id, s.family, n_scored, {}, {}, {}, {}, [choices[k] for k in scored])
    for m, arr in fc.items():
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


@dataclass
class ModelScore:
    smape: float
    mase: float
    cover80: float
    cover95: float
    n_series: int


@dataclass
class BacktestResult:
    horizon: int
    origins: int
    models: dict[str, ModelScore]
    selected: str  # the model `auto` picked most often
    n_series: int
    n_skipped: int  # series too short for one scored origin
    auto_choices: dict[str, int] = field(default_factory=dict)
    families: dict[str, dict[str, ModelScore]] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict:
        """The `--format json` shape: models with sMAPE and MASE, the selected model, series count, horizon."""
        return {"models": {m: {"smape": round(s.smape, 4), "mase": round(s.mase, 4)} for m, s in self.models.items()},
                "selected": self.selected, "n_series": self.n_series, "horizon": self.horizon}


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


def _worker(args) -> list[SeriesScore | None]:
    batch, horizon, origins, models, log = args
    return [backtest_series(s, horizon, origins, models, xf, log) for s, xf in batch]


def run_backtest(series: list["Series"], horizon: int = 5, origins: int = 3, models=DEFAULT_MODELS,
                 workers: int | None = None, progress: Callable[[int, int], None] | None = None,
                 future_population: Callable[["Series"], dict | None] | None = None,
                 log: bool = True) -> BacktestResult:
    """Backtest `models` (and `auto`) on every series, in parallel over processes; `progress(done, total)`."""
    import os
    import time

    if horizon < 1:
        raise ForecastError(f"--horizon must be 1 or more, got {horizon}")
    if origins < 1:
        raise ForecastError(f"--origins must be 1 or more, got {origins}")
    unknown = [m for m in models if m not in DEFAULT_MODELS]
    if unknown:
        raise ForecastError(f"unknown model {unknown[0]!r}: use any of {', '.join(DEFAULT_MODELS)}")
    start = time.perf_counter()
    items = [(s, future_population(s) if future_population else None) for s in series]
    size = 8
    batches = [(items[i : i + size], horizon, origins, tuple(models), log) for i in range(0, len(items), size)]
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[SeriesScore | None] = []
    done = 0
    if workers > 1 and len(batches) > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool_:
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
    scores = sorted((r for r in results if r is not None), key=lambda r: r.series_id)
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
    selected = next(iter(sorted(choices, key=lambda m: -choices[m])), AUTO_DEFAULT)
    return BacktestResult(horizon, origins, pooled, selected, len(scores),
                          len(series) - len(scores), dict(sorted(choices.items(), key=lambda kv: -kv[1])), families,
                          time.perf_counter() - start)


# ------------------------------------------------------------------------------------------ user CSV and regressors
def read_series_csv(path) -> list["Series"]:
    """Yearly series from a long CSV `series_id, year, value` (extra columns ignored; years must be consecutive)."""
    from pathlib import Path

    import pandas as pd

    from forecast.data.checks import lines_of, require_columns, require_file
    from forecast.errors import DataError
    from forecast.history import Series

    path = require_file(Path(path))
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"cannot read as CSV: {exc}", path) from None
    require_columns(df, ["series_id", "year", "value"], path)
    df = df[["series_id", "year", "value"]]
    if df["series_id"].isna().any():
        raise DataError("column series_id: empty value", path, rows=lines_of(df["series_id"].isna()))
    for col in ("year", "value"):
        num = pd.to_numeric(df[col], errors="coerce")
        bad = num.isna()
        if bad.any():
            raise DataError(f"column {col}: {df[col][bad].iloc[0]!r} is not a number" if df[col][bad].notna().any()
                            else f"column {col}: empty value", path, rows=lines_of(bad))
        df[col] = num
    if (df["year"] % 1 != 0).any():
        raise DataError("column year: years must be whole numbers", path, rows=lines_of(df["year"] % 1 != 0))
    dup = df.duplicated(["series_id", "year"], keep=False)
    if dup.any():
        raise DataError("the same series_id and year appear more than once", path, rows=lines_of(dup))
    out = []
    for sid, rows in df.groupby("series_id", sort=True):
        rows = rows.sort_values("year")
        years = rows["year"].astype(int).tolist()
        gaps = [b for a, b in zip(years, years[1:]) if b != a + 1]
        if gaps:
            raise DataError(f"series {sid!r}: years are not consecutive (missing before {gaps[0]})", path,
                            hint="give one value per year without gaps")
        out.append(Series(str(sid), "", "input", "value", None, "", years, rows["value"].to_numpy(float)))
    if not out:
        raise DataError("no rows", path)
    return out


def population_regressors(horizon: int):
    """For prophet: each origin's future band population from the projection run with data up to that origin."""
    from functools import lru_cache

    from forecast.population import population

    @lru_cache(maxsize=32)
    def cube(until: int):
        return population(until + horizon, None, until)

    def future(s) -> dict | None:
        if s.population is None or s.band is None or s.municipality == "0000":
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


# ------------------------------------------------------------------------------------------ population projection
AGE_GROUPS = (("0", 0, 0), ("1-5", 1, 5), ("6-12", 6, 12), ("13-15", 13, 15), ("16-19", 16, 19), ("20-44", 20, 44),
              ("45-66", 45, 66), ("67-79", 67, 79), ("80-89", 80, 89), ("90+", 90, 999))  # SSB's age groups
TELEMARK_DIR = ("projections", "telemark")
MERGED = {"Bø (Telemark)": "4020", "Sauherad": "4020"}  # merged into Midt-Telemark in 2020
NOT_MUNICIPALITIES = {"Hele landet", "Telemark", "Vestfold og Telemark"}


@dataclass
class PopulationScore:
    mape_total: float  # mean over municipalities of |projected − observed| / observed, percent
    by_age_group: dict[str, float]
    n_municipalities: int

    def to_json(self) -> dict:
        return {"mape_total": round(self.mape_total, 4),
                "by_age_group": {g: round(v, 4) for g, v in self.by_age_group.items()}}


@dataclass
class PopulationBacktest:
    base: int
    horizon: int
    ours: PopulationScore
    ssb: PopulationScore | None  # SSB's main alternative from the same base year, where shipped
    ours_same: PopulationScore | None  # ours on SSB's municipalities
    n_municipalities: int
    ssb_vintages: list[int]

    def to_json(self) -> dict:
        ssb = None
        if self.ssb is not None:
            ssb = {**self.ssb.to_json(), "n_municipalities": self.ssb.n_municipalities,
                   "ours_same_municipalities": self.ours_same.to_json()}
        return {"ours": self.ours.to_json(), "ssb": ssb, "n_municipalities": self.n_municipalities}


def _by_group(values: "np.ndarray") -> "np.ndarray":
    """Persons [..., sex, age] → [..., group]."""
    import numpy as np

    ages = values.sum(axis=-2)
    return np.stack([ages[..., lo : min(hi, ages.shape[-1] - 1) + 1].sum(axis=-1) for _, lo, hi in AGE_GROUPS],
                    axis=-1)


def _score(projected: "np.ndarray", observed: "np.ndarray") -> PopulationScore:
    """MAPE over municipalities (rows) of the total and of each age group (columns), skipping empty cells."""
    import numpy as np

    def mape(p, o):
        ok = o > 0
        return float(np.mean(np.abs(p[ok] - o[ok]) / o[ok]) * 100) if ok.any() else float("nan")

    return PopulationScore(mape(projected.sum(axis=1), observed.sum(axis=1)),
                           {g: mape(projected[:, i], observed[:, i]) for i, (g, _, _) in enumerate(AGE_GROUPS)},
                           len(projected))


def ssb_vintages() -> dict[int, "Path"]:
    """Shipped SSB projection files for the Telemark municipalities, by base (jump-off) year."""
    from forecast.data import data_path

    out = {}
    for path in sorted(data_path(*TELEMARK_DIR).glob("Framskrevet_folkemengde_*.csv")):
        out[int(path.stem.split("_")[-1][:4])] = path
    return out


def load_ssb_projection(base: int, year: int) -> dict[str, "np.ndarray"]:
    """SSB's main-alternative (MMMM) projection from `base` for `year`: municipality code → persons by age group."""
    import re

    import numpy as np
    import pandas as pd

    from forecast.data.checks import require_columns
    from forecast.data.regions import municipalities
    from forecast.errors import DataError

    path = ssb_vintages()[base]
    df = pd.read_csv(path, dtype=str)
    require_columns(df, ["region", "statistikkvariabel", "år", "alder", "value"], path)
    df = df[df["statistikkvariabel"].str.contains("MMMM", regex=False) & (df["år"] == str(year))]
    by_name = {m.name: m.code for m in municipalities().values()}
    labels = {f"{g} år" if g != "90+" else "90 år eller eldre": i for i, (g, _, _) in enumerate(AGE_GROUPS)}
    out: dict[str, np.ndarray] = {}
    for (region, age), value in df.groupby(["region", "alder"])["value"].sum().items():
        name = re.sub(r" \((\d{4})?-(\d{4})?\)$", "", region)
        if name in NOT_MUNICIPALITIES:
            continue
        code = MERGED.get(name) or by_name.get(name)
        if code is None or age not in labels:
            raise DataError(f"unknown region {region!r} or age group {age!r}", path)
        out.setdefault(code, np.zeros(len(AGE_GROUPS)))[labels[age]] += float(value)
    return out


def population_backtest(base: int, horizon: int, codes: list[str] | None = None) -> PopulationBacktest:
    """Project from `base` with data up to it (built-in method, unscaled) and score year base + horizon."""
    import numpy as np

    from forecast.population import load_history, population

    history = load_history()
    target = base + horizon
    if horizon < 1:
        raise ForecastError(f"--horizon must be 1 or more, got {horizon}")
    if base - 1 < history.years[0] or base >= history.years[-1]:
        raise ForecastError(f"--base {base} must be within {history.years[0] + 1}–{history.years[-1] - 1}, so "
                            "that there is history before it and an observed year after it")
    if target > history.years[-1]:
        raise ForecastError(f"--base {base} --horizon {horizon} reaches {target}, after the last observed year "
                            f"{history.years[-1]}; use --horizon {history.years[-1] - base} or less")
    codes = codes or history.codes
    missing = [c for c in codes if c not in history.codes]
    if missing:
        raise ForecastError(f"municipality {missing[0]} has no population history in the shipped data")
    cube = population(target, None, base)
    idx = [history.index(c) for c in codes]
    projected = _by_group(cube.values[idx, cube.years.index(target)])
    observed = _by_group(history.values[idx, history.years.index(target)])
    ours = _score(projected, observed)
    vintages = ssb_vintages()
    ssb = same = None
    if base in vintages:
        theirs = load_ssb_projection(base, target)
        common = [c for c in codes if c in theirs]
        if common:
            rows = [codes.index(c) for c in common]
            ssb = _score(np.array([theirs[c] for c in common]), observed[rows])
            same = _score(projected[rows], observed[rows])
    return PopulationBacktest(base, horizon, ours, ssb, same, len(codes), sorted(vintages))


class projection_settings:
    """Temporarily override the projection's method settings (base_years, shrinkage_persons) for a sweep."""

    def __init__(self, **values):
        self.values = values

    def __enter__(self):
        import dataclasses

        import forecast.population as pop

        self._original = pop.param

        def patched(name, key):
            p = self._original(name, key)
            return dataclasses.replace(p, value=self.values[key]) if name == "projection" and key in self.values \
                else p

        pop.param = patched
        return self

    def __exit__(self, *exc):
        import forecast.population as pop

        pop.param = self._original
        pop._load_history.cache_clear()
        return False
