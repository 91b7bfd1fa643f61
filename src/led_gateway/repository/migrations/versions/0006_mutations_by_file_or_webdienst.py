"""mutations by file or webdienst

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 05:35:49.816600
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("afnemers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mutaties_via", sa.String(length=20), server_default="webdienst", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("afnemers", schema=None) as batch_op:
        batch_op.drop_column("mutaties_via")
