"""Read scenario files: safe YAML with line numbers, `extends`, and every problem reported at once.

Each problem reads `FILE:LINE: key: message` and says how to fix it. Nothing is computed from an invalid file.
The schema lives in scenario_schema.py; this module turns YAML and pydantic's errors into those problems.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forecast.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from forecast.scenario_schema import Scenario

Key = tuple  # a path of keys and list indices, e.g. ("automation", 0, "fte")

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_VALUES = 100_000  # more values than any scenario needs: an alias bomb


@dataclass
class Source:
    """Where each value of a loaded (and merged) scenario came from."""

    lines: dict[Key, tuple[str, int]] = field(default_factory=dict)  # key path → (file, line)
    files: list[Path] = field(default_factory=list)  # this file and the files it extends
    rejected: set[Key] = field(default_factory=set)  # values already reported while reading the YAML
    partial: bool = False  # an extended file could not be read: keys it would have supplied may be missing

    def where(self, key: Key, default_file: str) -> tuple[str, int | None]:
        for n in range(len(key), 0, -1):
            if key[:n] in self.lines:
                return self.lines[key[:n]]
        return default_file, None


@dataclass
class LoadedScenario:
    """A valid scenario with its name (file stem), path and the files it was built from."""

    name: str
    path: Path | None
    scenario: "Scenario"
    files: list[Path]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _key_text(key: Key) -> str:
    out = ""
    for k in key:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def _short(value: Any, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


# ------------------------------------------------------------------ YAML with line numbers
class _Walker:
    """Turn a composed YAML node tree into plain Python values, recording the line of every key."""

    def __init__(self, fname: str, loader, problems: list[Problem], source: Source):
        self.fname, self.loader, self.problems, self.source = fname, loader, problems, source
        self.lines: dict[Key, tuple[str, int]] = {}
        self.count = 0

    def problem(self, node, key: Key, message: str) -> None:
        self.problems.append(Problem(self.fname, node.start_mark.line + 1, _key_text(key), message))
        self.source.rejected.add(key)

    def walk(self, node, key: Key, ancestors: frozenset = frozenset()) -> Any:
        import yaml

        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooBig(node)
        if node.tag not in _PLAIN_TAGS:
            tag = "!!" + node.tag[len(_CORE):] if node.tag.startswith(_CORE) else node.tag
            if "python/" in node.tag:
                self.problem(node, key, f"YAML tag {tag} would build a Python object; scenario files hold plain "
                                        "values only: remove the tag")
            else:
                self.problem(node, key, f"YAML tag {tag} is not allowed; scenario files hold plain values only: "
                                        "remove the tag")
            return None
        if id(node) in ancestors:
            self.problem(node, key, "a YAML alias refers to itself; write the values out")
            return None
        if isinstance(node, yaml.MappingNode):
            own = {id(knode) for knode, _ in node.value}
            self.loader.flatten_mapping(node)  # `<<: *anchor` merge keys: merged pairs first, own keys override
            inner = ancestors | {id(node)}
            out: dict = {}
            merged: set = set()
            for knode, vnode in node.value:
                k = self.loader.construct_object(knode, deep=True) if knode.tag in _PLAIN_TAGS else None
                if not isinstance(k, (str, int, float, bool)) or k is None:
                    self.problem(knode, key, "keys must be plain names, e.g. period:")
                    continue
                k = k if isinstance(k, str) else str(k)
                if k in out and k not in merged:
                    self.problem(knode, key + (k,), "duplicate key; remove one of them")
                merged.discard(k)
                if id(knode) not in own:
                    merged.add(k)
                self.lines[key + (k,)] = (self.fname, knode.start_mark.line + 1)
                out[k] = self.walk(vnode, key + (k,), inner)
            return out
        if isinstance(node, yaml.SequenceNode):
            inner = ancestors | {id(node)}
            items = []
            for i, v in enumerate(node.value):
                self.lines[key + (i,)] = (self.fname, v.start_mark.line + 1)
                items.append(self.walk(v, key + (i,), inner))
            return items
        value = self.loader.construct_object(node, deep=True)
        if key and key[0] == "municipality" and node.tag == _CORE + "int" and node.style is None:
            raw = node.value
            shown = f"the number {value}" if str(value) != raw else "a number"
            self.problem(node, key, f'{raw} is read by YAML as {shown}; quote it: "{raw.zfill(4)}"')
            return raw.zfill(4)
        return value


class _TooBig(Exception):
    def __init__(self, node):
        self.node = node


def _yaml_problem(fname: str, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    line = mark.line + 1 if mark else None
    if "'\\t'" in what:
        return Problem(fname, line, "", "YAML syntax error: a tab character; indent with spaces, not tabs")
    if "another document" in what:
        return Problem(fname, line, "", "YAML syntax error: a second document (---); a scenario file holds one "
                                        "document: remove the '---' line and what follows, or merge the two")
    return Problem(fname, line, "", f"YAML syntax error: {what}; check indentation, colons and quotes")


def _read_yaml(path: Path, problems: list[Problem], source: Source) -> tuple[Any, dict]:
    """Parse one file with the safe loader; return its data and a key → (file, line) map."""
    import yaml

    fname = _display(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(fname, None, "", "file not found; check the path"))
        return None, {}
    except UnicodeDecodeError as exc:
        problems.append(Problem(fname, None, "", f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None, {}
    except OSError as exc:
        problems.append(Problem(fname, None, "", f"cannot read: {exc.strerror}"))
        return None, {}
    loader = yaml.SafeLoader(text)
    walker = _Walker(fname, loader, problems, source)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(fname, None, "", "the file is empty; a scenario needs at least "
                                    'municipality: "4601" (see scenarios/bergen/baseline.yaml)'))
            return None, {}
        data = walker.walk(node, ())
    except _TooBig as exc:
        problems.append(Problem(fname, exc.node.start_mark.line + 1, "",
                                f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); "
                                "write the values out"))
        return None, {}
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(fname, exc))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        if data is not None or () not in source.rejected:
            problems.append(Problem(fname, 1, "", "a scenario file is a mapping of keys "
                                                  '(municipality: "4601", period: …); see scenarios/bergen/baseline.yaml'))
        return None, {}
    return data, walker.lines


def _merge(base: dict, over: dict) -> dict:
    """Deep merge: mappings merge key by key, everything else (lists included) is replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _load_tree(path: Path, problems: list[Problem], chain: tuple[Path, ...], source: Source) -> dict | None:
    data, lines = _read_yaml(path, problems, source)
    source.files.append(path)
    if data is None:
        return None
    parent = data.pop("extends", None)
    if parent is not None:
        pdata = _load_parent(path, parent, lines, problems, chain, source)
        if pdata is None:
            source.partial = True
        else:
            data = _merge(pdata, data)
    # this file's lines override the parent's; below a list or scalar it replaces, the parent's lines go
    for key, where in lines.items():
        if not isinstance(_get(data, key), dict):
            for old in [k for k in source.lines if k[: len(key)] == key and k not in lines]:
                del source.lines[old]
        source.lines[key] = where
    return data


