"""Backtest of the trend models on every shipped series, and on a public yearly benchmark set.

1. All shipped series (coverage by age band of home care and nursing homes, care FTE per weighted user, teacher FTE
   per pupil and enrolment; see forecast/trends/series.py): horizon 5, 3 scored origins, naive/drift/ets/arima/theta/
   combo and auto, 2 processes; pooled sMAPE, MASE, interval coverage, the ratio to naive, and the time taken.
2. Prophet (with the band's projected population as regressor) on every 10th shipped series, against the other
   models on the same series: it is slow (about 40 ms a fit), so it runs where it may help.
3. Public yearly benchmark: the World Bank fertility rates shipped with statsmodels (statsmodels.datasets.
   fertility; 1960–2011, the countries with a complete series). M3/M4 yearly data are not available offline here.
   M3 protocol: horizon 6, one origin (fit on all but the last 6 years), via the same CSV path as
   `forecast backtest --input FILE --horizon 6 --origins 1`.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/trends_backtest.py [WORKERS] [--public]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from forecast.trends.evaluate import population_regressors, run_backtest  # noqa: E402
from forecast.trends.series import all_series, read_series_csv  # noqa: E402

MODELS = ("naive", "drift", "ets", "arima", "theta", "combo")


def show(title, result):
    naive = result.models["naive"]
    print(f"\n{title}: {result.n_series} series, horizon {result.horizon}, {result.origins} origin(s), "
          f"{result.n_skipped} too short; {result.seconds:.0f} s")
    print(f"  {'model':8} {'sMAPE %':>8} {'MASE':>7} {'in 80 %':>8} {'in 95 %':>8} {'MASE/naive':>11}")
    for name, s in sorted(result.models.items(), key=lambda kv: kv[1].smape):
        print(f"  {name:8} {s.smape:8.3f} {s.mase:7.3f} {s.cover80:8.0%} {s.cover95:8.0%} {s.mase / naive.mase:11.3f}")
    print("  auto picked: " + ", ".join(f"{m} {n}" for m, n in result.auto_choices.items()))


def fertility_csv(path: Path) -> int:
    from statsmodels.datasets import fertility

    df = fertility.load_pandas().data
    years = [c for c in df.columns if c.isdigit() and df[c].notna().any()]  # 2012–2013 are empty
    rows = ["series_id,year,value"]
    n = 0
    for _, r in df.iterrows():
        values = r[years]
        if values.isna().any():
            continue
        n += 1
        rows += [f"{r['Country Code']},{y},{float(v)}" for y, v in zip(years, values)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return n


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2
    only_public = "--public" in sys.argv
    series = all_series()
    t = time.perf_counter()
    if only_public:
        return public(workers)
    show("Shipped series", run_backtest(series, 5, 3, MODELS, workers=workers))
    print(f"  wall time {time.perf_counter() - t:.0f} s on {workers} processes")

    sample = series[::10]
    result = run_backtest(sample, 5, 3, MODELS + ("prophet",), workers=workers,
                          future_population=population_regressors(5))
    show("Every 10th shipped series, with prophet", result)

    public(workers)


def public(workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fertility.csv"
        n = fertility_csv(path)
        result = run_backtest(read_series_csv(path), 6, 1, MODELS, workers=workers)
        show(f"World Bank fertility rates (statsmodels), {n} countries, M3 protocol", result)
        for other in ("ets", "theta", "naive"):
            a, b = result.models["auto"], result.models[other]
            print(f"  auto / {other}: sMAPE {a.smape / b.smape:.3f}, MASE {a.mase / b.mase:.3f}")


if __name__ == "__main__":
    main()
