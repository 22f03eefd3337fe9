"""The scenario file schema, defined once (pydantic). forecast.scenario.load reads YAML into it and explains its
errors.

Every field has a description and an example: `forecast scenario schema` prints the JSON Schema built from them and
docs/scenarios.md is generated from them (a test fails when the two drift apart).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator,
                      model_validator)

from forecast.data.parameters import bound_name, bounds
from forecast.vocabulary import OCCUPATION_IDS, SERVICE_IDS, TREND_MODELS, VARIANTS

ServiceId = Literal[SERVICE_IDS]  # type: ignore[valid-type]  # the vocabulary's services
OccupationId = Literal[OCCUPATION_IDS]  # type: ignore[valid-type]  # the vocabulary's occupations
Variant = Literal[tuple(VARIANTS)]  # type: ignore[valid-type]
TrendModel = Literal[TREND_MODELS]  # type: ignore[valid-type]
MEASURE_KINDS = ("fixed_fte", "task_share", "annual_rate")
# the bounds live in data/parameters/bounds.yaml, each with its reason
(FIRST_BASE, LAST_BASE), LAST_END = bounds().base_years, bounds().last_end_year
MAX_ANNUAL_CHANGE = bounds().max_annual_change


LANGUAGES = ("nb", "en")  # languages a text in a scenario file may be given in
Text = Union[str, dict[Literal[LANGUAGES], str]]  # type: ignore[valid-type]  # one text, or one per language
TEXT_NOTE = ' Plain text, or one per language: {nb: "…", en: "…"}.'


def in_language(text: "str | dict | None", lang: str = "en") -> str | None:
    """A text of a scenario file in `lang`: plain text as it is; of a text per language, that language's (or the
    other one's where it is missing)."""
    if text is None or isinstance(text, str):
        return text
    return text.get(lang) or next((text[k] for k in LANGUAGES if text.get(k)), None)


