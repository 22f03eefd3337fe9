"""Base-year calibration of each service: coverage by age band and FTE per (weighted) user.

Each service is calibrated on the latest year, no later than the scenario's base year, for which the data has
both users and staffing. "Year t" is always the population on 1 January t; each source's counts are matched to it
(see the data modules). Where a municipality has no local data, national figures are used and flagged.

The vocabulary names each service's calibration module (forecast.vocabulary.Service.calibration); the module
defines `calibrate(service, code, cube, base, **options) -> Calibration` (options it does not use are ignored) and
`DATA_FILES`, the shipped files it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from forecast.errors import ForecastError
from forecast.results.notes import Note
from forecast.vocabulary import NATIONAL, SERVICES

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube


@dataclass(frozen=True)
class Band:
    label: str
    lo: int
    hi: int  # inclusive
    weight: float = 1.0  # weighted users per user (kindergarten age weights)


@dataclass(frozen=True)
class StaffingNorm:
    """A minimum staffing in law: `minimum(young, older)` gives the least FTE for users below and from `split_age`."""

    split_age: int
    minimum: Callable[["np.ndarray", "np.ndarray"], "np.ndarray"]


@dataclass
class Calibration:
    """What a service looks like in its calibration year, for one municipality."""

    service: str
    municipality: str
    year: int
    bands: list[Band]
    coverage: dict[str, float]  # users / population, by band label
    fte: float  # FTE in the calibration year
    fte_source: str
    national: bool = False  # FTE estimated from national figures, not observed for the municipality
    coverage_path: dict[int, dict[str, float]] = field(default_factory=dict)  # observed coverage after `year`
    norm: StaffingNorm | None = None  # a floor under the FTE need every year
    notes: list[Note] = field(default_factory=list)  # calibration notes and assumptions (Note.kind)

    def weighted_users(self, pop: "np.ndarray", year: int | None = None) -> float:
        """Σ band population × coverage × weight, for population by [sex, age] of one year."""
        cov = self.coverage_at(year)
        return float(sum(pop[:, b.lo : b.hi + 1].sum() * cov[b.label] * b.weight for b in self.bands))

    def coverage_at(self, year: int | None) -> dict[str, float]:
        if year is None or not self.coverage_path:
            return self.coverage
        known = [y for y in self.coverage_path if y <= year]
        return self.coverage_path[max(known)] if known else self.coverage


def band_pop(pop_year: "np.ndarray", band: Band) -> float:
    return float(pop_year[:, band.lo : band.hi + 1].sum())


def pop(cube: "PopulationCube", code: str, year: int) -> "np.ndarray":
    """Population [sex, age] of a municipality, or of the country for code '0000'."""
    t = cube.years.index(year)
    return cube.values[:, t].sum(axis=0) if code == NATIONAL else cube.values[cube.index(code), t]


def latest(years, base: int, what: str) -> int:
    usable = sorted(y for y in years if y <= base)
    if not usable:
        raise ForecastError(f"no {what} data in or before the base year {base} (data has {min(years)}–{max(years)})")
    return usable[-1]


def module(service: str):
    """The calibration module of a service."""
    import importlib

    if service not in SERVICES:
        raise ForecastError(f"unknown service {service!r}: use one of {', '.join(SERVICES)}")
    return importlib.import_module(f"forecast.need.calibration.{SERVICES[service].calibration}")


def calibrate(service: str, code: str, cube: "PopulationCube", base: int) -> Calibration:
    """Calibrate `service` on the latest year with data up to `base`."""
    return module(service).calibrate(service, code, cube, base)


def data_files() -> list[tuple[str, ...]]:
    """The shipped data files the services' calibrations read, each once, in service order."""
    out: list[tuple[str, ...]] = []
    for service in SERVICES:
        out += [f for f in module(service).DATA_FILES if f not in out]
    return out
