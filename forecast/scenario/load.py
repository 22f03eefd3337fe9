"""Read scenario files: YAML with line numbers (forecast.scenario.yaml), `extends`, the schema, the checks across
keys, and every problem reported at once.

Each problem reads `FILE:LINE: key: message` and says how to fix it. Nothing is computed from an invalid file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forecast.errors import Problem, ScenarioError
from forecast.scenario.problems import translate
from forecast.scenario.yaml import Key, Source, display, key_text, kind_of_path, load_tree, real

if TYPE_CHECKING:
    from forecast.scenario.schema import Scenario


@dataclass
class LoadedScenario:
    """A valid scenario with its name (file stem), path and the files it was built from."""

    name: str
    path: Path | None
    scenario: "Scenario"
    files: list[Path]
    lines: dict[Key, tuple[str, int]] = field(default_factory=dict)  # where each key was written: (file, line)
    # values the file gave as ranges ({low, high} = 90 % interval, or a named distribution), by dotted path
    # (automation items by id); `scenario` holds their medians, which the deterministic run uses
    ranges: dict[str, Any] = field(default_factory=dict)


def _split_ranges(data: dict, source: Source, fname: str) -> tuple[dict, dict, list[Problem]]:
    from forecast.scenario.ranges import split_scenario

    central, ranges, found = split_scenario(data)
    problems = []
    for key, message in found:
        file, line = source.where(key, fname)
        problems.append(Problem(file, line, key_text(key), message))
        source.rejected.add(key)
    return central, ranges, problems


def _old_code_hint(code: str) -> str:
    """For a pre-2024 municipality code, the current one (1201 → 4601)."""
    from forecast.data.regions import name_of, redistricting

    df = redistricting()
    rows = df[(df["original"] == code) & (df["original"] != df["current"])]
    current = sorted(set(rows["current"]))
    if len(current) == 1:
        last = int(rows["year"].max())
        return f"{code} is a code from before {last + 1}; it is now {current[0]} ({name_of(current[0])}): " \
               f'write "{current[0]}"'
    return ""


def _check_municipalities(value: Any, source: Source, fname: str) -> tuple[list[Problem], list[str]]:
    """Resolve codes, names and `all` to four-digit codes; a problem for each that is unknown."""
    from forecast.data.regions import municipalities, resolve_municipality
    from forecast.errors import DataError

    problems, codes = [], []
    items = [value] if isinstance(value, str) else list(value or [])
    if not items:
        file, line = source.where(("municipality",), fname)
        return [Problem(file, line, "municipality", 'no municipality given; write e.g. municipality: "4601"')], []
    for i, m in enumerate(items):
        key = ("municipality",) if isinstance(value, str) else ("municipality", i)
        if key in source.rejected or not isinstance(m, str):
            continue
        if m.strip().casefold() == "all":
            codes.extend(sorted(municipalities()))
            continue
        try:
            codes.append(resolve_municipality(m))
        except DataError as exc:
            hint = _old_code_hint(m.strip().zfill(4)) if m.strip().isdigit() else ""
            file, line = source.where(key, fname)
            problems.append(Problem(file, line, key_text(key), f"{exc.detail}; {hint}" if hint else str(exc)))
    return problems, list(dict.fromkeys(codes))


def _check_consistency(scn: "Scenario", source: Source, fname: str) -> list[Problem]:
    """Rules across keys: unique measure ids, measure years inside the period, fixed FTE in one municipality."""
    problems = []
    base, end = scn.period.base, scn.period.end

    def add(key: Key, message: str) -> None:
        file, line = source.where(key, fname)
        problems.append(Problem(file, line, key_text(key), message))

    seen: dict[str, int] = {}
    for i, m in enumerate(scn.automation):
        if m.id in seen:
            add(("automation", i, "id"), f"id {m.id!r} is already used by automation[{seen[m.id]}]; give each "
                                         "measure its own id")
        seen.setdefault(m.id, i)
        key, start = (("automation", i, "adoption", "start"), m.adoption.start) if m.kind == "task_share" else \
            (("automation", i, "start"), m.start)
        if start < base:
            add(key, f"{start} is before the base year {base}, whose staffing already includes measures in place "
                     f"then; start in {base} or later")
        elif start > end:
            add(key, f"{start} is after the end year {end}, so the measure would change nothing; start by {end} or "
                     "extend period.end")
        if m.kind == "fixed_fte" and len(scn.municipalities) > 1:
            add(("automation", i, "fte"), f"a fixed number of FTE belongs to one municipality, but the scenario "
                                          f"covers {len(scn.municipalities)}; use task_share or annual_rate, or "
                                          "one municipality per scenario")
    if scn.occupations or any(w.occupations for w in scn.workforce.values()):
        from forecast.scenario.occupations import occupation_problems

        for key, message in occupation_problems(scn):
            add(key, message)
    if scn.staffing and len(scn.municipalities) > 1:
        for service in scn.staffing:
            add(("staffing", service), f"base-year FTE belong to one municipality, but the scenario covers "
                                       f"{len(scn.municipalities)}; give staffing: in a scenario of one "
                                       "municipality each")
    return problems


def _validate(data: dict, source: Source, fname: str) -> tuple["Scenario | None", list[Problem]]:
    from pydantic import ValidationError

    from forecast.scenario.schema import Scenario

    problems: list[Problem] = []
    scn = None
    try:
        scn = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(p for e in exc.errors(include_url=False) if (p := translate(e, source, fname, data)))
    municipality = data.get("municipality")
    if isinstance(municipality, (str, list)) and not any(p.key.startswith("municipality") for p in problems):
        more, codes = _check_municipalities(municipality, source, fname)
        problems.extend(more)
        if scn is not None and not more:
            scn = scn.model_copy(update={"municipality": codes[0] if len(codes) == 1 else codes})
    if scn is not None and not problems:
        problems.extend(_check_consistency(scn, source, fname))
    return (None if problems else scn), problems


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read, merge and validate a scenario file; raise ScenarioError listing every problem found."""
    path = Path(path)
    fname = display(path)
    problems: list[Problem] = []
    source = Source()
    data = load_tree(path, problems, (), source)
    scn = None
    ranges: dict = {}
    if data is not None:
        data, ranges, more = _split_ranges(data, source, fname)
        problems.extend(more)
        scn, more = _validate(data, source, fname)
        problems.extend(more)
    if scn is not None and not problems:
        scn, more = _resolve_history(scn, source, fname)
        problems.extend(more)
    if problems or scn is None:
        problems = list(dict.fromkeys((p.file, p.line, p.key, p.message) for p in problems))
        problems = [Problem(*p) for p in problems]
        problems.sort(key=lambda p: (p.file != fname, p.file, p.line or 0))
        raise ScenarioError(problems)
    return LoadedScenario(name=path.stem, path=path, scenario=scn, files=source.files, lines=dict(source.lines),
                          ranges=ranges)


