"""The draw engine: one picklable work unit per chunk of municipalities → central path, quantiles, draw-by-draw sums.

Every array carries a draw axis; draw 0 is the central path (every shock zero, every range at its median), draws
1…N are random. The population draws (population_draws) are reduced to the services' age bands; coverage and FTE
per user move by their families' factors (trend_draws); users, FTE, automation and workforce flows (flows) follow
the deterministic equations of forecast.need.demand, forecast.need.automation and forecast.workforce.flows with a
draw axis. Scenario values given as ranges are drawn once per draw (common to all municipalities). Every random
number comes from a stream keyed by (seed, source, municipality), so a chunk's result does not depend on the
chunking or on the executor, and scenarios in one task share their random numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.uncertainty.flows import entry_ages, exit_rates
from forecast.uncertainty.flows import hires as flow_hires
from forecast.uncertainty.population_draws import population_draws
from forecast.uncertainty.quantiles import fixed_point_sums
from forecast.uncertainty.quantiles import quantiles as reduce_quantiles
from forecast.uncertainty.specs import (ALL, OCCUPATION_VARIABLES, SUMMED, VARIABLES, ChunkResult, ChunkTask,
                                        ScenarioSpec, ServiceSpec, variables_of)
from forecast.uncertainty.streams import scalar_draws, uniforms
from forecast.uncertainty.trend_draws import trend_factor
from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    import numpy as np


def _scalar(task: ChunkTask, dist, key: str, source: str) -> "np.ndarray":
    """[D] draws of an uncertain scalar (forecast.uncertainty.ranges.Dist), at its median when `source` is off."""
    return scalar_draws(task.seed, task.draws, dist, key, source in task.sources)


def _trend_factor(task: ChunkTask, family: str | None, sizes: "np.ndarray", source: str) -> "np.ndarray":
    spec = task.trends.get(family) if family else None
    return trend_factor(task.seed, task.draws, task.codes, len(task.years), spec, sizes, source in task.sources)


# ------------------------------------------------------------------ automation
def _measure_offsets(task: ChunkTask, scn: ScenarioSpec, spec: ServiceSpec, gross: "np.ndarray"
                     ) -> "np.ndarray":
    """Sum of the service's measure offsets [D, m, T], each capped at the need the measures before it left."""
    import numpy as np

    years = np.array(task.years)
    left = gross.copy()
    total = np.zeros_like(gross)
    for m in spec.measures:
        val = {k: _scalar(task, d, f"automation.{m.id}.{k}", "scenario")[:, None, None] for k, d in m.values.items()}
        if m.kind == "fixed_fte":
            ramp = np.clip((years - m.start + 1) / m.ramp_years, 0, 1) if m.ramp_years \
                else (years >= m.start).astype(float)
            off = val["fte"] * ramp
            off = np.broadcast_to(off, gross.shape)
        elif m.kind == "task_share":
            off = gross * val["task_share"] * val["automatable"] * m.adoption * (1 - val["reinvest"])
        elif m.kind == "annual_rate":
            n = np.maximum(years - m.start + 1, 0)
            off = gross * (1 - (1 - val["rate"]) ** n)
        else:  # pragma: no cover - the schema admits only these kinds
            raise ValueError(m.kind)
        off = np.minimum(np.clip(off, 0, None), left)
        left = left - off
        total += off
    return total


# ------------------------------------------------------------------ one scenario on the chunk's population draws
def _occupations(task: ChunkTask, spec: ServiceSpec, net: "np.ndarray", index: dict, out: "np.ndarray") -> None:
    """Each occupation's FTE (its share of the net need), persons needed and hires (forecast.workforce.hires, with a
    draw axis) into out [D, m, K, T]; the service's workforce rows are their sums, draw by draw."""
    import numpy as np

    service = spec.service
    turnover_key, size_key = f"workforce.{service}.turnover", f"workforce.{service}.position_size"
    totals = {v: np.zeros_like(net) for v in ("workforce_need", "hires", "hires_cumulative", "hires_fte")}
    for wf in spec.occupations:
        # one uniform per draw and service: the occupations of a service share their turnover and size shocks
        turnover = _scalar(task, wf.turnover, turnover_key, "turnover")
        factor = _scalar(task, wf.position_factor, size_key, "position_size")
        fte = net * wf.share[None]
        size = wf.sizes[None] * factor[:, None, None]  # [D, m, T]
        rates = exit_rates(wf.shape, wf.profile, turnover)
        need = fte / size
        hires = flow_hires(need, rates, entry_ages(wf.profile, rates), wf.profile)
        values = {"fte": fte, "workforce_need": need, "hires": hires, "hires_cumulative": np.cumsum(hires, axis=-1),
                  "hires_fte": hires * size}
        for (variable, unit) in OCCUPATION_VARIABLES:
            out[:, :, index[(service, wf.occupation, variable, unit)]] = values[variable]
            if variable in totals:
                totals[variable] += values[variable]
    for variable, unit in VARIABLES:
        if variable in totals:
            out[:, :, index[(service, ALL, variable, unit)]] = totals[variable]


