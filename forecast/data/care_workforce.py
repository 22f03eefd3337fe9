"""The whole care workforce: SSB 12292 user-facing FTE and users, SSB 14533 FTE by occupation, KS turnover by job.

- SSB 12292 (KOSTRA): user-facing care FTE ("brukerrettede årsverk i omsorgstjenesten", every occupation working
  with users in home care and institutions), 2015–2025, with codes as SSB reported them each year; home-care users
  and nursing-home residents (short and long stays), 2024–2025.
- SSB 14533 (KOSTRA): agreed FTE in the care services by occupation (14 groups and the total), 2024–2025. A missing
  row is a cell SSB did not publish (a small group), not zero FTE; groups sum to the total within SSB's rounding.
- KS PAI: turnover by job code (stillingskode), 2017–18 … 2021–22.

Year t is the statistics year as SSB labels it (KOSTRA counts of year t), matched with 1 January t as the care
panel does (see forecast/data/care.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import lines_of, require_codes, require_columns, require_file, require_numbers
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

FTE_USERS_FILE = ("services", "care", "ssb12292_care_fte_and_users_2015_2025.csv")
OCCUPATION_FILE = ("services", "care", "ssb14533_care_fte_by_occupation_2024_2025.csv")
OCCUPATION_LABELS_FILE = ("services", "care", "ssb14533_occupations.csv")
KS_TURNOVER_FILE = ("workforce", "ks_turnover_by_job_code_2017_2022.csv")

METRICS = {
    "user_facing_care_fte": "FTE",
    "home_care_users": "persons",
    "nursing_home_residents": "persons",
}
TOTAL = "total"
# SSB 14533 groups that do not work with users: what separates 14533's total from 12292's user-facing FTE
NOT_USER_FACING = ("care_managers", "other_managers", "kitchen_staff", "cleaners_and_caretakers",
                   "case_and_office_workers")
ROUNDING = 3  # FTE: SSB rounds each cell, so the groups sum to the total only within a few FTE
FIRST_YEAR, LAST_YEAR = 2000, 2100  # plausible statistics years; anything outside is a broken file


def _read_csv(path: Path) -> "pd.DataFrame":
    import pandas as pd

    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"cannot read as UTF-8 CSV: {exc}", path) from None


def _require_years(df: "pd.DataFrame", path: Path) -> None:
    bad = ~df["year"].between(FIRST_YEAR, LAST_YEAR) | (df["year"] % 1 != 0)
    if bad.any():
        raise DataError(f"column year: {df['year'][bad].iloc[0]:g} is not a year", path,
                        rows=lines_of(bad.reset_index(drop=True)), hint=f"years are {FIRST_YEAR}–{LAST_YEAR}")


def _require_known(df: "pd.DataFrame", column: str, known, path: Path) -> None:
    bad = ~df[column].isin(list(known))
    if bad.any():
        raise DataError(f"column {column}: unknown value {df[column][bad].iloc[0]!r}", path,
                        rows=lines_of(bad.reset_index(drop=True)), hint=f"use one of {', '.join(known)}")


def _require_unique(df: "pd.DataFrame", keys: list[str], what: str, path: Path) -> None:
    dup = df.duplicated(keys)
    if dup.any():
        raise DataError(f"duplicate {what}", path, rows=lines_of(dup.reset_index(drop=True)))


# ------------------------------------------------------------------ SSB 12292
@lru_cache(maxsize=4)
def load_care_fte_and_users(path: Path | None = None) -> "pd.DataFrame":
    """SSB 12292, long: `municipality, metric, year, value, unit` (FTE or persons); codes as SSB reported them."""
    path = require_file(Path(path) if path else data_path(*FTE_USERS_FILE))
    df = _read_csv(path)
    require_columns(df, ["municipality_code", "metric", "year", "value"], path)
    require_codes(df, "municipality_code", path)
    _require_known(df, "metric", METRICS, path)
    df = require_numbers(df, ["year", "value"], path)
    _require_years(df, path)
    df["year"] = df["year"].astype(int)
    _require_unique(df, ["municipality_code", "metric", "year"], "municipality, metric and year", path)
    df = df.rename(columns={"municipality_code": "municipality"})[["municipality", "metric", "year", "value"]]
    df["unit"] = df["metric"].map(METRICS)
    return df


def care_fte_and_users(path: Path | None = None) -> "pd.DataFrame":
    """SSB 12292 wide: `municipality, year, user_facing_care_fte, home_care_users, nursing_home_residents`.

    Missing cells stay missing (SSB published nothing there)."""
    df = load_care_fte_and_users(path)
    wide = df.pivot(index=["municipality", "year"], columns="metric", values="value").reset_index()
    wide.columns.name = None
    for metric in METRICS:
        if metric not in wide:
            wide[metric] = float("nan")
    return wide[["municipality", "year", *METRICS]].sort_values(["municipality", "year"]).reset_index(drop=True)


# ------------------------------------------------------------------ SSB 14533
@lru_cache(maxsize=4)
def load_occupation_labels(path: Path | None = None) -> dict[str, str]:
    """SSB 14533 occupation groups: our identifier → SSB's Norwegian label (`total` first)."""
    path = require_file(Path(path) if path else data_path(*OCCUPATION_LABELS_FILE))
    df = _read_csv(path)
    require_columns(df, ["occupation", "ssb_label"], path)
    empty = df["occupation"].isna() | df["ssb_label"].isna()
    if empty.any():
        raise DataError("empty occupation or label", path, rows=lines_of(empty.reset_index(drop=True)))
    _require_unique(df, ["occupation"], "occupation", path)
    if TOTAL not in set(df["occupation"]):
        raise DataError(f"no row for the occupation {TOTAL!r} (SSB's 'I alt')", path)
    missing = [g for g in NOT_USER_FACING if g not in set(df["occupation"])]
    if missing:
        raise DataError(f"no row for the non-user-facing group(s) {', '.join(missing)}", path)
    return dict(zip(df["occupation"], df["ssb_label"]))


