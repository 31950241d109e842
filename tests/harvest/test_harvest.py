"""The harvest stages (no Prefect) against a real HTTP server on 127.0.0.1 and real SQLite."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.fetch import FetchLimits
from pipeline.harvest import HarvestSettings, run_harvest
from pipeline.registry import RegistryError, load_registry, parse_registry
from pipeline.warehouse.db import open_warehouse

from tests.conftest import ROOT, SEEDS
from tests.http_server import FaultServer

FAST = FetchLimits(timeout=0.5, deadline=10, attempts=2, backoff=0.05, backoff_max=0.1, trust_env=False)
HEADER = "council,url,doc_type,period,notes\n"


def write_registry(folder: Path, rows: list[tuple[str, str]]) -> str:
    path = folder / "sources.csv"
    path.write_text(HEADER + "".join(f"{c},{u},youth_justice_plan,2019/20,\n" for c, u in rows))
    return str(path)


def settings(tmp_path: Path, **kw: object) -> HarvestSettings:
    return HarvestSettings(raw_dir=str(tmp_path / "raw"), fetch=FAST, **kw)  # type: ignore[arg-type]


def query(db_url: str, sql: str) -> list:  # type: ignore[type-arg]
    engine = open_warehouse(db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)).all())
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- registry


def test_bundled_registry_lists_the_bundled_corpus():
    entries = load_registry(ROOT / "data" / "sources.csv")
    files = {Path(e.location) for e in entries}
    assert files == set(SEEDS) | set((ROOT / "data" / "samples" / "real").glob("*.txt"))
    assert all(Path(e.location).exists() and not e.is_url for e in entries)


def test_relative_paths_resolve_against_the_registry_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    entries = parse_registry(HEADER + "A,plan.txt,,,\nB,file:///x/y.pdf,other,,\n#C,gone.txt,,,\n"
                             "D,https://example.org/p.pdf,committee_report,2019/20,note\n", "reg.csv",
                             tmp_path / "sub")
    assert [e.location for e in entries] == [str(tmp_path / "sub" / "plan.txt"), "/x/y.pdf",
                                             "https://example.org/p.pdf"]
    assert entries[0].source == "sub/plan.txt" and entries[0].doc_type == "youth_justice_plan"
    assert entries[2].is_url and entries[2].period == "2019/20"


@pytest.mark.parametrize("text_, message", [
    ("council,link\nA,x\n", "reg.csv, line 1: header lacks column(s) url, doc_type"),
    (HEADER + "A,x.txt,plan,,\n", "reg.csv, line 2: doc_type 'plan' is not one of youth_justice_plan"),
    (HEADER + ",x.txt,other,,\n", "reg.csv, line 2: row has no council"),
])
def test_bad_registry_says_where_and_why(text_, message, tmp_path):
    with pytest.raises(RegistryError) as e:
        parse_registry(text_, "reg.csv", tmp_path)
    assert e.value.describe().startswith(message)


def test_missing_registry_names_the_option(tmp_path):
    with pytest.raises(RegistryError, match="registry file not found; pass --sources FILE"):
        load_registry(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- faults


def test_faults_are_recorded_and_never_stop_the_others(tmp_path, db_url):
    docs = {"a.txt": SEEDS[0].read_bytes(), "b.txt": SEEDS[1].read_bytes()}
    with FaultServer(docs) as srv:
        rows = [("Ok", srv.url("/doc/a.txt")), ("Flaky", srv.url("/flaky/1/b.txt")),
                ("Gone", srv.url("/missing")), ("Slow", srv.url("/slow/5")),
                ("Cut", srv.url("/truncated")), ("Loop", srv.url("/loop/a")),
                ("Landing", srv.url("/landing.pdf")), ("Local", str(SEEDS[2]))]
        results = run_harvest(db_url, write_registry(tmp_path, rows), settings(tmp_path))
    by = {r.council: r for r in results}
    assert {c: r.outcome for c, r in by.items()} == {
        "Ok": "ingested", "Flaky": "ingested", "Gone": "failed", "Slow": "failed", "Cut": "failed",
        "Loop": "failed", "Landing": "failed", "Local": "ingested"}
    assert by["Flaky"].attempts == 2 and srv.hits["/flaky/1/b.txt"] == 2
    assert by["Gone"].reason == f"{srv.url('/missing')}: HTTP 404 Not Found" and by["Gone"].http_status == 404
    assert srv.hits["/missing"] == 1
    assert "gave up after 2 attempts: timed out" in by["Slow"].reason
    assert "truncated body" in by["Cut"].reason or "closed early" in by["Cut"].reason
    assert "more than 5 redirects" in by["Loop"].reason
    assert "expected a PDF but the server sent an HTML page" in by["Landing"].reason
    landing = Path(by["Landing"].raw_path or "")
    assert landing.exists() and landing.read_bytes().startswith(b"<!DOCTYPE html>")  # kept, not lost

    run = query(db_url, "select status, sources, ingested, unchanged, failed, reason, finished_at from harvest_runs")
    assert [tuple(run[0][:6])] == [("partial", 8, 3, 0, 5, "5 of 8 sources failed")] and run[0].finished_at
    recorded = dict(query(db_url, "select council, reason from harvest_results where status = 'failed'"))
    assert recorded["Gone"].endswith("HTTP 404 Not Found") and len(recorded) == 5
    docs_rows = query(db_url, "select status, error from documents where status = 'failed'")
    assert len(docs_rows) == 1 and "HTML page" in docs_rows[0].error


def test_unchanged_documents_are_not_fetched_or_extracted_again(tmp_path, db_url):
    with FaultServer({"a.txt": SEEDS[0].read_bytes()}) as srv:
        registry = write_registry(tmp_path, [("A", srv.url("/doc/a.txt")), ("Local", str(SEEDS[1]))])
        first = run_harvest(db_url, registry, settings(tmp_path))
        stamps = query(db_url, "select sha256, ingested_at from documents order by sha256")
        again = run_harvest(db_url, registry, settings(tmp_path))
    assert [r.outcome for r in first] == ["ingested", "ingested"]
    assert [r.outcome for r in again] == ["unchanged", "unchanged"] and again[0].http_status == 304
    assert "If-None-Match" not in srv.seen_headers[0][1] and "If-None-Match" in srv.seen_headers[-1][1]
    assert query(db_url, "select sha256, ingested_at from documents order by sha256") == stamps
    state = query(db_url, "select last_status, http_status, sha256 from fetch_state")
    assert [tuple(s) for s in state] == [("unchanged", 304, first[0].sha256)]


def test_same_bytes_without_validators_are_unchanged_by_sha(tmp_path, db_url):
    with FaultServer({"a.txt": SEEDS[0].read_bytes()}, etags=False) as srv:
        registry = write_registry(tmp_path, [("A", srv.url("/doc/a.txt"))])
        run_harvest(db_url, registry, settings(tmp_path))
        stamp = query(db_url, "select ingested_at from documents")
        again = run_harvest(db_url, registry, settings(tmp_path))
    assert again[0].outcome == "unchanged" and again[0].http_status == 200
    assert "If-None-Match" not in srv.seen_headers[-1][1]
    assert query(db_url, "select ingested_at from documents") == stamp


def test_304_reloads_from_the_raw_archive_when_the_warehouse_lost_it(tmp_path, db_url):
    with FaultServer({"a.txt": SEEDS[0].read_bytes()}) as srv:
        registry = write_registry(tmp_path, [("A", srv.url("/doc/a.txt"))])
        run_harvest(db_url, registry, settings(tmp_path))
        engine = open_warehouse(db_url)
        with engine.begin() as conn:
            conn.execute(text("delete from document"))
        engine.dispose()
        again = run_harvest(db_url, registry, settings(tmp_path))
    assert again[0].outcome == "ingested" and again[0].http_status == 304
    assert srv.hits["/doc/a.txt"] == 2 and len(query(db_url, "select * from documents")) == 1


def test_a_server_dying_mid_harvest_does_not_stop_the_others(tmp_path, db_url):
    docs = {f"{i}.txt": p.read_bytes() for i, p in enumerate(SEEDS[:4])}
    with FaultServer(docs) as srv:
        srv.die_after(2)
        rows = [(f"Remote{i}", srv.url(f"/doc/{i}.txt")) for i in range(4)] + [("Local", str(SEEDS[4]))]
        results = run_harvest(db_url, write_registry(tmp_path, rows), settings(tmp_path, workers=1))
    assert [r.outcome for r in results] == ["ingested", "ingested", "failed", "failed", "ingested"]
    assert all("gave up after 2 attempts" in r.reason for r in results[2:4])
    assert len(query(db_url, "select * from documents where status = 'ok'")) == 3
    assert query(db_url, "select status from harvest_runs")[0].status == "partial"


def test_invalid_settings_name_the_field():
    from pipeline.errors import SettingsError
    with pytest.raises(SettingsError, match="HarvestSettings.task_runner must be one of thread, dask"):
        HarvestSettings(task_runner="spark")
    with pytest.raises(SettingsError, match="FetchLimits.attempts must be an integer >= 1"):
        FetchLimits(attempts=0)


def test_cli_harvest_exit_status_and_one_line_per_failure(tmp_path, db_url, capsys):
    from pipeline.cli import main
    ok = write_registry(tmp_path, [("Local", str(SEEDS[0]))])
    assert main(["harvest", "--no-flow", "--sources", ok, "--db", db_url, "--raw-dir", str(tmp_path / "raw")]) == 0
    assert "1 ingested, 0 unchanged, 0 failed" in capsys.readouterr().err
    bad = write_registry(tmp_path, [("Local", str(SEEDS[0])), ("Gone", str(tmp_path / "gone.txt"))])
    assert main(["harvest", "--no-flow", "--sources", bad, "--db", db_url, "--raw-dir", str(tmp_path / "raw")]) == 1
    err = capsys.readouterr().err
    assert f"failed: {tmp_path / 'gone.txt'}: file not found" in err and "0 ingested, 1 unchanged, 1 failed" in err
