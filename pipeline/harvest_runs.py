"""The records of a harvest in the warehouse: the engine a harvest opens, and its run row (started, finished,
or interrupted when its process died, with the counts of the result rows it did write)."""
from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from pipeline.stages import PIPELINE_VERSION
from pipeline.warehouse.db import make_engine, migrate
from pipeline.warehouse.harvest_models import harvest_result, harvest_run

log = logging.getLogger(__name__)


class HasOutcome(Protocol):
    @property
    def outcome(self) -> str: ...


def now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    status: str
    sources: int
    ingested: int
    unchanged: int
    failed: int


# --------------------------------------------------------------------------- warehouse


def open_harvest_warehouse(url: str, tries: int = 5) -> Engine:
    """Engine with the schema at head. Two harvests starting at once on a fresh SQLite file may race
    on the first migration; the loser waits and tries again (it then finds the schema done)."""
    engine = make_engine(url)
    for attempt in range(1, tries + 1):
        try:
            migrate(engine)
            return engine
        except DBAPIError as e:
            if attempt == tries:
                raise
            log.info("migration raced with another process (%s); retrying", e.orig)
            time.sleep(0.2 * attempt)
    return engine  # pragma: no cover


@contextmanager
def warehouse(url: str) -> Iterator[Engine]:
    """An engine for one task, disposed afterwards (no engine outlives its task)."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def _upsert(conn: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> None:
    ins = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table).values(**values)
    conn.execute(ins.on_conflict_do_update(index_elements=keys,
                                           set_={k: v for k, v in values.items() if k not in keys}))


# --------------------------------------------------------------------------- run records


def start_run(engine: Engine, run_id: str, registry: str, sources: int) -> None:
    """Record the run as running (again, if a flow retry reuses the id); mark dead runs interrupted."""
    values = {"run_id": run_id, "registry": str(Path(registry).resolve()), "started_at": now(), "finished_at": None,
              "status": "running", "reason": None, "sources": sources, "ingested": 0, "unchanged": 0,
              "failed": 0, "host": socket.gethostname(), "pid": os.getpid(), "pipeline_version": PIPELINE_VERSION}
    with engine.begin() as conn:
        _mark_interrupted(conn)
        _upsert(conn, harvest_run, values, ["run_id"])


def _mark_interrupted(conn: Connection) -> None:
    rows = conn.execute(select(harvest_run.c.run_id, harvest_run.c.pid).where(
        harvest_run.c.status == "running", harvest_run.c.host == socket.gethostname())).all()
    for run_id, pid in rows:
        if pid and not _alive(int(pid)):
            conn.execute(update(harvest_run).where(harvest_run.c.run_id == run_id).values(
                status="interrupted", finished_at=now(),
                reason=f"the harvest process (pid {pid}) ended before the run finished",
                **_counts_of(conn, run_id)))


def _counts_of(conn: Connection, run_id: str) -> dict[str, int]:
    """The run's counts from the result rows it wrote (what an interrupted run did finish)."""
    rows = conn.execute(select(harvest_result.c.status).where(harvest_result.c.run_id == run_id)).scalars().all()
    return {o: sum(1 for r in rows if r == o) for o in ("ingested", "unchanged", "failed")}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True


def finish_run(engine: Engine, run_id: str, results: Sequence[HasOutcome]) -> RunSummary:
    counts = {o: sum(1 for r in results if r.outcome == o) for o in ("ingested", "unchanged", "failed")}
    status = "ok" if not counts["failed"] else ("failed" if counts["failed"] == len(results) else "partial")
    reason = None if status == "ok" else f"{counts['failed']} of {len(results)} sources failed"
    with engine.begin() as conn:
        conn.execute(update(harvest_run).where(harvest_run.c.run_id == run_id).values(
            finished_at=now(), status=status, reason=reason, sources=len(results), **counts))
    return RunSummary(run_id, status, len(results), counts["ingested"], counts["unchanged"], counts["failed"])
