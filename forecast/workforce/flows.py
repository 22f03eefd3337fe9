"""Workforce flows of one service: its effective parameters (occupation mix folded in) and the age-structured stock
stepped through the years: exits, then hires to fill the need, split into growth and replacement."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.errors import DataError
from forecast.results.notes import Note, note
from forecast.workforce.profiles import MIN_AGE, age_profile, entry_ages, exit_rates
from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    import numpy as np

    from forecast.scenario.schema import WorkforceSettings


@dataclass
class ServiceWorkforce:
    """Effective workforce parameters of one service in one municipality (occupation mix folded in)."""

    service: str
    turnover: float  # base-year exits / stock, persons
    position_size: float  # FTE per person
    retirement_age: int  # everyone remaining leaves on reaching it
    ages: "np.ndarray"
    profile: "np.ndarray"  # shares of persons by age
    rates: "np.ndarray"  # exit rate by age
    entry: "np.ndarray"  # shares of hires by age
    notes: list[Note] = field(default_factory=list)


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


def service_workforce(service: str, code: str, base: int, settings: "WorkforceSettings | None" = None
                      ) -> ServiceWorkforce:
    """Turnover, position size, age limit, age profile and exit rates of a service; the scenario's keys win."""
    import numpy as np

    from forecast.data import data_path
    from forecast.data.parameters import workforce

    params = workforce()
    mix = params.service_mix.get(service)
    if not mix:
        raise DataError(f"service_mix has no entry for {service!r}", data_path("parameters", "workforce.yaml"))
    turnover_g = params.turnover
    size_g = dict(params.position_size)
    for g in mix:
        if g not in turnover_g or g not in size_g:
            raise DataError(f"service_mix names group {g!r} for {service}, but turnover or position_size has no "
                            f"value for it", data_path("parameters", "workforce.yaml"))
    notes: list[Note] = []
    udir = None
    if service == "primary_school" and list(mix) == ["teacher"]:  # Udir counts teachers: local position sizes
        sizes = _school_position_sizes(base)
        udir = sizes.get(code) or sizes.get(NATIONAL)
        if udir:
            size_g["teacher"] = udir["size"]
    age_limit = settings.retirement_age if settings and settings.retirement_age else params.retirement_age
    ages = np.arange(MIN_AGE, age_limit)
    persons = {g: w / size_g[g] for g, w in mix.items()}  # persons per FTE of the service, by group
    total = sum(persons.values())
    shares = {g: p / total for g, p in persons.items()}
    turnover = sum(shares[g] * turnover_g[g] for g in mix)
    position_size = 1 / total
    profile = sum(shares[g] * age_profile(g, ages) for g in mix)
    groups = ", ".join(f"{g} {shares[g]:.0%}" for g in mix)
    if settings and settings.turnover is not None:
        turnover = settings.turnover
        notes.append(note("workforce.turnover_scenario", service=service, turnover=turnover))
    if settings and settings.position_size is not None:
        position_size = settings.position_size
        notes.append(note("workforce.size_scenario", service=service, size=position_size))
    elif udir:
        notes.append(note("workforce.size_udir", service=service, size=position_size, groups=groups,
                          **{k: v for k, v in udir.items() if k != "size"}))
    else:
        notes.append(note("workforce.size_national", service=service, size=position_size, groups=groups))
    rates = exit_rates(profile, ages, turnover, f"workforce.{service}")
    return ServiceWorkforce(service, turnover, position_size, age_limit, ages, profile, rates,
                            entry_ages(profile, rates), notes)


@dataclass
class Flows:
    """Persons by year: arrays over `years` (base year first; flows are zero in it)."""

    years: list[int]
    need: "np.ndarray"
    stock: "np.ndarray"
    exits: "np.ndarray"
    hires: "np.ndarray"
    growth: "np.ndarray"
    replacement: "np.ndarray"


def project_flows(need: "np.ndarray", years: list[int], wf: ServiceWorkforce) -> Flows:
    """Step the age-structured stock through the years: exits, then hires to fill the need."""
    import numpy as np

    n = len(years)
    stock, exits, hires, growth = (np.zeros(n) for _ in range(4))
    by_age = need[0] * wf.profile
    stock[0] = by_age.sum()
    for t in range(1, n):
        leaving = by_age * wf.rates
        staying = by_age - leaving
        moved = np.zeros_like(by_age)
        moved[1:] = staying[:-1]  # a year older; those at the last age have all left (rate 1)
        exits[t] = leaving.sum()
        hires[t] = max(0.0, need[t] - moved.sum())
        growth[t] = min(hires[t], max(0.0, need[t] - stock[t - 1]))
        by_age = moved + hires[t] * wf.entry
        stock[t] = by_age.sum()
    return Flows(years, need, stock, exits, hires, growth, hires - growth)
