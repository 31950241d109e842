"""The analysts' views (docs/WAREHOUSE.md). Names and columns here are a contract: add, never rename or drop.

Money is integer pence underneath; the views show pounds. On SQLite a whole-pound amount is shown as an
integer and an amount with pence as a two-decimal number; on PostgreSQL as ``numeric(…, 2)``.
"""
from __future__ import annotations

from typing import Any, Callable

MONEY = ("staffing", "payments_in_kind", "delegated", "total")


def pounds(expr: str, dialect: str) -> str:
    if dialect == "postgresql":
        return f"ROUND({expr} / 100.0, 2)"
    return f"CASE WHEN {expr} % 100 = 0 THEN {expr} / 100 ELSE ROUND({expr} / 100.0, 2) END"


def view_sql(dialect: str) -> dict[str, str]:
    """CREATE VIEW statements by view name, for the given SQLAlchemy dialect name."""
    money = ", ".join(f"{pounds('b.' + c + '_pence', dialect)} AS {c}" for c in MONEY)
    printed = ", ".join(f"{pounds('t.printed_' + c + '_pence', dialect)} AS printed_{c}" for c in MONEY)
    raws = ", ".join(f"b.{c}_raw" for c in MONEY)
    return {
        "documents": """
            SELECT d.document_id, d.source, d.sha256, d.council, d.period, d.doc_type, d.title, d.pages,
                   d.status, d.error, d.ingested_at, d.kind, d.lines, d.encoding, d.raw_path,
                   d.pipeline_version, d.run_id, d.service
            FROM document d""",
        "budget_lines": f"""
            SELECT b.document_id, d.council, d.period, b.table_index, b.agency, b.label, {money},
                   b.page, b.line, b.raw_text, b.line_index, b.bbox, {raws},
                   b.placement_inferred, b.ambiguous, b.notes, b.extractor, b.subtotal_of
            FROM budget_line b JOIN document d ON d.document_id = b.document_id""",
        "budget_tables": f"""
            SELECT t.document_id, d.council, d.period, t.table_index, t.anchor, t.columns_printed,
                   {printed}, t.method, t.quality, t.period AS table_period, t.notes,
                   t.page, t.line, t.bbox, t.total_page, t.total_line
            FROM budget_table t JOIN document d ON d.document_id = t.document_id""",
        "expenditure_lines": f"""
            SELECT e.document_id, d.council, d.period, e.table_index, e.period AS table_period, e.anchor,
                   e.line_index, e.label, e.is_total, e.column_index, e.column_name, e.is_total_column,
                   {pounds('e.amount_pence', dialect)} AS amount, e.amount_raw,
                   e.page, e.line, e.bbox, e.raw_text, e.extractor
            FROM expenditure_line e JOIN document d ON d.document_id = e.document_id""",
        "narrative_budget_totals": f"""
            SELECT n.document_id, d.council, d.period, {pounds('n.amount_pence', dialect)} AS amount,
                   n.amount_raw, n.quote, n.page, n.line, n.raw_text, n.extractor
            FROM narrative_total n JOIN document d ON d.document_id = n.document_id""",
        "staffing_fte": """
            SELECT s.document_id, d.council, d.period, s.contract, s.role, s.basis, s.fte, s.page, s.line,
                   s.fte_raw, s.bbox, s.table_index, s.raw_text, s.extractor
            FROM staffing_fte_cell s JOIN document d ON d.document_id = s.document_id""",
        "staffing_headcount": """
            SELECT s.document_id, d.council, d.period, s.ethnicity, s.role, s.sex, s.headcount, s.page,
                   s.line, s.ethnicity_group, s.headcount_raw, s.bbox, s.table_index, s.raw_text, s.extractor
            FROM staffing_headcount_cell s JOIN document d ON d.document_id = s.document_id""",
        "indicators": """
            SELECT i.document_id, d.council, d.period, i.indicator, i.value, i.unit, i.scope, i.comparator,
                   i.kind, i.period_label, i.sentence, i.page, i.line, i.value_raw, i.bbox, i.extractor,
                   i.qualifier
            FROM indicator_statement i JOIN document d ON d.document_id = i.document_id""",
        "quality_issues": """
            SELECT f.document_id, d.council, d.period, f.check_name, f.severity, f.message, f.expected,
                   f.found, f.difference, f.page, f.line, f.diagnosis, f.supported_value, f.evidence,
                   f.bbox, f.raw_text, f.id AS finding_id, f.extractor
            FROM finding f JOIN document d ON d.document_id = f.document_id""",
        # the harvest's run records (migration 0002, pipeline/warehouse/harvest_models.py)
        "harvest_runs": """
            SELECT r.run_id, r.started_at, r.finished_at, r.status, r.reason, r.sources, r.ingested,
                   r.unchanged, r.failed, r.registry, r.host, r.pid, r.pipeline_version
            FROM harvest_run r""",
        "harvest_results": """
            SELECT h.run_id, h.source, h.council, h.doc_type, h.period, h.status, h.reason, h.http_status,
                   h.attempts, h.sha256, h.document_id, h.findings, h.raw_path, h.started_at, h.finished_at
            FROM harvest_result h""",
    }


def create_views(execute: Callable[[str], Any], dialect: str) -> None:
    for name, body in view_sql(dialect).items():
        execute(f"DROP VIEW IF EXISTS {name}")
        execute(f"CREATE VIEW {name} AS {body}")


def drop_views(execute: Callable[[str], Any]) -> None:
    for name in view_sql("sqlite"):
        execute(f"DROP VIEW IF EXISTS {name}")
