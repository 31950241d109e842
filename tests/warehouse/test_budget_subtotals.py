"""``budget_lines.subtotal_of`` (migration 0006): a section sub-total names the lines it adds up, so that the lines
can be summed without counting an amount twice; on SQLite and PostgreSQL, and over an upgrade from 0005."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from pipeline.stages import ingest_bytes
from pipeline.warehouse.db import open_warehouse

from tests.conftest import GOLD_SETS, REAL, gold_for
from tests.warehouse.revisions import OLD_DOCUMENT, upgrade_and_back
from tests.warehouse.test_postgres import pg_url  # noqa: F401  (the fixture: a fresh PostgreSQL database)

SECTIONED = next(p for p in REAL if p.name.startswith("Norfolk"))  # items, then a sub-total per section


def _check(engine) -> None:
    assert ingest_bytes(engine, SECTIONED.read_bytes(), SECTIONED.name).status == "ok"
    with engine.connect() as c:
        lines = c.execute(text("SELECT line_index, total, subtotal_of FROM budget_lines WHERE table_index = 1")).all()
        printed = c.execute(text("SELECT printed_total FROM budget_tables WHERE table_index = 1")).scalar()
    total = {r.line_index: Decimal(str(r.total or 0)) for r in lines}
    subtotals = [r for r in lines if r.subtotal_of is not None]
    assert len(subtotals) >= 2
    for r in subtotals:  # each names lines before it that are no sub-totals, and equals their sum in this plan
        parts = [int(k) for k in r.subtotal_of.split(",")]
        assert all(k < r.line_index and k not in {s.line_index for s in subtotals} for k in parts)
        assert sum(total[k] for k in parts) == total[r.line_index]
    counted = sum(Decimal(str(r.total or 0)) for r in lines if r.subtotal_of is None)
    # the plain lines alone add up to the printed grand total, but for the slip the plan's gold records in it
    [slip] = [q for q in gold_for(SECTIONED, GOLD_SETS)["quality_issues"] if q["check"] == "grand_total_mismatch"]
    assert counted == Decimal(str(printed)) - Decimal(slip["difference"])
    assert counted < sum(total.values())  # what summing every line would have counted twice


def test_subtotal_lines_name_what_they_add_up_on_sqlite(engine):
    _check(engine)


def test_subtotal_lines_name_what_they_add_up_on_postgresql(pg_url):  # noqa: F811
    pg = open_warehouse(pg_url)
    try:
        _check(pg)
    finally:
        pg.dispose()


def test_a_warehouse_at_0005_gains_the_column_and_keeps_its_lines(tmp_path):
    def at_head(engine) -> None:
        with engine.connect() as c:
            assert c.execute(text("SELECT agency, total, subtotal_of FROM budget_lines")).one() == ("police", 10000, None)
    upgrade_and_back(tmp_path, "0005", [OLD_DOCUMENT, "INSERT INTO budget_line (document_id, table_index, line_index, "
                                        "agency, label, total_pence) VALUES (1, 1, 1, 'police', 'Police', 1000000)"],
                     at_head, "budget_line", "subtotal_of")
