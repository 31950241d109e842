"""`run-flow serve`: the harvest as a Prefect deployment on a nightly cron, served from this process.

Prefect's scheduler runs in a Prefect *server* (``prefect server start``), not in the ephemeral API a
plain flow call starts, so ``serve`` needs ``PREFECT_API_URL`` pointing at one (see the README).
The process stays up, picks up the scheduled (or manually triggered) runs and executes them.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline.errors import SettingsError
from pipeline.registry import DEFAULT_REGISTRY
from pipeline.warehouse.db import resolve_url

log = logging.getLogger(__name__)

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_NAME = "nightly-harvest"


@dataclass(frozen=True)
class ServeOptions:
    """The deployment: its name, cron and time zone, and the harvest's parameters."""

    sources: str = DEFAULT_REGISTRY
    db_url: Optional[str] = None
    cron: str = DEFAULT_CRON
    timezone: str = DEFAULT_TIMEZONE
    name: str = DEFAULT_NAME
    raw_dir: str = "data/raw"
    workers: int = 4
    task_runner: str = "thread"
    dask_address: Optional[str] = None

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise SettingsError(f"time zone {self.timezone!r} is unknown", hint="use an IANA name such as "
                                "Europe/London") from e
        from prefect.schedules import Cron
        try:
            Cron(self.cron, timezone=self.timezone)
        except ValueError as e:
            raise SettingsError(f"cron {self.cron!r} is not valid: {e}",
                                hint="five fields: minute hour day month weekday, e.g. '0 2 * * *'") from e


def deployment_parameters(opts: ServeOptions) -> dict[str, Any]:
    """The harvest flow's parameters, with every path absolute: scheduled runs may start elsewhere."""
    return {
        "sources": str(Path(opts.sources).resolve()),
        "db_url": resolve_url(opts.db_url),  # the default SQLite path is made absolute here
        "raw_dir": str(Path(opts.raw_dir).resolve()),
        "workers": opts.workers,
        "task_runner": opts.task_runner,
        "dask_address": opts.dask_address,
    }


def check_server() -> str:
    """The Prefect API URL, or a SettingsError saying how to start a server (the scheduler lives there)."""
    from prefect.settings import PREFECT_API_URL
    url = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
    if not url:
        raise SettingsError("no Prefect server to schedule on: PREFECT_API_URL is not set",
                            hint="start one with `prefect server start` and set "
                                 "PREFECT_API_URL=http://127.0.0.1:4200/api (see README, Nightly harvest)")
    return str(url)


def serve_harvest(opts: ServeOptions) -> None:
    """Register the harvest deployment with its cron schedule and serve its runs until interrupted."""
    from prefect.schedules import Cron

    from flows.harvest import harvest_flow
    api = check_server()
    log.info("serving %s (%s, %s) against %s", opts.name, opts.cron, opts.timezone, api)
    harvest_flow.serve(name=opts.name, schedule=Cron(opts.cron, timezone=opts.timezone),
                       parameters=deployment_parameters(opts), tags=["yjplans", "harvest"],
                       description=f"Harvest of the registry {opts.sources} into the warehouse",
                       print_starting_message=False)
