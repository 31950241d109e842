"""Indicator statements: room for the units, comparators and periods plans print

The indicator vocabulary gained ``reoffences_per_reoffender`` (25 characters, past the old 24), and comparator
names and period labels as printed can run past their old widths; on PostgreSQL a longer value failed the whole
document. Widths only grow (nothing is truncated, on any backend).

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")
WIDER = (("unit", 24, 40), ("scope", 24, 40), ("kind", 16, 24), ("comparator", 120, 240),
         ("period_label", 64, 200), ("value_raw", 64, 200), ("indicator", 32, 48))


def _drop_views() -> None:
    for view in VIEWS:  # recreated by pipeline.warehouse.db.migrate after the upgrade
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("indicator_statement") as batch:
        for name, old, new in WIDER:
            batch.alter_column(name, type_=sa.String(new), existing_type=sa.String(old))


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("indicator_statement") as batch:
        for name, old, new in WIDER:
            batch.alter_column(name, type_=sa.String(old), existing_type=sa.String(new))
