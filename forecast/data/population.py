"""Population history: SSB table 07459 by municipality (2024 borders), sex and single-year age."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_codes, require_columns, require_file, require_numbers
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

POPULATION_FILE = ("population", "ssb07459_municipalities_sex_age_2005_2026.csv.gz")
COLUMNS = ["municipality_code", "year", "age", "male", "female"]


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
        raise DataError(f"cannot read as CSV: {exc}", path) from None
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
    """Every municipality has every year, and every year every age from 0: a projection needs whole cohorts."""
    years = sorted(df["year"].unique())
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in set(years)]
    if gaps:
        raise DataError(f"years missing: {', '.join(map(str, gaps))}", path, hint="the history must be continuous")
    cells = df.groupby(["municipality_code", "year"]).size()
    expected = int(cells.max())
    short = cells[cells < expected]
    if len(short):
        (code, year), n = short.index[0], int(short.iloc[0])
        raise DataError(f"municipality {code}, year {year}: {n} ages, expected {expected}", path,
                        hint="each municipality needs every single-year age in every year")


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
        raise DataError(f"cannot read as CSV: {exc}", path) from None
    require_columns(df, TIDY_COLUMNS, path)
    require_codes(df, "municipality", path)
    df = require_numbers(df, ["year", "age", "persons"], path)
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
    """The shipped history, with the municipalities of a user's tidy file replacing theirs.

    A file covering every municipality may also add newer years; a partial file must stay within the shipped
    years, since the projection pools ratios over all municipalities of a county in the same years.
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
    complete = codes == set(shipped["municipality"])
    if complete:
        return own.reset_index(drop=True)
    years = set(own["year"])
    extra = sorted(years - set(shipped["year"]))
    if extra:
        raise DataError(f"years {extra[0]}–{extra[-1]} are not in the shipped history, and the file covers only "
                        f"{len(codes)} of {shipped['municipality'].nunique()} municipalities", history,
                        hint="newer years need every municipality: forecast data fetch 07459 (no --municipality)")
    keep = ~(shipped["municipality"].isin(codes) & shipped["year"].isin(years))
    return pd.concat([shipped[keep], own], ignore_index=True).sort_values(["municipality", "year", "age"],
                                                                          ignore_index=True)
