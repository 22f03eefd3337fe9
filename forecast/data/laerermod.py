"""LÆRERMOD's age profiles: employed persons by education code and single-year age (aldersfordelt.txt, SSB)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from forecast.data import data_path
from forecast.errors import DataError

LAERERMOD_FILE = ("workforce", "laerermod_2024_employed_by_education_age.txt")


def laerermod_file() -> Path:
    return data_path(*LAERERMOD_FILE)


@lru_cache(maxsize=2)
def laerermod_profiles(path: Path | None = None) -> dict[str, dict[int, float]]:
    """Employed persons by education code and age (both sexes), from LÆRERMOD's aldersfordelt.txt."""
    from forecast.data.checks import require_file
    from forecast.data.text import read_text

    path = require_file(Path(path) if path else laerermod_file())
    lines = read_text(path).split("\n")
    header = lines[0].split()
    if header[:5] != ["Utdanning", "Kjønn", "Alder", "Antall", "Sysselsatte"]:
        raise DataError(f"expected columns Utdanning Kjønn Alder Antall Sysselsatte …; found {' '.join(header)}",
                        path, rows=[1])
    out: dict[str, dict[int, float]] = {}
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split()
        if not cells:
            continue
        try:
            code, age, employed = cells[0], int(cells[2]), float(cells[4])
        except (IndexError, ValueError):
            raise DataError(f"expected education code, sex, age and counts; got {line.strip()!r}", path,
                            rows=[n]) from None
        if employed < 0:
            raise DataError(f"negative count of employed persons ({employed:g})", path, rows=[n])
        ages = out.setdefault(code, {})
        ages[age] = ages.get(age, 0.0) + employed
    return out
