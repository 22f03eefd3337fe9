"""`forecast report`: scenarios → report.pdf, report.xlsx, one PNG and one CSV per chart, manifest.json."""

from __future__ import annotations

import enum
from pathlib import Path

import typer


class ReportFormat(str, enum.Enum):
    pdf = "pdf"
    png = "png"
    both = "both"


class ReportLang(str, enum.Enum):
    nb = "nb"
    en = "en"


STEPS = {"run": "running scenario {n} of {total}", "draw": "drawing the pages", "write": "writing the files"}


def report(
    scenarios: list[Path] = typer.Argument(..., help="Scenario YAML files (one is the reference, see --reference)."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the report into (created if missing)."),
    lang: ReportLang = typer.Option(ReportLang.nb, "--lang", help="Language of labels and numbers: nb or en."),
    format: ReportFormat = typer.Option(ReportFormat.both, "--format", "-f",
                                        help="pdf (report.pdf), png (one per chart) or both."),
    reference: Path | None = typer.Option(None, "--reference", "-r", help="The scenario the others are compared "
                                          "with (default: the file that says reference: true, else the first)."),
) -> None:
    """Write a report a planner can hand on: report.pdf, report.xlsx (the tables, for Excel), one PNG per chart,
    the data behind each chart as CSV, and manifest.json (input files with sha256, versions, command line).

    Example: forecast report scenarios/bergen/baseline.yaml scenarios/bergen/robot.yaml --out results/report
    """
    import sys

    import forecast
    from forecast.cli.render import options, say_reference

    command = ["forecast", "report", *map(str, scenarios), "--out", str(out), "--lang", lang.value,
               "--format", format.value] + (["--reference", str(reference)] if reference else [])

    def step(what: str, done: int, total: int) -> None:  # on a terminal only: pipes and logs stay silent
        typer.echo(STEPS[what].format(n=done + 1, total=total) + " …", err=True)

    with options(out="--out", reference="--reference"):
        written = forecast.write_report(scenarios, out, lang=lang.value, format=format.value, command=command,
                                        reference=reference, progress=step if sys.stderr.isatty() else None)
    if len(scenarios) + (reference is not None) > 1:
        say_reference(written.reference, written.reference_by)
    for warning in written.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"wrote {written.pages} page(s) to {out}: " + ", ".join(sorted(written.files)), err=True)
