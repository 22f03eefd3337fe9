"""Reading the text of exports as people download them: UTF-8 (with or without BOM), UTF-16, Latin-1."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from forecast.errors import DataError


def sniff_encoding(raw: bytes) -> str:
    """The encoding of an export: a BOM decides; NUL bytes in alternate positions mean BOM-less UTF-16."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:4000]
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        return "utf-16-le" if head[1] == 0 else "utf-16-be"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"


def read_text(path: Path) -> str:
    """The file's text, newlines normalised, whatever its encoding."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path) from None
    return decode_text(raw, path)[0]


def decode_text(raw: bytes, path: object = None, encoding: str | None = None) -> tuple[str, str]:
    """Bytes → (text with newlines normalised, the encoding used): `encoding` if given, else sniffed."""
    enc = encoding or sniff_encoding(raw)
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        raise DataError(f"cannot decode as {enc}: {exc.reason} at byte {exc.start}", path) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), enc


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(cell: str) -> float | None:
    """'2 787,4' → 2787.4; '-' → 0 (SSB's "nil": nothing to report); '' / '.' / '..' / '...' / ':' / 'x'
    (SSB's not available, not yet available, suppressed) → None; anything else, 'nan', 'inf' and numbers too
    large for a float ('1e309') included, raises ValueError."""
    import math

    s = _SPACES.sub("", cell)
    if s == "-":
        return 0.0
    if s in ("", ":", "x") or set(s) == {"."}:
        return None
    value = float(s.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{cell!r} is not a finite number")
    return value
