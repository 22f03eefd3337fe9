"""Calibration backtests: how often would the 80 % intervals have held the outcome?

Population: from bases 2014, 2016 and 2019 with the history up to the base only (the projection, its shock model
and its estimates), project every municipality (built-in method, unscaled: SSB's variants of those years are not
shipped) and check whether the observed total and SSB's age groups 5 and 10 years later fall inside the draws'
10th–90th percentiles. Care: from origins 2014, 2016 and 2019 (FTE per user: 2016, 2018, 2020, its series starts
in 2015), the same check five years ahead for coverage, users (population draws × coverage draws) and user-facing
care FTE per weighted user (SSB 12292; most municipalities' series start in 2020 or 2024, so FTE per user is checked
where a series reaches back before its origin). A calibrated 80 % interval holds about 80 % of outcomes; the target is 75–85 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.uncertainty.population_draws import population_draws
from forecast.uncertainty.specs import PopulationSpec, TrendSpec
from forecast.uncertainty.trend_draws import trend_factor

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

POP_BANDS = (("total", 0, 100), ("0", 0, 0), ("1-5", 1, 5), ("6-12", 6, 12), ("13-15", 13, 15), ("16-19", 16, 19),
             ("20-44", 20, 44), ("45-66", 45, 66), ("67-79", 67, 79), ("80-89", 80, 89), ("90+", 90, 100))
CARE_BANDS = (("0-66", 0, 66), ("67-79", 67, 79), ("80+", 80, 100))
SIZE_CLASSES = ((0, 5_000, "under 5,000"), (5_000, 20_000, "5,000–20,000"), (20_000, 10**9, "20,000 and over"))


@dataclass
class PopulationSetup:
    """Everything a population backtest from one base needs, for every municipality (history up to the base)."""

    base: int
    years: list[int]
    codes: list[str]
    central: "np.ndarray"  # [1, M, T, A]
    women: "np.ndarray"
    observed: "np.ndarray"  # [M, T, A] persons observed (NaN after the history)
    keep: "np.ndarray"  # [M] no border change in the evaluation window
    pop_size: "np.ndarray"
    fertile_from: int


@lru_cache(maxsize=4)
def population_setup(base: int, horizon: int) -> PopulationSetup:
    """Cached: a tuning sweep reuses the projection from each base."""
    import numpy as np

    from forecast.data.parameters import projection
    from forecast.population import load_history, population
    from forecast.uncertainty.population_shocks import population_shocks

    history = load_history()
    end = min(base + horizon, history.years[-1])
    cube = population(end, None, base)
    years = list(range(base, end + 1))
    yi = [cube.years.index(y) for y in years]
    lo, hi = projection().fertile_ages
    central = cube.values[:, yi].sum(axis=2)[None]
    women = cube.values[:, yi, 1, lo : hi + 1][None]
    idx = [history.index(c) for c in cube.codes]
    observed = history.values[idx][:, [history.years.index(y) for y in years]].sum(axis=2)
    tot = observed.sum(axis=2)
    max_jump = projection().max_interval_change
    with np.errstate(divide="ignore", invalid="ignore"):
        keep = ~(np.abs(tot[:, 1:] / tot[:, :-1] - 1) > max_jump).any(axis=1) & (tot[:, 0] > 0)
    shocks = population_shocks(base)
    size = np.zeros((len(cube.codes), len(shocks.bands)))
    for b, (_, a0, a1) in enumerate(shocks.bands):
        size[:, b] = central[0, :, 0, 0] if a0 == 0 else central[0, :, 0, a0 - 1 : a1].sum(axis=1)
    return PopulationSetup(base, years, list(cube.codes), central, women, observed, keep, size, int(lo))


def population_spec(base: int, scale: float) -> PopulationSpec:
    from forecast.uncertainty.population_shocks import population_shocks

    s = population_shocks(base)
    return PopulationSpec(s.bands, s.nat_level, s.nat_annual, s.loc_level, s.k, scale, s.corr)


def _band_draws(setup: PopulationSetup, spec: PopulationSpec, draws: int, seed: int, bands, chunk: int = 32
                ) -> "np.ndarray":
    """Persons [D, M, bands, T] by municipality chunk (memory stays bounded)."""
    import numpy as np

    limits = [(lo, hi) for _, lo, hi in bands]
    parts = []
    for s in range(0, len(setup.codes), chunk):
        rows = slice(s, s + chunk)
        parts.append(population_draws(seed, draws, setup.years, setup.base, setup.codes[rows],
                                      setup.central[:, rows], setup.women[:, rows], setup.fertile_from, spec,
                                      setup.pop_size[rows], limits)[0])
    return np.concatenate(parts, axis=1)


def _size_class(total: float) -> str:
    return next(label for lo, hi, label in SIZE_CLASSES if lo <= total < hi)


def population_coverage(bases=(2014, 2016, 2019), horizons=(5, 10), draws: int = 500, seed: int = 0,
                        scale: float | None = None, level: float = 0.8) -> "pd.DataFrame":
    """One row per base, horizon, municipality and age group: central, interval, observed, inside."""
    import numpy as np
    import pandas as pd

    from forecast.data.parameters import uncertainty

    scale = uncertainty().population_scale if scale is None else scale
    q = np.array([(1 - level) / 2, 0.5, (1 + level) / 2])
    rows = []
    for base in bases:
        usable = [h for h in horizons if base + h <= 2026]
        if not usable:
            continue
        setup = population_setup(base, max(usable))
        bp = _band_draws(setup, population_spec(base, scale), draws, seed, POP_BANDS)
        obs = np.stack([setup.observed[..., lo : hi + 1].sum(-1) for _, lo, hi in POP_BANDS], axis=1)  # [M, B, T]
        quant = np.quantile(bp[1:], q, axis=0)  # [3, M, B, T]
        for h in usable:
            t = setup.years.index(base + h)
            for b, (band, _, _) in enumerate(POP_BANDS):
                df = pd.DataFrame({
                    "base": base, "horizon": h, "municipality": setup.codes, "band": band,
                    "size": [_size_class(v) for v in setup.observed[:, 0].sum(-1)],
                    "central": bp[0, :, b, t], "lower": quant[0, :, b, t], "median": quant[1, :, b, t],
                    "upper": quant[2, :, b, t], "observed": obs[:, b, t]})
                rows.append(df[setup.keep & (obs[:, b, t] > 0)])
    out = pd.concat(rows, ignore_index=True)
    out["inside"] = (out["observed"] >= out["lower"]) & (out["observed"] <= out["upper"])
    out["relative_width"] = (out["upper"] - out["lower"]) / out["central"]
    out["ape"] = (out["central"] - out["observed"]).abs() / out["observed"]
    return out


# ------------------------------------------------------------------ care: coverage, users, FTE per user
def _family_series(family: str):
    from forecast.trends.series import care_series

    return [s for s in care_series() if s.family == family]


def trend_coverage(origins=(2014, 2016, 2019), fte_origins=(2016, 2018, 2020), horizon: int = 5, draws: int = 500,
                   seed: int = 0, scale: float | None = None, population_scale: float | None = None,
                   level: float = 0.8) -> "pd.DataFrame":
    """One row per origin, family and municipality: the 80 % interval of the value `horizon` years ahead (coverage
    or FTE per user) and, for coverage, of users (population draws × coverage draws), against the outcome."""
    import numpy as np
    import pandas as pd

    from forecast.data.parameters import uncertainty
    from forecast.uncertainty.trend_shocks import care_users, stack, trend_shocks

    scale = uncertainty().trend_scale if scale is None else scale
    pscale = uncertainty().population_scale if population_scale is None else population_scale
    q = np.array([(1 - level) / 2, 0.5, (1 + level) / 2])
    families = [f"{s} coverage {b}" for s in ("home_care", "nursing_home") for b, _, _ in CARE_BANDS]
    rows = []
    for family in [*families, "care fte_per_user"]:
        series = _family_series(family)
        for origin in (fte_origins if family == "care fte_per_user" else origins):
            target = origin + horizon
            fit = trend_shocks(origin)[family]
            spec = TrendSpec(family, fit.nat_rw, fit.nat_drift, fit.nat_transient, fit.loc_rw, fit.loc_transient,
                             scale)
            pairs = [s for s in series if origin in s.years and target in s.years and s.first_year <= origin - 1]
            if not pairs:
                continue
            _, _, users = stack(pairs, origin)
            if family == "care fte_per_user":
                care = care_users(origin)
                users = np.array([care.get(s.municipality, np.nan) for s in pairs])
            codes = [s.municipality for s in pairs]
            factor = trend_factor(seed, draws, codes, horizon + 1, spec, np.nan_to_num(users, nan=1.0))[:, :, -1]
            start = np.array([s.values[s.years.index(origin)] for s in pairs])
            end = np.array([s.values[s.years.index(target)] for s in pairs])
            value = start[None] * factor  # [D, m]
            quant = np.quantile(value[1:], q, axis=0)
            df = pd.DataFrame({"origin": origin, "horizon": horizon, "family": family, "quantity": "rate",
                               "municipality": codes, "central": start, "lower": quant[0], "median": quant[1],
                               "upper": quant[2], "observed": end, "users": users})
            rows.append(df)
            if family != "care fte_per_user":
                rows.append(_users_rows(family, origin, horizon, pairs, value, end, users, draws, seed, pscale, q))
    out = pd.concat(rows, ignore_index=True)
    out = out[np.isfinite(out["observed"]) & np.isfinite(out["central"])]
    out["inside"] = (out["observed"] >= out["lower"]) & (out["observed"] <= out["upper"])
    out["relative_width"] = (out["upper"] - out["lower"]) / out["central"]
    return out


_SETUPS: dict = {}


def _users_rows(family, origin, horizon, pairs, rate_draws, rate_end, users, draws, seed, pscale, q):
    """Users = band population draws (projected from the origin) × coverage draws, against observed users."""
    import numpy as np
    import pandas as pd

    band = family.rsplit(" ", 1)[-1]
    lo, hi = next((a, b) for name, a, b in CARE_BANDS if name == band)
    key = (origin, horizon, pscale, draws, seed)
    if key not in _SETUPS:  # one entry per origin: a sweep over the trend scale reuses the population draws
        setup = population_setup(origin, horizon)
        _SETUPS[key] = (setup, _band_draws(setup, population_spec(origin, pscale), draws, seed, CARE_BANDS))
    setup, bp = _SETUPS[key]
    b = [name for name, _, _ in CARE_BANDS].index(band)
    t = setup.years.index(origin + horizon)
    idx = [setup.codes.index(s.municipality) for s in pairs]
    pop = bp[:, idx, b, t]  # [D, m]
    value = rate_draws * pop
    quant = np.quantile(value[1:], q, axis=0)
    observed = rate_end * setup.observed[idx, t, lo : hi + 1].sum(-1)
    return pd.DataFrame({"origin": origin, "horizon": horizon, "family": family, "quantity": "users",
                         "municipality": [s.municipality for s in pairs], "central": value[0], "lower": quant[0],
                         "median": quant[1], "upper": quant[2], "observed": observed, "users": users})


def summary(df: "pd.DataFrame", by: list[str]) -> "pd.DataFrame":
    """Empirical coverage (share inside), count, median relative width and, where present, MAPE of the centre."""
    agg = {"coverage": ("inside", "mean"), "n": ("inside", "size"), "median_width": ("relative_width", "median")}
    if "ape" in df:
        agg["mape_central"] = ("ape", "mean")
    return df.groupby(by, sort=False).agg(**agg).reset_index()


def tune(coverage_at, scales=(0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0), target: float = 0.8
         ) -> tuple[float, list[tuple[float, float]]]:
    """The scale whose pooled coverage is closest to `target`, by linear interpolation between grid points where
    the coverage crosses it; `coverage_at(scale)` returns the pooled coverage. Returns (scale, evidence)."""
    evidence = []
    for s in scales:
        evidence.append((s, float(coverage_at(s))))
        if evidence[-1][1] >= target + 0.05:
            break
    for (s0, c0), (s1, c1) in zip(evidence, evidence[1:]):
        if c0 <= target <= c1 and c1 > c0:
            return s0 + (target - c0) / (c1 - c0) * (s1 - s0), evidence
    best = min(evidence, key=lambda e: abs(e[1] - target))
    return best[0], evidence
