"""Budget lines: which printed rows a sub-total line adds up

A table with section sub-totals (items, then 'Sub-total' in a second column) loads the sub-total as a budget line
of its own; summing ``budget_lines`` counted those amounts twice. ``budget_line.subtotal_of`` lists the
``line_index`` values of the rows a sub-total adds up ("2,3,4"); NULL on every other line. The budget_lines view
shows it as its last column (recreated by pipeline.warehouse.db.migrate): analysts sum
``WHERE subtotal_of IS NULL``. Rows loaded before this migration keep NULL until re-ingested.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

VIEWS = ("documents", "budget_lines", "budget_tables", "narrative_budget_totals", "staffing_fte",
         "staffing_headcount", "indicators", "quality_issues", "harvest_runs", "harvest_results")


def _drop_views() -> None:
    for view in VIEWS:  # recreated by pipeline.warehouse.db.migrate after the upgrade
        op.execute(f"DROP VIEW IF EXISTS {view}")


def upgrade() -> None:
    _drop_views()
    with op.batch_alter_table("budget_line") as batch:
        batch.add_column(sa.Column("subtotal_of", sa.String(200), nullable=True))


def downgrade() -> None:
    _drop_views()
    with op.batch_alter_table("budget_line") as batch:
        batch.drop_column("subtotal_of")
