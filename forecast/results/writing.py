"""Writing results: atomic file writes (temporary file, then rename) and the reproducibility manifest."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forecast.results.frame import Result


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` via a temporary file in the same folder, so readers never see a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a result file is as readable as any the user writes
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for pkg in ("forecast", "pandas", "numpy", "statsmodels", "prophet", "matplotlib", "pydantic", "typer"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def manifest(result: "Result", command: list[str] | None = None, outputs: dict[str, Path] | None = None) -> dict:
    """What a result rests on: input files with sha256, package versions, command line, time, assumptions."""
    files = []
    for p in dict.fromkeys(Path(p) for p in result.inputs):
        if p.exists():
            files.append({"path": str(p), "sha256": sha256(p), "bytes": p.stat().st_size})
    return {
        "scenarios": result.scenarios,
        "title": result.title,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command if command is not None else sys.argv,
        "versions": versions(),
        "inputs": files,
        "outputs": {k: {"path": str(v), "sha256": sha256(v)} for k, v in (outputs or {}).items()},
        "notes": result.note_texts(),
        "assumptions": result.assumption_texts(),
        "note_records": [n.to_json() for n in result.notes],
    }


def write_result(result: "Result", out_dir: Path, command: list[str] | None = None) -> dict[str, Path]:
    """Write result.csv and manifest.json into `out_dir` (each atomically); return their paths."""
    out_dir = Path(out_dir)
    csv_path = write_atomic(out_dir / "result.csv", result.frame.to_csv(index=False))
    man = manifest(result, command, {"result.csv": csv_path})
    man_path = write_atomic(out_dir / "manifest.json", json.dumps(man, indent=2, ensure_ascii=False) + "\n")
    return {"result.csv": csv_path, "manifest.json": man_path}
