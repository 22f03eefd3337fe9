"""Speed benchmarks: prints each timing, its target and the ratio (timing / target; below 1 is within target).

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/run.py [--repeat N]
Measures whole commands in fresh processes (what a user waits for) and peak memory of the all-municipality run.
With --auto, also every municipality with `trend: auto`: cold (empty trend cache) and warm (second run), and their
ratio, in a temporary cache folder (the user's cache is not touched).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


def timed(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time (s) of `cmd`, and the peak RSS (MB) of the child processes."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--auto", action="store_true", help="also time every municipality with trend: auto, cold and warm (~2 min idle)")
    args = parser.parse_args()
    py = [sys.executable, "-m", "forecast"]
    cases = [
        ("forecast --help", [*py, "--help"], 0.3),
        ("run bergen/baseline (1 municipality)", [*py, "run", "scenarios/bergen/baseline.yaml", "-f", "csv"], 2.0),
        ("run norway/baseline (357 municipalities)", [*py, "run", "scenarios/norway/baseline.yaml", "-f", "csv"],
         10.0),
        ("hires norway/baseline by occupation", [*py, "hires", "scenarios/norway/baseline.yaml", "--by", "occupation",
                                                 "-f", "csv"], 15.0),
    ]
    print(f"{'case':45} {'median s':>9} {'target s':>9} {'ratio':>6}")
    peak = 0.0
    for name, cmd, target in cases:
        seconds, peak = timed(cmd, args.repeat)
        print(f"{name:45} {seconds:9.3f} {target:9.1f} {seconds / target:6.2f}")
    if args.auto:
        auto_timings([*py, "run", str(ROOT / "benchmarks" / "auto_all.yaml"), "-f", "csv"])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory, all runs (MB)':45} {peak:9.0f} {2048:9.0f} {peak / 2048:6.2f}")


def auto_timings(cmd: list[str]) -> None:
    """Every municipality with `trend: auto`, in a fresh cache folder: once cold (every trend fitted and stored),
    once warm (read from the cache), with the CPU time of each (less affected by other sessions than wall time)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="forecast-bench-cache-") as cache:
        env = {**ENV, "FORECAST_CACHE": cache}
        env.pop("FORECAST_NO_CACHE", None)
        seconds = {}
        for phase, target in (("cold", 120.0), ("warm", 30.0)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds[phase] = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            print(f"{'run all municipalities, trend: auto, ' + phase:45} {seconds[phase]:9.3f} {target:9.1f} "
                  f"{seconds[phase] / target:6.2f}   (CPU {cpu:.1f} s)")
    print(f"{'auto: warm / cold':45} {seconds['warm'] / seconds['cold']:9.3f}")
    print(f"{'load average (1, 5, 15 min) at the end':45} " + " ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
