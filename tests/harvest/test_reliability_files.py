"""Issue 12, local side: hostile files and registries, each a recorded failure with a true one-line reason."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.cli import main
from pipeline.errors import DocumentError
from pipeline.harvest import HarvestSettings, run_harvest, start_run
from pipeline.limits import DeadlineExceeded, Deadline, run_bounded
from pipeline.registry import RegistryError, load_registry
from pipeline.settings import DocumentLimits
from pipeline.sources import read_local
from pipeline.warehouse.db import open_warehouse

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.timeout(60)

HEADER = "council,url,doc_type,period,notes\n"


def ingest(tmp_path: Path, *paths: str) -> tuple[int, str]:
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["ingest", "--no-flow", "--db", f"sqlite:///{tmp_path / 'w.db'}",
                     "--raw-dir", str(tmp_path / "raw"), *paths])
    return code, err.getvalue()


def test_a_fifo_and_dev_zero_are_refused_at_once_and_the_file_after_them_is_read(tmp_path, capfd):
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    t0 = time.monotonic()
    code = main(["ingest", "--no-flow", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--raw-dir", str(tmp_path / "raw"),
                 str(fifo), "/dev/zero", str(SEEDS[0])])
    err = capfd.readouterr().err
    assert time.monotonic() - t0 < 30 and code == 1
    assert "not a regular file (a FIFO)" in err and "not a regular file (a character device)" in err
    assert "1 ingested, 0 unchanged, 2 failed" in err and "Traceback" not in err


def test_symlink_loop_says_so(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(DocumentError, match="symlink loop"):
        read_local(tmp_path / "a", "a", 1000)
    with pytest.raises(DocumentError, match="broken symlink"):
        (tmp_path / "c").symlink_to(tmp_path / "nowhere")
        read_local(tmp_path / "c", "c", 1000)


def test_local_files_have_a_size_cap_like_fetches(tmp_path, db_url):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Youth Justice Plan\n" * 200)
    with pytest.raises(DocumentError, match="too large: 3,800 bytes, limit 1,000"):
        read_local(big, "big.txt", 1000)
    big.write_bytes(b"Youth Justice Plan\n" * 250_000)  # 4.75 MB
    reg = tmp_path / "sources.csv"
    reg.write_text(HEADER + f"Big,{big},,,\nOk,{SEEDS[0]},,,\n")
    settings = HarvestSettings(raw_dir=str(tmp_path / "raw"), limits=DocumentLimits(max_file_bytes=4_000_000))
    by = {r.council: r for r in run_harvest(db_url, str(reg), settings)}
    assert by["Big"].outcome == "failed" and "too large" in by["Big"].reason and by["Ok"].outcome == "ingested"


def test_utf16_text_is_read_not_called_binary(tmp_path):
    doc = tmp_path / "plan-utf16.txt"
    doc.write_bytes(SEEDS[0].read_text(encoding="utf-8", errors="replace").encode("utf-16"))
    code, err = ingest(tmp_path, str(doc))
    assert code == 0 and "1 ingested" in err
    engine = open_warehouse(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        row = conn.execute(text("select status, raw_path from document")).one()
    engine.dispose()
    assert row[0] == "ok" and Path(row[1]).is_absolute() and Path(row[1]).exists()  # raw_path is absolute


def test_registry_in_latin1_is_read(tmp_path):
    reg = tmp_path / "sources.csv"
    reg.write_bytes((HEADER + f"Bromley – Café,{SEEDS[0]},,,note é\n").encode("cp1252"))
    entries = load_registry(reg)
    assert [e.council for e in entries] == ["Bromley – Café"]


def test_registry_with_an_unterminated_quote_says_so(tmp_path):
    reg = tmp_path / "sources.csv"
    reg.write_text(HEADER + f"A,{SEEDS[0]},,,\n\"B,{SEEDS[1]},,,\nC,{SEEDS[2]},,,\n")
    with pytest.raises(RegistryError, match="unterminated quote: a quoted field opened on line 3 never closes"):
        load_registry(reg)


def test_local_paths_are_confined_to_allowed_folders(tmp_path, db_url):
    reg = tmp_path / "sources.csv"
    reg.write_text(HEADER + "Passwd,/etc/passwd,,,\nUp,../../../etc/hostname,,,\n"
                   f"Proc,file:///proc/self/environ,,,\nOk,{SEEDS[0]},,,\n")
    by = {r.council: r for r in run_harvest(db_url, str(reg), HarvestSettings(raw_dir=str(tmp_path / "raw")))}
    for name in ("Passwd", "Up", "Proc"):
        assert by[name].outcome == "failed" and "outside the allowed folders" in by[name].reason
    assert by["Ok"].outcome == "ingested"  # data/ under the current directory (the tests run from the root)
    allowed = load_registry(reg, allowed_dirs=("/etc", str(ROOT)))
    assert [e.problem for e in allowed if e.council == "Passwd"] == [""]


def test_an_interrupted_runs_counts_are_its_result_rows(tmp_path, db_url):
    """A harvest process killed mid-run: the next run marks it interrupted with the counts it did record."""
    reg = tmp_path / "sources.csv"
    reg.write_text(HEADER + "".join(f"C{i},{p},,,\n" for i, p in enumerate(SEEDS[:2])))
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    engine = open_warehouse(db_url)
    try:
        with engine.begin() as conn:  # the killed process's run, with one result row written
            conn.execute(text("insert into harvest_run (run_id, registry, started_at, status, sources, ingested, "
                              "unchanged, failed, host, pid) values ('dead', 'r', CURRENT_TIMESTAMP, 'running', 2, "
                              "0, 0, 0, :host, :pid)"), {"host": os.uname().nodename, "pid": proc.pid})
            conn.execute(text("insert into harvest_result (run_id, source, council, status, finished_at) "
                              "values ('dead', 'x', 'C0', 'ingested', CURRENT_TIMESTAMP)"))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        start_run(engine, "next", str(reg), 2)
        with engine.connect() as conn:
            row = conn.execute(text("select status, ingested, failed from harvest_run where run_id = 'dead'")).one()
    finally:
        engine.dispose()
    assert tuple(row) == ("interrupted", 1, 0)


def test_a_runaway_extraction_stops_at_the_deadline():
    def forever() -> None:
        while True:
            try:  # an extractor's broad handler must not swallow the stop
                sum(range(1000))
            except Exception:
                pass
    t0 = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="deadline of 0.5s passed"):
        run_bounded(forever, "loop.txt", Deadline.after(0.5))
    assert time.monotonic() - t0 < 3
    assert run_bounded(lambda: 42, "quick.txt", Deadline.after(0.5)) == 42
    time.sleep(0.7)  # the quick call's watchdog must not fire later in this thread


def test_a_text_document_over_the_text_cap_is_refused_before_extraction(tmp_path):
    from pipeline.limits import check_text_size
    big = b"Youth Justice Plan\n" * 1_200_000  # 22.8 MB of text
    with pytest.raises(DocumentError, match="too large for a text document: 22,800,000 bytes"):
        check_text_size(big, "big.txt")
    check_text_size(b"%PDF-1.7\n" + big, "big.pdf")  # PDFs have their own guard
    doc = tmp_path / "big.txt"
    doc.write_bytes(big)
    t0 = time.monotonic()
    code, err = ingest(tmp_path, str(doc))
    assert code == 1 and "too large for a text document" in err and time.monotonic() - t0 < 20


def test_a_symlink_loop_in_the_registry_is_a_failed_source_that_says_so(tmp_path, db_url):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    reg = tmp_path / "sources.csv"
    reg.write_text(HEADER + f"Loop,a.txt,,,\nOk,{SEEDS[0]},,,\n")
    by = {r.council: r for r in run_harvest(db_url, str(reg), HarvestSettings(raw_dir=str(tmp_path / "raw")))}
    assert by["Loop"].outcome == "failed" and "symlink loop" in by["Loop"].reason.lower(), by["Loop"].reason
    assert by["Ok"].outcome == "ingested"
