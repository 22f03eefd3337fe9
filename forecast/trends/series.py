"""Historical yearly series of the demand drivers, from the shipped data, for trend fitting and backtesting.

- Coverage (users per inhabitant of the age band) of home care and nursing homes by age band, 2007/2009–2025,
  per municipality: care panel users ÷ population on 1 January (forecast.population.load_history).
  A band SSB left empty is the total minus the other bands when only one band is missing (home care 67–79 is
  unpublished from 2017 and is derived this way).
- Care FTE per weighted user, 2015–2025, per municipality (2024 borders; from 2020 or 2024 for most): user-facing
  care FTE of every occupation (SSB 12292) ÷ (home-care users + w × nursing-home residents), w from the split fit
  (forecast.data.care_history.fte_per_user_history).
- Teacher FTE per pupil and enrolment (pupils ÷ population 6–15), Udir 2021-22…2025-26 (years 2022–2026 by the
  population convention of forecast.data.school), for Bergen and Norway ('0000').
Each series keeps its most recent run of consecutive years with a value (models assume an unbroken yearly series).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.vocabulary import NATIONAL, SERVICES, services_with_history

if TYPE_CHECKING:
    import numpy as np

CARE_PREFIX = {"home_care": "home_care", "nursing_home": "nursing_home"}
BAND_COLUMNS = {"0-66": "0_66", "67-79": "67_79", "80+": "80p"}
STAFF_SERVICE = "care"  # care FTE per weighted user is one series for home care and nursing homes together


@dataclass
class Series:
    """One yearly series: values for consecutive `years`, and the population it is a rate of (if any)."""

    id: str  # "<municipality>|<service>|<variable>[|<band>]"
    municipality: str
    service: str  # home_care, nursing_home, care (FTE per weighted user, shared), primary_school
    variable: str  # coverage, fte_per_user
    band: str | None
    unit: str
    years: list[int]
    values: "np.ndarray"
    population: "np.ndarray | None" = None  # persons in the band, same years

    @property
    def family(self) -> str:
        """Series of the same kind across municipalities: 'home_care coverage 80+', 'care fte_per_user'."""
        return " ".join(p for p in (self.service, self.variable, self.band) if p)

    @property
    def first_year(self) -> int:
        return self.years[0]


def _trailing_run(years: list[int], values: list[float]) -> tuple[list[int], list[float]]:
    """The most recent run of consecutive years with finite values."""
    keep_y: list[int] = []
    keep_v: list[float] = []
    for y, v in sorted(zip(years, values), reverse=True):
        if v != v or (keep_y and y != keep_y[-1] - 1):
            if keep_y:
                break
            continue
        keep_y.append(y)
        keep_v.append(v)
    return keep_y[::-1], keep_v[::-1]


def _band_population(cube, lo: int, hi: int) -> "np.ndarray":
    """Persons [municipality, year] aged lo..hi."""
    return cube.values[:, :, :, lo : hi + 1].sum(axis=(2, 3))


def _make(code, service, variable, band, unit, years, values, pop=None) -> Series | None:
    import numpy as np

    ys, vs = _trailing_run(list(years), list(values))
    if not ys:
        return None
    sid = "|".join(p for p in (code, service, variable, band) if p)
    p = None
    if pop is not None:
        lookup = dict(zip(years, pop))
        p = np.array([lookup[y] for y in ys], float)
    return Series(sid, code, service, variable, band, unit, ys, np.array(vs, float), p)


def _after_border_change(rows, cube, m: int, max_jump: float):
    """Blank a municipality's figures before its last border change (a year-on-year jump in its population of more
    than `max_jump`, e.g. Ålesund/Haram 2023→2024), so its series start after it, as the projection's ratios do."""
    import numpy as np

    totals = cube.values[m].sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        jumps = [cube.years[t] for t in range(1, len(totals))
                 if totals[t - 1] > 0 and abs(totals[t] / totals[t - 1] - 1) > max_jump]
    if not jumps:
        return rows
    rows = rows.copy()
    values = [c for c in rows.columns if c not in ("municipality", "year")]
    rows.loc[rows["year"] < jumps[-1], values] = np.nan
    return rows


