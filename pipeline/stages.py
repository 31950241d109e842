"""The ingest stages as plain functions: bytes -> Document -> Extraction -> findings -> warehouse.

Flows (``flows/``) only sequence these; tests call them directly without Prefect.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Optional

from sqlalchemy import Engine

from extractors import budget, indicators, inspection, metadata, narrative, staffing
from extractors.read_text import read_text, sha256_of
from pipeline import __version__
from pipeline.checks import run_checks
from pipeline.errors import DocumentError, YJError
from pipeline.limits import check_text_size, run_bounded
from pipeline.records import Document, Extraction
from pipeline.settings import DEFAULT_SETTINGS, Settings
from pipeline.sources import DEFAULT_RAW_DIR, read_source
from pipeline.urls import redact
from pipeline.warehouse import load

log = logging.getLogger(__name__)

PIPELINE_VERSION = __version__


@dataclass(frozen=True)
class IngestResult:
    source: str
    status: str  # "ok" | "skipped" (same bytes, same version) | "failed"
    document_id: Optional[int] = None
    sha256: str = ""
    error: str = ""
    findings: int = 0


def read_document(data: bytes, source: str) -> Document:
    """Bytes to the document model, choosing the reader by content, not by file name."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        from extractors.read_pdf import read_pdf  # PyMuPDF is only imported when a PDF arrives
        doc: Document = read_pdf(data, source)
        return doc
    if source.lower().endswith(".pdf"):
        raise DocumentError("not a PDF: the file has a .pdf name but no %PDF header"
                            + (" (it is an HTML page)" if b"<html" in data[:2048].lower() else ""), source=source)
    return read_text(data, source)


def extract(doc: Document, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Run every extractor over one document. Extractors never touch the database."""
    fte, headcount = staffing.extract_staffing(doc, settings)
    return Extraction(
        document=doc,
        meta=metadata.extract_meta(doc),
        budget_tables=budget.extract_budget_tables(doc, settings),
        narrative_totals=narrative.extract_narrative_totals(doc),
        staffing_fte=fte,
        staffing_headcount=headcount,
        indicators=indicators.extract_indicators(doc, settings),
        inspections=inspection.extract_inspections(doc),
    )


def check(x: Extraction, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """The reader's own findings first, then every check family's."""
    return replace(x, findings=x.document.reader_findings + tuple(run_checks(x, settings)))


def process(data: bytes, source: str, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Read, extract and check one document; raises DocumentError for input that is not a usable plan."""
    return check(extract(read_document(data, source), settings), settings)


def ingest_bytes(engine: Engine, data: bytes, source: str, *, settings: Settings = DEFAULT_SETTINGS,
                 run_id: str = "", raw_path: Optional[str] = None, force: bool = False) -> IngestResult:
    """One document into the warehouse. Bad input is recorded as a failed document, never raised."""
    sha = sha256_of(data)
    if not force:
        done = load.already_done(engine, sha, PIPELINE_VERSION)
        if done is not None:
            return IngestResult(source, "skipped", done, sha)
    try:  # within the current per-document deadline, if any (pipeline.limits)
        check_text_size(data, source)
        x = run_bounded(lambda: process(data, source, settings), source)
    except YJError as e:
        return _failed(engine, source, sha, e.describe(), run_id, raw_path)
    except Exception as e:  # an extractor bug must not stop the harvest; it is recorded with its type
        log.exception("unexpected error extracting %s", source)
        return _failed(engine, source, sha, f"{source}: internal error {type(e).__name__}: {e}", run_id, raw_path)
    doc_id = load.store_extraction(engine, x, version=PIPELINE_VERSION, run_id=run_id, raw_path=raw_path)
    return IngestResult(source, "ok", doc_id, sha, findings=len(x.findings))


def ingest_source(engine: Engine, source: str, *, settings: Settings = DEFAULT_SETTINGS, run_id: str = "",
                  raw_dir: Optional[str] = DEFAULT_RAW_DIR, force: bool = False) -> IngestResult:
    """Read a path or URL and ingest it; a source that cannot be read becomes a failed document row."""
    full, source = source, redact(source)  # credentials are used for the request only, never stored
    try:
        fetched = read_source(full, raw_dir)
    except YJError as e:
        # no bytes were read: the row is keyed by a hash of the source name, so a later retry updates it
        return _failed(engine, source, sha256_of(b"unreadable:" + source.encode()), e.describe(), run_id, None)
    return ingest_bytes(engine, fetched.data, source, settings=settings, run_id=run_id,
                        raw_path=fetched.raw_path, force=force)


def _failed(engine: Engine, source: str, sha: str, error: str, run_id: str, raw_path: Optional[str]) -> IngestResult:
    doc_id = load.store_failure(engine, source=source, sha256=sha, error=error, version=PIPELINE_VERSION,
                                run_id=run_id, raw_path=raw_path)
    return IngestResult(source, "failed", doc_id, sha, error=error)
