"""mutations, notifications and receipts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 04:41:41.385242
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mutaties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referte", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=2), nullable=False),
        sa.Column("insz", sa.String(length=11), nullable=False),
        sa.Column("bewijs_id", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(), nullable=False),
        sa.Column("bron_referte", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["bewijs_id"],
            ["bewijzen.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referte"),
    )
    with op.batch_alter_table("mutaties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mutaties_bewijs_id"), ["bewijs_id"], unique=False)

    op.create_table(
        "ontvangsten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referte", sa.String(length=36), nullable=False),
        sa.Column("afnemer_id", sa.Integer(), nullable=False),
        sa.Column("kanaal", sa.String(length=20), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(), nullable=False),
        sa.Column("bevestigd_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["afnemer_id"],
            ["afnemers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referte"),
    )
    with op.batch_alter_table("ontvangsten", schema=None) as batch_op:
        batch_op.create_index("ix_ontvangsten_afnemer", ["afnemer_id", "id"], unique=False)

    op.create_table(
        "notificaties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afnemer_id", sa.Integer(), nullable=False),
        sa.Column("mutatie_id", sa.Integer(), nullable=False),
        sa.Column("inschrijving_id", sa.Integer(), nullable=False),
        sa.Column("ontvangst_id", sa.Integer(), nullable=True),
        sa.Column("afgeleverd_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["afnemer_id"],
            ["afnemers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["inschrijving_id"],
            ["inschrijvingen.id"],
        ),
        sa.ForeignKeyConstraint(
            ["mutatie_id"],
            ["mutaties.id"],
        ),
        sa.ForeignKeyConstraint(
            ["ontvangst_id"],
            ["ontvangsten.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notificaties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notificaties_ontvangst_id"), ["ontvangst_id"], unique=False)
        batch_op.create_index("ix_notificaties_wachtend", ["afnemer_id", "afgeleverd_op", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notificaties", schema=None) as batch_op:
        batch_op.drop_index("ix_notificaties_wachtend")
        batch_op.drop_index(batch_op.f("ix_notificaties_ontvangst_id"))

    op.drop_table("notificaties")
    with op.batch_alter_table("ontvangsten", schema=None) as batch_op:
        batch_op.drop_index("ix_ontvangsten_afnemer")

    op.drop_table("ontvangsten")
    with op.batch_alter_table("mutaties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mutaties_bewijs_id"))

    op.drop_table("mutaties")
