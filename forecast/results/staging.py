"""The mechanics behind forecast.results.writing: our temporary names, cleaning up what stopped runs left, and
committing an output set (an atomic exchange of two folders, or file by file where that is not possible).

Every temporary name is `.forecast-<pid>-<8 hex>-<target name>.<tmp|new|old>`; inside a staging folder, a file
being written is `.forecast-part-<name>` until it is complete. A temporary whose process no longer runs (or that
is a day old) is stale: files are removed, and a staging folder loses what is provably ours (files its own
manifest lists with the sha256 recorded there, our partial files, hard links of files that are in the target) and
goes if that empties it; a `.old` folder whose target is missing is the previous set, and is put back.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import stat
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from forecast.errors import FileSystemError, from_os_error

MANIFEST = "manifest.json"
PREFIX = ".forecast-"
PART = PREFIX + "part-"
_NAME = re.compile(r"^\.forecast-(\d{1,9})-[0-9a-f]{8}-(.*)\.(tmp|new|old)$")
_LEGACY = re.compile(r"^\.(.+)\.[a-z0-9_]{8}\.tmp$")  # before this version: .NAME.XXXXXXXX.tmp (tempfile)
STALE_AFTER, LEGACY_AFTER = 24 * 3600, 3600  # seconds


@contextmanager
def io_error(path: Path):
    """OSErrors of the user's environment become FileSystemError naming `path` (exit code 2)."""
    try:
        yield
    except OSError as exc:
        err = from_os_error(exc, path)
        if err is None:
            raise
        raise err from None


def new_name(folder: Path, name: str, kind: str) -> Path:
    return folder / f"{PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{name}.{kind}"


