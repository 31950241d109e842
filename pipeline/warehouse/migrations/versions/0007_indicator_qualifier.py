"""Indicator statements: the qualifier a plan prints beside a figure ('about', 'just below', 'approximately')

A hedged figure ('hovered just below 50%', 'on average approximately 3') is a statement of the value with its
qualifier as printed, kept rather than dropped. The indicators view shows it as its last column (recreated by
pipeline.warehouse.db.migrate). Rows loaded before this migration keep NULL until re-ingested.

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")


def _drop_views() -> None:
    for view in VIEWS:  # recreated by pipeline.warehouse.db.migrate after the upgrade
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("indicator_statement") as batch:
        batch.add_column(sa.Column("qualifier", sa.String(40), nullable=True))


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("indicator_statement") as batch:
        batch.drop_column("qualifier")
