"""Population history: SSB table 07459 by municipality (2024 borders), sex and single-year age."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_codes, require_columns, require_file, require_numbers, require_within
from forecast.data.parameters import bound_name, bounds
from forecast.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

POPULATION_FILE = ("population", "ssb07459_municipalities_sex_age_2005_2026.csv.gz")
COLUMNS = ["municipality_code", "year", "age", "male", "female"]
NATIONAL_HISTORY_FILE = ("population", "ssb07459_national_sex_age_1986_2026.csv.gz")


def population_file() -> Path:
    return data_path(*POPULATION_FILE)


def load_population_wide(path: Path | None = None) -> "pd.DataFrame":
    """Read and validate the shipped 07459 file: one row per municipality, year and age; male/female columns."""
    import pandas as pd

    path = require_file(Path(path) if path else population_file())
    fast = {"municipality_code": str, "year": "int64", "age": "int64", "male": "float64", "female": "float64"}
    try:
        df = pd.read_csv(path, dtype=fast)  # the common, clean case
    except ValueError:  # a text or empty cell somewhere: read as text to say which line
        df = None
    except (UnicodeDecodeError, pd.errors.ParserError, OSError) as exc:
        raise DataError(f"cannot read as CSV: {str(exc).strip()}", path) from None
    if df is None:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        require_columns(df, COLUMNS, path)
        require_codes(df, "municipality_code", path)
        df = require_numbers(df, ["year", "age", "male", "female"], path)
    require_columns(df, COLUMNS, path)
    require_codes(df, "municipality_code", path)
    df = require_numbers(df, ["year", "age", "male", "female"], path)
    df["year"] = df["year"].astype(int)
    df["age"] = df["age"].astype(int)
    dup = df.duplicated(["municipality_code", "year", "age"])
    if dup.any():
        from forecast.data.checks import lines_of

        raise DataError("duplicate municipality, year and age", path, rows=lines_of(dup.reset_index(drop=True)))
    _require_complete(df, path)
    return df.rename(columns={"municipality_code": "municipality"})


def _require_complete(df: "pd.DataFrame", path: Path) -> None:
    """Every municipality has every year, and every year every single-year age from 0 up to the projection's open
    age group or beyond: a projection needs whole cohorts."""
    from forecast.data.parameters import projection

    years = sorted(df["year"].unique())
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in set(years)]
    if gaps:
        raise DataError(f"years missing: {', '.join(map(str, gaps))}", path, hint="the history must be continuous")
    ages = df.groupby(["municipality_code", "year"])["age"].agg(["min", "max", "count"])
    top = projection().open_age
    bad = ages[(ages["min"] != 0) | (ages["max"] < top) | (ages["count"] != ages["max"] + 1)]
    if len(bad):
        (code, year), row = bad.index[0], bad.iloc[0]
        what = (f"ages {int(row['min'])}–{int(row['max'])}" if row["count"] == row["max"] - row["min"] + 1
                else f"{int(row['count'])} ages between {int(row['min'])} and {int(row['max'])}")
        raise DataError(f"municipality {code}, year {year}: {what}", path,
                        hint=f"each municipality needs every single-year age from 0 to {top} or more in every year "
                             "(the last may be an open group such as 105+)")


TIDY_COLUMNS = ["municipality", "year", "age", "sex", "persons"]


def load_population_tidy(path: Path) -> "pd.DataFrame":
    """A tidy population file (`forecast data import` / `fetch` output: municipality, year, age, sex, persons) in the
    shipped wide shape (municipality, year, age, male, female). A file with only `total` is split by sex with the
    shipped file's shares for the same municipality, year and age (half and half where it has none)."""
    import pandas as pd

    from forecast.data.checks import lines_of

    path = require_file(Path(path))
    try:
        df = pd.read_csv(path, dtype={"municipality": str, "sex": str})
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as exc:
        raise DataError(f"cannot read as CSV: {str(exc).strip()}", path) from None
    require_columns(df, TIDY_COLUMNS, path)
    require_codes(df, "municipality", path)
    df = require_numbers(df, ["year", "age", "persons"], path)
    b = bounds()
    for column, (lo, hi), bound in (("year", b.years, "years"), ("age", b.ages, "ages"),
                                    ("persons", (0, b.persons_per_cell), "persons_per_cell")):
        require_within(df, column, lo, hi, path, bound_name(bound))
    bad = ~df["sex"].isin(["male", "female", "total"])
    if bad.any():
        raise DataError(f"column sex: {df['sex'][bad].iloc[0]!r} is not male, female or total", path,
                        rows=lines_of(bad.reset_index(drop=True)))
    df["year"], df["age"] = df["year"].astype(int), df["age"].astype(int)
    wide = df.pivot_table(index=["municipality", "year", "age"], columns="sex", values="persons",
                          aggfunc="sum").reset_index()
    wide.columns.name = None
    if "male" not in wide or "female" not in wide:
        if "total" not in wide:
            raise DataError("no persons by sex or in total", path)
        shipped = load_population_wide().set_index(["municipality", "year", "age"])
        key = pd.MultiIndex.from_frame(wide[["municipality", "year", "age"]])
        known = shipped.reindex(key)
        share = (known["male"] / (known["male"] + known["female"])).fillna(0.5).to_numpy()
        wide["male"] = wide["total"].to_numpy() * share
        wide["female"] = wide["total"].to_numpy() - wide["male"]
    wide = wide[["municipality", "year", "age", "male", "female"]].dropna()
    _require_complete(wide.rename(columns={"municipality": "municipality_code"}), path)
    return wide


