"""One call: scenario files → DrawResult (central path, quantiles, draw-by-draw totals and differences)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from forecast.uncertainty.specs import SOURCES

if TYPE_CHECKING:
    from forecast.uncertainty.build import Demands, UncertainScenario
    from forecast.uncertainty.results import DrawResult


def run_draws(scenarios: "list[str | Path | UncertainScenario]", draws: int | None = None, seed: int = 0, *,
              quantiles: tuple[float, ...] | None = None, scheduler: Any = None, workers: int | None = None,
              chunk_size: int | None = None, sources: tuple[str, ...] = SOURCES, keep_draws: bool = False,
              population_scale: float | None = None, trend_scale: float | None = None,
              variant_mixture: dict[str, float] | None = None, demands: "Demands | None" = None,
              progress: "Callable[[int, int], None] | None" = None) -> "DrawResult":
    """Draws of one scenario, or of several compared with common random numbers (the first is the reference).

    `variant_mixture` (e.g. {"MMMM": 0.6, "HHMH": 0.2, "LLML": 0.2}): each draw follows one of SSB's alternatives,
    picked with these probabilities (the same in every municipality); the central path is the most probable.
    `demands`: what deterministic runs of the scenarios already computed (build.build_tasks), so nothing is
    calibrated twice."""
    import dataclasses

    from forecast.data.parameters import uncertainty
    from forecast.uncertainty.build import UncertainScenario, build_tasks, load_uncertain
    from forecast.uncertainty.execute import iter_results
    from forecast.uncertainty.results import merge

    loaded = [s if isinstance(s, UncertainScenario) else load_uncertain(s) for s in scenarios]
    if variant_mixture:
        loaded = [dataclasses.replace(u, variant_mixture=dict(variant_mixture)) for u in loaded]
    draws = draws or uncertainty().draws
    tasks = build_tasks(loaded, draws, seed, chunk_size=chunk_size, quantiles=quantiles, sources=sources,
                        keep_draws=keep_draws, population_scale=population_scale, trend_scale=trend_scale,
                        demands=demands)
    results = iter_results(tasks, scheduler=scheduler, workers=workers, progress=progress)
    out = merge(results, [u.name for u in loaded], tasks[0].quantiles)
    out.notes.append(f"{draws} draws, seed {seed}; value = central path (all shocks zero, ranges at their medians); "
                     f"quantiles over draws; totals and differences draw by draw")
    return out
