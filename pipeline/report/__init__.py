"""The data-quality report: read the warehouse, write HTML (self-contained), CSV and Markdown.

``write_report(url, out_dir)`` is the one function the CLI and the Prefect flow call.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sqlalchemy import Engine, make_url

from .queries import Warehouse, read_warehouse
from .render import render_csv, render_html, render_markdown

log = logging.getLogger(__name__)

HTML_NAME, CSV_NAME, MD_NAME = "report.html", "findings.csv", "summary.md"


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    csv: Path
    markdown: Path
    documents: int
    failed: int
    findings: int


def _label(engine: Engine) -> str:
    """The warehouse URL without its password (it is printed in the report)."""
    return make_url(str(engine.url)).render_as_string(hide_password=True)


def write_report_from(engine: Engine, out_dir: str | Path, *, version: str = "") -> ReportFiles:
    """Write the three report files into ``out_dir`` (created if needed) from an open warehouse."""
    from pipeline import __version__
    version = version or __version__
    w: Warehouse = read_warehouse(engine)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(out / HTML_NAME, out / CSV_NAME, out / MD_NAME, len(w.documents),
                        sum(1 for d in w.documents if d.status != "ok"), len(w.findings))
    files.html.write_text(render_html(w, warehouse_label=_label(engine), version=version), encoding="utf-8")
    files.csv.write_text(render_csv(w), encoding="utf-8")
    files.markdown.write_text(render_markdown(w, version=version), encoding="utf-8")
    log.info("report of %d documents and %d findings written to %s", files.documents, files.findings, out)
    return files


def write_report(url: Optional[str], out_dir: str | Path) -> ReportFiles:
    """Open (and migrate) the warehouse at ``url`` and write the report into ``out_dir``."""
    from pipeline.warehouse.db import open_warehouse
    engine = open_warehouse(url)
    try:
        return write_report_from(engine, out_dir)
    finally:
        engine.dispose()


__all__ = ["ReportFiles", "write_report", "write_report_from", "HTML_NAME", "CSV_NAME", "MD_NAME"]
