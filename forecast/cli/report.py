"""`forecast report`: scenarios → report.pdf, report.xlsx, one PNG and one CSV per chart, manifest.json."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from forecast.cli.draws import QUANTILES, SCHEDULER, SEED, WORKERS


class ReportFormat(str, enum.Enum):
    pdf = "pdf"
    png = "png"
    both = "both"


class ReportLang(str, enum.Enum):
    nb = "nb"
    en = "en"


STEPS = {"run": "running scenario {n} of {total}", "compare": "drawing the differences between the scenarios",
         "draw": "drawing the pages", "write": "writing the files"}
DRAWS = typer.Option(None, "--draws", "-n", help="Monte Carlo draws behind every interval (default 500, from "
                     "data/parameters/uncertainty.yaml): fan charts, intervals of sums, whether each scenario stands "
                     "out from the uncertainty, what drives it. 0: no draws (the faster report with per-row "
                     "intervals).")


def report(
    scenarios: list[Path] = typer.Argument(..., help="Scenario YAML files (one is the reference, see --reference)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the report into (created if missing)."),
    lang: ReportLang = typer.Option(ReportLang.nb, "--lang", help="Language of labels and numbers: nb or en."),
    format: ReportFormat = typer.Option(ReportFormat.both, "--format", "-f",
                                        help="pdf (report.pdf), png (one per chart) or both."),
    reference: Path | None = typer.Option(None, "--reference", "-r", help="The scenario the others are compared "
                                          "with (default: the file that says reference: true, else the first)."),
    draws: int | None = DRAWS,
    seed: int = SEED,
    quantiles: str | None = QUANTILES,
    scheduler: str | None = SCHEDULER,
    workers: int | None = WORKERS,
) -> None:
    """Write a report a planner can hand on: report.pdf, report.xlsx (the tables, for Excel), one PNG per chart,
    the data behind each chart as CSV, and manifest.json (input files with sha256, versions, command line).

    Example: forecast report scenarios/bergen/baseline.yaml scenarios/bergen/robot.yaml --out results/report
    """
    import sys

    import forecast
    from forecast.cli.draws import asked
    from forecast.cli.render import options, say_reference

    command = ["forecast", "report", *map(str, scenarios), "--out", str(out), "--lang", lang.value,
               "--format", format.value] + (["--reference", str(reference)] if reference else []) + \
        ([f"--draws={draws}"] if draws is not None else []) + ([f"--seed={seed}"] if seed else []) + \
        ([f"--quantiles={quantiles}"] if quantiles else [])
    if draws is None:
        from forecast.data.parameters import uncertainty

        draws = uncertainty().draws
    wanted = asked(draws, seed, quantiles, scheduler, workers) or 0

    def step(what: str, done: int, total: int) -> None:  # on a terminal only: pipes and logs stay silent
        typer.echo(STEPS[what].format(n=done + 1, total=total) + " …", err=True)

    if wanted and sys.stderr.isatty():
        typer.echo(f"{wanted.n} draws per scenario behind every interval (--draws 0: a quicker report without)",
                   err=True)
    with options(out="--out", reference="--reference", draws="--draws", quantiles="--quantiles"):
        written = forecast.write_report(scenarios, out, lang=lang.value, format=format.value, command=command,
                                        reference=reference, progress=step if sys.stderr.isatty() else None,
                                        draws=wanted)
    if len(scenarios) + (reference is not None) > 1:
        say_reference(written.reference, written.reference_by)
    for warning in written.warnings:
        typer.echo(f"warning: {warning}", err=True)
    drawn = f" (intervals from {written.draws['draws']} draws, seed {written.draws['seed']})" if written.draws else ""
    typer.echo(f"wrote {written.pages} page(s) to {out}{drawn}: " + ", ".join(sorted(written.files)), err=True)
