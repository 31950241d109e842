"""The `harvest` Prefect flow: sequences the plain stages of pipeline.harvest, nothing more.

The harvest itself is :func:`pipeline.harvest.run_harvest`; this module only hands it a runner that makes
each source a Prefect task. A failed source never stops the others (its reason is recorded). Fetches are
retried by the fetcher alone, within each document's deadline; Prefect re-runs a task
(``task_retries``, default 0) only when the task itself crashed, never a recorded failure.
``task_runner="dask"`` runs the per-source tasks on a Dask cluster (``dask_address``, or a local one);
the warehouse should then be PostgreSQL, shared by the workers.
"""
from __future__ import annotations

import sys
from typing import Any, Optional

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed

from pipeline.fetch import FetchLimits
from pipeline.harvest import (DEFAULT_HARVEST, HarvestSettings, PlannedSource, SourceResult, harvest_one,
                              new_run_id, record_failure, run_harvest)
from pipeline.harvest_runs import warehouse
from pipeline.registry import DEFAULT_REGISTRY, load_registry


@task(name="harvest-source", cache_policy=NO_CACHE)  # always fetch
def harvest_source(db_url: str, item: PlannedSource, run_id: str, settings: HarvestSettings) -> SourceResult:
    with warehouse(db_url) as engine:
        return harvest_one(engine, item, run_id, settings)


@task(name="record-failure", cache_policy=NO_CACHE)
def source_failed(db_url: str, item: PlannedSource, run_id: str, error: BaseException) -> SourceResult:
    with warehouse(db_url) as engine:
        return record_failure(engine, item, run_id, error)


@flow(name="harvest-sources", validate_parameters=False)
def harvest_sources(db_url: str, items: list[PlannedSource], run_id: str, settings: HarvestSettings,
                    progress: bool = False) -> list[SourceResult]:
    """Every source as a task, on this flow's task runner (threads, or Dask via with_options)."""
    task_ = harvest_source.with_options(retries=settings.task_retries,
                                        retry_delay_seconds=settings.task_retry_delay)
    futures = [task_.submit(db_url, item, run_id, settings) for item in items]
    done: dict[int, SourceResult] = {}
    with _Progress(len(items), progress) as bar:
        for fut in as_completed(futures):
            i = futures.index(fut)
            done[i] = _outcome(fut, db_url, items[i], run_id)
            bar.advance(done[i])
    return [done[i] for i in range(len(items))]


def _outcome(fut: PrefectFuture[SourceResult], db_url: str, item: PlannedSource, run_id: str) -> SourceResult:
    value = fut.result(raise_on_failure=False)
    if isinstance(value, SourceResult):
        return value
    error = value if isinstance(value, BaseException) else RuntimeError(f"task ended in state {fut.state.name}")
    return source_failed(db_url, item, run_id, error)


@flow(name="harvest")
def harvest_flow(sources: str = DEFAULT_REGISTRY, db_url: Optional[str] = None, raw_dir: Optional[str] = "data/raw",
                 workers: int = DEFAULT_HARVEST.workers, task_runner: str = "thread",
                 dask_address: Optional[str] = None, task_retries: int = DEFAULT_HARVEST.task_retries,
                 task_retry_delay: float = DEFAULT_HARVEST.task_retry_delay,
                 fetch_limits: Optional[dict[str, Any]] = None, progress: bool = False,
                 deadline_seconds: float = DEFAULT_HARVEST.limits.deadline_seconds,
                 allowed_dirs: Optional[tuple[str, ...]] = None) -> list[SourceResult]:
    """Harvest every source of the registry into the warehouse and record the run.

    Parameters are plain values so a deployment can set them; they become a validated HarvestSettings
    (``fetch_limits``: fields of pipeline.fetch.FetchLimits, e.g. ``{"timeout": 10}``;
    ``deadline_seconds``: the wall clock of one document, fetch and extraction).
    """
    from dataclasses import replace
    settings = HarvestSettings(raw_dir=raw_dir, workers=workers, task_runner=task_runner,
                               dask_address=dask_address, task_retries=task_retries,
                               task_retry_delay=task_retry_delay, fetch=FetchLimits(**(fetch_limits or {})),
                               limits=replace(DEFAULT_HARVEST.limits, deadline_seconds=deadline_seconds),
                               allowed_dirs=tuple(allowed_dirs) if allowed_dirs is not None else None)
    return run_flow_stages(sources, db_url, settings, progress)


def harvest_command(sources: str, db_url: Optional[str], settings: HarvestSettings,
                    progress: bool = False) -> list[SourceResult]:
    """`run-flow harvest`: check the registry before Prefect starts (a bad file fails at once), then run."""
    load_registry(sources, settings.allowed_dirs)
    return harvest_flow(sources, db_url, settings.raw_dir, settings.workers, settings.task_runner,
                        settings.dask_address, settings.task_retries, settings.task_retry_delay, progress=progress,
                        deadline_seconds=settings.limits.deadline_seconds, allowed_dirs=settings.allowed_dirs)


def run_flow_stages(sources: str, db_url: Optional[str], settings: HarvestSettings,
                    progress: bool) -> list[SourceResult]:
    from prefect.runtime import flow_run
    from pipeline.warehouse.db import resolve_url

    def as_tasks(url: str, items: list[PlannedSource], run_id: str, s: HarvestSettings) -> list[SourceResult]:
        out: list[SourceResult] = _sources_flow(s)(url, items, run_id, s, progress)
        return out

    return run_harvest(resolve_url(db_url), sources, settings, run_id=str(flow_run.id or new_run_id()),
                       runner=as_tasks)


def _sources_flow(settings: HarvestSettings) -> Any:
    if settings.task_runner != "dask":
        from prefect.task_runners import ThreadPoolTaskRunner
        runner: Any = ThreadPoolTaskRunner(max_workers=settings.workers)
    elif settings.dask_address:
        from prefect_dask.task_runners import DaskTaskRunner
        runner = DaskTaskRunner(address=settings.dask_address)
    else:
        from prefect_dask.task_runners import DaskTaskRunner
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "processes": False,
                                                "dashboard_address": None})
    return harvest_sources.with_options(task_runner=runner)


class _Progress:
    """A progress bar on a terminal (stderr); nothing in a pipe or when off."""

    def __init__(self, total: int, on: bool) -> None:
        self.on = on and sys.stderr.isatty()
        self.total = total
        self._bar: Any = None

    def __enter__(self) -> "_Progress":
        if self.on:
            from rich.console import Console
            from rich.progress import Progress
            self._bar = Progress(console=Console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("harvesting", total=self.total)
        return self

    def advance(self, result: SourceResult) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=f"{result.outcome}: {result.council}"[:40])

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
