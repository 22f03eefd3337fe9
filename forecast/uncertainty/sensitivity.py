"""Which uncertain input moves an output most: one source at a time, and rank correlation with the full run.

Every source of uncertainty draws from its own keyed random streams, so a run with only source s switched on
reproduces exactly the part of the full run's randomness that s contributes. For each output (end-year FTE need
and hires, per service and for all services together, service `all`) this gives, per source:

- `p10`, `p90`: the output's 80 % interval when only this source varies (one at a time; the tornado's bar);
- `swing_share`: that interval's width over the full run's;
- `spearman`: rank correlation between the full run's draws and the draws with only this source varying (how much
  of the ordering of outcomes this source explains; near 1: it alone decides where a draw ends up).

Sources: population, coverage, fte_per_user, turnover, position_size, scenario (the scenario's own ranges).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from forecast.errors import ForecastError
from forecast.uncertainty.specs import ALL, SOURCES
from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    import pandas as pd

    from forecast.uncertainty.build import Demands, UncertainScenario
    from forecast.uncertainty.results import DrawResult

OUTPUTS = (("fte", "FTE"), ("hires", "persons"))
COLUMNS = ["scenario", "municipality", "service", "variable", "unit", "year", "source", "p10", "p90",
           "swing_share", "spearman"]


def _ranks(x: "np.ndarray") -> "np.ndarray":
    import numpy as np

    r = np.empty(len(x))
    r[np.argsort(x, kind="stable")] = np.arange(len(x))
    return r


def spearman(a: "np.ndarray", b: "np.ndarray") -> float:
    """Rank correlation (0 when either side does not vary)."""
    import numpy as np

    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return 0.0
    return float(np.corrcoef(_ranks(a), _ranks(b))[0, 1])


def _outputs(result: "DrawResult", year_index: int) -> dict[tuple[str, str, str], "np.ndarray"]:
    """Draws [D] of each output (service-level FTE and hires, occupation `all`) for the run's municipality, or for
    the total over its municipalities (summed draw by draw); service `all` is the sum over the services."""
    if len(result.codes) == 1:
        arr = result.draws[0, :, 0]  # [D, K, T]
    else:
        arr = result.sum_array()[0, sorted(result.sums).index(NATIONAL)]  # [D, K, T]
    wanted = {(v, u) for v, u in OUTPUTS}
    return {(service, variable, unit): arr[:, k, year_index]
            for k, (service, occupation, variable, unit) in enumerate(result.variables)
            if occupation == ALL and (variable, unit) in wanted}


def sensitivity(scenario: "str | Path | UncertainScenario", municipality: "str | list[str] | None" = None,
                draws: int = 500, seed: int = 0, year: int | None = None, scheduler: Any = None, *,
                workers: int | None = None, sources: tuple[str, ...] = SOURCES,
                demands: "Demands | None" = None) -> "pd.DataFrame":
    """Tornado data: for FTE need and hires in the end year (or `year`), per service and for all services together
    (service `all`), which source of uncertainty moves them most.

    `municipality`: a code or a list of codes (default: the scenario's); with several, the outputs are their
    totals, summed draw by draw, labelled "<n> municipalities". One row per (service, variable, source) with the
    columns of COLUMNS: the output's 10th and 90th percentiles when only that source varies, `swing_share` (that
    interval's width over the full run's) and `spearman` (rank correlation with the full run's draws); sorted by
    service, variable and swing_share, largest first."""
    import numpy as np
    import pandas as pd

    from forecast.uncertainty.build import UncertainScenario, build_tasks, load_uncertain
    from forecast.uncertainty.execute import iter_results
    from forecast.uncertainty.results import merge

    u = scenario if isinstance(scenario, UncertainScenario) else load_uncertain(scenario)
    if municipality is not None:
        codes = [municipality] if isinstance(municipality, str) else list(municipality)
        scn = u.loaded.scenario.model_copy(update={"municipality": codes})
        u = dataclasses.replace(u, loaded=dataclasses.replace(u.loaded, scenario=scn))
    tasks = build_tasks([u], draws, seed, demands=demands, keep_draws=True)
    codes = [c for task in tasks for c in task.codes]
    years = tasks[0].years
    if year is not None and year not in years:
        raise ForecastError(f"year {year} is outside the scenario's period {years[0]}–{years[-1]}")
    t = years.index(year) if year is not None else len(years) - 1
    label = codes[0] if len(codes) == 1 else f"{len(codes)} municipalities"

    def run(on: tuple[str, ...]) -> dict[tuple[str, str, str], "np.ndarray"]:
        chunk = [dataclasses.replace(task, sources=on, keep_draws=len(codes) == 1) for task in tasks]
        return _outputs(merge(iter_results(chunk, scheduler, workers=workers), [u.name], chunk[0].quantiles), t)

    full = run(tuple(sources))
    rows = []
    for source in sources:
        only = run((source,))
        for (service, variable, unit), x in full.items():
            y = only[(service, variable, unit)]
            width = np.quantile(x[1:], 0.9) - np.quantile(x[1:], 0.1)
            lo, hi = np.quantile(y[1:], [0.1, 0.9])
            rows.append({"scenario": u.name, "municipality": label, "service": service, "variable": variable,
                         "unit": unit, "year": years[t], "source": source, "p10": float(lo), "p90": float(hi),
                         "swing_share": float((hi - lo) / width) if width > 0 else 0.0,
                         "spearman": spearman(x[1:], y[1:])})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out = out.sort_values(["service", "variable", "swing_share"], ascending=[True, True, False], kind="stable")
    return out.reset_index(drop=True)
