"""Read scenario files: safe YAML with line numbers, `extends`, and every problem reported at once.

Each problem reads `FILE:LINE: key: message` and says how to fix it. Nothing is computed from an invalid file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forecast.errors import Problem, ScenarioError

if TYPE_CHECKING:
    from forecast.scenario_schema import Scenario

Key = tuple  # a path of keys and list indices, e.g. ("automation", 0, "fte")


@dataclass
class Source:
    """Where each value of a loaded (and merged) scenario came from."""

    lines: dict[Key, tuple[str, int]] = field(default_factory=dict)  # key path → (file, line)
    files: list[Path] = field(default_factory=list)  # this file and the files it extends

    def where(self, key: Key, default_file: str) -> tuple[str, int | None]:
        for n in range(len(key), -1, -1):
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


# ------------------------------------------------------------------ YAML with line numbers
def _walk(node, key: Key, fname: str, lines: dict, problems: list[Problem], loader) -> Any:
    import yaml

    lines[key] = (fname, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for knode, vnode in node.value:
            k = loader.construct_object(knode, deep=True)
            if not isinstance(k, (str, int, float, bool)) or k is None:
                problems.append(Problem(fname, knode.start_mark.line + 1, _key_text(key), "keys must be plain names"))
                continue
            k = str(k) if not isinstance(k, str) else k
            if k in out:
                problems.append(Problem(fname, knode.start_mark.line + 1, _key_text(key + (k,)),
                                        "duplicate key; remove one of them"))
            out[k] = _walk(vnode, key + (k,), fname, lines, problems, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(v, key + (i,), fname, lines, problems, loader) for i, v in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if node.tag.endswith(":int") and node.style is None and key and key[0] == "municipality":
        raw = node.value
        if raw.startswith("0") or not isinstance(value, str):
            shown = f"the number {value}" if str(value) != raw else "a number"
            problems.append(Problem(fname, node.start_mark.line + 1, _key_text(key),
                                    f'{raw} is read by YAML as {shown}; quote it: "{raw.zfill(4)}"'))
            return raw.zfill(4)
    return value


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, dict]:
    """Parse one file with the safe loader; return its data and a key → (file, line) map."""
    import yaml

    fname = _display(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(fname, None, "", "file not found"))
        return None, {}
    except UnicodeDecodeError as exc:
        problems.append(Problem(fname, None, "", f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None, {}
    except OSError as exc:
        problems.append(Problem(fname, None, "", f"cannot read: {exc.strerror}"))
        return None, {}
    lines: dict = {}
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(fname, None, "", "the file is empty; a scenario needs at least "
                                    'municipality: "4601" (see scenarios/bergen/baseline.yaml)'))
            return None, {}
        data = _walk(node, (), fname, lines, problems, loader)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        tag = (exc.problem or "").split("tag ")[-1].strip() if exc.problem else "?"
        problems.append(Problem(fname, mark.line + 1 if mark else None, "",
                                f"YAML tag {tag} is not allowed; scenario files hold plain values only"))
        return None, {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(fname, mark.line + 1 if mark else None, "",
                                f"YAML syntax error: {what}; check indentation, colons and quotes"))
        return None, {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        problems.append(Problem(fname, 1, "", "a scenario file is a mapping of keys (municipality:, period:, …)"))
        return None, {}
    return data, lines


def _merge(base: dict, over: dict) -> dict:
    """Deep merge: mappings merge key by key, everything else (lists included) is replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _load_tree(path: Path, problems: list[Problem], chain: tuple[Path, ...], source: Source) -> dict | None:
    data, lines = _read_yaml(path, problems)
    source.files.append(path)
    if data is None:
        return None
    parent = data.get("extends")
    if parent is not None:
        fname, line = lines.get(("extends",), (_display(path), None))
        if not isinstance(parent, str):
            problems.append(Problem(fname, line, "extends", "expected a file name, e.g. extends: baseline.yaml"))
            return None
        ppath = (path.parent / parent).resolve()
        if ppath in chain or ppath == path.resolve():
            cycle = " → ".join(p.name for p in (*chain, path.resolve(), ppath) if p is not None)
            problems.append(Problem(fname, line, "extends", f"cycle: {cycle}; remove one of the extends"))
            return None
        if not ppath.exists():
            problems.append(Problem(fname, line, "extends", f"file not found: {parent} (looked in {path.parent})"))
            return None
        pdata = _load_tree(ppath, problems, (*chain, path.resolve()), source)
        if pdata is None:
            return None
        data = _merge({k: v for k, v in pdata.items() if k != "extends"}, data)
    # this file's lines override the parent's; below a list or scalar it replaces, the parent's lines go
    for key, where in lines.items():
        if key and not isinstance(_get(data, key), dict):
            for old in [k for k in source.lines if k[: len(key)] == key and k not in lines]:
                del source.lines[old]
        if key:
            source.lines[key] = where
    return data


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
    "dict_type": "expected a mapping (key: value lines)", "list_type": "expected a list (lines starting with -)",
    "model_type": "expected a mapping (key: value lines)",
}


