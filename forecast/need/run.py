"""Scenario → Result: population, calibration, demand, trends, automation, per municipality and service.

No printing, no file writing. The Result carries the canonical frame and what its readers need (notes as records,
the population used, what the scenario file says, and, when asked, the calibration history).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from forecast.results.frame import Result, frame_from_rows
from forecast.results.notes import Note, merged, note
from forecast.vocabulary import ALL, CAPACITY_AGE, CAPACITY_SERVICES, SERVICES, unit_of

if TYPE_CHECKING:
    from forecast.population import PopulationCube
    from forecast.scenario import LoadedScenario

USED_PARAMETERS = {
    "projection": ["base_years", "shrinkage_persons", "open_age", "survival_improvement_from_age",
                   "child_woman_ratio_half_life", "migration_damping"],
    "services": ["kindergarten_age_weights", "kindergarten_staff_norm"],
    "care_split": ["fit_method"],
}


def data_files() -> list[Path]:
    """The shipped data files a run reads (for the manifest)."""
    from forecast.data import data_path
    from forecast.need.calibration import data_files as calibration_files
    from forecast.population.projection import data_files as population_files

    files = [data_path(*p) for p in [*population_files(), *calibration_files()]]
    # uncertainty.yaml is read only by runs with draws (forecast.uncertainty), which list it themselves
    files += sorted(p for p in data_path("parameters").glob("*.yaml") if p.stem != "uncertainty")
    return files


def _trend_note(service: str, model: str, tp) -> Note:
    """Which model produced a service's path and its interval."""
    models = {"coverage": tp.coverage.model, "fte_per_user": tp.fte_per_user.model}
    if model == "constant":
        if tp.coverage.model == "constant" and tp.fte_per_user.model == "constant":
            return note("trend.constant_no_history", service=service)
        return note("trend.constant", service=service, **models)
    return note("trend.fitted", service=service, model=model, **models)


