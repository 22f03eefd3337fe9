"""The data behind each chart: small tidy frames computed from the canonical long frame (and the population a run
carried).

Every view keeps a `unit` column, so the CSV written next to each chart says what its numbers are. Several
municipalities in one frame are summed by the one rule of forecast.results.totals: a sum over several rows carries
no interval. Views of services read the whole services' rows (occupation "all"), never their occupations too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import PopulationPaths

SUMMABLE = ("population", "users", "fte_before_automation", "automation_offset", "fte", "hires", "hires_growth",
            "hires_replacement", "exits")


QUANTILE = re.compile(r"^p\d+(\.\d+)?$")  # quantile columns over draws (p10, p50, p90), where the frame has them
OCCUPATION, WHOLE = "occupation", "all"  # the occupation column, where the frame has one; a whole service's rows
TOTAL = "total"  # the service label of a row for all services together (forecast.vocabulary.TOTAL)


REPORTED = ("users", "fte_before_automation", "automation_offset", "fte", "hires", "hires_growth",
            "hires_replacement")  # the variables a report reads (and automation_offset|<measure>)


def report_rows(frame: "pd.DataFrame") -> "pd.DataFrame":
    """The rows of the variables a report reads (a national result carries many more)."""
    keep = frame["variable"].isin(REPORTED) | frame["variable"].str.startswith("automation_offset|")
    return frame[keep].reset_index(drop=True)


def quantiles(frame: "pd.DataFrame") -> list[str]:
    """The frame's quantile columns in order (p10, p50, p90); empty where it has none."""
    found = [c for c in frame.columns if QUANTILE.match(str(c))]
    return sorted(found, key=lambda c: float(c[1:]))


def bands(frame: "pd.DataFrame") -> list[tuple[str, str, float]]:
    """The interval bands a chart can draw, outermost first: (lower column, upper column, level): pairs of
    quantiles (p10–p90 is 80 %) where the frame has them, else lower–upper (80 %)."""
    qs = quantiles(frame)
    pairs = [(lo, hi, round((float(hi[1:]) - float(lo[1:])) / 100, 3)) for lo, hi in zip(qs, reversed(qs))
             if float(lo[1:]) < 50 < float(hi[1:])]
    if pairs:
        return pairs
    return [("lower", "upper", 0.8)] if {"lower", "upper"} <= set(frame.columns) else []


def services_only(frame: "pd.DataFrame") -> "pd.DataFrame":
    """The rows of whole services (occupation "all") without the occupation column; the frame as it is where it
    has none."""
    if OCCUPATION not in frame.columns:
        return frame
    keep = frame[OCCUPATION].isna() | (frame[OCCUPATION] == WHOLE)
    return frame[keep].drop(columns=OCCUPATION)


def area_label(codes: list[str]) -> str:
    """How the draws name the report's whole area in Result.totals: the municipality's code, or "<n>
    municipalities" for the sum over several (forecast.results.frame.Result.totals)."""
    return codes[0] if len(codes) == 1 else f"{len(codes)} municipalities"


def drawn(totals: "pd.DataFrame | None", scenario: str, label: str, variable: str = "fte",
          service: str | None = WHOLE) -> "pd.DataFrame":
    """The draw-by-draw sums of Result.totals for one scenario, area `label` and variable (whole services; one
    service, or every service with `service=None`): service, year, value, lower, upper and the quantile columns.
    Empty without draws."""
    import pandas as pd

    if totals is None or totals.empty:
        return pd.DataFrame(columns=["service", "year", "value", "lower", "upper"])
    t = services_only(totals)
    keep = (t["scenario"] == scenario) & (t["municipality"] == label) & (t["variable"] == variable)
    if service is not None:
        keep &= t["service"] == service
    cols = ["service", "year", "value", "lower", "upper", *quantiles(t)]
    if "stands_out" in t.columns:
        cols.append("stands_out")
    return t.loc[keep, cols].sort_values(["service", "year"]).reset_index(drop=True)


def with_drawn(rows: "pd.DataFrame", totals: "pd.DataFrame | None", label: str) -> "pd.DataFrame":
    """Sums over municipalities (rows of `summed`, which carry no interval) with the interval of the same sum
    drawn draw by draw (Result.totals, area `label`): lower, upper and the quantile columns, where the draws have
    them."""
    if totals is None or totals.empty or rows.empty:
        return rows
    t = services_only(totals)
    qs = quantiles(t)
    right = t[(t["municipality"] == label)][["scenario", "service", "variable", "year", "lower", "upper", *qs]]
    right = right.rename(columns={c: f"_{c}" for c in ("lower", "upper", *qs)})
    out = rows.merge(right, on=["scenario", "service", "variable", "year"], how="left")
    for c in ("lower", "upper", *qs):
        out[c] = out[f"_{c}"].where(out[f"_{c}"].notna(), out[c] if c in out else float("nan"))
    return out.drop(columns=[f"_{c}" for c in ("lower", "upper", *qs)])


