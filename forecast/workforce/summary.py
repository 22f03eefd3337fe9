"""Cumulative hires over a period, by service or by occupation, with FTE and labour-market context: what
`forecast hires` shows and `forecast.hires` returns (Result.hires)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.errors import ArgumentError, ForecastError
from forecast.vocabulary import ALL, OCCUPATION_IDS, TOTAL

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import HiresSummary
    from forecast.results.frame import Result

SUMMARY_COLUMNS = ["scenario", "municipality", "service", "occupation", "variable", "unit", "from_year", "to_year",
                   "value"]
BY = ("service", "occupation")
FLOWS = ["exits", "hires", "hires_growth", "hires_replacement", "hires_fte"]
POINTS = ["workforce", "fte", "workforce_need"]


def period(result: "Result", first: int | None = None, last: int | None = None) -> tuple[int, int]:
    """The hiring period [first, last], defaulting to the year after the base year through the last year."""
    years = sorted(int(y) for y in result.frame.loc[result.frame["variable"] == "hires", "year"].unique())
    if not years:
        raise ForecastError("the result has no hires; compute them with forecast.run(scenario, hires=True)")
    base = years[0] - 1
    first = years[0] if first is None else first
    last = years[-1] if last is None else last
    if first <= base:
        raise ArgumentError(f"<first> {first} is not after the base year {base}: hires are counted from "
                            f"{base + 1}, the first year after it; use {base + 1} or later")
    if last > years[-1]:
        raise ArgumentError(f"<last> {last} is after the scenario's last year {years[-1]}; use {years[-1]} or "
                            "earlier, or raise period.end in the scenario")
    if first > last:
        raise ArgumentError(f"<first> {first} is after <last> {last}")
    return first, last


def _rows(result: "Result", by: str, start: int, last: int) -> "pd.DataFrame":
    """The frame's workforce rows of the years start..last at the level asked for: whole services, or occupations
    summed over the services they work in (service "all"); with the working-age population."""
    import pandas as pd

    from forecast.results.totals import summed

    f = result.frame
    f = f[f["year"].between(start, last)]  # numbers first: the string columns are slow to compare
    f = f[f["variable"].isin([*FLOWS, *POINTS, "working_age_population"])]
    working = f[f["variable"] == "working_age_population"]
    hired = f.loc[f["variable"] == "hires", "service"].unique().tolist()
    f = f[f["service"].isin(hired) & (f["variable"] != "working_age_population")]
    if by == "service":
        return pd.concat([f[f["occupation"] == ALL], working], ignore_index=True)
    trades = f[f["occupation"] != ALL].drop(columns=["lower", "upper"], errors="ignore")
    return pd.concat([summed(trades, "service", ALL), working], ignore_index=True)


def summary(result: "Result", first: int | None = None, last: int | None = None, by: str = "service"
            ) -> "pd.DataFrame":
    """Cumulative hires over [first, last] per service (`by="service"`) or per occupation summed over the services
    it works in (`by="occupation"`, service "all"), and in total (service "total", occupation "all").

    Long frame (SUMMARY_COLUMNS). Flows (exits, hires…) are summed over first..last; stocks and shares are taken
    at the end of the year before the period (from_year = to_year = first − 1) and at its last year.
    """
    import pandas as pd

    from forecast.results.totals import summed as sum_over

    from forecast.workforce.hires import working_ages

    if by not in BY:
        raise ArgumentError(f"<by> {by!r}: use service or occupation")
    first, last = period(result, first, last)
    ages = working_ages(result)
    start = first - 1
    f = _rows(result, by, start, last)
    keys = ["scenario", "municipality", "service", "occupation"]
    summed = (f[f["variable"].isin(FLOWS) & f["year"].between(first, last)]
              .groupby([*keys, "variable", "unit"], sort=False)["value"].sum().reset_index())
    summed["from_year"], summed["to_year"] = first, last
    points = f[f["variable"].isin(POINTS) & f["year"].isin([start, last])]
    points = points[[*keys, "variable", "unit", "year", "value"]].rename(columns={"year": "to_year"})
    points["from_year"] = points["to_year"]
    parts = pd.concat([summed, points], ignore_index=True)
    parts = pd.concat([parts, sum_over(parts.assign(occupation=ALL), "service", TOTAL)], ignore_index=True)
    fte = parts[parts["variable"] == "fte"].pivot_table(index=keys, columns="to_year", values="value", sort=False)
    growth = (fte[last] - fte[start]).rename("value").reset_index()
    growth["variable"], growth["unit"], growth["from_year"], growth["to_year"] = "fte_growth", "FTE", start, last
    pop = f[f["variable"] == "working_age_population"][["scenario", "municipality", "year", "value"]]
    need = parts[parts["variable"] == "workforce_need"].merge(
        pop.rename(columns={"year": "to_year", "value": "pop"}), on=["scenario", "municipality", "to_year"])
    need["value"] = need["value"] / need["pop"]
    need["variable"], need["unit"] = "need_share_working_age", f"share of persons aged {ages[0]}–{ages[1]}"
    people = pop[pop["year"].isin([start, last])].rename(columns={"year": "to_year"})
    people["from_year"], people["service"], people["occupation"] = people["to_year"], TOTAL, ALL
    people["variable"], people["unit"] = "working_age_population", "persons"
    out = pd.concat([parts[parts["variable"] != "workforce_need"], growth, need.drop(columns="pop"), people],
                    ignore_index=True)
    variables = [*FLOWS, "workforce", "fte", "fte_growth", "need_share_working_age", "working_age_population"]
    out["_v"] = out["variable"].map({v: i for i, v in enumerate(variables)})
    services = result.frame.loc[result.frame["variable"] == "hires", "service"].unique().tolist()  # first-seen order
    rank = {s: i for i, s in enumerate(services)} if by == "service" else {o: i for i, o in enumerate(OCCUPATION_IDS)}
    column = "service" if by == "service" else "occupation"
    out["_s"] = [len(rank) if s == TOTAL else rank.get(k, len(rank)) for s, k in zip(out["service"], out[column])]
    munis = {m: i for i, m in enumerate(result.frame["municipality"].unique())}
    out["_m"] = out["municipality"].map(munis)
    out = out.sort_values(["scenario", "_m", "_s", "_v", "to_year"], kind="stable")
    out["from_year"], out["to_year"] = out["from_year"].astype(int), out["to_year"].astype(int)
    return out[SUMMARY_COLUMNS].reset_index(drop=True)


def combined(result: "Result", years: tuple[int, int] | None = None) -> "Result":
    """The workforce rows (of the years first..last in `years`) summed over municipalities (one pseudo-municipality
    "N municipalities"), for a total view; sums follow forecast.results.totals."""
    import dataclasses

    from forecast.results.totals import summed
    from forecast.workforce.hires import WORKFORCE_VARIABLES

    f = result.frame
    codes = f["municipality"].unique()
    if len(codes) == 1:
        return result
    if years is not None:
        f = f[f["year"].between(*years)]
    keep = f[f["variable"].isin(["fte", *WORKFORCE_VARIABLES])]
    return dataclasses.replace(result, frame=summed(keep, "municipality", f"{len(codes)} municipalities"))


def hires_summary(result: "Result", first: int | None = None, last: int | None = None, by: str = "service"
                  ) -> "HiresSummary":
    """Cumulative hires over [first, last] per municipality, and summed over municipalities when there are
    several (the sum follows forecast.results.totals); per service or per occupation (`by`). With draws, the hires
    rows carry the quantiles and interval of the period's hires (forecast.results.quantiles.hires_intervals)."""
    from forecast.results.context import HiresSummary
    from forecast.workforce.hires import working_ages

    if by not in BY:
        raise ArgumentError(f"<by> {by!r}: use service or occupation")
    first, last = period(result, first, last)
    total = summary(combined(result, (first - 1, last)), first, last, by) if result.many else None
    own = summary(result, first, last, by)
    if result.draws:  # the hires of the period as summed inside each draw (Result.totals)
        from forecast.results.quantiles import hires_intervals

        base = int(result.frame["year"].min())
        own = hires_intervals(own, result.totals, base)
        total = None if total is None else hires_intervals(total, result.totals, base)
    return HiresSummary(first, last, own, total, working_ages(result), by)
