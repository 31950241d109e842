"""SQLAlchemy 2 tables of the warehouse.

Internal tables have singular names; analysts query the views of ``views.py`` (the contract in
docs/WAREHOUSE.md). Money is stored as integer pence (``*_pence``), never as floating point; the views
turn it into pounds. Every fact row keeps its provenance (page or line, bbox, raw text).
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Integer, MetaData,
                        Numeric, String, Table, Text, UniqueConstraint)

metadata = MetaData()



def _doc_fk() -> Column:  # type: ignore[type-arg]
    return Column("document_id", Integer, ForeignKey("document.document_id", ondelete="CASCADE"), nullable=False, index=True)


def _prov() -> list[Column]:  # type: ignore[type-arg]
    return [Column("page", Integer), Column("line", Integer), Column("bbox", String(80)),
            Column("raw_text", Text), Column("extractor", String(40))]


document = Table(
    "document", metadata,
    Column("document_id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("kind", String(16)),
    Column("encoding", String(16)),
    Column("council", String(120)),
    Column("period", String(16)),
    Column("doc_type", String(32)),
    Column("title", Text),
    Column("pages", Integer),
    Column("lines", Integer),
    Column("status", String(8), nullable=False),
    Column("error", Text),
    Column("raw_path", Text),
    Column("pipeline_version", String(32)),
    Column("run_id", String(64)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("service", String(120)),  # the Youth Justice Service (migration 0004)
)

budget_table = Table(
    "budget_table", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("table_index", Integer, nullable=False),
    Column("anchor", Text),
    Column("columns_printed", Text),  # JSON list
    Column("method", String(40)),
    Column("quality", Float),
    Column("period", String(16)),
    Column("notes", Text),
    *[Column(f"printed_{c}_pence", BigInteger) for c in ("staffing", "payments_in_kind", "delegated", "total")],
    *[Column(f"printed_{c}_raw", String(64)) for c in ("staffing", "payments_in_kind", "delegated", "total")],
    Column("total_page", Integer),
    Column("total_line", Integer),
    *_prov(),
    UniqueConstraint("document_id", "table_index"),
)

budget_line = Table(
    "budget_line", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("table_index", Integer, nullable=False),
    Column("line_index", Integer, nullable=False),
    Column("agency", String(32), nullable=False),
    Column("label", Text, nullable=False),
    *[Column(f"{c}_pence", BigInteger) for c in ("staffing", "payments_in_kind", "delegated", "total")],
    *[Column(f"{c}_raw", String(64)) for c in ("staffing", "payments_in_kind", "delegated", "total")],
    Column("placement_inferred", Boolean, default=False),
    Column("ambiguous", Boolean, default=False),
    Column("notes", Text),
    *_prov(),
    Column("subtotal_of", String(200)),  # a sub-total line: the line_index values it adds up ("2,3,4")
    UniqueConstraint("document_id", "table_index", "line_index"),
)

expenditure_line = Table(  # migration 0008: one row per printed cell of a cost table (how the money is spent)
    "expenditure_line", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("table_index", Integer, nullable=False),
    Column("anchor", Text),
    Column("period", String(16)),
    Column("line_index", Integer, nullable=False),  # 1-based among the table's lines; the total row follows them
    Column("label", Text, nullable=False),
    Column("is_total", Boolean, nullable=False, default=False),
    Column("column_index", Integer, nullable=False),
    Column("column_name", Text),
    Column("is_total_column", Boolean, nullable=False, default=False),
    Column("amount_pence", BigInteger),
    Column("amount_raw", String(64)),
    *_prov(),
    UniqueConstraint("document_id", "table_index", "line_index", "column_index"),
)

narrative_total = Table(
    "narrative_total", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("amount_pence", BigInteger, nullable=False),
    Column("amount_raw", String(64)),
    Column("quote", Text),
    *_prov(),
)

staffing_fte_cell = Table(
    "staffing_fte_cell", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("table_index", Integer),
    Column("contract", String(48), nullable=False),
    Column("role", String(48)),
    Column("basis", String(16)),
    Column("fte", Numeric(12, 4), nullable=False),
    Column("fte_raw", String(32)),
    *_prov(),
)

staffing_headcount_cell = Table(
    "staffing_headcount_cell", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("table_index", Integer),
    Column("ethnicity", String(120), nullable=False),
    Column("ethnicity_group", String(32)),
    Column("role", String(48)),
    Column("sex", String(8)),
    Column("headcount", Integer, nullable=False),
    Column("headcount_raw", String(32)),
    *_prov(),
)

indicator_statement = Table(
    "indicator_statement", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("indicator", String(48), nullable=False),
    Column("value", Numeric(18, 6), nullable=False),
    Column("value_raw", String(200)),
    Column("unit", String(40), nullable=False),
    Column("scope", String(40), nullable=False),
    Column("comparator", String(240)),
    Column("kind", String(24), nullable=False),
    Column("period_label", String(200)),
    Column("sentence", Text),
    *_prov(),
    Column("qualifier", String(40)),  # 'about', 'just below': as printed beside the figure
)

inspection = Table(
    "inspection", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("inspectorate", String(32)),
    Column("overall", String(64)),
    Column("grades", Text),  # JSON list of [group, grade, count]
    *_prov(),
)

finding = Table(
    "finding", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("check_name", String(48), nullable=False),
    Column("severity", String(8), nullable=False),
    Column("message", Text, nullable=False),
    Column("expected", Text),
    Column("found", Text),
    Column("difference", Numeric(18, 4)),
    Column("diagnosis", Text),
    Column("supported_value", Text),
    Column("evidence", Text),  # JSON list of provenance dicts
    *_prov(),
)
