"""How accurate the built-in projection has been: run from a past base year with data up to it, scored against what
happened (mean absolute percentage error and mean signed error of the total and of SSB's age groups), beside SSB's
own projection from the same year where it is shipped or given; and the same from every base year the history
allows, at several horizons (`backtest_bases`, `summarise`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.data.ssb_projections import AGE_GROUPS
from forecast.errors import ArgumentError, ForecastError

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from forecast.data.parameters import ProjectionSettings


@dataclass
class PopulationScore:
    mape_total: float  # mean over municipalities of |projected − observed| / observed, percent
    by_age_group: dict[str, float]
    n_municipalities: int
    bias_total: float = float("nan")  # mean over municipalities of (projected − observed) / observed, percent
    bias_by_age_group: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"mape_total": round(self.mape_total, 4),
                "by_age_group": {g: round(v, 4) for g, v in self.by_age_group.items()},
                "bias_total": round(self.bias_total, 4),
                "bias_by_age_group": {g: round(v, 4) for g, v in self.bias_by_age_group.items()}}


@dataclass
class PopulationBacktest:
    base: int
    horizon: int
    ours: PopulationScore
    ssb: PopulationScore | None  # SSB's main alternative from the same base year, where shipped or given
    ours_same: PopulationScore | None  # ours on SSB's municipalities and age groups
    n_municipalities: int
    ssb_vintages: list[int]

    def to_json(self) -> dict:
        ssb = None
        if self.ssb is not None:
            ssb = {**self.ssb.to_json(), "n_municipalities": self.ssb.n_municipalities,
                   "ours_same_municipalities": self.ours_same.to_json()}
        return {"base": self.base, "horizon": self.horizon, "ours": self.ours.to_json(), "ssb": ssb,
                "n_municipalities": self.n_municipalities}


def by_bands(values: "np.ndarray", bands=AGE_GROUPS) -> "np.ndarray":
    """Persons [..., sex, age] → [..., band]; `bands` (name, first age, last age); the last single age is the open
    group."""
    import numpy as np

    ages = values.sum(axis=-2)
    top = ages.shape[-1] - 1
    return np.stack([ages[..., lo : min(hi, top) + 1].sum(axis=-1) for _, lo, hi in bands], axis=-1)


def _score(projected: "np.ndarray", observed: "np.ndarray", groups=AGE_GROUPS) -> PopulationScore:
    """MAPE and bias over municipalities (rows) of the total and of each age group (columns), skipping empty cells."""
    import numpy as np

    def errors(p, o):
        ok = o > 0
        return (p[ok] - o[ok]) / o[ok] * 100 if ok.any() else np.array([np.nan])

    def mape(p, o):
        return float(np.mean(np.abs(errors(p, o))))

    def bias(p, o):
        return float(np.mean(errors(p, o)))

    p_tot, o_tot = projected.sum(axis=1), observed.sum(axis=1)
    names = [g[0] for g in groups]
    return PopulationScore(mape(p_tot, o_tot), {g: mape(projected[:, i], observed[:, i]) for i, g in enumerate(names)},
                           len(projected), bias(p_tot, o_tot),
                           {g: bias(projected[:, i], observed[:, i]) for i, g in enumerate(names)})


def population_backtest(base: int, horizon: int, codes: list[str] | None = None,
                        settings: "ProjectionSettings | None" = None, project_to: int | None = None,
                        ssb_file: "Path | None" = None) -> PopulationBacktest:
    """Project from `base` with data up to it (built-in method, unscaled; `settings` default to
    data/parameters/projection.yaml) and score year base + horizon.

    SSB's own projection from `base` is scored beside it where a shipped vintage (or `ssb_file`) has that base, on
    SSB's municipalities and age groups. `project_to`: project further than the target (one cached projection
    serves several horizons).
    """
    import numpy as np

    from forecast.data.ssb_projections import read_ssb_projection, ssb_vintages
    from forecast.population.cube import load_history
    from forecast.population.projection import population

    history = load_history()
    target = base + horizon
    if horizon < 1:
        raise ArgumentError(f"<horizon> must be 1 or more, got {horizon}")
    if base - 1 < history.years[0] or base >= history.years[-1]:
        raise ArgumentError(f"<base> {base} must be within {history.years[0] + 1}–{history.years[-1] - 1}, so "
                            "that there is history before it and an observed year after it")
    if target > history.years[-1]:
        raise ArgumentError(f"<base> {base} <horizon> {horizon} reaches {target}, after the last observed year "
                            f"{history.years[-1]}; use <horizon> {history.years[-1] - base} or less")
    codes = codes or history.codes
    missing = [c for c in codes if c not in history.codes]
    if missing:
        raise ForecastError(f"municipality {missing[0]} has no population history in the shipped data")
    vintages = ssb_vintages()
    vintage = None
    if ssb_file is not None or base in vintages:
        vintage = read_ssb_projection(ssb_file or vintages[base])
        if ssb_file is not None and vintage.base != base:
            raise ArgumentError(f"<ssb> {ssb_file} is SSB's projection from {vintage.base}, not from <base> {base}")
    cube = population(max(target, project_to or target), None, base, settings=settings)
    idx = [history.index(c) for c in codes]
    projected = cube.values[idx, cube.years.index(target)]
    observed = history.values[idx, history.years.index(target)]
    ours = _score(by_bands(projected), by_bands(observed))
    ssb = same = None
    if vintage is not None:
        theirs = vintage.year(target)
        common = [c for c in codes if c in theirs]
        if common:
            rows = [codes.index(c) for c in common]
            bands = vintage.bands
            seen = by_bands(observed[rows], bands)
            ssb = _score(np.array([theirs[c] for c in common]), seen, bands)
            same = _score(by_bands(projected[rows], bands), seen, bands)
    return PopulationBacktest(base, horizon, ours, ssb, same, len(codes), sorted(vintages))


HORIZONS = (5, 10)
FIRST_BASE = 2006  # the first base year with one observed interval before it (the history starts in 2005)


def backtest_bases(horizons=HORIZONS, codes: list[str] | None = None, bases: list[int] | None = None,
                   settings: "ProjectionSettings | None" = None) -> dict[tuple[int, int], PopulationBacktest]:
    """`population_backtest` from every base year the history allows, for each horizon: {(base, horizon): result}.
    One projection per base serves every horizon (the cube is cached per base and end year)."""
    from forecast.population.cube import load_history

    years = load_history().years
    last = years[-1]
    bases = bases or list(range(max(FIRST_BASE, years[0] + 1), last))
    out = {}
    for base in bases:
        for h in sorted(horizons):
            if base + h <= last:
                out[(base, h)] = population_backtest(base, h, codes, settings,
                                                     project_to=min(base + max(horizons), last))
    return out


@dataclass
class AgeBandSummary:
    """Mean MAPE (%) over base years by age band (and `total`), for one horizon; `bias`: the mean signed error (%)."""

    horizon: int
    bases: list[int]
    mape: dict[str, float]
    bias: dict[str, float]


def summarise(results: dict[tuple[int, int], PopulationBacktest]) -> dict[int, AgeBandSummary]:
    """Mean over bases of each age band's MAPE and bias (all municipalities scored), per horizon."""
    import numpy as np

    out = {}
    for h in sorted({h for _, h in results}):
        runs = [r for (_, hh), r in sorted(results.items()) if hh == h]
        groups = ["total", *runs[0].ours.by_age_group]

        def mean(total, by_group):
            return {g: float(np.mean([getattr(r.ours, total) if g == "total" else getattr(r.ours, by_group)[g]
                                      for r in runs])) for g in groups}

        out[h] = AgeBandSummary(h, [r.base for r in runs], mean("mape_total", "by_age_group"),
                                mean("bias_total", "bias_by_age_group"))
    return out
