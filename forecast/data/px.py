"""PC-Axis (.px) files → Table.

A PX file is a list of `KEYWORD("variable")=value;` entries (quoted strings separated by commas; a string split
over lines continues when quoted parts follow each other without a comma), then `DATA=` with the numbers of the
cube in row-major order over the STUB variables followed by the HEADING variables. Only the default-language
keywords are read (those without a `[lang]` tag).
"""

from __future__ import annotations

import re
from pathlib import Path

from forecast.data.table import Dimension, Table, cube, role_of
from forecast.data.text import parse_number
from forecast.errors import DataError

_DATA = re.compile(r"^DATA\s*=", re.MULTILINE)
_KEYWORD = re.compile(r'^([A-Z0-9-]+)(\[[^\]]*\])?(?:\((.*)\))?$', re.DOTALL)


def looks_like_px(text: str) -> bool:
    head = text.lstrip()[:2000]
    return bool(_DATA.search(text)) and bool(re.match(r'[A-Z][A-Z0-9-]*(\[[^\]]*\])?(\("[^"]*"\))?\s*=', head))


def _entries(header: str, path: Path) -> list[tuple[str, str | None, str | None, list[str], int]]:
    """(keyword, language, variable, values, line) for each entry before DATA=."""
    out = []
    i, n, line = 0, len(header), 1
    while i < n:
        while i < n and header[i] in " \t\r\n":
            line += header[i] == "\n"
            i += 1
        if i >= n:
            break
        start_line = line
        eq = i
        in_q = False
        while eq < n and (in_q or header[eq] != "="):
            if header[eq] == '"':
                in_q = not in_q
            eq += 1
        if eq >= n:
            raise DataError(f"PX keyword without '=': {header[i:i + 40].strip()!r}", path, rows=[start_line])
        key = header[i:eq].strip()
        m = _KEYWORD.match(key)
        if not m:
            raise DataError(f"not a PX keyword: {key!r}", path, rows=[start_line],
                            hint='expected KEYWORD=value; or KEYWORD("variable")=value;')
        j = eq + 1
        values: list[str] = []
        token: list[str] = []
        continued = False  # a quoted part right after another (no comma): the same string, continued
        while j < n and header[j] != ";":
            ch = header[j]
            if ch == '"':
                end = header.find('"', j + 1)
                if end < 0:
                    raise DataError(f"unterminated string in {key}", path, rows=[start_line])
                part = header[j + 1:end]
                line += header.count("\n", j, end)
                if continued and values:
                    values[-1] += part
                else:
                    values.append(part)
                continued = True
                j = end + 1
                continue
            if ch == ",":
                if token:
                    values.append("".join(token).strip())
                    token = []
                continued = False
            elif ch in "\r\n":
                line += ch == "\n"
            elif ch not in " \t":
                token.append(ch)
                continued = False
            j += 1
        if j >= n:
            raise DataError(f"PX keyword {m.group(1)} is not ended by ';'", path, rows=[start_line])
        if token:
            values.append("".join(token).strip())
        variable = m.group(3).strip().strip('"') if m.group(3) else None
        lang = m.group(2)[1:-1] if m.group(2) else None
        out.append((m.group(1), lang, variable, values, start_line))
        i = j + 1
    return out


def read_px(path: Path, text: str) -> Table:
    """Parse the text of a PX file into a Table (dimensions STUB + HEADING, values in file order)."""
    import numpy as np

    m = _DATA.search(text)
    if not m:
        raise DataError("no DATA= section", path, hint="is this a PX file?")
    entries = _entries(text[:m.start()], path)
    keys: dict[str, list[str]] = {}
    per_var: dict[tuple[str, str], list[str]] = {}
    where: dict[str, int] = {}
    for kw, lang, var, vals, line in entries:
        if lang:
            continue
        if var is None:
            keys[kw] = vals
            where[kw] = line
        else:
            per_var[(kw, var)] = vals
    stub, heading = keys.get("STUB", []), keys.get("HEADING", [])
    if not stub and not heading:
        raise DataError("PX file names no STUB or HEADING variables", path)
    dims = []
    for var in stub + heading:
        labels = per_var.get(("VALUES", var))
        if labels is None:
            line = where.get("STUB" if var in stub else "HEADING")
            raise DataError(f'variable "{var}" has no VALUES("{var}")', path, rows=[line] if line else None,
                            hint="every STUB and HEADING variable needs its VALUES line")
        codes = per_var.get(("CODES", var), labels)
        if len(codes) != len(labels):
            raise DataError(f'CODES("{var}") has {len(codes)} entries, VALUES has {len(labels)}', path)
        dims.append(Dimension(var, role_of(var), codes, labels))
    expected = int(np.prod([len(d.codes) for d in dims]))

    data_line = text.count("\n", 0, m.start()) + 1
    body = text[m.end():]
    end = body.rfind(";")
    if end < 0:
        raise DataError("the DATA section is not ended by ';'", path, rows=[data_line])
    values = np.full(expected, np.nan)
    lines = np.zeros(expected, dtype=np.int32)
    k = 0
    for offset, raw_line in enumerate(body[:end].split("\n")):
        for tok in raw_line.replace(",", " ").split():
            tok = tok.strip('"')
            if k >= expected:
                raise DataError(f"more than {expected} values in DATA (the product of the variable sizes)", path,
                                rows=[data_line + offset])
            try:
                num = parse_number(tok)
            except ValueError:
                raise DataError(f"{tok!r} in DATA is not a number", path, rows=[data_line + offset]) from None
            values[k] = np.nan if num is None else num
            lines[k] = data_line + offset
            k += 1
    if k != expected:
        raise DataError(f"{k} values in DATA; expected {expected} (the product of the variable sizes)", path,
                        rows=[data_line])
    title = (keys.get("TITLE") or keys.get("CONTENTS") or [""])[0]
    units = (keys.get("UNITS") or [""])[0]
    source = "PX" + (f" ({title}" + (f"; units: {units})" if units else ")") if title else "")
    return cube(str(path), source, dims, values, lines=lines)


def px_encoding(raw: bytes) -> str | None:
    """The encoding a PX file declares (CODEPAGE=, or CHARSET="ANSI" for Windows-1252), if any."""
    head = raw[:4000].decode("latin-1")
    m = re.search(r'^CODEPAGE\s*=\s*"([^"]+)"', head, re.MULTILINE)
    if m:
        import codecs

        try:
            return codecs.lookup(m.group(1).strip()).name
        except LookupError:
            return None
    if re.search(r'^CHARSET\s*=\s*"ANSI"', head, re.MULTILINE):
        return "cp1252"
    return None