def write_file(path: Path, payload: bytes) -> None:
    """A new file (never an existing one), flushed to disk; permissions as the umask allows for any file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def our_manifest(folder: Path) -> dict[str, str] | None:
    """Output name → sha256 as the manifest.json in `folder` records them; None when there is none of ours."""
    path = Path(folder) / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size > 50_000_000:
            return None
        man = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(man, dict) or not isinstance(man.get("outputs"), dict) or "versions" not in man:
        return None
    out = {}
    for name, entry in man["outputs"].items():
        if isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and _plain(name):
            out[name] = entry["sha256"]
    return out


def _plain(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\x00" not in name


def _digest(path: Path) -> str | None:
    import hashlib

    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _is_ours(entry: os.DirEntry, listed: dict[str, str]) -> bool:
    """A regular file that the manifest lists with the sha256 its content still has."""
    return entry.name in listed and entry.is_file(follow_symlinks=False) and _digest(Path(entry.path)) == listed[
        entry.name]


# ---------------------------------------------------------------------------------------------- stale temporaries
def _stale(pid: int, path: str) -> bool:
    try:
        age = time.time() - os.lstat(path).st_mtime
    except OSError:
        return False
    if pid == os.getpid():
        return False
    if age > STALE_AFTER or pid < 1:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False
    return False


def clean_stale(folder: Path) -> list[str]:
    """Remove what stopped runs of this tool left in `folder`; warnings for staging folders that hold other files."""
    warnings: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return warnings
    for entry in entries:
        try:
            warnings += _clean_entry(Path(folder), entry)
        except OSError as exc:  # cleaning up must never stop a run: say what is left
            warnings.append(f"could not remove {entry.path} ({exc.strerror}), left by a stopped run of forecast; "
                            "remove it yourself")
    return warnings


def _clean_entry(folder: Path, entry: os.DirEntry) -> list[str]:
    m = _NAME.match(entry.name)
    if m and _stale(int(m.group(1)), entry.path):
        if m.group(3) == "tmp" and not entry.is_dir(follow_symlinks=False):
            Path(entry.path).unlink(missing_ok=True)
        elif entry.is_dir(follow_symlinks=False):
            target = folder / m.group(2) if m.group(2) else folder
            return _clean_folder(Path(entry.path), target, restore=m.group(3) == "old")
        return []
    legacy = _LEGACY.match(entry.name)
    if legacy and entry.is_file(follow_symlinks=False) and (folder / legacy.group(1)).is_file() and \
            time.time() - entry.stat(follow_symlinks=False).st_mtime > LEGACY_AFTER:
        Path(entry.path).unlink(missing_ok=True)
    return []


def _inodes(folder: Path) -> set[tuple[int, int]]:
    try:
        return {(e.stat(follow_symlinks=False).st_dev, e.stat(follow_symlinks=False).st_ino)
                for e in os.scandir(folder)}
    except OSError:
        return set()


def _clean_folder(stage: Path, target: Path, restore: bool = False) -> list[str]:
    """Empty a staging folder of what is provably ours, and remove it; put a previous set back where it belongs."""
    if restore and not os.path.lexists(target):
        os.rename(stage, target)  # stopped between moving the previous set aside and the new one in
        return []
    listed = our_manifest(stage) or {}
    linked = _inodes(target) if target != stage.parent else set()
    for entry in list(os.scandir(stage)):
        st = entry.stat(follow_symlinks=False)
        if entry.name.startswith(PREFIX) and not entry.is_dir(follow_symlinks=False):
            os.unlink(entry.path)  # our partial file
        elif (st.st_dev, st.st_ino) in linked or (entry.name != MANIFEST and _is_ours(entry, listed)):
            os.unlink(entry.path)
    if our_manifest(stage) is not None and [e.name for e in os.scandir(stage)] == [MANIFEST]:
        os.unlink(stage / MANIFEST)
    try:
        os.rmdir(stage)
    except OSError:
        return [f"left {stage}: forecast was writing there when it was stopped, and it holds files forecast did not "
                "write; look through it and remove it"]
    return []


# ---------------------------------------------------------------------------------------------- committing a set
@dataclass
class _Plan:
    """What is in the target folder now, and what becomes of it."""

    ours: list[str] = field(default_factory=list)  # files of the previous set, unchanged: replaced or removed
    previous: dict[str, str] = field(default_factory=dict)  # the previous manifest's outputs: name → sha256
    carried: dict[str, str] = field(default_factory=dict)  # the user's entries: name → name in the new set
    swappable: bool = True  # the folder can be exchanged whole (nothing in it that cannot be hard-linked)
    warnings: list[str] = field(default_factory=list)


def _kept_name(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.partition(".") if not name.startswith(".") else (name, "", "")
    for n in range(1, 1000):
        candidate = f"{stem}.kept{'' if n == 1 else f'-{n}'}{dot}{ext}"
        if candidate not in taken:
            return candidate
    raise FileSystemError(name, "too many kept copies", "move the .kept files away")


def _plan(target: Path, names: set[str]) -> _Plan:
    plan = _Plan()
    if not target.is_dir():
        return plan
    previous = our_manifest(target)
    listed = plan.previous = previous or {}
    entries = [e for e in os.scandir(target) if not e.name.startswith(PREFIX)]
    taken = {e.name for e in entries} | names
    for e in entries:
        if (e.name == MANIFEST and previous is not None) or _is_ours(e, listed):
            plan.ours.append(e.name)
            continue
        if not (e.is_file(follow_symlinks=False) or e.is_symlink()):
            plan.swappable = False
        why = "changed since forecast wrote it" if e.name in listed else "not written by forecast"
        if e.name in names:
            kept = _kept_name(e.name, taken)
            taken.add(kept)
            plan.carried[e.name] = kept
            plan.warnings.append(f"kept {target / e.name} ({why}) as {kept}; the new {e.name} is beside it")
        else:
            plan.carried[e.name] = e.name
            if e.name in listed:
                plan.warnings.append(f"kept {target / e.name}: {why}, so it is not removed")
    try:
        cwd = os.path.realpath(os.getcwd())
    except OSError:
        cwd = ""
    real = os.path.realpath(target)
    if cwd == real or cwd.startswith(real.rstrip(os.sep) + os.sep):
        plan.swappable = False  # exchanging the folder the user stands in would leave them in the old one
    return plan


def commit(target: Path, contents: dict[str, bytes], digests: dict[str, str]) -> list[str]:
    """Make `target` hold `contents` (manifest.json included) and the user's entries found there; return warnings."""
    plan = _plan(target, set(contents))
    if plan.swappable:
        try:
            _swap(target, contents, plan)
            return plan.warnings
        except _CannotSwap:
            plan = _plan(target, set(contents))
    with io_error(target):
        _in_place(target, contents, plan)
    return plan.warnings


