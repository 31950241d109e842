"""The Prefect `harvest` flow (ephemeral API): concurrent sources, one layer of retries, Dask on PostgreSQL."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from flows.harvest import harvest_flow
from pipeline.warehouse.db import open_warehouse

from tests.conftest import SEEDS
from tests.http_server import FaultServer
from tests.warehouse.test_postgres import fresh_database

# the ephemeral API starts with a fresh PREFECT_HOME (migrations); on a busy 2-CPU machine 20 s is not enough
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

FAST = {"timeout": 1.0, "deadline": 10, "attempts": 2, "backoff": 0.05, "backoff_max": 0.1, "trust_env": False}


def registry(folder: Path, rows: list[tuple[str, str]]) -> str:
    path = folder / "sources.csv"
    path.write_text("council,url,doc_type,period,notes\n" + "".join(f"{c},{u},,,\n" for c, u in rows))
    return str(path)


def test_flow_has_one_layer_of_retries_and_goes_on(tmp_path, db_url):
    docs = {"a.txt": SEEDS[0].read_bytes(), "b.txt": SEEDS[1].read_bytes()}
    with FaultServer(docs) as srv:
        rows = [("Flaky", srv.url("/flaky/1/a.txt")), ("Gone", srv.url("/missing")),
                ("Ok", srv.url("/doc/b.txt")), ("Local", str(SEEDS[2])), ("Nowhere", str(tmp_path / "no.txt"))]
        results = harvest_flow(registry(tmp_path, rows), db_url, str(tmp_path / "raw"), workers=3,
                               task_retries=1, task_retry_delay=0, fetch_limits=FAST)
    by = {r.council: r for r in results}
    assert {c: r.outcome for c, r in by.items()} == {"Flaky": "ingested", "Gone": "failed", "Ok": "ingested",
                                                      "Local": "ingested", "Nowhere": "failed"}
    # the fetcher tried twice (a 500, then the document); Prefect does not retry fetches on top
    assert srv.hits["/flaky/1/a.txt"] == 2
    assert srv.hits["/missing"] == 1  # a 404 is retried by neither
    assert by["Gone"].reason.endswith("HTTP 404 Not Found") and "file not found" in by["Nowhere"].reason
    engine = open_warehouse(db_url)
    with engine.connect() as conn:
        run = conn.execute(text("select status, ingested, failed from harvest_runs")).one()
        n = conn.execute(text("select count(*) from harvest_results")).scalar()
    engine.dispose()
    assert tuple(run) == ("partial", 3, 2) and n == 5


def test_transient_failure_after_all_retries_is_recorded(tmp_path, db_url):
    with FaultServer({"a.txt": SEEDS[0].read_bytes()}) as srv:
        results = harvest_flow(registry(tmp_path, [("Down", srv.url("/flaky/99/a.txt")), ("Local", str(SEEDS[3]))]),
                               db_url, str(tmp_path / "raw"), task_retries=1, task_retry_delay=0, fetch_limits=FAST)
    assert [r.outcome for r in results] == ["failed", "ingested"]
    # one layer of retries: the fetcher's 2 attempts, not multiplied by the task retry
    assert "gave up after 2 attempts: HTTP 500" in results[0].reason and srv.hits["/flaky/99/a.txt"] == 2


@pytest.mark.postgres
def test_dask_task_runner_on_a_local_cluster_with_postgresql(tmp_path):
    from distributed import LocalCluster
    docs = {f"{i}.txt": p.read_bytes() for i, p in enumerate(SEEDS)}
    with fresh_database("harvest_dask") as pg_url, \
            LocalCluster(n_workers=2, processes=False, threads_per_worker=2, dashboard_address=None) as cluster, \
            FaultServer(docs) as srv:
        rows = [(f"C{i}", srv.url(f"/doc/{i}.txt")) for i in range(len(SEEDS))] + [("Gone", srv.url("/missing"))]
        results = harvest_flow(registry(tmp_path, rows), pg_url, str(tmp_path / "raw"), task_runner="dask",
                               dask_address=cluster.scheduler_address, fetch_limits=FAST)
        assert [r.outcome for r in results] == ["ingested"] * len(SEEDS) + ["failed"]
        engine = open_warehouse(pg_url)
        with engine.connect() as conn:
            assert engine.dialect.name == "postgresql"
            assert conn.execute(text("select count(*) from documents where status = 'ok'")).scalar() == len(SEEDS)
            assert tuple(conn.execute(text("select status, ingested, failed from harvest_runs")).one()) == \
                ("partial", len(SEEDS), 1)
        engine.dispose()
