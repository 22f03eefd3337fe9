"""Validation helpers shared by the loaders: every failure names the file and the offending lines."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

HEADER_LINES = 1  # a row's line number in its file is its position + 1 + HEADER_LINES


def require_file(path: Path) -> Path:
    if not path.exists():
        raise DataError("file not found", path, hint="check the path, or reinstall the shipped data in data/")
    return path


def require_columns(df: "pd.DataFrame", columns: list[str], path: Path) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(map(str, df.columns))}",
            path,
            hint="the file must have a header line with these column names",
        )


def lines_of(mask: "pd.Series", offset: int = HEADER_LINES) -> list[int]:
    """1-based file line numbers of the True rows of `mask` (index must be the row position)."""
    import numpy as np

    return [int(i) + 1 + offset for i in np.flatnonzero(mask.to_numpy())]


def require_codes(df: "pd.DataFrame", column: str, path: Path, width: int = 4, offset: int = HEADER_LINES) -> None:
    codes = df[column].astype("string")
    uniques = codes.dropna().unique()
    valid = set(u for u in uniques if len(u) == width and u.isdigit())
    if len(valid) == len(uniques) and not codes.isna().any():
        return
    bad = ~codes.isin(valid).fillna(False)
    if bad.any():
        first = codes[bad].iloc[0]
        raise DataError(
            f"column {column}: {first!r} is not a {width}-digit code",
            path,
            rows=lines_of(bad.reset_index(drop=True), offset),
            hint=f'codes are strings of {width} digits, e.g. "0301"',
        )


def require_numbers(
    df: "pd.DataFrame", columns: list[str], path: Path, allow_missing: bool = False, offset: int = HEADER_LINES
) -> "pd.DataFrame":
    """Convert columns to numbers; fail on text, on negatives, and (unless allowed) on empty cells."""
    import pandas as pd

    out = df.copy()
    for col in columns:
        raw = out[col]
        if pd.api.types.is_numeric_dtype(raw):
            num = raw
            text = pd.Series(False, index=raw.index)
        else:
            num = pd.to_numeric(raw, errors="coerce")
            text = num.isna() & raw.notna() & (raw.astype("string").str.strip() != "")
        if text.any():
            raise DataError(
                f"column {col}: {raw[text].iloc[0]!r} is not a number",
                path,
                rows=lines_of(text.reset_index(drop=True), offset),
            )
        infinite = num.isin([float("inf"), float("-inf")])
        if infinite.any():
            raise DataError(f"column {col}: {str(raw[infinite].iloc[0])!r} is not a finite number", path,
                            rows=lines_of(infinite.reset_index(drop=True), offset))
        if not allow_missing and num.isna().any():
            raise DataError(
                f"column {col}: empty value", path, rows=lines_of(num.isna().reset_index(drop=True), offset)
            )
        neg = num < 0
        if neg.any():
            raise DataError(
                f"column {col}: negative count {num[neg].iloc[0]:g}",
                path,
                rows=lines_of(neg.reset_index(drop=True), offset),
                hint="counts cannot be negative",
            )
        out[col] = num
    return out


def require_years(df: "pd.DataFrame", column: str, path: Path, first: int, last: int) -> None:
    years = set(int(y) for y in df[column].dropna().unique())
    missing = [y for y in range(first, last + 1) if y not in years]
    if missing:
        raise DataError(f"years missing: {', '.join(map(str, missing))}", path, hint=f"expected {first}–{last}")


def require_within(df: "pd.DataFrame", column: str, lo: float, hi: float, path: Path, bound: str,
                   offset: int = HEADER_LINES) -> None:
    """Every value of a numeric column within [lo, hi]; else an error naming the lines and the bound."""
    outside = ~df[column].between(lo, hi)
    if outside.any():
        first = df[column][outside].iloc[0]
        raise DataError(f"column {column}: {first:g} is outside {lo:,.0f}–{hi:,.0f} ({bound})", path,
                        rows=lines_of(outside.reset_index(drop=True), offset))
