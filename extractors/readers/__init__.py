"""Readers: the only code that touches file formats. Bytes in, one :class:`~pipeline.records.Document` out.

``text`` reads plain text, HTML and Markdown; ``word`` reads Word (.docx) files; ``pdf`` reads PDFs
(``pdf_words`` for words and lines, ``pdf_ruled`` and ``pdf_unruled`` for grids, ``pdf_grids`` to choose and
stitch them, ``pdf_ocr`` for pages without a text layer, through Tesseract); ``pdf_render`` draws page crops
for the report. Only this package imports PyMuPDF or pdfplumber (``tests/test_layout.py``).
"""
from __future__ import annotations

from extractors.readers.text import read_text, sha256_of
from pipeline.errors import DocumentError
from pipeline.records import Document

__all__ = ["read_document", "read_text", "sha256_of"]


def read_document(data: bytes, source: str) -> Document:
    """Bytes to the document model, choosing the reader by content, not by file name."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        from extractors.readers.pdf import read_pdf  # PyMuPDF is only imported when a PDF arrives
        doc: Document = read_pdf(data, source)
        return doc
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # ZIP or OLE: Office
        from extractors.readers.word import read_office  # python-docx is only imported when Office bytes arrive
        office: Document = read_office(data, source)
        return office
    if source.lower().endswith(".pdf"):
        raise DocumentError("not a PDF: the file has a .pdf name but no %PDF header"
                            + (" (it is an HTML page)" if b"<html" in data[:2048].lower() else ""), source=source)
    return read_text(data, source)
