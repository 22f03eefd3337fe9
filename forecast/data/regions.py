"""Municipality and county codes and names (csdata b2024 code lists), and name → code lookup."""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from functools import lru_cache

from forecast.data import data_path
from forecast.data.checks import require_file
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

HIERARCHY_FILE = ("regions", "nor_locations_hierarchy_b2024.csv")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county_name: str


def _short(name: str) -> str:
    """'Oslo-Oslove' → 'Oslo', 'Nordland-Nordlándda' → 'Nordland': the Norwegian form before a Sami/Kven one."""
    return name.split("-")[0].strip()


@lru_cache(maxsize=1)
def municipalities() -> dict[str, Municipality]:
    """All municipalities of the 2024 borders, by four-digit code."""
    path = require_file(data_path(*HIERARCHY_FILE))
    out: dict[str, Municipality] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row.get("municip_code", "")
            if not code.startswith("municip_nor") or not row.get("county_code", "").startswith("county_nor"):
                continue
            num = code.removeprefix("municip_nor")
            if len(num) != 4 or not num.isdigit() or num.endswith("99"):
                continue
            out[num] = Municipality(
                code=num,
                name=row["municip_name"].strip(),
                county_code=row["county_code"].removeprefix("county_nor"),
                county_name=_short(row["county_name"]),
            )
    if not out:
        raise DataError("no municipalities found (expected rows with municip_code like municip_nor4601)", path)
    return out


def counties() -> dict[str, str]:
    """County code → county name."""
    return {m.county_code: m.county_name for m in municipalities().values()}


def resolve_municipality(text: str, known: set[str] | None = None) -> str:
    """A code ("4601", "0301") or a name ("Bergen", "bergen") → four-digit code; a clear error otherwise."""
    munis = municipalities()
    pool = {c: m for c, m in munis.items() if known is None or c in known}
    raw = str(text).strip()
    if raw.isdigit():
        code = raw.zfill(4)
        if code in pool:
            return code
        hint = "use a four-digit code of the 2024 borders, e.g. 4601 for Bergen"
        now = sorted({c for y in range(2005, 2024) for o, c in one_to_one_recoding(y).items() if o == code})
        if len(now) == 1 and now[0] in pool:
            hint = f"{code} is an old code: now {now[0]} ({pool[now[0]].name})"
        raise DataError(f"unknown municipality code {raw!r}", hint=hint)
    by_name: dict[str, list[str]] = {}
    for c, m in pool.items():
        by_name.setdefault(m.name.casefold(), []).append(c)
    hits = by_name.get(raw.casefold(), [])
    if not hits:  # one form of a bilingual name: 'Oslo' for 'Oslo-Oslove', 'Kautokeino' for 'Guovdageaidnu-Kautokeino'
        parts = [c for c, m in pool.items() if raw.casefold() in (p.strip().casefold() for p in m.name.split("-"))]
        county = next((c for c, n in counties().items() if n.casefold() == raw.casefold()), None)
        alone = county is not None and [c for c, m in munis.items() if m.county_code == county] == parts
        if len(parts) == 1 and _bilingual(pool[parts[0]].name) and (county is None or alone):
            return parts[0]  # ('Oslo' is also the county of Oslo-Oslove alone)
        if parts:  # a part of a compound name ('Telemark' of Midt-Telemark) is never taken silently
            options = ", ".join(f"{pool[c].name} ({c})" for c in sorted(parts))
            county = f" {raw!r} is a county;" if county else ""
            raise DataError(f"no municipality is named {raw!r};{county} municipalities whose name contains it: "
                            f"{options}", hint="give the full name or the code")
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        options = ", ".join(f"{c} ({pool[c].county_name})" for c in sorted(hits))
        raise DataError(f"municipality name {raw!r} is ambiguous: {options}", hint="give the code instead")
    close = difflib.get_close_matches(raw.casefold(), list(by_name), n=3, cutoff=0.75)
    hint = "did you mean " + " or ".join(repr(pool[by_name[n][0]].name) for n in close) + "?" if close else ""
    raise DataError(f"unknown municipality {raw!r}", hint=hint or "give a name or a four-digit code, e.g. 4601")


COMPOUND_PARTS = {"nord", "sør", "midt", "stor", "aurskog", "høland"}  # parts of compound (not bilingual) names


def _bilingual(name: str) -> bool:
    """'Oslo-Oslove' is one name in two languages; 'Midt-Telemark', 'Nord-Odal', 'Aurskog-Høland' are compounds."""
    return not any(p.strip().casefold() in COMPOUND_PARTS for p in name.split("-"))


def name_of(code: str) -> str:
    m = municipalities().get(code)
    return m.name if m else code


REDISTRICTING_FILE = ("regions", "nor_locations_redistricting_b2024.csv.gz")


@lru_cache(maxsize=None)
def redistricting() -> "pd.DataFrame":
    """Historic → 2024 municipality codes by year: `original, current, year, weight` (csdata b2024)."""
    import pandas as pd

    path = require_file(data_path(*REDISTRICTING_FILE))
    df = pd.read_csv(path, dtype=str)
    df = df[df["granularity_geo"] == "municip"]
    return pd.DataFrame({
        "original": df["location_code_original"].str.removeprefix("municip_nor"),
        "current": df["location_code_current"].str.removeprefix("municip_nor"),
        "year": pd.to_numeric(df["calyear"]).astype(int),
        "weight": pd.to_numeric(df["weighting"]),
    })


def one_to_one_recoding(year: int) -> dict[str, str]:
    """Codes valid in `year` that became exactly one 2024 municipality with nothing merged in (e.g. 1201 → 4601).

    Rates (shares, coverage) can be carried over only for these; merged or split municipalities need weights.
    """
    df = redistricting()
    df = df[df["year"] == year]
    whole = df[df["weight"] >= 0.999]
    sources_per_current = df.groupby("current")["original"].nunique()
    ok = whole[whole["current"].map(sources_per_current) == 1]
    return dict(zip(ok["original"], ok["current"]))


POINTS_FILE = ("regions", "municipality_points_2024.csv")


@lru_cache(maxsize=1)
def points() -> dict[str, tuple[float, float]]:
    """Municipality code → a representative point (longitude, latitude, WGS84) inside it (Kartverket): enough for
    a bubble map of the country, not for boundaries."""
    import pandas as pd

    from forecast.data.checks import require_codes, require_columns

    path = require_file(data_path(*POINTS_FILE))
    df = pd.read_csv(path, dtype={"municipality_code": str, "county_code": str})
    require_columns(df, ["municipality_code", "lon", "lat"], path)
    require_codes(df, "municipality_code", path)
    bad = ~(df["lon"].between(-10, 35) & df["lat"].between(57, 72))
    if bad.any():
        row = df[bad].iloc[0]
        raise DataError(f"municipality {row['municipality_code']}: point ({row['lon']}, {row['lat']}) is not in "
                        "Norway", path, rows=[int(df.index[bad][0]) + 2], hint="lon and lat are WGS84 degrees")
    return {c: (float(lon), float(lat)) for c, lon, lat in zip(df["municipality_code"], df["lon"], df["lat"])}
