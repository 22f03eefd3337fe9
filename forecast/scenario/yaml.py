"""Scenario files as YAML: the safe loader with a line number for every key, `extends` (mappings merge key by key,
lists replace), and problems that name the file and line. Nothing else of YAML is allowed: tags, self-referring
aliases and alias bombs are problems, not objects."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forecast.errors import Problem

Key = tuple  # a path of keys and list indices, e.g. ("automation", 0, "fte")

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}



def _limits() -> tuple[int, int, int]:
    """Most bytes, values and levels of nesting a scenario file may hold (data/parameters/bounds.yaml)."""
    from forecast.data.parameters import bounds

    b = bounds()
    return b.scenario_max_bytes, b.scenario_max_values, b.scenario_max_depth


def kind_of_path(path: Path) -> str | None:
    """Why `path` cannot be read as a file (a folder, a device, a FIFO, a symlink loop), or None: a regular file or
    missing (missing is for the caller to say). Never opens the path: a FIFO would block, a device never end."""
    import errno

    from forecast.errors import file_kind

    try:
        what = file_kind(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop (a link that points back to itself); fix or remove the link"
        return None if exc.errno == errno.ENOTDIR else f"cannot read: {exc.strerror}"
    return f"not a regular file but {what}; give a scenario YAML file" if what else None


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


def real(path: Path) -> Path:
    """The absolute path with symlinks followed; a symlink loop is left as it is (Path.resolve would raise)."""
    import os

    return Path(os.path.realpath(path))


def display(path: Path) -> str:
    try:
        return str(real(path).relative_to(real(Path.cwd())))
    except ValueError:
        return str(path)


def key_text(key: Key) -> str:
    out = ""
    for k in key:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


def short(value: Any, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


class _Walker:
    """Turn a composed YAML node tree into plain Python values, recording the line of every key."""

    def __init__(self, fname: str, loader, problems: list[Problem], source: Source):
        self.fname, self.loader, self.problems, self.source = fname, loader, problems, source
        self.lines: dict[Key, tuple[str, int]] = {}
        self.count = 0
        _, self.max_values, self.max_depth = _limits()

    def problem(self, node, key: Key, message: str) -> None:
        self.problems.append(Problem(self.fname, node.start_mark.line + 1, key_text(key), message))
        self.source.rejected.add(key)

    def walk(self, node, key: Key, ancestors: frozenset = frozenset()) -> Any:
        import yaml

        self.count += 1
        if self.count > self.max_values:
            raise _TooBig(node, f"the file expands to more than {self.max_values:,} values (YAML aliases?); write "
                                "the values out (data/parameters/bounds.yaml: scenario_max_values)")
        if len(key) > self.max_depth:
            raise _TooBig(node, f"nested more than {self.max_depth} levels deep; scenario keys are at most four "
                                "levels deep (data/parameters/bounds.yaml: scenario_max_depth)")
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
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            self.problem(node, key, f"a number of {len(node.value):,} digits is too large; write a number"
                         if node.tag == _CORE + "int" else f"cannot read {short(node.value)} ({exc}); write a plain "
                         "number or text")
            return None
        if key and key[0] == "municipality" and node.tag == _CORE + "int" and node.style is None:
            raw = node.value
            shown = f"the number {value}" if str(value) != raw else "a number"
            self.problem(node, key, f'{raw} is read by YAML as {shown}; quote it: "{raw.zfill(4)}"')
            return raw.zfill(4)
        return value


class _TooBig(Exception):
    def __init__(self, node, message: str):
        self.node, self.message = node, message


def _yaml_problem(fname: str, exc: Exception, text: str) -> Problem:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow (NUL, other control characters)
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        return Problem(fname, line, "", f"the control character U+{exc.character:04X} is not allowed in a scenario "
                                        "file; remove it (or save the file as plain UTF-8 text)"
                       if isinstance(exc.character, int) else f"unreadable character: {exc.reason}")
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

    fname = display(path)
    max_bytes = _limits()[0]
    why = kind_of_path(path)
    if why:
        problems.append(Problem(fname, None, "", why))
        return None, {}
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:
            problems.append(Problem(fname, None, "", f"the file is larger than {max_bytes:,} bytes, too large for "
                                    "a scenario (data/parameters/bounds.yaml: scenario_max_bytes); is it a data file?"))
            return None, {}
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        problems.append(Problem(fname, None, "", "file not found; check the path"))
        return None, {}
    except UnicodeDecodeError as exc:
        problems.append(Problem(fname, None, "", f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None, {}
    except OSError as exc:
        problems.append(Problem(fname, None, "", f"cannot read: {exc.strerror}"))
        return None, {}
    loader = walker = None
    try:
        loader = yaml.SafeLoader(text)
        walker = _Walker(fname, loader, problems, source)
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(fname, None, "", "the file is empty; a scenario needs at least "
                                    'municipality: "4601" (see scenarios/bergen/baseline.yaml)'))
            return None, {}
        data = walker.walk(node, ())
    except _TooBig as exc:
        problems.append(Problem(fname, exc.node.start_mark.line + 1, "", exc.message))
        return None, {}
    except RecursionError:  # the parser recurses per level of nesting: thousands of [[[ exhaust its stack
        _, _, depth = _limits()
        problems.append(Problem(fname, None, "", f"nested more than {depth} levels deep; scenario keys are at most "
                                "four levels deep (data/parameters/bounds.yaml: scenario_max_depth)"))
        return None, {}
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(fname, exc, text))
        return None, {}
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        if data is not None or () not in source.rejected:
            problems.append(Problem(fname, 1, "", "a scenario file is a mapping of keys "
                                                  '(municipality: "4601", period: …); see scenarios/bergen/baseline.yaml'))
        return None, {}
    return data, walker.lines


def _merge(base: dict, over: dict) -> dict:
    """Deep merge: mappings merge key by key, everything else (lists and ranges included) is replaced."""
    from forecast.scenario.ranges import is_range

    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) and not is_range(v) else v
    return out


NOT_INHERITED = ("reference", "description")  # keys that belong to the file that sets them, not to the files extending it


def load_tree(path: Path, problems: list[Problem], chain: tuple[Path, ...], source: Source) -> dict | None:
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
            for key in NOT_INHERITED:
                if key not in data:
                    pdata.pop(key, None)
                    source.lines = {k: v for k, v in source.lines.items() if k[:1] != (key,)}
            data = _merge(pdata, data)
    # this file's lines override the parent's; below a list or scalar it replaces, the parent's lines go
    for key, where in lines.items():
        if not isinstance(get(data, key), dict):
            for old in [k for k in source.lines if k[: len(key)] == key and k not in lines]:
                del source.lines[old]
        source.lines[key] = where
    return data


def _load_parent(path: Path, parent: Any, lines: dict, problems: list[Problem], chain: tuple[Path, ...],
                 source: Source) -> dict | None:
    fname, line = lines.get(("extends",), (display(path), None))
    if ("extends",) in source.rejected:
        return None
    if not isinstance(parent, str) or not parent.strip():
        problems.append(Problem(fname, line, "extends", "expected a file name, e.g. extends: baseline.yaml"))
        return None
    ppath = real(path.parent / parent)
    here = real(path)
    if ppath in chain or ppath == here:
        cycle = " → ".join(p.name for p in (*chain, here, ppath))
        problems.append(Problem(fname, line, "extends", f"cycle: {cycle}; remove one of the extends"))
        return None
    why = kind_of_path(ppath)
    if why:
        problems.append(Problem(fname, line, "extends", f"{parent}: {why}"))
        return None
    if not ppath.is_file():
        near = sorted(p.name for p in ppath.parent.glob("*.y*ml")) if ppath.parent.is_dir() else []
        close = difflib.get_close_matches(ppath.name, near, n=1, cutoff=0.75)
        hint = f"did you mean {close[0]}?" if close else "the path is relative to the file that extends it"
        problems.append(Problem(fname, line, "extends", f"file not found: {parent} (looked for {display(ppath)}); "
                                                        + hint))
        return None
    return load_tree(ppath, problems, (*chain, here), source)


def get(data: Any, key: Key) -> Any:
    for k in key:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return None
    return data
