"""Trend draws: coverage and FTE per user move by a log factor per draw, national + local, from the local-level model
of their family (forecast.uncertainty.trend_shocks):

    log factor_d,m(t) = λ [ national_d(t) + local_d,m(t) ],   λ = trend_scale
    national_d(t) = √a_n Σ_(s≤t) ν_s + √c_n η t + √s_n (ζ_t − ζ_0)
    local_d,m(t)  = √a_m Σ_(s≤t) z_m,s + √s_m (w_m,t − w_m,0) − ½ λ (a_m t + 2 s_m)

with a_m = a_0 + a_1 / users and s_m = s_0 + s_1 / users (small municipalities move more). The local terms are
mean-corrected so that expected values stay at the central path (totals centre on it); draw 0 is exactly 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.uncertainty.streams import normals

if TYPE_CHECKING:
    import numpy as np

    from forecast.uncertainty.specs import TrendSpec


def trend_factor(seed: int, draws: int, codes: list[str], n_years: int, spec: TrendSpec | None,
                 sizes: "np.ndarray", on: bool = True) -> "np.ndarray":
    """Multiplicative factor [D, m, n_years] (1 in the first year) of a family's national + local shocks."""
    import numpy as np

    D, M, T = draws + 1, len(codes), n_years
    if spec is None or not on:
        return np.ones((D, M, T))
    fam = spec.family
    H = T - 1
    steps = np.arange(1, T)
    nat_rw = normals(seed, draws, (H,), "trend", fam, "national-rw")
    nat_drift = normals(seed, draws, (), "trend", fam, "national-drift")
    nat_tr = normals(seed, draws, (T,), "trend", fam, "national-transient")
    nat = np.sqrt(spec.nat_rw) * np.cumsum(nat_rw, axis=1) + np.sqrt(spec.nat_drift) * nat_drift[:, None] * steps \
        + np.sqrt(spec.nat_transient) * (nat_tr[:, 1:] - nat_tr[:, :1])  # [D, H]
    log = np.zeros((D, M, T))
    for i, code in enumerate(codes):
        u = max(float(sizes[i]), 1.0) if np.isfinite(sizes[i]) else 1.0
        rw = normals(seed, draws, (H,), "trend", fam, "local-rw", code)
        tr = normals(seed, draws, (T,), "trend", fam, "local-transient", code)
        a, s = spec.loc_rw[0] + spec.loc_rw[1] / u, spec.loc_transient[0] + spec.loc_transient[1] / u
        loc = np.sqrt(a) * np.cumsum(rw, axis=1) + np.sqrt(s) * (tr[:, 1:] - tr[:, :1])
        # local terms keep the expected value at the central path (so totals centre on it); draw 0 is exact
        loc[1:] -= 0.5 * spec.scale * (a * steps + 2 * s)
        log[:, i, 1:] = nat + loc
    return np.exp(spec.scale * log)
