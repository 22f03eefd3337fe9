"""Worker processes that end with their parent.

A process pool's workers outlive a parent that is killed (`kill -9`, an out-of-memory kill): they are re-parented
and keep running, holding memory and the caller's pipes. Every pool of this tool starts its workers with
`die_with_parent` as initializer: on Linux the kernel sends them SIGKILL when the parent ends (prctl
PR_SET_PDEATHSIG); elsewhere a thread in the worker watches the parent and ends the worker when it is gone.
Workers leave Ctrl-C to the parent, which cleans up and ends them (`worker_pool`, `stop`) instead of waiting for
their work.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

_PR_SET_PDEATHSIG = 1


def pool(workers: int):
    """A process pool of `workers` forked workers that end with this process (see the module's docstring)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


def stop(executor) -> None:
    """End a pool now: pending work cancelled, running workers killed (on an error, Ctrl-C or SIGTERM the caller
    is leaving; waiting for the workers to finish would keep it for minutes)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())  # shutdown forgets them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass


@contextmanager
def worker_pool(workers: int) -> Iterator:
    """`with worker_pool(n) as p:` a pool that is waited for when the block ends normally and stopped when it
    ends by an exception."""
    executor = pool(workers)
    try:
        yield executor
    except BaseException:
        stop(executor)
        raise
    executor.shutdown(wait=True)


def die_with_parent(parent: int) -> None:
    """Initializer of a worker process: end when `parent` (the pool's owner) ends, even by SIGKILL."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent handles it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:  # the parent ended before the kernel was asked to tell us
            os._exit(1)
        return
    _watch(parent)


def _pdeathsig() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Where the kernel cannot be asked: a daemon thread that ends the process once its parent is gone."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="forecast-parent-watch", daemon=True).start()
