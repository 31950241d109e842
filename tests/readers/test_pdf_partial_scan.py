"""A PDF with text whose one page is only an image (a scanned appendix) is read, and that page is a recorded
finding naming it; a blank page is not."""
from __future__ import annotations

import pymupdf
from sqlalchemy import text

from pipeline.stages import ingest_bytes, process


def pdf_with_scanned_page() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Sometown Youth Justice Plan 2019/20", fontsize=14)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 40), False)
    pix.set_rect(pix.irect, (200, 30, 30))
    doc.new_page().insert_image(pymupdf.Rect(72, 72, 372, 272), pixmap=pix)  # page 2: an image, no text
    doc.new_page()  # page 3: blank
    doc.new_page().insert_text((72, 100), "Appendix: partner contributions follow.", fontsize=11)
    return doc.tobytes()


def test_image_only_page_is_a_finding_naming_it():
    x = process(pdf_with_scanned_page(), "partly-scanned.pdf")
    found = [f for f in x.findings if f.check_name == "page_not_read"]
    assert [f.prov.page for f in found] == [2]
    assert found[0].severity == "warning" and "Page 2 is an image with no text layer" in found[0].message


def test_the_document_is_ingested_with_the_finding_stored(engine):
    r = ingest_bytes(engine, pdf_with_scanned_page(), "partly-scanned.pdf")
    assert r.status == "ok"
    with engine.connect() as c:
        rows = c.execute(text("select check_name, page from quality_issues")).all()
    assert ("page_not_read", 2) in [tuple(row) for row in rows]
