"""The records a run hands its readers besides the frame: places, what the scenario file says, the population used
(forecast.results.context)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.results.context import MeasureInfo, Places, PopulationPaths, ScenarioInfo, Standard

if TYPE_CHECKING:
    from forecast.population import PopulationCube
    from forecast.scenario import LoadedScenario


def places(codes: list[str]) -> Places:
    """Names, counties and map points of `codes` (the county table and the bubble map of reports read them)."""
    from forecast.data.regions import municipalities, name_of, points

    munis, where = municipalities(), points()
    counties = {c: munis[c].county_code for c in codes if c in munis}
    return Places({c: name_of(c) for c in codes}, len(munis), counties,
                  {munis[c].county_code: munis[c].county_name for c in counties},
                  {c: where[c] for c in codes if c in where})


def scenario_info(loaded: "LoadedScenario") -> ScenarioInfo:
    scn = loaded.scenario
    from forecast.scenario.schema import in_language

    standards = {s: Standard(st.coverage_change, st.fte_per_user_change, st.trend, in_language(st.reference))
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
        measures.append(MeasureInfo(m.id, m.service, m.kind, start, full, values, in_language(m.reference),
                                    _texts(m.reference), _texts(m.title), _texts(m.description)))
    return ScenarioInfo(loaded.name, in_language(scn.title), scn.population.variant, scn.period.base,
                        scn.period.end, standards, measures, dict(scn.staffing), _texts(scn.title),
                        _texts(scn.description), scn.reference)


def _texts(text: "str | dict | None") -> dict[str, str]:
    """A scenario file's text as lang → text ("*" for plain text)."""
    if text is None:
        return {}
    return {"*": " ".join(text.split())} if isinstance(text, str) else {k: " ".join(v.split()) for k, v in text.items()}


def paths(cube: "PopulationCube", codes: list[str], variant: str | None) -> PopulationPaths:
    """The population of `codes` as the run used it (history and projection)."""
    from forecast.data.parameters import workforce

    idx = [cube.index(c) for c in codes]
    persons = cube.values[idx]
    persons.flags.writeable = False
    return PopulationPaths(list(codes), list(cube.years), persons, cube.last_observed, variant,
                           workforce().working_ages)
