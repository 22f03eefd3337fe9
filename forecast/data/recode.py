"""Historical municipality codes → the 2024 borders, with the shipped redistricting table (csdata b2024).

A code used in a year becomes one or more 2024 municipalities with weights: 1201 → 4601 (renamed), 5030 → 5001
(merged: persons added), 5012 → 5055 × 0.35, 5056 × 0.35, 5059 × 0.3 (split by the table's weights).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@lru_cache(maxsize=1)
def _index() -> tuple[dict, dict, int, int]:
    """{(original, year): [(current, weight)]}, {original: last year it appears}, first and last table year."""
    from forecast.data.regions import redistricting

    df = redistricting()
    by_key: dict[tuple[str, int], list[tuple[str, float]]] = {}
    for orig, cur, year, w in zip(df["original"].tolist(), df["current"].tolist(), df["year"].tolist(),
                                  df["weight"].tolist()):
        by_key.setdefault((orig, int(year)), []).append((cur, float(w)))
    latest = df.groupby("original")["year"].max().astype(int).to_dict()
    return by_key, latest, int(df["year"].min()), int(df["year"].max())


def targets(code: str, year: int, harmonised: bool = False) -> list[tuple[str, float]] | None:
    """The 2024 municipalities (with weights) that `code` as used in `year` became; None if the code is unknown.

    'K-' codes are SSB's series already summed to current borders: kept as they are when current.
    """
    from forecast.data.regions import municipalities

    current = municipalities()
    if harmonised and code in current:
        return [(code, 1.0)]
    by_key, latest, first, last = _index()
    rows = by_key.get((code, min(max(year, first), last)))
    if rows:
        return rows
    if code in current:
        return [(code, 1.0)]
    if code in latest:  # a code listed after it ceased (SSB shows old codes with zeros): its last mapping
        return by_key[(code, latest[code])]
    return None


def span(years: list[int]) -> str:
    """[2005, 2006, 2007, 2010] → '2005–2007, 2010'."""
    ys = sorted(set(years))
    parts, start = [], ys[0]
    for a, b in zip(ys, ys[1:] + [None]):
        if b != a + 1:
            parts.append(str(start) if start == a else f"{start}–{a}")
            start = b
    return ", ".join(parts)


def _describe(region: str, year: int, tg: list[tuple[str, float]], one_to_one: dict[int, dict[str, str]]) -> str:
    from forecast.data.regions import name_of, one_to_one_recoding

    if len(tg) == 1 and tg[0][1] >= 0.999:
        if year not in one_to_one:
            one_to_one[year] = one_to_one_recoding(year)
        kind = "code changed" if one_to_one[year].get(region) == tg[0][0] else "merged with others"
        return f"→ {tg[0][0]} {name_of(tg[0][0])}: {kind}"
    if len(tg) == 1:
        return f"→ {tg[0][0]} {name_of(tg[0][0])} × {tg[0][1]:g} (part of it)"
    return "split by the shipped weights: " + ", ".join(f"{c} {name_of(c)} × {w:g}" for c, w in tg)


def recode(obs: "pd.DataFrame") -> tuple["pd.DataFrame", list[str], list[str]]:
    """Observations (region as a category, harmonised, year, age, sex, persons) → municipality, year, age, sex,
    persons on 2024 borders (persons × weight, summed where codes merge); what was recoded; unknown codes.

    Vectorised: the table is consulted once per distinct (code, year), whatever the number of rows.
    """
    import numpy as np
    import pandas as pd

    cats = list(obs["region"].cat.categories)
    rc = obs["region"].cat.codes.to_numpy().astype(np.int64)
    key = (rc * 2 + obs["harmonised"].to_numpy().astype(np.int64)) * 10_000 + obs["year"].to_numpy()
    inv, uniq = pd.factorize(key)
    t_codes: list[str] = []
    t_weights: list[float] = []
    counts = np.zeros(len(uniq), dtype=np.int64)
    unknown: set[str] = set()
    described: dict[tuple[str, str], list[int]] = {}
    one_to_one: dict[int, dict[str, str]] = {}
    for i, k in enumerate(uniq.tolist()):
        region, harm, year = cats[k // 20_000], bool((k // 10_000) % 2), k % 10_000
        tg = targets(region, year, harm)
        if tg is None:
            unknown.add(region)
            continue
        counts[i] = len(tg)
        t_codes += [c for c, _ in tg]
        t_weights += [w for _, w in tg]
        if tg != [(region, 1.0)]:
            described.setdefault((region, _describe(region, year, tg, one_to_one)), []).append(year)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    per_obs = counts[inv]
    if (per_obs == 1).all():
        rows, target = np.arange(len(obs)), starts[inv]
    else:
        rows = np.repeat(np.arange(len(obs)), per_obs)
        first_of = np.repeat(np.cumsum(per_obs) - per_obs, per_obs)
        target = starts[inv[rows]] + (np.arange(len(rows)) - first_of)
    muni_cats, muni_idx = np.unique(np.array(t_codes or [""], dtype=object), return_inverse=True)
    weights = np.array(t_weights or [1.0])
    out = pd.DataFrame({
        "municipality": pd.Categorical.from_codes(muni_idx[target], categories=muni_cats.astype(str)),
        "year": obs["year"].to_numpy()[rows],
        "age": obs["age"].to_numpy()[rows],
        "sex": pd.Categorical.from_codes(obs["sex"].cat.codes.to_numpy()[rows], categories=obs["sex"].cat.categories),
        "persons": obs["persons"].to_numpy()[rows] * weights[target],
    })
    report = [f"{region} {what} ({span(years)})" for (region, what), years in sorted(described.items())]
    return out, report, sorted(unknown)
