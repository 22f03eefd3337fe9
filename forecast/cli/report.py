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
    from forecast import run as run_scenario
    from forecast.report import build_report, write_report
    from forecast.scenario import load_scenario

    loaded = [load_scenario(path) for path in scenarios]
    results = [run_scenario(ld) for ld in loaded]
    report_ = build_report(results, loaded, lang=lang.value)
    command = ["forecast", "report", *map(str, scenarios), "--out", str(out), "--lang", lang.value,
               "--format", format.value]  # the command that reproduces this report
    written = write_report(report_, out, format.value, command=command)
    pages = len(report_.pages)
    typer.echo(f"wrote {pages} page(s) to {out}: " + ", ".join(sorted(written)), err=True)
