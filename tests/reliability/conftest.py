"""Helpers of the reliability tests: processes and their children, as /proc shows them (Linux)."""

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _ppid_and_state(pid: int) -> tuple[int, str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = stat.rsplit(")", 1)[1].split()[:2]
    return int(ppid), state


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid`."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (info := _ppid_and_state(int(entry))) and info[0] == pid:
            out.append(int(entry))
    return out


def running(pids: list[int]) -> list[int]:
    """Those of `pids` that still run (gone and zombie processes do not)."""
    return [p for p in pids if (info := _ppid_and_state(p)) and info[1] != "Z"]


def wait_for_children(pid: int, proc, timeout: float = 120, count: int = 1) -> list[int]:
    """Poll until `pid` has started `count` worker processes or more; what there are if it ends first or the time
    runs out."""
    end = time.monotonic() + timeout
    kids: list[int] = []
    while time.monotonic() < end and proc.poll() is None:
        kids = children_of(pid)
        if len(kids) >= count:
            return kids
        time.sleep(0.02)
    return kids


@pytest.fixture
def procs():
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc")

    class Procs:
        children = staticmethod(children_of)
        running = staticmethod(running)
        wait_for_children = staticmethod(wait_for_children)

    return Procs


@pytest.fixture
def env():
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
