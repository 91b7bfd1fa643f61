"""SQL that SQLAlchemy Core does not write the same way for every database.

:func:`one_of` tests a column against a list of strings given as *one* bound
parameter. SQLAlchemy's ``in_`` gives each value a parameter of its own: a
statement of thousands of parameters that has to be rendered, sent and parsed
again for every list (psycopg caches none that long), and that SQLite refuses
beyond 32,766 of them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.types import TypeDecorator, TypeEngine


class _Strings(TypeDecorator):
    """A list of strings as one value: an array on PostgreSQL, a JSON array elsewhere."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(String))
        return dialect.type_descriptor(JSON())


class OneOf(ColumnElement[bool]):
    """``column`` equals one of the strings bound to the parameter ``name`` (see :func:`one_of`)."""

    type = Boolean()
    #: Its column and parameter are not part of a cache key, so SQLAlchemy must never cache it
    #: (the driver compiles each statement once anyway).
    inherit_cache = False
    #: A comparison in itself: without this, SQLite (which has no boolean type) would get ``... = 1``,
    #: which no index serves.
    _is_implicitly_boolean = True

    def __init__(self, column: ColumnElement[str], name: str) -> None:
        self.column = column
        self.values: BindParameter[list[str]] = bindparam(name, type_=_Strings())


def one_of(column: ColumnElement[str], name: str) -> OneOf:
    """``column IN`` the list of strings given as the bound parameter ``name``.

    PostgreSQL gets ``column = ANY(:name)`` with an array; SQLite walks a JSON
    array with ``json_each``. Either way an index on ``column`` is used.
    """
    return OneOf(column, name)


@compiles(OneOf)
def _json_each(element: OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = compiler.process(element.column, **kw), compiler.process(element.values, **kw)
    return f"{column} IN (SELECT value FROM json_each({values}))"


@compiles(OneOf, "postgresql")
def _any(element: OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, values = compiler.process(element.column, **kw), compiler.process(element.values, **kw)
    return f"{column} = ANY({values})"