def summed(frame: "pd.DataFrame", variables: tuple[str, ...] | list[str], totals: "pd.DataFrame | None" = None,
           label: str | None = None) -> "pd.DataFrame":
    """Rows of `variables` (and `automation_offset|<id>`), summed over municipalities:
    scenario, service, variable, unit, year, value, lower, upper (and quantile columns where the frame has them:
    like lower and upper, kept for a single row and empty for a sum of several, unless the draws' `totals` hold
    the same sum for the area `label`)."""
    from forecast.results.totals import summed as sum_over

    frame = services_only(frame)
    wanted = frame["variable"].isin(variables)
    if "automation_offset|" in variables:
        wanted |= frame["variable"].str.startswith("automation_offset|")
    rows = frame[wanted]
    if rows["municipality"].nunique() <= 1:  # one municipality: each row is its own "sum" and keeps its interval
        return rows.drop(columns="municipality").reset_index(drop=True)
    qs = quantiles(rows)
    out = sum_over(rows.drop(columns=qs), "municipality")
    for q in qs:
        out[q] = float("nan")
    return with_drawn(out, totals, label) if label is not None else out


def municipalities(frame: "pd.DataFrame") -> list[str]:
    return sorted(frame["municipality"].unique().tolist())


def period(frame: "pd.DataFrame") -> tuple[int, int]:
    years = frame["year"]
    return int(years.min()), int(years.max())


def need_by_service(frame: "pd.DataFrame", scenario: str, totals: "pd.DataFrame | None" = None,
                    label: str | None = None) -> "pd.DataFrame":
    """FTE need per service and year of one scenario, with interval bounds where they exist (for a sum over
    municipalities: from the draws' `totals` of the area `label`)."""
    rows = summed(frame[frame["scenario"] == scenario], ("fte",), totals, label)
    return rows[["scenario", "service", "year", "value", "lower", "upper", *quantiles(rows), "unit"]
                ].reset_index(drop=True)


def totals(frame: "pd.DataFrame", variable: str = "fte") -> "pd.DataFrame":
    """Total over services per scenario and year: scenario, year, value, unit."""
    rows = summed(frame, (variable,))
    out = rows.groupby(["scenario", "unit", "year"], sort=False, as_index=False)["value"].sum()
    return out[["scenario", "year", "value", "unit"]]


def no_history() -> "pd.DataFrame":
    """An empty calibration history (columns scenario, service, year, value, unit)."""
    import pandas as pd

    return pd.DataFrame(columns=["scenario", "service", "year", "value", "unit"])


