"""The one writer of report files: PDF, PNG and CSV are rendered in memory first, then written as one output set
(forecast.results.writing.write_set), so a failed or killed run leaves the previous report as it was."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.errors import ArgumentError, ForecastError
from forecast.report.style import DPI

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from forecast.report.page import Report

FORMATS = ("pdf", "png", "both")


def figure_bytes(fig: "Figure", fmt: str) -> bytes:
    """One figure as PNG, PDF or SVG bytes (PNG at the report's DPI; size = figure inches × DPI)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI, metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict:
    from forecast.version import __version__

    if fmt in ("pdf", "svg"):
        return {"Creator": f"forecast {__version__}"}
    return {"Software": f"forecast {__version__}"}


def pdf_bytes(figures: list["Figure"], title: str, metadata: dict | None = None) -> bytes:
    """All figures as pages of one PDF, with the document information of `metadata` (Title, Author, Subject,
    Keywords; Language as a BCP 47 tag such as nb-NO; page_label: a footer per page, drawn in the PDF only, so
    the PNGs carry no page numbers)."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages

    from forecast.version import __version__

    meta = dict(metadata or {})
    labels, language = meta.pop("page_label", []), meta.pop("Language", None)
    info = {"Title": title, "Creator": f"forecast {__version__}", **meta}
    buf = io.BytesIO()
    with PdfPages(buf, metadata=info) as pdf:
        for i, fig in enumerate(figures):
            label = fig.text(0.96, 0.012, labels[i], fontsize=8, color="#6E6E6E", ha="right", va="bottom") \
                if i < len(labels) else None
            pdf.savefig(fig)
            if label is not None:
                label.remove()
    return _with_language(buf.getvalue(), language) if language else buf.getvalue()


def _with_language(pdf: bytes, language: str) -> bytes:
    """The PDF with its natural language (/Lang) and its title shown in the viewer's title bar, which matplotlib
    cannot write (WCAG 2.1 3.1.1 and 2.4.2)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    writer.create_viewer_preferences().display_doctitle = True
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(report: "Report", fmt: str = "both") -> dict[str, bytes]:
    """File name → content for every file of the report except the manifest.

    With both formats on a machine that can fork, the PNGs are drawn in worker processes while this one draws
    the PDF (drawing text is most of a report's time; the figures reach the workers by fork, not by pickling).
    """
    if fmt not in FORMATS:
        raise ForecastError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    charts = [p for p in report.pages if p.png]
    files: dict[str, bytes] = {}
    pending = _start_pngs([p.figure for p in charts]) if fmt == "both" else None
    try:
        if fmt in ("pdf", "both"):
            files["report.pdf"] = pdf_bytes([p.figure for p in report.pages], report.pages[0].title,
                                            getattr(report, "metadata", None))
    except BaseException:
        if pending:  # an error, Ctrl-C or SIGTERM while drawing the PDF: the PNG workers end too
            from forecast.processes import stop

            stop(pending[0])
        raise
    if fmt in ("png", "both"):
        pngs = _finish_pngs(pending) if pending else [figure_bytes(p.figure, "png") for p in charts]
        files.update({f"{page.key}.png": png for page, png in zip(charts, pngs)})
    for page in report.pages:
        if page.data is not None:
            files[f"{page.key}.csv"] = page.data.to_csv(index=False).encode("utf-8")
    if getattr(report, "workbook", None):
        from forecast.report.workbook import workbook_bytes

        meta = report.metadata or {}
        files["report.xlsx"] = workbook_bytes(report.workbook, meta.get("Title", ""), meta.get("Author", ""),
                                              report.lang)
    return files


_FORKED: list = []  # figures handed to forked PNG workers


def _png_chunk(indices: list[int]) -> list[bytes]:
    return [figure_bytes(_FORKED[i], "png") for i in indices]


def _start_pngs(figures: list["Figure"]):
    """Start drawing PNGs in forked workers; None where fork is unavailable or not worth it."""
    import multiprocessing as mp
    import os

    from forecast.processes import pool as worker_pool

    workers = min(2, len(figures) // 3, os.cpu_count() or 1)
    if workers < 1 or "fork" not in mp.get_all_start_methods():
        return None
    _FORKED[:] = figures
    pool = worker_pool(workers)  # the workers end with this process, even on kill -9
    chunks = [list(range(i, len(figures), workers)) for i in range(workers)]
    return pool, chunks, [pool.submit(_png_chunk, c) for c in chunks]


def _finish_pngs(pending) -> list[bytes]:
    from forecast.processes import stop

    pool, chunks, futures = pending
    try:
        out: list[bytes] = [b""] * sum(len(c) for c in chunks)
        for chunk, future in zip(chunks, futures):
            for i, data in zip(chunk, future.result()):
                out[i] = data
        pool.shutdown()
        return out
    finally:
        stop(pool)  # after an error: the other worker is not waited for
        _FORKED.clear()


def write_files(report: "Report", out_dir: Path, fmt: str = "both", command: list[str] | None = None):
    """Write the report's files and manifest.json (inputs and outputs with sha256) into `out_dir` as one output
    set (forecast.results.writing.write_set: all or nothing; only unchanged files of an earlier report removed)."""
    from forecast.results.writing import manifest, write_set

    def make_manifest(paths: dict[str, Path], digests: dict[str, str]) -> dict:
        man = manifest(report.result, command, paths, digests)
        man["report"] = report.extra
        return man

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ArgumentError(f"<out> {out_dir} is a file; give a folder to write the report into")
    return write_set(out_dir, render(report, fmt), make_manifest)


def write_figure(fig: "Figure", path: Path) -> Path:
    """One figure to `path` (PNG, PDF or SVG by its suffix), atomically."""
    from forecast.results.writing import write_atomic

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if path.is_dir():
        raise ArgumentError(f"<plot> {path} is a folder; give a file name, e.g. {path / 'need.png'}")
    if fmt not in ("png", "pdf", "svg"):
        raise ArgumentError(f"<plot> {path}: write a .png, .pdf or .svg file")
    return write_atomic(path, figure_bytes(fig, fmt))
