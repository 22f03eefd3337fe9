"""Split each municipality's user-facing care FTE (SSB 12292, all occupations) between home care and nursing homes.

SSB publishes the care FTE for home care and institutions together. Across municipalities,
  FTE_m = a × users_m + b × residents_m + e_m,      Var(e_m) ∝ users_m + residents_m
(no intercept; home-care users and nursing-home residents as 12292 counts them) gives national FTE per home-care
user (a) and per resident (b). Each municipality's own total is then split in proportion to a × users : b × residents,
so home_care + nursing_home equal its 12292 figure exactly; only the ratio w = b / a matters for the split.
Settings: data/parameters/care_split.yaml; the fit statistics and the alternatives: docs/model.md (section 3).

The least-squares fits and their clustered standard errors are computed with numpy (statsmodels takes seconds to
import, and a run needs the fit); the robust Huber fit, for comparison only, uses statsmodels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.errors import ForecastError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

METHODS = ("wls", "ols", "wls_per_user", "huber")
COLUMNS = ["municipality", "year", "user_facing_care_fte", "home_care_users", "nursing_home_residents",
           "home_care_fte", "nursing_home_fte", "home_care_share", "imputed"]
COUNTS = ["home_care_users", "nursing_home_residents"]


@dataclass(frozen=True)
class SplitFit:
    """The cross-municipality fit: FTE per home-care user (a) and per resident (b), with its statistics."""

    method: str
    years: tuple[int, ...]
    home_care: float  # a, FTE per home-care user
    nursing_home: float  # b, FTE per nursing-home resident
    se_home_care: float
    se_nursing_home: float
    ratio: float  # w = b / a: a resident counts as w home-care users
    se_ratio: float  # delta method, from the coefficients' covariance
    n: int  # municipality-years
    municipalities: int
    r2: float  # 1 − SSR / SST on FTE, unweighted
    r2_weighted: float  # the same with the fit's weights (centred)
    sd_log_residual: float  # standard deviation of log(observed / fitted FTE)
    median_abs_pct: float  # median |observed − fitted| / fitted, percent
    residuals: "pd.DataFrame" = field(repr=False, compare=False, default=None)  # municipality, year, fte, fitted


# ------------------------------------------------------------------ inputs
def split_inputs(years: tuple[int, ...] | list[int]) -> "pd.DataFrame":
    """12292 FTE, users and residents for `years`; a missing count is a suppressed small cell (0–4 persons).

    Returns `municipality, year, user_facing_care_fte, home_care_users, nursing_home_residents, imputed` where
    missing counts are filled with `suppressed_count` and `imputed` names what was filled ('' if nothing)."""
    from forecast.data.care_workforce import care_fte_and_users
    from forecast.data.parameters import care_split

    every = care_fte_and_users()
    df = every[every["year"].isin(list(years))].copy()
    found = sorted(df["year"].unique().tolist())
    if found != sorted(years):
        raise ForecastError(f"SSB 12292 has no care FTE for {sorted(set(years) - set(found))}; it has "
                            f"{', '.join(map(str, sorted(every['year'].unique())))}")
    counted = sorted(every.dropna(subset=["home_care_users"])["year"].unique().tolist())
    uncounted = [y for y in years if y not in counted]
    if uncounted:
        raise ForecastError(f"SSB 12292 has no home-care users or residents for {', '.join(map(str, uncounted))}: "
                            f"the split needs one of {', '.join(map(str, counted))}")
    df["imputed"] = [", ".join(k for k, gone in zip(COUNTS, row) if gone) for row in df[COUNTS].isna().to_numpy()]
    df[COUNTS] = df[COUNTS].fillna(care_split().suppressed_count)
    missing_fte = df["user_facing_care_fte"].isna()
    if missing_fte.any():
        m = df[missing_fte].iloc[0]
        raise ForecastError(f"SSB 12292 has no user-facing care FTE for {m['municipality']} in {m['year']}")
    return df.reset_index(drop=True)


# ------------------------------------------------------------------ fit
def weighted_fit(y: "np.ndarray", x: "np.ndarray", weights: "np.ndarray", groups: "np.ndarray | None"
                 ) -> tuple["np.ndarray", "np.ndarray"]:
    """Weighted least squares without intercept: coefficients and their covariance, clustered by `groups`
    (sandwich with the small-sample factor G/(G−1) × (N−1)/(N−K)), or heteroscedasticity-robust (HC1) without."""
    import numpy as np

    root = np.sqrt(weights)
    wx, wy = x * root[:, None], y * root
    bread = np.linalg.inv(wx.T @ wx)
    params = bread @ wx.T @ wy
    scores = wx * (wy - wx @ params)[:, None]  # w_i x_i e_i
    n, k = x.shape
    if groups is None:
        meat = scores.T @ scores
        factor = n / (n - k)
    else:
        codes, index = np.unique(groups, return_inverse=True)
        summed = np.zeros((len(codes), k))
        np.add.at(summed, index, scores)
        meat = summed.T @ summed
        g = len(codes)
        factor = g / (g - 1) * (n - 1) / (n - k)
    return params, factor * bread @ meat @ bread


@lru_cache(maxsize=16)
def fit_split(years: tuple[int, ...] | None = None, method: str | None = None) -> SplitFit:
    """Fit FTE = a × users + b × residents across municipalities on rows where SSB published every count."""
    import numpy as np
    import pandas as pd

    from forecast.data.parameters import care_split

    settings = care_split()
    years = tuple(years or settings.fit_years)
    method = method or settings.fit_method
    if method not in METHODS:
        raise ForecastError(f"unknown split method {method!r}: use one of {', '.join(METHODS)}")
    d = split_inputs(years)
    d = d[d["imputed"] == ""]
    y = d["user_facing_care_fte"].to_numpy(float)
    x = d[COUNTS].to_numpy(float)
    size = x.sum(axis=1)
    weights = {"ols": np.ones_like(size), "wls": 1 / size, "wls_per_user": 1 / size**2, "huber": 1 / size}[method]
    groups = d["municipality"].to_numpy() if len(years) > 1 else None
    if method == "huber":
        import statsmodels.api as sm

        root = np.sqrt(weights)
        res = sm.RLM(y * root, x * root[:, None], M=sm.robust.norms.HuberT()).fit()
        params, vcov = np.asarray(res.params, float), np.asarray(res.cov_params(), float)
    else:
        params, vcov = weighted_fit(y, x, weights, groups)
    if (params <= 0).any():
        raise ForecastError(f"the {method} split fit gave a non-positive FTE per user ({params.round(3).tolist()})")
    a, b = params
    grad = np.array([-b / a**2, 1 / a])
    fitted = x @ params
    resid = y - fitted
    wmean = np.average(y, weights=weights)
    return SplitFit(
        method=method, years=years, home_care=float(a), nursing_home=float(b),
        se_home_care=float(np.sqrt(vcov[0, 0])), se_nursing_home=float(np.sqrt(vcov[1, 1])),
        ratio=float(b / a), se_ratio=float(np.sqrt(grad @ vcov @ grad)),
        n=len(y), municipalities=int(d["municipality"].nunique()),
        r2=float(1 - (resid**2).sum() / ((y - y.mean()) ** 2).sum()),
        r2_weighted=float(1 - (weights * resid**2).sum() / (weights * (y - wmean) ** 2).sum()),
        sd_log_residual=float(np.std(np.log(y / fitted))),
        median_abs_pct=float(np.median(np.abs(resid / fitted)) * 100),
        residuals=pd.DataFrame({"municipality": d["municipality"].to_numpy(), "year": d["year"].to_numpy(),
                                "fte": y, "fitted": fitted}),
    )


# ------------------------------------------------------------------ split
def split_care_fte(year: int, fit: SplitFit | None = None) -> "pd.DataFrame":
    """Home-care and nursing-home FTE of every municipality in `year` (a year SSB 12292 counts users in), summing
    exactly to its 12292 total (FTE). Columns: COLUMNS; `home_care_share` is home care's share of the
    municipality's FTE; `imputed` names counts taken as suppressed small cells."""
    fit = fit or fit_split()
    df = split_inputs([year])
    home = fit.home_care * df["home_care_users"]
    nursing = fit.nursing_home * df["nursing_home_residents"]
    share = home / (home + nursing)
    df["home_care_share"] = share
    df["home_care_fte"] = df["user_facing_care_fte"] * share
    df["nursing_home_fte"] = df["user_facing_care_fte"] - df["home_care_fte"]
    return df[COLUMNS].reset_index(drop=True)
