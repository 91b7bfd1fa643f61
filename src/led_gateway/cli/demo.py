"""``led-gateway demo``: synthetic demo data."""

from __future__ import annotations

import sys

import click

from led_gateway.cli.common import clear_errors, db_option, unit_of_work
from led_gateway.demo.loader import load_demo


@click.group()
def demo() -> None:
    """Synthetic demo data: afnemers, a leverancier and persons with bewijzen."""


@demo.command("load")
@db_option
@click.option("--persons", type=click.IntRange(min=0), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same data.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@clear_errors
def demo_load(db_url: str, persons: int, seed: int, quiet: bool) -> None:
    """Load the demo afnemers, the demo leverancier and PERSONS synthetic persons."""
    units = unit_of_work(db_url, writes=True)
    loaded = load_demo(units, persons, seed, progress=not quiet and sys.stderr.isatty())
    click.echo(f"loaded {persons} persons with {loaded} bewijzen")


@demo.command("persons")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@clear_errors
def demo_persons(db_url: str, limit: int) -> None:
    """Print INSZ numbers of persons that have bewijzen, one per line."""
    with unit_of_work(db_url)() as uow:
        for insz in uow.bewijzen.persons(limit):
            click.echo(insz)
