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

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import DataError, ForecastError
from forecast.parameters import param

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from forecast.result import Result
    from forecast.scenario import LoadedScenario
    from forecast.workforce_schema import WorkforceSettings

MIN_AGE = 18
LAERERMOD_FILE = ("workforce", "laerermod_2024_employed_by_education_age.txt")
ALL = "all"  # service of rows that belong to the municipality as a whole (working-age population)
UNITS = {
    "workforce": "persons",
    "workforce_need": "persons",
    "exits": "persons",
    "hires": "persons",
    "hires_fte": "FTE",
    "hires_growth": "persons",
    "hires_replacement": "persons",
    "working_age_population": "persons",
}


# ------------------------------------------------------------------ age profiles
@lru_cache(maxsize=2)
def laerermod_profiles(path: Path | None = None) -> dict[str, dict[int, float]]:
    """Employed persons by education code and age (both sexes), from LÆRERMOD's aldersfordelt.txt."""
    from forecast.data.checks import require_file
    from forecast.data.text import read_text

    path = require_file(Path(path) if path else _data_file())
    lines = read_text(path).split("\n")
    header = lines[0].split()
    if header[:5] != ["Utdanning", "Kjønn", "Alder", "Antall", "Sysselsatte"]:
        raise DataError(f"expected columns Utdanning Kjønn Alder Antall Sysselsatte …; found {' '.join(header)}",
                        path, rows=[1])
    out: dict[str, dict[int, float]] = {}
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split()
        if not cells:
            continue
        try:
            code, age, employed = cells[0], int(cells[2]), float(cells[4])
        except (IndexError, ValueError):
            raise DataError(f"expected education code, sex, age and counts; got {line.strip()!r}", path,
                            rows=[n]) from None
        if employed < 0:
            raise DataError(f"negative count of employed persons ({employed:g})", path, rows=[n])
        ages = out.setdefault(code, {})
        ages[age] = ages.get(age, 0.0) + employed
    return out


def _municipal_profile(ages: "np.ndarray") -> "np.ndarray":
    """KS's age-group shares spread over single years: density interpolated linearly between group midpoints."""
    import numpy as np

    groups = param("workforce", "municipal_age_shares").value
    bounds = [tuple(int(x) for x in g.split("-")) for g in groups]
    mids = [(lo + hi) / 2 for lo, hi in bounds]
    dens = [share / (hi - lo + 1) for (lo, hi), share in zip(bounds, groups.values())]
    every = np.arange(bounds[0][0], bounds[-1][1] + 1)
    full = np.interp(every, mids, dens)
    for (lo, hi), share in zip(bounds, groups.values()):  # keep each group's share exactly
        sel = (every >= lo) & (every <= hi)
        full[sel] *= share / full[sel].sum()
    by_age = dict(zip(every.tolist(), full))
    return np.array([by_age.get(int(a), 0.0) for a in ages])


def age_profile(group: str, ages: "np.ndarray") -> "np.ndarray":
    """Persons of an occupation group by single-year age (shares summing to 1 over `ages`)."""
    import numpy as np

    source = param("workforce", "age_profile").value.get(group)
    if source == "municipal_age_shares":
        out = _municipal_profile(ages)
    elif isinstance(source, str) and source.startswith("laerermod:"):
        counts = laerermod_profiles().get(source.split(":", 1)[1])
        if not counts:
            raise DataError(f"no rows for education code {source.split(':', 1)[1]!r}",
                            _data_file(), hint="age_profile in data/parameters/workforce.yaml names it")
        out = np.array([counts.get(int(a), 0.0) for a in ages])
    else:
        raise DataError(f"age_profile: unknown source {source!r} for group {group!r}",
                        _data_file("parameters", "workforce.yaml"))
    if out.sum() <= 0:
        raise ForecastError(f"the age profile of {group} has nobody below the age limit {ages[-1] + 1}")
    return out / out.sum()


