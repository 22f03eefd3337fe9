"""Calibration of the Monte Carlo intervals (issue 15): empirical coverage of the 80 % intervals in backtests, and
the variance scales tuned on it (data/parameters/uncertainty.yaml: population_scale, trend_scale).

Population totals and SSB's age groups, every municipality, bases 2014/2016/2019, horizons 5 and 10 (2019: 5 only,
2029 is not observed); care coverage, users and care FTE per weighted user (SSB 12292) five years ahead. Every
backtest uses only the history up to its base year, for the projection and for the shock estimates. The scale is tuned on a grid (pooled
coverage of all rows) and interpolated to 80 %; the final tables use the tuned scale.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/uncertainty_calibration.py [--draws 500] [--out DIR]   (≈ 6 min)
     --scale-population S --scale-trend S skip tuning and report coverage at the given scales.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def table(df) -> str:
    """A DataFrame as a Markdown table (no tabulate dependency)."""
    cols = list(df.columns)
    lines = ["| " + " | ".join(str(c) for c in cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    from forecast.uncertainty.calibration import population_coverage, summary, trend_coverage, tune

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--tune-draws", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale-population", type=float)
    parser.add_argument("--scale-trend", type=float)
    parser.add_argument("--out", help="folder for the row-level CSVs")
    args = parser.parse_args()
    t0 = time.perf_counter()

    if args.scale_population is None:
        pop_scale, evidence = tune(lambda s: population_coverage(draws=args.tune_draws, seed=args.seed,
                                                                 scale=s)["inside"].mean(),
                                   scales=(1.0, 1.25, 1.5, 1.75, 2.0))
        print("population scale sweep (pooled coverage of the 80 % intervals, all bases, horizons, bands):")
        print("  " + ", ".join(f"{s:g} → {c:.3f}" for s, c in evidence) + f"; tuned {pop_scale:.2f}")
    else:
        pop_scale = args.scale_population
    pop = population_coverage(draws=args.draws, seed=args.seed, scale=pop_scale)
    print(f"\n## Population, scale {pop_scale:.2f}, {args.draws} draws ({time.perf_counter() - t0:.0f} s)\n")
    print(f"pooled coverage {pop['inside'].mean():.3f} ({len(pop)} intervals)\n")
    print(table(summary(pop[pop["band"] == "total"], ["base", "horizon"])))
    print()
    print(table(summary(pop, ["horizon"])))
    print()
    by_band = summary(pop, ["band", "horizon"]).pivot(index="band", columns="horizon", values="coverage")
    by_band.columns = [f"coverage h{h}" for h in by_band.columns]
    print(table(by_band.reset_index()))
    print()
    print(table(summary(pop[pop["band"] == "total"], ["size", "horizon"])))
    wide = summary(pop[pop["band"] == "total"], ["horizon"])
    print("\nwidening with the horizon (totals): median relative width of the 80 % interval "
          + ", ".join(f"h{r.horizon} {r.median_width:.3f}" for r in wide.itertuples())
          + "; mean absolute % error of the central path "
          + ", ".join(f"h{r.horizon} {r.mape_central:.3f}" for r in wide.itertuples()))

    t1 = time.perf_counter()
    if args.scale_trend is None:
        def pooled(s: float) -> float:
            return trend_coverage(draws=args.tune_draws, seed=args.seed, scale=s,
                                  population_scale=pop_scale)["inside"].mean()

        tr_scale, evidence = tune(pooled, scales=(0.75, 1.0, 1.25, 1.5))
        print("\ntrend scale sweep (pooled coverage, care coverage, users and FTE per user, 5 years):")
        print("  " + ", ".join(f"{s:g} → {c:.3f}" for s, c in evidence) + f"; tuned {tr_scale:.2f}")
    else:
        tr_scale = args.scale_trend
    care = trend_coverage(draws=args.draws, seed=args.seed, scale=tr_scale, population_scale=pop_scale)
    print(f"\n## Care, 5 years ahead, trend scale {tr_scale:.2f} ({time.perf_counter() - t1:.0f} s)\n")
    print(table(summary(care, ["quantity"])))
    print()
    print(table(summary(care, ["family", "quantity"])))
    print()
    print(table(summary(care, ["origin", "quantity"])))
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        pop.to_csv(os.path.join(args.out, "population_coverage.csv"), index=False)
        care.to_csv(os.path.join(args.out, "care_coverage.csv"), index=False)
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
