"""How large the uncertainty of coverage and FTE per user is, estimated from the shipped history.

Care panel 2007–2025 (coverage by age band), SSB 12292 2015–2025 (user-facing care FTE per weighted user, home-care
users + w × residents: forecast.data.care_history), SSB 13502 2015–2023 (share of 1–2-year-olds in kindergarten), Udir 2022–2026 (enrolment and teacher FTE per pupil, Norway and Bergen): the k-year change of a log
series, national part (users-weighted mean over municipalities) and local remainder, follows a local-level model
with a random national drift:

    E[(Δ_k national)²] = a_n k + c_n k² + 2 s_n          (random walk a_n, drift variance c_n, transient s_n)
    E[(Δ_k local)²]    = (a_0 + a_1/U) k + 2 (s_0 + s_1/U)    (U = users of the municipality)

fitted by non-negative least squares over k = 1…5 (Lawson–Hanson). Every estimate can be cut at a year (`until`),
so a backtest only sees the history before its base year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MAX_LAG = 5


@dataclass(frozen=True)
class TrendShocks:
    """Local-level model of one family of log series (e.g. home-care coverage 80+)."""

    family: str
    nat_rw: float  # a_n: national random-walk variance per year
    nat_drift: float  # c_n: variance of the national drift per year
    nat_transient: float  # s_n
    loc_rw: tuple[float, float]  # (a_0, a_1): local random-walk variance per year = a_0 + a_1 / users
    loc_transient: tuple[float, float]  # (s_0, s_1)
    n_series: int
    years: tuple[int, int]

    def variance(self, k: "np.ndarray | float", users: float, national: bool = True, local: bool = True):
        """Variance of the log factor k years ahead."""
        v = 0.0
        if national:
            v = v + self.nat_rw * k + self.nat_drift * k**2 + 2 * self.nat_transient
        if local:
            v = v + (self.loc_rw[0] + self.loc_rw[1] / users) * k + 2 * (self.loc_transient[0]
                                                                         + self.loc_transient[1] / users)
        return v

    def to_row(self) -> dict:
        return {"family": self.family, "national_rw_sd": self.nat_rw**0.5, "national_drift_sd": self.nat_drift**0.5,
                "national_transient_sd": self.nat_transient**0.5, "local_rw_sd_big": self.loc_rw[0]**0.5,
                "local_rw_a1": self.loc_rw[1], "local_transient_sd_big": self.loc_transient[0]**0.5,
                "local_transient_a1": self.loc_transient[1], "series": self.n_series,
                "years": f"{self.years[0]}–{self.years[1]}"}


def fit_trend_shocks(family: str, years: list[int], logs: "np.ndarray", users: "np.ndarray") -> TrendShocks:
    """Fit the local-level model to log series [m, years] (NaN where missing) with users [m]."""
    import numpy as np
    from scipy.optimize import nnls

    m, t = logs.shape
    if t < 2:  # no history (yet) at this cut: no shocks, said by n_series = 0
        return TrendShocks(family, 0.0, 0.0, 0.0, (0.0, 0.0), (0.0, 0.0), 0, (years[0], years[-1]) if years else (0, 0))
    w = np.where(np.isfinite(users) & (users > 0), users, 1.0)
    steps = np.diff(logs, axis=1)
    ok = np.isfinite(steps)
    nat_step = np.where(ok, steps * w[:, None], 0).sum(0) / np.maximum((ok * w[:, None]).sum(0), 1e-12)
    nat_step[~ok.any(axis=0)] = np.nan
    nat_level = np.concatenate([[0.0], np.nancumsum(nat_step)])
    local = logs - nat_level[None, :]
    rows_n, y_n, rows_l, y_l, wt_l = [], [], [], [], []
    for k in range(1, min(MAX_LAG, t - 1) + 1):
        dn = nat_level[k:] - nat_level[:-k]
        valid = np.isfinite(nat_step[k - 1 :]) if k == 1 else np.isfinite(dn)
        if valid.any():
            rows_n.append([k, k * k, 2.0])
            y_n.append(float(np.mean(dn[valid] ** 2)))
        dl = local[:, k:] - local[:, :-k]
        cnt = np.isfinite(dl).sum(axis=1)
        has = cnt > 0
        msq = np.nansum(dl**2, axis=1)[has] / cnt[has]
        u = w[has]
        for val, uu, c in zip(msq, u, cnt[has]):
            rows_l.append([k, k / uu, 2.0, 2.0 / uu])
            y_l.append(val)
            wt_l.append(np.sqrt(c * min(uu, 2_000.0)))
    if len(rows_n) >= 2:
        a_n, c_n, s_n = nnls(np.array(rows_n), np.array(y_n))[0]
    else:
        a_n = c_n = s_n = 0.0
    if rows_l:
        wl = np.array(wt_l)
        a0, a1, s0, s1 = nnls(np.array(rows_l) * wl[:, None], np.array(y_l) * wl)[0]
    else:
        a0 = a1 = s0 = s1 = 0.0
    return TrendShocks(family, float(a_n), float(c_n), float(s_n), (float(a0), float(a1)), (float(s0), float(s1)),
                       int(np.isfinite(logs).any(axis=1).sum()), (years[0], years[-1]))


def stack(series, until: int | None):
    """Series of one family → years, log values [m, years], users [m] (mean of the last five years)."""
    import numpy as np

    years = sorted({y for s in series for y in s.years if until is None or y <= until})
    logs = np.full((len(series), len(years)), np.nan)
    users = np.full(len(series), np.nan)
    for i, s in enumerate(series):
        pos = [(years.index(y), v, (s.population[j] if s.population is not None else np.nan))
               for j, (y, v) in enumerate(zip(s.years, s.values)) if y in years]
        if not pos:
            continue
        idx = [p[0] for p in pos]
        vals = np.array([p[1] for p in pos])
        with np.errstate(divide="ignore", invalid="ignore"):
            logs[i, idx] = np.where(vals > 0, np.log(vals), np.nan)
        pops = np.array([p[2] for p in pos])
        users[i] = np.nanmean((vals * pops)[-5:]) if np.isfinite(pops).any() else np.nan
    return years, logs, users


def care_users(until: int | None) -> dict[str, float]:
    """Weighted care users per municipality, home-care users + w × nursing-home residents (the denominator of care
    FTE per weighted user, forecast.data.care_history.fte_per_user_history): the mean of its last five years up to
    `until`, on 2024 borders."""
    from forecast.data.care_history import fte_per_user_history

    history = fte_per_user_history()
    if until is not None:
        history = history[history["year"] <= until]
    frame = history.sort_values("year").groupby("municipality")["weighted_users"]
    return frame.apply(lambda s: float(s.tail(5).mean())).to_dict()


def _kindergarten_series(until: int | None):
    """SSB 13502 share of 1–2-year-olds in kindergarten, per municipality, as a log family with users."""
    import numpy as np

    from forecast.data.kindergarten import load_coverage_1_2
    from forecast.population import load_history

    df = load_coverage_1_2().dropna(subset=["share"])
    if until is not None:
        df = df[df["year"] <= until]
    cube = load_history()
    years = sorted(int(y) for y in df["year"].unique())
    codes = sorted(c for c in df["municipality"].unique() if c in cube.codes)
    logs = np.full((len(codes), len(years)), np.nan)
    users = np.full(len(codes), np.nan)
    for i, (code, rows) in enumerate(df[df["municipality"].isin(codes)].groupby("municipality", sort=True)):
        idx = [years.index(int(y)) for y in rows["year"]]
        share = rows["share"].to_numpy(float)
        with np.errstate(divide="ignore"):
            logs[codes.index(code), idx] = np.where(share > 0, np.log(share), np.nan)
        y_last = min(int(rows["year"].max()) + 1, cube.years[-1])
        kids = cube.values[cube.index(code), cube.years.index(y_last), :, 1:3].sum()
        users[codes.index(code)] = share[-1] * kids
    return years, logs, users


# families: (service, variable, band) → where its history comes from
FAMILIES = {
    ("home_care", "coverage", "0-66"), ("home_care", "coverage", "67-79"), ("home_care", "coverage", "80+"),
    ("nursing_home", "coverage", "0-66"), ("nursing_home", "coverage", "67-79"), ("nursing_home", "coverage", "80+"),
    ("care", "fte_per_user", None), ("primary_school", "coverage", "6-15"), ("primary_school", "fte_per_user", None),
    ("kindergarten", "coverage", "1-2"),
}


def family_name(service: str, variable: str, band: str | None) -> str:
    return " ".join(p for p in (service, variable, band) if p)


@lru_cache(maxsize=8)
def trend_shocks(until: int | None = None) -> dict[str, TrendShocks]:
    """Every family's local-level model, from the care panel, Udir and SSB 13502 (history up to `until`)."""
    import numpy as np

    from forecast.trends.series import care_series, school_series

    out: dict[str, TrendShocks] = {}
    care = care_users(until)
    groups: dict[str, list] = {}
    for s in care_series():
        groups.setdefault(s.family, []).append(s)
    for fam, series in sorted(groups.items()):
        years, logs, users = stack(series, until)
        if fam == "care fte_per_user":
            users = np.array([care.get(s.municipality, np.nan) for s in series])
        out[fam] = fit_trend_shocks(fam, years, logs, users)
    school = [s for s in school_series()]
    for variable in ("coverage", "fte_per_user"):
        series = [s for s in school if s.variable == variable]
        nat = [s for s in series if s.municipality == "0000"]
        local = [s for s in series if s.municipality != "0000"]
        if not nat:
            continue
        years, nlog, _ = stack(nat, until)
        _, llog, lusers = stack(local, until) if local else (years, np.empty((0, len(years))), np.empty(0))
        # the national series is itself the national part; Bergen is the only local series (users unknown → 1)
        fam = f"primary_school {variable}" + (" 6-15" if variable == "coverage" else "")
        logs = np.vstack([nlog, llog]) if len(llog) else nlog
        users = np.concatenate([[np.inf], np.where(np.isfinite(lusers), lusers, 50_000.0)]) if len(llog) else [1.0]
        fit = fit_trend_shocks(fam, years, logs, np.asarray(users, float))
        out[fam] = fit
    years, logs, users = _kindergarten_series(until)
    out["kindergarten coverage 1-2"] = fit_trend_shocks("kindergarten coverage 1-2", years, logs, users)
    return out
