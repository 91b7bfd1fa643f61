"""Authorisation comes before any data access: a refused call never reads a bewijs.

The gateway runs in-process on a real demo database; every SQL statement
it sends is recorded at the driver (SQLite's trace callback, a recording
psycopg cursor), whether it went through the ORM or straight to a cursor.
"""

from __future__ import annotations

import io

import pytest
from sqlalchemy import event

from led_gateway.app import create_app
from led_gateway.config import Settings
from tests.messages import ACTIEF, geef_bewijs, reply_body, uitzonderingen

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"


@pytest.fixture(scope="module")
def gateway(demo_db):
    app = create_app(Settings(db_url=demo_db))
    statements: list[str] = []
    event.listen(app.engine, "connect", lambda connection, _record: _trace(connection, statements))
    app.engine.dispose()  # connections opened from now on are traced
    yield app, statements
    app.engine.dispose()


def _trace(dbapi_connection, statements: list[str]) -> None:
    if hasattr(dbapi_connection, "set_trace_callback"):  # sqlite3
        dbapi_connection.set_trace_callback(statements.append)
        return

    class Recording(dbapi_connection.cursor_factory):  # psycopg
        def execute(self, query, *args, **kwargs):
            statements.append(str(query))
            return super().execute(query, *args, **kwargs)

    dbapi_connection.cursor_factory = Recording


def call(app, payload: bytes):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": ENDPOINT,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "CONTENT_TYPE": "text/xml;charset=UTF-8",
        "CONTENT_LENGTH": str(len(payload)),
        "HTTP_SOAPACTION": '""',
        "wsgi.input": io.BytesIO(payload),
        "wsgi.url_scheme": "http",
    }
    status = []
    raw = b"".join(app(environ, lambda s, headers: status.append(s)))
    return status[0], reply_body(raw)


@pytest.mark.parametrize(
    "afzender",
    [
        "onbekend.example/afnemer",
        "demo.vlaanderen.be/afnemer-uit-gebruik",
        "demo.vlaanderen.be/afnemer-verlopen",
    ],
)
def test_a_refused_call_never_queries_bewijzen(gateway, persons, afzender):
    app, statements = gateway
    statements.clear()
    status, body = call(app, geef_bewijs(persons[0], afzender=afzender))
    assert status.startswith("200")
    assert [u["Identificatie"] for u in uitzonderingen(body, "Repliek")] == ["40006"]
    assert statements, "the afnemer registry was not consulted"
    assert not [s for s in statements if "bewijzen" in s]


def test_an_allowed_call_reads_bewijzen_in_one_query(gateway, persons):
    app, statements = gateway
    statements.clear()
    _, body = call(app, geef_bewijs(persons[0], afzender=ACTIEF))
    assert body.findall(".//Bewijs")
    assert len([s for s in statements if "FROM bewijzen" in s]) == 1
