"""``led-gateway publiceer``: mutations as PubliceerBewijs files, for afnemers that take files."""

from __future__ import annotations

from pathlib import Path

import click

from led_gateway.cli.common import clear_errors, db_option, now, unit_of_work
from led_gateway.mutations.publicatie import publiceer as publish


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory the files are written to (created when missing).",
)
@db_option
@clear_errors
def publiceer(out_dir: Path, db_url: str) -> None:
    """Write one PubliceerBewijs file per afnemer with notifications waiting, then mark them delivered.

    A file is complete before it appears under its name; a run that is interrupted writes the
    same file again next time, so nothing is skipped.
    """
    units = unit_of_work(db_url, writes=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    published = publish(units, out_dir, clock=now)
    for publicatie in published:
        click.echo(f"{publicatie.path}: {publicatie.onderwerpen} onderwerp(en) for {publicatie.afnemer}")
    total = sum(publicatie.onderwerpen for publicatie in published)
    click.echo(f"{len(published)} file(s) written, {total} onderwerp(en)")
