"""Run work units in-process, on local processes, or on a Dask distributed cluster; the same function everywhere.

Tasks are plain picklable dataclasses (specs.ChunkTask) and `engine.run_chunk` is a module-level function, so
nothing depends on what a forked worker inherits: local processes use the `spawn` start method, and a Dask worker
receives the task by pickling. Results come back in task order and are merged in that order, so the totals (sums of
the chunks' partial sums) are byte-identical whichever executor ran them.

`scheduler`: None → `FORECAST_SCHEDULER` if set, else local processes (or in-process for one task / one worker);
"inprocess" → the calling process; "processes" → local processes; any other string → the address of a Dask
scheduler (`tcp://host:8786`); a `distributed.Client` is used as given.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Iterator

from forecast.errors import ForecastError
from forecast.uncertainty.engine import run_chunk

if TYPE_CHECKING:
    from forecast.uncertainty.specs import ChunkResult, ChunkTask

ENV = "FORECAST_SCHEDULER"
CONNECT_TIMEOUT = "10s"  # how long to try to reach a Dask scheduler before saying it cannot be reached


def _local(tasks: list[ChunkTask], workers: int) -> Iterator[ChunkResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_limit_threads) as pool:
        yield from pool.map(run_chunk, tasks)


def _limit_threads() -> None:
    """One BLAS thread per worker process (the machine's cores are the workers)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _dask(tasks: list[ChunkTask], client: Any) -> Iterator[ChunkResult]:
    futures = client.map(run_chunk, tasks, pure=False)
    try:
        for fut in futures:  # in task order; each result is released once merged
            yield fut.result()
    finally:
        client.cancel(futures)


def iter_results(tasks: list[ChunkTask], scheduler: Any = None, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Iterator[ChunkResult]:
    """Results of `tasks` in task order, as they come (so the caller can merge them one by one)."""
    scheduler = scheduler if scheduler is not None else os.environ.get(ENV) or None
    workers = workers or os.cpu_count() or 1
    if scheduler == "inprocess" or (scheduler in (None, "processes") and (len(tasks) == 1 or workers == 1)):
        results: Iterator[ChunkResult] = map(run_chunk, tasks)
    elif scheduler in (None, "processes"):
        results = _local(tasks, min(workers, len(tasks)))
    elif isinstance(scheduler, str):
        yield from _remote(tasks, scheduler, progress)
        return
    else:
        results = _dask(tasks, scheduler)
    for done, result in enumerate(results, start=1):
        yield result
        if progress:
            progress(done, len(tasks))


def _remote(tasks: list[ChunkTask], address: str, progress) -> Iterator[ChunkResult]:
    try:
        from distributed import Client
    except ImportError:
        raise ForecastError("--scheduler needs Dask: pip install -e \".[dask]\"") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ForecastError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        for done, result in enumerate(_dask(tasks, client), start=1):
            yield result
            if progress:
                progress(done, len(tasks))
    finally:
        client.close()


def run_tasks(tasks: list[ChunkTask], scheduler: Any = None, workers: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[ChunkResult]:
    """Results of `tasks`, in task order (all held at once; `iter_results` streams them)."""
    return list(iter_results(tasks, scheduler, workers, progress))
