"""The hot reads, run on the database driver itself.

A consultation asks the same few single-statement questions on every call
(the caller's affiliation, its certificates, a person's bewijzen). Through
the ORM session and SQLAlchemy's execution layer each of them cost some
70 µs of Python before and after the database's own few µs; that was the
largest part of a GeefBewijs. Here each statement is still written with
SQLAlchemy Core (so it follows the models and every dialect), but compiled
once per dialect and then run on a driver cursor, with the column types'
own conversions applied to parameters and results.

Which connection runs it follows the unit of work: once its session has
begun a transaction (it wrote, or read through the ORM), the reads run on
that same connection and see what it changed; before that, on a pooled
connection of their own, taken at the first read and given back when the
unit of work ends. That one runs in the driver's autocommit mode where it
has one (psycopg): each read is a statement of its own, and no BEGIN and
ROLLBACK travel to the server around them. Driver errors are raised as
SQLAlchemy's ``DBAPIError`` as every other database error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

_Processor = Callable[[Any], Any] | None


class Statement:
    """A Core ``select`` compiled for one dialect, with its parameter and column conversions."""

    def __init__(self, select: Select, dialect: Dialect) -> None:
        compiled = select.compile(dialect=dialect)
        self.sql = str(compiled)
        self._positional = tuple(compiled.positiontup or ()) if compiled.positional else None
        binds = compiled.binds.items()
        self._binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in binds}
        #: Values the statement carries itself, such as a LIMIT.
        self._fixed = {name: bind.effective_value for name, bind in binds if not bind.required}
        self._results: tuple[_Processor, ...] = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in select.selected_columns
        )

    def parameters(self, values: Mapping[str, Any]) -> tuple | dict:
        converted = {}
        for name, value in (self._fixed | dict(values)).items():
            process = self._binds.get(name)
            converted[name] = value if process is None or value is None else process(value)
        if self._positional is None:
            return converted
        return tuple(converted[name] for name in self._positional)

    def row(self, raw: tuple) -> tuple:
        return tuple(
            value if process is None else process(value)
            for value, process in zip(raw, self._results, strict=True)
        )


class Reader:
    """Runs :class:`Statement` s for one unit of work (see the module's docstring)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._engine: Engine = session.get_bind()
        self._own = None
        self._own_autocommit = None

    def all(self, select: Select, **values: Any) -> list[tuple]:
        """Every row of ``select`` with its bound parameters set to ``values``."""
        statement = _compiled(select, self._engine)
        return [statement.row(raw) for raw in self._fetch(statement, values, all_rows=True)]

    def first(self, select: Select, **values: Any) -> tuple | None:
        statement = _compiled(select, self._engine)
        rows = self._fetch(statement, values, all_rows=False)
        return statement.row(rows[0]) if rows else None

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

    def _fetch(self, statement: Statement, values: Mapping[str, Any], all_rows: bool) -> list[tuple]:
        parameters = statement.parameters(values)
        try:
            cursor = self._connection().cursor()
            try:
                cursor.execute(statement.sql, parameters)
                return cursor.fetchall() if all_rows else cursor.fetchmany(1)
            finally:
                cursor.close()
        except self._engine.dialect.loaded_dbapi.Error as error:
            raise DBAPIError.instance(
                statement.sql, parameters, error, self._engine.dialect.loaded_dbapi.Error
            ) from error

    def _connection(self):
        if self._session.in_transaction():
            return self._session.connection().connection
        if self._own is None:
            own = self._engine.raw_connection()
            self._own_autocommit = getattr(own.driver_connection, "autocommit", None)
            if self._own_autocommit is not None:
                own.driver_connection.autocommit = True
            self._own = own
        return self._own


_statements: dict[tuple[Select, Dialect], Statement] = {}


def _compiled(select: Select, engine: Engine) -> Statement:
    """``select`` compiled for ``engine``'s dialect, once: the statements are module constants."""
    key = (select, engine.dialect)
    statement = _statements.get(key)
    if statement is None:
        statement = _statements[key] = Statement(select, engine.dialect)
    return statement