def _scenario(task: ChunkTask, scn: ScenarioSpec, bp: "np.ndarray", band_index: dict, variant: "np.ndarray",
              index: dict, out: "np.ndarray") -> None:
    """Fill out [D, m, K, T] for one scenario; bp: persons [V, D, m, bands, T]; index: variable → position on K."""
    import numpy as np

    D = task.draws + 1
    years = np.array(task.years)
    elapsed = np.maximum(years - years[0], 0)
    dd = np.arange(D)
    pop = bp[variant, dd]  # [D, m, bands, T]: each draw's variant
    out[:, :, index[(ALL, ALL, "population", "persons")]] = pop[:, :, band_index[(0, task.central.shape[-1] - 1)]]
    out[:, :, index[(ALL, ALL, "working_age_population", "persons")]] = pop[:, :, band_index[task.working_ages]]
    for spec in scn.services:
        cov_ch = _scalar(task, spec.coverage_change, f"services.{spec.service}.coverage_change", "scenario")
        fte_ch = _scalar(task, spec.fte_per_user_change, f"services.{spec.service}.fte_per_user_change", "scenario")
        growth = (1 + cov_ch[:, None]) ** elapsed[None]  # [D, T]
        standard = (1 + fte_ch[:, None]) ** elapsed[None]
        population = np.zeros((D, len(task.codes), len(years)))
        users = np.zeros_like(population)
        weighted = np.zeros_like(population)
        under3 = np.zeros_like(population)
        for j, (label, lo, hi, weight) in enumerate(spec.bands):
            band_pop = pop[:, :, band_index[(lo, hi)]]
            factor = _trend_factor(task, spec.coverage_family[j], spec.coverage_size[:, j], "coverage")
            u = band_pop * spec.coverage[None, :, :, j] * growth[:, None] * factor
            population += band_pop
            users += u
            weighted += u * weight
            if hi < 3:
                under3 += u
        fte_factor = _trend_factor(task, spec.fte_family, spec.fte_size, "fte_per_user")
        per = spec.per[None, :] * _scalar(task, spec.per_factor, f"staffing.{spec.service}", "scenario")[:, None]
        gross = weighted * per[:, :, None] * standard[:, None] * fte_factor
        if spec.norm is not None:
            gross = np.maximum(gross, under3 / spec.norm[0] + (users - under3) / spec.norm[1])
        offset = _measure_offsets(task, scn, spec, gross) if spec.measures else np.zeros_like(gross)
        net = gross - offset
        own = {"population": population, "users": users, "fte_before_automation": gross,
               "automation_offset": offset, "fte": net}
        for variable, unit in VARIABLES:
            out[:, :, index[(spec.service, ALL, variable, unit)]] = own.get(variable, 0.0)
        _occupations(task, spec, net, index, out)
    for variable, unit in SUMMED:  # over services, then each occupation over its services, draw by draw
        out[:, :, index[(ALL, ALL, variable, unit)]] = sum(
            out[:, :, index[(spec.service, ALL, variable, unit)]] for spec in scn.services)
    for key, k in index.items():
        if key[0] == ALL and key[1] != ALL:
            out[:, :, k] = sum(out[:, :, index[(spec.service, *key[1:])]] for spec in scn.services
                               if (spec.service, *key[1:]) in index)


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Project the chunk's municipalities draw by draw and reduce at once: central path, quantiles per
    municipality, sums per county and in total (draw by draw, so their intervals are right)."""
    import numpy as np

    S, M, T = len(task.scenarios), len(task.codes), len(task.years)
    D = task.draws + 1
    variables = variables_of(task)
    index = {v: k for k, v in enumerate(variables)}
    K = len(variables)
    bands = [(0, task.central.shape[-1] - 1), tuple(task.working_ages)]
    for spec in task.scenarios[0].services:
        bands += [(lo, hi) for _, lo, hi, _ in spec.bands]
    bands = list(dict.fromkeys(bands))
    band_index = {b: i for i, b in enumerate(bands)}
    bp = population_draws(task.seed, task.draws, task.years, task.jump, task.codes, task.central, task.women,
                          task.fertile_from, task.population, task.pop_size, bands, "population" in task.sources)
    u = np.concatenate([[0.0], uniforms(task.seed, task.draws, "population", "variant")])
    values = np.empty((S, D, M, K, T))
    for s, scn in enumerate(task.scenarios):
        cum = np.cumsum(scn.variant_probs) / np.sum(scn.variant_probs)
        variant = np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)
        variant[0] = int(np.argmax(scn.variant_probs))
        _scenario(task, scn, bp, band_index, variant, index, values[s])
    q = np.array(task.quantiles)
    quantiles = reduce_quantiles(values, q)  # [S, m, Q, K, T]
    diff_q = np.zeros_like(quantiles)
    if S > 1:
        diff_q[1:] = reduce_quantiles(values[1:] - values[:1], q)
    # sums in fixed point (integer multiples of 2^-20): integer addition is associative, so totals are the same
    # bytes whatever the chunking, the executor or the order in which chunks are added
    sums = fixed_point_sums(values, task.groups, NATIONAL)
    return ChunkResult(task.index, list(task.codes), variables, list(task.years), values[:, 0], quantiles, diff_q,
                       sums, values if task.keep_draws else None)
