"""``led-gateway``: the command line of the LED gateway.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import logging

import click

from led_gateway.cli.afnemer import afnemer
from led_gateway.cli.audit import audit
from led_gateway.cli.bewijs import bewijs
from led_gateway.cli.certificaat import certificaat
from led_gateway.cli.db import db
from led_gateway.cli.dekking import dekking
from led_gateway.cli.demo import demo
from led_gateway.cli.leverancier import leverancier
from led_gateway.cli.publiceer import publiceer
from led_gateway.cli.serve import serve


@click.group()
@click.version_option(package_name="led-gateway")
def main() -> None:
    """The LED gateway: MAGDA-compatible SOAP access to the LED."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


for command in (db, demo, afnemer, audit, leverancier, certificaat, dekking, bewijs, publiceer, serve):
    main.add_command(command)
