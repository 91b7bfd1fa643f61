"""Engines and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import select
import time
from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from led_gateway.background import BackgroundThread

DEFAULT_URL = "sqlite:///var/led.db"

log = logging.getLogger("led_gateway")


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` as a synonym for the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers run beside a writer; foreign keys are off by default in SQLite; the log is
    checkpointed less often than by default (see ``_AUTOCHECKPOINT_PAGES``).

    The driver's own transaction handling is switched off so that
    :func:`_begin_sqlite` decides how a transaction begins.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute(f"PRAGMA wal_autocheckpoint={_AUTOCHECKPOINT_PAGES}")
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


#: Pages of write-ahead log after which a commit checkpoints it (SQLite's default is 1,000, 4 MB).
#: A server's :class:`WalCheckpointer` copies the log long before, in its own thread, so that a
#: commit does so only should it fall behind. A bulk load gains too: checkpointing every 4 MB
#: copied the same index pages back into the database file again and again (``bewijs import``
#: of 100,000 records: 18.1 s, against 16.6 s with this).
_AUTOCHECKPOINT_PAGES = 20_000


def make_engine(url: str, pool_size: int = 5) -> Engine:
    """An engine for ``url`` keeping ``pool_size`` connections (as many again when busy);
    SQLite connections are tuned for a concurrent server (see :func:`_tune_sqlite`)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        in_memory = make_url(url).database in (None, "", ":memory:")  # one connection, SQLite's own pool
        pool = {} if in_memory else {"pool_size": pool_size, "max_overflow": pool_size}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size)
    event.listen(engine, "checkout", _replace_if_closed_by_server)
    return engine


def _replace_if_closed_by_server(dbapi_connection, _record, _proxy) -> None:
    """Pool checkout: hand out no PostgreSQL connection the server has closed meanwhile.

    A server that restarts, or an administrator's ``pg_terminate_backend``,
    closes its end of every connection; a pooled connection does not notice
    until its next statement fails. An idle connection has nothing to read
    unless the server closed it (or, rarely, sent a notice), so a readable
    socket tells, without the round trip that ``pool_pre_ping`` spent on
    every checkout (a tenth of a GeefBewijs's time on PostgreSQL). The pool
    then opens a fresh connection instead.
    """
    if dbapi_connection.closed or _readable(dbapi_connection.fileno()):
        raise DisconnectionError("the database server closed this connection")


def _readable(descriptor: int) -> bool:
    poller = select.poll()
    poller.register(descriptor, select.POLLIN)
    return bool(poller.poll(0))


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


class WalCheckpointer:
    """Checkpoints a SQLite database's write-ahead log from a thread of its own.

    By default the commit that grows the log past 1,000 pages copies it into
    the database file and syncs it, 10-40 ms here, and that commit is the
    audit writer's: every call of the worker waiting for its audit record
    waited as long. Here a PASSIVE checkpoint (it never blocks readers or
    writers) runs every ``interval`` seconds instead. Started on first use,
    in the process that serves; it does nothing for other databases.
    """

    def __init__(self, engine: Engine, interval: float = 1.0) -> None:
        self._engine = engine
        self._interval = interval
        self._thread = BackgroundThread("wal-checkpointer", self._run)

    def ensure_running(self) -> None:
        if self._engine.dialect.name == "sqlite":
            self._thread.ensure_running()

    def _run(self) -> None:
        while True:
            time.sleep(self._interval)
            try:
                connection = self._engine.raw_connection()
                try:
                    connection.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)").close()
                finally:
                    connection.close()
            except Exception:
                log.exception("checkpointing the write-ahead log failed; retrying in %s s", self._interval)


class WriterLock:
    """A lock beside a SQLite database file, shared by every process that takes it.

    SQLite lets one connection write at a time; a writer that finds the
    database locked sleeps in its busy handler (1, 2, 5, ... up to 100 ms)
    and tries again, so under load the workers' audit writers lost whole
    milliseconds to each other while their calls waited. Writers that take
    this lock first queue in the kernel instead, and the next one wakes as
    soon as the last one is done. Used as ``with lock:`` around a write
    transaction; one instance per thread.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._descriptor: int | None = None

    def __enter__(self) -> WriterLock:
        if self._descriptor is None:
            self._descriptor = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._descriptor, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc_info: object) -> None:
        fcntl.flock(self._descriptor, fcntl.LOCK_UN)


def writer_lock(engine: Engine) -> AbstractContextManager:
    """A :class:`WriterLock` for a SQLite database file; nothing to take for other databases."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return contextlib.nullcontext()
    return WriterLock(Path(f"{database}.writer-lock"))