def _data_file(*parts: str):
    from forecast.data import data_path

    return data_path(*(parts or LAERERMOD_FILE))


# ------------------------------------------------------------------ exit rates by age
def turnover_shape(ages: "np.ndarray") -> "np.ndarray":
    """Relative exit rate by age (all reasons): KS's anchors, log-linear between them, held outside them."""
    import numpy as np

    anchors = sorted((int(a), float(r)) for a, r in param("workforce", "turnover_by_age").value.items())
    return np.exp(np.interp(ages, [a for a, _ in anchors], np.log([r for _, r in anchors])))


def exit_rates(profile: "np.ndarray", ages: "np.ndarray", turnover: float, what: str) -> "np.ndarray":
    """q(a) = min(1, k × shape(a)), q = 1 at the last age (the age limit), with k set so that Σ profile·q = turnover."""
    import numpy as np

    shape = turnover_shape(ages)

    def rates(k: float) -> "np.ndarray":
        q = np.minimum(1.0, k * shape)
        q[-1] = 1.0
        return q

    lowest = float(profile @ rates(0.0))
    if turnover < lowest + 1e-9:
        raise ForecastError(
            f"{what}: turnover {turnover:.3f} is not above the exits at the age limit alone ({lowest:.3f} a year "
            f"for this age profile); use a turnover above {np.ceil(lowest * 1000) / 1000:.3f}"
        )
    lo, hi = 0.0, 1.0
    while float(profile @ rates(hi)) < turnover and hi < 1e6:
        hi *= 2
    for _ in range(100):  # bisection: the exit rate rises monotonically in k
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(profile @ rates(mid)) < turnover else (lo, mid)
    return rates((lo + hi) / 2)


def entry_ages(profile: "np.ndarray", q: "np.ndarray") -> "np.ndarray":
    """Ages at which hires enter: the net inflow by age that would keep today's profile stable under rates q."""
    import numpy as np

    inflow = profile.copy()
    inflow[1:] = profile[1:] - profile[:-1] * (1 - q[:-1])
    inflow = np.clip(inflow, 0, None)
    return inflow / inflow.sum() if inflow.sum() > 0 else profile


# ------------------------------------------------------------------ parameters of one service
@dataclass
class ServiceWorkforce:
    """Effective workforce parameters of one service in one municipality (occupation mix folded in)."""

    service: str
    turnover: float  # base-year exits / stock, persons
    position_size: float  # FTE per person
    retirement_age: int  # everyone remaining leaves on reaching it
    ages: "np.ndarray"
    profile: "np.ndarray"  # shares of persons by age
    rates: "np.ndarray"  # exit rate by age
    entry: "np.ndarray"  # shares of hires by age
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def _school_position_sizes(base: int) -> dict[str, tuple[float, str]]:
    """Teacher FTE per teacher from Udir by municipality (and Norway, '0000'), latest school year ≤ base."""
    from forecast.data.school import school_statistics

    stats = school_statistics()
    rows = stats[stats["year"] <= base].dropna(subset=["teachers", "teacher_fte"]).sort_values("year")
    out = {}
    for row in rows.groupby("municipality").tail(1).itertuples(index=False):
        out[row.municipality] = (float(row.teacher_fte / row.teachers),
                                 f"{row.teacher_fte:,.1f} teacher FTE / {row.teachers:,.0f} teachers, Udir "
                                 f"{row.school_year} ({'Norway' if row.municipality == '0000' else 'local'})")
    return out


