"""Provenance: the extractor that produced each fact (the pipeline version is on the document row)

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("budget_table", "budget_line", "narrative_total", "staffing_fte_cell", "staffing_headcount_cell",
          "indicator_statement", "inspection", "finding")
VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")


def _drop_views() -> None:
    # views are derived objects, recreated by pipeline.warehouse.db.migrate after the upgrade;
    # SQLite's batch mode copies tables, which views that name them would block
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("extractor", sa.String(40), nullable=True))


def downgrade() -> None:
    _drop_views()
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("extractor")
