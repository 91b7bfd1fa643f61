"""repertorium and coverage

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 04:31:40.481303
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dekking",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("leverancier_naam", sa.String(length=100), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("opgenomen_vanaf", sa.Date(), nullable=False),
        sa.Column("volledig_vanaf", sa.Date(), nullable=True),
        sa.Column("eigen_verklaring", sa.Boolean(), nullable=False),
        sa.Column("vanaf_leeftijd", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "inschrijvingen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afnemer_id", sa.Integer(), nullable=False),
        sa.Column("insz", sa.String(length=11), nullable=False),
        sa.Column("hoedanigheid", sa.String(length=24), nullable=True),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("einde", sa.Date(), nullable=True),
        sa.Column("ingeschreven_op", sa.DateTime(), nullable=False),
        sa.Column("uitgeschreven_op", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["afnemer_id"],
            ["afnemers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inschrijvingen", schema=None) as batch_op:
        batch_op.create_index("ix_inschrijvingen_insz_afnemer", ["insz", "afnemer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inschrijvingen", schema=None) as batch_op:
        batch_op.drop_index("ix_inschrijvingen_insz_afnemer")

    op.drop_table("inschrijvingen")
    op.drop_table("dekking")
