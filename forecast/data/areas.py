"""Areas a command can show or score: one municipality, a county (the sum of its municipalities) or the country.

Names are matched exactly (case aside); a name that only matches part of a municipality's name is accepted for one
form of a bilingual name ('Oslo' for 'Oslo-Oslove'), never for a compound name: 'Telemark' is the county, not
Midt-Telemark, and 'Odal' lists Nord-Odal and Sør-Odal (forecast.data.regions.resolve_municipality).
"""

from __future__ import annotations

from dataclasses import dataclass

from forecast.errors import DataError
from forecast.vocabulary import NATIONAL

COUNTRY_NAMES = {"norge", "noreg", "norway", "hele landet", "landet"}


@dataclass(frozen=True)
class Area:
    code: str  # four-digit municipality code, two-digit county code, or 0000 for the country
    name: str
    kind: str  # municipality, county or country
    codes: tuple[str, ...]  # its municipalities (2024 borders)


def county(code_or_name: str) -> Area | None:
    """The county with this two-digit code or name ('Troms' for Troms-Romsa, as counties() shortens it), or None."""
    from forecast.data.regions import counties, municipalities

    raw = str(code_or_name).strip()
    names = {name.casefold(): code for code, name in counties().items()}
    code = raw.zfill(2) if raw.isdigit() and len(raw) <= 2 else names.get(raw.casefold())
    if code not in counties():
        return None
    members = tuple(sorted(c for c, m in municipalities().items() if m.county_code == code))
    return Area(code, counties()[code], "county", members)


def country() -> Area:
    from forecast.data.regions import municipalities

    return Area(NATIONAL, "Norway", "country", tuple(sorted(municipalities())))


def resolve_area(text: str) -> Area:
    """'Bergen', '4601', 'Telemark', '40', 'Norge' → the area; an unknown or ambiguous name raises DataError with
    the candidates."""
    from forecast.data.regions import municipalities, resolve_municipality

    raw = str(text).strip()
    if raw.casefold() in COUNTRY_NAMES or raw == NATIONAL:
        return country()
    found = county(raw)
    if found is not None:
        if len(found.codes) == 1:  # Oslo: a county of one municipality is shown as the municipality
            code = found.codes[0]
            return Area(code, municipalities()[code].name, "municipality", (code,))
        return found
    code = resolve_municipality(raw)
    return Area(code, municipalities()[code].name, "municipality", (code,))


def resolve_areas(text: str) -> list[Area]:
    """A comma-separated list of areas ('4601,0301', 'Telemark', 'Bergen, Oslo')."""
    parts = [p.strip() for p in str(text).split(",") if p.strip()]
    if not parts:
        raise DataError("no municipality given", hint="give codes or names separated by commas, a county or 'all'")
    return [resolve_area(p) for p in parts]


def municipality_codes(text: str | None) -> list[str] | None:
    """Municipality codes of a comma-separated list of areas, in order without repeats; None for 'all' (or None)."""
    if text is None or str(text).strip().casefold() == "all":
        return None
    codes: list[str] = []
    for area in resolve_areas(text):
        codes += [c for c in area.codes if c not in codes]
    return codes