def _load_parent(path: Path, parent: Any, lines: dict, problems: list[Problem], chain: tuple[Path, ...],
                 source: Source) -> dict | None:
    fname, line = lines.get(("extends",), (_display(path), None))
    if ("extends",) in source.rejected:
        return None
    if not isinstance(parent, str) or not parent.strip():
        problems.append(Problem(fname, line, "extends", "expected a file name, e.g. extends: baseline.yaml"))
        return None
    ppath = (path.parent / parent).resolve()
    here = path.resolve()
    if ppath in chain or ppath == here:
        cycle = " → ".join(p.name for p in (*chain, here, ppath))
        problems.append(Problem(fname, line, "extends", f"cycle: {cycle}; remove one of the extends"))
        return None
    if not ppath.is_file():
        near = sorted(p.name for p in ppath.parent.glob("*.y*ml")) if ppath.parent.is_dir() else []
        close = difflib.get_close_matches(ppath.name, near, n=1, cutoff=0.75)
        hint = f"did you mean {close[0]}?" if close else "the path is relative to the file that extends it"
        problems.append(Problem(fname, line, "extends", f"file not found: {parent} (looked for {_display(ppath)}); "
                                                        + hint))
        return None
    return _load_tree(ppath, problems, (*chain, here), source)


def _get(data: Any, key: Key) -> Any:
    for k in key:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# ------------------------------------------------------------------ pydantic errors → problems
