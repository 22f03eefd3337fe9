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
