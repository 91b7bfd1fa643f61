"""``one_of``: a column against a list of strings bound as one parameter, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from tests.conftest import BACKENDS, fresh_postgres_database

from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.driver import Driver
from led_gateway.repository.expressions import one_of

metadata = MetaData()
namen = Table(
    "namen", metadata, Column("id", Integer, primary_key=True), Column("naam", String(40), index=True)
)
_AMONG = select(namen.c.naam).where(one_of(namen.c.naam, "gezocht")).order_by(namen.c.id)
#: More than the 32,766 bound parameters a SQLite statement may have, had each value one of its own.
_MANY = 40_000
_ODD = ["O'Brien", 'een "citaat"', "Ångström", "ÿ€😀", "a,b", "{x}", "NULL", ""]


@pytest.fixture(params=BACKENDS)
def driver(request, tmp_path):
    url = f"sqlite:///{tmp_path}/one_of.db" if request.param == "sqlite" else fresh_postgres_database()
    engine = make_engine(url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        rows = [{"naam": f"persoon-{i}"} for i in range(_MANY)] + [{"naam": naam} for naam in _ODD]
        connection.execute(insert(namen), rows)
    with make_session_factory(engine)() as session:
        driver = Driver(session)
        yield driver
        driver.close()
    engine.dispose()


def test_the_rows_whose_value_is_in_the_list_and_only_those(driver):
    gezocht = [f"persoon-{i}" for i in range(0, _MANY * 2, 2)]  # half of them are not stored
    found = [naam for (naam,) in driver.all(_AMONG, gezocht=gezocht)]
    assert found == [f"persoon-{i}" for i in range(0, _MANY, 2)]


def test_values_are_compared_as_given_quotes_and_all(driver):
    assert [naam for (naam,) in driver.all(_AMONG, gezocht=_ODD)] == _ODD
    assert driver.all(_AMONG, gezocht=["o'brien", "Angstrom", "null"]) == []


def test_an_empty_list_matches_nothing(driver):
    assert driver.all(_AMONG, gezocht=[]) == []


def test_on_sqlite_each_value_is_looked_up_in_the_index(tmp_path):
    """Written as a bare condition: ``IN (...) = 1``, which SQLite may well write for a boolean
    expression, has it scan every row instead."""
    engine = make_engine(f"sqlite:///{tmp_path}/plan.db")
    metadata.create_all(engine)
    sql = str(_AMONG.compile(dialect=engine.dialect))
    with engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", ('["a"]',)).all()
    engine.dispose()
    assert any("USING COVERING INDEX ix_namen_naam (naam=?)" in step[-1] for step in plan), plan
