"""Monte Carlo draws on a Result: quantile columns on the frame, and the draw-by-draw totals beside it.

The draws (forecast.uncertainty) reduce each municipality's draws to quantiles and sum draws over services,
municipalities and counties before taking quantiles, so a total's interval is the interval of the total, never a
sum of intervals. This module only places those numbers: `value` stays the central path (the deterministic run),
the quantiles become columns (p10, p50, p90 …), and `lower`/`upper` become the outer quantiles wherever draws exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.vocabulary import ALL

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.frame import Result

JOIN = ["scenario", "municipality", "service", "occupation", "variable", "year"]


def label(q: float) -> str:
    """0.1 → 'p10', 0.025 → 'p2.5'."""
    return f"p{q * 100:g}"


def _with_bounds(frame: "pd.DataFrame", labels: list[str]) -> "pd.DataFrame":
    has = frame[labels[0]].notna()
    frame["lower"] = frame["lower"].where(~has, frame[labels[0]])
    frame["upper"] = frame["upper"].where(~has, frame[labels[-1]])
    return frame


def attach(result: "Result", draws: "pd.DataFrame", quantiles: tuple[float, ...], info: dict) -> "Result":
    """Put the draws' quantiles on `result` (a deterministic run of the same scenario): per-municipality rows as
    columns of the frame; sums over services (service "all") and over municipalities or counties (any other
    `municipality` label) in `result.totals`, with the variables only the draws have (hires_cumulative). Rows the
    draws do not cover keep their deterministic interval."""
    import numpy as np
    import pandas as pd

    labels = [label(q) for q in sorted(quantiles)]
    if "occupation" not in draws.columns:
        draws = draws.assign(occupation=ALL)
    codes = set(result.frame["municipality"].unique())
    own = draws["municipality"].isin(codes) & (draws["service"] != ALL)
    frame = result.frame.drop(columns=[c for c in labels if c in result.frame.columns])
    frame = frame.merge(draws.loc[own, [*JOIN, *labels]], on=JOIN, how="left", validate="many_to_one")
    for q in labels:
        frame[q] = frame[q].astype(float)
    result.frame = _with_bounds(frame, labels)
    # the draws' own variables (hires_cumulative: hires summed over the years inside each draw) go with the totals
    det = result.frame[JOIN].drop_duplicates()
    extra = draws.loc[own].merge(det, on=JOIN, how="left", indicator=True)
    extra = extra[extra["_merge"] == "left_only"].drop(columns="_merge")
    totals = pd.concat([draws.loc[~own], extra], ignore_index=True)
    totals["lower"] = np.nan
    totals["upper"] = np.nan
    result.totals = _with_bounds(totals.reset_index(drop=True), labels)
    result.quantiles = tuple(labels)
    result.draws = {**info, "quantiles": tuple(sorted(quantiles))}
    _drawn_notes(result, sorted(quantiles))
    return result


DRAWN = {"trend.constant": "trend.constant_drawn", "trend.constant_no_history": "trend.constant_no_history_drawn"}


def _drawn_notes(result: "Result", quantiles: list[float]) -> None:
    """The notes that said where the per-row intervals came from now say that they are drawn."""
    from forecast.results.notes import note

    for n in result.notes:
        n.key = DRAWN.get(n.key, n.key)
    info = result.draws or {}
    result.notes.insert(0, note("uncertainty.draws", draws=info.get("draws"), seed=info.get("seed"),
                                low=quantiles[0] * 100, high=quantiles[-1] * 100))


def total_intervals(summed: "pd.DataFrame", totals: "pd.DataFrame | None", service_label: str | None = None
                    ) -> "pd.DataFrame":
    """Rows of a sum (forecast.results.totals.summed) with the interval of the same sum from the draws, where the
    draws have it: matched on scenario, municipality (the sum's label), service (`service_label`, e.g. "total",
    is the draws' "all"), occupation, variable and year. Without draws, the sum keeps no interval."""
    if totals is None or totals.empty:
        return summed
    from forecast.results.frame import quantile_columns

    labels = quantile_columns(totals)
    keys = [k for k in JOIN if k in summed.columns]
    right = totals[[*keys, "lower", "upper", *labels]].rename(columns={"lower": "_lo", "upper": "_hi"})
    left = summed.copy()
    if service_label is not None:
        left["_service"] = left["service"]
        left["service"] = left["service"].replace({service_label: ALL})
    out = left.drop(columns=[c for c in labels if c in left.columns]).merge(right, on=keys, how="left")
    for b, src in (("lower", "_lo"), ("upper", "_hi")):
        if b in out.columns:
            out[b] = out[b].where(out[src].isna(), out[src])
        else:
            out[b] = out[src]
    out = out.drop(columns=["_lo", "_hi"])
    if service_label is not None:
        out["service"] = out.pop("_service")
    return out


def attach_differences(result: "Result", differences: "pd.DataFrame | None", variable: str) -> "Result":
    """Put the draw-by-draw differences from the reference (DrawResult.differences: variable fte, one row per
    scenario after the first) on a comparison's `variable` rows (e.g. fte_difference): the quantiles, lower/upper
    and `stands_out` (the interval excludes zero); sums over services and municipalities go to result.totals."""
    import pandas as pd

    if differences is None or differences.empty:
        return result
    labels = list(result.quantiles)
    diff = differences[differences["variable"] == "fte"].assign(variable=variable)
    if "occupation" not in diff.columns:
        diff = diff.assign(occupation=ALL)
    codes = set(result.frame["municipality"].unique())
    own = diff["municipality"].isin(codes) & (diff["service"] != ALL)
    frame = result.frame
    rows = frame["variable"] == variable
    merged = frame[rows].drop(columns=[*labels, "stands_out"], errors="ignore").merge(
        diff.loc[own, [*JOIN, *labels, "stands_out"]], on=JOIN, how="left", validate="many_to_one")
    merged = _with_bounds(merged, labels)
    rest = frame[~rows].assign(stands_out=pd.NA) if "stands_out" not in frame.columns else frame[~rows]
    result.frame = pd.concat([rest, merged], ignore_index=True)
    extra = diff.loc[~own].copy()
    extra["lower"], extra["upper"] = extra[labels[0]], extra[labels[-1]]
    result.totals = pd.concat([result.totals, extra], ignore_index=True) if result.totals is not None else extra
    return result


def hires_intervals(summary: "pd.DataFrame", totals: "pd.DataFrame | None", base: int) -> "pd.DataFrame":
    """A hires summary (forecast.workforce.summary) with the quantile columns and `lower`/`upper` on its hires rows:
    those of the hires summed over the period inside each draw (the draws' hires_cumulative at the last year). Only
    for a period that starts the year after the base year, where the cumulative sum starts; other rows keep NaN."""
    import numpy as np

    from forecast.results.frame import quantile_columns
    from forecast.vocabulary import TOTAL

    out = summary.copy()
    labels = quantile_columns(totals) if totals is not None else []
    for col in [*labels, "lower", "upper"]:
        out[col] = np.nan
    if totals is None or totals.empty:
        return out
    cum = totals[totals["variable"] == "hires_cumulative"]
    lookup = cum.set_index(["scenario", "municipality", "service", "occupation", "year"])[[*labels, "lower", "upper"]]
    lookup = lookup[~lookup.index.duplicated()]
    for i in out.index[(out["variable"] == "hires") & (out["from_year"] == base + 1)]:
        service = ALL if out.at[i, "service"] == TOTAL else out.at[i, "service"]
        key = (out.at[i, "scenario"], out.at[i, "municipality"], service, out.at[i, "occupation"],
               int(out.at[i, "to_year"]))
        if key in lookup.index:
            for col in [*labels, "lower", "upper"]:
                out.at[i, col] = lookup.loc[key, col]
    return out
