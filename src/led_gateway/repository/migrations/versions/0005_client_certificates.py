"""client certificates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 05:06:59.431990
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificaten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("eigenaar", sa.String(length=120), nullable=False),
        sa.Column("vingerafdruk", sa.String(length=64), nullable=False),
        sa.Column("omschrijving", sa.String(length=255), nullable=True),
        sa.Column("toegevoegd_op", sa.DateTime(), nullable=False),
        sa.Column("toegevoegd_door", sa.String(length=120), nullable=False),
        sa.Column("verwijderd_op", sa.DateTime(), nullable=True),
        sa.Column("verwijderd_door", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("certificaten", schema=None) as batch_op:
        batch_op.create_index("ix_certificaten_eigenaar", ["eigenaar"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("certificaten", schema=None) as batch_op:
        batch_op.drop_index("ix_certificaten_eigenaar")

    op.drop_table("certificaten")
