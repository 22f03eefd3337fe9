"""What `auto` chooses: per series, the candidate model whose earlier forecasts erred least on the series' own
history (rolling origins, no look-ahead), unless the default (the naive random walk) is within a margin of it; in a
backtest of many series, the collection's model unless a series' own evidence clearly departs from it
(`pooled_auto`); and, with `--transform auto`, the scale each model is fitted on (`choose_transforms`).

The candidates, the default and the margins are data/parameters/trends.yaml (forecast.data.parameters.trends()).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from forecast.errors import ArgumentError
from forecast.trends.models import MIN_LENGTH
from forecast.trends.origins import naive_scale, origin_forecasts

if TYPE_CHECKING:
    import numpy as np


def _settings():
    from forecast.data.parameters import trends

    return trends()


def _evidence(y, origins: list[int], fc: dict[str, "np.ndarray"], k: int, t: int, candidates) -> dict:
    """Scaled errors of each candidate's forecasts from origins[:k] on the targets before index `t`."""
    import numpy as np

    h = next(iter(fc.values())).shape[1]
    evidence: dict[str, list[float]] = {m: [] for m in candidates if m in fc}
    for j in range(k):
        tj = origins[j]
        scale = naive_scale(y, tj)
        steps = min(h, t - tj)
        if steps <= 0 or not scale > 0:
            continue
        for m in evidence:
            evidence[m].extend((np.abs(y[tj : tj + steps] - fc[m][j, :steps, 0]) / scale).tolist())
    return evidence


def default_model(candidates, preferred: str | None = None) -> str:
    """What `auto` keeps without clear evidence: `preferred` (trends.yaml auto_default, the random walk) if it is a
    candidate, else the first candidate (so `--models drift,ets` works without naive)."""
    candidates = list(candidates)
    if not candidates:
        raise ArgumentError("<models>: auto has no candidate model to choose from")
    preferred = preferred or _settings().auto_default
    return preferred if preferred in candidates else candidates[0]


def auto_forecasts(y, origins: list[int], fc: dict[str, "np.ndarray"], candidates) -> tuple["np.ndarray", list[str]]:
    """`auto` at each origin: the candidate with the smallest mean scaled error over the forecasts made from
    earlier origins whose targets were already observed at this origin (see `select`)."""
    import numpy as np

    y = np.asarray(y, float)
    h = next(iter(fc.values())).shape[1]
    result = np.full((len(origins), h, 5), np.nan)
    choices = []
    default = default_model(candidates)
    for k, t in enumerate(origins):
        choice = select(_evidence(y, origins, fc, k, t, candidates), default=default)
        if not np.isfinite(fc[choice][k]).all():
            choice = default
        choices.append(choice)
        result[k] = fc[choice][k]
    return result, choices


@dataclass
class AutoChoice:
    """What `auto` picks for a series, and the evidence: mean scaled error (MASE units) per candidate."""

    model: str
    errors: dict[str, float]
    n_origins: int


def choose_model(y, horizon: int = 5, candidates=None, *, x=None, x_future: dict | None = None,
                 start_year: int = 2000) -> AutoChoice:
    """Rolling-origin backtest on the whole series: the candidate whose earlier forecasts erred least (candidates:
    trends.yaml auto_candidates unless given).

    Origins run from the last `horizon + warmup` cuts (each leaving at least one point to score) to the end.
    A series too short for a backtest keeps the default (naive).
    """
    import numpy as np

    settings = _settings()
    candidates = tuple(candidates or settings.auto_candidates)
    y = np.asarray(y, float)
    n = len(y)
    if n < MIN_LENGTH["combo"] + 1:  # too short to earn a departure from the random walk (a drift fitted to three
        return AutoChoice(default_model(candidates), {}, 0)  # points of a small municipality's series can explode)
    cuts = list(range(max(MIN_LENGTH["combo"], n - horizon - settings.warmup), n))
    fc = origin_forecasts(y, cuts, horizon, candidates, x=x, x_future=x_future, start_year=start_year)
    evidence = _evidence(y, cuts, fc, len(cuts), n, candidates)
    errors = {m: float(np.mean(v)) for m, v in evidence.items() if v}
    return AutoChoice(select(evidence, default=default_model(candidates)), errors, len(cuts))


