"""Udir's statistics-portal exports for primary school (grunnskole): pupils and teacher FTEs by school year.

The exports are UTF-16, tab-separated, begin with a `sep=` line and write numbers as '2 787,4'. Columns after the
unit columns are '<school year>.<filters>.<measure>'. A school year '2025-26' is counted in the autumn of 2025 and is
matched with the population on 1 January 2026, which holds the same birth cohorts at ages 6–15.
"""

from __future__ import annotations

from functools import lru_cache

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_file
from forecast.data.text import parse_number, read_text
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

PUPILS_FILE = ("services", "school", "20260223-1453_Elever_og_skoler.csv")
TEACHERS_FILE = ("services", "school", "20260223-1505_Laerere_og_aarsverk.csv")
UNIT_COLUMNS = ["EnhetNivaa", "Kommunekode", "Organisasjonsnummer", "EnhetNavn"]
MEASURES = {"Antall elever": "pupils", "Antall lærerårsverk": "teacher_fte", "Antall lærere": "teachers"}


def read_udir_export(path: Path) -> "pd.DataFrame":
    """Long frame `level, municipality, unit, school_year, year, measure, value` from a Udir export."""
    import pandas as pd

    path = require_file(Path(path))
    lines = read_text(path).split("\n")
    first = 1 if lines and lines[0].startswith("sep=") else 0
    if len(lines) <= first:
        raise DataError("empty export", path)
    header = lines[first].split("\t")
    missing = [c for c in UNIT_COLUMNS if c not in header]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}: not a Udir statistics-portal export", path,
                        rows=[first + 1])
    pos = {c: header.index(c) for c in UNIT_COLUMNS}
    value_cols = []
    for j, name in enumerate(header):
        parts = name.split(".")
        if len(parts) >= 2 and len(parts[0]) == 7 and parts[0][4] == "-" and parts[-1] in MEASURES:
            value_cols.append((j, parts[0], MEASURES[parts[-1]]))
    records = []
    for i, line in enumerate(lines[first + 1 :], start=first + 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < len(header):
            raise DataError(f"{len(cells)} cells, expected {len(header)}", path, rows=[i])
        for j, school_year, measure in value_cols:
            try:
                value = parse_number(cells[j])
            except ValueError:
                raise DataError(f"column {header[j]!r}: {cells[j]!r} is not a number", path, rows=[i]) from None
            if value is not None and value < 0:
                raise DataError(f"column {header[j]!r}: negative count", path, rows=[i])
            records.append(
                (int(cells[pos["EnhetNivaa"]]), cells[pos["Kommunekode"]], cells[pos["EnhetNavn"]].strip(),
                 school_year, int(school_year[:4]) + 1, measure, value)
            )
    return pd.DataFrame(records, columns=["level", "municipality", "unit", "school_year", "year", "measure", "value"])


@lru_cache(maxsize=4)
def school_statistics() -> "pd.DataFrame":
    """Pupils and teacher FTEs per municipality (level 3) and for the country (municipality '0000', level 1).

    Columns `municipality, school_year, year, pupils, teacher_fte, teachers`.
    """
    import pandas as pd

    frames = [read_udir_export(data_path(*PUPILS_FILE)), read_udir_export(data_path(*TEACHERS_FILE))]
    df = pd.concat(frames)
    df = df[df["level"].isin([1, 3])]
    wide = df.pivot_table(index=["municipality", "school_year", "year"], columns="measure", values="value",
                          aggfunc="sum").reset_index()
    wide.columns.name = None
    return wide
