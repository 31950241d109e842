"""`run-flow serve` against a real `prefect server start` on 127.0.0.1 (free port, temporary PREFECT_HOME).

The deployment is registered with its cron schedule (read back from the server's API), and a run triggered
through the API completes and fills the warehouse. One slow test; everything it starts is stopped.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from flows.serve import ServeOptions, deployment_parameters
from pipeline.errors import SettingsError
from pipeline.warehouse.db import open_warehouse

from tests.conftest import ROOT, SEEDS

STARTUP = 60.0
RUN = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(what: str, check: Any, deadline: float, proc: subprocess.Popen[bytes]) -> Any:
    t0 = time.monotonic()
    while time.monotonic() - t0 < deadline:
        assert proc.poll() is None, f"{what}: the process ended with {proc.returncode}"
        value = check()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out after {deadline:g}s waiting for {what}")


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture
def prefect_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "WARNING", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_for("the Prefect server", lambda: _get(f"{api}/health"), STARTUP, proc)
        yield api, {**env, "PREFECT_API_URL": api}
    finally:
        stop(proc)
        log.close()


def _get(url: str) -> Any:
    try:
        r = httpx.get(url, timeout=2, trust_env=False)
    except httpx.HTTPError:
        return None
    return r.json() if r.status_code == 200 else None


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_serve_registers_the_nightly_schedule_and_a_triggered_run_fills_the_warehouse(tmp_path, prefect_server):
    api, env = prefect_server
    registry = tmp_path / "sources.csv"
    registry.write_text("council,url,doc_type,period,notes\n" + "".join(f"C{i},{p},,,\n" for i, p in enumerate(SEEDS[1:4])))
    db = tmp_path / "w.db"
    log = open(tmp_path / "serve.log", "wb")
    serve = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--sources", str(registry),
                              "--db", f"sqlite:///{db}", "--raw-dir", str(tmp_path / "raw"), "--name", "test-harvest",
                              "--cron", "30 1 * * *"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                             env={**env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}, start_new_session=True)
    try:
        dep = wait_for("the deployment", lambda: _get(f"{api}/deployments/name/harvest/test-harvest"), STARTUP, serve)
        schedule = dep["schedules"][0]["schedule"]
        assert (schedule["cron"], schedule["timezone"]) == ("30 1 * * *", "Europe/London")
        assert dep["parameters"]["db_url"] == f"sqlite:///{db}" and dep["parameters"]["sources"] == str(registry)
        run = _post(f"{api}/deployments/{dep['id']}/create_flow_run")
        final = wait_for("the triggered run", lambda: _final_state(api, run.json()["id"]), RUN, serve)
        assert final == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        stop(serve, signal.SIGINT)
        log.close()
    engine = open_warehouse(f"sqlite:///{db}")
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from documents where status = 'ok'")).scalar() == 3
        assert conn.execute(text("select status from harvest_runs")).scalar() == "ok"
    engine.dispose()


def _post(url: str, attempts: int = 8) -> httpx.Response:
    """POST as Prefect's own client does: a 503 (the server's SQLite briefly busy) is retried with backoff."""
    for attempt in range(attempts):
        r = httpx.post(url, json={}, timeout=10, trust_env=False)
        if r.status_code not in (502, 503) or attempt == attempts - 1:
            r.raise_for_status()
            return r
        time.sleep(0.5 * 2 ** min(attempt, 4))
    raise AssertionError("unreachable")


def _final_state(api: str, run_id: str) -> Any:
    state = (_get(f"{api}/flow_runs/{run_id}") or {}).get("state") or {}
    return state.get("type") if state.get("type") in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None


def test_default_schedule_is_2am_london_and_paths_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WAREHOUSE_URL", raising=False)
    opts = ServeOptions()
    assert (opts.cron, opts.timezone) == ("0 2 * * *", "Europe/London")
    params = deployment_parameters(opts)
    assert params["db_url"] == f"sqlite:///{tmp_path / 'data' / 'warehouse.db'}"
    assert params["sources"] == str(tmp_path / "data" / "sources.csv")


def test_bad_cron_or_time_zone_is_a_clear_error():
    with pytest.raises(SettingsError, match="cron 'at two' is not valid"):
        ServeOptions(cron="at two")
    with pytest.raises(SettingsError, match="time zone 'Europe/Londres' is unknown"):
        ServeOptions(timezone="Europe/Londres")


def test_serve_without_a_prefect_server_says_how_to_start_one(monkeypatch, capsys):
    from pipeline.cli import main
    monkeypatch.setenv("PREFECT_API_URL", "")
    assert main(["serve", "--sources", str(SEEDS[0])]) == 1
    assert "no Prefect server to schedule on: PREFECT_API_URL is not set; start one with `prefect server " \
           "start`" in capsys.readouterr().err
