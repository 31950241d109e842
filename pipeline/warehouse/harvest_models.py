"""Tables of the harvest's own records (migration 0002): runs, per-source results, per-URL fetch state.

They live on the warehouse's one ``MetaData`` so Alembic sees a single schema. Analysts read them
through the ``harvest_runs`` and ``harvest_results`` views (``views.py``).
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from .models import metadata

harvest_run = Table(
    "harvest_run", metadata,
    Column("run_id", String(64), primary_key=True),
    Column("registry", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    # running | ok (nothing failed) | partial (some failed) | failed (all failed) | interrupted
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("sources", Integer, nullable=False),
    Column("ingested", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("host", String(255)),
    Column("pid", Integer),
    Column("pipeline_version", String(32)),
)

harvest_result = Table(
    "harvest_result", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(64), ForeignKey("harvest_run.run_id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("source", Text, nullable=False),
    Column("council", String(120)),
    Column("doc_type", String(32)),
    Column("period", String(16)),
    Column("status", String(16), nullable=False),  # ingested | unchanged | failed
    Column("reason", Text),
    Column("http_status", Integer),
    Column("attempts", Integer),
    Column("sha256", String(64)),
    Column("document_id", Integer, ForeignKey("document.document_id", ondelete="SET NULL")),
    Column("raw_path", Text),
    Column("findings", Integer),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("run_id", "source"),
)

fetch_state = Table(
    "fetch_state", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("sha256", String(64)),
    Column("content_type", Text),
    Column("http_status", Integer),
    Column("last_status", String(16)),
    Column("last_error", Text),
    Column("checked_at", DateTime(timezone=True)),
    Column("changed_at", DateTime(timezone=True)),
    Column("run_id", String(64)),
)
