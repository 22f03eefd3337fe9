"""Every number of the care workforce in docs/model.md (section 3): the split fit and its alternatives, the spread
of the split, the FTE-per-user history on 2024 borders and the occupation mix. Hires by occupation come from the
tool itself: `forecast hires SCENARIO --by occupation`.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/care_workforce.py [--section fit|split|history|occupations]
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from forecast.data.parameters import care_split, occupations  # noqa: E402

pd.set_option("display.width", 200)
pd.set_option("display.max_columns", 30)
BERGEN = "4601"
FIRST, LAST = 2026, 2032


def section_fit() -> None:
    import statsmodels.api as sm

    from forecast.data.care_split import METHODS, fit_split, split_inputs

    print("== 1. Split fit: user-facing care FTE (SSB 12292) = a × home-care users + b × residents, no intercept")
    for method in METHODS:
        print(" ", _describe(fit_split(method=method)))
    for year in (2024, 2025):
        print(" ", _describe(fit_split((year,))))
    d = split_inputs((2024, 2025))
    d = d[d["imputed"] == ""]
    y, x = d["user_facing_care_fte"], d[["home_care_users", "nursing_home_residents"]]
    size = x.sum(axis=1)
    groups = pd.factorize(d["municipality"])[0]
    withc = sm.WLS(y, sm.add_constant(x), weights=1 / size).fit(cov_type="cluster", cov_kwds={"groups": groups})
    print(f"  intercept when added (wls): {withc.params['const']:.2f} ± {withc.bse['const']:.2f} FTE")
    root = np.sqrt(1 / size.to_numpy())
    tukey = sm.RLM(y.to_numpy() * root, x.to_numpy() * root[:, None], M=sm.robust.norms.TukeyBiweight()).fit()
    print(f"  Tukey biweight (wls-scaled): w = {tukey.params[1] / tukey.params[0]:.2f}")
    ols = sm.OLS(y, x).fit()
    park = sm.OLS(np.log(np.abs(ols.resid)), sm.add_constant(np.log(size))).fit()
    print(f"  log |OLS residual| on log(users + residents): slope {park.params.iloc[1]:.2f} ± {park.bse.iloc[1]:.2f}"
          f" (variance ∝ size^{2 * park.params.iloc[1]:.2f})")
    # nurse check: the same fit on nurses' FTE (care panel, SSB 11924/14534)
    from forecast.data.care import load_care_panel

    nurses = d.merge(load_care_panel()[["municipality", "year", "nurse_fte"]], on=["municipality", "year"]).dropna()
    xn = nurses[["home_care_users", "nursing_home_residents"]]
    for name, w in (("ols", np.ones(len(xn))), ("wls", 1 / xn.sum(axis=1))):
        r = sm.WLS(nurses["nurse_fte"], xn, weights=w).fit()
        ratio = r.params.iloc[1] / r.params.iloc[0]
        print(f"  nurse-only {name}: {r.params.iloc[0]:.3f} per user, {r.params.iloc[1]:.3f} per resident, ratio "
              f"{ratio:.2f}; nursing-home share of nurse FTE 2025 "
              f"{_nh_share(nurses[nurses['year'] == 2025], 'nurse_fte', ratio):.1%}")
    # sensitivity: 24-hour-staffed housing residents (care panel Y_2_ialt) as a separate home-care term, 2025
    raw = pd.read_csv(_panel_path(), dtype={"kommunenr_2024": str}).rename(
        columns={"kommunenr_2024": "municipality", "år": "year"})
    d25 = d[d["year"] == 2025].merge(raw[["municipality", "year", "Y_2_ialt"]], on=["municipality", "year"]).dropna()
    x3 = d25[["home_care_users", "Y_2_ialt", "nursing_home_residents"]]
    r3 = sm.WLS(d25["user_facing_care_fte"], x3, weights=1 / x3.sum(axis=1)).fit(cov_type="HC1")
    fit3 = x3 @ r3.params
    nh = (r3.params.iloc[2] * d25["nursing_home_residents"] / fit3 * d25["user_facing_care_fte"])
    b = d25["municipality"] == BERGEN
    print(f"  with 24-hour housing residents (2025, wls, n={len(d25)}): {r3.params.round(3).to_dict()}, sd log "
          f"residual {np.std(np.log(d25['user_facing_care_fte'] / fit3)):.3f}; nursing-home share nationally "
          f"{nh.sum() / d25['user_facing_care_fte'].sum():.1%}, "
          f"Bergen {float(nh[b].sum() / d25.loc[b, 'user_facing_care_fte'].sum()):.1%}")


def _describe(fit) -> str:
    years = f"{fit.years[0]}–{fit.years[-1]}" if len(fit.years) > 1 else str(fit.years[0])
    return (f"{fit.method} {years} (n = {fit.n}, {fit.municipalities} municipalities): a = {fit.home_care:.3f} ± "
            f"{fit.se_home_care:.3f} FTE per home-care user, b = {fit.nursing_home:.3f} ± {fit.se_nursing_home:.3f} "
            f"per resident, w = b / a = {fit.ratio:.2f} ± {fit.se_ratio:.2f}; R² {fit.r2:.3f} (weighted "
            f"{fit.r2_weighted:.3f}), sd log residual {fit.sd_log_residual:.3f}, median |error| "
            f"{fit.median_abs_pct:.1f} %")


def _nh_share(df: pd.DataFrame, column: str, ratio: float) -> float:
    weight = ratio * df["nursing_home_residents"]
    return float((df[column] * weight / (df["home_care_users"] + weight)).sum() / df[column].sum())


def _panel_path():
    from forecast.data import data_path
    from forecast.data.care import CARE_FILE

    return data_path(*CARE_FILE)


def section_split() -> None:
    from forecast.data.care_split import METHODS, fit_split, split_care_fte
    from forecast.data.regions import name_of

    print("\n== 2. The split, 2025 (FTE)")
    s = split_care_fte(2025)
    tot = s[["user_facing_care_fte", "home_care_fte", "nursing_home_fte"]].sum()
    print(f"  nation: {tot['user_facing_care_fte']:,.0f} = home care {tot['home_care_fte']:,.0f} "
          f"({tot['home_care_fte'] / tot['user_facing_care_fte']:.1%}) + nursing homes {tot['nursing_home_fte']:,.0f}")
    b = s[s["municipality"] == BERGEN].iloc[0]
    print(f"  Bergen: {b['user_facing_care_fte']:,.0f} = home care {b['home_care_fte']:,.1f} "
          f"({b['home_care_share']:.1%})"
          f" + nursing homes {b['nursing_home_fte']:,.1f}; {b['home_care_users']:,.0f} users, "
          f"{b['nursing_home_residents']:,.0f} residents")
    print("  home-care share across municipalities:",
          s["home_care_share"].quantile([0, .05, .25, .5, .75, .95, 1]).round(3).to_dict())
    for method in METHODS:
        alt = split_care_fte(2025, fit_split(method=method))
        nat = alt["nursing_home_fte"].sum() / alt["user_facing_care_fte"].sum()
        berg = alt.loc[alt["municipality"] == BERGEN, "nursing_home_fte"].iloc[0]
        print(f"  {method:13s} nursing homes: nation {nat:.1%}, Bergen {berg:,.0f} FTE "
              f"({berg / b['user_facing_care_fte']:.1%})")
    fit = fit_split()
    for k in (-1, 1):
        w = fit.ratio + k * fit.se_ratio
        nh = _nh_share(s, "user_facing_care_fte", w)
        bb = _nh_share(s[s["municipality"] == BERGEN], "user_facing_care_fte", w)
        print(f"  ratio {w:.2f} (wls {'−' if k < 0 else '+'} 1 se): nursing homes nation {nh:.1%}, Bergen {bb:.1%}")
    s["name"] = s["municipality"].map(name_of)
    print(f"  imputed (suppressed small cells taken as {care_split().suppressed_count:g}):")
    print(s[s["imputed"] != ""][["municipality", "name", "user_facing_care_fte", "home_care_users",
                                 "nursing_home_residents", "home_care_share", "imputed"]].to_string(index=False))
    ordered = s.sort_values("home_care_share")
    cols = ["municipality", "name", "user_facing_care_fte", "home_care_users", "nursing_home_residents",
            "home_care_share"]
    print("  lowest home-care shares:\n" + ordered.head(5)[cols].to_string(index=False))
    print("  highest home-care shares:\n" + ordered.tail(5)[cols].to_string(index=False))
    r = fit.residuals[fit.residuals["year"] == 2025].copy()
    r["observed/fitted"] = r["fte"] / r["fitted"]
    r["name"] = r["municipality"].map(name_of)
    within = (np.abs(np.log(r["observed/fitted"])) <= np.log(1.25)).mean()
    print(f"  2025: {within:.0%} of municipalities within ±25 % of the fitted total; extremes:")
    r = r.sort_values("observed/fitted")
    print(pd.concat([r.head(4), r.tail(4)])[["municipality", "name", "fte", "fitted", "observed/fitted"]]
          .round(2).to_string(index=False))


def section_history() -> None:
    from forecast.data.care_history import (
        care_fte_history,
        fte_per_user_history,
        national_resident_ratio,
        resident_ratio,
        years_per_municipality,
    )
    from forecast.data.care_workforce import load_care_fte_and_users

    print("\n== 3. History: user-facing care FTE per weighted user, 2015–2025, 2024 borders")
    raw = load_care_fte_and_users()
    reported = raw[raw["metric"] == "user_facing_care_fte"].groupby("year").size()
    recoded, left_out = care_fte_history()
    print("  municipalities reported / on 2024 borders, by year:",
          {y: f"{reported[y]}/{n}" for y, n in recoded.groupby("year").size().items()})
    print("  left out:")
    for (year, reason), g in left_out.groupby(["year", "reason"]):
        print(f"    {year}: {', '.join(g['municipality'])} — {reason}")
    rr = resident_ratio()
    print(f"  12292 residents / panel long-term residents (2024–2025): national {national_resident_ratio():.3f}; "
          f"by municipality {rr['ratio'].quantile([0, .25, .5, .75, 1]).round(2).to_dict()} (n={len(rr)})")
    h = fte_per_user_history()
    print("  municipalities by number of years of history:", years_per_municipality(h).to_dict())
    print(f"  rows with a suppressed count taken as {care_split().suppressed_count:g}: {(h['imputed'] != '').sum()}")
    years = h.groupby("municipality")["year"].nunique()
    panels = (("11 years", years[years == 11].index, 2015), ("6+ years", years[years >= 6].index, 2020))
    for label, keep, first in panels:
        g = h[h["municipality"].isin(keep) & (h["year"] >= first)].groupby("year")[
            ["user_facing_care_fte", "weighted_users"]].sum()
        g = (g["user_facing_care_fte"] / g["weighted_users"]).round(4)
        print(f"  FTE per weighted user, the {len(keep)} municipalities with {label}: {g.to_dict()}")
    b = h[h["municipality"] == BERGEN].set_index("year")["fte_per_weighted_user"].round(4)
    print(f"  Bergen: {b.to_dict()}")


def section_occupations() -> None:
    from forecast.data.care_workforce import care_fte_and_users
    from forecast.data.occupations import user_facing_fte

    names = list(occupations().care_groups)
    print("\n== 4. Occupations (SSB 14533), FTE")
    for year in (2024, 2025):
        u = user_facing_fte(year)
        s = u[[*names, "user_facing", "left_out", "total"]].sum()
        ssb = care_fte_and_users()
        ssb = ssb[ssb["year"] == year].set_index("municipality")["user_facing_care_fte"]
        ratio = u.set_index("municipality")["user_facing"] / ssb
        print(f"  {year} nation: " + ", ".join(f"{k} {v:,.0f}" for k, v in s.items())
              + f"; 12292 user-facing {ssb.sum():,.0f}")
        quantiles = ratio.quantile([0, .05, .5, .95, 1]).round(3).to_dict()
        print(f"    14533 user-facing / 12292 by municipality: {quantiles}")
    u = user_facing_fte(2025).set_index("municipality")
    bb = u.loc[BERGEN]
    print("  Bergen 2025 (14533): " + ", ".join(f"{k} {v:,.0f}" for k, v in bb.items() if k != "year"))
    mix = u[names].div(u["user_facing"], axis=0)
    nat = u[names].sum() / u["user_facing"].sum()
    print("  mix, nation: " + ", ".join(f"{k} {v:.1%}" for k, v in nat.items()))
    print("  mix, Bergen: " + ", ".join(f"{k} {v:.1%}" for k, v in mix.loc[BERGEN].items()))
    print("  mix across municipalities (median [p5, p95]): " + ", ".join(
        f"{k} {mix[k].median():.1%} [{mix[k].quantile(.05):.1%}, {mix[k].quantile(.95):.1%}]" for k in names))
    ssb = care_fte_and_users()
    ssb = ssb[ssb["year"] == 2025].set_index("municipality")["user_facing_care_fte"]
    care = mix.mul(ssb.reindex(mix.index), axis=0)
    print("  Bergen 2025 care FTE by occupation, on 12292's 7,477 FTE: "
          + ", ".join(f"{k} {v:,.0f}" for k, v in care.loc[BERGEN].items()))
    size = occupations().position_size
    persons = sum(care[k].sum() / size[k] for k in names)
    print(f"  nation: implied persons {persons:,.0f}, average position size {care.to_numpy().sum() / persons:.3f} "
          f"(KS special-age-limit staff 2023: 0.825)")


SECTIONS = {"fit": section_fit, "split": section_split, "history": section_history,
            "occupations": section_occupations}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=list(SECTIONS), action="append")
    for name in parser.parse_args().section or list(SECTIONS):
        SECTIONS[name]()


if __name__ == "__main__":
    main()
