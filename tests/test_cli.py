"""The run-flow command line: help everywhere, exit codes, one line per failure, the Prefect path."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pipeline.cli import app, main

from tests.conftest import ROOT, SEEDS


def commands() -> list[str]:
    import typer.main
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_the_contract_commands_exist():
    assert {"ingest"} <= set(commands())


@pytest.mark.parametrize("command", [None, *commands()])
def test_every_command_has_help(command, capsys):
    argv = ["--help"] if command is None else [command, "--help"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Usage" in out and ("--db" in out or command is None)


def test_usage_error_exits_2(capsys):
    assert main(["ingest", "--no-such-option", "x"]) == 2
    assert main(["no-such-command"]) == 2


def test_bad_files_fail_one_line_each_and_the_rest_is_ingested(tmp_path, db_url, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    code = main(["ingest", "--no-flow", "--db", db_url, "--raw-dir", str(tmp_path / "raw"),
                 str(empty), str(SEEDS[2]), str(binary), str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    failed = [ln for ln in err.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 3
    assert any("empty.txt: empty file" in ln for ln in failed)
    assert any("image.txt: binary file" in ln for ln in failed)
    assert any("missing.txt: file not found" in ln for ln in failed)
    eng = create_engine(db_url)
    with eng.connect() as c:
        rows = c.execute(text("select source, status, error from documents order by document_id")).all()
    assert [r.status for r in rows] == ["failed", "ok", "failed", "failed"]
    assert all(r.error for r in rows if r.status == "failed")
    # the raw bytes of the bad files are kept too
    assert len(list((tmp_path / "raw").iterdir())) == 3


def test_ingest_twice_keeps_one_document(db_url, tmp_path, capsys):
    args = ["ingest", "--no-flow", "--db", db_url, "--raw-dir", str(tmp_path / "raw"), str(SEEDS[0])]
    assert main(args) == 0 and main(args) == 0
    assert "0 ingested, 1 unchanged" in capsys.readouterr().err
    with create_engine(db_url).connect() as c:
        assert c.execute(text("select count(*) from documents")).scalar() == 1


@pytest.mark.slow
def test_run_flow_ingest_through_prefect(tmp_path, db_url):
    """The console script as a user runs it: a real Prefect flow (ephemeral server), exit 0."""
    exe = Path(sys.executable).parent / "run-flow"
    proc = subprocess.run([str(exe), "ingest", "--db", db_url, "--raw-dir", str(tmp_path / "raw"),
                           *map(str, SEEDS)], capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with create_engine(db_url).connect() as c:
        assert c.execute(text("select count(*) from documents where status='ok'")).scalar() == len(SEEDS)
