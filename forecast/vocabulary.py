"""The project's words, declared once: services, occupations, result variables with their units and labels, trend
models, population variants. Scenario-schema literals, CLI choices, table labels and report labels and colours derive from
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


CARE = ("home_care", "nursing_home")


@dataclass(frozen=True)
class Occupation:
    """A trade the FTE of a service are split into (and hired by): a service's occupations sum to the service."""

    id: str
    nb: str  # Norwegian name, lower case as in running text ("sykepleiere")
    en: str  # English name as a label ("Nurses")
    services: tuple[str, ...]  # the services it works in
    balances: bool = False  # takes up a scenario's changes to the other occupations' shares, so shares sum to 1

    @property
    def nb_label(self) -> str:
        return self.nb[0].upper() + self.nb[1:]


OCCUPATIONS: dict[str, Occupation] = {o.id: o for o in (
    Occupation("nurses", "sykepleiere", "Nurses", CARE),
    Occupation("specialist_nurses", "spesialsykepleiere", "Specialist nurses", CARE),
    Occupation("health_workers", "helsefagarbeidere", "Health workers (helsefagarbeidere)", CARE),
    Occupation("assistants", "pleieassistenter", "Care assistants", CARE, balances=True),
    Occupation("social_educators", "vernepleiere", "Social educators (vernepleiere)", CARE),
    Occupation("other_care_staff", "andre omsorgsyrker", "Other user-facing care staff", CARE),
    Occupation("pedagogical_leaders", "pedagogiske ledere", "Pedagogical leaders", ("kindergarten",)),
    Occupation("kindergarten_assistants", "barnehageassistenter", "Kindergarten assistants", ("kindergarten",),
               balances=True),
    Occupation("teachers", "lærere", "Teachers", ("primary_school",)),
)}
OCCUPATION_IDS: tuple[str, ...] = tuple(OCCUPATIONS)
ALL = "all"  # the occupation of a whole service's rows (and the service of rows that belong to no service)


def occupations_of(service: str) -> tuple[str, ...]:
    """The occupations a service's FTE are split into, in declaration order."""
    return tuple(o.id for o in OCCUPATIONS.values() if service in o.services)


def balancing_occupation(service: str) -> str | None:
    """The occupation that takes up a scenario's changes to the others' shares in `service` (None: one occupation)."""
    return next((o for o in occupations_of(service) if OCCUPATIONS[o].balances), None)


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
    # capacity: nursing-home (long-term) residents per 100 inhabitants aged 80+, KOSTRA's dekningsgrad
    Variable("users_per_100_aged_80plus", "per 100 aged 80+", "{users}"),
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
CAPACITY_AGE = 80  # the users_per_100_aged_80plus figure: users per 100 inhabitants of this age and over (KOSTRA)
CAPACITY_SERVICES = ("nursing_home",)  # services that report it
SUMMARY_VARIABLES = ("users", "users_per_100_aged_80plus", "fte_before_automation", "automation_offset", "fte",
                     "fte_norm_minimum")
OCCUPATION_VARIABLES = ("fte", "workforce", "workforce_need", "exits", "hires", "hires_fte", "hires_growth",
                        "hires_replacement")  # split by occupation; the occupations' rows sum to the service's
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
