"""Summary views of the canonical frame (pandas frames, no printing): what the CLI shows as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.vocabulary import ALL, SERVICES, SUMMARY_VARIABLES, TOTAL, VARIABLES

if TYPE_CHECKING:
    import pandas as pd

LABELS = {v: VARIABLES[v].label for v in SUMMARY_VARIABLES}


def default_years(years: list[int]) -> list[int]:
    """Base year, every fifth year after it, and the end year."""
    base, end = min(years), max(years)
    picks = [base] + [y for y in years if y > base and y % 5 == 0] + [end]
    return sorted(set(picks))


def summary(frame: "pd.DataFrame", years: list[int], totals: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per municipality, service and variable shown (whole services: occupation "all"); one column per
    year; plus the change over the period.

    Columns: municipality, service, variable, label, unit, <years…>, change, lower, upper (the last year's interval,
    NaN where there is none). `totals` (Result.totals, from draws) gives the total over services its interval.
    """
    import pandas as pd

    from forecast.results.frame import whole_services

    frame = whole_services(frame)
    shown = frame[frame["variable"].isin(LABELS) & frame["year"].isin(years)]
    if not (shown["variable"] == "automation_offset").any():
        shown = shown[shown["variable"] != "fte_before_automation"]
    wide = shown.pivot_table(index=["scenario", "municipality", "service", "variable", "unit"], columns="year",
                             values="value", aggfunc="sum").reset_index()
    wide.columns.name = None
    fte = wide[wide["variable"] == "fte"]
    if not fte.empty:
        total = fte.groupby(["scenario", "municipality"], as_index=False)[years].sum()
        total["service"], total["variable"], total["unit"] = TOTAL, "fte", "FTE"
        wide = pd.concat([wide, total], ignore_index=True)
    order = {s: i for i, s in enumerate([*SERVICES, TOTAL])}
    var_order = {v: i for i, v in enumerate(LABELS)}
    wide = wide.sort_values(["scenario", "municipality"], kind="stable")
    wide["_s"] = wide["service"].map(order)
    wide["_v"] = wide["variable"].map(var_order)
    wide = wide.sort_values(["scenario", "municipality", "_s", "_v"]).drop(columns=["_s", "_v"])
    wide["label"] = [
        SERVICES[s].users_en if v == "users" and s in SERVICES else
        LABELS[v].format(users=SERVICES[s].users_en if s in SERVICES else "users")
        for s, v in zip(wide["service"], wide["variable"])
    ]
    wide["change"] = wide[years[-1]] - wide[years[0]]
    end = frame[frame["year"] == years[-1]].groupby(["scenario", "municipality", "service", "variable"])[
        ["lower", "upper"]].first()  # one row per key: its own interval
    keys = list(zip(wide["scenario"], wide["municipality"], wide["service"], wide["variable"]))
    wide["lower"] = [end["lower"].get(k, float("nan")) for k in keys]
    wide["upper"] = [end["upper"].get(k, float("nan")) for k in keys]
    if totals is not None and not totals.empty:
        drawn = totals[(totals["year"] == years[-1]) & (totals["service"] == ALL)]
        drawn = drawn[drawn["occupation"] == ALL] if "occupation" in drawn.columns else drawn
        drawn = drawn.set_index(["scenario", "municipality", "variable"])[["lower", "upper"]]
        for i in wide.index[wide["service"] == TOTAL]:
            k = (wide.at[i, "scenario"], wide.at[i, "municipality"], wide.at[i, "variable"])
            if k in drawn.index:
                wide.at[i, "lower"], wide.at[i, "upper"] = drawn.loc[k, "lower"], drawn.loc[k, "upper"]
    cols = ["scenario", "municipality", "service", "variable", "label", "unit", *years, "change", "lower", "upper"]
    return wide[cols].reset_index(drop=True)


def summed_with_rates(frame: "pd.DataFrame", label: str, totals: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """`frame` summed over municipalities (forecast.results.totals), with the capacity rate recomputed from the sums
    (users per 100 aged 80+ = 100 × Σ users / Σ persons aged 80+, each municipality's persons being
    100 × users / rate); FTE per user, a ratio that does not add, is left out. With `totals` (Result.totals, from
    draws), the sums carry the interval of the sum drawn draw by draw."""
    import pandas as pd

    from forecast.results.frame import quantile_columns, whole_services
    from forecast.results.quantiles import total_intervals
    from forecast.results.totals import summed

    rate = "users_per_100_aged_80plus"
    kept = frame[~frame["variable"].isin(["fte_per_user", rate])]
    out = total_intervals(summed(kept.drop(columns=quantile_columns(kept)), "municipality", label), totals)
    rates = whole_services(frame[frame["variable"] == rate])
    if rates.empty:
        return out
    keys = ["scenario", "municipality", "service", "year"]
    users = whole_services(frame[frame["variable"] == "users"])[[*keys, "value"]]
    both = rates[[*keys, "value"]].merge(users, on=keys, suffixes=("_rate", "_users"))
    both["aged"] = 100 * both["value_users"] / both["value_rate"].where(both["value_rate"] > 0)
    sums = both.groupby(["scenario", "service", "year"], sort=False)[["value_users", "aged"]].sum().reset_index()
    sums["value"] = 100 * sums["value_users"] / sums["aged"]
    first = rates.drop_duplicates(["scenario", "service"]).set_index(["scenario", "service"])
    rows = sums.assign(municipality=label, occupation=first["occupation"].iloc[0], variable=rate,
                       unit=first["unit"].iloc[0], lower=float("nan"), upper=float("nan"))
    return pd.concat([out, rows.reindex(columns=out.columns)], ignore_index=True)
