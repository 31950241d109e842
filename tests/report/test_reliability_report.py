"""Issue 12, the report at scale and under hostile text; NUL bytes on PostgreSQL."""
from __future__ import annotations

import csv
import io
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.records import Extraction, Finding, Provenance, Side
from pipeline.report import write_report
from pipeline.report.render import csv_cell
from pipeline.stages import PIPELINE_VERSION, extract, ingest_bytes, read_document
from pipeline.warehouse.load import store_extraction

pytestmark = pytest.mark.timeout(90)


def big_warehouse(engine, tmp_path: Path, rows: int, findings: int, source: str = "big-table.txt") -> None:
    """A text document of ``rows`` table rows, with one finding whose evidence is every row and ``findings``
    more findings, stored through the real loader."""
    body = "Sometown Youth Justice Plan 2019/20\n" + "".join(f"Row {i}\t{i:,}\n" for i in range(rows))
    path = tmp_path / source
    path.write_text(body)
    doc = read_document(body.encode(), str(path))
    x = extract(replace(doc, lines=doc.lines[:5]))
    sha = doc.sha256
    every = tuple(Provenance(sha, line=i + 2, raw_text=f"Row {i}\t{i:,}", extractor="test") for i in range(rows))
    huge = Finding("column_sum_mismatch", "error", "The column does not add up.", expected=Side(Decimal(1)),
                   found=Side(Decimal(2)),
                   prov=every[0], evidence=every)
    small = [Finding("label_check", "warning", f"Label {k} is odd.", prov=every[k % rows], evidence=(every[k % rows],))
             for k in range(findings)]
    x = Extraction(replace(doc, lines=doc.lines), replace(x.meta, council="Sometown", period="2019/20"),
                   findings=(huge, *small))
    store_extraction(engine, x, version=PIPELINE_VERSION, raw_path=str(path))


def test_the_report_stays_small_and_quick_with_a_50000_row_table(engine, tmp_path):
    big_warehouse(engine, tmp_path, rows=50_000, findings=3_000)
    t0 = time.monotonic()
    files = write_report(str(engine.url), tmp_path / "report")
    took = time.monotonic() - t0
    assert took < 60, f"{took:.1f}s"
    assert files.html.stat().st_size < 3_000_000, files.html.stat().st_size
    html = files.html.read_text()
    assert "and 49,988 more" in html and "more findings of this document are not shown here" in html
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text())))  # the csv module's default field limit
    assert len(rows) == 3_001  # every finding is in the CSV
    assert max(len(v) for r in rows for v in r.values()) < 20_000
    assert files.markdown.stat().st_size < 1_000_000


@pytest.mark.parametrize("cell, shown", [("=1+2.txt", "'=1+2.txt"), ("+SUM(A1)", "'+SUM(A1)"),
                                         ("-2+3", "'-2+3"), ("@cmd", "'@cmd"), ("\tx", "'\tx"), ("\rx", "'\rx"),
                                         ("-69186", "-69186"), ("8.72", "8.72"), ("Total", "Total")])
def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised(cell, shown):
    assert csv_cell(cell) == shown


def test_a_source_named_like_a_formula_is_written_as_text(engine, tmp_path):
    big_warehouse(engine, tmp_path, rows=3, findings=1, source="=1+2.txt")
    with engine.begin() as conn:
        conn.execute(text("update document set source = '=1+2.txt'"))
    files = write_report(str(engine.url), tmp_path / "report")
    rows = list(csv.DictReader(io.StringIO(files.csv.read_text())))
    assert rows and all(r["source"] == "'=1+2.txt" for r in rows)


@pytest.mark.postgres
def test_nul_bytes_in_text_are_stored_on_postgresql(tmp_path):
    """PostgreSQL refuses NUL in text; a registry row carrying one is stored with U+FFFD in its place."""
    from pipeline.harvest import HarvestSettings, run_harvest
    from pipeline.warehouse.db import open_warehouse

    from tests.conftest import SEEDS
    from tests.warehouse.test_postgres import fresh_database
    reg = tmp_path / "sources.csv"
    reg.write_bytes(f"council,url,doc_type,period,notes\nSome\x00town,{SEEDS[0]},,,\n".encode())
    with fresh_database("nul_bytes") as url:
        results = run_harvest(url, str(reg), HarvestSettings(raw_dir=str(tmp_path / "raw")))
        engine = open_warehouse(url)
        try:
            with engine.connect() as conn:
                council = conn.execute(text("select council from harvest_results")).scalar()
        finally:
            engine.dispose()
    assert [r.outcome for r in results] == ["ingested"]
    assert council == "Some\ufffdtown"
