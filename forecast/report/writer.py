"""The one writer of report files: PDF, PNG and CSV are rendered in memory first, then each file is written
atomically (temporary file, then rename), so a failed run leaves no half-written PDF and no partial set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.report.style import DPI

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.report.pages import Report

FORMATS = ("pdf", "png", "both")


def figure_bytes(fig: "Figure", fmt: str) -> bytes:
    """One figure as PNG, PDF or SVG bytes (PNG at the report's DPI; size = figure inches × DPI)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI, metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict:
    from forecast import __version__

    if fmt in ("pdf", "svg"):
        return {"Creator": f"forecast {__version__}"}
    return {"Software": f"forecast {__version__}"}


def pdf_bytes(figures: list["Figure"], title: str) -> bytes:
    """All figures as pages of one PDF."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages

    from forecast import __version__

    buf = io.BytesIO()
    with PdfPages(buf, metadata={"Title": title, "Creator": f"forecast {__version__}"}) as pdf:
        for fig in figures:
            pdf.savefig(fig)
    return buf.getvalue()


def render(report: "Report", fmt: str = "both") -> dict[str, bytes]:
    """File name → content for every file of the report except the manifest."""
    if fmt not in FORMATS:
        raise ForecastError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    files: dict[str, bytes] = {}
    if fmt in ("pdf", "both"):
        files["report.pdf"] = pdf_bytes([p.figure for p in report.pages], report.pages[0].title)
    for page in report.pages:
        if fmt in ("png", "both"):
            files[f"{page.key}.png"] = figure_bytes(page.figure, "png")
        if page.data is not None:
            files[f"{page.key}.csv"] = page.data.to_csv(index=False).encode("utf-8")
    return files


def write_report(report: "Report", out_dir: Path, fmt: str = "both", command: list[str] | None = None
                 ) -> dict[str, Path]:
    """Write the report's files and manifest.json (inputs and outputs with sha256) into `out_dir`."""
    from forecast.output import manifest, write_atomic

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ForecastError(f"--out {out_dir} is a file; give a folder to write the report into")
    files = render(report, fmt)
    written = {name: write_atomic(out_dir / name, data) for name, data in files.items()}
    man = manifest(report.result, command, written)
    man["report"] = report.extra
    written["manifest.json"] = write_atomic(out_dir / "manifest.json",
                                            json.dumps(man, indent=2, ensure_ascii=False) + "\n")
    return written


def write_figure(fig: "Figure", path: Path) -> Path:
    """One figure to `path` (PNG, PDF or SVG by its suffix), atomically."""
    from forecast.output import write_atomic

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf", "svg"):
        raise ForecastError(f"--plot {path}: write a .png, .pdf or .svg file")
    return write_atomic(path, figure_bytes(fig, fmt))
