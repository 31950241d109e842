"""OCR of pages without a text layer (Tesseract, installed by scripts/ensure_tesseract.sh).

The scans are the tests' own: a seed PDF's budget page(s) rendered to an image-only page at 200 dpi (a scanned
appendix), so the text twin says what the figures and where the rows are. Also a ruled table printed with the
usual OCR misreads and a figure that does not add up, and the bad scan that must still fail.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pymupdf
import pytest

from normalisers.money import ocr_money_reading
from pipeline.records import BUDGET_COLUMNS, BudgetLine, Extraction
from pipeline.stages import ingest_bytes, process, read_document
from pipeline.errors import DocumentError

from tests.conftest import SAMPLES, gold_for
from tests.budget.test_pdf_gold import _found

DOCS = Path(__file__).resolve().parents[1] / "documents"
SCANS = {"000_b3670cbf2782132e": (7,), "002_3715ddf53b59c514": (3, 6), "004_672ac932354f9781": (9, 10)}


def scanned_twin(path: Path, pages: tuple[int, ...], dpi: int = 200) -> bytes:
    """The PDF with ``pages`` replaced by greyscale images of themselves: no text layer, no vector rules."""
    src = pymupdf.open(path)
    out = pymupdf.open()
    for i, page in enumerate(src):
        if i + 1 in pages:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            scan = out.new_page(width=page.rect.width, height=page.rect.height)
            scan.insert_image(scan.rect, stream=pix.tobytes("png"))
        else:
            out.insert_pdf(src, from_page=i, to_page=i)
    data: bytes = out.tobytes()
    return data


@lru_cache(maxsize=None)
def scanned(stem: str) -> Extraction:
    return process(scanned_twin(SAMPLES / "pdf" / f"{stem}.pdf", SCANS[stem]), f"{stem}-scanned.pdf")


@lru_cache(maxsize=None)
def text_twin(stem: str) -> Extraction:
    path = SAMPLES / "pdf" / f"{stem}.pdf"
    return process(path.read_bytes(), path.name)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Intersection over the smaller box."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))


def _amounts(ln: BudgetLine) -> tuple[Decimal, ...]:
    return tuple(ln.amount(c).value or Decimal(0) for c in BUDGET_COLUMNS)


@pytest.mark.parametrize("stem", ["000_b3670cbf2782132e", "002_3715ddf53b59c514"], ids=lambda s: s[:3])
def test_scanned_budget_page_yields_the_gold_rows_with_page_bbox_and_ocr_named(stem: str) -> None:
    gold, x, twin = gold_for(Path(stem)), scanned(stem), text_twin(stem)
    assert gold is not None
    lines = [ln for t in x.budget_tables for ln in t.lines]
    twin_lines = [ln for t in twin.budget_tables for ln in t.lines]
    assert len(x.budget_tables) == len(gold["budget_tables"]) and len(lines) == len(twin_lines)
    assert all("ocr-tesseract" in t.method for t in x.budget_tables)
    for table in gold["budget_tables"]:
        for row in table["rows"]:
            got, printed = _found(lines, row), _found(twin_lines, row)
            assert got is not None, row
            assert printed is not None and got.prov.page == printed.prov.page and got.prov.page in SCANS[stem]
            assert got.prov.bbox is not None and printed.prov.bbox is not None
            assert _overlap(got.prov.bbox, printed.prov.bbox) > 0.6, (row, got.prov.bbox, printed.prov.bbox)
            assert got.prov.ocr_confidence is not None and 0.5 <= got.prov.ocr_confidence <= 1
            assert got.prov.extractor_label.startswith("budget/ocr conf=0.")


def test_scanned_twin_raises_the_same_findings_as_the_text_twin() -> None:
    x, twin = scanned("002_3715ddf53b59c514"), text_twin("002_3715ddf53b59c514")
    checks = sorted(f.check_name for f in x.findings if not f.check_name.startswith(("page_read_by_ocr", "ocr_")))
    assert checks == sorted(f.check_name for f in twin.findings) == ["malformed_number", "tables_disagree"]
    ocr = [f for f in x.findings if f.check_name == "page_read_by_ocr"]
    assert [f.prov.page for f in ocr if f.prov] == [3, 6] and all(f.severity == "info" for f in ocr)


def test_a_table_split_over_two_scanned_pages_gives_the_gold_amounts() -> None:
    gold, x = gold_for(Path("004_672ac932354f9781")), scanned("004_672ac932354f9781")
    assert gold is not None
    got = sorted((ln.agency, _amounts(ln), ln.prov.page) for t in x.budget_tables for ln in t.lines)
    want = sorted((r["agency"], tuple(Decimal(r[c] or 0) for c in BUDGET_COLUMNS)) for t in gold["budget_tables"]
                  for r in t["rows"])
    assert [(a, v) for a, v, _ in got] == want and {p for _, _, p in got} == {9, 10}
    assert x.budget_tables[0].printed_total is not None
    assert x.budget_tables[0].printed_total.total.value == Decimal(gold["budget_tables"][0]["printed_total"]["total"])


def _misread_table() -> bytes:
    """A ruled partner table printed with OCR's usual misreads (E for £, O for 0, l for 1) and a YJB row whose
    total does not add up, scanned at 200 dpi."""
    rows = [("Agency", "Staffing", "Delegated", "Total"), ("Police", "E54,O15", "-", "E54,O15"),
            ("Health", "32,185", "31,502", "63,687"), ("YJB", "-", "268,3l1", "268,000"),
            ("Total", "86,200", "299,813", "385,702")]
    xs, y0, h = (60, 200, 320, 440, 560), 100, 24
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 80), "Partner contributions 2019/20", fontsize=13)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            page.insert_text((xs[c] + 6, y0 + r * h + 16), text, fontsize=11, fontname="helv")
    for r in range(len(rows) + 1):
        page.draw_line((xs[0], y0 + r * h), (xs[-1], y0 + r * h), width=0.8)
    for x in xs:
        page.draw_line((x, y0), (x, y0 + len(rows) * h), width=0.8)
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    out = pymupdf.open()
    scan = out.new_page(width=page.rect.width, height=page.rect.height)
    scan.insert_image(scan.rect, stream=pix.tobytes("png"))
    data: bytes = out.tobytes()
    return data


def test_money_misreads_are_read_and_a_figure_that_does_not_add_up_is_a_finding() -> None:
    x = process(_misread_table(), "misread-scan.pdf")
    (table,) = x.budget_tables
    got = {ln.agency: _amounts(ln) for ln in table.lines}
    assert got["police"] == (Decimal(54015), 0, 0, Decimal(54015))
    assert got["yjb"] == (0, 0, Decimal(268311), Decimal(268000))  # as printed; the check says it does not add up
    misread = next(f for f in x.findings if f.check_name == "ocr_money_misread")
    assert "as £54,015" in misread.message and misread.prov and misread.prov.page == 1  # Tesseract reads 'E54,015'
    assert misread.prov.raw_text.startswith("E54,") and misread.prov.bbox is not None
    row_sum = [f for f in x.findings if f.check_name == "row_sum_mismatch"]
    assert row_sum and row_sum[0].prov is not None and row_sum[0].prov.ocr_confidence is not None
    assert "YJB" in row_sum[0].message


@pytest.mark.parametrize("token, reading", [("E54,O15", "£54,015"), ("f1,2OO", "£1,200"), ("l2,345", "12,345"),
                                            ("1,234,56", "1,234.56"), ("(1,2O0)", "(1,200)"), ("54,015", None),
                                            ("Ellen", None), ("E10", None), ("IO", None), ("2019/20", None),
                                            ("12,34", None), ("54015;", None)])
def test_ocr_money_reading(token: str, reading: str | None) -> None:
    assert ocr_money_reading(token) == reading


def test_an_all_scan_document_too_coarse_to_read_still_fails_with_its_reason() -> None:
    with pytest.raises(DocumentError) as err:
        read_document((DOCS / "bad_scanned.pdf").read_bytes(), "bad_scanned.pdf")
    assert err.value.describe().startswith("bad_scanned.pdf, page 1: scanned: no text layer on any of its 1 pages "
                                           "(page 1 is an image; not OCR'd: the scan is 50 dpi, below the 150 dpi "
                                           "needed to read figures reliably)")


def test_ocr_values_reach_the_warehouse_with_the_ocr_extractor(engine) -> None:
    from sqlalchemy import text
    r = ingest_bytes(engine, _misread_table(), "misread-scan.pdf")
    assert r.status == "ok"
    with engine.connect() as c:
        rows = c.execute(text("select agency, total, page, bbox, extractor from budget_lines")).all()
        methods = c.execute(text("select method from budget_tables")).scalars().all()
    assert rows and all(p == 1 and b and e.startswith("budget/ocr conf=") for _, _, p, b, e in rows)
    assert methods and all(m.startswith("reader-ocr-tesseract") or "ocr-tesseract" in m for m in methods)


@pytest.mark.slow
def test_a_plan_that_is_all_scans_is_read_by_ocr() -> None:
    """Every page of the Medway report scanned at 200 dpi: the document is read (not failed) and gives the
    gold council, period, type, budget rows and indicators. (OCR drops an item of one inspection-grade list on
    page 3, which the count check then reports: a finding, never a silent value.)"""
    path = SAMPLES / "pdf" / "003_4cc41449b754ee5d.pdf"
    gold = gold_for(path)
    assert gold is not None
    x = process(scanned_twin(path, (1, 2, 3, 4)), "all-scanned.pdf")
    assert (x.meta.council, x.meta.period, x.meta.doc_type) == (gold["council"], gold["period"], gold["doc_type"])
    assert sorted((ln.agency, ln.total.value) for t in x.budget_tables for ln in t.lines) == sorted(
        (r["agency"], Decimal(r["total"])) for t in gold["budget_tables"] for r in t["rows"])
    for w in gold["indicators"]:
        assert any(i.indicator == w["indicator"] and i.value == Decimal(str(w["value"])) and i.unit == w["unit"]
                   for i in x.indicators), w
    assert all(ln.ocr_confidence is not None for ln in x.document.lines if ln.text.strip())
    assert [f.prov.page for f in x.findings if f.check_name == "page_read_by_ocr" and f.prov] == [1, 2, 3, 4]
