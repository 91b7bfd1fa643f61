"""``led-gateway leverancier``: the sources that may deliver bewijzen."""

from __future__ import annotations

import click

from led_gateway.cli.common import (
    clear_errors,
    db_option,
    emit_json_lines,
    emit_table,
    format_option,
    unit_of_work,
)
from led_gateway.repository.models import LeverancierRow

STATUSES = ("actief", "geschorst", "stopgezet")


@click.group()
def leverancier() -> None:
    """Leveranciers: their identity, the Leverancier/Naam values they deliver for, their status."""


@leverancier.command("register")
@click.argument("identificatie")
@click.option("--naam", required=True)
@click.option(
    "--leverancier-naam",
    "namen",
    multiple=True,
    required=True,
    help="A Leverancier/Naam value it may deliver for; repeat for several.",
)
@db_option
@clear_errors
def register(identificatie: str, naam: str, namen: tuple[str, ...], db_url: str) -> None:
    """Register a new leverancier."""
    with unit_of_work(db_url)() as uow:
        if uow.leveranciers.get(identificatie) is not None:
            raise click.ClickException(f"leverancier {identificatie} is already registered")
        uow.leveranciers.add(
            LeverancierRow(
                identificatie=identificatie, naam=naam, status="actief", leverancier_namen=list(namen)
            )
        )
        uow.commit()
    click.echo(f"{identificatie}: actief ({', '.join(namen)})")


@leverancier.command("status")
@click.argument("identificatie")
@click.argument("status", type=click.Choice(STATUSES))
@db_option
@clear_errors
def set_status(identificatie: str, status: str, db_url: str) -> None:
    """Set a leverancier's status (only an active one may deliver)."""
    with unit_of_work(db_url)() as uow:
        row = uow.leveranciers.get(identificatie)
        if row is None:
            raise click.ClickException(f"leverancier {identificatie} is not registered")
        row.status = status
        uow.commit()
    click.echo(f"{identificatie}: {status}")


@leverancier.command("list")
@format_option
@db_option
@clear_errors
def list_leveranciers(output_format: str, db_url: str) -> None:
    """Every leverancier with its status and Leverancier/Naam values."""
    with unit_of_work(db_url)() as uow:
        rows = [
            {
                "identificatie": row.identificatie,
                "naam": row.naam,
                "status": row.status,
                "leverancier_namen": row.leverancier_namen,
            }
            for row in uow.leveranciers.all()
        ]
    if output_format == "json":
        emit_json_lines(rows)
    else:
        emit_table(
            [{**row, "leverancier_namen": ", ".join(row["leverancier_namen"])} for row in rows],
            ["identificatie", "status", "naam", "leverancier_namen"],
        )
