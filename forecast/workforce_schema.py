"""Scenario keys for workforce flows (`workforce:` per service): turnover, position size, retirement age.

Every key is optional: what a scenario leaves out comes from data/parameters/workforce.yaml (KS national figures).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class WorkforceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turnover: float | None = Field(
        None, description="Share of the workforce (persons) that leaves each year for reasons other than "
        "retirement, fraction per year (0.139 = 13.9 %/yr).")
    position_size: float | None = Field(
        None, description="Average FTE per person employed (stillingsstørrelse), e.g. 0.75.")
    retirement_age: int | None = Field(None, description="Age at which employees retire.")

    @field_validator("turnover", "position_size")
    @classmethod
    def _fraction(cls, v: float | None) -> float | None:
        if v is None:
            return v
        if v > 1:
            raise ValueError(f"{v:g} is above 1; percentages are fractions: write {v / 100:g} for {v:g} %")
        if v < 0:
            raise ValueError(f"must be between 0 and 1, got {v:g}")
        return v

    @field_validator("retirement_age")
    @classmethod
    def _age(cls, v: int | None) -> int | None:
        if v is not None and not 55 <= v <= 75:
            raise ValueError(f"{v} is not a retirement age; use an age between 55 and 75")
        return v
