"""Scenario(s) → picklable work units (specs.ChunkTask), one per chunk of municipalities.

The deterministic model is reused read-only: the population cube (forecast.population.population), the calibration
(forecast.need.calibration.calibrate), FTE per weighted user (forecast.need.demand.project_demand), the occupation
mixes (forecast.need.occupations) and each occupation's workforce (forecast.workforce.flows.occupation_workforce). A deterministic run that has already calibrated the
scenario (forecast.need.run.run(..., demands=...)) hands its demands in, so nothing is calibrated twice. Scenarios
compared in one run go into the same tasks, so they share the population draws and every other random number
(common random numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from forecast.errors import ForecastError
from forecast.scenario.ranges import Dist, parse
from forecast.uncertainty.specs import (SOURCES, ChunkTask, MeasureSpec, PopulationSpec, ScenarioSpec, ServiceSpec,
                                        TrendSpec, WorkforceSpec)

if TYPE_CHECKING:
    import numpy as np

    from forecast.need.calibration import Calibration
    from forecast.need.demand import ServiceDemand
    from forecast.population import PopulationCube
    from forecast.scenario import LoadedScenario

    Demands = Mapping[str, Mapping[tuple[str, str], ServiceDemand]]  # scenario → (service, code) → its demand

SERVICE_FAMILIES = {  # service → (coverage family by band label, FTE-per-user family)
    "kindergarten": ({"0": "kindergarten coverage 1-2", "1": "kindergarten coverage 1-2",
                      "2": "kindergarten coverage 1-2"}, None),
    "primary_school": ({"6-15": "primary_school coverage 6-15"}, "primary_school fte_per_user"),
    "home_care": ({b: f"home_care coverage {b}" for b in ("0-66", "67-79", "80+")}, "care fte_per_user"),
    "nursing_home": ({b: f"nursing_home coverage {b}" for b in ("0-66", "67-79", "80+")}, "care fte_per_user"),
}


@dataclass
class UncertainScenario:
    """A loaded (central) scenario and the ranges its file gave, by dotted path."""

    name: str
    loaded: "LoadedScenario"
    ranges: dict[str, Dist] = field(default_factory=dict)
    variant_mixture: dict[str, float] | None = None  # e.g. {"MMMM": 0.6, "HHMH": 0.2, "LLML": 0.2}


def load_uncertain(path: str | Path, name: str | None = None,
                   variant_mixture: dict[str, float] | None = None) -> UncertainScenario:
    """Read a scenario file whose numbers may be ranges; the central scenario is validated as usual."""
    from forecast.scenario import scenario_from_dict
    from forecast.scenario.ranges import read_scenario_tree, split_ranges

    path = Path(path)
    central, ranges = split_ranges(read_scenario_tree(path))
    history = central.get("population", {}).get("history")
    if history not in (None, "shipped", "fetched"):
        central["population"]["history"] = str((path.parent / history).resolve())
    loaded = scenario_from_dict(central, name or path.stem)
    return UncertainScenario(name or path.stem, loaded, ranges, variant_mixture)


def _range_param(interval: tuple[float, float], key: str) -> Dist:
    """A 90 % multiplier range (data/parameters/uncertainty.yaml) as a log-normal with median exactly 1 (the central
    path is the deterministic one; the range's width sets the spread)."""
    low, high = interval
    dist = parse({"distribution": "lognormal", "low": low, "high": high}, key)
    return Dist("lognormal", 0.0, dist.b)


def scaled(dist: Dist, factor: float) -> Dist:
    """The distribution of `factor` × X (factor > 0), its valid range scaled with it."""
    lo, hi = dist.lo * factor, dist.hi * factor
    if dist.kind == "lognormal":
        return Dist("lognormal", dist.a + math.log(factor), dist.b, lo=lo, hi=hi)
    if dist.kind == "normal":
        return Dist("normal", dist.a * factor, dist.b * factor, lo=lo, hi=hi)
    return Dist(dist.kind, dist.a * factor, dist.b * factor, dist.c * factor, lo=lo, hi=hi)


def _fixed(value: float, key: str) -> Dist:
    return parse(float(value), key)


def _history(scenario) -> str | None:
    return None if scenario.population.history == "shipped" else scenario.population.history


def _population_inputs(scenarios: list[UncertainScenario], years: list[int]):
    """Variants used, central persons [V, M, T, A] (sexes together), women [V, M, T, F], jump-off year, codes, first
    fertile age."""
    import numpy as np

    from forecast.data.parameters import projection
    from forecast.population import population

    history = _history(scenarios[0].loaded.scenario)
    variants: list[str | None] = []
    for u in scenarios:
        mix = u.variant_mixture or {u.loaded.scenario.population.variant: 1.0}
        variants += [v for v in mix if v not in variants]
    lo, hi = projection().fertile_ages
    cubes = [population(years[-1], v, history=history) for v in variants]
    yidx = [cubes[0].years.index(y) for y in years]
    central = np.stack([c.values[:, yidx].sum(axis=2) for c in cubes])
    women = np.stack([c.values[:, yidx, 1, lo : hi + 1] for c in cubes])
    return variants, central, women, cubes[0].last_observed, cubes[0].codes, int(lo)


def _calibrated(u: UncertainScenario, service: str, codes: list[str], cube: "PopulationCube", years: list[int],
                given: "Mapping[tuple[str, str], ServiceDemand]") -> tuple[list["Calibration"], "np.ndarray"]:
    """Each municipality's calibration and FTE per weighted user: from the deterministic run's demands where given,
    computed as the run computes them otherwise."""
    import numpy as np

    from forecast.need.calibration import calibrate
    from forecast.need.demand import project_demand

    scn = u.loaded.scenario
    cals, per = [], []
    for code in codes:
        d = given.get((service, code))
        if d is None:
            cal = calibrate(service, code, cube, years[0])
            d = project_demand(cal, cube, years, years[0], staffing=scn.staffing.get(service))
        cals.append(d.calibration)
        per.append(d.fte_per_weighted_user)
    return cals, np.array(per)


def _measures(u: UncertainScenario, service: str, years: list[int]) -> list[MeasureSpec]:
    import numpy as np

    from forecast.need.automation import adoption_share

    out = []
    for m in u.loaded.scenario.automation:
        if m.service != service:
            continue
        fields = {"fixed_fte": ("fte",), "task_share": ("task_share", "automatable", "reinvest"),
                  "annual_rate": ("rate",)}[m.kind]
        values = {f: u.ranges.get(f"automation.{m.id}.{f}") or _fixed(getattr(m, f), f) for f in fields}
        adoption = np.array([adoption_share(m.adoption, y) for y in years]) if m.kind == "task_share" else None
        out.append(MeasureSpec(m.id, m.kind, values, getattr(m, "start", 0), getattr(m, "ramp_years", 0), adoption))
    return out


def _workforce(u: UncertainScenario, service: str, codes: list[str], years: list[int]) -> list[WorkforceSpec]:
    """One WorkforceSpec per occupation of the service, as forecast.run(..., hires=True) sets them up: the
    occupation's share of the service's FTE (forecast.need.occupations: the municipality's own SSB 14533 mix for
    care, the scenario's `occupations:` changes year by year), its age profile, turnover and position size
    (forecast.workforce.flows.occupation_workforce; teachers' position size per municipality from Udir), with
    their ranges. A scenario's range on the service's turnover or position size applies to the occupations that
    do not set their own (as the service's number does); otherwise the multiplier ranges of uncertainty.yaml."""
    import numpy as np

    from forecast.data.parameters import uncertainty
    from forecast.need.occupations import occupation_shares
    from forecast.workforce.flows import occupation_workforce
    from forecast.workforce.profiles import turnover_shape

    scn = u.loaded.scenario
    settings = scn.workforce.get(service)
    base = years[0]
    shares = [occupation_shares(service, code, scn, years)[0] for code in codes]
    params = uncertainty()
    turnover_range = u.ranges.get(f"workforce.{service}.turnover")
    size_range = u.ranges.get(f"workforce.{service}.position_size")
    out = []
    for occupation in shares[0]:
        own = settings.occupations.get(occupation) if settings else None
        local = occupation == "teachers"  # Udir's position size per municipality
        wfs = [occupation_workforce(occupation, service, code, base, settings)
               for code in (codes if local else codes[:1])]
        wf = wfs[0]
        turnover = turnover_range if turnover_range is not None and (own is None or own.turnover is None) \
            else scaled(_range_param(params.turnover_range, "turnover_range"), wf.turnover)
        if size_range is not None and (own is None or own.position_size is None):
            factor = scaled(size_range, 1 / wf.position_size)
        else:
            factor = _range_param(params.position_size_range, "position_size_range")
        sizes = np.array([w.sizes(years) for w in wfs]) if local \
            else np.repeat(wf.sizes(years)[None], len(codes), axis=0)
        share = np.array([np.broadcast_to(s[occupation], (len(years),)) for s in shares], float)
        out.append(WorkforceSpec(occupation, share, wf.ages, wf.profile, turnover_shape(wf.ages), turnover, sizes,
                                 factor))
    return out


def _services(u: UncertainScenario, codes: list[str], cube: "PopulationCube", years: list[int],
              central: "np.ndarray", given: "Mapping[tuple[str, str], ServiceDemand]") -> list[ServiceSpec]:
    """ServiceSpecs for every service over all `codes` (arrays over the whole list; chunks slice them);
    `central`: persons [m, T, A] of the scenario's main population path."""
    import numpy as np

    from forecast.data.parameters import services as service_parameters
    from forecast.vocabulary import SERVICES

    scn = u.loaded.scenario
    specs = []
    base_users: dict[str, np.ndarray] = {}
    for service in SERVICES:
        settings = scn.services.get(service)
        if settings and settings.trend != "constant":
            raise ForecastError(f"services.{service}.trend: draws are built on the constant path in this version; "
                                f"use trend: constant with --draws")
        cals, per = _calibrated(u, service, codes, cube, years, given)
        bands = [(b.label, b.lo, b.hi, b.weight) for b in cals[0].bands]
        coverage = np.array([[[c.coverage_at(y)[b[0]] for b in bands] for y in years] for c in cals])
        band_pop = np.stack([central[:, 0, lo : hi + 1].sum(axis=1) for _, lo, hi, _ in bands], axis=1)
        users = band_pop * coverage[:, 0]
        base_users[service] = users.sum(axis=1)
        fams, fte_family = SERVICE_FAMILIES[service]
        norm = service_parameters().kindergarten_staff_norm if service == "kindergarten" else None
        staffing = u.ranges.get(f"staffing.{service}")
        if staffing is not None:  # FTE per weighted user scales with the base-year FTE
            per_factor = scaled(staffing, 1 / scn.staffing[service])
        else:
            per_factor = _fixed(1.0, "staffing_factor")
        specs.append(ServiceSpec(
            service=service, bands=bands, coverage=coverage, per=per,
            coverage_change=u.ranges.get(f"services.{service}.coverage_change")
            or _fixed(settings.coverage_change if settings else 0.0, "coverage_change"),
            fte_per_user_change=u.ranges.get(f"services.{service}.fte_per_user_change")
            or _fixed(settings.fte_per_user_change if settings else 0.0, "fte_per_user_change"),
            coverage_family=[fams.get(b[0]) for b in bands], coverage_size=users, fte_family=fte_family,
            fte_size=users.sum(axis=1),
            norm=(float(norm["under_3"]), float(norm["from_3"])) if norm else None,
            measures=_measures(u, service, years), occupations=_workforce(u, service, codes, years),
            per_factor=per_factor,
        ))
    care = _care_weighted_users(codes, years[0], base_users["home_care"], base_users["nursing_home"])
    for spec in specs:
        if spec.fte_family == "care fte_per_user":
            spec.fte_size = care
    return specs


def _care_weighted_users(codes: list[str], base: int, home: "np.ndarray", residents: "np.ndarray"
                         ) -> "np.ndarray":
    """Weighted care users [m], the size the care FTE-per-user family's local variance is scaled by: as the family
    was estimated (trend_shocks.care_users, SSB 12292's home-care users + w × residents, mean of the last five
    years up to the base year); where 12292 has no years, the base year's home-care users + w × the panel's
    residents × the national ratio of 12292's residents to the panel's (forecast.data.care_history)."""
    import numpy as np

    from forecast.data.care_history import national_resident_ratio
    from forecast.data.care_split import fit_split
    from forecast.uncertainty.trend_shocks import care_users

    known = care_users(base)
    w = fit_split().ratio * national_resident_ratio()
    return np.array([known.get(c, h + w * r) for c, h, r in zip(codes, home, residents)], float)


def _slice_service(spec: ServiceSpec, rows: slice) -> ServiceSpec:
    import dataclasses

    return dataclasses.replace(
        spec, coverage=spec.coverage[rows], per=spec.per[rows], coverage_size=spec.coverage_size[rows],
        fte_size=spec.fte_size[rows],
        occupations=[dataclasses.replace(o, share=o.share[rows], sizes=o.sizes[rows]) for o in spec.occupations])


def build_tasks(scenarios: list[UncertainScenario], draws: int, seed: int, *, chunk_size: int | None = None,
                quantiles: tuple[float, ...] | None = None, sources: tuple[str, ...] = SOURCES,
                keep_draws: bool = False, population_scale: float | None = None,
                trend_scale: float | None = None, until: int | None = None,
                demands: "Demands | None" = None) -> list[ChunkTask]:
    """Work units for `scenarios` (one, or several to compare: same municipalities and period).

    `demands`: per scenario name, (service, municipality) → the ServiceDemand a deterministic run of that scenario
    computed (forecast.need.run.run(loaded, demands=...)); their calibrations and FTE per weighted user are taken
    as they are instead of calibrating again. Those missing are computed here."""
    import numpy as np

    from forecast.data.parameters import uncertainty, workforce
    from forecast.data.regions import municipalities
    from forecast.population import population
    from forecast.uncertainty.estimate import estimates

    if draws < 1:
        raise ForecastError(f"--draws must be 1 or more, got {draws}")
    first = scenarios[0].loaded.scenario
    codes = first.municipalities
    years = list(range(first.period.base, first.period.end + 1))
    for u in scenarios[1:]:
        s = u.loaded.scenario
        if s.municipalities != codes or (s.period.base, s.period.end) != (years[0], years[-1]):
            raise ForecastError(f"{u.name}: scenarios compared with draws need the same municipalities and period "
                                f"as {scenarios[0].name}")
    params = uncertainty()
    chunk_size = chunk_size or params.chunk_size
    quantiles = tuple(quantiles or params.quantiles)
    pop_scale = params.population_scale if population_scale is None else population_scale
    tr_scale = params.trend_scale if trend_scale is None else trend_scale
    variants, central, women, jump, cube_codes, f_lo = _population_inputs(scenarios, years)
    idx = [cube_codes.index(c) for c in codes]
    central, women = central[:, idx], women[:, idx]
    shocks, trend_models = estimates(until)
    pop = PopulationSpec(shocks.bands, shocks.nat_level, shocks.nat_annual, shocks.loc_level, shocks.k, pop_scale,
                         shocks.corr)
    j = years.index(jump) if jump in years else 0
    size = np.zeros((len(codes), len(shocks.bands)))
    for b, (_, lo, hi) in enumerate(shocks.bands):
        size[:, b] = central[0, :, j, 0] if lo == 0 else central[0, :, j, max(lo - 1, 0) : hi].sum(axis=1)
    trends = {name: TrendSpec(t.family, t.nat_rw, t.nat_drift, t.nat_transient, t.loc_rw, t.loc_transient, tr_scale)
              for name, t in trend_models.items()}
    history = _history(first)
    specs = []
    for u in scenarios:
        mix = u.variant_mixture or {u.loaded.scenario.population.variant: 1.0}
        probs = np.array([mix.get(v, 0.0) for v in variants], float)
        main = max(mix, key=mix.get)
        cube = population(years[-1], main, history=history)
        # a run's demands rest on the scenario's own variant: taken only when the draws' main path is that variant
        given = (demands or {}).get(u.name, {}) if main == u.loaded.scenario.population.variant else {}
        specs.append((u.name, probs, _services(u, codes, cube, years, central[variants.index(main)], given)))
    munis = municipalities()
    groups = [munis[c].county_code if c in munis else "??" for c in codes]
    wa = workforce().working_ages
    tasks = []
    for n, start in enumerate(range(0, len(codes), chunk_size)):
        rows = slice(start, start + chunk_size)
        tasks.append(ChunkTask(
            index=n, seed=seed, draws=draws, years=years, jump=jump, codes=codes[rows], groups=groups[rows],
            variants=[str(v) for v in variants], central=np.ascontiguousarray(central[:, rows]),
            women=np.ascontiguousarray(women[:, rows]), population=pop, pop_size=size[rows], trends=trends,
            scenarios=[ScenarioSpec(name, probs, [_slice_service(s, rows) for s in services])
                       for name, probs, services in specs],
            quantiles=quantiles, working_ages=(int(wa[0]), int(wa[1])), fertile_from=f_lo, sources=sources,
            keep_draws=keep_draws))
    return tasks
