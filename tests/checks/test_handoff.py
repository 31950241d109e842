"""The durable hand-off: every ingested document's Extraction is stored per pipeline version, and `recheck`
re-runs the checks and the load from it without opening a source."""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.handoff import interim_path, load_extraction, recheck, stored
from pipeline.settings import Settings, Tolerances
from pipeline.stages import PIPELINE_VERSION, check, ingest_source
from pipeline.warehouse.db import open_warehouse

from tests.conftest import REAL, SAMPLES, SEEDS

DOCS = [SEEDS[0], SEEDS[2], next(p for p in REAL if p.name.startswith("Merton")),
        sorted((SAMPLES / "pdf").glob("*.pdf"))[0]]


def _findings(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return sorted(c.execute("SELECT check_name, severity, message, expected, found, difference, diagnosis, "
                                "supported_value, page, line FROM quality_issues").fetchall())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Copies of real documents ingested into a fresh warehouse, with their hand-offs stored."""
    tmp = tmp_path_factory.mktemp("handoff")
    src, interim, db = tmp / "src", tmp / "interim", tmp / "w.db"
    src.mkdir()
    engine = open_warehouse(f"sqlite:///{db}")
    for p in DOCS:
        shutil.copy(p, src / p.name)
        r = ingest_source(engine, str(src / p.name), raw_dir=None, interim_dir=str(interim))
        assert r.status == "ok", r.error
    engine.dispose()
    return src, interim, db


def test_each_document_is_stored_once_per_version_and_reads_back_exactly(ingested) -> None:
    src, interim, _ = ingested
    files = list(stored(interim, PIPELINE_VERSION))
    assert len(files) == len(DOCS)
    for p in DOCS:
        x = load_extraction(interim_path(interim, PIPELINE_VERSION, __import__("hashlib").sha256(
            p.read_bytes()).hexdigest()))
        assert x.findings == () and x.document.source == str(src / p.name)
        assert x.document.lines and (x.budget_tables or x.indicators or x.staffing_fte or x.narrative_totals)


def test_recheck_reproduces_the_stored_findings_without_any_source(ingested, tmp_path: Path) -> None:
    src, interim, db = ingested
    before = _findings(db)
    assert any(f[0] == "narrative_total_mismatch" for f in before)
    gone = tmp_path / "gone"
    shutil.move(str(src), gone)  # not a byte of any source can be read now
    try:
        engine = open_warehouse(f"sqlite:///{db}")
        results = recheck(engine, interim, PIPELINE_VERSION)
        engine.dispose()
    finally:
        shutil.move(str(gone), src)
    assert [r.status for r in results] == ["ok"] * len(DOCS)
    assert _findings(db) == before


def test_a_changed_tolerance_reaches_every_document_through_recheck(ingested, tmp_path: Path) -> None:
    _, interim, db = ingested
    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    loose = Settings(tolerances=Tolerances(money=Decimal("100000")))  # every money mismatch now within tolerance
    engine = open_warehouse(f"sqlite:///{copy}")
    recheck(engine, interim, PIPELINE_VERSION, loose)
    engine.dispose()
    money_checks = {"narrative_total_mismatch", "tables_disagree", "column_sum_mismatch", "grand_total_mismatch"}
    assert any(f[0] in money_checks for f in _findings(db))
    assert not any(f[0] in money_checks for f in _findings(copy))


def test_a_damaged_hand_off_is_a_failed_recheck_naming_the_file(tmp_path: Path, engine) -> None:
    bad = interim_path(tmp_path, "v", "0" * 64)
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"not gzip")
    [r] = recheck(engine, tmp_path, "v")
    assert r.status == "failed" and str(bad) in r.error and "cannot be read" in r.error


def test_checks_on_the_stored_extraction_equal_checks_on_a_fresh_one(ingested) -> None:
    from extractors.readers import read_document
    from pipeline.stages import extract
    _, interim, _ = ingested
    for path in stored(interim, PIPELINE_VERSION):
        x = load_extraction(path)
        fresh = extract(read_document(Path(x.document.source).read_bytes(), x.document.source))
        assert x == replace(fresh, findings=())
        assert check(x).findings == check(fresh).findings


def test_an_extractor_crash_names_the_step_and_the_document(engine, tmp_path: Path, monkeypatch) -> None:
    import pipeline.stages as stages

    def broken(doc, settings):  # type: ignore[no-untyped-def]
        raise KeyError("boom")
    monkeypatch.setattr(stages, "extract", broken)
    doc = tmp_path / "plan.txt"
    doc.write_text("Sometown Youth Justice Plan 2019/20\n")
    r = ingest_source(engine, str(doc), raw_dir=None, interim_dir=None)
    assert r.status == "failed" and r.error.startswith(f"{doc}: step 'extract' failed: internal error KeyError")


def test_recheck_from_the_command_line(ingested, tmp_path: Path) -> None:
    from pipeline.cli import main
    _, interim, db = ingested
    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    assert main(["recheck", "--db", f"sqlite:///{copy}", "--interim-dir", str(interim)]) == 0
    assert _findings(copy) == _findings(db)
    assert main(["recheck", "--db", f"sqlite:///{copy}", "--interim-dir", str(tmp_path / "none")]) == 0
    assert os.path.exists(copy)