@dataclass
class _Part:
    """What some municipalities contribute: frame blocks and notes."""

    rows: list[dict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    demands: dict = field(default_factory=dict)  # (service, code) → ServiceDemand, when the caller keeps them

    def merge(self, other: "_Part") -> None:
        self.rows.extend(other.rows)
        self.notes.extend(other.notes)
        self.demands.update(other.demands)


def _municipality(name: str, scn, code: str, cube: "PopulationCube", years: list[int], keep: bool = False
                  ) -> _Part:
    """Calibration, demand, trend and automation of every service in one municipality."""
    from forecast.need.automation import apply_measures
    from forecast.need.calibration import calibrate
    from forecast.need.demand import project_demand
    from forecast.need.occupations import occupation_shares
    from forecast.trends.factors import service_trend

    base = years[0]
    part = _Part()
    for service in SERVICES:
        settings = scn.services.get(service)
        cal = calibrate(service, code, cube, base)
        model = settings.trend if settings else "constant"
        tp = service_trend(service, code, "naive" if model == "constant" else model, base, years)
        d = project_demand(
            cal, cube, years, base,
            coverage_change=settings.coverage_change if settings else 0.0,
            fte_per_user_change=settings.fte_per_user_change if settings else 0.0,
            staffing=scn.staffing.get(service),
            trend=tp,
            interval_only=model == "constant",
        )
        if keep:
            part.demands[(service, code)] = d
        made = [*tp.notes, _trend_note(service, model, tp)]
        if service in scn.staffing:
            made.append(note("staffing.scenario", service=service, fte=float(scn.staffing[service])))
        else:
            made += cal.notes
        part.notes += [Note(n.key, n.params, n.kind, (code,), n.source) for n in made]
        measures = [m for m in scn.automation if m.service == service]
        offsets = apply_measures(measures, years, d.fte)
        net = d.fte - sum(offsets.values()) if offsets else d.fte
        key = {"scenario": name, "municipality": code, "service": service, "years": years}

        def add(variable: str, values, unit: str | None = None, bounds=None, occupation: str = ALL) -> None:
            row = {**key, "occupation": occupation, "variable": variable, "unit": unit or unit_of(variable),
                   "values": values}
            if bounds is not None:
                row["lower"], row["upper"] = bounds
            part.rows.append(row)

        fte_bounds = d.bounds.get("fte")
        add("population", d.population)
        add("users", d.users, bounds=d.bounds.get("users"))
        add("fte_before_automation", d.fte, bounds=fte_bounds)
        if offsets:
            add("automation_offset", sum(offsets.values()))
            for mid, off in offsets.items():
                add(f"automation_offset|{mid}", off, "FTE")
        share = net / d.fte.clip(min=1e-12)  # automation scales the interval with the need it leaves
        net_bounds = (fte_bounds[0] * share, fte_bounds[1] * share) if fte_bounds else None
        add("fte", net, bounds=net_bounds)
        add("fte_per_user", net / d.users.clip(min=1e-9))
        if service in CAPACITY_SERVICES:
            add("users_per_100_aged_80plus", 100 * d.users / _aged(cube, code, years, CAPACITY_AGE))
        for variable, (unit, values) in d.extra.items():
            add(variable, values, unit)
        shares, made = occupation_shares(service, code, scn, years)  # occupations split the net need
        part.notes += [Note(n.key, n.params, n.kind, (code,), n.source) for n in made]
        for occupation, s in shares.items():
            add("fte", net * s, occupation=occupation,
                bounds=(net_bounds[0] * s, net_bounds[1] * s) if net_bounds else None)
    return part


def _aged(cube: "PopulationCube", code: str, years: list[int], age: int):
    """Persons aged `age` and over in `code`, by year."""
    pops = cube.slice(code)
    return pops[[cube.years.index(y) for y in years]][:, :, age:].sum(axis=(1, 2))


_FORKED: dict = {}  # what a forked worker inherits from the parent: name, scenario, cube, years


def _worker(codes: list[str]) -> _Part:
    part = _Part()
    for code in codes:
        part.merge(_municipality(_FORKED["name"], _FORKED["scn"], code, _FORKED["cube"], _FORKED["years"],
                                 _FORKED["keep"]))
    return part


def _workers(scn, n_codes: int) -> int:
    """Processes worth starting: fitted trend models cost about a second per municipality; the rest is fast."""
    import multiprocessing
    import os

    fitted = any(s.trend != "constant" for s in scn.services.values())
    if not fitted or n_codes < 8 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, n_codes // 4))


def run(loaded: "LoadedScenario", progress: "Callable[[int, int], None] | None" = None,
        observed: bool = False, demands: dict | None = None) -> Result:
    """Compute users and FTE need per municipality, service and year for a validated scenario.

    `progress(done, total)` is called as municipalities finish. With fitted trend models and many municipalities,
    the work is spread over processes (one per core). `observed`: also read each service's calibration history
    (Result.observed; one municipality only). `demands`: a dict to fill with (service, municipality) → the
    ServiceDemand computed (calibration and FTE per weighted user), for draws that reuse them
    (forecast.uncertainty.build.build_tasks).
    """
    from forecast.data.parameters import assumption_notes
    from forecast.need.checks import check, scenario_population
    from forecast.need.context import paths, places, scenario_info
    from forecast.scenario.schema import in_language

    scn = loaded.scenario
    base, end = scn.period.base, scn.period.end
    years = list(range(base, end + 1))
    history = None if scn.population.history == "shipped" else scn.population.history
    cube = scenario_population(loaded)
    _, warnings = check(loaded, cube)  # the same checks as `forecast validate`
    notes: list[Note] = [note("population.history", history=history)] if history else []
    if scn.population.variant:
        notes.append(note("population.scaled", last=cube.last_observed, variant=scn.population.variant))
    else:
        notes.append(note("population.unscaled", last=cube.last_observed))
    codes = scn.municipalities
    total = _Part()
    workers = _workers(scn, len(codes))
    if workers == 1:
        for done, code in enumerate(codes, start=1):
            total.merge(_municipality(loaded.name, scn, code, cube, years, demands is not None))
            if progress:
                progress(done, len(codes))
    else:
        from forecast.processes import worker_pool

        chunks = [codes[i : i + 4] for i in range(0, len(codes), 4)]
        _FORKED.update(name=loaded.name, scn=scn, cube=cube, years=years, keep=demands is not None)
        try:
            with worker_pool(workers) as pool:  # workers end with this process, even on kill -9
                done = 0
                for chunk, part in zip(chunks, pool.map(_worker, chunks)):  # in order: a stable frame
                    total.merge(part)
                    done += len(chunk)
                    if progress:
                        progress(done, len(codes))
        finally:
            _FORKED.clear()
    if demands is not None:
        demands.update(total.demands)
    notes += warnings + merged(total.notes) + assumption_notes(USED_PARAMETERS)
    result = Result(
        frame=frame_from_rows(total.rows),
        scenarios=[loaded.name],
        title=in_language(scn.title),
        notes=notes,
        inputs=list(loaded.files) + data_files() + ([Path(history)] if history else []),
        places=places(codes),
        scenario_info={loaded.name: scenario_info(loaded)},
        population={loaded.name: paths(cube, codes, scn.population.variant)},
    )
    if observed:
        from forecast.need.observed import calibration_history

        result.observed = calibration_history(result.frame, loaded.name, cube)
    return result