_TYPE_WORDS = {
    "int_type": "expected a whole number", "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number", "float_type": "expected a number",
    "float_parsing": "expected a number", "string_type": "expected text", "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "dict_type": "expected a mapping (key: value lines)", "list_type": "expected a list (lines starting with -)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
}


def _model_at(key: Key, data: dict):
    """The schema model describing the mapping at `key` (None where the schema has no model)."""
    from forecast.scenario_schema import (MEASURES, Adoption, Period, PopulationSettings, Scenario,
                                          ServiceSettings)
    from forecast.workforce_schema import WorkforceSettings

    names = tuple(k for k in key if not isinstance(k, int))
    table = {(): Scenario, ("period",): Period, ("population",): PopulationSettings}
    if names in table:
        return table[names]
    if len(names) == 2 and names[0] in ("services", "workforce"):
        return ServiceSettings if names[0] == "services" else WorkforceSettings
    if names and names[0] == "automation" and len(key) >= 2:
        model = MEASURES.get(str(_get(data, key[:2] + ("kind",))))
        if model is None:
            return None
        return Adoption if names[1:] == ("adoption",) else (model if len(names) == 1 else None)
    return None


def _did_you_mean(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    w = word.casefold()
    starts = [o for o in options if min(len(o), len(w)) >= 3 and (w.startswith(o) or o.startswith(w))]
    return max(starts, key=len) if starts else None


def _example(model, name: str) -> str:
    info = model.model_fields[name]
    if not info.examples:
        return ""
    return f"; e.g. {name}: {json.dumps(info.examples[0], ensure_ascii=False)}"


def _translate(err: dict, source: Source, fname: str, data: dict) -> Problem | None:
    from forecast.scenario_schema import MEASURE_KINDS, SERVICE_IDS

    loc = list(err["loc"])
    # pydantic puts the measure kind after the list index of a discriminated union: automation.0.task_share.…
    if len(loc) >= 3 and loc[0] == "automation" and isinstance(loc[1], int) and loc[2] in MEASURE_KINDS:
        del loc[2]
    is_key = bool(loc) and loc[-1] == "[key]"
    key = tuple(loc[:-1] if is_key else loc)
    if any(key[:n] in source.rejected for n in range(len(key) + 1)):
        return None  # already reported while reading the YAML
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    last = key[-1] if key else ""
    if kind == "missing" and source.partial:
        return None  # the extended file that would supply it could not be read
    if kind == "extra_forbidden":
        model = _model_at(key[:-1], data)
        allowed = list(model.model_fields) if model else []
        close = _did_you_mean(str(last), allowed)
        hint = f"did you mean '{close}'?" if close else f"allowed keys: {', '.join(allowed)}"
        msg = f"unknown key '{last}'; {hint}"
    elif kind == "literal_error" and (is_key or last == "service"):
        close = _did_you_mean(str(value), list(SERVICE_IDS))
        hint = f"did you mean '{close}'? " if close else ""
        msg = f"unknown service '{value}'; {hint}services are {', '.join(SERVICE_IDS)}"
    elif kind == "literal_error" and last == "variant":
        msg = f"unknown variant {value!r}; use one of MMMM (main), HHMH (high), LLML (low)"
    elif kind == "literal_error" and last == "source":
        msg = f"{value!r} is not available; use builtin (reading an SSB projection file is not supported yet)"
    elif kind == "literal_error":
        options = [o.strip(" '") for o in ctx["expected"].replace(" or ", ", ").split(",")]
        close = _did_you_mean(str(value), options)
        hint = f"did you mean '{close}'? " if close and close != value else ""
        msg = f"{value!r} is not allowed; {hint}use one of {', '.join(options)}"
    elif kind == "union_tag_invalid":
        close = _did_you_mean(str(ctx["tag"]), list(MEASURE_KINDS))
        hint = f"did you mean '{close}'? " if close else ""
        msg = f"unknown measure kind {ctx['tag']!r}; {hint}use one of {', '.join(MEASURE_KINDS)}"
        key = key + ("kind",)
    elif kind == "union_tag_not_found":
        msg = f"missing key 'kind'; use one of {', '.join(MEASURE_KINDS)}"
    elif kind == "missing":
        model = _model_at(key[:-1], data)
        msg = f"missing key '{last}'" + (_example(model, last) if model and last in model.model_fields else "")
        key = key[:-1]
    elif kind == "greater_than_equal":
        msg = f"must be {ctx['ge']:g} or more, got {value}"
    elif kind == "greater_than":
        msg = f"must be more than {ctx['gt']:g}, got {value}" + (
            "; leave the service out of staffing: to use the calibrated figure" if key and key[0] == "staffing" else "")
    elif kind == "value_error":
        msg = str(ctx["error"])
    elif kind == "float_parsing" and isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            msg = f"expected a number, got {value!r}; percentages are fractions: write {float(number) / 100:g}"
        except ValueError:
            msg = f"expected a number, got {value!r}"
    elif kind in _TYPE_WORDS:
        msg = f"{_TYPE_WORDS[kind]}, got {_short(value)}"
    else:
        msg = err["msg"]
    file, line = source.where(key, fname)
    return Problem(file, line, _key_text(key), msg)


# ------------------------------------------------------------------ checks beyond the schema
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
            problems.append(Problem(file, line, _key_text(key), f"{exc.detail}; {hint}" if hint else str(exc)))
    return problems, list(dict.fromkeys(codes))


def _check_consistency(scn: "Scenario", source: Source, fname: str) -> list[Problem]:
    """Rules across keys: unique measure ids, measure years inside the period, fixed FTE in one municipality."""
    problems = []
    base, end = scn.period.base, scn.period.end

    def add(key: Key, message: str) -> None:
        file, line = source.where(key, fname)
        problems.append(Problem(file, line, _key_text(key), message))

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
    if scn.staffing and len(scn.municipalities) > 1:
        for service in scn.staffing:
            add(("staffing", service), f"base-year FTE belong to one municipality, but the scenario covers "
                                       f"{len(scn.municipalities)}; give staffing: in a scenario of one "
                                       "municipality each")
    return problems


def _validate(data: dict, source: Source, fname: str) -> tuple["Scenario | None", list[Problem]]:
    from pydantic import ValidationError

    from forecast.scenario_schema import Scenario

    problems: list[Problem] = []
    scn = None
    try:
        scn = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(p for e in exc.errors(include_url=False) if (p := _translate(e, source, fname, data)))
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
    fname = _display(path)
    problems: list[Problem] = []
    source = Source()
    data = _load_tree(path, problems, (), source)
    scn = None
    if data is not None:
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
    return LoadedScenario(name=path.stem, path=path, scenario=scn, files=source.files)


def scenario_from_dict(data: dict, name: str = "scenario") -> LoadedScenario:
    """Validate a scenario given as a Python mapping (API and notebooks)."""
    data = dict(data)
    data.pop("extends", None)
    scn, problems = _validate(data, Source(), name)
    if not problems:
        scn, problems = _resolve_history(scn, Source(), name)
    if problems:
        raise ScenarioError(problems)
    return LoadedScenario(name=name, path=None, scenario=scn, files=[])


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
            return scn, [Problem(file, line, _key_text(key), "no fetched population in the cache; run "
                                 "`forecast data fetch 07459` first, or write history: shipped")]
        path = found
    else:
        path = Path(history)
        if not path.is_absolute():
            path = (Path(file).parent if source.lines else Path.cwd()) / path
        if not path.is_file():
            return scn, [Problem(file, line, _key_text(key), f"file not found: {history} (looked for {path}); "
                                 "write shipped, fetched, or the path of a `forecast data import` CSV")]
    population = scn.population.model_copy(update={"history": str(path.resolve())})
    return scn.model_copy(update={"population": population}), []
