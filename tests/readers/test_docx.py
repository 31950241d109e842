"""Word input: each seed's .docx rendition (scripts/make_docx_corpus.py) yields the seed's gold; the reader
keeps merged and nested cells as printed; an old binary .doc fails with a reason that says what to do."""
from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from docx.oxml.parser import OxmlElement

from pipeline.records import Extraction
from pipeline.stages import ingest_bytes, process, read_document

from tests.conftest import SAMPLES, gold_for
from tests.budget.test_pdf_gold import _found
from tests.staffing.test_staffing import cell_sums

DOCX = sorted((SAMPLES / "docx").glob("*.docx"))


@lru_cache(maxsize=None)
def extracted(path: Path) -> Extraction:
    return process(path.read_bytes(), path.name)


def test_there_is_a_rendition_per_seed() -> None:
    assert [p.stem for p in DOCX] == [p.stem for p in sorted((SAMPLES / "seeds").glob("*.txt"))]


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_docx_yields_gold_budget_rows_with_line_provenance(path: Path) -> None:
    gold, x = gold_for(path), extracted(path)
    assert gold is not None and x.document.kind == "docx"
    lines = [ln for t in x.budget_tables for ln in t.lines]
    assert len(x.budget_tables) == len(gold["budget_tables"])
    for table in gold["budget_tables"]:
        for row in table["rows"]:
            got = _found(lines, row)
            assert got is not None, (path.name, row)
            assert got.prov.page is None and got.prov.line is not None
            assert row["label"].split()[-1] in x.document.lines[got.prov.line - 1].text  # the line is the row
        want_total = (table.get("printed_total") or {}).get("total")
        assert want_total is None or any(t.printed_total is not None and t.printed_total.total.value == Decimal(
            want_total) for t in x.budget_tables)
    assert len(lines) == sum(len(t["rows"]) for t in gold["budget_tables"])  # nothing invented


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_docx_yields_gold_staffing_indicators_and_narrative_totals(path: Path) -> None:
    gold, x = gold_for(path), extracted(path)
    assert gold is not None
    got_f, got_h = cell_sums(x.staffing_fte, x.staffing_headcount)
    assert got_f == {(c["contract"], c["role"], c["basis"]): Decimal(str(c["fte"])) for c in gold["staffing_fte"]}
    assert got_h == {(c["ethnicity"], c["role"], c["sex"]): c["count"] for c in gold["staffing_headcount"]}
    for w in gold["indicators"]:
        assert any(i.indicator == w["indicator"] and i.value == Decimal(str(w["value"])) and i.unit == w["unit"]
                   and i.scope == w["scope"] for i in x.indicators), w
    assert sorted(n.amount for n in x.narrative_totals) == sorted(
        Decimal(n["amount"]) for n in gold["narrative_budget_totals"])


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_docx_raises_the_seeds_gold_findings(path: Path) -> None:
    gold = gold_for(path)
    assert gold is not None
    assert sorted(f.check_name for f in extracted(path).findings) == sorted(q["check"] for q in gold["quality_issues"])


def test_table_cells_name_table_row_and_cell() -> None:
    doc = extracted(DOCX[4]).document
    budget = next(t for t in doc.tables if any(c.text == "Police" for r in t.rows for c in r))
    police = next(r for r in budget.rows if r[0].text == "Police")
    assert police[1].text == "187,479" and police[1].prov.raw_text == "187,479"
    assert police[1].prov.extractor.startswith("docx table ") and police[1].prov.extractor.endswith("cell 2")
    assert doc.lines[police[1].prov.line - 1].text.split("\t")[:2] == ["Police", "187,479"]


