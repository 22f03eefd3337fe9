"""Seeded random streams keyed by names, so every draw is reproducible whatever the chunking or executor.

`generator(seed, "population", "4601")` is the same stream in every process and on every machine: the key is turned
into a SeedSequence spawn key with CRC-32 (Python's `hash` of a string is salted per process). A national component
uses a key without a municipality, so every chunk regenerates the same national shocks; two scenarios in a
comparison use the same keys, so they share their random numbers.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from forecast.scenario.ranges import Dist


def key_words(*key: str | int) -> tuple[int, ...]:
    """A stable 32-bit word per key part."""
    return tuple(zlib.crc32(str(part).encode("utf-8")) for part in key)


def generator(seed: int, *key: str | int) -> "np.random.Generator":
    """An independent PCG64 stream for (seed, key...)."""
    import numpy as np

    if seed < 0:
        raise ValueError(f"seed must be 0 or more, got {seed}")
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key_words(*key))))


def uniforms(seed: int, draws: int, *key: str | int) -> "np.ndarray":
    """`draws` uniform numbers in (0, 1) for a scalar parameter (inverse-CDF sampling keeps ranks comparable)."""
    import numpy as np

    u = generator(seed, "uniform", *key).random(draws)
    return np.clip(u, 1e-12, 1 - 1e-12)


def normals(seed: int, draws: int, shape: tuple[int, ...], *key: str | int) -> "np.ndarray":
    """Standard normals [draws + 1, *shape] with draw 0 zero (the central path); one block per leading index of
    `shape` (years), so a longer horizon keeps the earlier years' numbers."""
    import numpy as np

    rng = generator(seed, *key)
    out = np.zeros((draws + 1,) + shape)
    if shape and len(shape) > 1:
        for j in range(shape[0]):
            out[1:, j] = rng.standard_normal((draws,) + shape[1:])
    else:
        out[1:] = rng.standard_normal((draws,) + shape)
    return out


def scalar_draws(seed: int, draws: int, dist: "Dist", key: str, on: bool = True) -> "np.ndarray":
    """[draws + 1] values of an uncertain scalar; draw 0 (and every draw when its source is off) at the median."""
    import numpy as np

    if dist.is_fixed or not on:
        return np.full(draws + 1, dist.central)
    u = np.concatenate([[0.5], uniforms(seed, draws, key)])
    out = dist.quantile(u)
    out[0] = dist.central
    return out
