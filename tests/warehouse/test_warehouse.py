from __future__ import annotations

from decimal import Decimal

from sqlalchemy import inspect, text

from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import resolve_url

from tests.conftest import SEEDS

CONTRACT = {
    "documents": "document_id, source, sha256, council, period, doc_type, title, pages, status, error, ingested_at",
    "budget_lines": "document_id, council, period, table_index, agency, label, staffing, payments_in_kind, "
                    "delegated, total, page, line, raw_text",
    "staffing_fte": "document_id, council, period, contract, role, basis, fte, page, line",
    "staffing_headcount": "document_id, council, period, ethnicity, role, sex, headcount, page, line",
    "indicators": "document_id, council, period, indicator, value, unit, scope, comparator, kind, period_label, "
                  "sentence, page, line",
    "quality_issues": "document_id, council, period, check_name, severity, message, expected, found, difference, "
                      "page, line",
}


def test_views_have_the_contract_columns(engine):
    insp = inspect(engine)
    for view, cols in CONTRACT.items():
        got = [c["name"] for c in insp.get_columns(view)]
        want = [c.strip() for c in cols.split(",")]
        assert got[: len(want)] == want, view


def test_same_bytes_twice_is_one_document(engine):
    data = SEEDS[0].read_bytes()
    first = ingest_bytes(engine, data, str(SEEDS[0]))
    second = ingest_bytes(engine, data, "elsewhere/copy.txt")
    assert first.status == "ok" and second.status == "skipped" and first.document_id == second.document_id
    with engine.connect() as c:
        assert c.execute(text("select count(*) from documents")).scalar() == 1


def test_bad_bytes_are_a_failed_row_with_reason(engine):
    r = ingest_bytes(engine, b"\x00\x00\x89PNG", "picture.txt")
    assert r.status == "failed" and "binary" in r.error
    with engine.connect() as c:
        row = c.execute(text("select status, error from documents")).one()
    assert row.status == "failed" and "picture.txt" in row.error


def test_default_url_is_data_warehouse_db_under_cwd(monkeypatch, tmp_path):
    monkeypatch.delenv("WAREHOUSE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'warehouse.db'}"
    monkeypatch.setenv("WAREHOUSE_URL", "sqlite:///x.db")
    assert resolve_url(None) == "sqlite:///x.db"
    assert resolve_url("postgresql://h/db") == "postgresql://h/db"


def test_newer_pipeline_version_replaces_facts_of_the_same_document(engine, monkeypatch):
    import pipeline.stages as stages
    data = SEEDS[0].read_bytes()
    first = ingest_bytes(engine, data, str(SEEDS[0]))
    monkeypatch.setattr(stages, "PIPELINE_VERSION", "999.0")
    again = ingest_bytes(engine, data, str(SEEDS[0]))
    assert again.status == "ok" and again.document_id == first.document_id
    with engine.connect() as c:
        assert c.execute(text("select pipeline_version from documents")).scalar() == "999.0"
        assert c.execute(text("select count(*) from documents")).scalar() == 1


def test_new_version_of_a_document_from_the_same_source_is_a_new_document(engine):
    data = SEEDS[0].read_bytes()
    a = ingest_bytes(engine, data, "plans/mk.txt")
    b = ingest_bytes(engine, data + b"\nAmended 2019.\n", "plans/mk.txt")
    assert a.document_id != b.document_id
    with engine.connect() as c:
        assert c.execute(text("select count(*) from documents where source='plans/mk.txt'")).scalar() == 2


def test_an_indicator_qualifier_is_stored_as_printed(engine):
    """'hovered just below 50%': the figure as printed, with its hedge in the indicators view's qualifier column."""
    doc = ("Barsetshire Youth Justice Plan 2019-20\n\nPerformance\n\nThe main area of concern continues to be the "
           "reoffending rate, which has hovered just below 50% for most of the performance year.\n\n"
           "The reoffending rate was 38.5% in 2018/19.\n")
    assert ingest_bytes(engine, doc.encode(), "hedged.txt").status == "ok"
    with engine.connect() as c:
        rows = {(Decimal(str(r.value)), r.qualifier) for r in
                c.execute(text("select value, qualifier from indicators where indicator = 'reoffending'"))}
    assert (Decimal("50"), "just below") in rows and (Decimal("38.5"), None) in rows
