"""Workforce flows by occupation: each occupation's effective parameters (turnover, position size, age profile,
exit rates; the scenario's keys win over data/parameters/occupations.yaml) and the age-structured stock stepped
through the years for many occupations and municipalities at once: exits, then hires to fill the need, split into
growth and replacement."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.results.notes import Note, note
from forecast.vocabulary import NATIONAL
from forecast.workforce.profiles import MIN_AGE, age_profile, entry_ages, exit_rates

if TYPE_CHECKING:
    import numpy as np

    from forecast.scenario.schema import WorkforceSettings


@dataclass
class OccupationWorkforce:
    """Effective workforce parameters of one occupation in one service (and, for teachers, one municipality)."""

    occupation: str
    service: str
    turnover: float  # base-year exits / stock, persons
    position_size: float  # FTE per person in the base year
    position_size_end: float | None  # reached by the end year, linearly (None: held)
    retirement_age: int  # everyone remaining leaves on reaching it
    ages: "np.ndarray"
    profile: "np.ndarray"  # shares of persons by age
    rates: "np.ndarray"  # exit rate by age
    entry: "np.ndarray"  # shares of hires by age
    notes: list[Note] = field(default_factory=list)

    def sizes(self, years: list[int]) -> "np.ndarray":
        """Position size in each of `years` (the first is the base year)."""
        import numpy as np

        if self.position_size_end is None or len(years) < 2:
            return np.full(len(years), self.position_size)
        fraction = (np.asarray(years, float) - years[0]) / (years[-1] - years[0])
        return self.position_size + (self.position_size_end - self.position_size) * fraction


@lru_cache(maxsize=4)
def _school_position_sizes(base: int) -> dict[str, dict]:
    """Teacher FTE per teacher from Udir by municipality (and Norway, '0000'), latest school year ≤ base."""
    from forecast.data.school import school_statistics

    stats = school_statistics()
    rows = stats[stats["year"] <= base].dropna(subset=["teachers", "teacher_fte"]).sort_values("year")
    out = {}
    for row in rows.groupby("municipality").tail(1).itertuples(index=False):
        out[row.municipality] = {"size": float(row.teacher_fte / row.teachers), "teacher_fte": float(row.teacher_fte),
                                 "teachers": float(row.teachers), "school_year": row.school_year,
                                 "where": "Norway" if row.municipality == NATIONAL else "local"}
    return out


def udir_position_size(code: str, base: int) -> dict | None:
    """Udir's teacher FTE per teacher for `code` (Norway's where Udir's exports do not cover it)."""
    sizes = _school_position_sizes(base)
    return sizes.get(code) or sizes.get(NATIONAL)


def occupation_workforce(occupation: str, service: str, code: str, base: int,
                         settings: "WorkforceSettings | None" = None) -> OccupationWorkforce:
    """Turnover, position size, age limit, age profile and exit rates of one occupation in a service; the
    scenario's keys for the occupation win over its keys for the service, which win over occupations.yaml."""
    from forecast.data.parameters import occupations, workforce

    params = occupations()
    own = settings.occupations.get(occupation) if settings else None
    notes: list[Note] = []
    turnover, size = params.turnover[occupation], params.position_size[occupation]
    size_source = "national"
    if occupation == "teachers":  # Udir counts teachers: local position sizes
        udir = udir_position_size(code, base)
        if udir:
            size, size_source = udir["size"], "udir"
            notes.append(note("workforce.size_udir", service=service, size=size, groups=occupation,
                              **{k: v for k, v in udir.items() if k != "size"}))
    for level, values in (("service", settings), ("occupation", own)):
        if values is not None and values.turnover is not None:
            turnover = values.turnover
            notes.append(note("workforce.turnover_scenario", service=service, turnover=turnover,
                              occupation=occupation if level == "occupation" else "every occupation"))
        if values is not None and values.position_size is not None:
            size, size_source = values.position_size, "scenario"
            notes.append(note("workforce.size_scenario", service=service, size=size,
                              occupation=occupation if level == "occupation" else "every occupation"))
    size_end = own.position_size_end if own is not None else None
    if size_end is not None:
        notes.append(note("workforce.size_goal", service=service, occupation=occupation, start=size, end=size_end))
    if size_source == "national":
        notes.append(note("workforce.occupation", occupation=occupation, turnover=turnover, size=size))
    age_limit = settings.retirement_age if settings and settings.retirement_age else workforce().retirement_age
    ages, profile, rates, entry = _exits(occupation, turnover, age_limit, f"workforce.{service}.{occupation}")
    return OccupationWorkforce(occupation, service, turnover, size, size_end, age_limit, ages, profile, rates, entry,
                               notes)


@lru_cache(maxsize=256)
def _exits(occupation: str, turnover: float, age_limit: int, what: str) -> tuple["np.ndarray", ...]:
    """Ages, age profile, exit rates and entry ages of an occupation (shared read-only by every municipality)."""
    import numpy as np

    ages = np.arange(MIN_AGE, age_limit)
    profile = age_profile(occupation, ages)
    rates = exit_rates(profile, ages, turnover, what)
    out = (ages, profile, rates, entry_ages(profile, rates))
    for arr in out:
        arr.flags.writeable = False
    return out


@dataclass
class Flows:
    """Persons by row and year: arrays [row, year] (base year first; flows are zero in it)."""

    need: "np.ndarray"
    stock: "np.ndarray"
    exits: "np.ndarray"
    hires: "np.ndarray"
    growth: "np.ndarray"
    replacement: "np.ndarray"


def project_flows(need: "np.ndarray", workforces: list[OccupationWorkforce]) -> Flows:
    """Step the age-structured stock of every row (need in persons [row, year], one workforce per row) through the
    years: exits, then hires to fill the need. Rows with a younger age limit are padded with ages nobody reaches."""
    import numpy as np

    need = np.atleast_2d(np.asarray(need, float))
    n, years = need.shape
    width = max(len(w.ages) for w in workforces)
    profile, rates, entry = np.zeros((n, width)), np.ones((n, width)), np.zeros((n, width))
    for i, w in enumerate(workforces):
        k = len(w.ages)
        profile[i, :k], rates[i, :k], entry[i, :k] = w.profile, w.rates, w.entry
    stock, exits, hires, growth = (np.zeros((n, years)) for _ in range(4))
    by_age = need[:, :1] * profile
    stock[:, 0] = by_age.sum(axis=1)
    for t in range(1, years):
        leaving = by_age * rates
        staying = by_age - leaving
        moved = np.zeros_like(by_age)
        moved[:, 1:] = staying[:, :-1]  # a year older; those at the last age have all left (rate 1)
        exits[:, t] = leaving.sum(axis=1)
        hires[:, t] = np.maximum(0.0, need[:, t] - moved.sum(axis=1))
        growth[:, t] = np.minimum(hires[:, t], np.maximum(0.0, need[:, t] - stock[:, t - 1]))
        by_age = moved + hires[:, t : t + 1] * entry
        stock[:, t] = by_age.sum(axis=1)
    return Flows(need, stock, exits, hires, growth, hires - growth)
