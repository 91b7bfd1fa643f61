"""The floor for the GeefBewijs benchmark: what any gateway must do, and nothing more.

A WSGI app that reads the body, parses it safely, validates the Body child
against our XSD and writes a prepared reply of the gateway's mean size. The
benchmark serves it under the same server and worker count as the gateway.
"""

from __future__ import annotations

import os
from pathlib import Path

from led_gateway.wire.parsing import parse_xml
from led_gateway.wire.validation import RequestSchema

ROOT = Path(__file__).resolve().parents[1]
SOAP_ENV = "{http://schemas.xmlsoap.org/soap/envelope/}"
_schema = RequestSchema.from_file(ROOT / "xsd" / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd")
_reply = b"<?xml version='1.0' encoding='UTF-8'?>" + b" " * int(
    os.environ.get("LED_FLOOR_REPLY_BYTES", "8000")
)


def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = parse_xml(environ["wsgi.input"].read(min(length, 1_000_000))).find(f"{SOAP_ENV}Body")[0]
    status = "200 OK" if not _schema.findings(body) else "500 Internal Server Error"
    start_response(
        status, [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(_reply)))]
    )
    return [_reply]