@lru_cache(maxsize=2)
def care_series() -> tuple[Series, ...]:
    """Coverage by age band (home care, nursing homes) and care FTE per weighted user, every municipality."""
    import numpy as np

    from forecast.data import parameters
    from forecast.data.care import load_care_panel
    from forecast.data.care_history import fte_per_user_history
    from forecast.population import load_history

    panel = load_care_panel()
    cube = load_history()
    bands = parameters.services().care_age_bands
    pops = {b: _band_population(cube, lo, hi) for b, (lo, hi) in bands.items()}
    max_jump = parameters.projection().max_interval_change
    staffing = {code: rows for code, rows in fte_per_user_history().groupby("municipality", sort=False)}
    out: list[Series] = []
    for code, rows in panel.groupby("municipality", sort=True):
        if code not in cube.codes:
            continue
        rows = rows.sort_values("year")
        years = rows["year"].astype(int).tolist()
        m = cube.index(code)
        yidx = [cube.years.index(y) if y in cube.years else None for y in years]
        rows = _after_border_change(rows, cube, m, max_jump)
        for service in CARE_PREFIX:
            users = {b: rows[f"{service}_{c}"].to_numpy(float).copy() for b, c in BAND_COLUMNS.items()}
            total = rows[f"{service}_total"].to_numpy(float)
            stacked = np.vstack(list(users.values()))
            missing = np.isnan(stacked)
            one_missing = (missing.sum(axis=0) == 1) & ~np.isnan(total)
            rest = total - np.nansum(stacked, axis=0)
            for i, b in enumerate(users):
                fill = one_missing & missing[i] & (rest >= 0)
                users[b][fill] = rest[fill]
            for b in bands:
                pop = np.array([pops[b][m, j] if j is not None else np.nan for j in yidx])
                cov = np.divide(users[b], pop, out=np.full(len(pop), np.nan), where=pop > 0)
                s = _make(code, service, "coverage", b, "users per inhabitant", years, cov, pop)
                if s is not None:
                    out.append(s)
        own = staffing.get(code)  # on 2024 borders already: no border change inside it
        if own is not None:
            s = _make(code, STAFF_SERVICE, "fte_per_user", None, "user-facing care FTE per weighted user",
                      own["year"].tolist(), own["fte_per_weighted_user"].to_numpy(float))
            if s is not None:
                out.append(s)
    return tuple(out)


@lru_cache(maxsize=2)
def school_series() -> tuple[Series, ...]:
    """Teacher FTE per pupil and enrolment for the places Udir's exports cover (Bergen, Norway)."""
    import numpy as np

    from forecast.data.parameters import services
    from forecast.data.school import school_statistics
    from forecast.population import load_history

    lo, hi = services().school_ages
    stats = school_statistics()
    cube = load_history()
    pop = _band_population(cube, lo, hi)
    out = []
    for code, rows in stats.groupby("municipality", sort=True):
        rows = rows.sort_values("year")
        years = rows["year"].astype(int).tolist()
        pupils = rows["pupils"].to_numpy(float)
        per = rows["teacher_fte"].to_numpy(float) / pupils
        out.append(_make(code, "primary_school", "fte_per_user", None, "teacher FTE per pupil", years, per))
        if code == NATIONAL:
            band_pop = np.array([pop[:, cube.years.index(y)].sum() if y in cube.years else np.nan for y in years])
        elif code in cube.codes:
            band_pop = np.array([pop[cube.index(code), cube.years.index(y)] if y in cube.years else np.nan
                                 for y in years])
        else:
            continue
        out.append(_make(code, "primary_school", "coverage", f"{lo}-{hi}", "pupils per inhabitant", years,
                         pupils / band_pop, band_pop))
    return tuple(s for s in out if s is not None)


def coverage_bands(service: str) -> list[str]:
    """Labels of the age bands whose coverage the shipped history has for `service`."""
    from forecast.data.parameters import services

    pool = SERVICES[service].history
    if pool == "care":
        return list(services().care_age_bands)
    if pool == "school":
        lo, hi = services().school_ages
        return [f"{lo}-{hi}"]
    return []


def all_series(service: str | None = None, municipality: str | list[str] | None = None) -> list[Series]:
    """The shipped series, optionally for one service (its staffing series included) and one municipality (or a
    list of them)."""
    with_history = services_with_history()
    if service is not None and service not in with_history:
        if service in SERVICES:
            raise ForecastError(f"no trend history for {service} in the shipped data; services with history: "
                                f"{', '.join(with_history)}")
        raise ForecastError(f"unknown service {service!r}: use one of {', '.join(with_history)}")
    pools = [service and SERVICES[service].history] if service else list(dict.fromkeys(
        SERVICES[s].history for s in with_history))
    series: list[Series] = []
    for pool in pools:
        mine = POOLS[pool]()
        if service is not None:
            staff = SERVICES[service].staff_series
            mine = tuple(s for s in mine if s.service in (service, staff))
        series += list(mine)
    if municipality is not None:
        wanted = {municipality} if isinstance(municipality, str) else set(municipality)
        series = [s for s in series if s.municipality in wanted]
    return series


def _pool_of(series_service: str) -> str | None:
    """The history pool holding the series of a service (or of a staffing series shared by services)."""
    for s in SERVICES.values():
        if series_service in (s.id, s.staff_series):
            return s.history
    return None


def find_series(municipality: str, service: str, variable: str, band: str | None = None) -> Series | None:
    """One shipped series, or None if the data has none for that municipality."""
    sid = "|".join(p for p in (municipality, service, variable, band) if p)
    pool = _pool_of(service)
    return _index(pool).get(sid) if pool else None


def series_by_id(sid: str) -> Series:
    return _index(_pool_of(sid.split("|")[1]))[sid]


POOLS = {"care": care_series, "school": school_series}  # pool name (vocabulary Service.history) → builder


@lru_cache(maxsize=2)
def _index(pool: str) -> dict[str, Series]:
    return {s.id: s for s in POOLS[pool]()}


def read_series_csv(path) -> list["Series"]:
    """Yearly series from a long CSV `series_id, year, value` (extra columns ignored; years must be consecutive)."""
    from pathlib import Path

    import pandas as pd

    from forecast.data.checks import lines_of, require_columns, require_file
    from forecast.errors import DataError

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
