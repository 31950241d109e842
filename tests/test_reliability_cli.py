"""Issue 12, the command line: every error that reaches the user is one line with the contract's exit status."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.timeout(60)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=50)


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def test_a_bogus_db_url_is_a_usage_error(tmp_path):
    p = run("report", "--db", "bogus://x", "--out", str(tmp_path / "r"))
    assert p.returncode == 2 and len(lines(p.stderr)) == 1, p.stderr
    assert "is not a database URL" in p.stderr and "Traceback" not in p.stderr


def test_an_unreachable_postgresql_is_one_line_without_the_password(tmp_path):
    reg = tmp_path / "sources.csv"
    reg.write_text(f"council,url,doc_type,period,notes\nA,{SEEDS[0]},,,\n")
    p = run("harvest", "--no-flow", "--sources", str(reg),
            "--db", "postgresql+psycopg://someone:pw-123@127.0.0.1:1/nothing")
    assert p.returncode == 1 and len(lines(p.stderr)) == 1, p.stderr
    assert "the warehouse cannot be used" in p.stderr and "pw-123" not in p.stderr and "Traceback" not in p.stderr


def test_report_refuses_a_warehouse_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "w.db"
    code = main(["report", "--db", f"sqlite:///{missing}", "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 1 and "no warehouse at this path" in err and len(lines(err)) == 1
    assert not missing.exists() and not missing.parent.exists()


def test_a_latin1_registry_harvests(tmp_path, capsys):
    reg = tmp_path / "sources.csv"
    reg.write_bytes(f"council,url,doc_type,period,notes\nSouthend-on-Sea – Café,{SEEDS[0]},,,£ note\n"
                    .encode("cp1252"))
    code = main(["harvest", "--no-flow", "--sources", str(reg), "--db", f"sqlite:///{tmp_path / 'w.db'}",
                 "--raw-dir", str(tmp_path / "raw")])
    err = capsys.readouterr().err
    assert code == 0 and "1 ingested" in err and "Traceback" not in err


def test_a_registry_problem_is_one_line(tmp_path):
    reg = tmp_path / "sources.csv"
    reg.write_text(f"council,url,doc_type,period,notes\n\"A,{SEEDS[0]},,,\n")
    p = run("harvest", "--no-flow", "--sources", str(reg), "--db", f"sqlite:///{tmp_path / 'w.db'}")
    assert p.returncode == 1 and len(lines(p.stderr)) == 1 and "unterminated quote" in p.stderr, p.stderr


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(tmp_path):
    target = tmp_path / "out-is-a-file"
    target.write_text("not a folder")
    db = tmp_path / "w.db"
    assert main(["ingest", "--no-flow", "--db", f"sqlite:///{db}", "--raw-dir", str(tmp_path / "raw"),
                 str(SEEDS[0])]) == 0
    p = run("report", "--db", f"sqlite:///{db}", "--out", str(target))
    assert p.returncode == 1 and len(lines(p.stderr)) == 1 and "Traceback" not in p.stderr, p.stderr
    d = run("--debug", "report", "--db", f"sqlite:///{db}", "--out", str(target))
    assert d.returncode != 0 and "Traceback" in d.stderr


@pytest.mark.slow  # the Prefect ephemeral server starts in the child process (20-100 s on a busy machine)
@pytest.mark.timeout(200)
def test_a_failing_source_under_the_prefect_flow_costs_one_layer_of_retries_and_no_traceback(tmp_path):
    from tests.http_server import FaultServer
    with FaultServer() as srv:
        reg = tmp_path / "sources.csv"
        reg.write_text(f"council,url,doc_type,period,notes\nDown,{srv.url('/flaky/99/a.txt')},,,\n"
                       f"Local,{SEEDS[0]},,,\n")
        env_db = f"sqlite:///{tmp_path / 'w.db'}"
        p = subprocess.run([sys.executable, "-m", "pipeline.cli", "harvest", "--sources", str(reg), "--db", env_db,
                            "--raw-dir", str(tmp_path / "raw"), "--deadline", "20"], cwd=ROOT, capture_output=True,
                           text=True, timeout=180,
                           env={**__import__("os").environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
                                "PREFECT_HOME": str(tmp_path / "prefect")})
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr and "1 ingested, 0 unchanged, 1 failed" in p.stderr, p.stderr
    assert srv.hits["/flaky/99/a.txt"] == 4  # the fetcher's 4 attempts, no task retry on top
    assert len(lines(p.stderr)) <= 4, p.stderr  # the failure and the summary (and Prefect's start line)
