"""The hot statements, run on the database driver itself.

A consultation asks the same few single-statement questions on every call
(the caller's affiliation, its certificates, a person's bewijzen), and each
call adds its audit record. Through the ORM session and SQLAlchemy's
execution layer each statement cost some 50-70 µs of Python around the
database's own few µs; that was the largest part of a GeefBewijs. Here each
statement is still written with SQLAlchemy Core (so it follows the models
and every dialect), but compiled once per dialect and then run on a driver
cursor, with the column types' own conversions applied to parameters and
results.

Which connection runs it follows the unit of work: once its session has
begun a transaction (it writes, or read through the ORM), the statements run
on that same connection, see what it changed and commit with it; before
that, reads run on a pooled connection of their own, taken at the first read
and given back when the unit of work ends. That one runs in the driver's
autocommit mode where it has one (psycopg): each read is a statement of its
own, and no BEGIN and ROLLBACK travel to the server around them. Inserts
always run in the session's transaction, to be committed with it. Driver
errors are raised as SQLAlchemy's ``DBAPIError`` as every other database
error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Engine,
    Integer,
    LargeBinary,
    Table,
    bindparam,
    func,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql import Executable, Insert

_Processor = Callable[[Any], Any] | None

#: The PostgreSQL type of a column's values in a binary COPY, by the column's type: exact where the
#: binary format depends on it; any other column's values go as text (the server reads it as such).
_BINARY_COPY_TYPES = (
    (JSON, "json"),
    (Boolean, "bool"),
    (Integer, "int4"),
    (DateTime, "timestamp"),
    (Date, "date"),
    (LargeBinary, "bytea"),
)


class Statement:
    """A Core statement compiled for one dialect, with its parameter and column conversions.

    An INSERT is compiled for the columns in ``column_keys``.
    """

    def __init__(self, statement: Executable, dialect: Dialect, column_keys: tuple[str, ...] = ()) -> None:
        compiled = statement.compile(dialect=dialect, column_keys=list(column_keys) or None)
        self.sql = str(compiled)
        positional = tuple(compiled.positiontup or ()) if compiled.positional else None
        #: Picks a positional driver's parameters out of the converted values, in order.
        self._in_order = None if positional is None else _picker(positional)
        binds = compiled.binds.items()
        processors = ((name, bind.type.dialect_impl(dialect).bind_processor(dialect)) for name, bind in binds)
        self._processors = {name: process for name, process in processors if process is not None}
        #: Values the statement carries itself, such as a LIMIT.
        self._fixed = {name: bind.effective_value for name, bind in binds if not bind.required}
        self._results: tuple[_Processor, ...] = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.exported_columns
        )

    def parameters(self, values: Mapping[str, Any]) -> tuple | dict:
        converted = {**self._fixed, **values}
        for name, process in self._processors.items():
            value = converted.get(name)
            if value is not None:
                converted[name] = process(value)
        return converted if self._in_order is None else self._in_order(converted)

    def row(self, raw: tuple) -> tuple:
        return tuple(
            value if process is None else process(value)
            for value, process in zip(raw, self._results, strict=True)
        )


class Driver:
    """Runs :class:`Statement` s for one unit of work (see the module's docstring)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._engine: Engine = session.get_bind()
        self._own = None
        self._own_autocommit = None

    def all(self, select: Executable, **values: Any) -> list[tuple]:
        """Every row of ``select`` with its bound parameters set to ``values``."""
        statement = _compiled(select, self._engine)
        return [statement.row(raw) for raw in self._run(statement, statement.parameters(values), _all)]

    def first(self, select: Executable, **values: Any) -> tuple | None:
        statement = _compiled(select, self._engine)
        rows = self._run(statement, statement.parameters(values), _one)
        return statement.row(rows[0]) if rows else None

    def insert(self, insert: Executable, values: Mapping[str, Any]) -> tuple | None:
        """Insert one row of ``values``; returns what the statement's RETURNING gives."""
        statement = _compiled(insert, self._engine, tuple(values))
        rows = self._run(statement, statement.parameters(values), _all, writes=True)
        return statement.row(rows[0]) if rows else None

    @property
    def dialect_name(self) -> str:
        """The database's dialect: ``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    def write(self, statement: Executable, **values: Any) -> None:
        """Run a data-changing ``statement`` that returns nothing, with its bound parameters set
        to ``values``."""
        compiled = _compiled(statement, self._engine)
        self._run(compiled, compiled.parameters(values), None, writes=True)

    def insert_many(self, insert: Insert, rows: list[Mapping[str, Any]]) -> None:
        """Insert ``rows`` (each with the same keys) in one statement.

        On PostgreSQL several rows go by COPY, several times cheaper than an
        executemany for the client and the server alike; elsewhere, and for
        one row, it is an executemany.
        """
        if not rows:
            return
        statement = _compiled(insert, self._engine, tuple(rows[0]))
        if len(rows) > 1 and self.dialect_name == "postgresql":
            self._copy(insert.table, statement, rows)
        else:
            self._run(statement, [statement.parameters(row) for row in rows], None, many=True, writes=True)

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        """``count`` new values of ``table``'s integer primary key ``id``, for rows this unit of
        work inserts with them.

        Inserting with ids known beforehand spares reading them back, one
        index lookup per row. PostgreSQL hands them out from the column's
        sequence, never twice. On SQLite they are the ones after the highest
        id, as SQLite would number the rows itself: a writing unit of work
        holds the write lock from its start, and a reading one that wrote
        after another writer's commit would fail rather than reuse an id.
        """
        postgres = self.dialect_name == "postgresql"
        statement = _compiled(_reserving(table, postgres), self._engine)
        rows = self._run(
            statement, statement.parameters({"count": count} if postgres else {}), _all, writes=True
        )
        if postgres:
            return [row[0] for row in rows]
        (highest,) = rows[0]
        return list(range(highest + 1, highest + 1 + count))

    def close(self) -> None:
        """Give back the pooled connection, if one was taken."""
        if self._own is not None:
            own, self._own = self._own, None
            try:
                if self._own_autocommit is not None:
                    own.driver_connection.autocommit = self._own_autocommit
            except self._engine.dialect.loaded_dbapi.Error:
                own.invalidate()  # a broken connection does not go back into the pool
            finally:
                own.close()

    def _run(
        self,
        statement: Statement,
        parameters: Any,
        fetch: Callable | None,
        many: bool = False,
        writes: bool = False,
    ):
        """Execute on a cursor of the right connection (writes: always the session's) and
        ``fetch`` from it; driver errors are raised as SQLAlchemy's."""
        dbapi_error = self._engine.dialect.loaded_dbapi.Error
        try:
            cursor = self._cursor(writes)
            try:
                if many:
                    cursor.executemany(statement.sql, parameters)
                else:
                    cursor.execute(statement.sql, parameters)
                return fetch(cursor) if fetch is not None else None
            finally:
                cursor.close()
        except dbapi_error as error:
            raise DBAPIError.instance(statement.sql, parameters, error, dbapi_error) from error

    def _copy(self, table: Table, statement: Statement, rows: list[Mapping[str, Any]]) -> None:
        """``COPY table FROM STDIN`` of ``rows``, converted as ``statement`` converts them (psycopg).

        The binary format: against the text format, it halves the client's CPU per row of
        bewijzen and takes a third off the server's (no bytea in hex, no parsing of text).
        """
        names = tuple(rows[0])
        copy, types = _binary_copy(table, names)
        dbapi_error = self._engine.dialect.loaded_dbapi.Error
        try:
            with self._cursor(writes=True) as cursor, cursor.copy(copy) as data:
                data.set_types(types)
                for row in rows:
                    converted = statement.parameters(row)
                    data.write_row([converted[name] for name in names])
        except dbapi_error as error:
            raise DBAPIError.instance(f"COPY {table.name}", None, error, dbapi_error) from error

    def _cursor(self, writes: bool):
        if writes:
            self._session.flush()  # objects added to the session go in first, as session.execute does
        if writes or self._session.in_transaction():
            return self._session.connection().connection.cursor(**_result_format(self._engine.dialect))
        if self._own is None:
            own = self._engine.raw_connection()
            self._own_autocommit = getattr(own.driver_connection, "autocommit", None)
            if self._own_autocommit is not None:
                own.driver_connection.autocommit = True
            self._own = own
        return self._own.cursor(**_result_format(self._engine.dialect))


class _HeldConnectionDriver(Driver):
    """Runs every statement on one connection its holder keeps (see :class:`WriterConnection`);
    on one in autocommit, a single statement only."""

    def __init__(self, engine: Engine, connection: PoolProxiedConnection, autocommit: bool) -> None:
        self._engine = engine
        self._connection = connection
        self._one_statement = autocommit
        self._statements = 0

    def close(self) -> None:
        """Nothing to give back: the connection stays with its holder."""

    def _cursor(self, writes: bool):
        self._statements += 1
        if self._one_statement and self._statements > 1:
            raise RuntimeError("on PostgreSQL a writer's work is one statement: it runs in autocommit")
        return self._connection.cursor(**_result_format(self._engine.dialect))


class WriterConnection:
    """A pooled connection kept by one background writer thread for its short write transactions.

    The audit trail's writer commits a transaction for every few calls; a
    unit of work around each (a session, a pool checkout and, on PostgreSQL,
    its pre-ping) cost several times the inserts themselves. This keeps one
    connection for the thread's life instead. Used by a single thread.

    On PostgreSQL the work must be a single statement (the audit trail's
    is, see :func:`~led_gateway.repository.queries.add_audit_calls`), and
    it runs in autocommit, a transaction of its own: BEGIN and COMMIT were
    two round trips more, and the writer's round trips show in every call
    waiting for it (GeefBewijs served 5-23% more calls per second without
    them). A second statement raises ``RuntimeError``.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: PoolProxiedConnection | None = None
        self._dbapi_error = engine.dialect.loaded_dbapi.Error
        self._autocommit = engine.dialect.name == "postgresql"

    def run(self, work: Callable[[Driver], None], done: Callable[[Driver], bool] | None = None) -> None:
        """Run ``work`` in one transaction and commit it; errors are raised as SQLAlchemy's.

        A kept connection the database dropped meanwhile (a server restart)
        fails the transaction before its commit: ``work`` is then run once
        more, on a fresh connection. Any other error is raised at once, and
        the connection kept.

        In autocommit the connection can also drop after the server
        committed the statement and before its answer came back. ``done``
        tells, on the fresh connection, whether the work went in after all:
        it is then not run a second time.
        """
        for last_try in (False, True):
            fresh = self._connection is None
            connection = self._connection = self._connection or self._connected()
            try:
                self._begin(connection)
                if not (last_try and done is not None and done(self._driver(connection))):
                    work(self._driver(connection))
            except DBAPIError as error:
                if not self._lost(error, connection):
                    self._rollback(connection)
                    raise
                self._discard()
                if fresh or last_try:
                    raise
                continue
            except BaseException:
                self._rollback(connection)
                raise
            self._commit(connection)
            return

    def _driver(self, connection: PoolProxiedConnection) -> Driver:
        return _HeldConnectionDriver(self._engine, connection, self._autocommit)

    def _lost(self, error: DBAPIError, connection: PoolProxiedConnection) -> bool:
        """Whether ``error`` came from a connection the database dropped (and not, say, a
        constraint the work broke, which another try would break again)."""
        return self._engine.dialect.is_disconnect(error.orig, connection.driver_connection, None)

    def _connected(self) -> PoolProxiedConnection:
        connection = self._engine.raw_connection()
        if self._autocommit:
            connection.driver_connection.autocommit = True
        return connection

    def _begin(self, connection: PoolProxiedConnection) -> None:
        """SQLite: take the write lock up front (see ``_begin_sqlite``); on PostgreSQL the one
        statement is its own transaction."""
        if self._engine.dialect.name == "sqlite":
            self._driver_step(lambda: connection.cursor().execute("BEGIN IMMEDIATE").close())

    def _commit(self, connection: PoolProxiedConnection) -> None:
        try:
            self._driver_step(connection.commit)
        except DBAPIError:
            self._discard()
            raise

    def _driver_step(self, step: Callable[[], object]) -> None:
        try:
            step()
        except self._dbapi_error as error:
            raise DBAPIError.instance(None, None, error, self._dbapi_error) from error

    def _rollback(self, connection: PoolProxiedConnection) -> None:
        try:
            connection.rollback()
        except self._dbapi_error:
            self._discard()

    def _discard(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.invalidate()


def _picker(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple]:
    """A function giving the values of ``names`` as a tuple (``itemgetter`` gives a bare value for one)."""
    if len(names) == 1:
        name = names[0]
        return lambda values: (values[name],)
    return itemgetter(*names) if names else lambda values: ()


_reserve_statements: dict[tuple[Table, bool], Executable] = {}


def _reserving(table: Table, postgres: bool) -> Executable:
    """The statement behind :meth:`Driver.reserve_ids`: on PostgreSQL ``count`` values of the id's
    sequence, elsewhere the highest id. Built once per table, as statements are compiled once per
    object."""
    key = (table, postgres)
    if key not in _reserve_statements:
        if postgres:
            sequence = func.pg_get_serial_sequence(table.name, "id")
            series = func.generate_series(1, bindparam("count", type_=Integer))
            _reserve_statements[key] = select(func.nextval(sequence)).select_from(series)
        else:
            _reserve_statements[key] = select(func.coalesce(func.max(table.c.id), 0))
    return _reserve_statements[key]


def _all(cursor) -> list[tuple]:
    return cursor.fetchall()


def _one(cursor) -> list[tuple]:
    return cursor.fetchmany(1)


_statements: dict[tuple[Executable, Dialect, tuple[str, ...]], Statement] = {}


def _result_format(dialect: Dialect) -> dict[str, bool]:
    """How a cursor asks for results: from psycopg, in the binary format.

    A bytea then comes as it is stored instead of in hex at twice its size:
    for the bewijzen of a person (GeefBewijs), the server's time went from
    69-88 to 45 µs, and the client's from 121-125 to 88-102 µs.
    """
    return {"binary": True} if dialect.driver == "psycopg" else {}


def _binary_copy_type(column_type: Any) -> str:
    return next((name for kind, name in _BINARY_COPY_TYPES if isinstance(column_type, kind)), "text")


@functools.cache
def _binary_copy(table: Table, names: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """The ``COPY ... FROM STDIN`` of ``names`` into ``table`` and the types of their values,
    worked out once per table and columns: the same few inserts repeat on every registration."""
    from psycopg.sql import SQL, Identifier  # only PostgreSQL gets here

    copy = SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        Identifier(table.name), SQL(", ").join(map(Identifier, names))
    )
    return copy, tuple(_binary_copy_type(table.c[name].type) for name in names)


def _compiled(statement: Executable, engine: Engine, column_keys: tuple[str, ...] = ()) -> Statement:
    """``statement`` compiled for ``engine``'s dialect, once: the statements are module constants."""
    key = (statement, engine.dialect, column_keys)
    compiled = _statements.get(key)
    if compiled is None:
        compiled = _statements[key] = Statement(statement, engine.dialect, column_keys)
    return compiled
