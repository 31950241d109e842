"""The harvest stages as plain functions: registry + prior fetch state -> plan -> fetch -> ingest -> run record.

``flows/harvest.py`` only sequences these (Prefect retries a source only after a transient fetch
failure); :func:`run_harvest` runs the same stages with a thread pool and no Prefect (tests, ``--no-flow``).

- Every source gets one ``harvest_result`` row per run, written as soon as it is done (a killed run keeps
  what it finished); the run row says when it started and ended, the counts, and ``ok``/``partial``/
  ``failed`` (``interrupted`` when its process died, noticed by the next run on the same host).
- Unchanged content is not re-extracted: a 304 to a conditional GET, or the same sha256 already ingested
  by this pipeline version, is ``unchanged``. Raw bytes are archived by sha256 before extraction.
- A failure (404, HTML instead of a PDF, unreadable document, a server that died) is recorded with its
  reason and never stops the other sources. Fetch failures are recorded in ``harvest_result`` only;
  bytes that arrived but are not a usable document are also a ``failed`` row in ``documents``.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import Engine, select

from extractors.readers.text import sha256_of
from pipeline.errors import FetchError, SettingsError, YJError
from pipeline.fetch import DEFAULT_LIMITS, ContentMismatchError, FetchLimits, FetchResult, expected_kind, fetch_url
from pipeline.harvest_runs import _upsert, finish_run, now, open_harvest_warehouse, start_run
from pipeline.harvest_runs import RunSummary as RunSummary  # re-exported: callers import it from here
from pipeline.harvest_runs import warehouse as warehouse
from pipeline.limits import document_deadline
from pipeline.registry import SourceEntry, load_registry
from pipeline.settings import DEFAULT_LIMITS as DEFAULT_DOCUMENT_LIMITS
from pipeline.settings import DocumentLimits
from pipeline.sources import DEFAULT_RAW_DIR, archive, read_source
from pipeline.stages import PIPELINE_VERSION, IngestResult, ingest_bytes
from pipeline.urls import redact
from pipeline.warehouse import load
from pipeline.warehouse.harvest_models import fetch_state, harvest_result

log = logging.getLogger(__name__)

TASK_RUNNERS = ("thread", "dask")


@dataclass(frozen=True)
class HarvestSettings:
    """How a harvest runs. ``workers``: documents in flight at once; ``limits``: the bounds on each
    document (its wall-clock deadline covers fetch, retries and extraction); ``allowed_dirs``: folders
    local registry paths may name (None: the registry's folder and ``data/``). Fetches are retried by the
    fetcher only, within the document's deadline: ``task_retries`` (default 0) re-runs a Prefect task
    only when the task itself crashed (its warehouse was unreachable, say), never a recorded failure."""

    raw_dir: Optional[str] = DEFAULT_RAW_DIR
    workers: int = 4
    fetch: FetchLimits = DEFAULT_LIMITS
    task_retries: int = 0
    task_retry_delay: float = 10.0
    task_runner: str = "thread"
    dask_address: Optional[str] = None
    limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS
    allowed_dirs: Optional[tuple[str, ...]] = None

    def __post_init__(self) -> None:
        if self.task_runner not in TASK_RUNNERS:
            raise SettingsError(f"HarvestSettings.task_runner must be one of {', '.join(TASK_RUNNERS)}, "
                                f"got {self.task_runner!r}")
        if not (isinstance(self.workers, int) and self.workers >= 1):
            raise SettingsError(f"HarvestSettings.workers must be an integer >= 1, got {self.workers!r}")
        if not (isinstance(self.task_retries, int) and self.task_retries >= 0):
            raise SettingsError(f"HarvestSettings.task_retries must be an integer >= 0, got {self.task_retries!r}")
        if self.task_retry_delay < 0:
            raise SettingsError(f"HarvestSettings.task_retry_delay must be >= 0, got {self.task_retry_delay!r}")


DEFAULT_HARVEST = HarvestSettings()


@dataclass(frozen=True)
class PlannedSource:
    """A registry entry with what the last fetch of its URL left (validators for a conditional GET)."""

    entry: SourceEntry
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    prior_sha: Optional[str] = None


@dataclass(frozen=True)
class SourceResult:
    """What happened to one source in one run. ``outcome``: ingested | unchanged | failed."""

    source: str
    council: str
    outcome: str
    reason: str = ""
    sha256: str = ""
    document_id: Optional[int] = None
    http_status: Optional[int] = None
    attempts: int = 0
    findings: int = 0
    raw_path: Optional[str] = None
    started_at: Optional[datetime] = None
    fetched: Optional[FetchResult] = field(default=None, repr=False, compare=False)

    @property
    def status(self) -> str:
        """The vocabulary of ``run-flow ingest`` (ok / skipped / failed), for ``cli.report_results``."""
        return {"ingested": "ok", "unchanged": "skipped"}.get(self.outcome, "failed")

    @property
    def error(self) -> str:
        return self.reason if self.outcome == "failed" else ""


def new_run_id() -> str:
    return uuid.uuid4().hex


def plan(engine: Engine, entries: list[SourceEntry]) -> list[PlannedSource]:
    """Each entry with its URL's last validators, so unchanged documents cost a 304 and nothing more."""
    urls = [redact(e.location) for e in entries if e.is_url]  # stored without credentials
    with engine.connect() as conn:
        rows = conn.execute(select(fetch_state).where(fetch_state.c.url.in_(urls))).mappings().all() if urls else []
    state = {r["url"]: r for r in rows}
    out = []
    for e in entries:
        s = state.get(redact(e.location)) if e.is_url else None
        out.append(PlannedSource(e, s["etag"], s["last_modified"], s["sha256"]) if s else PlannedSource(e))
    return out


def record(engine: Engine, item: PlannedSource, run_id: str, result: SourceResult) -> SourceResult:
    """Write the source's result for this run (and its URL's fetch state) in one transaction."""
    e = item.entry
    values = {"run_id": run_id, "source": e.source, "council": e.council, "doc_type": e.doc_type,
              "period": e.period, "status": result.outcome, "reason": result.reason or None,
              "http_status": result.http_status, "attempts": result.attempts, "sha256": result.sha256 or None,
              "document_id": result.document_id, "raw_path": result.raw_path, "findings": result.findings,
              "started_at": result.started_at, "finished_at": now()}
    with engine.begin() as conn:
        _upsert(conn, harvest_result, values, ["run_id", "source"])
        if e.is_url:
            _upsert(conn, fetch_state, _state_values(item, run_id, result), ["url"])
    return replace(result, fetched=None)  # the bytes stay in the archive, not in results passed around


def _state_values(item: PlannedSource, run_id: str, r: SourceResult) -> dict[str, Any]:
    got = r.fetched if r.fetched is not None and r.fetched.status == "fetched" else None
    keep = got is None  # a 304 or a failure keeps the validators of the last good fetch
    sha = r.sha256 or item.prior_sha
    return {"url": redact(item.entry.location), "etag": item.etag if keep else got.etag,  # type: ignore[union-attr]
            "last_modified": item.last_modified if keep else got.last_modified,  # type: ignore[union-attr]
            "sha256": item.prior_sha if r.outcome == "failed" and keep else sha,
            "content_type": None if keep else got.content_type,  # type: ignore[union-attr]
            "http_status": r.http_status, "last_status": r.outcome, "last_error": r.reason or None,
            "checked_at": now(), "changed_at": now() if r.outcome == "ingested" else None, "run_id": run_id}


# --------------------------------------------------------------------------- one source


def harvest_one(engine: Engine, item: PlannedSource, run_id: str,
                settings: HarvestSettings = DEFAULT_HARVEST) -> SourceResult:
    """Fetch (or read), archive, ingest and record one source within its deadline
    (``settings.limits.deadline_seconds`` for fetch, retries and extraction together). Every failure of
    the document is recorded and returned; only a failure to write the record itself raises."""
    started = now()
    with document_deadline(settings.limits.deadline_seconds):
        try:
            result = _harvest(engine, item, run_id, settings, started)
        except YJError as e:  # a failed fetch after its retries, a bound reached…
            result = _failed(item, e, started)
    return record(engine, item, run_id, result)


def _harvest(engine: Engine, item: PlannedSource, run_id: str, settings: HarvestSettings,
             started: datetime) -> SourceResult:
    e = item.entry
    if e.problem:
        return SourceResult(e.source, e.council, "failed", f"{e.source}: {e.problem}", started_at=started)
    if e.is_url:
        return _from_url(engine, item, run_id, settings, started)
    return _from_file(engine, item, run_id, settings, started)


def _failed(item: PlannedSource, error: YJError, started: Optional[datetime] = None) -> SourceResult:
    return SourceResult(item.entry.source, item.entry.council, "failed", redact(error.describe()),
                        http_status=getattr(error, "http_status", None), attempts=getattr(error, "attempts", 1),
                        started_at=started)


def harvest_safe(engine: Engine, item: PlannedSource, run_id: str,
                 settings: HarvestSettings = DEFAULT_HARVEST) -> SourceResult:
    """:func:`harvest_one` that never raises: a bug is recorded as failed too."""
    try:
        return harvest_one(engine, item, run_id, settings)
    except Exception as e:  # one source must never stop the others; the reason is recorded
        return record_failure(engine, item, run_id, e)


def record_failure(engine: Engine, item: PlannedSource, run_id: str, error: BaseException) -> SourceResult:
    if isinstance(error, YJError):
        reason = error.describe()
    else:
        log.error("harvest of %s failed unexpectedly: %s: %s", item.entry.source, type(error).__name__, error)
        log.debug("traceback of the failure of %s", item.entry.source, exc_info=error)
        reason = f"{item.entry.source}: internal error {type(error).__name__}: {error}"
    reason = redact(reason)
    result = SourceResult(item.entry.source, item.entry.council, "failed", reason,
                          http_status=getattr(error, "http_status", None), attempts=getattr(error, "attempts", 1))
    return record(engine, item, run_id, result)


def _from_ingest(item: PlannedSource, r: IngestResult, started: datetime, raw_path: Optional[str],
                 fetched: Optional[FetchResult] = None) -> SourceResult:
    outcome = {"ok": "ingested", "skipped": "unchanged"}.get(r.status, "failed")
    return SourceResult(item.entry.source, item.entry.council, outcome, r.error, r.sha256, r.document_id,
                        fetched.http_status if fetched else None, fetched.attempts if fetched else 0,
                        r.findings, raw_path, started, fetched)


def _from_file(engine: Engine, item: PlannedSource, run_id: str, settings: HarvestSettings,
               started: datetime) -> SourceResult:
    try:
        got = read_source(item.entry.location, settings.raw_dir, settings.limits)
    except YJError as e:
        return _failed(item, e, started)
    r = ingest_bytes(engine, got.data, item.entry.source, run_id=run_id, raw_path=got.raw_path)
    return _from_ingest(item, r, started, got.raw_path)


def _from_url(engine: Engine, item: PlannedSource, run_id: str, settings: HarvestSettings,
              started: datetime) -> SourceResult:
    e = item.entry
    try:
        got = fetch_url(e.location, expect=expected_kind(e.location), etag=item.etag,
                        last_modified=item.last_modified, limits=settings.fetch)
    except ContentMismatchError as err:
        return _mismatch(engine, item, run_id, settings, started, err)
    except FetchError as err:  # transient ones too: the fetcher retried them within the deadline
        return _failed(item, err, started)
    if got.status == "not_modified":
        return _not_modified(engine, item, run_id, settings, started, got)
    raw = archive(got.data, settings.raw_dir, _suffix(e.location))
    r = ingest_bytes(engine, got.data, e.source, run_id=run_id, raw_path=raw)
    return _from_ingest(item, r, started, raw, got)


def _not_modified(engine: Engine, item: PlannedSource, run_id: str, settings: HarvestSettings,
                  started: datetime, got: FetchResult) -> SourceResult:
    """304: nothing to do if these bytes are in; else re-ingest them from the raw archive (a newer
    pipeline version, or an earlier run killed before loading), or fetch them again without validators."""
    e = item.entry
    sha = item.prior_sha or ""
    done = load.already_done(engine, sha, PIPELINE_VERSION) if sha else None
    if done is not None:
        return SourceResult(e.source, e.council, "unchanged", sha256=sha, document_id=done, http_status=304,
                            attempts=got.attempts, started_at=started, fetched=got)
    prior = _prior_failure(engine, sha)
    if prior is not None:  # the same bytes failed with this version: not re-extracted, still failed
        return SourceResult(e.source, e.council, "failed", f"unchanged since it failed: {prior[1]}", sha, prior[0],
                            304, got.attempts, 0, None, started, got)
    data = _archived(settings.raw_dir, sha, e.location)
    if data is None:
        fresh = PlannedSource(e)
        return _from_url(engine, fresh, run_id, settings, started)
    raw = archive(data, settings.raw_dir, _suffix(e.location))
    r = ingest_bytes(engine, data, e.source, run_id=run_id, raw_path=raw)
    return _from_ingest(item, r, started, raw, got)


def _prior_failure(engine: Engine, sha: str) -> Optional[tuple[int, str]]:
    if not sha:
        return None
    with engine.connect() as conn:
        row = load.find_document(conn, sha)
    if row and row["status"] == "failed" and row["pipeline_version"] == PIPELINE_VERSION:
        return int(row["document_id"]), str(row["error"])
    return None


def _suffix(location: str) -> str:
    """The archive's file suffix for a source (as ``pipeline.sources`` names raw files)."""
    ext = Path(location.split("?")[0]).suffix.lower()
    return ext if ext in (".pdf", ".txt", ".html", ".htm", ".md") else ""


def _archived(raw_dir: Optional[str], sha: str, location: str) -> Optional[bytes]:
    if not raw_dir or not sha:
        return None
    path = Path(raw_dir) / f"{sha}{_suffix(location)}"
    if path.exists():
        data = path.read_bytes()
        if sha256_of(data) == sha:
            return data
    return None


def _mismatch(engine: Engine, item: PlannedSource, run_id: str, settings: HarvestSettings, started: datetime,
              err: ContentMismatchError) -> SourceResult:
    """Bytes that are not what the registry promised: archived, and a failed document saying why."""
    e = item.entry
    raw = archive(err.data, settings.raw_dir, ".html" if b"<html" in err.data[:4096].lower() else "")
    sha = sha256_of(err.data) if err.data else sha256_of(b"empty:" + e.location.encode())
    doc_id = load.store_failure(engine, source=e.source, sha256=sha, error=err.describe(), version=PIPELINE_VERSION,
                                run_id=run_id, raw_path=raw)
    return SourceResult(e.source, e.council, "failed", err.describe(), sha, doc_id, 200, 1, 0, raw, started)


# --------------------------------------------------------------------------- a whole harvest without Prefect


SourceRunner = Callable[[str, list[PlannedSource], str, HarvestSettings], list[SourceResult]]
"""Runs :func:`harvest_one` over the planned sources (db URL, items, run id, settings) -> one result each."""


def run_harvest(db_url: str, registry: str, settings: HarvestSettings = DEFAULT_HARVEST, *,
                run_id: Optional[str] = None, on_done: Optional[Callable[[SourceResult], None]] = None,
                runner: Optional[SourceRunner] = None) -> list[SourceResult]:
    """The one harvest: registry -> run record -> plan -> each source -> finished run record.

    ``runner`` maps the sources (the Prefect flow passes its tasks); by default a thread pool of
    ``settings.workers`` runs :func:`harvest_safe`. Returns one result per source."""
    engine = open_harvest_warehouse(db_url)
    try:
        entries = load_registry(registry, settings.allowed_dirs)
        rid = run_id or new_run_id()
        start_run(engine, rid, str(registry), len(entries))
        items = plan(engine, entries)
        if runner is None:
            results = _in_threads(engine, items, rid, settings, on_done)
        else:
            results = runner(db_url, items, rid, settings)
        finish_run(engine, rid, results)
        return results
    finally:
        engine.dispose()


def _in_threads(engine: Engine, items: list[PlannedSource], run_id: str, settings: HarvestSettings,
                on_done: Optional[Callable[[SourceResult], None]]) -> list[SourceResult]:
    def one(item: PlannedSource) -> SourceResult:
        result = harvest_safe(engine, item, run_id, settings)
        if on_done is not None:
            on_done(result)
        return result

    with ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="harvest") as pool:
        return list(pool.map(one, items))
