"""``led-gateway``: the command line of the LED gateway.

Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import click
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from led_gateway.config import Settings, default_db_url
from led_gateway.demo.loader import DemoDataError, load_demo
from led_gateway.repository import migrate
from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.unit_of_work import UnitOfWork

db_option = click.option(
    "--db",
    "db_url",
    default=default_db_url,
    show_default="LED_DB_URL or sqlite:///var/led.db",
    help="Database URL: sqlite:///PATH or postgresql+psycopg://USER:PASS@HOST/NAME.",
)


def _clear_errors(command: Callable) -> Callable:
    """Turn expected failures into a one-line message and exit status 1."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ArgumentError as exc:
            raise click.ClickException(f"invalid database URL: {exc}") from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise click.ClickException(f"database error: {reason}") from None
        except (DemoDataError, OSError) as exc:
            raise click.ClickException(str(exc)) from None

    return run


def _unit_of_work(db_url: str) -> Callable[[], UnitOfWork]:
    session_factory = make_session_factory(_engine(db_url))
    return lambda: UnitOfWork(session_factory)


def _engine(db_url: str):
    if db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:///:memory:"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return make_engine(db_url)


def _require_schema(db_url: str) -> None:
    engine = _engine(db_url)
    current, head = migrate.current_revision(engine), migrate.head_revision()
    engine.dispose()
    if current != head:
        raise click.ClickException(
            f"the database schema is at revision {current or 'none'}, not {head}: "
            f"run `led-gateway db init --db {db_url}` first"
        )


@click.group()
@click.version_option(package_name="led-gateway")
def main() -> None:
    """The LED gateway: MAGDA-compatible SOAP access to the LED."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


@main.group()
def db() -> None:
    """The database: create or upgrade its schema."""


@db.command("init")
@db_option
@_clear_errors
def db_init(db_url: str) -> None:
    """Create the schema, or upgrade it to the newest revision."""
    before, after = migrate.upgrade(_engine(db_url))
    if before == after:
        click.echo(f"schema already at revision {after}")
    else:
        click.echo(f"schema upgraded from {before or 'empty'} to revision {after}")


@main.group()
def demo() -> None:
    """Synthetic demo data: afnemers, a leverancier and persons with bewijzen."""


@demo.command("load")
@db_option
@click.option("--persons", type=click.IntRange(min=0), default=200, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same data.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@_clear_errors
def demo_load(db_url: str, persons: int, seed: int, quiet: bool) -> None:
    """Load the demo afnemers, the demo leverancier and PERSONS synthetic persons."""
    _require_schema(db_url)
    loaded = load_demo(_unit_of_work(db_url), persons, seed, progress=not quiet and sys.stderr.isatty())
    click.echo(f"loaded {persons} persons with {loaded} bewijzen")


@demo.command("persons")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@_clear_errors
def demo_persons(db_url: str, limit: int) -> None:
    """Print INSZ numbers of persons that have bewijzen, one per line."""
    _require_schema(db_url)
    with _unit_of_work(db_url)() as uow:
        for insz in uow.bewijzen.persons(limit):
            click.echo(insz)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--threads", type=click.IntRange(min=1), default=4, show_default=True, help="Threads per worker."
)
@click.option(
    "--public-url", default=None, help="URL clients use to reach the gateway (for the WSDL addresses)."
)
@click.option("--max-body-bytes", type=click.IntRange(min=1024), default=1_000_000, show_default=True)
@_clear_errors
def serve(
    db_url: str, host: str, port: int, workers: int, threads: int, public_url: str | None, max_body_bytes: int
) -> None:
    """Serve every dienst over HTTP."""
    from led_gateway.serve import serve as run

    _require_schema(db_url)
    settings = Settings(db_url=db_url, public_url=public_url, max_body_bytes=max_body_bytes)
    run(settings, host, port, workers=workers, threads=threads)