class _CannotSwap(Exception):
    """The folder cannot be swapped whole here (no permission beside it, another file system, no exchange)."""


def _stage(stage: Path, contents: dict[str, bytes]) -> None:
    for name, data in contents.items():
        part = stage / f"{PART}{name}"
        write_file(part, data)
        os.replace(part, stage / name)


def _swap(target: Path, contents: dict[str, bytes], plan: _Plan) -> None:
    stage = new_name(target.parent, target.name, "new")
    try:
        os.mkdir(stage, 0o700)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise _CannotSwap from None
        raise from_os_error(exc, target.parent) or exc from None
    exists = target.is_dir()
    try:
        with io_error(target):
            os.chmod(stage, stat.S_IMODE(os.stat(target).st_mode) if exists else 0o777 & ~_umask())
            _stage(stage, contents)
            for name, new in plan.carried.items():
                try:
                    os.link(target / name, stage / new, follow_symlinks=False)
                except OSError:
                    raise _CannotSwap from None
            _fsync_dir(stage)
            if not exists:
                os.rename(stage, target)
                _fsync_dir(target.parent)
                return
            _exchange(stage, target)
    except BaseException:
        _remove_stage(stage)
        raise
    _fsync_dir(target.parent)
    _clean_folder(stage, target)  # now the previous set: ours go, links of what was carried go


def _remove_stage(stage: Path) -> None:
    """Remove a staging folder this process made (only our files and links of files still in the target)."""
    try:
        for entry in os.scandir(stage):
            os.unlink(entry.path)
        os.rmdir(stage)
    except OSError:
        pass


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); else move b aside and a in."""
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fn = getattr(libc, "renameat2", None)
        if fn is not None:
            fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            at_fdcwd, rename_exchange = -100, 2
            if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
                return
            err = ctypes.get_errno()
            if err == errno.EXDEV:
                raise _CannotSwap
            if err not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
                raise OSError(err, os.strerror(err), str(b))
    old = new_name(b.parent, b.name, "old")
    os.rename(b, old)
    try:
        os.rename(a, b)
    except BaseException:
        os.rename(old, b)
        raise
    os.rename(old, a)  # `a` now names the previous set, as after an exchange


def _in_place(target: Path, contents: dict[str, bytes], plan: _Plan) -> None:
    """Stage inside the folder, then move each file into place (the manifest last); the user's entries stay."""
    target.mkdir(parents=True, exist_ok=True)
    stage = new_name(target, "", "new")
    os.mkdir(stage, 0o700)
    try:
        _stage(stage, contents)
        for name, new in plan.carried.items():
            if new != name:
                os.rename(target / name, target / new)
        for name in sorted(contents, key=lambda n: n == MANIFEST):
            os.replace(stage / name, target / name)
    except BaseException:
        _remove_stage(stage)
        raise
    os.rmdir(stage)
    for name in plan.ours:  # the previous set's files this one does not write, if still unchanged
        path = target / name
        if name not in contents and not path.is_symlink() and _digest(path) == plan.previous.get(name):
            os.unlink(path)
    _fsync_dir(target)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

