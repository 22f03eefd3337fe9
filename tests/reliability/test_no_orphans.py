"""No orphans: worker processes end with their parent, `kill -9` included, and a killed report leaves the previous
report as it was."""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "report"))
import report_fixtures  # noqa: E402

sys.path.pop(0)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_kill_9_of_a_report_leaves_no_worker_and_the_previous_report_intact(procs, env, tmp_path):
    from forecast.report import build_report, write_files

    out = tmp_path / "report"
    write_files(build_report([report_fixtures.synthetic_result("base")], stamp=""), out, "png")
    before = snapshot(out)
    proc = subprocess.Popen([sys.executable, "-m", "forecast", "report", str(ROOT / "scenarios" / "bergen" /
                                                                             "baseline.yaml"), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    workers = procs.wait_for_children(proc.pid, proc, count=min(2, os.cpu_count() or 1))  # drawing PNGs
    assert workers, "the report started no workers"
    proc.kill()
    proc.communicate(timeout=20)  # returns only when no process holds the pipes any more
    deadline = time.monotonic() + 10
    while procs.running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert procs.running(workers) == []
    assert snapshot(out) == before
    man = json.loads((out / "manifest.json").read_text())
    for name, entry in man["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # nothing staged beside it survives either


@pytest.mark.parametrize("kernel", [True, False], ids=["pdeathsig", "watching-thread"])
def test_a_worker_pool_ends_with_its_parent(procs, env, kernel):
    """The pools of `run` (many municipalities with fitted trends) and `backtest` are made the same way."""
    script = textwrap.dedent(f"""
        import time
        from forecast import processes
        if not {kernel}:
            processes._pdeathsig = lambda: False  # as where the kernel cannot be asked
        with processes.worker_pool(2) as pool:
            futures = [pool.submit(time.sleep, 60) for _ in range(4)]
            time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    workers = procs.wait_for_children(proc.pid, proc, timeout=30, count=2)
    assert len(workers) == 2
    time.sleep(0.3)  # the workers have run their initializer
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while procs.running(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert procs.running(workers) == []
