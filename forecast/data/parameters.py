"""Parameters are data: every default rate, weight, norm or method setting lives in data/parameters/*.yaml with
description, unit and reference (and `assumption: true` where it is national or normative rather than local).

Read them through the typed accessors below (`projection()`, `services()`, `workforce()`, `trends()`,
`occupations()`, `care_split()`, `automation()`, `uncertainty()`); the entries with their references, for the notes
a run lists, through `parameters(file)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from forecast.data import data_path
from forecast.data.checks import require_file
from forecast.errors import DataError

if TYPE_CHECKING:
    from forecast.results.notes import Note

REQUIRED = ("description", "unit", "reference", "value")


@dataclass(frozen=True)
class Parameter:
    file: str
    key: str
    description: str
    unit: str
    reference: str
    value: Any
    assumption: bool
    description_nb: str = ""  # the Norwegian wording reports use (assumptions carry it; tests check)
    unit_nb: str = ""
    reference_nb: str = ""
    value_text: dict[str, str] | None = None  # a structured value in words, per language ({en: …, nb: …})

    def value_in(self, lang: str) -> str:
        """The value as a reader of `lang` reads it: its words where given, else the number in the language's format
        with its unit ([15, 49] → "15–49 år")."""
        if self.value_text and lang in self.value_text:
            return self.value_text[lang]
        value = self.value
        if isinstance(value, (list, tuple)) and len(value) == 2:
            text = f"{value[0]}–{value[1]}"
        else:
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if lang == "nb":
                text = text.replace(".", ",")
        unit = self.unit_nb if lang == "nb" and self.unit_nb else self.unit
        return f"{text} {unit}"


@lru_cache(maxsize=None)
def parameters(name: str) -> dict[str, Parameter]:
    """All parameters of data/parameters/<name>.yaml, validated for description, unit, reference and value."""
    import yaml

    path = require_file(data_path("parameters", f"{name}.yaml"))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", path) from None
    if not isinstance(raw, dict):
        raise DataError("expected a mapping of parameter names to entries", path)
    out = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or any(k not in entry for k in REQUIRED):
            raise DataError(f"parameter {key!r} needs {', '.join(REQUIRED)}", path)
        if (bad := _infinite(entry["value"])) is not None:
            raise DataError(f"parameter {key!r}: {bad!r} is not a finite number", path)
        out[key] = Parameter(
            file=f"data/parameters/{name}.yaml",
            key=key,
            description=str(entry["description"]).strip(),
            unit=str(entry["unit"]),
            reference=str(entry["reference"]).strip(),
            value=entry["value"],
            assumption=bool(entry.get("assumption", False)),
            description_nb=" ".join(str(entry.get("description_nb", "")).split()),
            unit_nb=str(entry.get("unit_nb", "")),
            reference_nb=" ".join(str(entry.get("reference_nb", "")).split()),
            value_text=dict(entry["value_text"]) if isinstance(entry.get("value_text"), dict) else None,
        )
    return out


def _infinite(value: Any) -> Any:
    """The first NaN or infinity in a parameter's value (numbers, lists, mappings), or None."""
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((bad for v in items if (bad := _infinite(v)) is not None), None)


def param(name: str, key: str) -> Parameter:
    """One entry of data/parameters/<name>.yaml."""
    try:
        return parameters(name)[key]
    except KeyError:
        raise DataError(f"parameter {key!r} missing", data_path("parameters", f"{name}.yaml")) from None


def assumption_notes(used: dict[str, list[str]]) -> list["Note"]:
    """Notes for the national or normative defaults a result rests on (file → keys), with unit and reference."""
    from forecast.results.notes import ASSUMPTION, note

    out = []
    for name, keys in used.items():
        for key in keys:
            p = param(name, key)
            if p.assumption:
                # *_nb and *_en: the words of reports (forecast.results.notes: a parameter ending in the language
                # replaces its plain one there), falling back to the English where a Norwegian wording is missing
                words = {"description_nb": p.description_nb or p.description, "unit_nb": p.unit_nb or p.unit,
                         "reference_nb": p.reference_nb or p.reference, "value_en": p.value_in("en"),
                         "value_nb": p.value_in("nb")}
                out.append(note("parameter", kind=ASSUMPTION, source=f"{p.file}: {p.key}", description=p.description,
                                value=p.value, unit=p.unit, reference=p.reference, file=p.file, name=p.key, **words))
    return out


