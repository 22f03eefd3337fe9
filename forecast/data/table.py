"""What every StatBank reader (CSV, JSON-stat, PX) returns: a table of observations over named dimensions.

A `Table` keeps the file's own words (codes and labels) so the importer can interpret them once per category,
not once per cell, and so errors can quote the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROLES = ("region", "age", "sex", "year", "contents")

# Dimension names as SSB writes them in English and Norwegian exports, JSON-stat ids and PX files.
_ROLE_NAMES = {
    "region": {"region", "regions", "municipality", "municipalities", "kommune", "kommuner", "kommunenummer",
               "kommunenr", "komnr", "bydel", "geo"},
    "age": {"age", "alder", "ages", "aldersgruppe", "age group"},
    "sex": {"sex", "kjonn", "kjønn", "gender", "kjoenn"},
    "year": {"year", "years", "år", "aar", "tid", "time", "årgang"},
    "contents": {"contents", "contentscode", "statistikkvariabel", "statistical variable", "contents code"},
}


def role_of(*names: str | None, jsonstat_role: str | None = None) -> str:
    """The role of a dimension from its id/label ("Region", "kjønn", "Tid"); `other` when none fits."""
    for name in names:
        if not name:
            continue
        key = re.sub(r"\s+", " ", name.strip().casefold())
        for role, words in _ROLE_NAMES.items():
            if key in words:
                return role
        if key.startswith(("kokkommuneregion", "kommuneregion")):  # KOSTRA region variables
            return "region"
    return {"geo": "region", "time": "year", "metric": "contents"}.get(jsonstat_role or "", "other")


# StatBank words for sex, longest first, matched as whole words ("Males" never inside "Females").
SEX_WORDS = {
    "both sexes": "total", "begge kjønn": "total", "begge kjonn": "total", "alle": "total", "total": "total",
    "i alt": "total", "females": "female", "female": "female", "kvinner": "female", "kvinne": "female",
    "women": "female", "jenter": "female", "girls": "female", "males": "male", "male": "male", "menn": "male",
    "mann": "male", "men": "male", "gutter": "male", "boys": "male",
}
_IN_HEADERS = [w for w in SEX_WORDS if w not in ("alle", "total", "i alt")]  # too common to spot inside text
SEX_PATTERN = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _IN_HEADERS), key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
YEAR_PATTERN = re.compile(r"(?<![\d-])(1[89]\d\d|2[01]\d\d)(?![\d-])")
AGE_PATTERN = re.compile(r"(?<!\w)(\d{1,3})\s*(?:years?|yrs?|år)(?:\s*(?:or older|or over|eller eldre|og eldre|\+))?"
                         r"(?!\w)", re.IGNORECASE)


@dataclass
class Dimension:
    """One dimension: its name in the file, its role, and its categories (codes and labels, same order)."""

    name: str
    role: str
    codes: list[str]
    labels: list[str]

    def describe(self, pos: int) -> str:
        code, label = self.codes[pos], self.labels[pos]
        return repr(label) if code == label else f"{code!r} ({label})"


@dataclass
class Table:
    """Observations over dimensions: `positions[i][k]` is observation k's category in `dims[i]`.

    `values` holds floats (NaN where the source marks a value missing or suppressed); `lines` the 1-based
    source line of each observation where the format has lines worth citing (CSV, PX), else None.
    """

    path: str
    source: str
    dims: list[Dimension]
    positions: list["np.ndarray"]
    values: "np.ndarray"
    lines: "np.ndarray | None" = None
    notes: list[str] = field(default_factory=list)

    def dim(self, role: str) -> tuple[int, Dimension] | None:
        for i, d in enumerate(self.dims):
            if d.role == role:
                return i, d
        return None

    def lines_where(self, dim_index: int, pos: int) -> list[int]:
        """Source lines of observations in category `pos` of dimension `dim_index` (empty without lines)."""
        import numpy as np

        if self.lines is None:
            return []
        hit = self.positions[dim_index] == pos
        return sorted(set(int(x) for x in np.unique(self.lines[hit])))


def cube(path: str, source: str, dims: list[Dimension], values: "np.ndarray", notes: list[str] | None = None,
         lines: "np.ndarray | None" = None) -> Table:
    """A Table from a dense row-major cube (JSON-stat, PX): the first dimension varies slowest."""
    import numpy as np

    sizes = [len(d.codes) for d in dims]
    n = int(np.prod(sizes)) if sizes else 0
    flat = np.arange(n, dtype=np.int64)
    positions = []
    stride = n
    for size in sizes:
        stride //= max(size, 1)
        positions.append(((flat // max(stride, 1)) % max(size, 1)).astype(np.int32))
    return Table(path, source, dims, positions, values, lines, list(notes or []))
