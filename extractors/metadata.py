"""Document metadata (being built)."""
from __future__ import annotations

from pipeline.records import Document, DocumentMeta


def extract_meta(doc: Document) -> DocumentMeta:
    return DocumentMeta(council=None, period=None, doc_type="other", title="")
