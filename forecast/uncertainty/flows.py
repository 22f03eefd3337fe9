"""Workforce flows with a draw axis: exit rates scaled to each draw's turnover, the ages hires enter at, and the hires
that meet the need (forecast.workforce.profiles and .flows, the same equations and floating-point steps)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def exit_rates(shape: "np.ndarray", profile: "np.ndarray", turnover: "np.ndarray") -> "np.ndarray":
    """q_d(a) = min(1, k_d shape(a)), q = 1 at the age limit, k_d by bisection so that Σ profile q = turnover_d
    (forecast.workforce.profiles.exit_rates with a draw axis; the same floating-point steps)."""
    import numpy as np

    def rates(k):
        q = np.minimum(1.0, k[:, None] * shape[None])
        q[:, -1] = 1.0
        return q

    lowest = float(profile @ rates(np.zeros(1))[0])
    turnover = np.maximum(turnover, lowest + 1e-6)
    lo = np.zeros_like(turnover)
    hi = np.ones_like(turnover)
    for _ in range(60):
        grow = (rates(hi) @ profile < turnover) & (hi < 1e6)
        if not grow.any():
            break
        hi = np.where(grow, hi * 2, hi)
    for _ in range(100):
        mid = (lo + hi) / 2
        below = rates(mid) @ profile < turnover
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return rates((lo + hi) / 2)


def entry_ages(profile: "np.ndarray", q: "np.ndarray") -> "np.ndarray":
    """Shares of hires by age [D, A] for exit rates q [D, A] (forecast.workforce.profiles.entry_ages per draw)."""
    import numpy as np

    inflow = np.repeat(profile[None], len(q), axis=0)
    inflow[:, 1:] = profile[None, 1:] - profile[None, :-1] * (1 - q[:, :-1])
    inflow = np.clip(inflow, 0, None)
    total = inflow.sum(axis=1, keepdims=True)
    return np.where(total > 0, inflow / np.where(total > 0, total, 1), profile[None])


def hires(need: "np.ndarray", rates: "np.ndarray", entry: "np.ndarray", profile: "np.ndarray") -> "np.ndarray":
    """Hires [D, m, T] (persons) to meet the need [D, m, T], as forecast.workforce.flows.project_flows steps the
    age-structured stock.

    The stock's step x → shift(x × (1 − q)) is linear and the same for every municipality of a draw, so the persons
    still there t years on are need(base) × P_t + Σ_s hires_s × E_(t−s), with P_k and E_k the survivors after k
    steps of the base-year profile and of the entry profile (per draw, no municipality axis):
    hires_t = max(0, need_t − that)."""
    import numpy as np

    D, M, T = need.shape
    keep = 1.0 - rates  # [D, A]

    def survivors(x: "np.ndarray") -> "np.ndarray":  # [D, A] → persons left after k = 0…T-1 steps, [D, T]
        out = np.empty((D, T))
        out[:, 0] = x.sum(-1)
        for k in range(1, T):
            nxt = np.zeros_like(x)
            nxt[:, 1:] = (x * keep)[:, :-1]
            x = nxt
            out[:, k] = x.sum(-1)
        return out

    P = survivors(np.broadcast_to(profile, (D, len(profile))))
    E = survivors(entry)
    out = np.zeros((D, M, T))
    for t in range(1, T):
        staying = need[:, :, 0] * P[:, t, None]
        if t > 1:
            staying = staying + (out[:, :, 1:t] * E[:, None, t - 1 : 0 : -1]).sum(-1)
        out[:, :, t] = np.maximum(0.0, need[:, :, t] - staying)
    return out