def service_workforce(service: str, code: str, base: int, settings: "WorkforceSettings | None" = None
                      ) -> ServiceWorkforce:
    """Turnover, position size, age limit, age profile and exit rates of a service; the scenario's keys win."""
    import numpy as np

    mix = param("workforce", "service_mix").value.get(service)
    if not mix:
        raise DataError(f"service_mix has no entry for {service!r}", _data_file("parameters", "workforce.yaml"))
    turnover_g = param("workforce", "turnover").value
    size_g = dict(param("workforce", "position_size").value)
    for g in mix:
        if g not in turnover_g or g not in size_g:
            raise DataError(f"service_mix names group {g!r} for {service}, but turnover or position_size has no "
                            f"value for it", _data_file("parameters", "workforce.yaml"))
    notes = []
    size_source = "national, data/parameters/workforce.yaml"
    if service == "primary_school" and list(mix) == ["teacher"]:
        sizes = _school_position_sizes(base)
        local = sizes.get(code) or sizes.get("0000")
        if local:
            size_g["teacher"], size_source = local
    age_limit = settings.retirement_age if settings and settings.retirement_age else int(
        param("workforce", "retirement_age").value)
    ages = np.arange(MIN_AGE, age_limit)
    persons = {g: w / size_g[g] for g, w in mix.items()}  # persons per FTE of the service, by group
    total = sum(persons.values())
    shares = {g: p / total for g, p in persons.items()}
    turnover = sum(shares[g] * turnover_g[g] for g in mix)
    position_size = 1 / total
    profile = sum(shares[g] * age_profile(g, ages) for g in mix)
    groups = ", ".join(f"{g} {shares[g]:.0%}" for g in mix)
    if settings and settings.turnover is not None:
        turnover = settings.turnover
        notes.append(f"{service}: turnover {turnover:.1%}/yr from the scenario (workforce:)")
    if settings and settings.position_size is not None:
        position_size = settings.position_size
        notes.append(f"{service}: position size {position_size:.3f} FTE per person from the scenario (workforce:)")
    else:
        notes.append(f"{service}: position size {position_size:.3f} FTE per person ({size_source}; persons: "
                     f"{groups})")
    rates = exit_rates(profile, ages, turnover, f"workforce.{service}")
    return ServiceWorkforce(service, turnover, position_size, age_limit, ages, profile, rates,
                            entry_ages(profile, rates), notes)


# ------------------------------------------------------------------ flows
@dataclass
class Flows:
    """Persons by year: arrays over `years` (base year first; flows are zero in it)."""

    years: list[int]
    need: "np.ndarray"
    stock: "np.ndarray"
    exits: "np.ndarray"
    hires: "np.ndarray"
    growth: "np.ndarray"
    replacement: "np.ndarray"


def project_flows(need: "np.ndarray", years: list[int], wf: ServiceWorkforce) -> Flows:
    """Step the age-structured stock through the years: exits, then hires to fill the need."""
    import numpy as np

    n = len(years)
    stock, exits, hires, growth = (np.zeros(n) for _ in range(4))
    by_age = need[0] * wf.profile
    stock[0] = by_age.sum()
    for t in range(1, n):
        leaving = by_age * wf.rates
        staying = by_age - leaving
        moved = np.zeros_like(by_age)
        moved[1:] = staying[:-1]  # a year older; those at the last age have all left (rate 1)
        exits[t] = leaving.sum()
        hires[t] = max(0.0, need[t] - moved.sum())
        growth[t] = min(hires[t], max(0.0, need[t] - stock[t - 1]))
        by_age = moved + hires[t] * wf.entry
        stock[t] = by_age.sum()
    return Flows(years, need, stock, exits, hires, growth, hires - growth)


# ------------------------------------------------------------------ Result → Result with workforce rows
def share_unit() -> str:
    lo, hi = param("workforce", "working_ages").value
    return f"share of persons aged {lo}–{hi}"


