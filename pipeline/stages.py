"""The ingest stages as plain functions: bytes -> Document -> Extraction -> findings -> warehouse.

Flows (``flows/``) only sequence these; tests call them directly without Prefect.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, TypeVar

from sqlalchemy import Engine

from extractors import inspection, metadata, statements
from extractors.budget import extract as budget
from extractors.budget import narrative
from extractors.expenditure.extract import extract_expenditure_tables
from extractors.indicators import extract as indicators
from extractors.readers import read_document, sha256_of
from extractors.staffing import extract as staffing
from extractors.staffing.claims import staff_claims
from pipeline import __version__
from pipeline.checks import run_checks
from pipeline.errors import StepFailure, YJError
from pipeline.handoff import DEFAULT_INTERIM_DIR, save_extraction
from pipeline.limits import check_text_size, run_bounded
from pipeline.records import Document, Extraction
from pipeline.settings import DEFAULT_SETTINGS, Settings
from pipeline.sources import DEFAULT_RAW_DIR, read_source
from pipeline.urls import redact
from pipeline.warehouse import load

log = logging.getLogger(__name__)
__all__ = ["read_document", "extract", "check", "process", "ingest_bytes", "ingest_source"]

PIPELINE_VERSION = __version__


@dataclass(frozen=True)
class IngestResult:
    source: str
    status: str  # "ok" | "skipped" (same bytes, same version) | "failed"
    document_id: Optional[int] = None
    sha256: str = ""
    error: str = ""
    findings: int = 0


def extract(doc: Document, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Run every extractor over one document. Extractors never touch the database."""
    grids = staffing.read_staffing_grids(doc, settings)
    fte, headcount = staffing.staffing_records(grids)
    meta = metadata.extract_meta(doc)
    found = indicators.extract_indicators(doc, settings, meta)
    budget_tables = budget.extract_budget_tables(doc, settings)
    return Extraction(
        document=doc,
        meta=meta,
        budget_tables=budget_tables,
        expenditure_tables=extract_expenditure_tables(doc, meta, budget_tables),
        narrative_totals=narrative.extract_narrative_totals(doc),
        staffing_fte=fte,
        staffing_headcount=headcount,
        indicators=found,
        ambiguities=indicators.indicator_ambiguities(doc, meta, found),
        inspections=inspection.extract_inspections(doc),
        staffing_grids=grids,
        agency_statements=narrative.agency_statements(doc),
        staff_claims=staff_claims(doc),
        grade_lists=tuple(inspection.read_grade_lists(doc)),
        shares=statements.share_statements(doc) + statements.table_shares(doc),
        breakdowns=statements.stated_breakdowns(doc),
    )


def check(x: Extraction, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """The reader's own findings first, then every check family's."""
    return replace(x, findings=x.document.reader_findings + tuple(run_checks(x, settings)))


def process(data: bytes, source: str, settings: Settings = DEFAULT_SETTINGS) -> Extraction:
    """Read, extract and check one document; raises DocumentError for input that is not a usable plan."""
    return check(extract(read_document(data, source), settings), settings)


def ingest_bytes(engine: Engine, data: bytes, source: str, *, settings: Settings = DEFAULT_SETTINGS,
                 run_id: str = "", raw_path: Optional[str] = None, force: bool = False,
                 interim_dir: Optional[str] = DEFAULT_INTERIM_DIR) -> IngestResult:
    """One document into the warehouse. Bad input is recorded as a failed document, never raised."""
    sha = sha256_of(data)
    if not force:
        done = load.already_done(engine, sha, PIPELINE_VERSION)
        if done is not None:
            return IngestResult(source, "skipped", done, sha)
    try:  # within the current per-document deadline, if any (pipeline.limits)
        check_text_size(data, source)
        x = run_bounded(lambda: _extract_and_check(data, source, settings, run_id, interim_dir), source)
    except YJError as e:  # bad input, or an extractor bug (a StepFailure naming the step): recorded, never raised
        if isinstance(e, StepFailure):
            log.error("%s", e.describe(), exc_info=e.cause)
        return _failed(engine, source, sha, e.describe(), run_id, raw_path)
    doc_id = load.store_extraction(engine, x, version=PIPELINE_VERSION, run_id=run_id, raw_path=raw_path)
    return IngestResult(source, "ok", doc_id, sha, findings=len(x.findings))


def _extract_and_check(data: bytes, source: str, settings: Settings, run_id: str,
                       interim_dir: Optional[str]) -> Extraction:
    """Read, extract, hand off and check one document, each step named if it crashes."""
    doc = step("read", source, run_id, read_document, data, source)
    extracted = step("extract", source, run_id, extract, doc, settings)
    if interim_dir is not None:  # the durable hand-off: checks and load can be re-run from it
        step("hand-off", source, run_id, save_extraction, extracted, interim_dir, PIPELINE_VERSION)
    return step("check", source, run_id, check, extracted, settings)


T = TypeVar("T")


def step(name: str, source: str, run_id: str, fn: Callable[..., T], *args: Any) -> T:
    """Run one stage; an unexpected exception becomes a StepFailure that names the step and the document."""
    try:
        return fn(*args)
    except YJError:
        raise
    except Exception as e:
        raise StepFailure(name, run_id, e, source=source) from e


def ingest_source(engine: Engine, source: str, *, settings: Settings = DEFAULT_SETTINGS, run_id: str = "",
                  raw_dir: Optional[str] = DEFAULT_RAW_DIR, force: bool = False,
                  interim_dir: Optional[str] = DEFAULT_INTERIM_DIR) -> IngestResult:
    """Read a path or URL and ingest it; a source that cannot be read becomes a failed document row."""
    full, source = source, redact(source)  # credentials are used for the request only, never stored
    try:
        fetched = read_source(full, raw_dir)
    except YJError as e:
        # no bytes were read: the row is keyed by a hash of the source name, so a later retry updates it
        return _failed(engine, source, sha256_of(b"unreadable:" + source.encode()), e.describe(), run_id, None)
    return ingest_bytes(engine, fetched.data, source, settings=settings, run_id=run_id,
                        raw_path=fetched.raw_path, force=force, interim_dir=interim_dir)


def _failed(engine: Engine, source: str, sha: str, error: str, run_id: str, raw_path: Optional[str]) -> IngestResult:
    doc_id = load.store_failure(engine, source=source, sha256=sha, error=error, version=PIPELINE_VERSION,
                                run_id=run_id, raw_path=raw_path)
    return IngestResult(source, "failed", doc_id, sha, error=error)
