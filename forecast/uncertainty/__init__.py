"""Probabilistic forecasts: Monte Carlo draws of every number, vectorised over a draw axis, chunked by municipality.

Kept apart from the deterministic model, which it reuses read-only (docs/uncertainty.md). Not yet part of
`forecast run`; it runs as `python -m forecast.uncertainty run|sensitivity`.

- scenario values given as ranges (`{low, high}` = 90 % interval) or named distributions are read by
  `forecast.scenario.ranges` (the scenario loader keeps them on `LoadedScenario.ranges`).
- `streams`: seeded random streams keyed by (seed, source, municipality), so results do not depend on chunking,
  on the executor or on the other scenarios in a comparison (common random numbers).
- `population_shocks`, `trend_shocks`: the size and structure of each source of uncertainty, estimated from the
  shipped history; `estimate`: both, cached across runs.
- `specs`: the picklable work unit (ChunkTask) and what it returns (ChunkResult).
- `engine`: one work unit → central path, quantiles and draw-by-draw sums, from `population_draws`,
  `trend_draws`, `flows` (workforce flows with a draw axis) and `quantiles` (reduction and fixed-point sums).
- `build`: scenario → work units (taking a deterministic run's calibrations where given); `execute`: run them
  in-process, on spawned local processes or on a Dask cluster; `results`: merge them into a DrawResult.
- `api.run_draws`: scenario files → DrawResult in one call.
- `calibration`: backtests of the intervals' empirical coverage; `sensitivity`: which input moves an output most.
"""