def hires(result: "Result", loaded: "LoadedScenario") -> "Result":
    """A new Result: the original rows plus workforce stock, need, exits and hires per service and year."""
    import dataclasses

    import numpy as np
    import pandas as pd

    frame = result.frame
    fte = frame[frame["variable"] == "fte"]
    if fte.empty:
        raise ForecastError("the result has no 'fte' rows to compute hires from")
    scn = loaded.scenario
    base = scn.period.base
    lo, hi = param("workforce", "working_ages").value
    cube = getattr(result, "cube", None)
    rows: list[dict] = []
    notes: list[str] = []
    assumptions: list[str] = []
    cache: dict[tuple, ServiceWorkforce] = {}
    many = fte["municipality"].nunique() > 1
    for (scenario, code), by_code in fte.groupby(["scenario", "municipality"], sort=False):
        years = sorted(by_code["year"].astype(int).unique().tolist())
        if years[0] != base:
            raise ForecastError(f"FTE rows of {code} start in {years[0]}, not in the base year {base}")
        if cube is None:
            from forecast.population import population

            cube = population(years[-1], scn.population.variant)
        pops = cube.slice(code)
        pop = np.array([pops[cube.years.index(y)][:, lo:hi + 1].sum() for y in years])
        rows.append({"scenario": scenario, "municipality": code, "service": ALL, "variable": "working_age_population",
                     "unit": UNITS["working_age_population"], "years": years, "values": pop})
        for service, block in by_code.groupby("service", sort=False):
            settings = scn.workforce.get(service)
            key = (service, code if service == "primary_school" else None)
            if key not in cache:
                cache[key] = service_workforce(service, code, base, settings)
            wf = cache[key]
            need = block.set_index("year")["value"].reindex(years).to_numpy(float) / wf.position_size
            flows = project_flows(need, years, wf)
            ident = {"scenario": scenario, "municipality": code, "service": service}

            def add(variable: str, values, first: int = 0, unit: str | None = None) -> None:
                rows.append({**ident, "variable": variable, "unit": unit or UNITS[variable], "years": years[first:],
                             "values": np.asarray(values)[first:]})

            add("workforce", flows.stock)
            add("workforce_need", flows.need)
            add("exits", flows.exits, 1)
            add("hires", flows.hires, 1)
            add("hires_fte", flows.hires * wf.position_size, 1)
            add("hires_growth", flows.growth, 1)
            add("hires_replacement", flows.replacement, 1)
            add("need_share_working_age", flows.need / pop, unit=share_unit())
            if many and service == "primary_school" and not (settings and settings.position_size):
                notes.append(f"primary_school: position size = Udir teacher FTE / teachers of each municipality, "
                             f"latest school year up to {base} (Norway's where a municipality has none)")
            else:
                notes.extend(wf.notes)
            if service in scn.staffing and (settings is None or settings.turnover is None
                                            or settings.position_size is None):
                assumptions.append(_staffing_hint(service))
            notes.append(f"{service}: turnover {wf.turnover:.1%}/yr in {base} (all exits), everyone left by age "
                         f"{wf.retirement_age}; the base-year workforce is the FTE need / position size (fully staffed)")
    added = _frame(rows)
    return dataclasses.replace(
        result,
        frame=pd.concat([frame, added], ignore_index=True),
        notes=list(dict.fromkeys([*result.notes, *notes])),
        assumptions=list(dict.fromkeys([*result.assumptions, *assumptions, *_assumptions()])),
        inputs=list(dict.fromkeys([*result.inputs, _data_file(), _data_file("parameters", "workforce.yaml")])),
    )


def _frame(rows: list[dict]) -> "pd.DataFrame":
    from forecast.result import frame_from_rows

    return frame_from_rows(rows)


def _staffing_hint(service: str) -> str:
    groups = ", ".join(param("workforce", "service_mix").value[service])
    text = (f"{service}: `staffing:` sets the base-year FTE, but turnover and position size not given under "
            f"`workforce:` are those of {groups}; if the figure covers more staff, set workforce: {service}: "
            "turnover and position_size")
    if service in ("home_care", "nursing_home"):
        text += (f" (whole care workforce: {param('workforce', 'turnover').value['care_staff']} and "
                 f"{param('workforce', 'position_size').value['care_staff']})")
    return text


