"""Scenario → Result: population, calibration, demand, automation. No printing, no file writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from forecast.result import UNITS, Result, frame_from_rows
from forecast.services import SERVICES

if TYPE_CHECKING:
    from forecast.scenario import LoadedScenario


def data_files() -> list:
    """The shipped data files a run reads (for the manifest)."""
    from forecast.data import data_path
    from forecast.data.care import CARE_FILE
    from forecast.data.kindergarten import BERGEN_FILE, COVERAGE_FILE, NATIONAL_CHILDREN_FILE, NATIONAL_FTE_FILE
    from forecast.data.population import POPULATION_FILE
    from forecast.data.projections import COUNTY_PROJECTION_FILE, NATIONAL_PROJECTION_FILE
    from forecast.data.regions import HIERARCHY_FILE, REDISTRICTING_FILE
    from forecast.data.school import PUPILS_FILE, TEACHERS_FILE

    parts = [POPULATION_FILE, COUNTY_PROJECTION_FILE, NATIONAL_PROJECTION_FILE, HIERARCHY_FILE, REDISTRICTING_FILE,
             CARE_FILE, PUPILS_FILE, TEACHERS_FILE, BERGEN_FILE, COVERAGE_FILE, NATIONAL_FTE_FILE,
             NATIONAL_CHILDREN_FILE]
    files = [data_path(*p) for p in parts]
    files += sorted(data_path("parameters").glob("*.yaml"))
    return files


USED_PARAMETERS = {
    "projection": ["base_years", "shrinkage_persons", "open_age"],
    "services": ["kindergarten_age_weights", "kindergarten_staff_norm"],
}


def _parameter_assumptions() -> list[str]:
    """The national or normative defaults a run rests on, with unit and reference."""
    from forecast.parameters import param

    out = []
    for name, keys in USED_PARAMETERS.items():
        for key in keys:
            p = param(name, key)
            if p.assumption:
                out.append(f"{p.description}: {p.value} {p.unit} — {p.reference} [{p.file}: {p.key}]")
    return out


def _grouped(messages: dict[str, list[str]], many: bool) -> list[str]:
    """One line per message; with several municipalities, say which (or how many) it concerns."""
    from forecast.data.regions import name_of

    out = []
    for text, codes in messages.items():
        codes = list(dict.fromkeys(codes))
        if not many or not codes:
            out.append(text)
        elif len(codes) <= 3:
            out.append(f"{text} [{', '.join(f'{c} {name_of(c)}' for c in codes)}]")
        else:
            out.append(f"{text} [{len(codes)} municipalities]")
    return out


def _trend_note(service: str, model: str, tp) -> str:
    """Which model produced a service's path and its interval."""
    models = f"coverage: {tp.coverage.model}; FTE per user: {tp.fte_per_user.model}"
    if model == "constant":
        if tp.coverage.model == "constant" and tp.fte_per_user.model == "constant":
            return f"{service}: trend constant (no history to give an interval)"
        return (f"{service}: trend constant (SSB's reference-path convention); lower/upper = 80 % interval of the "
                f"naive random walk fitted to the history ({models})")
    return f"{service}: trend {model} ({models}); lower/upper = 80 % interval"


@dataclass
class _Part:
    """What one municipality contributes: frame blocks and its notes (text → codes)."""

    rows: list[dict] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    assumed: dict[str, list[str]] = field(default_factory=dict)

    def merge(self, other: "_Part") -> None:
        self.rows.extend(other.rows)
        for mine, theirs in ((self.notes, other.notes), (self.assumed, other.assumed)):
            for text, codes in theirs.items():
                mine.setdefault(text, []).extend(codes)


