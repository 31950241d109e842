"""documents.service (migration 0004): the Youth Justice Service a document is about, on SQLite and
PostgreSQL; the documents view gains it as its last column and keeps every column it had."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import open_warehouse

from tests.conftest import REAL, SEEDS
from tests.warehouse.revisions import OLD_DOCUMENT, upgrade_and_back
from tests.warehouse.test_postgres import pg_url  # noqa: F401  (the fixture: a fresh PostgreSQL database)

# the documents view's columns before 0004, in order (WAREHOUSE.md's contract, then the later additions)
BEFORE = ["document_id", "source", "sha256", "council", "period", "doc_type", "title", "pages", "status", "error",
          "ingested_at", "kind", "lines", "encoding", "raw_path", "pipeline_version", "run_id"]
JOINT = next(p for p in REAL if p.name.startswith("Monmouthshire"))


def _ingest(engine, paths: list[Path]) -> dict[str, tuple[str, str]]:
    for p in paths:
        assert ingest_bytes(engine, p.read_bytes(), p.name).status == "ok"
    with engine.connect() as c:
        rows = c.execute(text("SELECT source, council, service FROM documents")).all()
    return {r.source: (r.council, r.service) for r in rows}


def _check(engine) -> None:
    cols = [c["name"] for c in inspect(engine).get_columns("documents")]
    assert cols == BEFORE + ["service"]
    got = _ingest(engine, [JOINT, SEEDS[0], SEEDS[1]])
    assert got == {JOINT.name: ("Monmouthshire & Torfaen", "Monmouthshire and Torfaen"),
                   SEEDS[0].name: ("Milton Keynes", "Milton Keynes"), SEEDS[1].name: (None, None)}


def test_documents_carry_their_service_on_sqlite(engine):
    _check(engine)


def test_documents_carry_their_service_on_postgresql(pg_url):  # noqa: F811
    pg = open_warehouse(pg_url)
    try:
        assert pg.dialect.name == "postgresql"
        _check(pg)
    finally:
        pg.dispose()


def test_a_warehouse_at_0003_is_upgraded_keeping_its_documents(tmp_path):
    def at_head(engine) -> None:
        with engine.connect() as c:
            assert c.execute(text("SELECT council, service FROM documents")).one() == ("Leeds", None)
    upgrade_and_back(tmp_path, "0003", [OLD_DOCUMENT], at_head, "document", "service")
