"""Uncertain scenario values: a number, a range read as a 90 % interval, or a named distribution.

    task_share: 0.15                                    # fixed
    task_share: {low: 0.10, high: 0.30}                 # normal, 90 % of draws between 0.10 and 0.30
    task_share: {low: 0.10, high: 0.30, level: 0.8}     # the same range read as an 80 % interval (nhp_model's)
    rate: {distribution: lognormal, low: 0.005, high: 0.02}
    fte: {distribution: triangular, low: 6, mode: 12, high: 15}
    automatable: {distribution: uniform, low: 0.4, high: 0.7}
    turnover: {distribution: normal, mean: 0.139, sd: 0.015}

Draws are inverse-CDF transforms of uniform numbers, so a value keeps its rank across scenarios that share their
random numbers, and rank correlations measure sensitivity. Draws are clipped to the key's valid range (shares to
0–1). The central value (the deterministic run's) is the median.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forecast.errors import ForecastError

if TYPE_CHECKING:
    import numpy as np

DEFAULT_LEVEL = 0.90
RANGE_KEYS = {"low", "high", "level", "distribution", "mean", "sd", "mode"}
DISTRIBUTIONS = ("normal", "lognormal", "triangular", "uniform")
# valid range of each scenario key a range may be given for (draws are clipped to it)
BOUNDS: dict[str, tuple[float, float]] = {
    "task_share": (0.0, 1.0), "automatable": (0.0, 1.0), "reinvest": (0.0, 1.0), "rate": (0.0, 1.0),
    "fte": (0.0, math.inf), "coverage_change": (-0.1, 0.1), "fte_per_user_change": (-0.1, 0.1),
    "turnover": (1e-6, 1.0), "position_size": (1e-6, 1.0), "staffing": (1e-9, math.inf),
}


def ndtri(u: "np.ndarray") -> "np.ndarray":
    """Standard normal quantiles (statistics.NormalDist, exact to ~1e-15; scipy is not needed at run time)."""
    from statistics import NormalDist

    import numpy as np

    inv = NormalDist().inv_cdf
    u = np.asarray(u, dtype=float)
    return np.array([inv(float(x)) for x in u.ravel()]).reshape(u.shape)


def _z(level: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + level / 2)


@dataclass(frozen=True)
class Dist:
    """One uncertain value. `kind`: fixed, normal, lognormal, triangular or uniform; `a`, `b`, `c` its parameters
    (normal: mean, sd; lognormal: log-mean, log-sd; triangular: low, mode, high; uniform: low, high)."""

    kind: str
    a: float
    b: float = 0.0
    c: float = 0.0
    lo: float = -math.inf  # valid range: draws are clipped to it
    hi: float = math.inf

    @property
    def central(self) -> float:
        """The median (the value the deterministic run uses)."""
        return float(self.quantile(0.5))

    @property
    def is_fixed(self) -> bool:
        return self.kind == "fixed"

    def quantile(self, u: "np.ndarray | float") -> "np.ndarray":
        """Inverse CDF at `u` (uniform numbers in (0, 1)), clipped to the valid range."""
        import numpy as np

        u = np.asarray(u, dtype=float)
        if self.kind == "fixed":
            x = np.full(u.shape, self.a)
        elif self.kind == "normal":
            x = self.a + self.b * ndtri(u)
        elif self.kind == "lognormal":
            x = np.exp(self.a + self.b * ndtri(u))
        elif self.kind == "uniform":
            x = self.a + (self.b - self.a) * u
        elif self.kind == "triangular":
            lo, mode, hi = self.a, self.b, self.c
            f = (mode - lo) / (hi - lo) if hi > lo else 0.5
            x = np.where(u < f, lo + np.sqrt(u * (hi - lo) * (mode - lo)),
                         hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode)))
        else:  # pragma: no cover - parse() admits only the kinds above
            raise ValueError(self.kind)
        return np.clip(x, self.lo, self.hi)


def parse(value: Any, key: str = "value") -> Dist:
    """A scenario value (number or mapping) → Dist; raises ForecastError naming `key` on a bad range."""
    name = key.rsplit(".", 1)[-1]
    lo, hi = BOUNDS.get(name, (-math.inf, math.inf))
    if isinstance(value, bool) or not isinstance(value, (int, float, dict)):
        raise ForecastError(f"{key}: expected a number or a range {{low: …, high: …}}, got {value!r}")
    if not isinstance(value, dict):
        return Dist("fixed", float(value), lo=lo, hi=hi)
    unknown = set(value) - RANGE_KEYS
    if unknown:
        raise ForecastError(f"{key}: unknown key(s) {', '.join(sorted(unknown))} in a range; use low, high "
                            f"(a 90 % interval), level, or distribution with its parameters")
    kind = value.get("distribution", "normal")
    if kind not in DISTRIBUTIONS:
        raise ForecastError(f"{key}: unknown distribution {kind!r}; use one of {', '.join(DISTRIBUTIONS)}")
    level = float(value.get("level", DEFAULT_LEVEL))
    if not 0 < level < 1:
        raise ForecastError(f"{key}: level {level:g} must be between 0 and 1 (0.9 = a 90 % interval)")

    def need(*names: str) -> list[float]:
        missing = [n for n in names if n not in value]
        if missing:
            raise ForecastError(f"{key}: a {kind} range needs {', '.join(names)} (missing {', '.join(missing)})")
        return [float(value[n]) for n in names]

    if kind == "normal" and "mean" in value:
        mean, sd = need("mean", "sd")
        if sd < 0:
            raise ForecastError(f"{key}: sd {sd:g} is negative")
        return Dist("normal", mean, sd, lo=lo, hi=hi)
    if kind == "triangular":
        a, mode, b = need("low", "mode", "high")
        if not a <= mode <= b:
            raise ForecastError(f"{key}: a triangular range needs low ≤ mode ≤ high, got {a:g}, {mode:g}, {b:g}")
        return Dist("triangular", a, mode, b, lo=lo, hi=hi)
    a, b = need("low", "high")
    if a > b:
        raise ForecastError(f"{key}: low {a:g} is above high {b:g}")
    if kind == "uniform":
        return Dist("uniform", a, b, lo=lo, hi=hi)
    z = _z(level)
    if kind == "lognormal":
        if a <= 0:
            raise ForecastError(f"{key}: a lognormal range needs low above 0, got {a:g}")
        return Dist("lognormal", (math.log(a) + math.log(b)) / 2, (math.log(b) - math.log(a)) / (2 * z), lo=lo, hi=hi)
    return Dist("normal", (a + b) / 2, (b - a) / (2 * z), lo=lo, hi=hi)


# where a scenario may give a range (dotted paths; list items by their id): what the draws know how to vary
RANGE_PATHS = (
    r"automation\.[^.]+\.(fte|task_share|automatable|reinvest|rate)",
    r"workforce\.[^.]+\.(turnover|position_size)",
    r"staffing\.[^.]+",
    r"services\.[^.]+\.(coverage_change|fte_per_user_change)",
)
RANGE_HINT = ("ranges are allowed for services.*.coverage_change and fte_per_user_change, staffing.*, "
              "workforce.*.turnover and position_size, and an automation measure's fte, task_share, automatable, "
              "reinvest and rate")


def split_scenario(data: Any) -> tuple[Any, dict[str, Dist], list[tuple[tuple, str]]]:
    """Like split_ranges, for a scenario file as read with its line numbers: returns the central tree, the ranges
    by dotted path, and the problems as (key path with list indexes, message) instead of raising, so the loader
    can name each one's file and line. A range where the draws cannot vary the value is a problem."""
    import re

    ranges: dict[str, Dist] = {}
    problems: list[tuple[tuple, str]] = []

    def walk(node: Any, dotted: str, key: tuple) -> Any:
        if is_range(node):
            if not any(re.fullmatch(p, dotted) for p in RANGE_PATHS):
                problems.append((key, f"a range is not allowed here; give a number ({RANGE_HINT})"))
                return node.get("low", node.get("mean", node.get("mode")))
            try:
                dist = parse(node, dotted)
            except ForecastError as exc:
                problems.append((key, str(exc).removeprefix(f"{dotted}: ")))
                return node.get("low", node.get("mean"))
            ranges[dotted] = dist
            return dist.central
        if isinstance(node, dict):
            return {k: walk(v, f"{dotted}.{k}" if dotted else str(k), (*key, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{dotted}.{v.get('id', i) if isinstance(v, dict) else i}", (*key, i))
                    for i, v in enumerate(node)]
        return node

    return walk(data, "", ()), ranges, problems


def is_range(node: Any) -> bool:
    """A mapping that gives a range or a named distribution (not a mapping of scenario keys)."""
    return isinstance(node, dict) and bool(node) and set(node) <= RANGE_KEYS and (
        "distribution" in node or {"low", "high"} <= set(node))


def split_ranges(data: Any, path: str = "") -> tuple[Any, dict[str, Dist]]:
    """Replace every range in a scenario tree by its central value; return the tree and {dotted path: Dist}.

    The central tree is an ordinary scenario (the deterministic model and its validation read it unchanged); list
    items are addressed by their `id` where they have one (`automation.digifrid.fte`), so two scenarios that share
    a measure share its random numbers."""
    ranges: dict[str, Dist] = {}
    if is_range(data):
        dist = parse(data, path or "value")
        return dist.central, {path: dist}
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            out[k], sub = split_ranges(v, f"{path}.{k}" if path else str(k))
            ranges.update(sub)
        return out, ranges
    if isinstance(data, list):
        items = []
        for i, v in enumerate(data):
            label = v.get("id", i) if isinstance(v, dict) else i
            item, sub = split_ranges(v, f"{path}.{label}")
            items.append(item)
            ranges.update(sub)
        return items, ranges
    return data, ranges


def read_scenario_tree(path) -> dict:
    """A scenario YAML file with its `extends` chain merged (mappings key by key, lists replace), ranges intact."""
    from pathlib import Path

    import yaml

    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    parent = data.pop("extends", None)
    if parent is None:
        return data
    return _merge(read_scenario_tree(path.parent / parent), data)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) and not is_range(v) \
            else v
    return out


RANGED = {  # where a range may stand for a number (forecast.scenario.ranges.RANGE_PATHS): definition → properties
    "ServiceSettings": ("coverage_change", "fte_per_user_change"),
    "WorkforceSettings": ("turnover", "position_size"),
    "FixedFte": ("fte",), "TaskShare": ("task_share", "automatable", "reinvest"), "AnnualRate": ("rate",),
}
RANGE_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "description": "A range: {low, high} read as a 90 % interval (level: another), or a named distribution "
                   "(normal with mean and sd, lognormal, triangular with mode, uniform); the run uses its median.",
    "properties": {"low": {"type": "number"}, "high": {"type": "number"}, "level": {"type": "number"},
                   "mean": {"type": "number"}, "sd": {"type": "number"}, "mode": {"type": "number"},
                   "distribution": {"enum": ["normal", "lognormal", "triangular", "uniform"]}},
}


def allow_ranges(schema: dict) -> None:
    """Numbers the draws can vary also accept a range (the loader checks its keys and values)."""
    defs = schema.setdefault("$defs", {})
    defs["Range"] = RANGE_SCHEMA

    def either(node: dict) -> dict:
        return {"anyOf": [node, {"$ref": "#/$defs/Range"}]}

    for name, props in RANGED.items():
        for prop in props:
            node = defs.get(name, {}).get("properties", {}).get(prop)
            if node is not None:
                defs[name]["properties"][prop] = either(node)
    staffing = schema.get("properties", {}).get("staffing", {})
    if "additionalProperties" in staffing:
        staffing["additionalProperties"] = either(staffing["additionalProperties"])