def _assumptions() -> list[str]:
    from forecast.parameters import parameters

    return [f"{p.description}: {p.value} {p.unit} — {p.reference} [{p.file}: {p.key}]"
            for p in parameters("workforce").values() if p.assumption]


def combined(result: "Result") -> "Result":
    """The workforce rows summed over municipalities (one pseudo-municipality "N municipalities"), for a total view."""
    import dataclasses

    import numpy as np

    f = result.frame
    codes = f["municipality"].unique()
    if len(codes) == 1:
        return result
    keep = f[f["variable"].isin(["fte", "working_age_population", *UNITS])]
    summed = keep.groupby(["scenario", "service", "variable", "unit", "year"], as_index=False, sort=False)["value"].sum()
    summed["municipality"] = f"{len(codes)} municipalities"
    summed["lower"] = summed["upper"] = np.nan
    return dataclasses.replace(result, frame=summed[f.columns])


# ------------------------------------------------------------------ cumulative view
SUMMARY_COLUMNS = ["scenario", "municipality", "service", "variable", "unit", "from_year", "to_year", "value"]


def period(result: "Result", first: int | None = None, last: int | None = None,
           names: tuple[str, str] = ("from year", "to year")) -> tuple[int, int]:
    """The hiring period [first, last], defaulting to the year after the base year through the last year.

    `names` are how errors call the two ends (the CLI passes its option names)."""
    years = sorted(int(y) for y in result.frame.loc[result.frame["variable"] == "hires", "year"].unique())
    if not years:
        raise ForecastError("the result has no hires; compute them with forecast.workforce.hires(result, scenario)")
    base = years[0] - 1
    first = years[0] if first is None else first
    last = years[-1] if last is None else last
    if first <= base:
        raise ForecastError(f"{names[0]} {first} is not after the base year {base}: hires are counted from "
                            f"{base + 1}, the first year after it; use {base + 1} or later")
    if last > years[-1]:
        raise ForecastError(f"{names[1]} {last} is after the scenario's last year {years[-1]}; use {years[-1]} or "
                            "earlier, or raise period.end in the scenario")
    if first > last:
        raise ForecastError(f"{names[0]} {first} is after {names[1]} {last}")
    return first, last


def summary(result: "Result", first: int | None = None, last: int | None = None,
            names: tuple[str, str] = ("from year", "to year")) -> "pd.DataFrame":
    """Cumulative hires over [first, last] per service and in total, with FTE and labour-market context.

    Long frame (SUMMARY_COLUMNS). Flows (exits, hires…) are summed over first..last; stocks and shares are taken
    at the end of the year before the period (from_year = to_year = first − 1) and at its last year.
    """
    import pandas as pd

    first, last = period(result, first, last, names)
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
    total = parts.groupby(["scenario", "municipality", "variable", "unit", "from_year", "to_year"], sort=False,
                          as_index=False)["value"].sum()
    total["service"] = "total"
    parts = pd.concat([parts, total], ignore_index=True)
    fte = parts[parts["variable"] == "fte"].pivot_table(index=keys, columns="to_year", values="value", sort=False)
    growth = (fte[last] - fte[start]).rename("value").reset_index()
    growth["variable"], growth["unit"], growth["from_year"], growth["to_year"] = "fte_growth", "FTE", start, last
    pop = f[f["variable"] == "working_age_population"][["scenario", "municipality", "year", "value"]]
    need = parts[parts["variable"] == "workforce_need"].merge(
        pop.rename(columns={"year": "to_year", "value": "pop"}), on=["scenario", "municipality", "to_year"])
    need["value"] = need["value"] / need["pop"]
    need["variable"], need["unit"] = "need_share_working_age", share_unit()
    people = pop[pop["year"].isin([start, last])].rename(columns={"year": "to_year"})
    people["from_year"], people["service"] = people["to_year"], "total"
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
