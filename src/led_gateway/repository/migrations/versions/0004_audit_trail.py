"""audit trail

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 04:49:48.718426
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ontvangen_op", sa.DateTime(), nullable=False),
        sa.Column("beantwoord_op", sa.DateTime(), nullable=False),
        sa.Column("dienst", sa.String(length=60), nullable=False),
        sa.Column("versie", sa.String(length=10), nullable=True),
        sa.Column("afzender", sa.String(length=120), nullable=True),
        sa.Column("hoedanigheid", sa.String(length=24), nullable=True),
        sa.Column("gebruiker_hash", sa.String(length=64), nullable=True),
        sa.Column("afzender_referte", sa.String(length=36), nullable=True),
        sa.Column("vraag_referte", sa.String(length=36), nullable=True),
        sa.Column("antwoord_referte", sa.String(length=36), nullable=True),
        sa.Column("uitkomst", sa.String(length=20), nullable=False),
        sa.Column("codes", sa.String(length=200), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("duur_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.create_index("ix_audit_afzender_tijdstip", ["afzender", "ontvangen_op"], unique=False)
        batch_op.create_index("ix_audit_ontvangen_op", ["ontvangen_op"], unique=False)

    op.create_table(
        "audit_subjecten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("rol", sa.String(length=10), nullable=False),
        sa.Column("insz_hash", sa.String(length=64), nullable=False),
        sa.Column("insz_versleuteld", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audit.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_subjecten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_subjecten_audit_id"), ["audit_id"], unique=False)
        batch_op.create_index("ix_audit_subjecten_hash", ["insz_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_subjecten", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_subjecten_hash")
        batch_op.drop_index(batch_op.f("ix_audit_subjecten_audit_id"))

    op.drop_table("audit_subjecten")
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_ontvangen_op")
        batch_op.drop_index("ix_audit_afzender_tijdstip")

    op.drop_table("audit")
