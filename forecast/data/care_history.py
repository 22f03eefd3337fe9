"""User-facing care FTE (SSB 12292, 2015–2025) on 2024 borders, per weighted user and split between home care and
nursing homes: what care calibrates on (`care_staffing`) and what its trend is fitted to (`fte_per_user_history`).

12292 reports FTE under the codes valid each year. A year's figures are moved to a 2024 municipality only where the
mapping is whole: every code that became part of it that year is in the data and went into it entirely (the
shipped redistricting table, forecast.data.regions.redistricting). Anything else is left out and listed, never
apportioned.

Users per year come from the care panel (2024 borders): home-care users (equal to 12292's in 2024–2025) and
long-term residents (SSB 11645). 12292 counts nursing-home residents more widely (short stays too) and only for
2024–2025, so earlier years use the panel's long-term residents × the municipality's own ratio of 12292 residents to
them in 2024–2025 (the national ratio where it has none). With w the split's FTE per resident relative to FTE per
home-care user (forecast.data.care_split),
  weighted users(t)         = home-care users(t) + w × residents(t)
  fte_per_weighted_user(t)  = FTE(t) / weighted users(t)
  home_care_fte(t)          = FTE(t) × home-care users(t) / weighted users(t);  nursing_home_fte = the rest,
so one factor moves both services' FTE per user, and in 2024–2025 the split is exactly split_care_fte's.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

WHOLE = 0.999  # a redistricting weight at or above this is the whole of the old municipality


def recode_to_2024(df: "pd.DataFrame", value: str = "value") -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """Move `municipality, year, <value>` (codes as reported each year) to 2024 borders where the mapping is whole.

    Returns (recoded, left_out): recoded has `municipality` (2024 code), `year`, `value`, `sources` (the reported
    codes summed, '+'-joined); left_out has `year, municipality, reason` for every reported row not carried over."""
    import pandas as pd

    from forecast.data.regions import redistricting

    table = redistricting()
    table = table[table["year"].isin(set(df["year"]))].copy()
    reported = df[["municipality", "year", value]].rename(columns={"municipality": "original", value: "value"})
    per_original = table.groupby(["year", "original"]).agg(targets=("current", "nunique"), least=("weight", "min"))
    table = table.join(per_original, on=["year", "original"])
    table["split"] = (table["targets"] > 1) | (table["least"] < WHOLE)
    table = table.merge(reported, on=["year", "original"], how="left")
    table["present"] = table["value"].notna()
    groups = table.groupby(["year", "current"], sort=True)
    summary = groups.agg(present=("present", "sum"), parts=("original", "size"), split=("split", "any"),
                         value=("value", "sum"), first=("original", "first"))
    summary = summary[summary["present"] > 0]
    whole = (summary["present"] == summary["parts"]) & ~summary["split"]
    kept = summary[whole].reset_index()
    kept["sources"] = [first if n == 1 else "+".join(dict.fromkeys(
        table.loc[(table["year"] == y) & (table["current"] == c), "original"]))
        for y, c, n, first in zip(kept["year"], kept["current"], kept["parts"], kept["first"])]
    recoded = kept.rename(columns={"current": "municipality"})[["municipality", "year", "value", "sources"]]
    recoded["year"] = recoded["year"].astype(int)
    dropped = []
    for (year, current) in summary.index[~whole]:
        rows = table[(table["year"] == year) & (table["current"] == current)]
        originals = list(dict.fromkeys(rows["original"]))
        split = [o for o in originals if rows.loc[rows["original"] == o, "split"].any()]
        absent = [o for o in originals if not rows.loc[rows["original"] == o, "present"].any()]
        why = (f"{'+'.join(split)} was split between 2024 municipalities" if split else
               f"{'+'.join(absent)} also became part of {current} but has no figure")
        dropped += [(year, o, why) for o in originals if o not in absent]
    known = set(zip(table["year"], table["original"]))
    for year, code in zip(reported["year"], reported["original"]):
        if (year, code) not in known:
            dropped.append((year, code, f"{code} is not a municipality code of {year}" if year in set(table["year"])
                            else f"the redistricting table has no year {year}"))
    left_out = pd.DataFrame(dropped, columns=["year", "municipality", "reason"]).drop_duplicates()
    left_out = left_out.sort_values(["year", "municipality"], kind="stable")
    return recoded.sort_values(["municipality", "year"]).reset_index(drop=True), left_out.reset_index(drop=True)


@lru_cache(maxsize=1)
def care_fte_history() -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """SSB 12292 user-facing care FTE on 2024 borders: (`municipality, year, user_facing_care_fte`, left_out)."""
    from forecast.data.care_workforce import load_care_fte_and_users

    raw = load_care_fte_and_users()
    fte = raw[raw["metric"] == "user_facing_care_fte"]
    recoded, left_out = recode_to_2024(fte)
    return recoded.rename(columns={"value": "user_facing_care_fte"}), left_out


def _residents_both() -> "pd.DataFrame":
    from forecast.data.care import load_care_panel
    from forecast.data.care_workforce import care_fte_and_users

    ssb = care_fte_and_users().dropna(subset=["nursing_home_residents"])
    panel = load_care_panel()[["municipality", "year", "nursing_home_total"]]
    return ssb.merge(panel, on=["municipality", "year"]).dropna(subset=["nursing_home_total"])


def resident_ratio() -> "pd.DataFrame":
    """12292 nursing-home residents (short and long stays) per care-panel long-term resident, by municipality.

    Columns `municipality, ratio, years` (the 2024–2025 years with both counts); municipalities without both counts
    are absent (callers use the national ratio, `national_resident_ratio()`)."""
    both = _residents_both()
    g = both.groupby("municipality")
    out = (g["nursing_home_residents"].sum() / g["nursing_home_total"].sum()).rename("ratio").reset_index()
    out["years"] = g.size().to_numpy()
    return out


def national_resident_ratio() -> float:
    both = _residents_both()
    return float(both["nursing_home_residents"].sum() / both["nursing_home_total"].sum())


@lru_cache(maxsize=1)
def fte_per_user_history() -> "pd.DataFrame":
    """User-facing care FTE per weighted user, and the split between the services, by municipality (2024 borders)
    and year, where FTE and users exist (the default split fit, data/parameters/care_split.yaml).

    Columns: municipality, year, user_facing_care_fte (FTE), home_care_users, long_term_residents,
    nursing_home_residents (persons; 12292's own count in 2024–2025, else long-term × the ratio), residents_source,
    imputed (counts SSB suppressed, 0–4 persons, taken as `suppressed_count`), weighted_users (persons,
    home-care-user equivalents), fte_per_weighted_user (FTE per person), home_care_fte, nursing_home_fte (FTE)."""
    from forecast.data.care import load_care_panel
    from forecast.data.care_split import fit_split
    from forecast.data.care_workforce import care_fte_and_users
    from forecast.data.parameters import care_split

    fit = fit_split()
    fte, _ = care_fte_history()
    panel = load_care_panel()[["municipality", "year", "home_care_total", "nursing_home_total"]]
    d = fte.merge(panel, on=["municipality", "year"], how="left").rename(
        columns={"home_care_total": "home_care_users", "nursing_home_total": "long_term_residents"})
    in_panel = (d["municipality"].isin(set(panel["municipality"])) & d["year"].isin(set(panel["year"]))).to_numpy()
    ssb = care_fte_and_users()[["municipality", "year", "home_care_users", "nursing_home_residents"]]
    d = d.merge(ssb.rename(columns={"home_care_users": "ssb_users"}), on=["municipality", "year"], how="left")
    counted = d["year"].isin(set(ssb.dropna(subset=["home_care_users"])["year"]))
    fill = care_split().suppressed_count  # a count SSB suppressed (0–4 persons)
    imputed: list[list[str]] = [[] for _ in range(len(d))]
    users = d["home_care_users"].fillna(d["ssb_users"])
    for i in (users.isna().to_numpy() & in_panel).nonzero()[0]:
        imputed[i].append("home_care_users")
    d["home_care_users"] = users.where(users.notna() | ~in_panel, fill)
    long_term = d["long_term_residents"]
    for i in (long_term.isna().to_numpy() & in_panel & ~counted.to_numpy()).nonzero()[0]:
        imputed[i].append("long_term_residents")
    long_term = long_term.where(long_term.notna() | ~in_panel, fill)
    own = d["nursing_home_residents"].notna()
    for i in (~own & counted).to_numpy().nonzero()[0]:
        imputed[i].append("nursing_home_residents")
    ratio = resident_ratio().set_index("municipality")["ratio"]
    factor = d["municipality"].map(ratio).fillna(national_resident_ratio())
    d["residents_source"] = ["SSB 12292" if o else "SSB 12292, suppressed" if c else "panel long-term × ratio"
                             for o, c in zip(own, counted)]
    d["nursing_home_residents"] = d["nursing_home_residents"].where(own, (long_term * factor).where(~counted, fill))
    d["imputed"] = [", ".join(k) for k in imputed]
    d = d.dropna(subset=["home_care_users", "nursing_home_residents"])
    d["weighted_users"] = d["home_care_users"] + fit.ratio * d["nursing_home_residents"]
    d = d[d["weighted_users"] > 0].copy()
    d["fte_per_weighted_user"] = d["user_facing_care_fte"] / d["weighted_users"]
    d["home_care_fte"] = d["fte_per_weighted_user"] * d["home_care_users"]
    d["nursing_home_fte"] = d["user_facing_care_fte"] - d["home_care_fte"]
    cols = ["municipality", "year", "user_facing_care_fte", "home_care_users", "long_term_residents",
            "nursing_home_residents", "residents_source", "imputed", "weighted_users", "fte_per_weighted_user",
            "home_care_fte", "nursing_home_fte"]
    return d[cols].sort_values(["municipality", "year"]).reset_index(drop=True)


def years_per_municipality(history: "pd.DataFrame") -> "pd.Series":
    """How many municipalities have how many years of history (index: number of years)."""
    return history.groupby("municipality")["year"].nunique().value_counts().sort_index(ascending=False)
