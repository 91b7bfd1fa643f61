"""Alembic environment: runs migrations on the connection the caller hands in."""

from alembic import context

from led_gateway.repository.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