def select(evidence: dict[str, list[float]], default: str | None = None, margin: float | None = None,
           min_evidence: int | None = None) -> str:
    """The candidate with the lowest mean scaled error, if it beats `default` by `margin`; else `default`
    (defaults: trends.yaml auto_default, auto_margin, min_evidence).

    Only candidates scored on every piece of evidence compete. On the shipped series past errors predict future
    ones poorly (level shifts), so leaving the random walk needs a clear advantage.
    """
    import numpy as np

    settings = _settings()
    default = settings.auto_default if default is None else default
    margin = settings.auto_margin if margin is None else margin
    min_evidence = settings.min_evidence if min_evidence is None else min_evidence
    full = max((len(v) for v in evidence.values()), default=0)
    means = {m: float(np.mean(v)) for m, v in evidence.items()
             if len(v) == full and len(v) >= min_evidence and np.all(np.isfinite(v))}
    if default not in means:
        return default
    best = min(means, key=means.get)
    return best if means[best] < (1 - margin) * means[default] else default


def check_transform(transform: str) -> str:
    from forecast.vocabulary import TRANSFORMS

    if transform not in TRANSFORMS:
        raise ArgumentError(f"<transform>: unknown transform {transform!r}; use one of {', '.join(TRANSFORMS)}")
    return transform


def choose_transforms(y, origins: list[int], log_fc: dict[str, "np.ndarray"], none_fc: dict[str, "np.ndarray"],
                      ) -> tuple[dict[str, "np.ndarray"], dict[str, list[str]]]:
    """Per model and origin, the log or the untransformed forecasts, whichever erred less on the targets observed
    before that origin (the default scale unless the other is better by trends.yaml transform_margin; `select`).
    Returns the chosen forecasts {model: [origin, step, 5]} and the choices {model: [transform per origin]}."""
    import numpy as np

    settings = _settings()
    y = np.asarray(y, float)
    out, choices = {}, {}
    for m, arr in log_fc.items():
        pair = {"log": arr, "none": none_fc[m]}
        chosen = pair[settings.transform_default].copy()
        picks = []
        for k, t in enumerate(origins):
            pick = select(_evidence(y, origins, pair, k, t, ["log", "none"]), default=settings.transform_default,
                          margin=settings.transform_margin)
            if not np.isfinite(pair[pick][k]).all():
                pick = settings.transform_default
            chosen[k] = pair[pick][k]
            picks.append(pick)
        out[m], choices[m] = chosen, picks
    return out, choices


def pooled_auto(items, models) -> list[tuple["np.ndarray", list[str]]]:
    """`auto` for series scored together (a collection): at each cut, counted from the end, the collection's model
    is the candidate (trends.yaml pooled_candidates) with the smallest mean scaled error over every series'
    forecasts whose targets were observed before that cut; a series keeps it unless its own evidence favours
    another by pooled_margin (`select`).

    `items`: forecast.trends.evaluate.SeriesForecasts. Returns (forecasts [cut, step, 5], choices per cut) per
    item. Evidence never comes from a series' own future; other series' errors count only from cuts at the same
    distance from their end.
    """
    import numpy as np

    settings = _settings()
    cands = [m for m in settings.pooled_candidates if m in models] or list(models)
    fallback = default_model(cands)
    evidence = []  # per item, per cut: {model: [scaled errors]}
    for sf in items:
        present = [m for m in cands if m in sf.fc]
        evidence.append([_evidence(sf.y, sf.cuts, sf.fc, k, t, present) for k, t in enumerate(sf.cuts)])
    totals: dict[int, dict[str, list[float]]] = {}
    for sf, evs in zip(items, evidence):
        for k, ev in enumerate(evs):
            full = max((len(v) for v in ev.values()), default=0)
            if not full or any(len(ev.get(m, [])) != full or not np.all(np.isfinite(ev[m])) for m in cands):
                continue
            pos = totals.setdefault(len(sf.cuts) - 1 - k, {m: [] for m in cands})
            for m in cands:
                pos[m].append(float(np.mean(ev[m])))
    defaults = {pos: min(cands, key=lambda m: np.mean(v[m])) for pos, v in totals.items() if v[cands[0]]}
    out = []
    for sf, evs in zip(items, evidence):
        h = next(iter(sf.fc.values())).shape[1]
        result = np.full((len(sf.cuts), h, 5), np.nan)
        choices = []
        for k in range(len(sf.cuts)):
            default = defaults.get(len(sf.cuts) - 1 - k, fallback)
            if default not in sf.fc or not np.isfinite(sf.fc[default][k]).all():
                default = fallback if fallback in sf.fc else next(iter(sf.fc))
            choice = select(evs[k], default=default, margin=settings.pooled_margin)
            if choice not in sf.fc or not np.isfinite(sf.fc[choice][k]).all():
                choice = default
            choices.append(choice)
            result[k] = sf.fc[choice][k]
        out.append((result, choices))
    return out
