"""The scenario file schema, defined once (pydantic). `scenario.py` reads YAML into it and explains its errors."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from forecast.workforce_schema import WorkforceSettings

SERVICE_IDS = ("kindergarten", "primary_school", "home_care", "nursing_home")
ServiceId = Literal["kindergarten", "primary_school", "home_care", "nursing_home"]
Variant = Literal["MMMM", "HHMH", "LLML"]
TrendModel = Literal["constant", "auto", "naive", "drift", "ets", "arima", "theta", "prophet"]
FIRST_BASE, LAST_BASE, LAST_END = 2018, 2026, 2050


def _fraction(value: float, allow_negative: bool = True) -> float:
    if abs(value) > 1:
        raise ValueError(f"{value:g} is above 1; percentages are fractions: write {value / 100:g} for {value:g} %")
    if not allow_negative and value < 0:
        raise ValueError(f"must be between 0 and 1, got {value:g}")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, populate_by_name=True)


class Period(Strict):
    base: int = Field(2025, description="Base year: the last year treated as known (population on 1 January).")
    end: int = Field(2040, description="Last year of the projection (at most 2050).")

    @field_validator("base")
    @classmethod
    def _base(cls, v: int) -> int:
        if not FIRST_BASE <= v <= LAST_BASE:
            raise ValueError(f"{v} is outside {FIRST_BASE}–{LAST_BASE}, the years the shipped data can calibrate on")
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
    variant: Variant | None = Field(
        "MMMM", description="SSB 2024 alternative the county totals follow: MMMM main, HHMH high, LLML low; "
        "null for the unscaled built-in projection.")
    source: Literal["builtin"] = Field("builtin", description="Where the projection comes from (built-in CCR).")


class ServiceSettings(Strict):
    coverage_change: float = Field(
        0.0, description="Change in users per inhabitant of the age band, fraction per year (0.005 = +0.5 %/yr).")
    fte_per_user_change: float = Field(
        0.0, description="Standard change in FTE per user, fraction per year (−0.005 = −0.5 %/yr, SSB flat-share).")

    trend: TrendModel = Field(
        "constant", description="How coverage and FTE per user move beyond the standard change: constant (SSB's "
        "reference-path convention), a fitted model, or auto (chosen by backtest).")

    _check = field_validator("coverage_change", "fte_per_user_change")(lambda cls, v: _fraction(v))


class Adoption(Strict):
    start: int = Field(description="Year adoption begins (0 % adopted before it).")
    full: int = Field(description="Year adoption is complete (100 %).")
    curve: Literal["linear", "logistic"] = Field("linear", description="Shape of adoption between start and full.")

    @model_validator(mode="after")
    def _order(self) -> "Adoption":
        if self.full < self.start:
            raise ValueError(f"full {self.full} is before start {self.start}")
        return self


class MeasureBase(Strict):
    id: str = Field(description="Short name of the measure, unique in the scenario.")
    service: ServiceId = Field(description="Service whose FTE need the measure offsets.")
    reference: str | None = Field(None, description="Where the numbers come from.")


class FixedFte(MeasureBase):
    kind: Literal["fixed_fte"]
    fte: float = Field(ge=0, description="FTE the measure does the work of, from `start` on.")
    start: int = Field(description="First year of the offset.")
    ramp_years: int = Field(0, ge=0, description="Years to reach the full offset (0: at once).")


class TaskShare(MeasureBase):
    kind: Literal["task_share"]
    task_share: float = Field(description="Share of working time spent on the affected tasks (0–1).")
    automatable: float = Field(description="Share of those tasks that can be automated (0–1).")
    adoption: Adoption
    reinvest: float = Field(0.0, description="Share of freed time put back into quality (does not reduce need).")

    _check = field_validator("task_share", "automatable", "reinvest")(
        lambda cls, v: _fraction(v, allow_negative=False))


class AnnualRate(MeasureBase):
    kind: Literal["annual_rate"]
    rate: float = Field(description="Productivity gain per year, compounding (0.01 = 1 %/yr).")
    start: int = Field(description="First year of the gain.")

    _check = field_validator("rate")(lambda cls, v: _fraction(v, allow_negative=False))


Measure = Annotated[Union[FixedFte, TaskShare, AnnualRate], Field(discriminator="kind")]


class Scenario(Strict):
    """A forecast scenario: where, when, which population path, which standards, which automation."""

    extends: str | None = Field(None, description="Scenario file to inherit (path relative to this file).")
    title: str | None = Field(None, description="Title shown in tables and reports.")
    municipality: str | list[str] = Field(description='Four-digit code (quoted: "4601"), a name, or a list of them.')
    period: Period = Field(default_factory=Period)
    population: PopulationSettings = Field(default_factory=PopulationSettings)
    services: dict[ServiceId, ServiceSettings] = Field(
        default_factory=dict, description="Per-service standard changes; services not named keep constant standards.")
    staffing: dict[ServiceId, float] = Field(
        default_factory=dict, description="The municipality's own base-year FTE per service (e.g. from HR data).")
    automation: list[Measure] = Field(default_factory=list, description="Automation measures that offset FTE need.")
    workforce: dict[ServiceId, WorkforceSettings] = Field(
        default_factory=dict, description="Per-service turnover, position size and retirement age for hires.")

    @field_validator("staffing")
    @classmethod
    def _staffing(cls, v: dict) -> dict:
        for service, fte in v.items():
            if fte < 0:
                raise ValueError(f"{service}: base-year FTE must be zero or more, got {fte:g}")
        return v

    @model_validator(mode="after")
    def _measures(self) -> "Scenario":
        seen = set()
        for m in self.automation:
            if m.id in seen:
                raise ValueError(f"automation id {m.id!r} is used twice; give each measure its own id")
            seen.add(m.id)
        return self

    @property
    def municipalities(self) -> list[str]:
        return [self.municipality] if isinstance(self.municipality, str) else list(self.municipality)
