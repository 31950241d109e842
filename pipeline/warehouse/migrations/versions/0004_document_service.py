"""Documents: the Youth Justice Service a document is about (a joint service serves several councils)

``document.service`` is the service's name from data/youth_justice_services.csv (for a single-council
service, the council). The documents view shows it as its last column (recreated by
pipeline.warehouse.db.migrate). Rows loaded before this migration keep NULL until re-ingested.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")


def _drop_views() -> None:
    # views are derived objects, recreated by pipeline.warehouse.db.migrate after the upgrade;
    # SQLite's batch mode copies tables, which views that name them would block
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("service", sa.String(120), nullable=True))


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("document") as batch:
        batch.drop_column("service")
