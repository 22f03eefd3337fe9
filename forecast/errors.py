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
