"""bewijzen as answered: each bewijs keeps its Bewijs element

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 07:20:00.000000

Existing rows get the XML they are answered with now, written from their
columns, in batches, before the column becomes required.
"""

import sqlalchemy as sa
from alembic import op

from led_gateway.repository.queries import bewijs_from_row
from led_gateway.wire.bewijs import bewijs_xml

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.add_column("bewijzen", sa.Column("wire", sa.LargeBinary(), nullable=True))
    _write_existing()
    with op.batch_alter_table("bewijzen", schema=None) as batch_op:
        batch_op.alter_column("wire", existing_type=sa.LargeBinary(), nullable=False)


def _write_existing() -> None:
    connection = op.get_bind()
    table = sa.Table("bewijzen", sa.MetaData(), autoload_with=connection)
    update = table.update().where(table.c.id == sa.bindparam("row_id")).values(wire=sa.bindparam("xml"))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        written = [{"row_id": row.id, "xml": bewijs_xml(bewijs_from_row(row))} for row in rows]
        connection.execute(update, written)
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("bewijzen", schema=None) as batch_op:
        batch_op.drop_column("wire")
