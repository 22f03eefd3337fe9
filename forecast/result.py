"""The canonical result: one long frame plus what it rests on (calibration notes, assumptions, input files).

Frame columns: scenario, municipality, service, variable, unit, year, value, lower, upper.
Tables, CSV/JSON output, comparisons and charts are all views of this frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["scenario", "municipality", "service", "variable", "unit", "year", "value", "lower", "upper"]
RECORD_KEYS = ["scenario", "municipality", "service", "variable", "unit", "year", "value"]

UNITS = {
    "population": "persons",
    "users": "persons",
    "fte_before_automation": "FTE",
    "automation_offset": "FTE",
    "fte": "FTE",
    "fte_per_user": "FTE per person",
    "fte_norm_minimum": "FTE",
}


@dataclass
class Result:
    frame: "pd.DataFrame"
    scenarios: list[str]
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # scenario and data files the result rests on
    cube: object | None = None  # the PopulationCube the result was computed on (saves rebuilding it)

    def records(self) -> list[dict]:
        """The frame as JSON-ready records with keys scenario, municipality, service, variable, unit, year, value
        (and lower/upper where an interval exists)."""
        out = []
        for row in self.frame.itertuples(index=False):
            rec = {k: getattr(row, k) for k in RECORD_KEYS}
            rec["year"] = int(rec["year"])
            rec["value"] = float(rec["value"])
            if row.lower == row.lower and row.upper == row.upper:  # not NaN
                rec["lower"], rec["upper"] = float(row.lower), float(row.upper)
            out.append(rec)
        return out


def frame_from_rows(rows: list[dict]) -> "pd.DataFrame":
    """Build the canonical frame from blocks {scenario, municipality, service, variable, unit, years, values
    [, lower, upper]}, in one go (one DataFrame per block is slow for hundreds of municipalities)."""
    import numpy as np
    import pandas as pd

    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    sizes = [len(r["years"]) for r in rows]
    total = sum(sizes)
    data = {col: np.repeat(np.array([str(r[col]) for r in rows], dtype=object), sizes)
            for col in ("scenario", "municipality", "service", "variable", "unit")}
    data["year"] = np.concatenate([np.asarray(r["years"], dtype=int) for r in rows])
    data["value"] = np.concatenate([np.asarray(r["values"], dtype=float) for r in rows])
    for bound in ("lower", "upper"):
        if any(bound in r for r in rows):
            data[bound] = np.concatenate([np.asarray(r[bound], dtype=float) if bound in r else np.full(n, np.nan)
                                          for r, n in zip(rows, sizes)])
        else:
            data[bound] = np.full(total, np.nan)
    frame = pd.DataFrame(data)
    for col in ("scenario", "municipality", "service", "variable", "unit"):
        frame[col] = frame[col].astype(str)
    return frame[COLUMNS]