def assumed(name: str) -> list[str]:
    """The keys of data/parameters/<name>.yaml marked as assumptions."""
    return [key for key, p in parameters(name).items() if p.assumption]


def _value(name: str, key: str) -> Any:
    return param(name, key).value


def _pair(name: str, key: str) -> tuple[int, int]:
    lo, hi = _value(name, key)
    return int(lo), int(hi)


# ----------------------------------------------------------------------------------------------- projection.yaml
@dataclass(frozen=True)
class ProjectionSettings:
    """Method settings of the cohort-change projection (projection.yaml)."""

    base_years: int  # one-year intervals the ratios are pooled over
    shrinkage_persons: float  # prior weight towards the county's ratios
    open_age: int  # first age of the open age group
    fertile_ages: tuple[int, int]  # women's ages in the child–woman ratio
    max_interval_change: float  # a larger jump in a year is a border change, not demography
    max_year: int  # last year the tool projects to
    # time-varying rates (forecast.population.rates)
    survival_improvement_from_age: int  # ratios from this age improve with the national survival trend
    survival_improvement_damping: float  # the improvement of projected year j × damping^j
    survival_trend_years: int  # intervals of national history the trend is estimated over
    survival_trend_band: int  # ages sharing one rate
    survival_trend_max_rate: float  # largest yearly fall of the loss; 0: no improvement
    survival_trend_min_intervals: int  # fewer intervals of history: no improvement
    child_woman_ratio_half_life: float | None  # weights of earlier base intervals halve every …; None: equal
    migration_damping: float | None  # net migration below the improvement ages × damping^(j+1); None: held


def _optional(name: str, key: str, kind: type):
    value = _value(name, key)
    return None if value is None else kind(value)


@lru_cache(maxsize=1)
def projection() -> ProjectionSettings:
    p = "projection"
    return ProjectionSettings(int(_value(p, "base_years")), float(_value(p, "shrinkage_persons")),
                              int(_value(p, "open_age")), _pair(p, "fertile_ages"),
                              float(_value(p, "max_interval_change")), int(_value(p, "max_year")),
                              int(_value(p, "survival_improvement_from_age")),
                              float(_value(p, "survival_improvement_damping")),
                              int(_value(p, "survival_trend_years")), int(_value(p, "survival_trend_band")),
                              float(_value(p, "survival_trend_max_rate")),
                              int(_value(p, "survival_trend_min_intervals")),
                              _optional(p, "child_woman_ratio_half_life", float),
                              _optional(p, "migration_damping", float))


# ----------------------------------------------------------------------------------------------- services.yaml
@dataclass(frozen=True)
class ServiceParameters:
    """Norms, weights, age bands and calibration settings of the services (services.yaml)."""

    kindergarten_age_weights: dict[int, float]  # weighted children per child, by age 0..5
    kindergarten_staff_norm: dict[str, float]  # children per FTE: under_3, from_3
    kindergarten_pedagogue_norm: dict[str, float]  # children per pedagogical leader: under_3, from_3
    kindergarten_calibration_year: int  # the population year Udir's kindergarten counts are matched to
    school_ages: tuple[int, int]
    care_age_bands: dict[str, tuple[int, int]]


@lru_cache(maxsize=1)
def services() -> ServiceParameters:
    p = "services"
    return ServiceParameters(
        {int(a): float(w) for a, w in _value(p, "kindergarten_age_weights").items()},
        dict(_value(p, "kindergarten_staff_norm")),
        dict(_value(p, "kindergarten_pedagogue_norm")),
        int(_value(p, "kindergarten_calibration_year")),
        _pair(p, "school_ages"),
        {k: (int(lo), int(hi)) for k, (lo, hi) in _value(p, "care_age_bands").items()},
    )


# ----------------------------------------------------------------------------------------------- workforce.yaml
@dataclass(frozen=True)
class WorkforceParameters:
    """The age pattern of exits, the age limit, the municipal sector's age profile, working ages (workforce.yaml)."""

    municipal_age_shares: dict[str, float]
    turnover_by_age: dict[int, float]
    retirement_age: int
    working_ages: tuple[int, int]


