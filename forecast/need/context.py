"""The records a run hands its readers besides the frame: places, what the scenario file says, the population used
(forecast.results.context)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.results.context import MeasureInfo, Places, PopulationPaths, ScenarioInfo, Standard

if TYPE_CHECKING:
    from forecast.population import PopulationCube
    from forecast.scenario import LoadedScenario


def places(codes: list[str]) -> Places:
    from forecast.data.regions import municipalities, name_of

    return Places({c: name_of(c) for c in codes}, len(municipalities()))


def scenario_info(loaded: "LoadedScenario") -> ScenarioInfo:
    scn = loaded.scenario
    standards = {s: Standard(st.coverage_change, st.fte_per_user_change, st.trend, st.reference)
                 for s, st in scn.services.items()}
    measures = []
    for m in scn.automation:
        if m.kind == "fixed_fte":
            values, start, full = {"fte": m.fte, "ramp_years": m.ramp_years}, m.start, None
        elif m.kind == "task_share":
            values = {"task_share": m.task_share, "automatable": m.automatable, "reinvest": m.reinvest}
            start, full = m.adoption.start, m.adoption.full
        else:
            values, start, full = {"rate": m.rate}, m.start, None
        measures.append(MeasureInfo(m.id, m.service, m.kind, start, full, values, m.reference))
    return ScenarioInfo(loaded.name, scn.title, scn.population.variant, scn.period.base, scn.period.end, standards,
                        measures, dict(scn.staffing))


def paths(cube: "PopulationCube", codes: list[str], variant: str | None) -> PopulationPaths:
    """The population of `codes` as the run used it (history and projection)."""
    from forecast.data.parameters import workforce

    idx = [cube.index(c) for c in codes]
    persons = cube.values[idx]
    persons.flags.writeable = False
    return PopulationPaths(list(codes), list(cube.years), persons, cube.last_observed, variant,
                           workforce().working_ages)
