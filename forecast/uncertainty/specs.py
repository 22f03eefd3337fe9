"""What a work unit carries: plain dataclasses of arrays (picklable, nothing inherited from a parent process), and
the variables a chunk returns.

A ChunkTask holds everything one chunk of municipalities needs: the central population paths, the shock models
(PopulationSpec, TrendSpec), and per scenario its services (ServiceSpec: calibrated coverage and FTE per weighted
user, measures, workforce parameters), each uncertain scalar as a Dist (forecast.uncertainty.ranges). A ChunkResult
holds what the chunk reduced its draws to: the central path, quantiles per municipality and draw-by-draw sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.scenario.ranges import Dist

if TYPE_CHECKING:
    import numpy as np

FIXED_POINT = 2.0**20  # sums over municipalities are exact integers in units of 2^-20 (about 1e-6 persons or FTE)
SOURCES = ("population", "coverage", "fte_per_user", "turnover", "position_size", "scenario")
ALL = "all"  # service of the rows that belong to the municipality as a whole


@dataclass
class PopulationSpec:
    """Population shock model (estimate.PopulationShocks) and its variance scale."""

    bands: tuple[tuple[str, int, int], ...]
    nat_level: "np.ndarray"
    nat_annual: "np.ndarray"
    loc_level: "np.ndarray"
    k: "np.ndarray"
    scale: float = 1.0
    corr: "np.ndarray | None" = None  # [B, B] correlation of the level errors between bands

    def chol(self) -> "np.ndarray":
        import numpy as np

        return np.linalg.cholesky(self.corr) if self.corr is not None else np.eye(len(self.bands))


@dataclass
class TrendSpec:
    """Local-level model of one family of log series (estimate.TrendShocks) with its variance scale."""

    family: str
    nat_rw: float
    nat_drift: float
    nat_transient: float
    loc_rw: tuple[float, float]
    loc_transient: tuple[float, float]
    scale: float = 1.0


@dataclass
class MeasureSpec:
    """An automation measure; `values` holds its uncertain numbers (fte, task_share, automatable, reinvest, rate)."""

    id: str
    kind: str
    values: dict[str, Dist]
    start: int = 0
    ramp_years: int = 0
    adoption: "np.ndarray | None" = None  # share adopted per year of the task (task_share)


@dataclass
class WorkforceSpec:
    """One occupation of a service (forecast.workforce.flows.OccupationWorkforce): its share of the service's FTE,
    exit-rate shape, age profile and position size; turnover and position size uncertain. The draws of turnover
    and of the position-size multiplier are keyed by the service, so the occupations of a service move together."""

    occupation: str
    share: "np.ndarray"  # [m, T] share of the service's net FTE (local care mix, scenario changes by year)
    ages: "np.ndarray"
    profile: "np.ndarray"
    shape: "np.ndarray"
    turnover: Dist  # absolute turnover of the occupation
    sizes: "np.ndarray"  # [m, T] central FTE per person (teachers: Udir's, per municipality; a goal moves it)
    position_factor: Dist  # multiplier on position size (median 1)


@dataclass
class ServiceSpec:
    service: str
    bands: list[tuple[str, int, int, float]]  # label, lo, hi, weight
    coverage: "np.ndarray"  # [m, T, bands] central users per inhabitant
    per: "np.ndarray"  # [m] FTE per weighted user
    coverage_change: Dist
    fte_per_user_change: Dist
    coverage_family: list[str | None]  # per band
    coverage_size: "np.ndarray"  # [m, bands] users (for the local chance variance)
    fte_family: str | None
    fte_size: "np.ndarray"  # [m]
    norm: tuple[float, float] | None = None  # kindergarten: children per FTE under 3 / from 3 (bemanningsnorm)
    measures: list[MeasureSpec] = field(default_factory=list)
    occupations: list[WorkforceSpec] = field(default_factory=list)
    per_factor: Dist = field(default_factory=lambda: Dist("fixed", 1.0))  # a range on `staffing:` (median 1)


@dataclass
class ScenarioSpec:
    name: str
    variant_probs: "np.ndarray"  # [V] over ChunkTask.variants; draw 0 uses the most probable
    services: list[ServiceSpec]


@dataclass
class ChunkTask:
    """Everything one chunk needs, as plain arrays and dataclasses (picklable; nothing inherited from a parent)."""

    index: int
    seed: int
    draws: int  # random draws; the task computes draws + 1 (draw 0 = central)
    years: list[int]  # base … end
    jump: int  # last observed population year: population shocks from jump + 1
    codes: list[str]
    groups: list[str]  # county code of each municipality (draw-by-draw sums per county)
    variants: list[str]
    central: "np.ndarray"  # [V, m, T, A] persons (sexes together), the deterministic projection
    women: "np.ndarray"  # [V, m, T, fertile ages] women
    population: PopulationSpec
    pop_size: "np.ndarray"  # [m, population bands] persons (chance variance = k / persons)
    trends: dict[str, TrendSpec]
    scenarios: list[ScenarioSpec]
    quantiles: tuple[float, ...] = (0.1, 0.5, 0.9)
    working_ages: tuple[int, int] = (20, 66)
    fertile_from: int = 15  # first age of the women array
    sources: tuple[str, ...] = SOURCES  # sources of uncertainty switched on (one-at-a-time sensitivity)
    keep_draws: bool = False


@dataclass
class ChunkResult:
    index: int
    codes: list[str]
    variables: list[tuple[str, str, str, str]]  # (service, occupation, variable, unit), axis K
    years: list[int]
    central: "np.ndarray"  # [S, m, K, T]
    quantiles: "np.ndarray"  # [S, m, Q, K, T] over draws 1…N
    diff_quantiles: "np.ndarray"  # [S, m, Q, K, T]: scenario minus the first, draw by draw
    sums: dict[str, "np.ndarray"]  # group ('0000' = the chunk's total, county codes) → [S, D, K, T], int64 in
    # units of 1 / FIXED_POINT
    draws: "np.ndarray | None" = None  # [S, D, m, K, T] if keep_draws
    inputs: dict[str, "np.ndarray"] = field(default_factory=dict)  # national input draws for sensitivity [D]


# a service's own rows (occupation `all`); the workforce rows are the sums of its occupations', draw by draw
# hires_cumulative: hires from the year after the base up to each year, summed inside each draw, so the interval of
# the hires over a period (forecast hires) is the interval of their sum
VARIABLES = (("population", "persons"), ("users", "persons"), ("fte_before_automation", "FTE"),
             ("automation_offset", "FTE"), ("fte", "FTE"), ("workforce_need", "persons"), ("hires", "persons"),
             ("hires_cumulative", "persons"), ("hires_fte", "FTE"))
# each occupation's rows (as forecast.workforce.hires writes them per occupation)
OCCUPATION_VARIABLES = (("fte", "FTE"), ("workforce_need", "persons"), ("hires", "persons"),
                        ("hires_cumulative", "persons"), ("hires_fte", "FTE"))
SUMMED = (("fte_before_automation", "FTE"), ("fte", "FTE"), ("hires", "persons"), ("hires_cumulative", "persons"),
          ("hires_fte", "FTE"))


def variables_of(task: ChunkTask) -> list[tuple[str, str, str, str]]:
    """Axis K, as (service, occupation, variable, unit): the municipality's population (service and occupation
    `all`); each service's variables (occupation `all`) followed by its occupations'; FTE and hires summed over
    the services draw by draw (service and occupation `all`); then each occupation summed over the services it
    works in (service `all`, as forecast.hires(by="occupation") sums them). FTE with FTE, persons with persons."""
    out = [(ALL, ALL, "population", "persons"), (ALL, ALL, "working_age_population", "persons")]
    trades: list[str] = []
    for spec in task.scenarios[0].services:
        out += [(spec.service, ALL, v, u) for v, u in VARIABLES]
        for occ in spec.occupations:
            out += [(spec.service, occ.occupation, v, u) for v, u in OCCUPATION_VARIABLES]
            trades += [occ.occupation] if occ.occupation not in trades else []
    out += [(ALL, ALL, v, u) for v, u in SUMMED]
    return out + [(ALL, o, v, u) for o in trades for v, u in OCCUPATION_VARIABLES]
