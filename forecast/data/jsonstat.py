"""JSON-stat 1.0 and 2.0 (SSB's API formats) → Table.

Checked against a genuine SSB JSON-stat 1.0 response (tests/fixtures/ssb_29843_jsonstat1_dataset.json: a bundle
`{"dataset": {...}}` with `dimension.id/size/role` inside `dimension` and `status` as an object keyed by index) and
the JSON-stat 2.0 structure PxWebApi v2 returns (`version`, `class`, `id`, `size`, `role` at the top, `value` a
list with nulls). Both sparse (`{"index": value}`) and dense value lists are read, as the standard allows.
"""

from __future__ import annotations

import json
from pathlib import Path

from forecast.data.table import Dimension, Table, cube, role_of
from forecast.errors import DataError


def looks_like_jsonstat(text: str) -> bool:
    return text.lstrip().startswith("{")


def read_jsonstat(path: Path, text: str) -> Table:
    """Parse the text of a JSON-stat document (one dataset) into a Table."""
    try:
        doc = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} (column {exc.colno})", path, rows=[exc.lineno]) from None
    except RecursionError:
        raise DataError("not JSON-stat: nested too deeply", path) from None
    return from_document(doc, path)


def _parse_int(text: str) -> int | float:
    """An integer; one of more digits than Python converts is infinite (and refused as a count later)."""
    return int(text) if len(text) < 4300 else float("inf")


def from_document(doc: object, path: Path | str) -> Table:
    """A parsed JSON-stat 1.0 or 2.0 document (one dataset) → Table."""
    if not isinstance(doc, dict):
        raise DataError("expected a JSON-stat object at the top level", path)
    if "version" in doc or ("id" in doc and "dimension" in doc):
        if doc.get("class", "dataset") != "dataset":
            raise DataError(f"JSON-stat class {doc.get('class')!r}; expected a 'dataset'", path,
                            hint="download one table as JSON-stat 2.0 (outputFormat=json-stat2)")
        return _dataset(doc, doc.get("id"), doc.get("size"), doc.get("role") or {}, path,
                        f"JSON-stat {doc.get('version', '2.0')}")
    datasets = {k: v for k, v in doc.items() if isinstance(v, dict) and "dimension" in v}
    if not datasets:
        raise DataError("no JSON-stat dataset found (expected a 'dimension' object and a 'value' list)", path)
    if len(datasets) > 1:
        raise DataError(f"the JSON-stat bundle holds {len(datasets)} datasets ({', '.join(datasets)}); "
                        "expected one", path)
    ds = next(iter(datasets.values()))
    dim = ds["dimension"]
    return _dataset(ds, dim.get("id"), dim.get("size"), dim.get("role") or {}, path, "JSON-stat 1.0")


def _dataset(ds: dict, ids: object, sizes: object, roles: dict, path: Path | str, kind: str) -> Table:
    import numpy as np

    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise DataError(f"{kind}: 'id' and 'size' must be lists of equal length", path)
    role_by_id = {d: r for r, members in roles.items() if isinstance(members, list) for d in members}
    dims = []
    for name, size in zip(ids, sizes):
        spec = ds["dimension"].get(name)
        if not isinstance(spec, dict) or "category" not in spec:
            raise DataError(f"{kind}: dimension {name!r} has no 'category'", path)
        codes, labels = _categories(spec["category"], name, path, kind)
        if len(codes) != size:
            raise DataError(f"{kind}: dimension {name!r} has {len(codes)} categories but size says {size}", path)
        dims.append(Dimension(name, role_of(name, spec.get("label"), jsonstat_role=role_by_id.get(name)),
                              codes, labels))
    n = int(np.prod(sizes)) if sizes else 0
    values = _values(ds.get("value"), n, path, kind)
    label = ds.get("label")
    return cube(str(path), f"{kind} ({label})" if label else kind, dims, values)


def _categories(cat: dict, name: str, path: Path | str, kind: str) -> tuple[list[str], list[str]]:
    index = cat.get("index")
    labels = cat.get("label") or {}
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
        if sorted(index.values()) != list(range(len(index))):
            raise DataError(f"{kind}: dimension {name!r} has a category index that is not 0..{len(index) - 1}",
                            path)
    elif isinstance(labels, dict) and labels:
        codes = [str(c) for c in labels]
    else:
        raise DataError(f"{kind}: dimension {name!r} lists no categories", path)
    return codes, [str(labels.get(c, c)) if isinstance(labels, dict) else c for c in codes]


def _values(raw: object, n: int, path: Path | str, kind: str):
    import numpy as np

    if raw is None or (isinstance(raw, (list, dict)) and not raw and n):
        raise DataError(f"{kind}: the dataset holds no values (a metadata response?)", path,
                        hint="download the data, not the table description")
    out = np.full(n, np.nan)
    if isinstance(raw, list):
        if len(raw) != n:
            raise DataError(f"{kind}: {len(raw)} values for {n} cells (the product of the dimension sizes)", path)
        items = enumerate(raw)
    elif isinstance(raw, dict):
        items = raw.items()
    else:
        raise DataError(f"{kind}: 'value' must be a list or an object", path)
    for k, v in items:
        try:
            i = int(k)
        except (TypeError, ValueError):
            raise DataError(f"{kind}: value index {k!r} is not a whole number", path) from None
        if not 0 <= i < n:
            raise DataError(f"{kind}: value index {k} is outside 0..{n - 1}", path)
        out[i] = _number(v, i, path, kind)
    return out


def _number(v: object, i: int, path: Path | str, kind: str) -> float:
    """One cell: a finite number, or NaN for null (missing); anything else (text, true/false, NaN, Infinity, an
    integer too large for a float) is an error naming the cell."""
    import math

    if v is None:
        return math.nan
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        try:
            x = float(v)
        except OverflowError:
            x = math.inf
        if math.isfinite(x):
            return x
    big = isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10 ** 30
    shown = f"a number of about {int(v.bit_length() * 0.30103)} digits" if big else repr(v)
    raise DataError(f"{kind}: value {i} is {shown}, not a finite number", path,
                    hint="counts are numbers; null marks a missing value")
