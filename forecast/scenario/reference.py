"""Which scenario the others are compared with: the one named by the caller (`--reference FILE`), else the one
whose file says `reference: true`, else the first given. A shell glob that lists another file first no longer
changes the reference once a file is marked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import ArgumentError

if TYPE_CHECKING:
    from forecast.scenario.load import LoadedScenario

CHOSEN_BY = ("option", "marked", "first")  # why a scenario is the reference


def reference_first(loaded: list["LoadedScenario"], reference: "LoadedScenario | None" = None
                    ) -> tuple[list["LoadedScenario"], str]:
    """The scenarios with the reference first (the others in the order given), and why it is the reference:
    "option" (given as `reference`; added if it is not among them), "marked" (its file says `reference: true`)
    or "first" (none marked)."""
    if reference is not None:
        same = [s for s in loaded if _same(s, reference)]
        rest = [s for s in loaded if not _same(s, reference)]
        return [same[0] if same else reference, *rest], "option"
    marked = [s for s in loaded if s.scenario.reference]
    if len(marked) > 1:
        names = ", ".join(str(s.path or s.name) for s in marked)
        raise ArgumentError(f"{len(marked)} scenarios say reference: true ({names}); keep it in one file, or "
                            "choose the reference with <reference>")
    if marked:
        return [marked[0], *[s for s in loaded if s is not marked[0]]], "marked"
    return list(loaded), "first"


def _same(a: "LoadedScenario", b: "LoadedScenario") -> bool:
    if a.path is not None and b.path is not None:
        return Path(a.path).resolve() == Path(b.path).resolve()
    return a is b