def load_population_with(history: Path | None) -> "pd.DataFrame":
    """The shipped history, with the municipality-years of a user's tidy file replacing the shipped ones.

    Years after the shipped history need every municipality (the projection pools ratios over all municipalities
    of a county in the same years); everything the file does not cover stays as shipped.
    """
    import pandas as pd

    shipped = load_population_wide()
    if history is None:
        return shipped
    own = load_population_tidy(history)
    codes = set(own["municipality"])
    unknown = sorted(codes - set(shipped["municipality"]))
    if unknown:
        raise DataError(f"municipality {unknown[0]} is not a municipality of the 2024 borders", history,
                        hint="import the file with `forecast data import`, which recodes old codes")
    years = set(own["year"])
    newer = sorted(years - set(shipped["year"]))
    if newer:
        covered = set(own.loc[own["year"].isin(newer), "municipality"])
        if covered != set(shipped["municipality"]):
            raise DataError(f"years {newer[0]}–{newer[-1]} are not in the shipped history, and the file has them for "
                            f"only {len(covered)} of {shipped['municipality'].nunique()} municipalities", history,
                            hint="newer years need every municipality: forecast data fetch 07459 (no --municipality)")
    # the file's municipality-years replace the shipped ones; every other figure stays as shipped
    pairs = set(zip(own["municipality"], own["year"]))
    keep = [(m, y) not in pairs for m, y in zip(shipped["municipality"], shipped["year"])]
    merged = pd.concat([shipped[keep], own], ignore_index=True).sort_values(["municipality", "year", "age"],
                                                                            ignore_index=True)
    _require_complete(merged.rename(columns={"municipality": "municipality_code"}), history)
    return merged


@lru_cache(maxsize=2)
def load_national_history(open_age: int) -> tuple[list[int], "np.ndarray"]:
    """SSB 07459 for the whole country, 1 January 1986–2026, by sex and single-year age: (years, persons
    [year, sex (male, female), age]) with the ages from `open_age` pooled. Longer than the municipal history; the
    projection estimates the national trend in old-age survival from it. Read-only (cached)."""
    import numpy as np
    import pandas as pd

    path = require_file(data_path(*NATIONAL_HISTORY_FILE))
    columns = ["year", "age", "male", "female"]
    try:
        df = pd.read_csv(path, dtype="float64")  # the common, clean case
    except ValueError:  # text somewhere: read as text to say which line
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (UnicodeDecodeError, pd.errors.ParserError, OSError) as exc:
        raise DataError(f"cannot read as CSV: {str(exc).strip()}", path) from None
    require_columns(df, columns, path)
    df = require_numbers(df, columns, path)
    years = sorted(int(y) for y in df["year"].unique())
    out = np.zeros((len(years), 2, open_age + 1))
    y = np.searchsorted(years, df["year"].to_numpy(int))
    age = np.minimum(df["age"].to_numpy(int), open_age)
    np.add.at(out, (y, 0, age), df["male"].to_numpy(float))
    np.add.at(out, (y, 1, age), df["female"].to_numpy(float))
    out.flags.writeable = False
    return years, out
