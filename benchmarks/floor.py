"""The floors for the GeefBewijs benchmark: what any gateway must do, and nothing more.

``app`` reads the body, parses it safely, validates the Body child against
our XSD and writes a prepared reply of the gateway's mean size.

``data_app`` does the same and, besides, the database work the design asks
of every GeefBewijs, by the shortest means: the caller's afnemer read (one
indexed query), the person's bewijzen read (one indexed query), and the
call's audit record committed before the reply leaves, its INSZ hashed and
encrypted, through the gateway's own audit writer (calls that finish
together share a transaction). Its reply is the bewijzen read, in a fixed
envelope. It reads the database named by ``LED_FLOOR_DB``, with
``LED_FLOOR_THREADS`` threads per worker.

Between the two lies what the design costs; between ``data_app`` and the
gateway, what the gateway's own layers cost (SOAP server, Context, policy,
unit of work, coverage notices, the reply's Context).

The benchmark serves them under the same server and worker count as the gateway.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path

from led_gateway.audit import trail
from led_gateway.audit.sleutel import default_protector
from led_gateway.audit.writer import AuditWriter
from led_gateway.repository.database import WalCheckpointer, make_engine, writer_lock
from led_gateway.repository.driver import WriterConnection
from led_gateway.wire.parsing import parse_xml
from led_gateway.wire.validation import RequestSchema

ROOT = Path(__file__).resolve().parents[1]
SOAP_ENV = "{http://schemas.xmlsoap.org/soap/envelope/}"
NAMESPACE = "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be"
_schema = RequestSchema.from_file(ROOT / "xsd" / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd")
_reply = b"<?xml version='1.0' encoding='UTF-8'?>" + b" " * int(
    os.environ.get("LED_FLOOR_REPLY_BYTES", "8000")
)
_HEAD = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV[1:-1]}"><soapenv:Body>'
    f'<led:GeefBewijsResponse xmlns:led="{NAMESPACE}"><Repliek><Antwoorden><Antwoord><Inhoud><Bewijzen>'
).encode()
_TAIL = (
    b"</Bewijzen></Inhoud></Antwoord></Antwoorden></Repliek></led:GeefBewijsResponse>"
    b"</soapenv:Body></soapenv:Envelope>"
)


def _operation(environ: dict):
    """The request's Body child, parsed safely, and whether it satisfies the XSD."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    operation = parse_xml(environ["wsgi.input"].read(min(length, 1_000_000))).find(f"{SOAP_ENV}Body")[0]
    return operation, not _schema.findings(operation)


def _respond(start_response, valid: bool, body: bytes) -> list[bytes]:
    status = "200 OK" if valid else "500 Internal Server Error"
    start_response(status, [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def app(environ, start_response):
    _, valid = _operation(environ)
    return _respond(start_response, valid, _reply)


class RequiredWork:
    """The database work of ``data_app`` on one database, set up once per worker process.

    Each of the worker's ``LED_FLOOR_THREADS`` threads keeps a pooled connection of its own
    (cheaper than a checkout per call, which the gateway pays); the pool holds that
    many and one for the audit writer.
    """

    def __init__(self, db_url: str, threads: int) -> None:
        self.engine = make_engine(db_url, pool_size=threads + 1)
        psycopg = self.engine.dialect.driver == "psycopg"
        #: Reads run in autocommit on PostgreSQL (no BEGIN and ROLLBACK around them), as the gateway's.
        self.autocommit = psycopg
        mark = "%s" if psycopg else "?"
        self.afnemer_sql = f"SELECT status FROM afnemers WHERE identificatie = {mark}"
        self.bewijzen_sql = f"SELECT wire FROM bewijzen WHERE insz = {mark} ORDER BY id"
        #: psycopg returns a bytea as it is stored in the binary format (the gateway asks it too).
        self.options = {"binary": True} if psycopg else {}
        self.audit = AuditWriter(WriterConnection(self.engine), default_protector(), writer_lock(self.engine))
        self.checkpointer = WalCheckpointer(self.engine)
        self._local = threading.local()

    def _cursor(self):
        """A cursor on this thread's own connection, kept for the thread's life."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            # The pool takes a connection back once nothing refers to it: the thread keeps it.
            connection = self._local.connection = self.engine.raw_connection()
            if self.autocommit:
                connection.dbapi_connection.autocommit = True
            cursor = self._local.cursor = connection.cursor()
        return cursor

    def bewijzen(self, afzender: str, insz: str) -> list[bytes] | None:
        """The person's stored Bewijs elements; ``None`` when the caller is no known afnemer."""
        cursor = self._cursor()
        cursor.execute(self.afnemer_sql, (afzender,))
        if cursor.fetchone() is None:
            return None
        cursor.execute(self.bewijzen_sql, (insz,), **self.options)
        return [bytes(wire) for (wire,) in cursor.fetchall()]

    def keep(self, operation, afzender: str, insz: str) -> bool:
        """Commit the call's audit record; whether it was."""
        self.checkpointer.ensure_running()
        record = trail.CallRecord(dienst="GeefBewijs", versie="02.00.0000", uitkomst=trail.BEANTWOORD)
        record.afzender = afzender
        record.afzender_referte = operation.findtext("Verzoek/Context/Bericht/Afzender/Referte")
        record.vraag_referte = operation.findtext("Verzoek/Vragen/Vraag/Referte")
        record.gevraagd = record.geantwoord = (insz,)
        return self.audit.keep(record)


@functools.cache
def _required_work() -> RequiredWork:
    return RequiredWork(os.environ["LED_FLOOR_DB"], int(os.environ.get("LED_FLOOR_THREADS", "8")))


def data_app(environ, start_response):
    operation, valid = _operation(environ)
    work = _required_work()
    insz = operation.findtext("Verzoek/Vragen/Vraag/Inhoud/INSZ")
    afzender = operation.findtext("Verzoek/Context/Bericht/Afzender/Identificatie")
    bewijzen = work.bewijzen(afzender, insz)
    valid = work.keep(operation, afzender, insz) and bewijzen is not None and valid
    return _respond(start_response, valid, _HEAD + b"".join(bewijzen or ()) + _TAIL)
