"""``expenditure_lines`` (migration 0008): the cost tables of a plan cell by cell, in pounds and as printed, with
provenance; on SQLite and PostgreSQL, and over an upgrade from 0007 (and back)."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import open_warehouse

from tests.conftest import REAL
from tests.warehouse.revisions import OLD_DOCUMENT, upgrade_and_back
from tests.warehouse.test_postgres import pg_url  # noqa: F401  (the fixture: a fresh PostgreSQL database)

PLYMOUTH = next(p for p in REAL if p.name.startswith("Plymouth"))  # out-turn, forecast and a split by priority


def _check(engine) -> None:
    assert ingest_bytes(engine, PLYMOUTH.read_bytes(), PLYMOUTH.name, interim_dir=None).status == "ok"
    with engine.connect() as c:
        rows = c.execute(text("SELECT table_index, table_period, line_index, label, is_total, column_index, "
                              "column_name, is_total_column, amount, amount_raw, line, raw_text, extractor "
                              "FROM expenditure_lines ORDER BY table_index, line_index, column_index")).all()
    assert len(rows) == 7 + 7 + 7 * 5
    employees = [r for r in rows if r.table_index == 3 and r.label == "Employees"]
    assert [Decimal(str(r.amount)) for r in employees] == [Decimal(v) for v in (465342, 116336, 155114, 38779, 775570)]
    assert [bool(r.is_total_column) for r in employees] == [False] * 4 + [True]
    assert employees[1].column_name == "REDUCTION IN FIRST TIME ENTRANTS" and employees[1].amount_raw == "116,336"
    assert all(r.line and r.raw_text and r.extractor == "expenditure" for r in rows)
    [total] = [r for r in rows if r.table_index == 1 and r.is_total]  # the out-turn total, its label lost
    assert (total.label, Decimal(str(total.amount)), total.table_period) == ("", Decimal(757988), None)
    lines = sum(Decimal(str(r.amount)) for r in rows if r.table_index == 1 and not r.is_total)
    assert lines == Decimal(758019)  # the slip the check raises
    assert {r.table_period for r in rows if r.table_index > 1} == {"2019/20"}


def test_cost_tables_cell_by_cell_on_sqlite(engine):
    _check(engine)


def test_cost_tables_cell_by_cell_on_postgresql(pg_url):  # noqa: F811
    pg = open_warehouse(pg_url)
    try:
        _check(pg)
    finally:
        pg.dispose()


def test_a_warehouse_at_0007_gains_the_table_and_keeps_its_documents(tmp_path):
    def at_head(engine) -> None:
        with engine.connect() as c:
            assert c.execute(text("SELECT council FROM documents")).scalars().all() == ["Leeds"]
            assert c.execute(text("SELECT count(*) FROM expenditure_lines")).scalar() == 0
        _check(engine)
    upgrade_and_back(tmp_path, "0007", [OLD_DOCUMENT], at_head, "expenditure_line")
