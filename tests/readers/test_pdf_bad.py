"""Bad PDFs fail with a readable reason naming the document; good and bad ones ingest together.

Fixtures: tests/documents/bad_*.pdf (made by tests/documents/make_bad_pdfs.py); the several-hundred-page PDF
is generated here.
"""
from __future__ import annotations

import time
from pathlib import Path

import pymupdf
import pytest

from extractors.readers.pdf import read_pdf
from pipeline.errors import DocumentError
from pipeline.stages import ingest_bytes, ingest_source, read_document
from tests.conftest import SAMPLES

DOCS = Path(__file__).resolve().parents[1] / "documents"
GOOD = sorted((SAMPLES / "pdf").glob("*.pdf"))
BAD = {
    "bad_truncated.pdf": "truncated PDF: the file ends without the %%EOF end marker",
    "bad_corrupt.pdf": "corrupt PDF: cannot be opened",
    "bad_encrypted.pdf": "encrypted PDF: it needs a password to open",
    "bad_scanned.pdf": ", page 1: scanned: no text layer on any of its 1 pages",
    "bad_zero_pages.pdf": "empty PDF: it has no pages",
    "bad_html_error_page.pdf": "not a PDF: the file has a .pdf name but no %PDF header (it is an HTML page)",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_pdf_raises_document_error_naming_it(name: str) -> None:
    data = (DOCS / name).read_bytes()
    with pytest.raises(DocumentError) as err:
        read_document(data, name)
    assert err.value.describe().startswith(name)
    assert BAD[name] in err.value.describe()


def test_reader_refuses_non_pdf_bytes_itself() -> None:
    with pytest.raises(DocumentError, match="not a PDF: no %PDF header"):
        read_pdf((DOCS / "bad_html_error_page.pdf").read_bytes(), "page.pdf")


def test_good_and_bad_pdfs_ingest_together(engine, tmp_path: Path) -> None:
    results = {Path(p).name: ingest_source(engine, str(p), raw_dir=str(tmp_path / "raw"))
               for p in GOOD + [DOCS / n for n in sorted(BAD)]}
    for p in GOOD:
        assert results[p.name].status == "ok", results[p.name].error
    for name, reason in BAD.items():
        r = results[name]
        assert r.status == "failed" and reason in r.error, r


def _long_pdf(pages: int) -> bytes:
    """A long plan: a short paragraph on every page, and every 50th page a ruled partner table."""
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((56, 72), f"Section {i + 1}. The board reviews performance each quarter.", fontsize=10)
        page.insert_text((56, 86), "Youth justice services are provided and funded by the partnership.", fontsize=10)
        if i % 50 == 49:
            for k in range(4):
                page.draw_line((56, 100 + 16 * k), (356, 100 + 16 * k))
            for x in (56, 206, 356):
                page.draw_line((x, 100), (x, 148))
            for k, (a, b) in enumerate((("Agency", "Total"), ("Police", "54,015"), ("Health", "63,687"))):
                page.insert_text((60, 112 + 16 * k), a, fontsize=10)
                page.insert_text((210, 112 + 16 * k), b, fontsize=10)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def test_several_hundred_pages_are_read_page_by_page(engine) -> None:
    data = _long_pdf(400)
    t0 = time.perf_counter()
    doc = read_pdf(data, "long.pdf")
    assert doc.pages == 400 and {ln.page for ln in doc.lines} == set(range(1, 401))
    assert doc.lines[-4].text.startswith("Section 400.") and doc.lines[-1].text == "Health\t63,687"
    assert len(doc.tables) == 8 and all(t.method == "pymupdf-rules" for t in doc.tables)
    assert [c.text for c in doc.tables[-1].rows[1]] == ["Police", "54,015"] and doc.tables[-1].page == 400
    r = ingest_bytes(engine, data, "long.pdf")
    assert r.status == "ok", r.error
    assert time.perf_counter() - t0 < 40
