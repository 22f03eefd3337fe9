"""The population cube: persons by municipality × year × sex × single-year age (the last age is the open group),
read from the shipped SSB 07459 history (or a user's tidy file), and its views."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.results.notes import Note, note

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

SEXES = ("male", "female")


@dataclass
class PopulationCube:
    codes: list[str]  # four-digit municipality codes, axis 0
    years: list[int]  # axis 1
    values: "np.ndarray"  # persons [municipality, year, sex, age]
    last_observed: int  # years after this are projected
    variant: str | None = None  # None: built-in projection, unscaled

    @property
    def open_age(self) -> int:
        return self.values.shape[3] - 1

    def index(self, code: str) -> int:
        return self.codes.index(code)

    def slice(self, code: str) -> "np.ndarray":
        """Persons [year, sex, age] of one municipality."""
        return self.values[self.index(code)]


def load_history(until: int | None = None, history: str | None = None) -> PopulationCube:
    """The 07459 history as a cube, ages from the open age group upward pooled; optionally cut at `until`.

    `history`: a tidy population file (from `forecast data import` or `fetch`) replacing the shipped figures of
    the municipalities it covers. Cached (one entry however the arguments are spelled); the cube is read-only.
    """
    return _load_history(until, str(history) if history else None)


@lru_cache(maxsize=4)
def _load_history(until: int | None, history: str | None) -> PopulationCube:
    import numpy as np

    from forecast.data.population import load_population_with

    from forecast.data.parameters import projection

    open_age = projection().open_age
    df = load_population_with(Path(history) if history else None)
    if until is not None:
        df = df[df["year"] <= until]
    codes = sorted(df["municipality"].unique())
    years = sorted(int(y) for y in df["year"].unique())
    values = np.zeros((len(codes), len(years), 2, open_age + 1))
    m = np.searchsorted(codes, df["municipality"].to_numpy())
    y = np.searchsorted(years, df["year"].to_numpy())
    age = df["age"].to_numpy()
    male, female = df["male"].to_numpy(dtype=float), df["female"].to_numpy(dtype=float)
    single = age < open_age  # one row per cell: plain assignment; the open group sums several ages
    values[m[single], y[single], 0, age[single]] = male[single]
    values[m[single], y[single], 1, age[single]] = female[single]
    rest = ~single
    np.add.at(values, (m[rest], y[rest], 0, open_age), male[rest])
    np.add.at(values, (m[rest], y[rest], 1, open_age), female[rest])
    values.flags.writeable = False  # cached: shared by every caller
    return PopulationCube(list(codes), years, values, last_observed=years[-1])


def to_frame(cube: PopulationCube, codes: list[str] | None = None, years: list[int] | None = None) -> "pd.DataFrame":
    """Long frame `municipality, year, age, sex, persons, projected` (age = open group for the last age)."""
    import numpy as np
    import pandas as pd

    codes = codes or cube.codes
    years = years or cube.years
    mi = [cube.index(c) for c in codes]
    yi = [cube.years.index(y) for y in years]
    sub = cube.values[np.ix_(mi, yi)]
    m, y, s, a = np.meshgrid(
        np.array(codes, dtype=object), np.array(years), np.array(SEXES, dtype=object), np.arange(sub.shape[3]),
        indexing="ij",
    )
    df = pd.DataFrame(
        {
            "municipality": m.ravel(),
            "year": y.ravel(),
            "age": a.ravel(),
            "sex": s.ravel(),
            "persons": sub.ravel(),
        }
    )
    df["projected"] = df["year"] > cube.last_observed
    return df


def area_frame(cube: PopulationCube, code: str, codes: list[str], years: list[int] | None = None) -> "pd.DataFrame":
    """`to_frame` of one area: a municipality as it is; a county or the country (several `codes`) as the sum of its
    municipalities, with the area's `code` (county code, or 0000 for the country) in `municipality`."""
    frame = to_frame(cube, list(codes), years)
    if len(codes) == 1 and codes[0] == code:
        return frame
    out = frame.groupby(["year", "age", "sex", "projected"], as_index=False, sort=False)["persons"].sum()
    out.insert(0, "municipality", code)
    return out[["municipality", "year", "age", "sex", "persons", "projected"]]


def border_changes(cube: PopulationCube, code: str) -> list[Note]:
    """Year-on-year jumps in a municipality's history too large for demography (border changes in the shipped
    history), which the projection's ratios leave out."""
    from forecast.data.parameters import projection

    limit = projection().max_interval_change
    totals = cube.slice(code).sum(axis=(1, 2))
    out = []
    for t in range(1, cube.years.index(cube.last_observed) + 1):
        if totals[t - 1] > 0 and abs(totals[t] / totals[t - 1] - 1) > limit:
            out.append(note("population.border_change", first=cube.years[t - 1], second=cube.years[t],
                            change=float(totals[t] / totals[t - 1] - 1), municipalities=[code],
                            source="data/population/ssb07459_municipalities_sex_age_2005_2026.csv.gz"))
    return out