@lru_cache(maxsize=1)
def workforce() -> WorkforceParameters:
    p = "workforce"
    return WorkforceParameters(
        dict(_value(p, "municipal_age_shares")), {int(a): float(r) for a, r in _value(p, "turnover_by_age").items()},
        int(_value(p, "retirement_age")), _pair(p, "working_ages"),
    )


# ----------------------------------------------------------------------------------------------- occupations.yaml
@dataclass(frozen=True)
class OccupationParameters:
    """What each occupation counts and its workforce parameters (occupations.yaml), keyed by occupation id."""

    care_groups: dict[str, tuple[str, ...]]  # care occupation → SSB 14533 groups
    kindergarten_shares: dict[str, float]  # share of kindergarten FTE at the norms
    school_shares: dict[str, float]
    ks_job_code: dict[str, str]
    turnover: dict[str, float]  # fraction of persons per year
    position_size: dict[str, float]  # FTE per person
    age_profile: dict[str, str]  # source of the age profile


@lru_cache(maxsize=1)
def occupations() -> OccupationParameters:
    from forecast.vocabulary import OCCUPATIONS

    p = "occupations"
    out = OccupationParameters(
        {o: tuple(g) for o, g in _value(p, "care_occupations").items()},
        {o: float(v) for o, v in _value(p, "kindergarten_occupations").items()},
        {o: float(v) for o, v in _value(p, "school_occupations").items()},
        {o: str(v) for o, v in _value(p, "ks_job_code").items()},
        {o: float(v) for o, v in _value(p, "turnover").items()},
        {o: float(v) for o, v in _value(p, "position_size").items()},
        {o: str(v) for o, v in _value(p, "age_profile").items()},
    )
    path = data_path("parameters", "occupations.yaml")
    for key in ("ks_job_code", "turnover", "position_size", "age_profile"):
        missing = [o for o in OCCUPATIONS if o not in getattr(out, key)]
        unknown = [o for o in getattr(out, key) if o not in OCCUPATIONS]
        if missing or unknown:
            raise DataError(f"{key}: " + ("; ".join(filter(None, [
                f"no value for {', '.join(missing)}" if missing else "",
                f"unknown occupation {', '.join(unknown)}" if unknown else ""]))),
                path, hint=f"occupations are {', '.join(OCCUPATIONS)} (forecast/vocabulary.py)")
    return out


# ----------------------------------------------------------------------------------------------- care_split.yaml
@dataclass(frozen=True)
class CareSplitSettings:
    """How user-facing care FTE are split between home care and nursing homes (care_split.yaml)."""

    fit_years: tuple[int, ...]
    fit_method: str
    suppressed_count: float  # persons assumed in a cell SSB did not publish (0–4)


@lru_cache(maxsize=1)
def care_split() -> CareSplitSettings:
    p = "care_split"
    return CareSplitSettings(tuple(int(y) for y in _value(p, "fit_years")), str(_value(p, "fit_method")),
                             float(_value(p, "suppressed_count")))


# ----------------------------------------------------------------------------------------------- trends.yaml
@dataclass(frozen=True)
class TrendSelection:
    """How `auto` chooses a trend model and `--transform auto` a scale (trends.yaml)."""

    auto_candidates: tuple[str, ...]  # what `trend: auto` chooses among in a run
    auto_default: str  # kept unless another candidate erred clearly less
    auto_margin: float  # ... by this fraction of the default's mean scaled error
    min_evidence: int  # scaled errors a candidate needs before auto may pick it
    warmup: int  # origins before the scored ones, fitted only as evidence for auto
    pooled_candidates: tuple[str, ...]  # what auto chooses among in a backtest of many series
    pooled_margin: float  # a series leaves the collection's model only by this margin of its own evidence
    transform_default: str  # the scale --transform auto keeps ...
    transform_margin: float  # ... unless the other's errors are smaller by this fraction


