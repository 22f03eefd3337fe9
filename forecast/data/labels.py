"""StatBank labels and codes → values: region → four-digit municipality code, age → integer, sex, year.

Each function reads one category (its code and label), so a file is interpreted once per distinct label.
"""

from __future__ import annotations

import re

from forecast.data.table import SEX_WORDS
from forecast.errors import DataError

TOTAL_AGE = -1  # the all-ages total row
BAD_AGE = -2  # an age group or anything that is not one year of age

_REGION = re.compile(r"^(K-)?(\d{1,4})(?:\s+(.*))?$")
_YEARS_SUFFIX = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$")  # "Bergen (-2019)", "Ålesund (2020-2023)"
_WHOLE_COUNTRY = {"hele landet", "the whole country", "norway", "norge", "landet"}


def region_of(code: str, label: str) -> tuple[str | None, bool, str]:
    """(four-digit code or None, harmonised by SSB to current borders ('K-' prefix), why it is not one).

    '1201 Bergen', 'K-4601 Bergen', '4601', '301 Oslo' and a bare 2024 name ('Bergen') give a code; '0 The whole
    country', counties ('46 Vestland', 'K-23 Continental shelf') and others ('K-Rest …') give None.
    """
    for text in (code, label, f"{code} {label}"):
        m = _REGION.match(text.strip())
        if not m:
            continue
        digits = m.group(2)
        if len(digits) >= 3:
            return digits.zfill(4), bool(m.group(1)), ""
        if digits == "0":
            return None, False, "the whole country"
        return None, False, "a county-level region"
    name = _YEARS_SUFFIX.sub("", label).strip()
    if name.casefold() in _WHOLE_COUNTRY:
        return None, False, "the whole country"
    code_by_name = municipality_by_name(name)
    if code_by_name:
        return code_by_name, False, ""
    return None, False, "a county" if name.casefold() in _county_names() else "not a municipality"


def _county_names() -> set[str]:
    from forecast.data.regions import counties

    return {n.casefold() for n in counties().values()}


def municipality_by_name(name: str) -> str | None:
    """'Bergen' → 4601; 'Herøy (Møre og Romsdal)' → 1515; None when the name is not one 2024 municipality."""
    from forecast.data.regions import municipalities, resolve_municipality

    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if m:
        hits = [c for c, mu in municipalities().items()
                if mu.name.split("-")[0].strip().casefold() == m.group(1).casefold()
                and mu.county_name.casefold() == m.group(2).strip().casefold()]
        if len(hits) == 1:
            return hits[0]
    try:
        return resolve_municipality(name)
    except DataError:
        return None


_AGE = re.compile(r"(\d{1,3})\s*(?:years?|yrs?|år)?\s*(?:or older|or over|eller eldre|og eldre|\+)?", re.I)
_AGE_TOTALS = {"total", "totalt", "all ages", "alle aldre", "i alt", "all", "alle", "sum", "999", "999b"}


def age_of(code: str, label: str) -> int:
    """'0 years', '1 år', '105 years or older', '105+', '000' → the age; totals → TOTAL_AGE; else BAD_AGE."""
    for text in (label, code):
        s = text.strip()
        m = _AGE.fullmatch(s)
        if m:
            return int(m.group(1))
        if s.casefold() in _AGE_TOTALS:
            return TOTAL_AGE
    return BAD_AGE


_SEX_CODES = {"1": "male", "2": "female", "0": "total", "m": "male", "k": "female", "f": "female"}


def sex_of(code: str, label: str) -> str | None:
    """'Males'/'menn'/'1' → male, 'Females'/'kvinner'/'2' → female, 'Both sexes'/'begge kjønn'/'0' → total."""
    for text in (label, code):
        key = re.sub(r"\s+", " ", text.strip().casefold())
        if key in SEX_WORDS:
            return SEX_WORDS[key]
    return _SEX_CODES.get(code.strip().casefold())


def year_of(code: str, label: str) -> int | None:
    for text in (code, label):
        if re.fullmatch(r"\s*\d{4}\s*", text):
            return int(text)
    return None