@lru_cache(maxsize=4)
def load_fte_by_occupation(path: Path | None = None, labels: Path | None = None) -> "pd.DataFrame":
    """SSB 14533, long: `municipality, year, occupation, fte` (agreed FTE); a missing row is an unpublished cell.

    Every municipality-year needs a `total`, and the published groups must sum to it within SSB's rounding."""
    path = require_file(Path(path) if path else data_path(*OCCUPATION_FILE))
    known = load_occupation_labels(labels)
    df = _read_csv(path)
    require_columns(df, ["municipality_code", "year", "occupation", "value"], path)
    require_codes(df, "municipality_code", path)
    _require_known(df, "occupation", known, path)
    df = require_numbers(df, ["year", "value"], path)
    _require_years(df, path)
    df["year"] = df["year"].astype(int)
    _require_unique(df, ["municipality_code", "year", "occupation"], "municipality, year and occupation", path)
    df = df.rename(columns={"municipality_code": "municipality", "value": "fte"})
    is_total = df["occupation"] == TOTAL
    totals = df[is_total].set_index(["municipality", "year"])["fte"]
    groups = df[~is_total].groupby(["municipality", "year"])["fte"].sum()
    keys = df[["municipality", "year"]].drop_duplicates().set_index(["municipality", "year"]).index
    no_total = ~keys.isin(totals.index)
    if no_total.any():
        m, y = keys[no_total][0]
        first = (df["municipality"] == m) & (df["year"] == y)
        raise DataError(f"no {TOTAL!r} row for municipality {m}, year {y}", path,
                        rows=lines_of(first.reset_index(drop=True))[:1])
    gap = (totals - groups.reindex(totals.index).fillna(0.0)).abs()
    off = gap[gap > ROUNDING]
    if not off.empty:
        (m, y), diff = off.index[0], off.iloc[0]
        row = is_total & (df["municipality"] == m) & (df["year"] == y)
        raise DataError(f"occupation groups of {m} {y} sum to {groups.get((m, y), 0):g}, the total is "
                        f"{totals[(m, y)]:g} (off by {diff:g} FTE, more than SSB's rounding of {ROUNDING})", path,
                        rows=lines_of(row.reset_index(drop=True)))
    return df[["municipality", "year", "occupation", "fte"]].reset_index(drop=True)


# ------------------------------------------------------------------ KS turnover
@lru_cache(maxsize=4)
def load_ks_turnover(path: Path | None = None) -> "pd.DataFrame":
    """KS turnover by job code, long: `job_code, job_title, period, first_year, turnover` (fraction of persons/yr).

    `period` is "2021-2022" for employment on 1 December 2021 → 1 December 2022; job code "0000" is the whole
    municipal sector."""
    import pandas as pd

    path = require_file(Path(path) if path else data_path(*KS_TURNOVER_FILE))
    df = _read_csv(path)
    require_columns(df, ["stillingskode", "stilling"], path)
    periods = [c for c in df.columns if c.startswith("turnover_")]
    bad_names = [c for c in periods if not _period_of(c)]
    if not periods or bad_names:
        raise DataError(f"expected columns turnover_YYYY_YYYY (one-year periods); found "
                        f"{', '.join(bad_names or df.columns)}", path, rows=[1])
    require_codes(df, "stillingskode", path)
    _require_unique(df, ["stillingskode"], "job code", path)
    df = require_numbers(df, periods, path, allow_missing=True)
    over = (df[periods] > 1).any(axis=1)
    if over.any():
        raise DataError("turnover above 1: write fractions (0.139 for 13.9 %)", path,
                        rows=lines_of(over.reset_index(drop=True)))
    long = df.melt(id_vars=["stillingskode", "stilling"], value_vars=periods, var_name="column",
                   value_name="turnover").dropna(subset=["turnover"])
    first = long["column"].map(lambda c: _period_of(c)[0])
    return pd.DataFrame({
        "job_code": long["stillingskode"], "job_title": long["stilling"].str.strip(),
        "period": long["column"].str.removeprefix("turnover_").str.replace("_", "-"),
        "first_year": first.astype(int), "turnover": long["turnover"].astype(float),
    }).sort_values(["job_code", "first_year"]).reset_index(drop=True)


def _period_of(column: str) -> tuple[int, int] | None:
    parts = column.removeprefix("turnover_").split("_")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        return None
    first, last = int(parts[0]), int(parts[1])
    return (first, last) if last == first + 1 else None


def ks_turnover(job_code: str, period: str | None = None) -> float:
    """KS turnover of one job code in `period` (default: the latest published)."""
    df = load_ks_turnover()
    rows = df[df["job_code"] == job_code]
    if rows.empty:
        raise DataError(f"no KS turnover for job code {job_code!r}; codes: {', '.join(df['job_code'].unique())}",
                        data_path(*KS_TURNOVER_FILE))
    if period is not None:
        rows = rows[rows["period"] == period]
        if rows.empty:
            raise DataError(f"no KS turnover for job code {job_code} in {period}", data_path(*KS_TURNOVER_FILE))
    return float(rows.sort_values("first_year")["turnover"].iloc[-1])
