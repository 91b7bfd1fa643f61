"""What every command shares: the --db option, clear errors, output formats."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from led_gateway.affiliation.afnemers import AffiliationError
from led_gateway.audit.sleutel import AuditKeyError
from led_gateway.config import default_db_url
from led_gateway.demo.loader import DemoDataError
from led_gateway.metrics import MetricsDirectoryError
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

door_option = click.option(
    "--door",
    default=lambda: os.environ.get("LED_OPERATOR") or os.environ.get("USER") or "onbekend",
    show_default="LED_OPERATOR or USER",
    help="Who records this (kept in the history).",
)

format_option = click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True
)


def clear_errors(command: Callable) -> Callable:
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
        except (AffiliationError, AuditKeyError, DemoDataError, MetricsDirectoryError, OSError) as exc:
            raise click.ClickException(str(exc)) from None

    return run


def engine_for(db_url: str) -> Engine:
    if db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:///:memory:"):
        Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return make_engine(db_url)


def unit_of_work(db_url: str, writes: bool = False) -> Callable[[], UnitOfWork]:
    """Units of work on ``db_url``, after checking its schema is current.

    ``writes``: each takes the write lock when it begins, so that a command
    writing next to a running gateway waits its turn on SQLite.
    """
    engine = engine_for(db_url)
    current, head = migrate.current_revision(engine), migrate.head_revision()
    if current != head:
        raise click.ClickException(
            f"the database schema is at revision {current or 'none'}, not {head}: "
            f"run `led-gateway db init --db {db_url}` first"
        )
    session_factory = make_session_factory(engine)
    return functools.partial(UnitOfWork, session_factory, writes=writes)


def now() -> datetime:
    return datetime.now()


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def emit_json_lines(rows: list[dict]) -> None:
    for row in rows:
        click.echo(json.dumps({key: _plain(value) for key, value in row.items()}, ensure_ascii=False))


def emit_table(rows: list[dict], columns: list[str]) -> None:
    """A plain aligned table, one row per line."""
    texts = [[("" if row.get(c) is None else str(_plain(row.get(c)))) for c in columns] for row in rows]
    widths = [max([len(c), *(len(t[i]) for t in texts)]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for text in texts:
        click.echo("  ".join(t.ljust(w) for t, w in zip(text, widths, strict=True)).rstrip())
