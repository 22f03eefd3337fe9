"""Scenario comparison: each scenario's FTE need, its difference from the first, and where the difference comes from.

The difference B − A is decomposed by re-running A with B's settings switched in one factor at a time, in the
order of FACTORS: demography (`population`), then standards (`services`, `staffing`), then automation
(`automation`). Each step's change in FTE need is that factor's part, so an interaction (e.g. a task_share measure
acting on a larger population) is counted in the later factor. What is left after the three steps is `other`
(e.g. a different base year); it is shown only where it is not zero. The parts sum exactly to the difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import ArgumentError, ForecastError
from forecast.results.context import Places
from forecast.results.frame import Result, whole_services
from forecast.results.notes import Note, note
from forecast.vocabulary import ALL

if TYPE_CHECKING:
    import pandas as pd

    from forecast.scenario import LoadedScenario

FACTORS: dict[str, tuple[str, ...]] = {
    "demography": ("population",),
    "standards": ("services", "staffing"),
    "automation": ("automation",),
}
# per scenario, copied from its run
SCENARIO_VARIABLES = ("users", "fte_before_automation", "automation_offset", "fte")
DIFFERENCE = "fte_difference"  # B − A, FTE; parts are fte_difference|<factor>
TOLERANCE = 1e-6  # FTE; an `other` part smaller than this everywhere is rounding, not a difference


@dataclass
class Comparison(Result):
    """A comparison as one canonical long frame (see the module docstring for its variables)."""

    reference: str = ""  # name of the first scenario, which the others are compared with
    reference_by: str = "first"  # why it is the reference: option, marked (reference: true) or first
    order: tuple[str, ...] = tuple(FACTORS)
    factors: dict[str, list[str]] = field(default_factory=dict)  # scenario → factors it differs from the first in
    titles: dict[str, str] = field(default_factory=dict)
    highlight_years: list[int] = field(default_factory=list)  # years in which a measure starts or is complete


def _names(loaded: list["LoadedScenario"]) -> list[str]:
    """File stems, made unique with the parent folder (bergen/baseline) or a counter where they clash."""
    stems = [s.name for s in loaded]
    names = list(stems)
    for i, s in enumerate(loaded):
        if stems.count(s.name) > 1 and s.path is not None:
            names[i] = f"{Path(s.path).parent.name}/{s.name}"
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            names[i] = f"{n}#{seen[n]}"
    return names


def _differs(a, b, fields: tuple[str, ...]) -> bool:
    return any(getattr(a, f) != getattr(b, f) for f in fields)


class _Runs:
    """Pipeline runs, cached by the settings that determine FTE need (title, workforce and the occupation mix do
    not)."""

    def __init__(self):
        self.cache: dict[str, "pd.Series"] = {}

    def fte(self, scenario, name: str) -> "pd.Series":
        from forecast.need.run import run
        from forecast.scenario import LoadedScenario

        key = scenario.model_dump_json(exclude={"title", "extends", "workforce", "occupations"})
        if key not in self.cache:
            frame = whole_services(run(LoadedScenario(name=name, path=None, scenario=scenario, files=[])).frame)
            self.cache[key] = frame[frame["variable"] == "fte"].set_index(["municipality", "service", "year"])["value"]
        return self.cache[key]


def _block(diff: "pd.Series", scenario: str, variable: str) -> "pd.DataFrame":
    out = diff.rename("value").reset_index()
    out["scenario"], out["variable"], out["unit"], out["occupation"] = scenario, variable, "FTE", ALL
    return out


def check_years(loaded: list["LoadedScenario"], years: list[int] | None) -> None:
    """Every year asked for lies in every scenario's period (checked before anything is computed)."""
    for s in loaded:
        period = s.scenario.period
        bad = [y for y in years or [] if not period.base <= y <= period.end]
        if bad:
            raise ArgumentError(f"<years> {bad[0]} is outside the period of {s.name} ({period.base}–{period.end})")


