"""SSB's own municipal projections, as shipped for the Telemark municipalities (vintages 2016, 2020, 2024, 2026),
by SSB's age groups: the yardstick the built-in projection is scored against. `read_ssb_projection` reads any SSB
regional projection export (tables 11168, 12882, 14288, 14746 and older vintages) with whatever age groups it has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.errors import DataError

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

AGE_GROUPS = (("0", 0, 0), ("1-5", 1, 5), ("6-12", 6, 12), ("13-15", 13, 15), ("16-19", 16, 19), ("20-44", 20, 44),
              ("45-66", 45, 66), ("67-79", 67, 79), ("80-89", 80, 89), ("90+", 90, 999))  # SSB's age groups
TELEMARK_DIR = ("projections", "telemark")
MERGED = {"Bø (Telemark)": "4020", "Sauherad": "4020"}  # merged into Midt-Telemark in 2020
NOT_MUNICIPALITIES = {"Hele landet", "Norge", "Telemark", "Vestfold og Telemark"}
OPEN = 999  # upper bound of an open age group ("90 år eller eldre")
_SINGLE = re.compile(r"^(\d+)\s*(?:år|years?)$")
_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)\s*(?:år|years?)$")
_OPEN = re.compile(r"^(\d+)\s*(?:\+\s*(?:år|years?)?|(?:år|years?)\s+(?:eller|og|or|and)\s+(?:eldre|over|older))$")
_TOTAL = {"alle aldre", "i alt", "all ages", "total", "totalt"}


def ssb_vintages() -> dict[int, "Path"]:
    """Shipped SSB projection files for the Telemark municipalities, by base (jump-off) year."""
    from forecast.data import data_path

    out = {}
    for path in sorted(data_path(*TELEMARK_DIR).glob("Framskrevet_folkemengde_*.csv")):
        out[int(path.stem.split("_")[-1][:4])] = path
    return out


def load_ssb_projection(base: int, year: int) -> dict[str, "np.ndarray"]:
    """SSB's main-alternative (MMMM) projection from the shipped vintage `base` for `year`: municipality code →
    persons by the file's age groups (for the shipped vintages, AGE_GROUPS)."""
    return read_ssb_projection(ssb_vintages()[base]).year(year)


def parse_age_label(label: str) -> tuple[int, int] | None:
    """SSB age label → (first age, last age), OPEN for an open group; None for all ages.

    '0 år' → (0, 0); '20-66 år' → (20, 66); '90 år eller eldre' → (90, OPEN); '67+' → (67, OPEN). A label that
    matches none of these raises DataError naming it.
    """
    text = " ".join(str(label).split()).casefold()
    if text in _TOTAL:
        return None
    if m := _SINGLE.match(text):
        return int(m[1]), int(m[1])
    if (m := _RANGE.match(text)) and int(m[1]) <= int(m[2]):
        return int(m[1]), int(m[2])
    if m := _OPEN.match(text):
        return int(m[1]), OPEN
    raise DataError(f"age group {label!r} is not readable", hint="expected labels like '0 år', '20-66 år', "
                    "'90 år eller eldre' or '67+'")


def band_name(lo: int, hi: int) -> str:
    """(0, 0) → '0', (20, 66) → '20-66', (90, OPEN) → '90+' (the names of AGE_GROUPS)."""
    return f"{lo}+" if hi >= OPEN else str(lo) if lo == hi else f"{lo}-{hi}"


@dataclass
class SSBProjection:
    """One SSB regional projection vintage (one alternative): persons by municipality and age band, by year."""

    path: "Path"
    base: int  # jump-off year: the first year in the file
    bands: list[tuple[str, int, int]]  # (name, first age, last age), ordered by first age
    persons: dict[int, dict[str, "np.ndarray"]] = field(default_factory=dict)  # year → code → persons by band

    def year(self, year: int) -> dict[str, "np.ndarray"]:
        if year not in self.persons:
            raise DataError(f"no year {year} in this projection (it covers {min(self.persons)}–{max(self.persons)})",
                            self.path)
        return self.persons[year]


def _region_code(region: str, by_name: dict[str, str], path: "Path", rows: list[int]) -> str | None:
    """Municipality code of an SSB region label ('Porsgrunn (-2019)', '4001 Porsgrunn'); None for the country and
    counties; DataError naming the region and its line when unknown."""
    from forecast.data.regions import counties

    name = re.sub(r" \((\d{4})?-(\d{4})?\)$", "", region).strip()
    m = re.match(r"^(?:K-)?(\d{4})\s+(.+)$", name)
    if m and m[1] in set(by_name.values()):
        return m[1]
    if m:
        name = m[2]
    if name in NOT_MUNICIPALITIES or name in set(counties().values()):
        return None
    code = MERGED.get(name) or by_name.get(name)
    if code is None:
        raise DataError(f"unknown region {region!r}", path, rows=rows, hint="expected municipality names of the "
                        "2024 borders, or of the municipalities merged into them")
    return code


def read_ssb_projection(path: "Path", variant: str = "MMMM") -> SSBProjection:
    """An SSB regional projection export (columns `region, statistikkvariabel, år, alder, value`; e.g. tables 11168,
    12882, 14288, 14746) with any age grouping; municipalities of the 2024 borders (merged ones summed). An age
    label or region it cannot read raises DataError naming the file and line."""
    from pathlib import Path

    import numpy as np
    import pandas as pd

    from forecast.data.checks import HEADER_LINES, require_columns, require_file, require_numbers
    from forecast.data.regions import municipalities

    path = require_file(Path(path))
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (UnicodeDecodeError, pd.errors.ParserError, OSError) as exc:
        raise DataError(f"cannot read as CSV: {str(exc).strip()}", path) from None
    require_columns(df, ["region", "statistikkvariabel", "år", "alder", "value"], path)
    df = require_numbers(df, ["år", "value"], path)  # (the index stays the row's position: its line is known)

    def line_of(mask) -> list[int]:
        return [int(mask.idxmax()) + 1 + HEADER_LINES]

    df = df[df["statistikkvariabel"].fillna("").str.contains(variant, regex=False)]
    if df.empty:
        raise DataError(f"no rows of the alternative {variant} (column statistikkvariabel)", path)
    labels = {}
    for label in df["alder"].unique():
        try:
            parsed = parse_age_label(label)
        except DataError as exc:
            raise DataError(exc.detail, path, rows=line_of(df["alder"] == label), hint=exc.hint) from None
        if parsed is not None:
            labels[label] = parsed
    df = df[df["alder"].isin(labels)]
    ordered = sorted(labels, key=lambda lbl: labels[lbl])
    bands = [(band_name(*labels[lbl]), *labels[lbl]) for lbl in ordered]
    index = {lbl: i for i, lbl in enumerate(ordered)}
    by_name = {m.name: m.code for m in municipalities().values()}
    codes = {r: _region_code(r, by_name, path, line_of(df["region"] == r)) for r in df["region"].unique()}
    out: dict[int, dict[str, np.ndarray]] = {}
    for (region, year, age), value in df.groupby(["region", "år", "alder"])["value"].sum().items():
        code = codes[region]
        if code is not None:
            out.setdefault(int(year), {}).setdefault(code, np.zeros(len(bands)))[index[age]] += float(value)
    if not out:
        raise DataError("no municipality rows", path)
    return SSBProjection(path, min(out), bands, out)
