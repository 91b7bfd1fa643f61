"""Engines and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///var/led.db"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` as a synonym for the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers run beside a writer; foreign keys are off by default in SQLite.

    The driver's own transaction handling is switched off so that
    :func:`_begin_sqlite` decides how a transaction begins.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin_sqlite(connection) -> None:
    """A writing unit of work takes SQLite's write lock up front (``BEGIN IMMEDIATE``).

    Otherwise two writers that both read first would find, at their first
    write, that the other committed in between, and one would fail instead
    of waiting its turn.
    """
    mode = connection.get_execution_options().get(SQLITE_BEGIN, "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


#: Execution option naming how a SQLite transaction begins ("IMMEDIATE" for writers).
SQLITE_BEGIN = "sqlite_begin"


def make_engine(url: str, pool_size: int = 5) -> Engine:
    """An engine for ``url`` keeping ``pool_size`` connections (as many again when busy);
    SQLite connections are tuned for a concurrent server."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, pool_size=pool_size, max_overflow=pool_size, connect_args={"check_same_thread": False}
        )
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