def _plain_number(value: object) -> object:
    """Numbers are numbers: YAML's true/false is not 1/0, and an integer too large for a float is no count."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {str(value).lower()} (YAML reads true, false, yes, no, on and off "
                         "as true or false); write a number")
    if isinstance(value, int) and abs(value) > 1e308:
        try:
            digits = f"{len(str(abs(value))):,}"
        except ValueError:  # more digits than Python converts to text
            digits = "thousands of"
        raise ValueError(f"a number of {digits} digits is too large; write a number")
    return value


# every number of a scenario is one of these: finite (the models forbid NaN and infinity) and never a boolean
Number = Annotated[float, BeforeValidator(_plain_number)]
Whole = Annotated[int, BeforeValidator(_plain_number)]


def _annual_rate(value: float) -> float:
    """A change per year, as a fraction; above ±10 %/yr it is read as a percentage written by mistake."""
    value = _fraction(value)
    if abs(value) > MAX_ANNUAL_CHANGE:
        raise ValueError(f"{value:g} is {value * 100:g} % a year; percentages are fractions: write {value / 100:g} "
                         f"for {value:g} %/yr (changes beyond ±{MAX_ANNUAL_CHANGE:g} a year are not accepted)")
    return value


def _fraction(value: float, allow_negative: bool = True) -> float:
    """Percentages are fractions; say how to write one when a value looks like a percentage."""
    if abs(value) > 1:
        raise ValueError(f"{value:g} is {'above 1' if value > 0 else 'below -1'}; percentages are fractions: "
                         f"write {value / 100:g} for {value:g} %")
    if not allow_negative and value < 0:
        raise ValueError(f"must be between 0 and 1, got {value:g}")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, populate_by_name=True, allow_inf_nan=False)


class Period(Strict):
    """Years of the projection."""

    base: Whole = Field(2025, examples=[2025],
                      description=f"Base year: the last year treated as known (population on 1 January); "
                                  f"{FIRST_BASE}–{LAST_BASE}.")
    end: Whole = Field(2040, examples=[2040], description=f"Last year of the projection (at most {LAST_END}).")

    @field_validator("base")
    @classmethod
    def _base(cls, v: int) -> int:
        if not FIRST_BASE <= v <= LAST_BASE:
            raise ValueError(f"{v} is outside {FIRST_BASE}–{LAST_BASE}, the base years the shipped data can "
                             f"calibrate every service on")
        return v

    @field_validator("end")
    @classmethod
    def _end(cls, v: int) -> int:
        if v > LAST_END:
            raise ValueError(f"{v} is after {LAST_END}, the last year of SSB's regional projection")
        return v

    @model_validator(mode="after")
    def _order(self) -> "Period":
        if self.end <= self.base:
            raise ValueError(f"end {self.end} is not after base {self.base}; write an end year after the base year")
        return self


class PopulationSettings(Strict):
    """Which population path the projection follows."""

    variant: Variant | None = Field(
        "MMMM", examples=["HHMH"],
        description="SSB 2024 regional projection alternative the county totals follow: MMMM main, HHMH high "
                    "national growth, LLML low; null for the unscaled built-in projection.")
    source: Literal["builtin"] = Field(
        "builtin", examples=["builtin"],
        description="Where the projection comes from: builtin (cohort-change ratios from SSB 07459, scaled to the "
                    "variant); the only source in this version.")
    history: str = Field(
        "shipped", examples=["shipped"],
        description="Population history the projection starts from: shipped (SSB 07459 in data/), fetched (the "
                    "newest `forecast data fetch 07459` in the cache), or the path of a tidy CSV written by "
                    "`forecast data import` (relative to this file), replacing the shipped figures of the "
                    "municipalities it covers.")
    reference: Text | None = Field(None, examples=["SSB table 14288, 2024 regional projection"],
                                   description="Where the choice of variant comes from." + TEXT_NOTE)


class ServiceSettings(Strict):
    """Standard changes of one service (HELSEMOD-style), fractions per year from the base year."""

    coverage_change: Number = Field(
        0.0, examples=[0.005],
        description="Change in users per inhabitant of the service's age bands, fraction per year "
                    "(0.005 = +0.5 %/yr).")
    fte_per_user_change: Number = Field(
        0.0, examples=[-0.005],
        description="Standard change in FTE per user, fraction per year (-0.005 = -0.5 %/yr, SSB's flat-share "
                    "path).")
    trend: TrendModel = Field(
        "constant", examples=["constant"],
        description="How coverage and FTE per user move beyond the standard change: constant (SSB's "
                    "reference-path convention), a fitted model, or auto (chosen by backtest).")
    reference: Text | None = Field(None, examples=["SSB (Holmøy et al.): -0.5 %/yr keeps care's share flat"],
                                   description="Where the numbers come from." + TEXT_NOTE)

    _check = field_validator("coverage_change", "fte_per_user_change")(lambda cls, v: _annual_rate(v))


class Adoption(Strict):
    """How fast a measure is taken into use: 0 % before `start`, 100 % from `full`."""

    start: Whole = Field(examples=[2026], description="Year adoption begins (0 % adopted before it).")
    full: Whole = Field(examples=[2032], description="Year adoption is complete (100 %).")
    curve: Literal["linear", "logistic"] = Field("linear", examples=["logistic"],
                                                 description="Shape of adoption between start and full.")

    @field_validator("full")
    @classmethod
    def _order(cls, v: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if start is not None and v < start:
            raise ValueError(f"{v} is before start {start}; full is the year adoption is complete")
        return v


class MeasureBase(Strict):
    id: str = Field(examples=["digifrid"], description="Short name of the measure, unique in the scenario; the "
                                                       "result holds its offset as automation_offset|<id>.")
    service: ServiceId = Field(examples=["home_care"], description="Service whose FTE need the measure offsets.")
    reference: Text | None = Field(None, examples=["Bergen kommune: the robot does the work of about 12 FTE"],
                                   description="Where the numbers come from (shown in reports)." + TEXT_NOTE)
    title: Text | None = Field(None, examples=[{"nb": "Saksbehandlingsroboten Digifrid", "en": "Digifrid, a "
                                                "case-handling robot"}],
                               description="Short name of the measure in reports (its id where not given)."
                                           + TEXT_NOTE)
    description: Text | None = Field(
        None, examples=[{"nb": "Programvarerobot som behandler søknader om skoleskyss",
                         "en": "Software robot that handles school-transport applications"}],
        description="What the measure does, in a sentence for readers of the report." + TEXT_NOTE)


class FixedFte(MeasureBase):
    """Subtract a fixed number of FTE from `start` on (reached gradually over `ramp_years`)."""

    kind: Literal["fixed_fte"] = Field(examples=["fixed_fte"], description="Measure kind.")
    fte: Number = Field(examples=[12], description="FTE the measure does the work of, from `start` on.")
    start: Whole = Field(examples=[2026], description="First year of the offset.")
    ramp_years: Whole = Field(0, ge=0, examples=[3],
                            description="Years to reach the full offset (0: all of it in `start`).")

    @field_validator("fte")
    @classmethod
    def _fte(cls, v: float) -> float:
        if v < 0:
            raise ValueError(f"{v:g} FTE is negative; a measure offsets need: write the FTE it saves, e.g. {-v:g}")
        return v


class TaskShare(MeasureBase):
    """Automate part of the tasks: offset = need × task_share × automatable × adoption × (1 − reinvest)."""

    kind: Literal["task_share"] = Field(examples=["task_share"], description="Measure kind.")
    task_share: Number = Field(examples=[0.15],
                               description="Share of working time spent on the affected tasks (0–1).")
    automatable: Number = Field(examples=[0.4], description="Share of those tasks that can be automated (0–1).")
    adoption: Adoption = Field(examples=[{"start": 2026, "full": 2032, "curve": "logistic"}],
                               description="Adoption curve: start, full, curve.")
    reinvest: Number = Field(0.0, examples=[0.5],
                            description="Share of freed time put back into quality, which does not reduce need (0–1).")

    _check = field_validator("task_share", "automatable", "reinvest")(
        lambda cls, v: _fraction(v, allow_negative=False))


class AnnualRate(MeasureBase):
    """A productivity gain per year, compounding: offset = need × (1 − (1 − rate)^(years since start + 1))."""

    kind: Literal["annual_rate"] = Field(examples=["annual_rate"], description="Measure kind.")
    rate: Number = Field(examples=[0.01], description="Productivity gain per year, compounding (0.01 = 1 %/yr).")
    start: Whole = Field(examples=[2027], description="First year of the gain.")

    _check = field_validator("rate")(lambda cls, v: _fraction(v, allow_negative=False))


Measure = Annotated[Union[FixedFte, TaskShare, AnnualRate], Field(discriminator="kind")]
MEASURES = {"fixed_fte": FixedFte, "task_share": TaskShare, "annual_rate": AnnualRate}
StaffingFte = Annotated[Number, Field(gt=0)]
ShareChange = Annotated[Number, AfterValidator(lambda v: _fraction(v))]  # share points of a service's FTE


def _share_of_persons(v: float | None, info: ValidationInfo) -> float | None:
    """Turnover and position size are fractions above 0 and at most 1."""
    if v is None:
        return v
    if v > 1:
        raise ValueError(f"{v:g} is above 1; percentages are fractions: write {v / 100:g} for {v:g} %")
    if v <= 0:
        what = "a share of the workforce per year" if info.field_name == "turnover" else "FTE per person"
        raise ValueError(f"must be above 0 and at most 1 ({what}), got {v:g}")
    return v


class OccupationWorkforceSettings(BaseModel):
    """One occupation's turnover and position size for hires, overriding data/parameters/occupations.yaml and the
    service's own `workforce:` keys; `position_size_end` is a full-time goal (heltidskultur)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    turnover: Number | None = Field(
        None, examples=[0.2], description="Share of the occupation's employees (persons) who leave in a year, all "
        "reasons (0.2 = 20 %/yr).")
    position_size: Number | None = Field(
        None, examples=[0.72], description="Average FTE per employed person in the base year (your HR figure).")
    position_size_end: Number | None = Field(
        None, examples=[0.85], description="Position size reached by the end year, linearly from the base year's "
        "(heltidskultur): larger positions, fewer persons to hire for the same FTE.")

    _check = field_validator("turnover", "position_size", "position_size_end")(
        lambda cls, v, info: _share_of_persons(v, info))