def bridge(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """Steps from the base year's net FTE to the end year's: population (users), FTE per user, each measure.

    population = Σ_s (users_s,end × gross FTE per user_s,base) − gross FTE_s,base; FTE per user = the rest of the
    gross change; a measure's step is minus the growth of its offset. The steps add up to the end year's FTE.
    Columns: scenario, step, measure, value, unit (step ∈ start, population, fte_per_user, measure, end).
    """
    import pandas as pd

    rows = summed(frame[frame["scenario"] == scenario], ("users", "fte_before_automation", "fte",
                                                         "automation_offset|"))
    base, end = int(rows["year"].min()), int(rows["year"].max())

    def at(variable: str, year: int) -> "pd.Series":
        r = rows[(rows["variable"] == variable) & (rows["year"] == year)]
        return r.set_index("service")["value"]

    gross_b, gross_e = at("fte_before_automation", base), at("fte_before_automation", end)
    users_b, users_e = at("users", base), at("users", end)
    per_user = (gross_b / users_b.where(users_b > 0)).fillna(0.0)
    demo = float((users_e * per_user).sum() - gross_b.sum())
    standards = float(gross_e.sum() - gross_b.sum() - demo)
    steps = [("start", "", float(at("fte", base).sum())), ("population", "", demo), ("fte_per_user", "", standards)]
    measures = [v for v in rows["variable"].unique() if v.startswith("automation_offset|")]
    for var in measures:
        growth = float(at(var, end).sum() - at(var, base).sum())
        steps.append(("measure", var.split("|", 1)[1], -growth))
    steps.append(("end", "", float(at("fte", end).sum())))
    out = pd.DataFrame(steps, columns=["step", "measure", "value"])
    out.insert(0, "scenario", scenario)
    out["base"], out["end"], out["unit"] = base, end, "FTE"
    return out


def hires(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """Hires per year summed over services, split into growth and replacement, with the cumulative sum.

    Uses the `persons` rows where the frame has hires in several units. Empty when the frame has no hires.
    Columns: scenario, year, growth, replacement, hires, cumulative, unit.
    """
    import pandas as pd

    frame = services_only(frame)
    rows = frame[(frame["scenario"] == scenario) & frame["variable"].isin(["hires", "hires_growth",
                                                                           "hires_replacement"])]
    if rows.empty:
        return pd.DataFrame(columns=["scenario", "year", "growth", "replacement", "hires", "cumulative", "unit"])
    units = rows["unit"].unique().tolist()
    unit = "persons" if "persons" in units else units[0]
    rows = rows[rows["unit"] == unit]
    wide = rows.pivot_table(index="year", columns="variable", values="value", aggfunc="sum").sort_index()
    base = int(frame.loc[frame["scenario"] == scenario, "year"].min())
    wide = wide[wide.index > base]  # hires happen in the years after the base year
    total = wide["hires"] if "hires" in wide else wide.get("hires_growth", 0) + wide.get("hires_replacement", 0)
    out = pd.DataFrame({
        "scenario": scenario,
        "year": wide.index.astype(int),
        "growth": wide["hires_growth"].to_numpy() if "hires_growth" in wide else float("nan"),
        "replacement": wide["hires_replacement"].to_numpy() if "hires_replacement" in wide else float("nan"),
        "hires": total.to_numpy(),
    })
    out["cumulative"] = out["hires"].cumsum()
    out["unit"] = unit
    return out.reset_index(drop=True)


def population_by_age(paths: "PopulationPaths", years: tuple[int, int], starts: list[int]) -> "pd.DataFrame":
    """Persons by age group (first ages `starts`, last group open) in two years, summed over the run's
    municipalities and sexes. Columns: age_group, lo, hi, year, value, unit (hi is None for the open group)."""
    import pandas as pd

    out = []
    for year in years:
        by_age = paths.by_age(year)
        for i, lo in enumerate(starts):
            hi = starts[i + 1] - 1 if i + 1 < len(starts) else None
            value = float(by_age[lo : (hi + 1 if hi is not None else None)].sum())
            label = f"{lo}–{hi}" if hi is not None and hi != lo else (f"{lo}" if hi == lo else f"{lo}+")
            out.append({"age_group": label, "lo": lo, "hi": hi, "year": year, "value": value, "unit": "persons"})
    return pd.DataFrame(out)


def need_share(frame: "pd.DataFrame", working: dict[str, "pd.Series"], ages: tuple[int, int],
               by_service: bool = False) -> "pd.DataFrame":
    """FTE need per 100 persons of working age, per scenario and year (and service, with `by_service`).

    Columns: scenario, [service,] year, fte, working_age, value, unit.
    """
    import pandas as pd

    parts = []
    need = summed(frame, ("fte",)) if by_service else totals(frame).assign(service="total")
    for scenario, pop in working.items():
        mine = need[need["scenario"] == scenario]
        for service, t in mine.groupby("service", sort=False):
            t = t.set_index("year")["value"]
            years = [y for y in t.index if y in pop.index]
            part = pd.DataFrame({"scenario": scenario, "service": service, "year": years,
                                 "fte": t.loc[years].to_numpy(), "working_age": pop.loc[years].to_numpy()})
            part["value"] = 100 * part["fte"] / part["working_age"]
            part["unit"] = f"FTE per 100 persons aged {ages[0]}-{ages[1]}"
            parts.append(part if by_service else part.drop(columns="service"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def per_year(frame: "pd.DataFrame", scenario: str, totals: "pd.DataFrame | None" = None,
             label: str | None = None) -> "pd.DataFrame":
    """Users (persons) and FTE need with its interval per service and year of one scenario, summed over
    municipalities: service, year, users, fte, lower, upper (quantile columns where the frame has them). With the
    draws' `totals` (area `label`), sums over municipalities get their drawn interval and a row per year for all
    services together (service "total", its interval from the draws; users left empty: they are not one unit)."""
    import pandas as pd

    rows = summed(frame[frame["scenario"] == scenario], ("users", "fte"), totals, label)
    users = rows[rows["variable"] == "users"].set_index(["service", "year"])["value"].rename("users")
    fte = rows[rows["variable"] == "fte"].set_index(["service", "year"])
    out = fte[["value", "lower", "upper", *quantiles(fte)]].rename(columns={"value": "fte"}).join(users)
    out = out.reset_index()
    whole = drawn(totals, scenario, label) if label is not None else drawn(None, scenario, "")
    if not whole.empty:
        total = whole.rename(columns={"value": "fte"}).assign(service=TOTAL, users=float("nan"))
        out = pd.concat([out, total[[c for c in out.columns if c in total.columns]]], ignore_index=True)
    return out[["service", "year", "users", "fte", *[c for c in out.columns if c not in
                                                     ("service", "year", "users", "fte")]]]


def hires_by_service(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """Hires (persons) per service, year and, where the frame has them, occupation, split into growth and
    replacement: service, occupation, year, growth, replacement, hires, unit. Empty without hires."""
    import pandas as pd

    names = ["hires", "hires_growth", "hires_replacement"]
    f = frame[(frame["scenario"] == scenario) & frame["variable"].isin(names) & (frame["unit"] == "persons")]
    columns = ["service", OCCUPATION, "year", "growth", "replacement", "hires", "unit"]
    if f.empty:
        return pd.DataFrame(columns=columns)
    f = f.assign(**{OCCUPATION: f[OCCUPATION].fillna(WHOLE) if OCCUPATION in f else WHOLE})
    wide = f.pivot_table(index=["service", OCCUPATION, "year"], columns="variable", values="value", aggfunc="sum",
                         sort=False).reset_index()
    wide = wide.rename(columns={"hires_growth": "growth", "hires_replacement": "replacement"})
    for col in ("growth", "replacement", "hires"):
        if col not in wide:
            wide[col] = float("nan")
    wide["unit"] = "persons"
    return wide[columns]


def population_index(paths: "PopulationPaths", years: list[int], starts: list[int]) -> "pd.DataFrame":
    """Persons by age group (first ages `starts`, the last open) per year, and as an index (first year = 100):
    age_group, year, value, index, unit."""
    out = population_by_age(paths, tuple(years), starts)
    first = out[out["year"] == years[0]].set_index("age_group")["value"]
    out["index"] = 100 * out["value"] / out["age_group"].map(first)
    return out


def bridge_by_service(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """The bridge of one scenario split by service: step (start, population, fte_per_user, automation, end),
    service, value (FTE). Per service: population = users_end × gross FTE per user_base − gross FTE_base;
    fte_per_user = the rest of the gross change; automation = minus the growth of the offsets. They add up to the
    end year's FTE of each service."""
    import pandas as pd

    rows = summed(frame[frame["scenario"] == scenario], ("users", "fte_before_automation", "fte",
                                                         "automation_offset"))
    base, end = int(rows["year"].min()), int(rows["year"].max())

    def at(variable: str, year: int) -> "pd.Series":
        r = rows[(rows["variable"] == variable) & (rows["year"] == year)]
        return r.groupby("service", sort=False)["value"].sum()

    gross_b, gross_e = at("fte_before_automation", base), at("fte_before_automation", end)
    users_b, users_e = at("users", base), at("users", end)
    per_user = (gross_b / users_b.where(users_b > 0)).fillna(0.0)
    demo = (users_e * per_user).reindex(gross_b.index).fillna(0.0) - gross_b
    standards = gross_e - gross_b - demo
    offsets_b, offsets_e = at("automation_offset", base), at("automation_offset", end)
    automation = -(offsets_e.reindex(gross_b.index).fillna(0.0) - offsets_b.reindex(gross_b.index).fillna(0.0))
    parts = {"start": at("fte", base), "population": demo, "fte_per_user": standards, "automation": automation,
             "end": at("fte", end)}
    out = pd.DataFrame([{"scenario": scenario, "step": step, "service": svc, "value": float(v)}
                        for step, values in parts.items() for svc, v in values.items()])
    out["base"], out["end"], out["unit"] = base, end, "FTE"
    return out


def fte_by_occupation(frame: "pd.DataFrame", scenario: str) -> "pd.DataFrame":
    """FTE need per service, occupation and year of one scenario, summed over municipalities (no interval: a sum);
    empty where the frame has no occupations. Columns: service, occupation, year, value, unit."""
    import pandas as pd

    columns = ["service", OCCUPATION, "year", "value", "unit"]
    if OCCUPATION not in frame.columns:
        return pd.DataFrame(columns=columns)
    f = frame[(frame["scenario"] == scenario) & (frame["variable"] == "fte") & frame[OCCUPATION].notna()
              & (frame[OCCUPATION] != WHOLE)]
    out = f.groupby(["service", OCCUPATION, "year"], sort=False, as_index=False)["value"].sum()
    out["unit"] = "FTE"
    return out[columns]
