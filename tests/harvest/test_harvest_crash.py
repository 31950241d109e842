"""A harvest killed with SIGKILL and started again, and two harvests at once: nothing duplicated, nothing
half-loaded (one transaction per document, sha256 upsert, SQLite WAL). Real processes, real server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import make_engine, open_warehouse

from tests.conftest import REAL, ROOT, SEEDS
from tests.http_server import FaultServer
from tests.warehouse.test_postgres import fresh_database

# ten real documents that extract quickly (the crash tests are about loading, not extraction)
QUICK = ("North Tyneside", "Monmouthshire", "SOMERSET", "Lambeth", "Portsmouth", "Rotherham")
DOCS = {f"{i:02d}.txt": p.read_bytes()
        for i, p in enumerate(SEEDS[1:] + [r for r in REAL if r.name.startswith(QUICK)])}
FACTS = ("budget_line", "budget_table", "narrative_total", "staffing_fte_cell", "staffing_headcount_cell",
         "indicator_statement", "inspection", "finding")
DEADLINE = 60.0
KILL_WINDOW = 0.5  # seconds each document's fetch takes in the SIGKILL test
pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


def registry(folder: Path, srv: FaultServer, delay: float) -> str:
    path = folder / "sources.csv"
    path.write_text("council,url,doc_type,period,notes\n" + "".join(
        f"C{name},{srv.url(f'/delay/{delay}/{name}')},youth_justice_plan,,\n" for name in DOCS))
    return str(path)


def start(db_url: str, sources: str, raw: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    return subprocess.Popen([sys.executable, "-m", "pipeline.cli", "harvest", "--no-flow", "--sources", sources,
                             "--db", db_url, "--raw-dir", str(raw), "--workers", "3"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def count(db_url: str, sql: str) -> int:
    engine = make_engine(db_url)  # polled often: no migration here, the harvest itself migrates
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:  # the schema may not be there yet
        return 0
    finally:
        engine.dispose()


def kill_when(proc: subprocess.Popen[bytes], db_url: str, documents: int) -> None:
    t0 = time.monotonic()
    while count(db_url, "select count(*) from document") < documents:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() - t0 < DEADLINE, "the harvest made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)  # reaped, so the next run sees its pid gone


def fact_counts(db_url: str) -> dict[str, tuple[int, ...]]:
    """Per document (by sha256): its status and the number of rows in each fact table."""
    engine = open_warehouse(db_url)
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("select document_id, sha256, status from document")).all()
            out = {}
            for doc_id, sha, status in docs:
                n = tuple(conn.execute(text(f"select count(*) from {t} where document_id = :d"), {"d": doc_id})
                          .scalar() for t in FACTS)
                out[sha] = (status,) + n  # type: ignore[assignment]
            return out  # type: ignore[return-value]
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, ...]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.db'}"
    engine = open_warehouse(url)
    for name, data in DOCS.items():
        ingest_bytes(engine, data, name)
    engine.dispose()
    return fact_counts(url)


def assert_complete_and_unique(db_url: str, reference: dict[str, tuple[int, ...]]) -> None:
    assert count(db_url, "select count(*) from document") == len(DOCS)
    assert count(db_url, "select count(distinct sha256) from document") == len(DOCS)
    assert fact_counts(db_url) == reference  # no document half-loaded, no fact twice


def test_sigkill_mid_harvest_then_rerun_leaves_no_duplicate_or_half_loaded_document(tmp_path, reference):
    db_url = f"sqlite:///{tmp_path / 'w.db'}"
    with FaultServer(DOCS) as srv:
        # each fetch takes KILL_WINDOW s, so a run is still going when the poller sees its 3rd / 6th document
        sources = registry(tmp_path, srv, KILL_WINDOW)
        kill_when(start(db_url, sources, tmp_path / "raw"), db_url, 3)
        kill_when(start(db_url, sources, tmp_path / "raw"), db_url, 6)
        last = start(db_url, sources, tmp_path / "raw")
        out, err = last.communicate(timeout=DEADLINE)
    assert last.returncode == 0, err.decode()
    assert_complete_and_unique(db_url, reference)
    engine = open_warehouse(db_url)
    with engine.connect() as conn:
        runs = conn.execute(text("select status, reason from harvest_runs order by started_at")).all()
    engine.dispose()
    assert [r.status for r in runs] == ["interrupted", "interrupted", "ok"]
    assert "ended before the run finished" in runs[0].reason
    assert sorted(os.listdir(tmp_path / "raw")) == sorted(f"{p}.txt" for p in reference)  # archive whole


@pytest.mark.parametrize("dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_harvests_at_once_duplicate_nothing(tmp_path, reference, dialect):
    if dialect == "postgresql":
        with fresh_database("two_at_once") as url:
            _two_at_once(tmp_path, reference, url)
    else:  # a fresh file: both processes also race on the first migration
        _two_at_once(tmp_path, reference, f"sqlite:///{tmp_path / 'w.db'}")


def _two_at_once(tmp_path: Path, reference: dict[str, tuple[int, ...]], db_url: str) -> None:
    with FaultServer(DOCS) as srv:
        sources = registry(tmp_path, srv, 0.02)
        procs = [start(db_url, sources, tmp_path / "raw") for _ in range(2)]
        outputs = [p.communicate(timeout=DEADLINE) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e.decode()[-2000:] for _, e in outputs]
    assert_complete_and_unique(db_url, reference)
    engine = open_warehouse(db_url)
    with engine.connect() as conn:
        per_run = Counter(r.run_id for r in conn.execute(text("select run_id from harvest_results")))
        runs = conn.execute(text("select status, started_at, finished_at from harvest_runs")).all()
    engine.dispose()
    assert sorted(per_run.values()) == [len(DOCS), len(DOCS)] and [r.status for r in runs] == ["ok", "ok"]
    assert max(r.started_at for r in runs) < min(r.finished_at for r in runs)  # they did run at once
