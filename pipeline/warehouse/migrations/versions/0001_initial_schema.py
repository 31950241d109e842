"""initial schema (views are derived objects: pipeline.warehouse.db.migrate recreates them after upgrade)

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 14:29:05.230647
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document',
    sa.Column('document_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('encoding', sa.String(length=16), nullable=True),
    sa.Column('council', sa.String(length=120), nullable=True),
    sa.Column('period', sa.String(length=16), nullable=True),
    sa.Column('doc_type', sa.String(length=32), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('lines', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('raw_path', sa.Text(), nullable=True),
    sa.Column('pipeline_version', sa.String(length=32), nullable=True),
    sa.Column('run_id', sa.String(length=64), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('document_id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_table('budget_line',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('table_index', sa.Integer(), nullable=False),
    sa.Column('line_index', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=32), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('staffing_pence', sa.BigInteger(), nullable=True),
    sa.Column('payments_in_kind_pence', sa.BigInteger(), nullable=True),
    sa.Column('delegated_pence', sa.BigInteger(), nullable=True),
    sa.Column('total_pence', sa.BigInteger(), nullable=True),
    sa.Column('staffing_raw', sa.String(length=64), nullable=True),
    sa.Column('payments_in_kind_raw', sa.String(length=64), nullable=True),
    sa.Column('delegated_raw', sa.String(length=64), nullable=True),
    sa.Column('total_raw', sa.String(length=64), nullable=True),
    sa.Column('placement_inferred', sa.Boolean(), nullable=True),
    sa.Column('ambiguous', sa.Boolean(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'table_index', 'line_index')
    )
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_line_document_id'), ['document_id'], unique=False)

    op.create_table('budget_table',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('table_index', sa.Integer(), nullable=False),
    sa.Column('anchor', sa.Text(), nullable=True),
    sa.Column('columns_printed', sa.Text(), nullable=True),
    sa.Column('method', sa.String(length=40), nullable=True),
    sa.Column('quality', sa.Float(), nullable=True),
    sa.Column('period', sa.String(length=16), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('printed_staffing_pence', sa.BigInteger(), nullable=True),
    sa.Column('printed_payments_in_kind_pence', sa.BigInteger(), nullable=True),
    sa.Column('printed_delegated_pence', sa.BigInteger(), nullable=True),
    sa.Column('printed_total_pence', sa.BigInteger(), nullable=True),
    sa.Column('printed_staffing_raw', sa.String(length=64), nullable=True),
    sa.Column('printed_payments_in_kind_raw', sa.String(length=64), nullable=True),
    sa.Column('printed_delegated_raw', sa.String(length=64), nullable=True),
    sa.Column('printed_total_raw', sa.String(length=64), nullable=True),
    sa.Column('total_page', sa.Integer(), nullable=True),
    sa.Column('total_line', sa.Integer(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'table_index')
    )
    with op.batch_alter_table('budget_table', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_table_document_id'), ['document_id'], unique=False)

    op.create_table('finding',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('check_name', sa.String(length=48), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('expected', sa.Text(), nullable=True),
    sa.Column('found', sa.Text(), nullable=True),
    sa.Column('difference', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('diagnosis', sa.Text(), nullable=True),
    sa.Column('supported_value', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_document_id'), ['document_id'], unique=False)

    op.create_table('indicator_statement',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Numeric(precision=18, scale=6), nullable=False),
    sa.Column('value_raw', sa.String(length=64), nullable=True),
    sa.Column('unit', sa.String(length=24), nullable=False),
    sa.Column('scope', sa.String(length=24), nullable=False),
    sa.Column('comparator', sa.String(length=120), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('period_label', sa.String(length=64), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('indicator_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_statement_document_id'), ['document_id'], unique=False)

    op.create_table('inspection',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('inspectorate', sa.String(length=32), nullable=True),
    sa.Column('overall', sa.String(length=64), nullable=True),
    sa.Column('grades', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_document_id'), ['document_id'], unique=False)

    op.create_table('narrative_total',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('amount_pence', sa.BigInteger(), nullable=False),
    sa.Column('amount_raw', sa.String(length=64), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('narrative_total', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_narrative_total_document_id'), ['document_id'], unique=False)

    op.create_table('staffing_fte_cell',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('table_index', sa.Integer(), nullable=True),
    sa.Column('contract', sa.String(length=48), nullable=False),
    sa.Column('role', sa.String(length=48), nullable=True),
    sa.Column('basis', sa.String(length=16), nullable=True),
    sa.Column('fte', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('fte_raw', sa.String(length=32), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staffing_fte_cell', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_fte_cell_document_id'), ['document_id'], unique=False)

    op.create_table('staffing_headcount_cell',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('table_index', sa.Integer(), nullable=True),
    sa.Column('ethnicity', sa.String(length=120), nullable=False),
    sa.Column('ethnicity_group', sa.String(length=32), nullable=True),
    sa.Column('role', sa.String(length=48), nullable=True),
    sa.Column('sex', sa.String(length=8), nullable=True),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('headcount_raw', sa.String(length=32), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('bbox', sa.String(length=80), nullable=True),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['document.document_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staffing_headcount_cell', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_headcount_cell_document_id'), ['document_id'], unique=False)



def downgrade() -> None:
    for view in ('documents', 'budget_lines', 'budget_tables', 'narrative_budget_totals', 'staffing_fte',
                 'staffing_headcount', 'indicators', 'quality_issues'):
        op.execute(f'DROP VIEW IF EXISTS {view}')
    with op.batch_alter_table('staffing_headcount_cell', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_headcount_cell_document_id'))

    op.drop_table('staffing_headcount_cell')
    with op.batch_alter_table('staffing_fte_cell', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_fte_cell_document_id'))

    op.drop_table('staffing_fte_cell')
    with op.batch_alter_table('narrative_total', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_narrative_total_document_id'))

    op.drop_table('narrative_total')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_document_id'))

    op.drop_table('inspection')
    with op.batch_alter_table('indicator_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_statement_document_id'))

    op.drop_table('indicator_statement')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_document_id'))

    op.drop_table('finding')
    with op.batch_alter_table('budget_table', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_table_document_id'))

    op.drop_table('budget_table')
    with op.batch_alter_table('budget_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_line_document_id'))

    op.drop_table('budget_line')
    op.drop_table('document')
