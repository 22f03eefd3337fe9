"""Which uncertain input moves an output most: one source at a time, and rank correlation with the full run.

Every source of uncertainty draws from its own keyed random streams, so a run with only source s switched on
reproduces exactly the part of the full run's randomness that s contributes. For each output (end-year FTE need
and hires, per service and for all services together) this gives, per source:

- `p10`, `p90`: the output's 80 % interval when only this source varies (one at a time; the tornado's bar);
- `swing_share`: that interval's width over the full run's;
- `spearman`: rank correlation between the full run's draws and the draws with only this source varying (how much
  of the ordering of outcomes this source explains; near 1: it alone decides where a draw ends up).

Sources: population, coverage, fte_per_user, turnover, position_size, scenario (the scenario's own ranges).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from forecast.uncertainty.specs import ALL, SOURCES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from forecast.uncertainty.build import UncertainScenario

OUTPUTS = (("fte", "FTE"), ("hires", "persons"))


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


def _outputs(result, year_index: int) -> dict[tuple[str, str, str], "np.ndarray"]:
    """Draws [D] of each output in the total over the run's municipalities, per service and for all services
    (the engine's service `all`, summed draw by draw)."""
    arr = result.sum_array()[0, sorted(result.sums).index("0000")]  # [D, K, T]
    out: dict[tuple[str, str, str], np.ndarray] = {}
    for variable, unit in OUTPUTS:
        for k, (service, var, _) in enumerate(result.variables):
            if var == variable:
                out[("all services" if service == ALL else service, variable, unit)] = arr[:, k, year_index]
    return out


def sensitivity(scenario: "str | UncertainScenario", municipality: str | None = None, draws: int = 500,
                seed: int = 0, year: int | None = None, scheduler: Any = None) -> "pd.DataFrame":
    """Tornado data for end-year (or `year`) FTE need and hires of one municipality or of all the scenario's."""
    import numpy as np
    import pandas as pd

    from forecast.uncertainty.build import UncertainScenario, build_tasks, load_uncertain
    from forecast.uncertainty.execute import iter_results
    from forecast.uncertainty.results import merge

    u = scenario if isinstance(scenario, UncertainScenario) else load_uncertain(scenario)
    if municipality is not None:
        scn = u.loaded.scenario.model_copy(update={"municipality": municipality})
        u = dataclasses.replace(u, loaded=dataclasses.replace(u.loaded, scenario=scn))
    tasks = build_tasks([u], draws, seed)
    years = tasks[0].years
    t = years.index(year) if year is not None else len(years) - 1

    def run(sources: tuple[str, ...]):
        chunk = [dataclasses.replace(task, sources=sources) for task in tasks]
        return _outputs(merge(iter_results(chunk, scheduler), [u.name], chunk[0].quantiles), t)

    full = run(SOURCES)
    label = municipality or (tasks[0].codes[0] if sum(len(x.codes) for x in tasks) == 1
                             else f"{sum(len(x.codes) for x in tasks)} municipalities")
    rows = []
    for source in SOURCES:
        only = run((source,))
        for (service, variable, unit), x in full.items():
            y = only[(service, variable, unit)]
            width = np.quantile(x[1:], 0.9) - np.quantile(x[1:], 0.1)
            lo, hi = np.quantile(y[1:], [0.1, 0.9])
            rows.append({"scenario": u.name, "municipality": label, "service": service, "variable": variable,
                         "unit": unit, "year": years[t], "source": source, "central": float(x[0]),
                         "p10": float(lo), "p90": float(hi),
                         "swing_share": float((hi - lo) / width) if width > 0 else 0.0,
                         "spearman": spearman(x[1:], y[1:])})
    out = pd.DataFrame(rows)
    out["rank"] = out.groupby(["service", "variable"])["swing_share"].rank(ascending=False, method="first")
    return out.sort_values(["service", "variable", "rank"]).reset_index(drop=True)
