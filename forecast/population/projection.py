"""Population projection: a cohort-change-ratio (Hamilton–Perry) method, vectorised over municipalities.

For a ≥ 1: pop(a, t+1) = pop(a−1, t) × CCR(a, j), CCR pooled over the last `base_years` intervals and shrunk towards
the county's ratio for small denominators, then moved each projected year j (forecast.population.rates: survival
improvement at old ages, damped net migration below them); age 0 from child–woman ratios weighted towards recent
years. With a variant, each municipality's path
is raked so that its county grows as in SSB's 2024 regional projection for that alternative and the national
age–sex structure as in SSB's 2024 national projection (which carries SSB's mortality and migration assumptions).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.population.cube import SEXES, PopulationCube, load_history

if TYPE_CHECKING:
    import numpy as np

    from forecast.data.parameters import ProjectionSettings


def data_files() -> list[tuple[str, ...]]:
    """The shipped files a projection reads: the history (municipal, and national since 1986 for the survival
    trend), SSB's projections it rakes to, the municipality → county hierarchy and the recoding of historical
    municipality codes."""
    from forecast.data.population import NATIONAL_HISTORY_FILE, POPULATION_FILE
    from forecast.data.projections import COUNTY_PROJECTION_FILE, NATIONAL_PROJECTION_FILE
    from forecast.data.regions import HIERARCHY_FILE, REDISTRICTING_FILE

    return [POPULATION_FILE, NATIONAL_HISTORY_FILE, COUNTY_PROJECTION_FILE, NATIONAL_PROJECTION_FILE, HIERARCHY_FILE,
            REDISTRICTING_FILE]


def _groups(codes: list[str]) -> "np.ndarray":
    """County index of each municipality (for pooling ratios)."""
    import numpy as np

    from forecast.data.regions import municipalities

    munis = municipalities()
    county = [munis[c].county_code if c in munis else "??" for c in codes]
    _, idx = np.unique(county, return_inverse=True)
    return idx


def _pooled_ratio(num: "np.ndarray", den: "np.ndarray", group: "np.ndarray", prior: float) -> "np.ndarray":
    """num/den per municipality, shrunk towards the group (county) ratio with `prior` persons of weight."""
    import numpy as np

    n_groups = group.max() + 1
    g_num = np.zeros((n_groups,) + num.shape[1:])
    g_den = np.zeros((n_groups,) + den.shape[1:])
    np.add.at(g_num, group, num)
    np.add.at(g_den, group, den)
    g_ratio = np.divide(g_num, g_den, out=np.zeros_like(g_num), where=g_den > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (num + prior * g_ratio[group]) / (den + prior)
    return np.nan_to_num(out, nan=0.0, posinf=0.0)


def project(history: PopulationCube, to_year: int, settings: "ProjectionSettings | None" = None) -> PopulationCube:
    """Extend the cube from its last observed year to `to_year` with cohort-change and child–woman ratios.

    `settings` default to data/parameters/projection.yaml (others for backtests and sweeps).
    """
    import numpy as np

    from forecast.data import parameters
    from forecast.population.rates import YearRatios, interval_weights, survival_factors, trend_history

    settings = settings or parameters.projection()
    base_years, prior = settings.base_years, settings.shrinkage_persons
    lo, hi = settings.fertile_ages
    values = history.values
    n_years = len(history.years)
    if n_years < 2:
        raise ForecastError("the projection needs at least two years of population history")
    k = min(base_years, n_years - 1)
    start, end = values[:, -k - 1 : -1], values[:, -k:]  # intervals t → t+1, shape [m, k, sex, age]
    # an interval whose total jumps is a border change in the history (e.g. Ålesund/Haram 2023→2024), not
    # demography: it is left out of that municipality's ratios
    max_jump = settings.max_interval_change
    t0, t1 = start.sum(axis=(2, 3)), end.sum(axis=(2, 3))
    with np.errstate(divide="ignore", invalid="ignore"):
        keep = (np.abs(t1 / t0 - 1) <= max_jump) & (t0 > 0)
    start, end = start * keep[:, :, None, None], end * keep[:, :, None, None]
    group = _groups(history.codes)

    # cohort-change ratios, ages 1..open-1 ; open group from (open−1, open+) at t
    num = end[..., 1:].sum(axis=1)
    den = start[..., :-1].sum(axis=1).copy()
    den[..., -1] += start[..., -1].sum(axis=1)
    ccr = _pooled_ratio(num, den, group, prior)  # [m, sex, open]; entry j: age j+1 (last: open group)

    # child–woman ratios: persons aged 0 per woman in the fertile ages, same date, recent intervals weighted more
    w = interval_weights(k, settings.child_woman_ratio_half_life)[None, :]
    women = end[:, :, 1, lo : hi + 1].sum(axis=2)  # [m, k]
    cwr = _pooled_ratio((end[..., 0] * w[..., None]).sum(axis=1),
                        (women * w).sum(axis=1)[:, None].repeat(2, axis=1), group, prior)

    n_new = to_year - history.years[-1]
    if n_new <= 0:
        return history
    # the ratios move each projected year: survival improves at old ages, net migration below them is damped
    national = values.sum(axis=0)
    moving = YearRatios(ccr, survival_factors(national, k, n_new, settings,
                                              trend=trend_history(national, history.years[-1])), settings)
    out = np.empty((values.shape[0], n_years + n_new) + values.shape[2:])
    out[:, :n_years] = values
    for t in range(n_years, n_years + n_new):
        prev = out[:, t - 1]
        nxt = np.empty_like(prev)
        ratio = moving.at(t - n_years)
        nxt[..., 1:-1] = prev[..., :-2] * ratio[..., :-1]
        nxt[..., -1] = (prev[..., -2] + prev[..., -1]) * ratio[..., -1]
        nxt[..., 0] = cwr * nxt[:, 1, lo : hi + 1].sum(axis=1)[:, None]
        out[:, t] = nxt
    years = history.years + list(range(history.years[-1] + 1, to_year + 1))
    return PopulationCube(history.codes, years, out, last_observed=history.last_observed)


def _national_age_targets(cube: PopulationCube, jump: int, future: list[int]) -> "np.ndarray | None":
    """Growth factors by [year, sex, age] that make the national age structure grow as in SSB's 2024 national
    projection (main alternative; the only one shipped by age), relative to the jump-off year."""
    import numpy as np

    from forecast.data.projections import load_national_projection

    ssb = load_national_projection()
    if jump not in set(ssb["year"]) or max(future) > ssb["year"].max():
        return None
    top = int(ssb["age"].max())  # 99 = 99 and older in the file
    table = ssb.pivot_table(index=["year", "sex"], columns="age", values="persons", aggfunc="sum")
    growth = np.ones((len(future), 2, cube.values.shape[3]))
    for i, y in enumerate(future):
        for s, sex in enumerate(SEXES):
            ratio = (table.loc[(y, sex)] / table.loc[(jump, sex)]).to_numpy()
            n = min(top, cube.open_age)
            growth[i, s, :n] = ratio[:n]
            growth[i, s, n:] = ratio[top]
    return growth


def scale_to_variant(cube: PopulationCube, variant: str, rounds: int = 5) -> PopulationCube:
    """Rake the projection to SSB's 2024 projections from the jump-off year on: the national age–sex structure grows
    as in SSB's national projection (main alternative), and each county's total as in SSB 14288 for `variant`.

    Iterative proportional fitting over the two margins; the county totals, applied last, hold exactly. Within a
    county, municipalities keep their own relative paths and age structures.
    """
    import numpy as np

    from forecast.data.projections import load_county_projection
    from forecast.data.regions import municipalities
    from forecast.vocabulary import VARIANTS

    if variant not in VARIANTS:
        raise ForecastError(f"unknown variant {variant!r}: use one of {', '.join(VARIANTS)}")
    ssb = load_county_projection()
    ssb = ssb[ssb["variant"] == variant].pivot(index="county", columns="year", values="persons")
    jump = cube.last_observed
    future = [y for y in cube.years if y > jump]
    if not future:
        return PopulationCube(cube.codes, cube.years, cube.values, cube.last_observed, variant)
    if jump not in ssb.columns or max(future) not in ssb.columns:
        raise ForecastError(
            f"variant {variant} covers {min(ssb.columns)}–{max(ssb.columns)}; "
            f"it cannot scale a projection from {jump} to {max(future)}"
        )
    munis = municipalities()
    county = np.array([munis[c].county_code for c in cube.codes])
    values = cube.values.copy()
    j = cube.years.index(jump)
    t_future = [cube.years.index(y) for y in future]
    age_growth = _national_age_targets(cube, jump, future)
    county_growth = {c: np.array([ssb.loc[c, y] / ssb.loc[c, jump] for y in future]) for c in np.unique(county)}
    for _ in range(rounds if age_growth is not None else 1):
        if age_growth is not None:
            base_nat = values[:, j].sum(axis=0)  # [sex, age]
            now_nat = values[:, t_future].sum(axis=0)  # [year, sex, age]
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(now_nat > 0, age_growth * base_nat / now_nat, 1.0)
            values[:, t_future] *= factor[None]
        for c, growth in county_growth.items():
            members = county == c
            totals = values[members].sum(axis=(0, 2, 3))
            factor = growth / (totals[t_future] / totals[j])
            values[np.ix_(members, t_future)] *= factor[None, :, None, None]
    return PopulationCube(cube.codes, cube.years, values, cube.last_observed, variant)


def population(to_year: int, variant: str | None = None, until: int | None = None, history: str | None = None,
               settings: "ProjectionSettings | None" = None) -> PopulationCube:
    """History (optionally cut at `until`, optionally with a user's tidy file) extended to `to_year`, scaled to an
    SSB variant if one is named. `settings` default to data/parameters/projection.yaml. Cached: the cube is
    read-only."""
    from forecast.data import parameters

    settings = settings or parameters.projection()
    if to_year > settings.max_year:
        raise ForecastError(f"year {to_year} is beyond the last projection year {settings.max_year}")
    return _population(to_year, variant, until, str(history) if history else None, settings)


@lru_cache(maxsize=8)
def _population(to_year: int, variant: str | None, until: int | None, history: str | None,
                settings: "ProjectionSettings") -> PopulationCube:
    cube = project(load_history(until, history), to_year, settings)
    cube = scale_to_variant(cube, variant) if variant else cube
    cube.values.flags.writeable = False  # cached: shared by every caller, so nobody may change it in place
    return cube