def scenario_from_dict(data: dict, name: str = "scenario") -> LoadedScenario:
    """Validate a scenario given as a Python mapping (API and notebooks)."""
    data = dict(data)
    data.pop("extends", None)
    data, ranges, problems = _split_ranges(data, Source(), name)
    scn, more = _validate(data, Source(), name)
    problems += more
    if not problems:
        scn, problems = _resolve_history(scn, Source(), name)
    if problems:
        raise ScenarioError(problems)
    return LoadedScenario(name=name, path=None, scenario=scn, files=[], ranges=ranges)


def _resolve_history(scn: "Scenario", source: Source, fname: str) -> tuple["Scenario", list[Problem]]:
    """`population.history` → an absolute path (or 'shipped'); a missing file or an empty cache is a problem."""
    history = scn.population.history
    if history == "shipped":
        return scn, []
    key = ("population", "history")
    file, line = source.where(key, fname)
    if history == "fetched":
        from forecast.data.fetch import fetched_population

        codes = scn.municipalities
        found = fetched_population(codes[0] if len(codes) == 1 else None)
        if found is None:
            return scn, [Problem(file, line, key_text(key), "no fetched population in the cache; run "
                                 "`forecast data fetch 07459` first, or write history: shipped")]
        path = found
    else:
        path = Path(history)
        if not path.is_absolute():
            path = (Path(file).parent if source.lines else Path.cwd()) / path
        if why := kind_of_path(path):
            return scn, [Problem(file, line, key_text(key), f"{history}: {why.replace('scenario YAML', 'CSV')}")]
        if not path.is_file():
            return scn, [Problem(file, line, key_text(key), f"file not found: {history} (looked for {path}); "
                                 "write shipped, fetched, or the path of a `forecast data import` CSV")]
    population = scn.population.model_copy(update={"history": str(real(path))})
    return scn.model_copy(update={"population": population}), []
