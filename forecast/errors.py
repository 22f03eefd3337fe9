"""Our exception family: every bad input becomes one of these, shown without a traceback (exit code 2)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ForecastError(Exception):
    """Base for errors caused by the user's input or data; the CLI prints `str(err)` and exits 2."""


class DataError(ForecastError):
    """A data file is missing, unreadable or fails validation.

    `path` names the file; `rows` lists 1-based line numbers in that file (header = line 1) that are at fault.
    """

    def __init__(self, message: str, path: object | None = None, rows: list[int] | None = None, hint: str = ""):
        self.path = str(path) if path is not None else None
        self.rows = list(rows or [])
        self.hint = hint
        self.detail = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or ""
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows[:5])
            more = f" (and {len(self.rows) - 5} more)" if len(self.rows) > 5 else ""
            where += f": line {shown}{more}" if len(self.rows) == 1 else f": lines {shown}{more}"
        text = f"{where}: {self.detail}" if where else self.detail
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class Problem:
    """One problem found in a scenario file."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        key = f" {self.key}:" if self.key else ""
        return f"{self.file}{line}:{key} {self.message}"


@dataclass
class ScenarioError(ForecastError):
    """All problems found in a scenario file (and the files it extends), reported together."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __post_init__(self) -> None:
        super().__init__(str(self))


class ArgumentError(ForecastError):
    """A bad argument of a library call. The message names arguments as <name>; `str()` shows the plain name
    (`horizon must be 1 or more`), and a command line shows its own option for it (`--horizon must be …`)."""

    def __init__(self, template: str):
        self.template = template
        super().__init__(self.render({}))

    def render(self, options: dict[str, str]) -> str:
        """The message with each <name> replaced by options[name] (default: the name itself)."""
        import re

        return re.sub(r"<([a-z_]+)>", lambda m: options.get(m.group(1), m.group(1)), self.template)


class FileSystemError(ForecastError):
    """A file or folder the tool cannot read or write because of the user's environment (permissions, a read-only
    or full disk, a file-size limit, a wrong kind of path, a symlink loop): names the path and what to do."""

    def __init__(self, path: object, what: str, todo: str):
        self.path, self.what, self.todo = str(path), what, todo
        super().__init__(f"{self.path}: {what}; {todo}")


def _advice() -> dict[int, tuple[str, str]]:
    import errno

    space = "free some space or write somewhere else"
    table = {
        errno.EACCES: ("permission denied", "choose a place you may write to, or change its permissions"),
        errno.EPERM: ("operation not permitted (an immutable or protected file or folder?)",
                      "choose another place, or lift the protection (e.g. chattr -i)"),
        errno.EROFS: ("read-only file system", "write somewhere else"),
        errno.ENOSPC: ("no space left on the device", space),
        errno.EDQUOT: ("disk quota exceeded", space),
        errno.EFBIG: ("file too large (the file-size limit, ulimit -f, or the file system's)",
                      "raise the limit or write somewhere else"),
        errno.EISDIR: ("is a folder", "give a file name"),
        errno.ENOTDIR: ("a part of the path is a file, not a folder", "check the path"),
        errno.EEXIST: ("already exists and is not a folder", "give a folder, or move the file away"),
        errno.ENOTEMPTY: ("a folder that is not empty is in the way", "move it away or write somewhere else"),
        errno.ELOOP: ("a symlink loop (a link that points back to itself)", "fix or remove the link"),
        errno.ENAMETOOLONG: ("the name is too long", "use a shorter path"),
        errno.ENOENT: ("not found", "check the path"),
        errno.EIO: ("input/output error (a failing disk or a lost network drive?)",
                    "check the device, or write somewhere else"),
        errno.EBUSY: ("busy (in use by another program)", "close what uses it and try again"),
        errno.ETXTBSY: ("busy (in use by another program)", "close what uses it and try again"),
        errno.EMFILE: ("too many open files", "raise the limit (ulimit -n)"),
        errno.ENFILE: ("too many open files on the system", "close some programs and try again"),
        errno.ENXIO: ("no such device or address", "give a regular file"),
        errno.ENODEV: ("no such device", "give a regular file"),
        errno.ESPIPE: ("not a regular file", "give a regular file"),
    }
    return table


def from_os_error(exc: OSError, path: object | None = None) -> FileSystemError | None:
    """The error to show for an OSError caused by the user's environment (exit code 2), naming `path` (the one the
    user gave; else the error's own); None for an error number that points at a bug rather than the environment."""
    advice = _advice().get(exc.errno or 0)
    if advice is None:
        return None
    where = path if path is not None else exc.filename  # the caller knows the path the user gave
    return FileSystemError(where if where is not None else "(unknown path)", *advice)


def file_kind(path: object) -> str | None:
    """What `path` is where it is not a regular file ('a folder', 'a FIFO (named pipe)', 'a device', 'a socket');
    None for a regular file or nothing there. Follows symlinks and never opens the path (a FIFO would block, a
    device never end); an OSError (a symlink loop, no permission) is the caller's."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode  # type: ignore[arg-type]
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return None
    return ("a folder" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "not a file")
