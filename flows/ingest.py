"""The `ingest` Prefect flow: sequences the plain stage functions of pipeline.stages, nothing more."""
from __future__ import annotations

from typing import Optional

from prefect import flow, task

from pipeline.limits import DEFAULT_DOCUMENT_SECONDS, document_deadline
from pipeline.sources import DEFAULT_RAW_DIR
from pipeline.stages import IngestResult, ingest_source
from pipeline.warehouse.db import make_engine, migrate


@task(name="ingest-document")
def ingest_document(db_url: str, source: str, run_id: str, raw_dir: Optional[str], force: bool,
                    deadline: float = DEFAULT_DOCUMENT_SECONDS) -> IngestResult:
    with document_deadline(deadline):
        return ingest_source(make_engine(db_url), source, run_id=run_id, raw_dir=raw_dir, force=force)


@flow(name="ingest")
def ingest_flow(sources: list[str], db_url: str, raw_dir: Optional[str] = DEFAULT_RAW_DIR,
                force: bool = False, deadline: float = DEFAULT_DOCUMENT_SECONDS) -> list[IngestResult]:
    from prefect.runtime import flow_run
    migrate(make_engine(db_url))
    run_id = str(flow_run.id or "")
    return [ingest_document(db_url, s, run_id, raw_dir, force, deadline) for s in sources]
