"""Population draws: the deterministic projection perturbed multiplicatively along cohorts, reduced to age bands.

    pop_d(a, t) = central(a, t) × exp(δ_d(a, t)),   δ = 0 up to the jump-off year,
    δ_d(a+1, t+1) = δ_d(a, t) + ε_d(band(a+1), t+1)           (the cohort carries its shocks forward)
    δ_d(0, t)     = ε_d(births, t) + log Σ_w share_w(t) exp(δ_d(w, t))   (births follow the women aged 15–49)
    ε_d,m,b,t     = λ_pop [ N_b μ_d,b + A_b ν_d,b,t + L_b μ_d,m,b + √(k_b / D_m,b) z_d,m,b,t ]

(N, A: national level and year-to-year sd; L: local level sd; k / D: chance in small numbers; μ, ν, z standard
normal; the national terms are the same in every municipality; μ correlated between bands.) So the central path is
exactly the deterministic projection, raked to SSB's variant as before, and a chunk needs no other municipality.
The population is reduced to the services' age bands at once; the full age × year × draw cube is never held.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.uncertainty.streams import normals

if TYPE_CHECKING:
    import numpy as np

    from forecast.uncertainty.specs import PopulationSpec

DRAW_BLOCK = 64  # draws projected together (working arrays of 64 × 16 municipalities × 101 ages stay in cache)


def population_draws(seed: int, draws: int, years: list[int], jump: int, codes: list[str], central: "np.ndarray",
                     women: "np.ndarray", fertile_from: int, spec: PopulationSpec, pop_size: "np.ndarray",
                     bands: list[tuple[int, int]], on: bool = True) -> "np.ndarray":
    """Persons [V, D, m, len(bands), T] in each age band (inclusive ages), draw by draw, for central paths
    [V, m, T, A] (women [V, m, T, fertile ages]); population shocks from the year after `jump`."""
    import numpy as np

    V, M, T, A = central.shape
    D = draws + 1
    lam = spec.scale if on else 0.0
    proj = [t for t, y in enumerate(years) if y > jump]
    H, B = len(proj), len(spec.bands)
    lo = np.array([b[0] for b in bands])
    hi = np.array([b[1] for b in bands])

    def reduce(p: "np.ndarray") -> "np.ndarray":  # persons [..., A] → [..., bands], by cumulative sums over age
        cs = np.cumsum(p, axis=-1)
        return np.take(cs, hi, axis=-1) - np.take(cs, np.maximum(lo - 1, 0), axis=-1) * (lo > 0)

    out = np.empty((V, D, M, len(bands), T))
    for t in range(T):
        if t not in proj:
            out[:, :, :, :, t] = reduce(central[:, :, t])[:, None]
    if not H:
        return out
    chol = spec.chol()  # level errors correlate between bands: μ = C z (einsum's own loops, not BLAS: the same
    # bytes whatever BLAS a worker has)
    nat_mu = np.einsum("db,cb->dc", normals(seed, draws, (B,), "population", "national-level"), chol)  # [D, B]
    nat_nu = normals(seed, draws, (H, B), "population", "national-annual")  # [D, H, B]
    eps = np.empty((D, M, H, B))
    for i, code in enumerate(codes):
        loc_mu = np.einsum("db,cb->dc", normals(seed, draws, (B,), "population", "local-level", code), chol)
        chance = normals(seed, draws, (H, B), "population", "chance", code)
        sd_chance = np.sqrt(spec.k / np.maximum(pop_size[i], 1.0))
        eps[:, i] = (nat_mu * spec.nat_level)[:, None, :] + nat_nu * spec.nat_annual \
            + (loc_mu * spec.loc_level)[:, None, :] + chance * sd_chance
    eps *= lam
    band_of_age = np.zeros(A, dtype=int)
    for b, (_, a0, a1) in enumerate(spec.bands):
        band_of_age[a0 : min(a1, A - 1) + 1] = b
    births = next(b for b, (_, a0, _) in enumerate(spec.bands) if a0 == 0)
    f_lo, n_f = fertile_from, women.shape[-1]
    # mean correction of the local terms: a cohort's local log shock has variance vᵀRv + Σ_j k/D, with v_b = n_b L_b,
    # n_b its years in band b and R the bands' correlation; subtracting half of it (draws 1…N) keeps the expected
    # persons at the central path, so that sums over many municipalities centre on it (draw 0 stays exact)
    chance_var = spec.k[None, :] / np.maximum(pop_size, 1.0)  # [m, B]
    corr = spec.corr if spec.corr is not None else np.eye(B)
    ages = np.arange(1, A)
    cnt = np.zeros((M, A, B))
    cvar = np.zeros((M, A))
    # per year and municipality (no draw axis): the open group's weights, the mothers' shares, and the mean
    # correction log_shrink = −½ λ² (vᵀRv + chance variance) of each cohort (v_b = years in band b × L_b)
    weights, shares, has_mothers, log_shrink = [], [], [], []
    for t in proj:
        c99, c100 = central[0, :, t - 1, A - 2], central[0, :, t - 1, A - 1]
        w = np.divide(c99, c99 + c100, out=np.full(M, 0.5), where=(c99 + c100) > 0)
        cnt_new, cvar_new = np.empty_like(cnt), np.empty_like(cvar)
        cnt_new[:, 1 : A - 1], cvar_new[:, 1 : A - 1] = cnt[:, : A - 2], cvar[:, : A - 2]
        cnt_new[:, A - 1] = w[:, None] * cnt[:, A - 2] + (1 - w[:, None]) * cnt[:, A - 1]
        cvar_new[:, A - 1] = w * cvar[:, A - 2] + (1 - w) * cvar[:, A - 1]
        cnt_new[:, ages, band_of_age[1:]] += 1.0
        cvar_new[:, 1:] += chance_var[:, band_of_age[1:]]
        cnt_new[:, 0] = 0.0
        cnt_new[:, 0, births] = 1.0
        cvar_new[:, 0] = chance_var[:, births]
        v = cnt_new * spec.loc_level
        level = np.einsum("mab,bc,mac->ma", v, corr, v)
        log_shrink.append(-0.5 * lam**2 * (level + cvar_new))  # [m, A]
        mothers = women[0, :, t]  # [m, F]: births follow the women of the main path
        total = mothers.sum(-1, keepdims=True)
        shares.append(np.divide(mothers, total, out=np.zeros_like(mothers), where=total > 0))
        has_mothers.append(total[:, 0] > 0)
        weights.append(w)
        cnt, cvar = cnt_new, cvar_new
    # draws in blocks, so that the working arrays stay in the processor's cache
    eps_t = np.ascontiguousarray(np.moveaxis(eps, 2, 0))  # [H, D, m, B]: one year's shocks contiguous
    age_band = band_of_age[1:]
    for d0 in range(0, D, DRAW_BLOCK):
        d1 = min(D, d0 + DRAW_BLOCK)
        n = d1 - d0
        delta, new = np.zeros((n, M, A)), np.empty((n, M, A))  # two buffers, swapped each year
        factor = np.empty((n, M, A))
        buf = np.zeros((n, M, A + 1))  # persons cumulated over age after a leading zero: band = cs[hi+1] − cs[lo]
        for h, t in enumerate(proj):
            w = weights[h]
            e = eps_t[h, d0:d1]  # [n, m, B]
            new[..., 1 : A - 1] = delta[..., : A - 2]
            new[..., A - 1] = w * delta[..., A - 2] + (1 - w) * delta[..., A - 1]
            new[..., 1:] += np.take(e, age_band, axis=-1)
            new[..., 0] = 0.0  # set below, from the mothers
            # factor = exp(δ − ½ var) for draws 1…N, exp(δ) for draw 0; age 0 follows the mothers' factors
            np.add(new, log_shrink[h][None], out=factor)
            if d0 == 0:
                factor[0] = new[0]
            np.exp(factor, out=factor)
            mean = np.einsum("dmf,mf->dm", factor[..., f_lo : f_lo + n_f], shares[h])
            new[..., 0] = e[..., births] + np.log(np.where(has_mothers[h], mean, 1.0))
            factor[..., 0] = np.exp(new[..., 0] + log_shrink[h][None, :, 0])
            if d0 == 0:
                factor[0, :, 0] = np.exp(new[0, :, 0])
            for v in range(V):
                np.multiply(factor, central[v, :, t][None], out=buf[..., 1:])
                np.cumsum(buf[..., 1:], axis=-1, out=buf[..., 1:])
                out[v, d0:d1, :, :, t] = np.take(buf, hi + 1, axis=-1) - np.take(buf, lo, axis=-1)
            delta, new = new, delta
    return out
