"""Every notebook in notebooks/ runs top to bottom on the shipped data, offline, and is stored without outputs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ["01-bergen-walkthrough.ipynb", "02-writing-scenarios.ipynb", "03-model-accuracy.ipynb"]


def test_the_three_notebooks_ship():
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{path.name} has no code cells"
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
             and (c.get("outputs") or c.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; clear them before committing"


@pytest.fixture(scope="module")
def kernel_spec_dir(tmp_path_factory) -> Path:
    """A kernel spec that starts this interpreter (the venv running the tests), not whatever `python` is on PATH."""
    folder = tmp_path_factory.mktemp("kernels") / "forecast-tests"
    folder.mkdir()
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "forecast tests", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder.parent


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path: Path, kernel_spec_dir: Path, monkeypatch):
    # the shipped data only: no user cache from `forecast data fetch`, no other data folder, and any HTTP request
    # goes to a closed port (the kernel itself talks over ZeroMQ, not HTTP)
    monkeypatch.setenv("FORECAST_CACHE", str(kernel_spec_dir / "empty-cache"))
    monkeypatch.delenv("FORECAST_DATA", raising=False)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # conftest sets Agg: no pictures
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    for var in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name="forecast-tests",
                       kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernel_spec_dir)]))
    client = nbclient.NotebookClient(nb, km=km, timeout=180, resources={"metadata": {"path": str(ROOT)}})
    client.execute()  # raises CellExecutionError, naming the cell, on the first error
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert any("image/png" in o.get("data", {}) for o in shown), f"{path.name} draws no chart"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_links_to_the_docs_resolve(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    links = [link for link in re.findall(r"\]\(([^)\s#]+)", text) if not link.startswith("http")]
    assert links, f"{path.name} links to none of the docs"
    assert [link for link in links if not (path.parent / link).exists()] == []
