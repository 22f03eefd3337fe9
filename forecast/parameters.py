"""Parameters are data: every default rate, weight or norm lives in data/parameters/*.yaml with unit and reference."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from forecast.data import data_path
from forecast.data.checks import require_file
from forecast.errors import DataError

REQUIRED = ("description", "unit", "reference", "value")


@dataclass(frozen=True)
class Parameter:
    file: str
    key: str
    description: str
    unit: str
    reference: str
    value: Any
    assumption: bool

    def note(self) -> str:
        return f"{self.description}: {self.value} {self.unit} ({self.reference})"


@lru_cache(maxsize=None)
def parameters(name: str) -> dict[str, Parameter]:
    """All parameters of data/parameters/<name>.yaml, validated for description, unit, reference and value."""
    import yaml

    path = require_file(data_path("parameters", f"{name}.yaml"))
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", path) from None
    if not isinstance(raw, dict):
        raise DataError("expected a mapping of parameter names to entries", path)
    out = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict) or any(k not in entry for k in REQUIRED):
            raise DataError(f"parameter {key!r} needs {', '.join(REQUIRED)}", path)
        out[key] = Parameter(
            file=f"data/parameters/{name}.yaml",
            key=key,
            description=str(entry["description"]).strip(),
            unit=str(entry["unit"]),
            reference=str(entry["reference"]).strip(),
            value=entry["value"],
            assumption=bool(entry.get("assumption", False)),
        )
    return out


def param(name: str, key: str) -> Parameter:
    try:
        return parameters(name)[key]
    except KeyError:
        raise DataError(f"parameter {key!r} missing", data_path("parameters", f"{name}.yaml")) from None
