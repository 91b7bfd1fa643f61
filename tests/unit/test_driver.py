"""Statements run on the driver give what the ORM gives, convert types both ways, and fail as SQLAlchemy."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from tests.conftest import fresh_postgres_database

from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.driver import Driver, WriterConnection, _binary_copy_type
from led_gateway.repository.migrate import upgrade
from led_gateway.repository.models import Base

metadata = MetaData()
dagen = Table(
    "dagen",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("naam", String(20)),
    Column("dag", Date),
    Column("tijdstip", DateTime),
)
_BY_DAY = select(dagen.c.naam, dagen.c.dag, dagen.c.tijdstip).where(dagen.c.dag >= bindparam("van"))
_INSERT = insert(dagen).returning(dagen.c.id)
_MISSING = select(Table("ontbreekt", MetaData(), Column("x", Integer)).c.x)


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/driver.db")
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def test_inserted_rows_read_back_with_their_types(sessions):
    moment = datetime(2026, 11, 24, 7, 30, 1, 250000)
    with sessions() as session:
        driver = Driver(session)
        first = driver.insert(_INSERT, {"naam": "a", "dag": date(2026, 1, 2), "tijdstip": moment})
        driver.insert_many(_INSERT, [{"naam": "b", "dag": date(2025, 1, 2), "tijdstip": moment}])
        session.commit()
        driver.close()
    with sessions() as session:
        driver = Driver(session)
        assert first == (1,)
        assert driver.all(_BY_DAY, van=date(2026, 1, 1)) == [("a", date(2026, 1, 2), moment)]
        assert driver.first(_BY_DAY, van=date(2024, 1, 1)) == ("a", date(2026, 1, 2), moment)
        assert driver.first(_BY_DAY, van=date(2027, 1, 1)) is None
        driver.close()


def test_uncommitted_inserts_are_rolled_back_with_the_session(sessions):
    with sessions() as session:
        Driver(session).insert(_INSERT, {"naam": "weg", "dag": date(2026, 1, 1), "tijdstip": None})
        session.rollback()
    with sessions() as session:
        driver = Driver(session)
        assert driver.all(_BY_DAY, van=date(2000, 1, 1)) == []
        driver.close()


def test_a_driver_error_is_a_sqlalchemy_dbapi_error(sessions):
    with sessions() as session:
        driver = Driver(session)
        with pytest.raises(DBAPIError, match="ontbreekt"):
            driver.all(_MISSING)
        driver.close()


def test_reserved_ids_follow_the_highest_and_the_database_numbers_on_after_them(sessions):
    with sessions() as session:
        driver = Driver(session)
        driver.insert(_INSERT, {"naam": "a", "dag": None, "tijdstip": None})
        reserved = driver.reserve_ids(dagen, 3)
        driver.insert_many(
            insert(dagen), [{"id": i, "naam": "r", "dag": None, "tijdstip": None} for i in reserved]
        )
        after = driver.insert(_INSERT, {"naam": "z", "dag": None, "tijdstip": None})
        session.commit()
        driver.close()
    assert reserved == [2, 3, 4]
    assert after == (5,)


def test_the_writer_connection_does_not_retry_work_the_database_refused(sessions):
    with sessions() as session:
        writer = WriterConnection(session.get_bind())
    writer.run(lambda driver: driver.insert_many(insert(dagen), [{"id": 1, "naam": "a"}]))
    tries = []

    def duplicate(driver):
        tries.append(1)
        driver.insert_many(insert(dagen), [{"id": 1, "naam": "b"}])

    with pytest.raises(DBAPIError):
        writer.run(duplicate)
    assert len(tries) == 1
    writer.run(lambda driver: driver.insert_many(insert(dagen), [{"id": 2, "naam": "c"}]))
    with sessions() as session:
        driver = Driver(session)
        assert driver.all(select(dagen.c.naam).order_by(dagen.c.id)) == [("a",), ("c",)]
        driver.close()


@pytest.mark.postgres
def test_on_postgresql_the_writer_runs_its_one_statement_in_autocommit():
    engine = make_engine(fresh_postgres_database())
    metadata.create_all(engine)
    writer = WriterConnection(engine)
    writer.run(
        lambda driver: driver.insert_many(insert(dagen), [{"id": 1, "naam": "a"}, {"id": 2, "naam": "b"}])
    )

    def two_statements(driver):
        driver.insert_many(insert(dagen), [{"id": 3, "naam": "c"}])
        driver.insert_many(insert(dagen), [{"id": 4, "naam": "d"}])

    with pytest.raises(RuntimeError, match="one statement"):
        writer.run(two_statements)
    with engine.connect() as connection:
        assert connection.scalars(select(dagen.c.id).order_by(dagen.c.id)).all() == [1, 2, 3]
    engine.dispose()


@pytest.mark.postgres
def test_every_column_goes_by_binary_copy_as_the_type_the_migrations_gave_it():
    """A binary COPY must send each value as its column's exact type: an ``int4`` to a ``bigint``
    or a ``timestamp`` to a ``timestamptz`` column is refused. Columns written as text must be text."""
    engine = make_engine(fresh_postgres_database())
    upgrade(engine)
    with engine.connect() as connection:
        stored = {
            (table, column): udt
            for table, column, udt in connection.execute(
                text(
                    "SELECT table_name, column_name, udt_name FROM information_schema.columns "
                    "WHERE table_schema = 'public'"
                )
            )
        }
    engine.dispose()
    mismatches = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            sent = _binary_copy_type(column.type)
            udt = stored[(table.name, column.name)]
            if udt != sent and not (sent == "text" and udt in ("varchar", "text")):
                mismatches.append(f"{table.name}.{column.name}: {udt}, sent as {sent}")
    assert not mismatches
