"""What a result carries besides its frame, as plain records: the places, what each scenario file says, the
population each scenario ran on, cumulative hires. Readers (CLI, report) use these instead of calling the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class Places:
    """Names of the municipalities a result covers, and how many municipalities the country has."""

    names: dict[str, str]  # code → name
    country_size: int  # municipalities in the country (a result covering all of them is "Norway")
    counties: dict[str, str] = field(default_factory=dict)  # municipality code → county code
    county_names: dict[str, str] = field(default_factory=dict)  # county code → county name
    points: dict[str, tuple[float, float]] = field(default_factory=dict)  # code → (lon, lat), WGS84, inside it

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def county(self, code: str) -> str | None:
        """The county code of a municipality (None where the result does not carry it)."""
        return self.counties.get(code)

    def merged(self, other: "Places") -> "Places":
        """Both results' places in one."""
        return Places({**self.names, **other.names}, self.country_size or other.country_size,
                      {**self.counties, **other.counties}, {**self.county_names, **other.county_names},
                      {**self.points, **other.points})

    @property
    def whole_country(self) -> bool:
        return len(self.names) >= self.country_size


def in_language(texts: dict[str, str], lang: str) -> str | None:
    """A text given per language ({"nb": …, "en": …}, or {"*": …} for plain text) in `lang`, or in the other
    language where `lang` is missing."""
    return texts.get(lang) or texts.get("*") or next(iter(texts.values()), None)


@dataclass(frozen=True)
class Standard:
    """A scenario's settings for one service (fractions per year)."""

    coverage_change: float
    fte_per_user_change: float
    trend: str
    reference: str | None


@dataclass(frozen=True)
class MeasureInfo:
    """One automation measure as its scenario file gives it."""

    id: str
    service: str
    kind: str  # fixed_fte, task_share, annual_rate
    start: int  # the year it begins (adoption start for task_share)
    full: int | None  # task_share: the year adoption is complete
    values: dict[str, float]  # fte | task_share, automatable, reinvest | rate
    reference: str | None
    references: dict[str, str] = field(default_factory=dict)  # lang (or "*" for plain text) → reference
    titles: dict[str, str] = field(default_factory=dict)  # lang (or "*") → short name
    descriptions: dict[str, str] = field(default_factory=dict)  # lang (or "*") → what the measure does

    def text(self, what: str, lang: str) -> str | None:
        """Its title, description or reference in `lang` (the other language's where missing)."""
        return in_language(getattr(self, what), lang)


@dataclass(frozen=True)
class ScenarioInfo:
    """What a scenario file says, for readers that describe it."""

    name: str
    title: str | None
    variant: str | None
    base: int
    end: int
    standards: dict[str, Standard] = field(default_factory=dict)
    measures: list[MeasureInfo] = field(default_factory=list)
    staffing: dict[str, float] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # lang (or "*" for plain text) → title
    descriptions: dict[str, str] = field(default_factory=dict)  # lang (or "*") → what the scenario assumes
    reference: bool = False  # the file marks itself as the scenario others are compared with

    def title_in(self, lang: str) -> str:
        return in_language(self.titles, lang) or self.title or self.name

    def description_in(self, lang: str) -> str | None:
        return in_language(self.descriptions, lang)


@dataclass(frozen=True)
class PopulationPaths:
    """The population a scenario ran on, for its municipalities: history to `last_observed`, then projected."""

    codes: list[str]
    years: list[int]
    persons: "np.ndarray"  # persons [municipality, year, sex, age]; the last age is the open group
    last_observed: int
    variant: str | None
    working_ages: tuple[int, int]  # the ages labour need is set against

    def by_age(self, year: int) -> "np.ndarray":
        """Persons by single-year age in `year`, summed over municipalities and sexes."""
        return self.persons[:, self.years.index(year)].sum(axis=(0, 1))

    def working_age(self, years: list[int]) -> "pd.Series":
        """Persons of working age by year, summed over municipalities."""
        import pandas as pd

        lo, hi = self.working_ages
        return pd.Series([float(self.persons[:, self.years.index(y)][..., lo : hi + 1].sum()) for y in years],
                         index=years)


@dataclass(frozen=True)
class HiresSummary:
    """Cumulative hires over [first, last]: per municipality, and summed over municipalities (None for one)."""

    first: int
    last: int
    by_municipality: "pd.DataFrame"  # forecast.workforce.summary.SUMMARY_COLUMNS
    total: "pd.DataFrame | None"
    working_ages: tuple[int, int]
    by: str = "service"  # rows per service, or per occupation (summed over the services it works in)


@dataclass(frozen=True)
class PopulationTable:
    """One area's population by year, age and sex (`frame`: municipality, year, age, sex, persons, projected),
    history to `last_observed` then projected, with notes on its history (border changes). The area is a
    municipality, a county or the country (`kind`; `municipality` then holds the county code or 0000 and the frame
    the sum of its `n_municipalities`)."""

    municipality: str
    name: str
    frame: "pd.DataFrame"
    years: list[int]
    last_observed: int
    variant: str | None  # the SSB alternative the projection is scaled to; None: the built-in projection unscaled
    notes: list = field(default_factory=list)
    kind: str = "municipality"  # municipality, county or country
    n_municipalities: int = 1

    @property
    def label(self) -> str:
        """'Bergen (4601)', 'Telemark (county 40, 17 municipalities)', 'Norway (357 municipalities)'."""
        if self.kind == "municipality":
            return f"{self.name} ({self.municipality})"
        if self.kind == "county":
            return f"{self.name} (county {self.municipality}, {self.n_municipalities} municipalities)"
        return f"{self.name} ({self.n_municipalities} municipalities)"
