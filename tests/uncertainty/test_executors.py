"""Work units are picklable and self-contained; in-process, spawned local processes and a Dask cluster (as a Client
or by its address) give the same bytes."""

from __future__ import annotations

import numpy as np
import pytest

from forecast.errors import ForecastError


def test_processes_and_dask_give_the_same_bytes(several):
    distributed = pytest.importorskip("distributed")
    from forecast.uncertainty.api import run_draws

    u = several(["4601", "1811", "5001"])
    local = run_draws([u], draws=30, seed=21, scheduler="inprocess", chunk_size=1)
    procs = run_draws([u], draws=30, seed=21, scheduler="processes", workers=2, chunk_size=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        on_client = run_draws([u], draws=30, seed=21, scheduler=client, chunk_size=2)
        by_address = run_draws([u], draws=30, seed=21, scheduler=c.scheduler_address, chunk_size=1)
    for other in (procs, on_client, by_address):
        assert np.array_equal(other.by_municipality, local.by_municipality)
        assert all(np.array_equal(other.sums[g], local.sums[g]) for g in local.sums)
        assert other.frame().equals(local.frame())


def test_local_processes_are_spawned_not_forked(monkeypatch):
    """Workers inherit nothing from the parent: the pool is made with the spawn start method."""
    import concurrent.futures

    from forecast.uncertainty import execute

    seen = []

    class Pool:
        def __init__(self, workers, mp_context=None, initializer=None):
            seen.append(mp_context.get_start_method())

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, tasks):
            assert fn is execute.run_chunk  # a module-level function: picklable by reference
            return iter(tasks)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    assert list(execute._local(["a", "b"], 2)) == ["a", "b"]
    assert seen == ["spawn"]


def test_unreachable_scheduler_is_a_clear_error(monkeypatch, bergen):
    pytest.importorskip("distributed")
    from forecast.uncertainty import execute
    from forecast.uncertainty.build import build_tasks, load_uncertain
    from forecast.uncertainty.execute import run_tasks

    monkeypatch.setattr(execute, "CONNECT_TIMEOUT", "1s")
    tasks = build_tasks([load_uncertain(bergen / "baseline.yaml")], 2, 0)
    with pytest.raises(ForecastError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        run_tasks(tasks, scheduler="tcp://127.0.0.1:9")


def test_tasks_are_picklable_and_self_contained(bergen):
    import pickle

    from forecast.uncertainty.build import build_tasks, load_uncertain
    from forecast.uncertainty.engine import run_chunk

    task = build_tasks([load_uncertain(bergen / "baseline.yaml")], 10, 0)[0]
    again = pickle.loads(pickle.dumps(task))
    assert np.array_equal(run_chunk(again).quantiles, run_chunk(task).quantiles)