def _fields_at(key: Key) -> list[str]:
    """Keys allowed at a location of the schema (for did-you-mean); pydantic puts a measure's kind in its loc."""
    from forecast.scenario_schema import (AnnualRate, Adoption, FixedFte, Period, PopulationSettings, Scenario,
                                          ServiceSettings, TaskShare)

    measures = {"fixed_fte": FixedFte, "task_share": TaskShare, "annual_rate": AnnualRate}
    key = tuple(k for k in key if not isinstance(k, int))
    table = {(): Scenario, ("period",): Period, ("population",): PopulationSettings}
    if key in table:
        return list(table[key].model_fields)
    if len(key) == 2 and key[0] == "services":
        return list(ServiceSettings.model_fields)
    if len(key) >= 2 and key[0] == "automation" and key[1] in measures:
        return list((Adoption if key[2:] == ("adoption",) else measures[key[1]]).model_fields)
    return []


def _translate(err: dict, source: Source, fname: str) -> Problem:
    from forecast.scenario_schema import SERVICE_IDS

    loc = tuple(err["loc"])
    kind = err["type"]
    # drop discriminator tags pydantic inserts into the location of union members
    clean = tuple(k for k in loc if k not in ("fixed_fte", "task_share", "annual_rate"))
    if clean and clean[-1] == "[key]":
        clean = clean[:-1]
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = [f for f in _fields_at(loc[:-1]) if f != "kind"]
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        msg = f"unknown key '{loc[-1]}'; {hint}"
    elif kind == "literal_error" and loc and loc[-1] == "[key]":
        close = difflib.get_close_matches(str(value), SERVICE_IDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        msg = f"unknown service '{value}'; {hint}services are {', '.join(SERVICE_IDS)}"
        clean = clean + (value,)
    elif kind == "literal_error":
        msg = f"{value!r} is not allowed; use one of {err['ctx']['expected'].replace(' or ', ', ')}"
        if clean and clean[-1] == "variant":
            msg = f"unknown variant {value!r}; use one of MMMM (main), HHMH (high), LLML (low)"
    elif kind == "union_tag_invalid":
        msg = f"unknown measure kind {err['ctx']['tag']!r}; use one of fixed_fte, task_share, annual_rate"
        clean = clean + ("kind",)
    elif kind == "union_tag_not_found":
        msg = "missing key 'kind'; use one of fixed_fte, task_share, annual_rate"
    elif kind == "missing":
        msg = f"missing key '{clean[-1]}'"
        clean = clean[:-1] if len(clean) > 1 else clean
    elif kind in ("greater_than_equal", "greater_than"):
        msg = f"must be {err['ctx'].get('ge', err['ctx'].get('gt'))} or more, got {value}"
    elif kind == "value_error":
        msg = str(err["ctx"]["error"])
    elif kind in _TYPE_WORDS:
        msg = f"{_TYPE_WORDS[kind]}, got {value!r}"
    else:
        msg = err["msg"]
    file, line = source.where(clean, fname)
    return Problem(file, line, _key_text(clean), msg)


def _check_municipalities(scn: "Scenario", source: Source, fname: str) -> tuple[list[Problem], list[str]]:
    from forecast.data.regions import resolve_municipality
    from forecast.errors import DataError

    problems, codes = [], []
    for i, m in enumerate(scn.municipalities):
        key = ("municipality",) if isinstance(scn.municipality, str) else ("municipality", i)
        if m == "all":
            from forecast.data.regions import municipalities

            codes.extend(sorted(municipalities()))
            continue
        try:
            codes.append(resolve_municipality(m))
        except DataError as exc:
            file, line = source.where(key, fname)
            problems.append(Problem(file, line, _key_text(key), str(exc)))
    return problems, codes


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read, merge and validate a scenario file; raise ScenarioError listing every problem found."""
    from pydantic import ValidationError

    from forecast.scenario_schema import Scenario

    path = Path(path)
    fname = _display(path)
    problems: list[Problem] = []
    source = Source()
    data = _load_tree(path, problems, (), source)
    scn = None
    if data is not None:
        data.pop("extends", None)
        try:
            scn = Scenario.model_validate(data)
        except ValidationError as exc:
            problems.extend(_translate(e, source, fname) for e in exc.errors(include_url=False))
    if scn is not None:
        more, codes = _check_municipalities(scn, source, fname)
        problems.extend(more)
        if not more:
            scn = scn.model_copy(update={"municipality": codes[0] if len(codes) == 1 else codes})
    if problems:
        problems.sort(key=lambda p: (p.file != fname, p.file, p.line or 0))
        raise ScenarioError(problems)
    return LoadedScenario(name=path.stem, path=path, scenario=scn, files=source.files)


def scenario_from_dict(data: dict, name: str = "scenario") -> LoadedScenario:
    """Validate a scenario given as a Python mapping (API and notebooks)."""
    from pydantic import ValidationError

    from forecast.scenario_schema import Scenario

    source = Source()
    try:
        scn = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError([_translate(e, source, name) for e in exc.errors(include_url=False)]) from None
    problems, codes = _check_municipalities(scn, source, name)
    if problems:
        raise ScenarioError(problems)
    scn = scn.model_copy(update={"municipality": codes[0] if len(codes) == 1 else codes})
    return LoadedScenario(name=name, path=None, scenario=scn, files=[])
