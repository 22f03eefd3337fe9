"""Scenario keys for workforce flows (`workforce:` per service): turnover, position size, age limit.

Every key is optional: what a scenario leaves out comes from data/parameters/workforce.yaml (KS and LÆRERMOD national
figures by occupation group). Give your own HR figures here, e.g.

    workforce:
      home_care: {turnover: 0.219, position_size: 0.825}   # whole care workforce, with staffing: home_care: …
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class WorkforceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turnover: float | None = Field(
        None, description="Share of the service's employees (persons) who leave in a year, all reasons including "
        "retirement (KS's definition), in the base year; fraction per year (0.139 = 13.9 %/yr).")
    position_size: float | None = Field(
        None, description="Average FTE per employed person (stillingsstørrelse; agreed FTE / persons), e.g. 0.85; "
        "persons = FTE / position size.")
    retirement_age: int | None = Field(
        None, description="Age limit by which everyone still employed has left (default 70); earlier exits come from "
        "turnover by age.")

    @field_validator("turnover", "position_size")
    @classmethod
    def _fraction(cls, v: float | None, info: ValidationInfo) -> float | None:
        if v is None:
            return v
        if v > 1:
            raise ValueError(f"{v:g} is above 1; percentages are fractions: write {v / 100:g} for {v:g} %")
        if v <= 0:
            what = "a share of the workforce per year" if info.field_name == "turnover" else "FTE per person"
            raise ValueError(f"must be above 0 and at most 1 ({what}), got {v:g}")
        return v

    @field_validator("retirement_age")
    @classmethod
    def _age(cls, v: int | None) -> int | None:
        if v is not None and not 55 <= v <= 75:
            raise ValueError(f"{v} is not an age limit for employees; use an age between 55 and 75")
        return v
