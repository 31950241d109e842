"""The warehouse on a real PostgreSQL server (scripts/ensure_postgres.sh starts it; `make test` runs that).

The views answer the same on SQLite and PostgreSQL. No skip: when PostgreSQL cannot be reached the tests
fail and say how to start it. Each test module gets a fresh database (``pg_url``); other modules import
the fixture from here.
"""
from __future__ import annotations

import os
import re
import time
import warnings
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine, make_url, text

from pipeline.harvest import HarvestSettings, run_harvest
from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import open_warehouse

from tests.conftest import REAL, SEEDS

PG_URL = os.environ.get("YJ_TEST_PG_URL", "postgresql+psycopg://yjplans:yjplans@127.0.0.1:54329/yjplans_test")
HOW = "start it with `bash scripts/ensure_postgres.sh` (`make test` runs it first)"
VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "expenditure_lines")
pytestmark = pytest.mark.postgres

VOLATILE = {"document_id", "ingested_at", "run_id", "finding_id", "raw_path"}


@contextmanager
def fresh_database(tag: str, base_url: str = PG_URL) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test module; dropped afterwards."""
    admin_url = make_url(base_url)
    name = f"yjt_{re.sub(r'[^a-z0-9]+', '_', tag.lower())[-30:]}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:  # not a skip: the suite promises PostgreSQL
        admin.dispose()
        pytest.fail(f"PostgreSQL is not reachable at {admin_url.render_as_string(hide_password=True)} "
                    f"({type(e).__name__}: {str(e).splitlines()[0]}); {HOW}", pytrace=False)
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin: Any, name: str, tries: int = 20) -> None:
    """Drop a test database; an autovacuum worker (the server's own role, which ours may not signal) can be in it
    for a moment, so the drop is tried again for a few seconds, and a database left behind only warns."""
    for k in range(tries):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except Exception as e:  # InsufficientPrivilege while autovacuum works there, or ObjectInUse
            last = e
            time.sleep(0.25)
    warnings.warn(f"test database {name} left behind: {type(last).__name__}: {str(last).splitlines()[0]}")


@pytest.fixture(scope="module")
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_database(request.module.__name__.rsplit(".", 1)[-1]) as url:
        yield url


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return str(int(value))  # SQLite has 0/1 where PostgreSQL has false/true
    if isinstance(value, (int, float, Decimal)):
        return str(Decimal(str(value)).normalize())
    return value


def view_rows(engine: Any, view: str) -> list[tuple[Any, ...]]:
    """A view's rows with ids replaced by the document's sha256 and volatile columns dropped, sorted."""
    with engine.connect() as conn:
        shas = dict(conn.execute(text("SELECT document_id, sha256 FROM document")).all())
        result = conn.execute(text(f"SELECT * FROM {view}"))
        cols = list(result.keys())
        rows = [dict(zip(cols, r)) for r in result.all()]
    out = []
    for r in rows:
        doc = shas.get(r.get("document_id"))
        out.append((doc,) + tuple(_norm(r[c]) for c in cols if c not in VOLATILE))
    return sorted(out, key=repr)


def test_views_answer_the_same_on_sqlite_and_postgresql(pg_url, engine):
    """Every bundled document (text, PDF, Word) loads on both: a value PostgreSQL refuses (a unit longer than its
    column, say) would fail the whole document there and pass on SQLite."""
    from tests.conftest import SAMPLES
    docs = SEEDS + REAL + sorted((SAMPLES / "pdf").glob("*.pdf")) + sorted((SAMPLES / "docx").glob("*.docx"))
    pg = open_warehouse(pg_url)
    try:
        assert pg.dialect.name == "postgresql"
        for path in docs:
            for eng in (engine, pg):
                r = ingest_bytes(eng, path.read_bytes(), str(path.relative_to(path.parents[3])), interim_dir=None)
                assert r.status == "ok", (eng.dialect.name, r.error)
        for view in VIEWS:
            assert view_rows(engine, view) == view_rows(pg, view), view
        with pg.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == len(docs)
    finally:
        pg.dispose()


def test_harvest_records_on_postgresql(tmp_path):
    with fresh_database("harvest_records") as url:
        _harvest_records(url, tmp_path)


def _harvest_records(pg_url: str, tmp_path: Any) -> None:
    registry = tmp_path / "sources.csv"
    registry.write_text("council,url,doc_type,period,notes\n"
                        + "".join(f"Council {i},{p},youth_justice_plan,,\n" for i, p in enumerate(SEEDS))
                        + "Nowhere,missing.txt,other,,a file that is not there\n")
    settings = HarvestSettings(raw_dir=str(tmp_path / "raw"))
    first = run_harvest(pg_url, str(registry), settings)
    again = run_harvest(pg_url, str(registry), settings)
    assert [r.outcome for r in first] == ["ingested"] * len(SEEDS) + ["failed"]
    assert [r.outcome for r in again] == ["unchanged"] * len(SEEDS) + ["failed"]
    assert "missing.txt: file not found" in first[-1].reason
    pg = open_warehouse(pg_url)
    try:
        with pg.connect() as conn:
            runs = conn.execute(text("SELECT status, sources, ingested, unchanged, failed, finished_at "
                                     "FROM harvest_runs ORDER BY started_at")).all()
            per_source = conn.execute(text("SELECT count(*) FROM harvest_results")).scalar()
    finally:
        pg.dispose()
    assert [tuple(r[:5]) for r in runs] == [("partial", 6, 5, 0, 1), ("partial", 6, 0, 5, 1)]
    assert all(r.finished_at is not None for r in runs) and per_source == 12


def test_unreachable_postgresql_fails_with_how_to_start_it():
    with pytest.raises(pytest.fail.Exception, match=r"PostgreSQL is not reachable at .*127\.0\.0\.1:9/.*"
                                                    r"ensure_postgres\.sh"):
        with fresh_database("nowhere", "postgresql+psycopg://yjplans:x@127.0.0.1:9/none?connect_timeout=2"):
            pass  # pragma: no cover
