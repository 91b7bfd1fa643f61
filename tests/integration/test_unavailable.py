"""When the database does not answer, the gateway says so in MAGDA's terms and stays up."""

from __future__ import annotations

import io

import pytest

from led_gateway.app import create_app
from led_gateway.config import Settings
from tests.messages import geef_bewijs, is_beschikbaar, reply_body, uitzonderingen

UNREACHABLE = "postgresql+psycopg://led@127.0.0.1:1/none?connect_timeout=2"


def call(app, path: str, payload: bytes):
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "CONTENT_TYPE": "text/xml",
        "CONTENT_LENGTH": str(len(payload)),
        "wsgi.input": io.BytesIO(payload),
        "wsgi.url_scheme": "http",
    }
    status = []
    raw = b"".join(app(environ, lambda s, headers: status.append(s)))
    return status[0], reply_body(raw)


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/GeefBewijsDienst-02.00/soap/WebService", geef_bewijs("85673112328")),
        ("/IsBeschikbaarDienst-02.00/soap/WebService", is_beschikbaar()),
    ],
)
def test_an_unreachable_database_is_90000_at_repliek_level(path, payload):
    app = create_app(Settings(db_url=UNREACHABLE))
    status, body = call(app, path, payload)
    assert status.startswith("200")
    assert [u["Identificatie"] for u in uitzonderingen(body, "Repliek")] == ["90000"]
    assert body.find("Repliek/Antwoorden") is None
