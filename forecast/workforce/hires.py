"""Workforce flows: how many people each service must hire, split into growth and replacement, persons and FTE.

Per municipality and service, from the net FTE need of a Result (automation already subtracted):
  need(t)  = fte(t) / position_size                                persons needed
  stock    = persons by single-year age; base year: need(base) × age profile (fully staffed)
  exits(t) = Σ_a stock(a, t−1) × q(a), where everyone reaching the age limit leaves (q = 1)
  hires(t) = max(0, need(t) − (stock(t−1) − exits(t)))  = growth(t) + replacement(t)
  growth(t) = min(hires(t), max(0, need(t) − stock(t−1))); stock(t) = stock(t−1) − exits(t) + hires(t)
Exit rates q(a) = k × shape(a): the shape is KS's municipal turnover by age (U-shaped: high for the young, low in
mid-career, high again as people retire), `k` is set so that the base-year exit rate equals the service's turnover
(KS's definition: all exits, retirement included). New hires enter at the ages implied by today's profile and exit
rates if that profile were stable. A surplus (need falling faster than exits) is absorbed by attrition, not layoffs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.errors import ArgumentError, ForecastError
from forecast.results.notes import ASSUMPTION, Note, merged, note
from forecast.vocabulary import TOTAL, unit_of

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import HiresSummary
    from forecast.results.frame import Result
    from forecast.scenario.schema import Scenario

ALL = "all"  # service of rows that belong to the municipality as a whole (working-age population)


WORKFORCE_VARIABLES = ("workforce", "workforce_need", "exits", "hires", "hires_fte", "hires_growth",
                       "hires_replacement", "working_age_population")


def share_unit(ages: tuple[int, int]) -> str:
    return f"share of persons aged {ages[0]}–{ages[1]}"


def with_hires(result: "Result", scenario: "Scenario") -> "Result":
    """A new Result: the original rows plus workforce stock, need, exits and hires per service and year."""
    import dataclasses

    import numpy as np
    import pandas as pd

    from forecast.results.frame import frame_from_rows
    from forecast.workforce.flows import ServiceWorkforce, project_flows, service_workforce

    frame = result.frame
    fte = frame[frame["variable"] == "fte"]
    if fte.empty:
        raise ForecastError("the result has no 'fte' rows to compute hires from")
    base = scenario.period.base
    rows: list[dict] = []
    notes: list[Note] = []
    cache: dict[tuple, ServiceWorkforce] = {}
    many = fte["municipality"].nunique() > 1
    for (name, code), by_code in fte.groupby(["scenario", "municipality"], sort=False):
        years = sorted(by_code["year"].astype(int).unique().tolist())
        if years[0] != base:
            raise ForecastError(f"FTE rows of {code} start in {years[0]}, not in the base year {base}")
        paths = result.population.get(name)
        if paths is None or code not in paths.codes:
            raise ForecastError(f"the result carries no population for {code}; compute it with forecast.run")
        lo, hi = paths.working_ages
        pops = paths.persons[paths.codes.index(code)]
        pop = np.array([pops[paths.years.index(y)][:, lo:hi + 1].sum() for y in years])
        rows.append({"scenario": name, "municipality": code, "service": ALL, "variable": "working_age_population",
                     "unit": unit_of("working_age_population"), "years": years, "values": pop})
        for service, block in by_code.groupby("service", sort=False):
            settings = scenario.workforce.get(service)
            key = (service, code if service == "primary_school" else None)
            if key not in cache:
                cache[key] = service_workforce(service, code, base, settings)
            wf = cache[key]
            need = block.set_index("year")["value"].reindex(years).to_numpy(float) / wf.position_size
            flows = project_flows(need, years, wf)
            ident = {"scenario": name, "municipality": code, "service": service}

            def add(variable: str, values, first: int = 0, unit: str | None = None) -> None:
                rows.append({**ident, "variable": variable, "unit": unit or unit_of(variable), "years": years[first:],
                             "values": np.asarray(values)[first:]})

            add("workforce", flows.stock)
            add("workforce_need", flows.need)
            add("exits", flows.exits, 1)
            add("hires", flows.hires, 1)
            add("hires_fte", flows.hires * wf.position_size, 1)
            add("hires_growth", flows.growth, 1)
            add("hires_replacement", flows.replacement, 1)
            add("need_share_working_age", flows.need / pop, unit=share_unit((lo, hi)))
            if many and service == "primary_school" and not (settings and settings.position_size):
                notes.append(note("workforce.size_udir_many", base=base))
            else:
                notes.extend(wf.notes)
            if service in scenario.staffing and (settings is None or settings.turnover is None
                                                 or settings.position_size is None):
                notes.append(_staffing_hint(service))
            notes.append(note("workforce.turnover", service=service, turnover=wf.turnover, base=base,
                              age=wf.retirement_age))
    from forecast.data import data_path
    from forecast.data.laerermod import laerermod_file
    from forecast.data.parameters import assumed, assumption_notes

    workforce_file = data_path("parameters", "workforce.yaml")
    return dataclasses.replace(
        result,
        frame=pd.concat([frame, frame_from_rows(rows)], ignore_index=True),
        notes=merged([*result.notes, *notes, *assumption_notes({"workforce": assumed("workforce")})]),
        inputs=list(dict.fromkeys([*result.inputs, laerermod_file(), workforce_file])),
    )


def _staffing_hint(service: str) -> Note:
    from forecast.data.parameters import workforce

    params = workforce()
    groups = ", ".join(params.service_mix[service])
    if service in ("home_care", "nursing_home"):
        return note("workforce.staffing_hint_care", kind=ASSUMPTION, service=service, groups=groups,
                    turnover=params.turnover["care_staff"], size=params.position_size["care_staff"])
    return note("workforce.staffing_hint", kind=ASSUMPTION, service=service, groups=groups)


def combined(result: "Result") -> "Result":
    """The workforce rows summed over municipalities (one pseudo-municipality "N municipalities"), for a total view;
    sums follow forecast.results.totals."""
    import dataclasses

    from forecast.results.totals import summed

    f = result.frame
    codes = f["municipality"].unique()
    if len(codes) == 1:
        return result
    keep = f[f["variable"].isin(["fte", *WORKFORCE_VARIABLES])]
    return dataclasses.replace(result, frame=summed(keep, "municipality", f"{len(codes)} municipalities"))


# ------------------------------------------------------------------ cumulative view
SUMMARY_COLUMNS = ["scenario", "municipality", "service", "variable", "unit", "from_year", "to_year", "value"]


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


def summary(result: "Result", first: int | None = None, last: int | None = None) -> "pd.DataFrame":
    """Cumulative hires over [first, last] per service and in total, with FTE and labour-market context.

    Long frame (SUMMARY_COLUMNS). Flows (exits, hires…) are summed over first..last; stocks and shares are taken
    at the end of the year before the period (from_year = to_year = first − 1) and at its last year.
    """
    import pandas as pd

    from forecast.results.totals import summed as sum_over

    first, last = period(result, first, last)
    ages = working_ages(result)
    start = first - 1
    f = result.frame
    keys = ["scenario", "municipality", "service"]
    order = {k: i for i, k in enumerate(f.drop_duplicates(keys)[keys].itertuples(index=False, name=None))}
    flows = ["exits", "hires", "hires_growth", "hires_replacement", "hires_fte"]
    hired = f.loc[f["variable"] == "hires", "service"].unique().tolist()
    f = f[f["service"].isin(hired) | (f["variable"] == "working_age_population")]
    summed = (f[f["variable"].isin(flows) & f["year"].between(first, last)]
              .groupby([*keys, "variable", "unit"], sort=False)["value"].sum().reset_index())
    summed["from_year"], summed["to_year"] = first, last
    points = f[f["variable"].isin(["workforce", "fte", "workforce_need"]) & f["year"].isin([start, last])]
    points = points[[*keys, "variable", "unit", "year", "value"]].rename(columns={"year": "to_year"})
    points["from_year"] = points["to_year"]
    parts = pd.concat([summed, points], ignore_index=True)
    parts = pd.concat([parts, sum_over(parts, "service", TOTAL)], ignore_index=True)
    fte = parts[parts["variable"] == "fte"].pivot_table(index=keys, columns="to_year", values="value", sort=False)
    growth = (fte[last] - fte[start]).rename("value").reset_index()
    growth["variable"], growth["unit"], growth["from_year"], growth["to_year"] = "fte_growth", "FTE", start, last
    pop = f[f["variable"] == "working_age_population"][["scenario", "municipality", "year", "value"]]
    need = parts[parts["variable"] == "workforce_need"].merge(
        pop.rename(columns={"year": "to_year", "value": "pop"}), on=["scenario", "municipality", "to_year"])
    need["value"] = need["value"] / need["pop"]
    need["variable"], need["unit"] = "need_share_working_age", share_unit(ages)
    people = pop[pop["year"].isin([start, last])].rename(columns={"year": "to_year"})
    people["from_year"], people["service"] = people["to_year"], TOTAL
    people["variable"], people["unit"] = "working_age_population", "persons"
    out = pd.concat([parts[parts["variable"] != "workforce_need"], growth, need.drop(columns="pop"), people],
                    ignore_index=True)
    variables = [*flows, "workforce", "fte", "fte_growth", "need_share_working_age", "working_age_population"]
    out["_v"] = out["variable"].map({v: i for i, v in enumerate(variables)})
    out["_s"] = [order.get(k, len(order)) for k in out[keys].itertuples(index=False, name=None)]
    munis = {m: i for i, m in enumerate(dict.fromkeys(result.frame["municipality"]))}
    out["_m"] = out["municipality"].map(munis)
    out = out.sort_values(["scenario", "_m", "_s", "_v", "to_year"], kind="stable")
    out["from_year"], out["to_year"] = out["from_year"].astype(int), out["to_year"].astype(int)
    return out[SUMMARY_COLUMNS].reset_index(drop=True)


def working_ages(result: "Result") -> tuple[int, int]:
    """The ages the result's labour need is set against."""
    from forecast.data.parameters import workforce

    paths = next(iter(result.population.values()), None)
    return paths.working_ages if paths is not None else workforce().working_ages


def hires_summary(result: "Result", first: int | None = None, last: int | None = None) -> "HiresSummary":
    """Cumulative hires over [first, last] per municipality, and summed over municipalities when there are
    several (the sum follows forecast.results.totals)."""
    from forecast.results.context import HiresSummary

    first, last = period(result, first, last)
    total = summary(combined(result), first, last) if result.many else None
    return HiresSummary(first, last, summary(result, first, last), total, working_ages(result))
