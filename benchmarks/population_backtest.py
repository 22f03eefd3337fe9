"""Backtest of the built-in cohort-change population projection (data/parameters/projection.yaml).

Prints, from every base year the history allows (2006–2021), projected with data up to the base only (unscaled)
and scored 5 and 10 years later over all 357 municipalities:

1. the method comparison that chose the time-varying rates (survival improvement at old ages, recent-weighted
   child–woman ratios, damped net migration): mean MAPE over bases of the total and of the ages 0, 80–89, 90+;
2. the shipped method by SSB age band (mean MAPE and mean signed error over bases), beside the method with the
   ratios held (before issue 14);
3. ours against SSB's own main-alternative projections for the Telemark municipalities (shipped vintages 2016,
   2020, 2024), by age band;
4. births at the seam: Bergen's last five observed years and the first projected one, and how many
   municipalities leave the range of their last five years;
5. with --sweep: base_years × shrinkage_persons (MAPE of the total, four bases).

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/population_backtest.py [--sweep]   (about 4 minutes; --sweep +1)
"""

import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import dataclasses  # noqa: E402

from forecast.data.parameters import projection  # noqa: E402
from forecast.population.accuracy import backtest_bases, population_backtest, summarise  # noqa: E402

OFF = dict(survival_trend_max_rate=0.0)  # no survival improvement (the ages below 70 keep their damping)
HELD = dict(**OFF, child_woman_ratio_half_life=None, migration_damping=None)
SHIPPED = "shipped (all three)"
METHODS = {  # label → settings changed from the shipped ones (data/parameters/projection.yaml)
    "held ratios (before)": HELD,
    "+ survival improvement only": dict(child_woman_ratio_half_life=None, migration_damping=None),
    "+ recent child–woman ratio only": dict(**OFF, migration_damping=None),
    "+ migration damping only": dict(**OFF, child_woman_ratio_half_life=None),
    SHIPPED: {},
    "  survival undamped": dict(survival_improvement_damping=1.0),
    "  survival damping 0.9": dict(survival_improvement_damping=0.9),
    "  survival trend over 10 years": dict(survival_trend_years=10),
    "  survival trend over 20 years": dict(survival_trend_years=20),
    "  child–woman half-life 0.5": dict(child_woman_ratio_half_life=0.5),
    "  child–woman half-life 2": dict(child_woman_ratio_half_life=2.0),
    "  migration damping 0.9": dict(migration_damping=0.9),
}
BANDS = ("total", "0", "1-5", "6-12", "13-15", "16-19", "20-44", "45-66", "67-79", "80-89", "90+")


def settings(**changes):
    return dataclasses.replace(projection(), **changes)


def table(header: list[str], rows: list[list[str]]) -> None:
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


def band(score, g: str) -> float:
    return score.mape_total if g == "total" else score.by_age_group[g]


def methods() -> dict:
    print("## 1. Method comparison: mean MAPE (%) over base years, all 357 municipalities, unscaled\n")
    rows, results = [], {}
    for label, changes in METHODS.items():
        t = time.perf_counter()
        runs = backtest_bases(settings=settings(**changes))
        results[label] = runs
        s = summarise(runs)
        r14 = runs[(2014, 10)].ours
        tel = population_backtest(2016, 10, settings=settings(**changes)).ours_same
        rows.append([label] + [f"{s[h].mape[g]:.2f}" for h in (5, 10) for g in ("total", "0", "80-89", "90+")]
                    + [f"{band(r14, g):.2f}" for g in ("total", "80-89", "90+")]
                    + [f"{tel.by_age_group['80-89']:.2f} / {tel.by_age_group['90+']:.2f}",
                       f"{time.perf_counter() - t:.0f} s"])
    table(["method", "5 y total", "5 y 0", "5 y 80–89", "5 y 90+", "10 y total", "10 y 0", "10 y 80–89", "10 y 90+",
           "2014→2024 total", "80–89", "90+", "Telemark 2016→2026 80–89 / 90+", "time"], rows)
    s5, s10 = summarise(results[SHIPPED]).values()
    ssb = population_backtest(2016, 10).ssb
    print(f"\nBases: {s5.bases[0]}–{s5.bases[-1]} at 5 years ({len(s5.bases)}), {s10.bases[0]}–{s10.bases[-1]} at 10 "
          f"years ({len(s10.bases)}). SSB on Telemark 2016→2026: 80–89 {ssb.by_age_group['80-89']:.2f}, "
          f"90+ {ssb.by_age_group['90+']:.2f}.\n")
    return results


