"""Expenditure lines: the cost tables of a plan (CIPFA groups, out-turn, forecast split by priority), cell by cell

A plan prints beside its partner contributions how the money is spent. ``expenditure_line`` holds one row per
printed cell of such a table: the table (index, heading, period if printed), the row (label, ``is_total`` for the
printed total row), the column (name as printed, ``is_total_column``), the amount in pence and as printed, and
its provenance. The ``expenditure_lines`` view shows it in pounds (created by pipeline.warehouse.db.migrate).
Documents loaded before this migration have no rows until re-ingested.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

VIEWS = ("documents", "budget_lines", "budget_tables", "expenditure_lines", "narrative_budget_totals",
         "staffing_fte", "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")


def _drop_views() -> None:
    for view in VIEWS:  # recreated by pipeline.warehouse.db.migrate after the upgrade
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    op.create_table(
        "expenditure_line",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.document_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("table_index", sa.Integer, nullable=False),
        sa.Column("anchor", sa.Text),
        sa.Column("period", sa.String(16)),
        sa.Column("line_index", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("is_total", sa.Boolean, nullable=False),
        sa.Column("column_index", sa.Integer, nullable=False),
        sa.Column("column_name", sa.Text),
        sa.Column("is_total_column", sa.Boolean, nullable=False),
        sa.Column("amount_pence", sa.BigInteger),
        sa.Column("amount_raw", sa.String(64)),
        sa.Column("page", sa.Integer), sa.Column("line", sa.Integer), sa.Column("bbox", sa.String(80)),
        sa.Column("raw_text", sa.Text), sa.Column("extractor", sa.String(40)),
        sa.UniqueConstraint("document_id", "table_index", "line_index", "column_index"),
    )
    op.create_index("ix_expenditure_line_document_id", "expenditure_line", ["document_id"])


def downgrade() -> None:
    _drop_views()
    op.drop_index("ix_expenditure_line_document_id", table_name="expenditure_line")
    op.drop_table("expenditure_line")