class WorkforceSettings(BaseModel):
    """Per-service turnover, position size and age limit for hires (`workforce:`). Every key is optional: what a
    scenario leaves out comes from data/parameters/occupations.yaml (KS and LÆRERMOD national figures by
    occupation) and workforce.yaml; give your own HR figures here, e.g. `home_care: {turnover: 0.219}` (every
    occupation of the service) or `home_care: {occupations: {assistants: {position_size: 0.72}}}` (one)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    turnover: Number | None = Field(
        None, description="Share of the service's employees (persons) who leave in a year, all reasons including "
        "retirement (KS's definition), in the base year; fraction per year (0.139 = 13.9 %/yr).")
    position_size: Number | None = Field(
        None, description="Average FTE per employed person (stillingsstørrelse; agreed FTE / persons), e.g. 0.85; "
        "persons = FTE / position size.")
    retirement_age: Whole | None = Field(
        None, description="Age limit by which everyone still employed has left (default 70); earlier exits come from "
        "turnover by age.")
    occupations: dict[OccupationId, OccupationWorkforceSettings] = Field(
        default_factory=dict, examples=[{"assistants": {"position_size": 0.72, "position_size_end": 0.85}}],
        description="Turnover and position size of single occupations of the service (they win over the "
        "service's own keys).")

    _check = field_validator("turnover", "position_size")(lambda cls, v, info: _share_of_persons(v, info))

    @field_validator("retirement_age")
    @classmethod
    def _age(cls, v: int | None) -> int | None:
        if v is not None and not 55 <= v <= 75:
            raise ValueError(f"{v} is not an age limit for employees; use an age between 55 and 75")
        return v


class Scenario(Strict):
    """A forecast scenario: where, when, which population path, which standards, which automation."""

    extends: str | None = Field(None, examples=["baseline.yaml"],
                                description="Scenario file to inherit (path relative to this file); this file's "
                                            "keys override it, mappings merge key by key, lists replace.")
    title: Text | None = Field(None, examples=["Bergen: case-handling robot"],
                               description=f"Title shown in tables and reports (at most {bounds().title_max_chars} "
                                           "characters)." + TEXT_NOTE)
    description: Text | None = Field(
        None, examples=[{"nb": "Hovedalternativet, uendret standard", "en": "Main alternative, constant standards"}],
        description="What the scenario assumes, in a sentence or two for readers of the report; not inherited by "
                    "files that extend this one." + TEXT_NOTE)
    reference: bool = Field(
        False, examples=[True],
        description="The scenario others are compared with when it is among those given to compare or report "
                    "(unless --reference names another); not inherited by files that extend this one.")
    municipality: str | list[str] = Field(
        examples=["4601"],
        description='Four-digit code, always quoted ("0301"), a name ("Bergen"), a list of them, or all.')
    period: Period = Field(default_factory=Period, examples=[{"base": 2025, "end": 2040}],
                           description="Base and end year.")
    population: PopulationSettings = Field(default_factory=PopulationSettings, examples=[{"variant": "HHMH"}],
                                           description="Population projection settings.")
    services: dict[ServiceId, ServiceSettings] = Field(
        default_factory=dict, examples=[{"home_care": {"fte_per_user_change": -0.005}}],
        description="Per-service standard changes; services not named keep constant standards.")
    staffing: dict[ServiceId, StaffingFte] = Field(
        default_factory=dict, examples=[{"home_care": 2450}],
        description="The municipality's own base-year FTE per service (e.g. from HR data), replacing the "
                    "calibrated figure.")
    automation: list[Measure] = Field(
        default_factory=list,
        examples=[[{"id": "digifrid", "kind": "fixed_fte", "service": "primary_school", "fte": 12, "start": 2026}]],
        description="Automation measures that offset FTE need, applied in file order.")
    workforce: dict[ServiceId, WorkforceSettings] = Field(
        default_factory=dict,
        examples=[{"home_care": {"turnover": 0.219, "position_size": 0.825, "retirement_age": 70}}],
        description="Per-service turnover, position size and retirement age for hires.")
    occupations: dict[ServiceId, dict[OccupationId, ShareChange]] = Field(
        default_factory=dict, examples=[{"home_care": {"health_workers": 0.05}}],
        description="Change in a service's occupation mix: share points of the service's FTE gained (+) or lost "
                    "(−) by the end year, linearly from the base year (0.05 = +5 points). The service's "
                    "assistants take up the difference (care: assistants, kindergarten: kindergarten_assistants); "
                    "name them too and the changes must sum to 0.")

    @field_validator("title")
    @classmethod
    def _title(cls, v: "str | dict | None") -> "str | dict | None":
        limit = bounds().title_max_chars
        for text in ([v] if isinstance(v, str) else list((v or {}).values())):
            if len(text) > limit:
                raise ValueError(f"{len(text):,} characters; a title is at most {limit} "
                                 f"({bound_name('title_max_chars')}): shorten it")
            control = next((c for c in text if ord(c) < 32 or 127 <= ord(c) < 160), None)
            if control is not None:  # a terminal would act on it (escape sequences), a PDF show a box
                raise ValueError(f"holds the control character U+{ord(control):04X}; a title is one line of text: "
                                 "remove it")
        return v

    @property
    def municipalities(self) -> list[str]:
        return [self.municipality] if isinstance(self.municipality, str) else list(self.municipality)


def json_schema() -> dict:
    """The JSON Schema of scenario files (for editors that validate YAML as the analyst types)."""
    schema = Scenario.model_json_schema()
    from forecast.scenario.ranges import allow_ranges

    allow_ranges(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": "forecast scenario file"}

