"""The shape of the house (docs/architecture.md), read from the code with `ast`: no import cycles, the model never
imports the command line or the report, the report reads only results and the vocabulary, modules stay small, and
notebooks and docs use only the public API.

Imports inside functions count: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "forecast"
MODEL = ("population", "trends", "need", "workforce", "uncertainty")  # packages that compute
MAX_LINES = 400
LOW = {"vocabulary": set(), "errors": set(), "version": set(), "processes": set(),
       "results": {"vocabulary", "errors"}}
ALLOWED = {  # package → the packages it may import (docs/architecture.md); the API and the CLI may import any
    **LOW,
    "data": {"errors", "vocabulary", "results"},
    "scenario": {"data", "errors", "vocabulary", "results"},
    "population": {"data", "errors", "vocabulary", "results"},
    "trends": {"data", "population", "errors", "vocabulary", "results", "processes"},
    "need": {"data", "scenario", "population", "trends", "errors", "vocabulary", "results", "processes"},
    "workforce": {"data", "scenario", "errors", "vocabulary", "results"},
    # the draws reuse the deterministic model read-only; nothing below them imports them (the API and CLI may)
    "uncertainty": {"data", "scenario", "population", "trends", "need", "workforce", "errors", "vocabulary"},
    "report": {"results", "vocabulary", "errors", "version", "processes"},
}


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imported(path: Path, name: str, is_package: bool) -> set[str]:
    """Every forecast module `path` imports (at any depth of the file), by full name."""
    here = name.split(".") if is_package else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - (node.level - 1)] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out |= {f"{module}.{a.name}" for a in node.names}
    return {n for n in out if n.split(".")[0] == "forecast"}


def graph() -> dict[str, set[str]]:
    """module → the modules it imports (a name resolved to the deepest existing module; a module's own packages
    are not edges)."""
    mods = modules()

    def target(name: str) -> str:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name

    edges = {}
    for name, path in mods.items():
        found = {target(n) for n in imported(path, name, path.name == "__init__.py")}
        # importing one's own package is not an edge, except the root: `import forecast` pulls in the public API
        edges[name] = {t for t in found if t and t != name and (t == "forecast" or not name.startswith(t + "."))}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def package_of(module: str) -> str:
    """forecast.need.run → need; forecast.api → api; forecast (the root) → forecast."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "forecast"


def violations(edges: dict[str, set[str]]) -> list[str]:
    """Edges the architecture forbids."""
    out = []
    for src, targets in edges.items():
        for dst in targets:
            a, b = package_of(src), package_of(dst)
            if a == b or a not in ALLOWED or b in ALLOWED[a]:
                continue
            if a in MODEL and b in ("cli", "report"):
                out.append(f"{src} → {dst}: a model package imports the {b}")
            elif a == "report":
                out.append(f"{src} → {dst}: the report reads only results and the vocabulary")
            else:
                out.append(f"{src} → {dst}: {a} may import only {', '.join(sorted(ALLOWED[a])) or 'nothing'}")
    return sorted(out)


def test_the_import_graph_has_no_cycle():
    assert cycles(graph()) == []


def test_no_forbidden_imports():
    assert violations(graph()) == []


def test_the_draws_import_exactly_the_packages_they_are_allowed():
    """forecast.uncertainty sits on top of the model: its allowed set is what it imports, no more (so the table in
    docs/architecture.md stays true), and no package below the API imports it."""
    edges = graph()
    used = {package_of(d) for s, ds in edges.items() if package_of(s) == "uncertainty" for d in ds} - {"uncertainty"}
    assert used == ALLOWED["uncertainty"]
    assert not [s for s, ds in edges.items() if package_of(s) in ALLOWED and package_of(s) != "uncertainty"
                and any(package_of(d) == "uncertainty" for d in ds)]


def test_the_checks_fail_on_what_they_forbid():
    """The checks above are not vacuous: a cycle, the model importing the CLI and the report importing the model
    are each found."""
    edges = {"forecast.need.run": {"forecast.cli.run"}, "forecast.cli.run": {"forecast.need.run"},
             "forecast.report.build": {"forecast.population.projection"}, "forecast.population.projection": set()}
    assert cycles(edges) == [["forecast.cli.run", "forecast.need.run"]]
    assert violations(edges) == [
        "forecast.need.run → forecast.cli.run: a model package imports the cli",
        "forecast.report.build → forecast.population.projection: the report reads only results and the vocabulary"]


def test_modules_stay_small():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def python_in_docs() -> list[tuple[str, str]]:
    """(where, code) of every code cell of the notebooks and every ```python block of the docs."""
    out = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                out.append((f"{nb.name} cell {i}", "".join(cell["source"])))
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            out.append((doc.name, block))
    return out


@pytest.mark.parametrize("where, code", python_in_docs(), ids=[w for w, _ in python_in_docs()])
def test_notebooks_and_docs_use_only_the_public_api(where, code):
    import forecast

    private = [m for m in re.findall(r"^\s*(?:from|import) (forecast[\w.]*)", code, re.M) if m != "forecast"]
    assert private == [], f"{where} imports {private}; use forecast.<function> ({', '.join(forecast.__all__)})"
    for name in re.findall(r"\bforecast\.(\w+)", code):
        assert name in forecast.__all__, f"{where} uses forecast.{name}, which is not in forecast.__all__"
