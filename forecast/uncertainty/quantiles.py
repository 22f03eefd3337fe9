"""How a chunk reduces its draws at once: quantiles over draws per municipality, and draw-by-draw sums in fixed
point (integer addition is associative, so totals are the same bytes whatever the chunking, the executor or the
order in which chunks are added)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.uncertainty.specs import FIXED_POINT

if TYPE_CHECKING:
    import numpy as np


def quantiles(values: "np.ndarray", q: "np.ndarray") -> "np.ndarray":
    """Quantiles over draws 1…N of values [S, D, m, K, T] → [S, m, Q, K, T]; a variable that equals an earlier one
    (care services' population is the whole population) or does not vary (no measure, no offset) is not
    partitioned again."""
    import numpy as np

    S, D, M, K, T = values.shape
    out = np.empty((S, M, len(q), K, T))
    done: dict[bytes, list[int]] = {}  # a few draws' bytes → variables already done (confirmed in full)
    for k in range(K):
        x = values[:, 1:, :, k]  # [S, N, m, T]
        key = values[:, : min(D, 4), :, k].tobytes()
        same = next((j for j in done.get(key, []) if np.array_equal(values[:, :, :, j], values[:, :, :, k])), None)
        if same is not None:
            out[:, :, :, k] = out[:, :, :, same]
        elif (x == x[:, :1]).all():
            out[:, :, :, k] = x[:, 0][:, :, None]
        else:
            out[:, :, :, k] = np.moveaxis(np.quantile(x, q, axis=1), 0, 2)
            done.setdefault(key, []).append(k)
    return out


def fixed_point_sums(values: "np.ndarray", groups: list[str], total: str) -> dict[str, "np.ndarray"]:
    """Sums over municipalities of values [S, D, m, K, T] → {group: [S, D, K, T]} in int64 multiples of
    1 / FIXED_POINT: `total` over all of them, and each group (county) over its members. One municipality at a
    time, so no fixed-point copy of the whole chunk is held (integer sums: the same bytes in any order)."""
    import numpy as np

    shape = values.shape[:2] + values.shape[3:]
    sums = {g: np.zeros(shape, dtype=np.int64) for g in [total, *dict.fromkeys(groups)]}
    scaled = np.empty(shape)
    for m, g in enumerate(groups):
        np.multiply(values[:, :, m], FIXED_POINT, out=scaled)
        np.rint(scaled, out=scaled)
        fixed = scaled.astype(np.int64)
        sums[total] += fixed
        sums[g] += fixed
    return sums
