"""Issue 12, HTTP side: a loopback server that misbehaves; every case bounded, recorded, one line, no secret kept."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.cli import main
from pipeline.errors import FetchError
from pipeline.fetch import FetchLimits, fetch_url
from pipeline.harvest import HarvestSettings, run_harvest
from pipeline.settings import DocumentLimits
from pipeline.warehouse.db import open_warehouse

from tests.conftest import SEEDS
from tests.http_server import FaultServer

pytestmark = pytest.mark.timeout(60)

FAST = FetchLimits(timeout=5, deadline=30, attempts=3, backoff=0.05, backoff_max=0.1, trust_env=False)
DOCS = {"a.txt": SEEDS[0].read_bytes(), "b.txt": SEEDS[1].read_bytes(),
        "small.txt": b"Sometown Youth Justice Plan 2019/20\nThe partnership met four times.\n"}


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """The first extraction in a process pays one-off set-up (seconds on a busy machine); pay it before the
    tests whose deadlines are a second or two."""
    from pipeline.stages import process
    process(DOCS["small.txt"], "warm-up.txt")


def registry(folder: Path, rows: list[tuple[str, str]]) -> str:
    path = folder / "sources.csv"
    path.write_text("council,url,doc_type,period,notes\n" + "".join(f"{c},{u},,,\n" for c, u in rows))
    return str(path)


def harvest(tmp_path: Path, db_url: str, rows: list[tuple[str, str]], deadline: float = 30.0) -> dict[str, object]:
    settings = HarvestSettings(raw_dir=str(tmp_path / "raw"), fetch=FAST, workers=2,
                               limits=DocumentLimits(deadline_seconds=deadline))
    return {r.council: r for r in run_harvest(db_url, registry(tmp_path, rows), settings)}


def rows_of(db_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = open_warehouse(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql)).all()]
    finally:
        engine.dispose()


def test_headers_sent_one_line_at_a_time_stop_at_the_document_deadline(tmp_path, db_url):
    with FaultServer(DOCS) as srv:
        t0 = time.monotonic()
        by = harvest(tmp_path, db_url, [("Trickle", srv.url("/slowheaders/0.2")), ("Ok", srv.url("/doc/small.txt"))],
                     deadline=1.5)
        took = time.monotonic() - t0
    trickle = by["Trickle"]
    assert trickle.outcome == "failed" and "per-document deadline of 1.5s passed" in trickle.reason  # type: ignore[attr-defined]
    assert by["Ok"].outcome == "ingested", by["Ok"].reason  # type: ignore[attr-defined]
    assert took < 1.5 + 8  # the deadline plus a margin (the ingest of the good document included)
    assert srv.hits["/slowheaders/0.2"] == 1  # a deadline is not retried
    assert rows_of(db_url, "select status, failed from harvest_runs") == [("partial", 1)]


def test_fetch_alone_is_bounded_by_its_deadline_when_bytes_trickle():
    with FaultServer() as srv:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="deadline of 1s passed"):
            fetch_url(srv.url("/slowheaders/0.1"), limits=FetchLimits(timeout=30, deadline=1, trust_env=False))
        assert time.monotonic() - t0 < 3


def test_304_to_a_plain_get_is_one_failure_not_a_loop(tmp_path, db_url):
    with FaultServer(DOCS) as srv:
        by = harvest(tmp_path, db_url, [("Odd", srv.url("/always304/a.txt")), ("Ok", srv.url("/doc/b.txt"))])
    odd = by["Odd"]
    assert odd.outcome == "failed" and "304 Not Modified to a request without validators" in odd.reason  # type: ignore[attr-defined]
    assert srv.hits["/always304/a.txt"] == 1 and by["Ok"].outcome == "ingested"  # type: ignore[attr-defined]


def test_304_with_a_lost_copy_refetches_once(tmp_path, db_url):
    """A stored fetch state whose raw copy is gone: one refetch without validators."""
    with FaultServer(DOCS) as srv:
        first = harvest(tmp_path, db_url, [("A", srv.url("/doc/a.txt"))])
        assert first["A"].outcome == "ingested"  # type: ignore[attr-defined]
        for f in (tmp_path / "raw").iterdir():
            f.unlink()
        engine = open_warehouse(db_url)
        with engine.begin() as conn:  # a newer pipeline version would re-extract: the copy is needed
            conn.execute(text("update document set pipeline_version = 'old'"))
        engine.dispose()
        by = harvest(tmp_path, db_url, [("A", srv.url("/doc/a.txt"))])
    assert by["A"].outcome == "ingested"  # type: ignore[attr-defined]
    assert srv.hits["/doc/a.txt"] == 3  # first fetch, the 304, one refetch without validators


@pytest.mark.parametrize("url, reason", [
    ("http://[::1/x.pdf", "malformed URL: Invalid IPv6 URL"),
    ("http://127.0.0.1:99999/x.pdf", "malformed URL: Port out of range"),
    ("ftp://127.0.0.1/plan.pdf", "unsupported URL scheme 'ftp'"),
    ("gopher://127.0.0.1/plan", "unsupported URL scheme 'gopher'"),
])
def test_a_bad_url_is_a_failed_source_and_the_harvest_goes_on(tmp_path, db_url, url, reason):
    with FaultServer(DOCS) as srv:
        by = harvest(tmp_path, db_url, [("Bad", url), ("Ok", srv.url("/doc/a.txt"))])
    assert by["Bad"].outcome == "failed" and reason in by["Bad"].reason  # type: ignore[attr-defined]
    assert by["Ok"].outcome == "ingested"  # type: ignore[attr-defined]
    assert rows_of(db_url, "select status, ingested, failed from harvest_runs") == [("partial", 1, 1)]


def test_a_bad_url_in_ingest_does_not_stop_the_files_after_it(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code = main(["ingest", "--no-flow", "--db", db, "--raw-dir", str(tmp_path / "raw"),
                 "http://[::1/x.pdf", "ftp://host/y.pdf", str(SEEDS[0])])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "1 ingested, 0 unchanged, 2 failed" in err
    assert "malformed URL" in err and "unsupported URL scheme 'ftp'" in err


def test_tls_error_is_not_retried(tmp_path):
    with FaultServer() as srv:  # https to a plain-HTTP server: the TLS handshake fails
        with pytest.raises(FetchError) as e:
            fetch_url(srv.url("/doc/a.txt").replace("http://", "https://"), limits=FAST)
    assert "TLS error (not retried)" in e.value.message and "gave up" not in e.value.message


def test_credentials_in_a_url_are_used_but_never_stored_or_printed(tmp_path, db_url, capsys):
    with FaultServer(DOCS) as srv:
        good = srv.url("/doc/a.txt").replace("http://", "http://alice:s3cret-pw@")
        gone = srv.url("/missing").replace("http://", "http://alice:s3cret-pw@")
        reg = registry(tmp_path, [("Good", good), ("Gone", gone)])
        code = main(["harvest", "--no-flow", "--sources", reg, "--db", db_url, "--raw-dir", str(tmp_path / "raw")])
    out = capsys.readouterr()
    assert code == 1 and "s3cret" not in out.err + out.out and "alice" not in out.err + out.out
    auth = [h.get("Authorization", "") for path, h in srv.seen_headers if path == "/doc/a.txt"]
    assert auth and auth[0].startswith("Basic ")  # the credentials did reach the server
    dump = rows_of(db_url, "select source, reason from harvest_results") + rows_of(
        db_url, "select url, last_error from fetch_state") + rows_of(db_url, "select source, error from document")
    assert dump and not any("s3cret" in str(v) or "alice" in str(v) for row in dump for v in row)
    assert any(str(srv.port) in str(row[0]) for row in dump)  # the URLs are stored, without the credentials


@pytest.mark.parametrize("url, shown", [
    ("http://u:p@ss@host:8/x?a=b@c", "http://host:8/x?a=b@c"),
    ("https://alice:pw@example.org/plan.pdf", "https://example.org/plan.pdf"),
    ("https://example.org/a@b.pdf", "https://example.org/a@b.pdf"),
    ("http://[::1/x.pdf", "http://[::1/x.pdf"),
    ("plain/path@x.txt", "plain/path@x.txt"),
])
def test_redact_removes_the_whole_userinfo_and_nothing_else(url, shown):
    from pipeline.urls import redact
    assert redact(url) == shown


def test_ingest_of_a_url_with_credentials_stores_and_prints_it_without_them(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with FaultServer(DOCS) as srv:
        urls = [srv.url(p).replace("http://", "http://bob:hunter2@") for p in ("/doc/small.txt", "/missing")]
        code = main(["ingest", "--no-flow", "--db", db, "--raw-dir", str(tmp_path / "raw"), *urls])
    out = capsys.readouterr()
    assert code == 1 and "hunter2" not in out.err + out.out and "1 ingested" in out.err
    stored = rows_of(db, "select source, error from document")
    assert len(stored) == 2 and not any("hunter2" in str(v) or "bob" in str(v) for row in stored for v in row)
