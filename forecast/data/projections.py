"""SSB's 2024 regional projection (table 14288): county totals by alternative, 2024–2050."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_file, require_numbers
from forecast.data.regions import counties
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

COUNTY_PROJECTION_FILE = ("projections", "ssb14288_counties_total_2024_2050.csv")
_HEADER = re.compile(r"^(?P<county>.+)_(?P<label>[^_]+)\((?P<variant>[A-Z]{4})\)\s*$")


def _county_key(name: str) -> str:
    return name.split("-")[0].strip().casefold()


def load_county_projection(path: Path | None = None) -> "pd.DataFrame":
    """Long frame `county, variant, year, persons` from the wide SSB export (`Tid, <county>_<label> (MMMM)`)."""
    import pandas as pd

    path = require_file(Path(path) if path else data_path(*COUNTY_PROJECTION_FILE))
    df = pd.read_csv(path, dtype=str)
    if "Tid" not in df.columns:
        raise DataError("missing column Tid (the year column of an SSB 14288 export)", path)
    by_name = {_county_key(name): code for code, name in counties().items()}
    rename = {}
    for col in df.columns[1:]:
        m = _HEADER.match(col)
        if not m:
            raise DataError(f"column {col!r} is not '<county>_<alternative> (XXXX)'", path)
        code = by_name.get(_county_key(m["county"]))
        if code is None:
            raise DataError(f"column {col!r}: unknown county {m['county']!r}", path)
        rename[col] = f"{code}|{m['variant']}"
    df = require_numbers(df.rename(columns=rename), list(rename.values()), path)
    long = df.melt(id_vars="Tid", var_name="key", value_name="persons")
    long[["county", "variant"]] = long["key"].str.split("|", expand=True)
    long["year"] = pd.to_numeric(long["Tid"]).astype(int)
    return long[["county", "variant", "year", "persons"]].sort_values(["county", "variant", "year"], ignore_index=True)


NATIONAL_PROJECTION_FILE = ("projections", "laerermod_2024_national_mmm_age_sex.txt")


def load_national_projection(path: Path | None = None) -> "pd.DataFrame":
    """SSB's 2024 national projection, main alternative (LÆRERMOD input): `year, age, sex, persons`, ages 0–99."""
    import pandas as pd

    path = require_file(Path(path) if path else data_path(*NATIONAL_PROJECTION_FILE))
    df = pd.read_csv(path, sep=r"\s+", dtype=str)
    if list(df.columns[:2]) != ["Alder", "Kjønn"]:
        raise DataError(f"expected columns 'Alder Kjønn <years…>', found {' '.join(df.columns[:3])} …", path)
    years = list(df.columns[2:])
    df = require_numbers(df, ["Alder", "Kjønn", *years], path)
    long = df.melt(id_vars=["Alder", "Kjønn"], var_name="year", value_name="persons")
    bad = ~long["Kjønn"].isin([1, 2])
    if bad.any():
        raise DataError("column Kjønn: expected 1 (male) or 2 (female)", path)
    return pd.DataFrame({
        "year": long["year"].astype(int),
        "age": long["Alder"].astype(int),
        "sex": long["Kjønn"].map({1: "male", 2: "female"}),
        "persons": long["persons"],
    })
