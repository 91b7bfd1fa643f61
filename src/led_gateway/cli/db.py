"""``led-gateway db``: the database schema and its reference data."""

from __future__ import annotations

import click

from led_gateway.cli.common import clear_errors, db_option, engine_for, unit_of_work
from led_gateway.repository import migrate
from led_gateway.repository.reference_data import seed_reference_data


@click.group()
def db() -> None:
    """The database: create or upgrade its schema."""


@db.command("init")
@db_option
@clear_errors
def db_init(db_url: str) -> None:
    """Create the schema, or upgrade it to the newest revision, and add missing reference data."""
    before, after = migrate.upgrade(engine_for(db_url))
    if before == after:
        click.echo(f"schema already at revision {after}")
    else:
        click.echo(f"schema upgraded from {before or 'empty'} to revision {after}")
    with unit_of_work(db_url)() as uow:
        added = seed_reference_data(uow)
        uow.commit()
    if added:
        click.echo(f"coverage table: {added} sources added")
