"""``led-gateway dekking``: the coverage table (which sources are complete since when)."""

from __future__ import annotations

from dataclasses import asdict

import click

from led_gateway.cli.common import (
    clear_errors,
    db_option,
    emit_json_lines,
    emit_table,
    format_option,
    unit_of_work,
)

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group()
def dekking() -> None:
    """The coverage table: what the LED holds of each source, since when, complete since when."""


@dekking.command("list")
@format_option
@db_option
@clear_errors
def list_dekking(output_format: str, db_url: str) -> None:
    """Every source with its coverage."""
    with unit_of_work(db_url)() as uow:
        rows = [asdict(bron) for bron in uow.dekking.all()]
    if output_format == "json":
        emit_json_lines(rows)
    else:
        emit_table(
            rows,
            [
                "key",
                "leverancier_naam",
                "opgenomen_vanaf",
                "volledig_vanaf",
                "vanaf_leeftijd",
                "eigen_verklaring",
            ],
        )


@dekking.command("set")
@click.argument("key")
@click.option("--opgenomen-vanaf", type=DAY, default=None)
@click.option("--volledig-vanaf", type=DAY, default=None)
@click.option("--vanaf-leeftijd", type=click.IntRange(0, 120), default=None)
@db_option
@clear_errors
def set_dekking(key, opgenomen_vanaf, volledig_vanaf, vanaf_leeftijd, db_url) -> None:
    """Change the coverage of one source (KEY as `dekking list` shows it)."""
    with unit_of_work(db_url)() as uow:
        row = uow.dekking.get(key)
        if row is None:
            raise click.ClickException(f"no source '{key}' in the coverage table")
        if opgenomen_vanaf is not None:
            row.opgenomen_vanaf = opgenomen_vanaf.date()
        if volledig_vanaf is not None:
            row.volledig_vanaf = volledig_vanaf.date()
        if vanaf_leeftijd is not None:
            row.vanaf_leeftijd = vanaf_leeftijd
        if row.volledig_vanaf is not None and row.volledig_vanaf < row.opgenomen_vanaf:
            raise click.ClickException("volledig vanaf cannot be before opgenomen vanaf")
        uow.commit()
    volledig = row.volledig_vanaf or row.opgenomen_vanaf
    click.echo(f"{key}: opgenomen vanaf {row.opgenomen_vanaf}, volledig vanaf {volledig}")
