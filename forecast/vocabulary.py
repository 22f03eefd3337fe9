"""The project's words, declared once: services, result variables with their units and labels, trend models,
population variants. Scenario-schema literals, CLI choices, table labels and report labels and colours derive from
here, so adding a service means one entry below, one calibration module and its data (docs/architecture.md).

Imports nothing of the project: every other package may use it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    """One municipal service whose labour need the tool computes."""

    id: str
    nb: str  # Norwegian name, lower case as in running text ("barnehage")
    en: str  # English name as a label ("Kindergarten")
    users_en: str  # what its users are called ("children", "pupils", "users", "residents")
    users_nb: str
    calibration: str  # module in forecast.need.calibration that calibrates it
    history: str | None  # pool of shipped trend series (forecast.trends.series), None: no history
    staff_series: str | None  # service id of its FTE-per-user series (home care and nursing homes share "care")
    history_source: str  # whose figures its history is (named in notes)
    color: str  # Okabe–Ito, safe for colour-blind readers
    linestyle: str
    marker: str
    hatch: str

    @property
    def nb_label(self) -> str:
        return self.nb[0].upper() + self.nb[1:]

    @property
    def style(self) -> dict:
        return {"color": self.color, "linestyle": self.linestyle, "marker": self.marker, "hatch": self.hatch}


SERVICES: dict[str, Service] = {s.id: s for s in (
    Service("kindergarten", "barnehage", "Kindergarten", "children", "barn", "kindergarten", None, None, "Udir",
            "#0072B2", "-", "o", "//"),
    Service("primary_school", "grunnskole", "Primary school", "pupils", "elever", "school", "school",
            "primary_school", "Udir", "#E69F00", "--", "s", "\\\\"),
    Service("home_care", "hjemmetjenester", "Home care", "users", "brukere", "care", "care", "care", "care panel",
            "#009E73", "-.", "^", "xx"),
    Service("nursing_home", "sykehjem", "Nursing homes", "residents", "beboere", "care", "care", "care",
            "care panel", "#D55E00", ":", "D", ".."),
)}
SERVICE_IDS: tuple[str, ...] = tuple(SERVICES)
TOTAL = "total"  # the service of a sum over services
NATIONAL = "0000"  # the code of Norway as a whole, where a figure is national


def services_with_history() -> tuple[str, ...]:
    return tuple(s.id for s in SERVICES.values() if s.history)


@dataclass(frozen=True)
class Variable:
    """A variable of the canonical result frame: its unit and how tables label it."""

    id: str
    unit: str
    label: str = ""  # empty: not shown in the summary table


VARIABLES: dict[str, Variable] = {v.id: v for v in (
    Variable("population", "persons"),
    Variable("users", "persons", "users"),
    Variable("fte_before_automation", "FTE", "FTE need before automation"),
    Variable("automation_offset", "FTE", "automation offset"),
    Variable("fte", "FTE", "FTE need"),
    Variable("fte_per_user", "FTE per person"),
    Variable("fte_norm_minimum", "FTE", "FTE minimum (staffing norm)"),
    # workforce flows (forecast hires)
    Variable("workforce", "persons"),
    Variable("workforce_need", "persons"),
    Variable("exits", "persons"),
    Variable("hires", "persons"),
    Variable("hires_fte", "FTE"),
    Variable("hires_growth", "persons"),
    Variable("hires_replacement", "persons"),
    Variable("working_age_population", "persons"),
)}
SUMMARY_VARIABLES = ("users", "fte_before_automation", "automation_offset", "fte", "fte_norm_minimum")
MEASURE_OFFSET = "automation_offset|"  # prefix of one measure's offset: automation_offset|<measure id>


def unit_of(variable: str) -> str:
    return VARIABLES[variable].unit


# trend models a scenario may name (forecast.trends): `constant` holds today's level; `auto` chooses by backtest
SINGLE_MODELS = ("naive", "drift", "ets", "arima", "theta", "prophet")
FITTED_MODELS = (*SINGLE_MODELS, "combo")  # combo: the mean of ets, arima and theta; what a backtest can score
TREND_MODELS = ("constant", "auto", *FITTED_MODELS)
TRANSFORMS = ("log", "none", "auto")  # the scale models are fitted on; auto: per series, model and origin

# SSB's regional projection alternatives (fertility, life expectancy, internal migration, immigration)
VARIANTS = {"MMMM": "main alternative", "HHMH": "high national growth", "LLML": "low national growth"}
