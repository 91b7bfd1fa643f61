"""``led-gateway bewijs``: bewijzen delivered in bulk by a source."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from led_gateway.cli.common import clear_errors, db_option, unit_of_work
from led_gateway.mutations.bewijs_import import DEFAULT_BATCH, BewijsImport, ImportFileError, ImportReport


@click.group()
def bewijs() -> None:
    """Bewijzen: initial loads from a source."""


@bewijs.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--leverancier",
    default=None,
    help="Identificatie of the leverancier that delivers the file (default: any active one "
    "that may deliver for a record's Leverancier/Naam).",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Records per commit.",
)
@db_option
@clear_errors
def import_command(file: Path, leverancier: str | None, batch: int, db_url: str) -> None:
    """Register the Bewijsregistratie records of FILE, as RegistreerBewijs would one by one.

    FILE is XML: a root element Bewijsregistraties in the namespace
    http://registreerbewijs.bewijsregistratiedienst.led.vlaanderen.be (with a prefix), holding
    unqualified Bewijsregistratie elements as in a RegistreerBewijs request. Records already
    registered count as already present, so running a file again changes nothing. Exit status 1
    when a record was refused.
    """
    run = BewijsImport(unit_of_work(db_url, writes=True), leverancier, batch)
    try:
        report = run.run(file, progress=sys.stderr.isatty())
    except ImportFileError as exc:
        raise click.ClickException(str(exc)) from None
    _print(report)
    if report.refused:
        click.get_current_context().exit(1)


def _print(report: ImportReport) -> None:
    for refused in report.refused:
        click.echo(f"refused {refused}")
    click.echo(f"records read:    {report.read}")
    click.echo(f"registered:      {report.registered}")
    click.echo(f"already present: {report.already_present}")
    click.echo(f"refused:         {len(report.refused)}")