def _docx_bytes(build) -> bytes:  # type: ignore[no-untyped-def]
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_merged_cells_nested_tables_and_line_breaks_are_read_as_printed() -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        p = d.add_paragraph("First line")
        p.add_run().add_break()
        p.add_run("second line\tafter a tab")
        t = d.add_table(rows=3, cols=3)
        for r, row in enumerate([["Agency", "Costs", ""], ["", "Staff", "Total"], ["Police", "10", "10"]]):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
        t.cell(0, 1).merge(t.cell(0, 2))  # "Costs" over two columns
        t.cell(0, 0).merge(t.cell(1, 0))  # "Agency" over two rows
        t.cell(0, 1).text = "Costs"
        inner = t.cell(2, 0).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "nested", "5"
        d.add_paragraph("After")
        deleted = d.add_paragraph("kept ")._p
        run = OxmlElement("w:del")
        r = OxmlElement("w:r")
        dt = OxmlElement("w:delText")
        dt.text = "struck out"
        r.append(dt)
        run.append(r)
        deleted.append(run)

    doc = read_document(_docx_bytes(build), "merged.docx")
    texts = [ln.text for ln in doc.lines]
    assert texts[:2] == ["First line", "second line\tafter a tab"]
    assert texts[2:5] == ["Agency\tCosts\t", "\tStaff\tTotal", "Police\t10\t10"]  # spans as printed
    assert texts[5:] == ["nested\t5", "After", "kept "]
    outer, nested = doc.tables
    assert [[c.text for c in r] for r in outer.rows] == [["Agency", "Costs", ""], ["", "Staff", "Total"],
                                                         ["Police", "10", "10"]]
    assert (outer.first_line, outer.last_line) == (2, 4) and (nested.first_line, nested.last_line) == (5, 5)
    assert nested.rows[0][1].prov.line == 6 and nested.rows[0][1].prov.extractor == "docx table 2 row 1 cell 2"
    assert not any("struck out" in t for t in texts)  # a deleted tracked change is not text


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(stream: str) -> bytes:
    """An OLE compound-file header followed by a directory entry naming ``stream`` (as Office writes names)."""
    return OLE + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 1000


@pytest.mark.parametrize("data, reason", [
    (_ole("WordDocument"), "old binary Word document (.doc): it cannot be read; open it in Word or LibreOffice "
                           "and save it as .docx"),
    (_ole("EncryptedPackage"), "encrypted Office document: it needs a password to open"),
    (b"PK\x03\x04" + b"\x00" * 40, "corrupt ZIP package: cannot be opened"),
], ids=["doc", "encrypted", "corrupt-zip"])
def test_office_files_that_cannot_be_read_fail_with_their_reason(engine, data: bytes, reason: str) -> None:
    r = ingest_bytes(engine, data, "plan.doc")
    assert r.status == "failed" and r.error.startswith("plan.doc: " + reason), r.error


def test_a_spreadsheet_is_not_a_word_document(engine) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    r = ingest_bytes(engine, buf.getvalue(), "budget.xlsx")
    assert r.status == "failed" and "not a Word document: it is a spreadsheet (.xlsx)" in r.error


def test_a_docx_ingests_into_the_warehouse_with_lines(engine) -> None:
    from sqlalchemy import text
    r = ingest_bytes(engine, DOCX[4].read_bytes(), str(DOCX[4]))
    assert r.status == "ok"
    with engine.connect() as c:
        kind, lines = c.execute(text("select kind, lines from documents where document_id = :i"), {"i": r.document_id}).one()
        rows = c.execute(text("select line, page, raw_text from budget_lines where document_id = :i"),
                         {"i": r.document_id}).all()
    assert kind == "docx" and lines > 100 and rows and all(ln and page is None and raw for ln, page, raw in rows)


def test_the_report_quotes_a_docx_findings_lines_from_the_raw_file() -> None:
    from pipeline.report.evidence import _read_lines
    from pipeline.report.queries import DocumentRow
    path = DOCX[2]
    row = DocumentRow(1, str(path), "Blackpool", "2018/19", "youth_justice_plan", "", "docx", "ok", None, str(path), None)
    lines = _read_lines(row)
    assert lines == tuple(ln.text for ln in extracted(path).document.lines)  # numbered as the reader numbered them


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_docx_yields_the_gold_council_period_and_type(path: Path) -> None:
    gold, meta = gold_for(path), extracted(path).meta
    assert gold is not None and (meta.council, meta.period, meta.doc_type) == (
        gold["council"], gold["period"], gold["doc_type"])
