"""The canonical result: one long frame plus everything its readers need, as typed fields.

Frame columns: scenario, municipality, service, occupation, variable, unit, year, value, lower, upper. Rows of a whole
service have occupation "all"; rows of one occupation split the service's FTE (and workforce flows) and sum to its
"all" row, so a reader that does not show occupations keeps `occupation == "all"` (`whole_services`).
Tables, CSV/JSON output, comparisons and charts are all views of this frame; the CLI and the report read a Result
and never call the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.results.notes import ASSUMPTION, NOTE, Note, texts
from forecast.vocabulary import ALL

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import HiresSummary, Places, PopulationPaths, ScenarioInfo
    from forecast.results.scores import BacktestResult

COLUMNS = ["scenario", "municipality", "service", "occupation", "variable", "unit", "year", "value", "lower", "upper"]
RECORD_KEYS = ["scenario", "municipality", "service", "occupation", "variable", "unit", "year", "value"]
KEYS = ("scenario", "municipality", "service", "occupation", "variable", "unit")


@dataclass
class Result:
    frame: "pd.DataFrame"
    scenarios: list[str]
    title: str | None = None
    notes: list[Note] = field(default_factory=list)  # calibration, sources and assumptions, as records
    inputs: list[Path] = field(default_factory=list)  # scenario and data files the result rests on
    places: "Places | None" = None  # names of the municipalities in the frame
    scenario_info: dict[str, "ScenarioInfo"] = field(default_factory=dict)  # per scenario: what its file says
    population: dict[str, "PopulationPaths"] = field(default_factory=dict)  # per scenario: the population used
    observed: "pd.DataFrame | None" = None  # calibration history: scenario, service, year, value, unit
    hires: "HiresSummary | None" = None  # cumulative hires, when asked for
    accuracy: "BacktestResult | None" = None  # backtest of the trend models the scenarios use, when asked for
    # with Monte Carlo draws (forecast.run(draws=N)): the quantile columns the frame carries (p10, p50, p90 …), the
    # draws' settings, the draw-by-draw sums over services (service "all") and over municipalities and counties
    # (municipality "N municipalities" / "county NN Name") with the same columns, and what moves the end year most
    quantiles: tuple[str, ...] = ()
    draws: dict | None = None  # {"draws": N, "seed": S, "quantiles": (0.1, 0.5, 0.9)}
    totals: "pd.DataFrame | None" = None
    sensitivity: "pd.DataFrame | None" = None

    @property
    def interval_level(self) -> int:
        """The level of the interval lower–upper in percent (80 unless draws were asked with other quantiles)."""
        if self.draws:
            q = self.draws["quantiles"]
            return round(100 * (max(q) - min(q)))
        return 80

    @property
    def many(self) -> bool:
        return self.frame["municipality"].nunique() > 1

    def note_texts(self, kind: str = NOTE, lang: str = "en") -> list[str]:
        """The notes of one kind as text; with several municipalities, each says which (or how many) it concerns."""
        names = self.places.names if self.places else None
        return texts(self.notes, kind, lang, names, self.many)

    def assumption_texts(self, lang: str = "en") -> list[str]:
        return self.note_texts(ASSUMPTION, lang)

    def records(self) -> list[dict]:
        """The frame as JSON-ready records with keys scenario, municipality, service, occupation, variable, unit,
        year, value (and lower/upper where an interval exists)."""
        return records(self.frame)


def records(frame: "pd.DataFrame") -> list[dict]:
    """Canonical frame rows as JSON-ready records (lower/upper only where an interval exists)."""
    out = []
    qcols = [(q, list(frame.columns).index(q)) for q in quantile_columns(frame)]
    flag = list(frame.columns).index("stands_out") if "stands_out" in frame.columns else None
    for row in frame.itertuples(index=False):
        rec = {k: getattr(row, k) for k in RECORD_KEYS}
        rec["year"] = int(rec["year"])
        rec["value"] = float(rec["value"])
        if row.lower == row.lower and row.upper == row.upper:  # not NaN
            rec["lower"], rec["upper"] = float(row.lower), float(row.upper)
        for q, i in qcols:
            v = row[i]
            if v == v:
                rec[q] = float(v)
        if flag is not None and type(row[flag]).__name__ in ("bool", "bool_"):  # not NA: a difference row
            rec["stands_out"] = bool(row[flag])
        out.append(rec)
    return out


def quantile_columns(frame: "pd.DataFrame") -> list[str]:
    """The frame's quantile columns (p10, p50, p90, … from draws), in their order."""
    import re

    return [c for c in frame.columns if re.fullmatch(r"p\d+(\.\d+)?", str(c))]


def table_records(table: "pd.DataFrame", ints: tuple[str, ...] = ("from_year", "to_year"),
                  floats: tuple[str, ...] = ("value",), bools: tuple[str, ...] = ()) -> list[dict]:
    """Rows of a table as JSON-ready records (numpy numbers → int, float and bool); interval and quantile columns
    (lower, upper, p10 …) appear only where the row has them (JSON has no NaN)."""
    optional = ["lower", "upper", *quantile_columns(table)]
    out = []
    for r in table.to_dict(orient="records"):
        rec = {**r, **{k: int(r[k]) for k in ints}, **{k: float(r[k]) for k in floats},
               **{k: bool(r[k]) for k in bools}}
        for k in optional:
            v = rec.pop(k, None)
            if v is not None and v == v:
                rec[k] = float(v)
        out.append(rec)
    return out


def whole_services(frame: "pd.DataFrame") -> "pd.DataFrame":
    """The rows of whole services (occupation "all"): what a reader that does not show occupations sums."""
    if "occupation" not in frame.columns:
        return frame
    return frame[frame["occupation"] == ALL]


def frame_from_rows(rows: list[dict]) -> "pd.DataFrame":
    """Build the canonical frame from blocks {scenario, municipality, service, [occupation,] variable, unit, years,
    values [, lower, upper]} (occupation "all" where a block has none), in one go (one DataFrame per block is slow
    for hundreds of municipalities)."""
    import numpy as np
    import pandas as pd

    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    sizes = [len(r["years"]) for r in rows]
    total = sum(sizes)
    data = {col: np.repeat(np.array([str(r[col] if col != "occupation" else r.get(col, ALL)) for r in rows],
                                    dtype=object), sizes) for col in KEYS}
    data["year"] = np.concatenate([np.asarray(r["years"], dtype=int) for r in rows])
    data["value"] = np.concatenate([np.asarray(r["values"], dtype=float) for r in rows])
    for bound in ("lower", "upper"):
        if any(bound in r for r in rows):
            data[bound] = np.concatenate([np.asarray(r[bound], dtype=float) if bound in r else np.full(n, np.nan)
                                          for r, n in zip(rows, sizes)])
        else:
            data[bound] = np.full(total, np.nan)
    frame = pd.DataFrame(data)
    for col in KEYS:
        frame[col] = frame[col].astype(str)
    return frame[COLUMNS]
