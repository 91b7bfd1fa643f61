"""``led-gateway certificaat``: the client certificates afnemers and leveranciers call with."""

from __future__ import annotations

from pathlib import Path

import click

from led_gateway.cli.common import (
    clear_errors,
    db_option,
    door_option,
    emit_json_lines,
    emit_table,
    format_option,
    now,
    unit_of_work,
)
from led_gateway.repository.models import CertificaatRow
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.wire.certificaat import CertificaatError, fingerprint_of_pem, normalise


@click.group()
def certificaat() -> None:
    """Certificates (SHA-256 fingerprints) of afnemers and leveranciers, with their history."""


def _fingerprint(fingerprint: str | None, pem: Path | None) -> str:
    if (fingerprint is None) == (pem is None):
        raise click.ClickException("give either --fingerprint or --pem")
    try:
        return normalise(fingerprint) if fingerprint else fingerprint_of_pem(pem.read_bytes())
    except CertificaatError as exc:
        raise click.ClickException(str(exc)) from None


def _require_known(uow: UnitOfWork, identificatie: str) -> None:
    if uow.afnemers.get(identificatie) is None and uow.leveranciers.get(identificatie) is None:
        raise click.ClickException(f"{identificatie} is neither a registered afnemer nor a leverancier")


@certificaat.command("add")
@click.argument("identificatie")
@click.option("--fingerprint", default=None, help="SHA-256 fingerprint (hex, with or without colons).")
@click.option("--pem", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--omschrijving", default=None)
@db_option
@door_option
@clear_errors
def add(identificatie, fingerprint, pem, omschrijving, db_url, door) -> None:
    """Allow IDENTIFICATIE to call with a certificate."""
    value = _fingerprint(fingerprint, pem)
    with unit_of_work(db_url)() as uow:
        _require_known(uow, identificatie)
        if value in uow.certificaten.active(identificatie):
            raise click.ClickException(f"{identificatie} already has certificate {value}")
        uow.certificaten.add(
            CertificaatRow(
                eigenaar=identificatie,
                vingerafdruk=value,
                omschrijving=omschrijving,
                toegevoegd_op=now(),
                toegevoegd_door=door,
            )
        )
        uow.commit()
    click.echo(f"{identificatie}: certificate {value} added")


@certificaat.command("remove")
@click.argument("identificatie")
@click.argument("fingerprint")
@db_option
@door_option
@clear_errors
def remove(identificatie, fingerprint, db_url, door) -> None:
    """Stop accepting a certificate (kept in the history)."""
    value = _fingerprint(fingerprint, None)
    with unit_of_work(db_url)() as uow:
        if not uow.certificaten.remove(identificatie, value, door, now()):
            raise click.ClickException(f"{identificatie} has no active certificate {value}")
        uow.commit()
    click.echo(f"{identificatie}: certificate {value} removed")


@certificaat.command("list")
@click.argument("identificatie", required=False)
@format_option
@db_option
@clear_errors
def list_certificates(identificatie, output_format, db_url) -> None:
    """Every certificate, active and removed, with who added and removed it when."""
    with unit_of_work(db_url)() as uow:
        rows = [
            {
                "identificatie": row.eigenaar,
                "vingerafdruk": row.vingerafdruk,
                "omschrijving": row.omschrijving,
                "toegevoegd_op": row.toegevoegd_op,
                "toegevoegd_door": row.toegevoegd_door,
                "verwijderd_op": row.verwijderd_op,
                "verwijderd_door": row.verwijderd_door,
            }
            for row in uow.certificaten.history(identificatie)
        ]
    if output_format == "json":
        emit_json_lines(rows)
    else:
        emit_table(rows, ["identificatie", "vingerafdruk", "toegevoegd_op", "verwijderd_op"])
