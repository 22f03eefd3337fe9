"""Backtest of the built-in cohort-change population projection (data/parameters/projection.yaml).

Prints, for base 2014 and horizon 10 over all municipalities, the MAPE of the total and of SSB's age groups for
the shipped settings, a sweep of base_years × shrinkage_persons (also from bases 2011 and 2016, to check that a
choice is not fitted to one period), and our MAPE against SSB's own main-alternative projections for the Telemark
municipalities (vintages 2016 and 2020), with timings.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/population_backtest.py
"""

import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import dataclasses  # noqa: E402

from forecast.data.parameters import projection  # noqa: E402
from forecast.population.accuracy import population_backtest  # noqa: E402


def main() -> None:
    settings = projection()
    shipped = {"base_years": settings.base_years, "shrinkage_persons": settings.shrinkage_persons}
    t = time.perf_counter()
    r = population_backtest(2014, 10)
    print(f"shipped settings {shipped}: base 2014 → 2024, {r.n_municipalities} municipalities "
          f"({time.perf_counter() - t:.1f} s)")
    print(f"  MAPE total {r.ours.mape_total:.2f} %; by age group: "
          + ", ".join(f"{g} {v:.1f}" for g, v in r.ours.by_age_group.items()))

    print("\nsweep: MAPE of the total, %, all municipalities (rows base_years, columns shrinkage_persons)")
    shrinks = (0, 20, 50, 200)
    for base, horizon in ((2014, 10), (2011, 10), (2016, 10), (2019, 5)):
        print(f"  base {base} → {base + horizon}")
        print("    base_years " + "".join(f"{s:>9}" for s in shrinks))
        for years in (3, 5, 8, 10):
            cells = []
            for s in shrinks:
                sweep = dataclasses.replace(settings, base_years=years, shrinkage_persons=float(s))
                cells.append(population_backtest(base, horizon, settings=sweep).ours.mape_total)
            print(f"    {years:>10} " + "".join(f"{c:9.2f}" for c in cells))

    print("\nTelemark (17 municipalities): ours vs SSB's main alternative (MMMM) from the same base year")
    for base, horizon in ((2016, 5), (2016, 10), (2020, 5), (2020, 6), (2024, 2)):
        r = population_backtest(base, horizon)
        if r.ssb is None:
            continue
        print(f"  base {base}, horizon {horizon:>2}: ours {r.ours_same.mape_total:5.2f} %   "
              f"SSB {r.ssb.mape_total:5.2f} %   ratio ours/SSB {r.ours_same.mape_total / r.ssb.mape_total:.2f}")


if __name__ == "__main__":
    main()