def compare(scenarios: list, years: list[int] | None = None) -> Comparison:
    """Compare scenarios (LoadedScenario objects or file paths) with the first one.

    The frame holds, per scenario: users [persons], fte_before_automation, automation_offset(|<id>) and fte [FTE];
    and for every scenario after the first: fte_difference (its fte minus the first's) and its parts
    fte_difference|demography, |standards, |automation (where the scenarios differ in that factor) and |other
    (where something else, such as the base year, makes a difference). `years` keeps only those years.
    """
    import pandas as pd

    from forecast.need.run import run
    from forecast.results.frame import COLUMNS
    from forecast.scenario import LoadedScenario, load_scenarios
    from forecast.scenario.schema import in_language

    paths = [s for s in scenarios if not isinstance(s, LoadedScenario)]
    files = iter(load_scenarios(paths))  # every problem of every file at once
    loaded = [s if isinstance(s, LoadedScenario) else next(files) for s in scenarios]
    if len(loaded) < 2:
        raise ForecastError("compare needs at least two scenarios; the first is the one the others are compared with")
    check_years(loaded, years)
    names = _names(loaded)
    ref = loaded[0].scenario
    runs = _Runs()
    parts: list[pd.DataFrame] = []
    notes: list[Note] = []
    factors: dict[str, list[str]] = {}
    inputs: list[Path] = []
    ref_fte = None
    places = None
    for i, (s, name) in enumerate(zip(loaded, names)):
        result = run(s)
        places = result.places if places is None else Places({**places.names, **result.places.names},
                                                              places.country_size)
        inputs.extend(p for p in result.inputs if p not in inputs)
        frame = whole_services(result.frame)  # services are compared; their occupations would count twice
        keep = frame["variable"].isin(SCENARIO_VARIABLES) | frame["variable"].str.startswith("automation_offset|")
        parts.append(frame[keep].assign(scenario=name))
        fte = frame[frame["variable"] == "fte"].set_index(["municipality", "service", "year"])["value"]
        if i == 0:
            ref_fte = fte
            runs.cache[ref.model_dump_json(exclude={"title", "extends", "workforce", "occupations"})] = fte
            continue
        common = ref_fte.index.intersection(fte.index)
        if common.empty:
            raise ForecastError(f"{name} shares no municipality and year with {names[0]} "
                                f"({', '.join(s.scenario.municipalities[:3])} vs {', '.join(ref.municipalities[:3])}); "
                                "compare scenarios of the same municipality")
        parts.append(_block(fte[common] - ref_fte[common], name, DIFFERENCE))
        current, previous = ref, ref_fte
        factors[name] = []
        for factor, fields in FACTORS.items():
            if not _differs(current, s.scenario, fields):
                continue
            factors[name].append(factor)
            current = current.model_copy(update={f: getattr(s.scenario, f) for f in fields})
            step = runs.fte(current, f"{names[0]}+{factor}")
            parts.append(_block(step[common] - previous[common], name, f"{DIFFERENCE}|{factor}"))
            previous = step
        other = fte[common] - previous[common]
        if other.abs().max() > TOLERANCE:
            factors[name].append("other")
            parts.append(_block(other, name, f"{DIFFERENCE}|other"))
            notes.append(note("compare.other", scenario=name))
    frame = pd.concat(parts, ignore_index=True)
    for col in ("lower", "upper"):
        if col not in frame:
            frame[col] = float("nan")
    if years:
        frame = frame[frame["year"].isin(years)]
    frame = frame[COLUMNS].reset_index(drop=True)
    order = " → ".join(FACTORS)
    notes.insert(0, note("compare.method", reference=names[0], order=order))
    highlight = sorted({(m.adoption.start if m.kind == "task_share" else m.start)
                        for s in loaded for m in s.scenario.automation})
    return Comparison(
        frame=frame, scenarios=names, title=f"FTE need: {', '.join(names)}", notes=notes, inputs=inputs,
        places=places, reference=names[0], factors=factors, highlight_years=highlight,
        titles={n: in_language(s.scenario.title) or n for n, s in zip(names, loaded)},
    )