def by_band(results: dict) -> None:
    print("## 2. By SSB age band: mean over base years, all 357 municipalities (MAPE %, mean signed error % in "
          "brackets)\n")
    new, old = summarise(results[SHIPPED]), summarise(results["held ratios (before)"])
    r_new, r_old = results[SHIPPED][(2014, 10)].ours, results["held ratios (before)"][(2014, 10)].ours
    rows = []
    for g in BANDS:
        row = [g]
        for h in (5, 10):
            row += [f"{new[h].mape[g]:.2f} ({new[h].bias[g]:+.1f})", f"{old[h].mape[g]:.2f} ({old[h].bias[g]:+.1f})"]
        rows.append(row + [f"{band(r_new, g):.2f}", f"{band(r_old, g):.2f}"])
    table(["age", "5 y shipped", "5 y before", "10 y shipped", "10 y before", "2014→2024 shipped",
           "2014→2024 before"], rows)
    print()


def telemark() -> None:
    print("## 3. Telemark municipalities: ours vs SSB's main alternative from the same base year (MAPE %)\n")
    header, rows = ["age"], {g: [g] for g in BANDS}
    for base, horizon in ((2016, 5), (2016, 10), (2020, 5), (2020, 6), (2024, 2)):
        r = population_backtest(base, horizon)
        before = population_backtest(base, horizon, settings=settings(**HELD))
        header += [f"{base}→{base + horizon} ours", "before", "SSB"]
        for g in BANDS:
            rows[g] += [f"{band(r.ours_same, g):.2f}", f"{band(before.ours_same, g):.2f}", f"{band(r.ssb, g):.2f}"]
    table(header, list(rows.values()))
    print(f"\n{r.ssb.n_municipalities} municipalities; 'before' is the method with the ratios held.\n")


def seam() -> None:
    import numpy as np

    from forecast.population import population

    print("## 4. Births at the seam: persons aged 0 on 1 January, unscaled projection\n")
    cube = population(2030)
    last = cube.years.index(cube.last_observed)
    bergen = cube.slice("4601")[:, :, 0].sum(axis=1)
    print("Bergen: " + ", ".join(f"{y} {bergen[i]:,.0f}" for i, y in enumerate(cube.years)
                                 if cube.last_observed - 4 <= y <= cube.last_observed + 4)
          + f" (projected from {cube.last_observed + 1})")
    held = population(2030, settings=settings(**HELD)).slice("4601")[last + 1, :, 0].sum()
    print(f"Bergen {cube.last_observed + 1} with held (ten-year, equal-weight) child–woman ratios: {held:,.0f}")
    births = cube.values[:, :, :, 0].sum(axis=2)
    lo, hi = births[:, last - 4 : last + 1].min(axis=1), births[:, last - 4 : last + 1].max(axis=1)
    first = births[:, last + 1]
    outside = (first < lo) | (first > hi)
    print(f"Municipalities whose first projected births leave the range of their last five years: {outside.sum()} "
          f"of {len(first)} (largest excess {np.max(np.maximum(first - hi, lo - first)):.1f} persons)\n")


def sweep() -> None:
    print("## 5. Sweep: MAPE of the total, %, all municipalities (rows base_years, columns shrinkage_persons)\n")
    shrinks = (0, 20, 50, 200)
    for base, horizon in ((2014, 10), (2011, 10), (2016, 10), (2019, 5)):
        rows = []
        for years in (3, 5, 8, 10):
            cells = []
            for s in shrinks:
                sweep = settings(base_years=years, shrinkage_persons=float(s))
                cells.append(f"{population_backtest(base, horizon, settings=sweep).ours.mape_total:.2f}")
            rows.append([str(years)] + cells)
        print(f"base {base} → {base + horizon}\n")
        table(["base_years"] + [str(s) for s in shrinks], rows)
        print()


def main() -> None:
    start = time.perf_counter()
    results = methods()
    by_band(results)
    telemark()
    seam()
    if "--sweep" in sys.argv:
        sweep()
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