@lru_cache(maxsize=1)
def trends() -> TrendSelection:
    p = "trends"
    return TrendSelection(
        tuple(_value(p, "auto_candidates")), str(_value(p, "auto_default")), float(_value(p, "auto_margin")),
        int(_value(p, "min_evidence")), int(_value(p, "warmup")), tuple(_value(p, "pooled_candidates")),
        float(_value(p, "pooled_margin")), str(_value(p, "transform_default")), float(_value(p, "transform_margin")),
    )


# ----------------------------------------------------------------------------------------------- automation.yaml
@dataclass(frozen=True)
class AutomationParameters:
    logistic_steepness: float  # steepness of the logistic adoption curve between start and full


@lru_cache(maxsize=1)
def automation() -> AutomationParameters:
    return AutomationParameters(float(_value("automation", "logistic_steepness")))


# ----------------------------------------------------------------------------------------------- bounds.yaml
@dataclass(frozen=True)
class Bounds:
    """Plausibility bounds on scenarios, imported files and computed inputs (bounds.yaml)."""

    base_years: tuple[int, int]  # first and last period.base
    last_end_year: int  # latest period.end
    max_annual_change: float  # largest standard change, fraction per year either way
    staffing_warning_ratio: tuple[float, float]  # scenario / calibrated base-year FTE outside this: a warning
    staffing_max_ratio: float  # scenario / calibrated base-year FTE above this: refused
    automation_max_share: float  # a fixed_fte measure's FTE at most this share of its service's need
    persons_per_cell: float  # most persons in one imported cell
    ages: tuple[int, int]  # youngest and oldest imported age
    years: tuple[int, int]  # first and last imported year
    scenario_max_bytes: int
    scenario_max_values: int
    scenario_max_depth: int
    title_max_chars: int


@lru_cache(maxsize=1)
def bounds() -> Bounds:
    p = "bounds"
    lo, hi = _value(p, "staffing_warning_ratio")
    return Bounds(
        _pair(p, "base_years"), int(_value(p, "last_end_year")), float(_value(p, "max_annual_change")),
        (float(lo), float(hi)), float(_value(p, "staffing_max_ratio")), float(_value(p, "automation_max_share")),
        float(_value(p, "persons_per_cell")), _pair(p, "ages"), _pair(p, "years"),
        int(_value(p, "scenario_max_bytes")), int(_value(p, "scenario_max_values")),
        int(_value(p, "scenario_max_depth")), int(_value(p, "title_max_chars")),
    )


def bound_name(key: str) -> str:
    """How messages name a bound: `data/parameters/bounds.yaml: <key>`."""
    return f"data/parameters/bounds.yaml: {key}"


# ----------------------------------------------------------------------------------------------- uncertainty.yaml
@dataclass(frozen=True)
class UncertaintyParameters:
    """Monte Carlo draws (forecast.uncertainty): defaults, the variance scales tuned by the calibration backtests,
    and the 90 % ranges of workforce multipliers that have no shipped history (uncertainty.yaml)."""

    draws: int  # draws when a run asks for draws without a number
    quantiles: tuple[float, ...]  # quantiles every output carries
    chunk_size: int  # municipalities per work unit
    population_scale: float  # factor on the sd of every population shock
    trend_scale: float  # factor on the sd of every coverage and FTE-per-user shock
    turnover_range: tuple[float, float]  # 90 % interval (low, high) of a multiplier on national turnover
    position_size_range: tuple[float, float]  # 90 % interval (low, high) of a multiplier on position size
    sensitivity_draws: int = 200  # most draws per source in the sensitivity ranking


@lru_cache(maxsize=1)
def uncertainty() -> UncertaintyParameters:
    p = "uncertainty"

    def interval(key: str) -> tuple[float, float]:
        value = _value(p, key)
        if not isinstance(value, dict) or not {"low", "high"} <= set(value) or value["low"] > value["high"]:
            raise DataError(f"parameter {key!r} needs value: {{low: …, high: …}} with low ≤ high",
                            data_path("parameters", f"{p}.yaml"))
        return float(value["low"]), float(value["high"])

    return UncertaintyParameters(
        int(_value(p, "draws")), tuple(float(q) for q in _value(p, "quantiles")), int(_value(p, "chunk_size")),
        float(_value(p, "population_scale")), float(_value(p, "trend_scale")), interval("turnover_range"),
        interval("position_size_range"), int(_value(p, "sensitivity_draws")),
    )
