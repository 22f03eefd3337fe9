"""StatBank text exports (comma, semicolon or tab separated) → Table.

The shapes people download from SSB's StatBank: zero or more title lines (a quoted title, a blank line, Excel's
`sep=;`), a header line, then one line per combination of the row variables ("stub": region, age, maybe sex or
year) with one number column per combination of the column variables ("heading"), whose header joins their labels:
"Persons 2024 Males", "Personer 2020", "2024". Years and sex may sit in either place; trailing footnotes after a
blank line are ignored.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from forecast.data.table import AGE_PATTERN, SEX_PATTERN, YEAR_PATTERN, Dimension, Table, role_of
from forecast.data.text import parse_number
from forecast.errors import DataError

DELIMITERS = {"\t": "tab", ";": "semicolon", ",": "comma"}
_SAMPLE = 60


def _rows(lines: list[str], delim: str, path: Path) -> list[tuple[int, list[str]]]:
    """(line number, fields) for every physical line (a quoted newline would join lines; StatBank never writes one)."""
    reader = csv.reader(lines, delimiter=delim, quotechar='"', skipinitialspace=False)
    out = []
    try:
        for fields in reader:
            out.append((reader.line_num, fields))
    except csv.Error as exc:
        raise DataError(f"cannot split into columns: {exc}", path, rows=[reader.line_num]) from None
    return out


def _blank(fields: list[str]) -> bool:
    return not any(f.strip() for f in fields)


def _layout(lines: list[str], path: Path) -> tuple[str, int]:
    """The delimiter and the index (into `lines`) of the header line."""
    forced = None
    first = next((ln for ln in lines if ln.strip()), "")
    m = re.fullmatch(r'"?sep=(.)"?', first.strip())
    if m:
        forced = m.group(1)
    best: tuple[int, int, str, int] | None = None  # (consistent data lines, -priority, delimiter, header index)
    for prio, delim in enumerate(DELIMITERS if forced is None else [forced]):
        try:
            rows = _rows(lines[:_SAMPLE * 2], delim, path)
        except DataError:
            continue
        header = next((i for i, (_, f) in enumerate(rows)
                       if len([x for x in f if x.strip()]) >= 2 and not re.fullmatch(r'"?sep=.', f[0])), None)
        if header is None:
            continue
        width = len(rows[header][1])
        consistent = sum(1 for _, f in rows[header + 1:header + 1 + _SAMPLE] if len(f) == width)
        cand = (consistent, -prio, delim, header)
        if consistent and (best is None or cand > best):
            best = cand
    if best is None:
        raise DataError("cannot find a header line and data lines with the same number of columns", path,
                        hint='expected a StatBank export: "region";"age";"Persons 2024" separated by ; , or tab')
    return best[2], best[3]


def _is_number(cell: str) -> bool:
    try:
        parse_number(cell)
        return True
    except ValueError:
        return False


def _split_header(text: str) -> dict[str, str]:
    """'Persons 2024 Males' → {'year': '2024', 'sex': 'Males', 'contents': 'Persons'}."""
    parts: dict[str, str] = {}
    rest = text
    for role, pattern in (("year", YEAR_PATTERN), ("sex", SEX_PATTERN), ("age", AGE_PATTERN)):
        found = pattern.search(rest)
        if found:
            parts[role] = found.group(0)
            rest = rest[:found.start()] + " " + rest[found.end():]
    rest = re.sub(r"\s+", " ", rest).strip(" ,;:-")
    if rest:
        parts["contents"] = rest
    return parts


def read_delimited(path: Path, text: str, encoding: str = "") -> Table:
    """Parse a StatBank text export into a Table: stub columns become dimensions, and so do the parts of the
    number columns' headers (year, sex, age, contents)."""
    import numpy as np
    import pandas as pd

    lines = text.split("\n")
    delim, header_at = _layout(lines, path)
    rows = _rows(lines, delim, path)
    header_line, header = rows[header_at]
    header = [h.strip() for h in header]
    width = len(header)
    data: list[tuple[int, list[str]]] = []
    trailing: list[int] = []
    for line, fields in rows[header_at + 1:]:
        if _blank(fields):
            continue
        if len(fields) == width and not trailing:
            data.append((line, fields))
        elif len([f for f in fields if f.strip()]) <= 1 and len(fields) < width:
            trailing.append(line)  # a footnote after the data
        else:
            where = f"line {header_line}" if not trailing else "the header"
            raise DataError(f"{len(fields)} columns, expected {width} as in the header ({where})", path,
                            rows=[line], hint="every data line needs one cell per header column")
    if not data:
        raise DataError("a header line but no data lines", path, rows=[header_line])

    sample = data[:200]
    stub_cols, value_cols = [], []
    for j, name in enumerate(header):
        role = role_of(name)
        numeric = sum(_is_number(f[j]) for _, f in sample) > len(sample) / 2  # a typo must not make it text
        if role == "other" and (numeric or YEAR_PATTERN.search(name)):
            value_cols.append(j)
        else:
            stub_cols.append((j, role))
    if not value_cols:
        raise DataError("no number columns: every column holds text", path, rows=[header_line],
                        hint="the counts must be in columns of numbers")

    n_rows, n_vals = len(data), len(value_cols)
    dims: list[Dimension] = []
    positions: list[np.ndarray] = []
    for j, role in stub_cols:
        labels = pd.Series([f[j].strip() for _, f in data], dtype=object)
        codes, uniques = pd.factorize(labels, sort=False)
        cats = [str(u) for u in uniques]
        dims.append(Dimension(header[j] or f"column {j + 1}", role, cats, cats))
        positions.append(np.repeat(codes.astype(np.int32), n_vals))

    parts = [_split_header(header[j]) for j in value_cols]
    stub_roles = {r for _, r in stub_cols}
    for role in ("year", "sex", "age", "contents"):
        having = [p for p in parts if role in p]
        if not having:
            continue
        if len(having) != len(parts):
            odd = next(header[j] for j, p in zip(value_cols, parts) if role not in p)
            raise DataError(f"column {odd!r} has no {role} while other number columns have one", path,
                            rows=[header_line])
        if role in stub_roles:
            if role == "contents":
                continue  # 'Persons' repeated in each header is just the name of what is counted
            raise DataError(f"{role} appears both as a column and in the number columns' headers", path,
                            rows=[header_line])
        labels = [p[role] for p in parts]
        cats = list(dict.fromkeys(labels))
        dims.append(Dimension(f"{role} (in the column headers)", role, cats, cats))
        positions.append(np.tile(np.array([cats.index(x) for x in labels], dtype=np.int32), n_rows))

    cells = [f[j] for _, f in data for j in value_cols]
    values = pd.to_numeric(pd.Series(cells, dtype=object).str.strip(), errors="coerce").to_numpy(dtype=float, copy=True)
    bad: dict[str, list[int]] = {}
    row_lines = np.array([line for line, _ in data], dtype=np.int32)
    for k in np.flatnonzero(~np.isfinite(values)):  # SSB's marks, text, and 'inf' or '1e309' (no count)
        cell = cells[k].strip()
        try:
            num = parse_number(cell)
        except ValueError:
            bad.setdefault(cell, []).append(int(row_lines[k // n_vals]))
            continue
        values[k] = np.nan if num is None else num
    if bad:
        cell, where = next(iter(bad.items()))
        col = header[value_cols[0]] if n_vals == 1 else "the number columns"
        raise DataError(f"{cell!r} in {col} is not a number", path,
                        rows=sorted({r for rs in bad.values() for r in rs}),
                        hint="expected counts like 3258; SSB's marks are accepted: . .. ... : x for missing, - for nil (zero)")

    enc = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "latin-1": "Latin-1", "cp1252": "Windows-1252"}.get(
        encoding, encoding.upper() if encoding else "")
    titles = sum(1 for ln in lines[:header_line - 1] if ln.strip())
    source = f"StatBank text export ({DELIMITERS.get(delim, repr(delim))}-separated"
    source += f", {enc}" if enc else ""
    source += f", {titles} title line{'s' if titles != 1 else ''})"
    notes = [f"ignored {len(trailing)} footnote line(s) after the data (from line {trailing[0]})"] if trailing else []
    return Table(str(path), source, dims, positions, values, np.repeat(row_lines, n_vals), notes)
