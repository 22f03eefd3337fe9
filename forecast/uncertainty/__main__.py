"""Prototype command line for the draws (until it joins `forecast run/compare`; see the integration plan).

    python -m forecast.uncertainty run SCENARIO.yaml [MORE.yaml ...] [--draws 1000] [--seed 0]
        [--quantiles 0.1,0.5,0.9] [--scheduler ADDRESS|processes|inprocess] [--format table|csv|json] [--totals]
        [--variant-mixture MMMM=0.6,HHMH=0.2,LLML=0.2]
    python -m forecast.uncertainty sensitivity SCENARIO.yaml [--municipality 4601] [--draws 500] [--format ...]

With several scenarios, the first is the reference and differences are computed draw by draw (common random
numbers). `--scheduler` defaults to $FORECAST_SCHEDULER, else local processes.
"""

from __future__ import annotations

import argparse
import sys


def _quantiles(text: str) -> tuple[float, ...]:
    try:
        qs = tuple(sorted(float(x) for x in text.split(",")))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--quantiles: write probabilities like 0.1,0.5,0.9, got {text!r}") from None
    if not qs or any(not 0 < q < 1 for q in qs):
        raise argparse.ArgumentTypeError(f"--quantiles: every probability must be between 0 and 1, got {text!r}")
    return qs


def _mixture(text: str) -> dict[str, float]:
    try:
        pairs = [part.split("=") for part in text.split(",")]
        mix = {k.strip(): float(v) for k, v in pairs}
    except ValueError:
        raise argparse.ArgumentTypeError(f"--variant-mixture: write MMMM=0.6,HHMH=0.2,LLML=0.2, got {text!r}") from None
    if any(v < 0 for v in mix.values()) or sum(mix.values()) <= 0:
        raise argparse.ArgumentTypeError(f"--variant-mixture: probabilities must be 0 or more, got {text!r}")
    return mix


def _render(df, fmt: str) -> str:
    if fmt == "csv":
        return df.to_csv(index=False)
    if fmt == "json":
        return df.to_json(orient="records", indent=1)
    return df.to_string(index=False)


def main(argv: list[str] | None = None) -> int:
    from forecast.errors import ForecastError

    parser = argparse.ArgumentParser(prog="python -m forecast.uncertainty", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="draws of one scenario, or of several compared with common random numbers")
    run.add_argument("scenarios", nargs="+")
    sens = sub.add_parser("sensitivity", help="which source of uncertainty moves end-year FTE need and hires most")
    sens.add_argument("scenario")
    sens.add_argument("--municipality", help="four-digit code (default: all of the scenario's, as one total)")
    sens.add_argument("--year", type=int)
    for p in (run, sens):
        p.add_argument("--draws", type=int, default=None, help="Monte Carlo draws (default 500)")
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--scheduler", default=None,
                       help="Dask scheduler address (tcp://host:8786), 'processes' or 'inprocess' "
                            "(default: $FORECAST_SCHEDULER, else local processes)")
        p.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table")
    run.add_argument("--quantiles", type=_quantiles, default=None, help="e.g. 0.1,0.5,0.9 (the default)")
    run.add_argument("--year", type=int, action="append", help="only these years (repeatable)")
    run.add_argument("--totals", action="store_true", help="only the totals over municipalities and counties")
    run.add_argument("--variant-mixture", type=_mixture, default=None,
                     help="draw SSB's alternatives with these probabilities, e.g. MMMM=0.6,HHMH=0.2,LLML=0.2")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            from forecast.uncertainty.api import run_draws

            result = run_draws(args.scenarios, draws=args.draws, seed=args.seed, quantiles=args.quantiles,
                               scheduler=args.scheduler, variant_mixture=args.variant_mixture)
            df = result.frame()
            if args.totals:
                df = df[~df["municipality"].isin(result.codes)]
            diff = result.differences()
            if len(diff):
                diff = diff.assign(variable="difference|" + diff["variable"])
                df = __import__("pandas").concat([df, diff], ignore_index=True)
            if args.year:
                df = df[df["year"].isin(args.year)]
        else:
            from forecast.uncertainty.sensitivity import sensitivity

            df = sensitivity(args.scenario, municipality=args.municipality, draws=args.draws or 500, seed=args.seed,
                             year=args.year, scheduler=args.scheduler)
    except ForecastError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(_render(df, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
