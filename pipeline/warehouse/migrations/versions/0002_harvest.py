"""harvest records: runs, per-source results, per-URL fetch state (ETag / Last-Modified / sha256)

Tables as in pipeline/warehouse/harvest_models.py; their views (harvest_runs, harvest_results) are
derived objects recreated by pipeline.warehouse.db.migrate.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "harvest_run",
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("registry", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("ingested", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("pipeline_version", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("run_id"),
    )
    op.create_table(
        "harvest_result",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("council", sa.String(length=120), nullable=True),
        sa.Column("doc_type", sa.String(length=32), nullable=True),
        sa.Column("period", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("raw_path", sa.Text(), nullable=True),
        sa.Column("findings", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["harvest_run.run_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["document.document_id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "source"),
    )
    with op.batch_alter_table("harvest_result", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harvest_result_run_id"), ["run_id"], unique=False)
    op.create_table(
        "fetch_state",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("content_type", sa.Text(), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("last_status", sa.String(length=16), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("run_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("url"),
    )


def downgrade() -> None:
    for view in ("harvest_runs", "harvest_results"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
    op.drop_table("fetch_state")
    with op.batch_alter_table("harvest_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_result_run_id"))
    op.drop_table("harvest_result")
    op.drop_table("harvest_run")
