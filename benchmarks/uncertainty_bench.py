"""Speed and memory of the Monte Carlo draws (issue 15), in fresh processes, against the targets.

Targets (2-core machine, OPENBLAS_NUM_THREADS=1): Bergen, 1,000 draws, 2025–2040 < 3 s; all 357 municipalities ×
1,000 draws < 60 s with peak memory < 2 GB (the whole process tree: the parent and its worker processes, sampled
from /proc every 0.1 s). The deterministic runs are timed beside them, so a busy machine shows in both.

The pipeline cases run what `forecast run --draws` will do, in one process: the deterministic run with hires, then
the draws, either calibrating every municipality again (as the prototype command does) or taking the calibrations
the deterministic run made (build_tasks(..., demands=...)); each prints its stages' seconds.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/uncertainty_bench.py [--repeat 3] [--draws 1000] [--skip-national]
     OPENBLAS_NUM_THREADS=1 python benchmarks/uncertainty_bench.py --pipeline SCENARIO [--reuse]   (one pipeline)
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "MPLBACKEND": "Agg"}


def _tree_rss_kb(root: int) -> int:
    """Resident memory (kB) of `root` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields.get("PPid", "0").strip())
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree, frontier = {root}, [root]
    while frontier:
        nxt = [p for p, pp in parents.items() if pp in frontier and p not in tree]
        tree.update(nxt)
        frontier = nxt
    return sum(rss.get(p, 0) for p in tree)


def timed(cmd: list[str], repeat: int, env: dict | None = None) -> tuple[float, float, float, str]:
    """Median wall time (s), median CPU time (user + sys of the process and the worker processes it waited for, s),
    the largest process-tree memory (MB) over `repeat` runs, and the last run's last line on stderr. On a shared
    machine the wall time grows with the load; the CPU time much less."""
    times, cpus, peak, said = [], [], 0, ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.1)
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        err = proc.stderr.read().decode()
        if proc.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed: {err[-2000:]}")
        said = err.strip().splitlines()[-1] if err.strip() else ""
    return statistics.median(times), statistics.median(cpus), peak / 1024, said


def pipeline(scenario: str, draws: int, reuse: bool) -> None:
    """The deterministic run with hires, then the draws, in this process; the stages' seconds on stderr (wall, and
    CPU of this process: the build is serial, the chunks run on worker processes)."""
    from forecast.need.run import run
    from forecast.uncertainty.build import build_tasks, load_uncertain
    from forecast.uncertainty.execute import iter_results
    from forecast.uncertainty.results import merge
    from forecast.workforce.hires import with_hires

    clock = [(time.perf_counter(), time.process_time())]

    def lap() -> tuple[float, float]:
        clock.append((time.perf_counter(), time.process_time()))
        return clock[-1][0] - clock[-2][0], clock[-1][1] - clock[-2][1]

    u = load_uncertain(scenario)
    demands: dict | None = {} if reuse else None
    result = with_hires(run(u.loaded, demands=demands), u.loaded.scenario)
    wall_run, cpu_run = lap()
    tasks = build_tasks([u], draws, 0, demands={u.name: demands} if reuse else None)
    wall_build, cpu_build = lap()
    out = merge(iter_results(tasks), [u.name], tasks[0].quantiles)
    wall_chunks, _ = lap()
    assert len(result.frame) and len(out.codes)
    print(f"deterministic run + hires {wall_run:.1f} s (CPU {cpu_run:.1f} s); draws: build {wall_build:.1f} s "
          f"(CPU {cpu_build:.1f} s), chunks on {len(tasks)} work units {wall_chunks:.1f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--pipeline", metavar="SCENARIO", help="run one pipeline case in this process and stop")
    parser.add_argument("--reuse", action="store_true", help="--pipeline: the draws take the run's calibrations")
    args = parser.parse_args()
    if args.pipeline:
        pipeline(args.pipeline, args.draws, args.reuse)
        return
    py = [sys.executable]
    draws = ["--draws", str(args.draws), "-f", "csv"]
    with open("/proc/loadavg") as fh:
        print(f"load average before: {fh.read().split()[:3]}; cpus: {os.cpu_count()}")
    cold_cache = tempfile.mkdtemp(prefix="forecast-cache-")
    cases = [
        ("deterministic: run bergen/baseline", [*py, "-m", "forecast", "run", "scenarios/bergen/baseline.yaml",
                                                "-f", "csv"], None, 2.0, ENV),
        (f"draws: bergen, {args.draws} draws, cold estimates cache",
         [*py, "-m", "forecast.uncertainty", "run", "scenarios/bergen/baseline.yaml", *draws], None, 3.0,
         {**ENV, "FORECAST_CACHE": cold_cache}),
        (f"draws: bergen, {args.draws} draws", [*py, "-m", "forecast.uncertainty", "run",
                                                 "scenarios/bergen/baseline.yaml", *draws], None, 3.0, ENV),
    ]
    if not args.skip_national:
        cases += [
            ("deterministic: run norway/baseline (357)", [*py, "-m", "forecast", "run",
                                                          "scenarios/norway/baseline.yaml", "-f", "csv"], 1, 10.0,
             ENV),
            (f"draws: all 357 municipalities, {args.draws} draws", [*py, "-m", "forecast.uncertainty", "run",
                                                                     "scenarios/norway/baseline.yaml", *draws],
             1, 60.0, ENV),
        ]
    bench = [*py, str(Path(__file__).resolve()), "--draws", str(args.draws), "--pipeline"]
    national = [] if args.skip_national else [("all 357", "scenarios/norway/baseline.yaml", 1, 10.0 + 60.0)]
    for label, scenario, repeat, target in [("bergen", "scenarios/bergen/baseline.yaml", None, 2.0 + 3.0), *national]:
        # target: the deterministic run's plus the draws' (the two processes above, in one)
        cases += [(f"pipeline: run + hires + draws, {label}, calibrated twice", [*bench, scenario], repeat, target,
                   ENV),
                  (f"pipeline: run + hires + draws, {label}, calibrations reused", [*bench, scenario, "--reuse"],
                   repeat, target, ENV)]
    print(f"{'case':62} {'median s':>9} {'CPU s':>7} {'target s':>9} {'ratio':>6} {'peak MB':>8}")
    for name, cmd, repeat, target, env in cases:
        if "cold" in name:  # warm the module cache of the interpreter, but not the estimates cache
            repeat_n = 1
        else:
            repeat_n = repeat or args.repeat
        seconds, cpu, peak, said = timed(cmd, repeat_n, env)
        print(f"{name:62} {seconds:9.2f} {cpu:7.2f} {target:9.1f} {seconds / target:6.2f} {peak:8.0f}", flush=True)
        if name.startswith("pipeline"):
            print(f"    {said}", flush=True)
    with open("/proc/loadavg") as fh:
        print(f"load average after: {fh.read().split()[:3]}")


if __name__ == "__main__":
    main()
