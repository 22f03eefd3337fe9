"""`forecast report`: scenarios → report.pdf, one PNG and one CSV per chart, manifest.json."""

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


def report(
    scenarios: list[Path] = typer.Argument(..., help="Scenario YAML files; the first is the baseline."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the report into (created if missing)."),
    lang: ReportLang = typer.Option(ReportLang.nb, "--lang", help="Language of labels and numbers: nb or en."),
    format: ReportFormat = typer.Option(ReportFormat.both, "--format", "-f",
                                        help="pdf (report.pdf), png (one per chart) or both."),
) -> None:
    """Write a report a planner can hand on: report.pdf, one PNG per chart, the data behind each chart as CSV,
    and manifest.json (input files with sha256, versions, command line).

    Example: forecast report scenarios/bergen/baseline.yaml scenarios/bergen/robot.yaml --out results/report
    """
    import forecast
    from forecast.cli.render import options

    command = ["forecast", "report", *map(str, scenarios), "--out", str(out), "--lang", lang.value,
               "--format", format.value]  # the command that reproduces this report
    with options(out="--out"):
        written = forecast.write_report(scenarios, out, lang=lang.value, format=format.value, command=command)
    for warning in written.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"wrote {written.pages} page(s) to {out}: " + ", ".join(sorted(written.files)), err=True)
