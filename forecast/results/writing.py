"""Writing results: single files atomically, output sets (a folder of files and their manifest.json) all or
nothing, and the reproducibility manifest.

- A single file (`write_atomic`) is written to a temporary file beside it and renamed over it.
- An output set (`write_set`: `run --out`, `report --out`) is built in a folder beside the target and swapped in
  with one atomic exchange of the two folders (Linux renameat2), so a failure or a kill at any moment leaves
  either the previous set or the new one, each consistent with its manifest. Where the folder cannot be swapped
  whole (it holds folders of the user's, it is the current directory, or a swap is not possible on its file
  system), the files are staged inside it and moved into place one by one, the manifest last.
- Only what is ours is removed: a file of the previous set goes only if the previous manifest lists it and its
  content still has the sha256 recorded there. A user's file, or an output the user edited, is kept (renamed
  `NAME.kept.EXT` where a new output takes its name) and named in a warning.
- Our temporary names start with `.forecast-<pid>-`; those of processes that no longer run are cleaned up
  (forecast.results.staging).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from forecast.errors import ArgumentError, FileSystemError, file_kind, from_os_error
from forecast.results import staging
from forecast.results.staging import MANIFEST, io_error, our_manifest

if TYPE_CHECKING:
    from forecast.results.frame import Result


@dataclass
class Written:
    """What an output set holds once written (file name → path, manifest.json included), and warnings about the
    user's files found there (kept, not removed)."""

    files: dict[str, Path]
    warnings: list[str] = field(default_factory=list)


def _kind(path: Path) -> str | None:
    """'a folder', 'a device', … for what is not a regular file; None for a regular file or nothing there."""
    try:
        return file_kind(path)
    except OSError as exc:
        raise from_os_error(exc, path) or exc from None


def file_target(path: Path) -> Path:
    """Where a single output file goes: the path, or the file a symlink names; a folder, device or FIFO there is
    refused (renaming over it would replace it)."""
    what = _kind(path)
    if what == "a folder":
        raise FileSystemError(path, "is a folder", f"give a file name, e.g. {Path(path) / 'output'}")
    if what:
        raise FileSystemError(path, f"not a regular file but {what}", "give the path of a file to write")
    return _real(path)


def folder_target(path: Path) -> Path:
    """Where an output set goes: the folder, or the folder a symlink names."""
    _kind(path)  # a symlink loop is an error here
    return _real(path)


def _real(path: Path) -> Path:
    """The path, or where it really is if it is a symlink or its parent is not its lexical one ('.', '..')."""
    return Path(os.path.realpath(path)) if os.path.islink(path) or Path(path).name in ("", "..") else Path(path)


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` via a temporary file in the same folder, so readers never see a half-written file
    and a failure leaves the previous file as it was. A symlink is followed (the file it names is replaced)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = file_target(path)
    with io_error(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.clean_stale(target.parent)
    tmp = staging.new_name(target.parent, target.name, "tmp")
    try:
        with io_error(target):
            staging.write_file(tmp, payload)
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_set(out_dir: Path, files: dict[str, bytes], make_manifest: Callable[[dict[str, Path], dict[str, str]], dict]
              ) -> Written:
    """Write an output set into the folder `out_dir` (created if missing): `files` (name → content) and
    manifest.json from `make_manifest(paths, sha256s)`. All or nothing; the previous set's files that this one does
    not write are removed if unchanged, the user's files kept (see the module's docstring)."""
    out_dir = Path(out_dir)
    target = folder_target(out_dir)
    if target.exists() and not target.is_dir():
        raise ArgumentError(f"<out> {out_dir} is a file; give a folder to write into (it is created if missing)")
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    paths = {name: out_dir / name for name in files}
    man = make_manifest(paths, digests)
    contents = {MANIFEST: (json.dumps(man, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), **files}
    with io_error(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
        warnings = staging.clean_stale(target.parent)
    if target.is_dir():
        with io_error(target):
            warnings += staging.clean_stale(target)
    warnings += staging.commit(target, contents, digests)
    return Written({**paths, MANIFEST: out_dir / MANIFEST}, warnings)


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


def manifest(result: "Result", command: list[str] | None = None, outputs: dict[str, Path] | None = None,
             digests: dict[str, str] | None = None) -> dict:
    """What a result rests on: input files with sha256, package versions, command line, time, assumptions; the
    outputs with their sha256 (`digests`, or read from the files)."""
    files = []
    for p in dict.fromkeys(Path(p) for p in result.inputs):
        if p.is_file():
            files.append({"path": str(p), "sha256": sha256(p), "bytes": p.stat().st_size})
    digests = digests or {}
    return {
        "scenarios": result.scenarios,
        "title": result.title,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command if command is not None else sys.argv,
        "versions": versions(),
        "inputs": files,
        "outputs": {k: {"path": str(v), "sha256": digests.get(k) or sha256(v)} for k, v in (outputs or {}).items()},
        "notes": result.note_texts(),
        "assumptions": result.assumption_texts(),
        "note_records": [n.to_json() for n in result.notes],
    }


def write_result(result: "Result", out_dir: Path, command: list[str] | None = None) -> Written:
    """Write result.csv and manifest.json into `out_dir` as one output set."""
    data = {"result.csv": result.frame.to_csv(index=False).encode("utf-8")}
    return write_set(Path(out_dir), data, lambda paths, digests: manifest(result, command, paths, digests))


__all__ = ["MANIFEST", "Written", "manifest", "our_manifest", "sha256", "versions", "write_atomic", "write_result",
           "write_set"]
