"""Chunk results → long frames with the central value and quantiles, per municipality, county and in total.

Columns follow the canonical frame (scenario, municipality, service, occupation, variable, unit, year, value) plus one column
per quantile (p10, p50, p90 by default). `value` is the central path (every shock zero, every range at its median),
which equals the deterministic run. Totals over municipalities and counties and differences between scenarios are
quantiles of draw-by-draw sums and differences, never sums of quantiles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    from collections.abc import Iterable

    import numpy as np
    import pandas as pd

    from forecast.uncertainty.specs import ChunkResult

FLOWS = {"hires", "hires_fte", "hires_cumulative"}  # zero in the base year by construction: left out there, as the hires command does


def quantile_label(q: float) -> str:
    """0.1 → 'p10', 0.025 → 'p2.5'."""
    return f"p{q * 100:g}"


@dataclass
class DrawResult:
    scenarios: list[str]
    years: list[int]
    quantiles: tuple[float, ...]
    variables: list[tuple[str, str, str, str]]  # (service, occupation, variable, unit)
    codes: list[str]
    central: "np.ndarray"  # [S, M, K, T]
    by_municipality: "np.ndarray"  # [S, M, Q, K, T]
    diff_by_municipality: "np.ndarray"  # [S, M, Q, K, T]
    sums: dict[str, "np.ndarray"]  # group → [S, D, K, T] draw-by-draw sums (draw 0 central), int64 fixed point
    draws: "np.ndarray | None" = None  # [S, D, M, K, T] when kept
    notes: list[str] = field(default_factory=list)

    def frame(self, totals: bool = True) -> "pd.DataFrame":
        """Per municipality, and (with `totals`) per county and for all municipalities together."""
        import pandas as pd

        parts = [self._frame(self.codes, self.central, self.by_municipality)]
        if totals and len(self.codes) > 1:
            groups = sorted(self.sums)
            parts.append(self._frame([_group_label(g, len(self.codes)) for g in groups], self._sum_central(),
                                     self.sum_quantiles()))
        return pd.concat(parts, ignore_index=True)

    def sum_array(self) -> "np.ndarray":
        """[S, G, D, K, T] for the groups in sorted order, in the variables' units."""
        import numpy as np

        from forecast.uncertainty.specs import FIXED_POINT

        return np.stack([self.sums[g] for g in sorted(self.sums)], axis=1) / FIXED_POINT

    def _sum_central(self, diff: bool = False) -> "np.ndarray":
        """Draw 0 of the sums, [S, G, K, T] (groups in sorted order); `diff`: each scenario minus the first."""
        import numpy as np

        from forecast.uncertainty.specs import FIXED_POINT

        central = np.stack([self.sums[g][:, 0] / FIXED_POINT for g in sorted(self.sums)], axis=1)
        return central - central[:1] if diff else central

    def sum_quantiles(self, diff: bool = False) -> "np.ndarray":
        """Quantiles over draws 1…N of the sums, [S, G, Q, K, T]; one group at a time (memory: one group's draws)."""
        import numpy as np

        from forecast.uncertainty.specs import FIXED_POINT

        out = []
        for g in sorted(self.sums):
            arr = self.sums[g] / FIXED_POINT  # [S, D, K, T]
            if diff:
                arr = arr - arr[:1]
            out.append(np.moveaxis(np.quantile(arr[:, 1:], np.array(self.quantiles), axis=1), 0, 1))
        return np.stack(out, axis=1)

    def differences(self) -> "pd.DataFrame":
        """Each scenario minus the first (the reference), per municipality and in total, draw by draw; `stands_out`
        says whether the outer quantiles of the difference exclude zero."""
        import pandas as pd

        if len(self.scenarios) < 2:
            return pd.DataFrame()
        central = self.central - self.central[:1]
        parts = [self._frame(self.codes, central, self.diff_by_municipality, first=1)]
        if len(self.codes) > 1:
            groups = sorted(self.sums)
            parts.append(self._frame([_group_label(g, len(self.codes)) for g in groups],
                                     self._sum_central(diff=True), self.sum_quantiles(diff=True), first=1))
        out = pd.concat(parts, ignore_index=True)
        lo, hi = quantile_label(min(self.quantiles)), quantile_label(max(self.quantiles))
        out["stands_out"] = (out[lo] > 0) | (out[hi] < 0)
        return out

    def _frame(self, labels: list[str], central: "np.ndarray", quant: "np.ndarray", first: int = 0
               ) -> "pd.DataFrame":
        import numpy as np
        import pandas as pd

        S, G, K, T = central.shape
        s, g, k, t = np.meshgrid(np.arange(first, S), np.arange(G), np.arange(K), np.arange(T), indexing="ij")
        s, g, k, t = s.ravel(), g.ravel(), k.ravel(), t.ravel()
        data = {
            "scenario": np.array(self.scenarios, dtype=object)[s],
            "municipality": np.array(labels, dtype=object)[g],
            "service": np.array([v[0] for v in self.variables], dtype=object)[k],
            "occupation": np.array([v[1] for v in self.variables], dtype=object)[k],
            "variable": np.array([v[2] for v in self.variables], dtype=object)[k],
            "unit": np.array([v[3] for v in self.variables], dtype=object)[k],
            "year": np.array(self.years)[t],
            "value": central[s, g, k, t],
        }
        for i, q in enumerate(self.quantiles):
            data[quantile_label(q)] = quant[s, g, i, k, t]
        df = pd.DataFrame(data)
        return df[~(df["variable"].isin(FLOWS) & (df["year"] == self.years[0]))].reset_index(drop=True)


def _group_label(group: str, n: int) -> str:
    from forecast.data.regions import counties

    if group == NATIONAL:
        return f"{n} municipalities"
    return f"county {group} {counties().get(group, '')}".strip()


def merge(results: "Iterable[ChunkResult]", scenarios: list[str], quantiles: tuple[float, ...]) -> DrawResult:
    """Chunk results in task order → one DrawResult. Partial sums are added one chunk at a time in task order (the
    same floating-point sum whichever executor produced them) and each chunk is released once merged."""
    import numpy as np

    sums: dict[str, np.ndarray] = {}
    parts: dict[str, list] = {"codes": [], "central": [], "q": [], "dq": [], "draws": []}
    first = None
    last = -1
    for r in results:
        if r.index <= last:
            raise ValueError(f"chunk {r.index} arrived after chunk {last}: results must come in task order")
        last = r.index
        first = first or r
        for g, arr in r.sums.items():
            if g in sums:
                sums[g] += arr
            else:
                sums[g] = arr.copy()
        parts["codes"] += r.codes
        parts["central"].append(r.central)
        parts["q"].append(r.quantiles)
        parts["dq"].append(r.diff_quantiles)
        parts["draws"].append(r.draws)
    if first is None:
        raise ValueError("no chunk results to merge")
    draws = None
    if all(d is not None for d in parts["draws"]):
        draws = np.concatenate(parts["draws"], axis=2)
    return DrawResult(
        scenarios=scenarios, years=first.years, quantiles=tuple(quantiles), variables=first.variables,
        codes=parts["codes"], central=np.concatenate(parts["central"], axis=1),
        by_municipality=np.concatenate(parts["q"], axis=1), diff_by_municipality=np.concatenate(parts["dq"], axis=1),
        sums=sums, draws=draws)