def _municipality(name: str, scn, code: str, cube, years: list[int]) -> _Part:
    """Calibration, demand, trend and automation of every service in one municipality."""
    from forecast.automation import apply_measures
    from forecast.demand import project_demand
    from forecast.services import calibrate
    from forecast.trends import service_trend

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
        for note in [*tp.notes, _trend_note(service, model, tp)]:
            part.notes.setdefault(note, []).append(code)
        if service in scn.staffing:
            part.notes.setdefault(f"{service}: base-year FTE {scn.staffing[service]:,.1f} from the scenario "
                                  "(staffing:)", []).append(code)
        else:
            for note in cal.notes:
                part.notes.setdefault(note, []).append(code)
            for note in cal.assumptions:
                part.assumed.setdefault(note, []).append(code)
        measures = [m for m in scn.automation if m.service == service]
        offsets = apply_measures(measures, years, d.fte)
        net = d.fte - sum(offsets.values()) if offsets else d.fte
        key = {"scenario": name, "municipality": code, "service": service, "years": years}

        def add(variable: str, values, unit: str | None = None, bounds=None) -> None:
            row = {**key, "variable": variable, "unit": unit or UNITS[variable], "values": values}
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
        add("fte", net, bounds=(fte_bounds[0] * share, fte_bounds[1] * share) if fte_bounds else None)
        add("fte_per_user", net / d.users.clip(min=1e-9))
        for variable, (unit, values) in d.extra.items():
            add(variable, values, unit)
    return part


_FORKED: dict = {}  # what a forked worker inherits from the parent: name, scenario, cube, years


def _worker(codes: list[str]) -> _Part:
    part = _Part()
    for code in codes:
        part.merge(_municipality(_FORKED["name"], _FORKED["scn"], code, _FORKED["cube"], _FORKED["years"]))
    return part


def _workers(scn, n_codes: int) -> int:
    """Processes worth starting: fitted trend models cost about a second per municipality; the rest is fast."""
    import multiprocessing
    import os

    fitted = any(s.trend != "constant" for s in scn.services.values())
    if not fitted or n_codes < 8 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, n_codes // 4))


def run(loaded: "LoadedScenario", progress: "Callable[[int, int], None] | None" = None) -> Result:
    """Compute users and FTE need per municipality, service and year for a validated scenario.

    `progress(done, total)` is called as municipalities finish (the CLI draws a progress bar with it). With fitted
    trend models and many municipalities, the work is spread over processes (one per core).
    """
    from forecast.population import population

    scn = loaded.scenario
    base, end = scn.period.base, scn.period.end
    years = list(range(base, end + 1))
    history = None if scn.population.history == "shipped" else scn.population.history
    cube = population(end, scn.population.variant, history=history)
    notes: list[str] = [f"population history: {history} (replacing the shipped SSB 07459 figures it covers)"] \
        if history else []
    if scn.population.variant:
        notes.append(f"population: built-in cohort-change projection from {cube.last_observed}, scaled to SSB's "
                     f"2024 county projection, alternative {scn.population.variant}")
    else:
        notes.append(f"population: built-in cohort-change projection from {cube.last_observed}, unscaled")
    codes = scn.municipalities
    total = _Part()
    workers = _workers(scn, len(codes))
    if workers == 1:
        for done, code in enumerate(codes, start=1):
            total.merge(_municipality(loaded.name, scn, code, cube, years))
            if progress:
                progress(done, len(codes))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunks = [codes[i : i + 4] for i in range(0, len(codes), 4)]
        _FORKED.update(name=loaded.name, scn=scn, cube=cube, years=years)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                done = 0
                for chunk, part in zip(chunks, pool.map(_worker, chunks)):  # in order: a stable frame
                    total.merge(part)
                    done += len(chunk)
                    if progress:
                        progress(done, len(codes))
        finally:
            _FORKED.clear()
    many = len(codes) > 1
    notes += _grouped(total.notes, many)
    assumptions = _grouped(total.assumed, many) + _parameter_assumptions()
    return Result(
        frame=frame_from_rows(total.rows),
        scenarios=[loaded.name],
        title=scn.title,
        notes=notes,
        assumptions=assumptions,
        inputs=list(loaded.files) + data_files() + ([Path(history)] if history else []),
        cube=cube,
    )
