"""The WSGI application: every dienst on its own endpoint, plus the contract files.

``create_app(settings)`` does the start-up work once per process: it opens
the database engine, compiles each dienst's request schema and reads the
WSDL files. Requests are then routed on their path:

- ``/<Dienst>-<MM.mm>/soap/WebService``: SOAP (POST) and its WSDL (``?wsdl``);
- ``/<Dienst>-<MM.mm>/xsd/...`` and ``/xsd/...``: the schemas the WSDLs import;
- ``/health``: ``200 ok`` while the database answers, else ``503``, for load balancers;
- ``/metrics``: the Prometheus metrics, when ``settings.metrics`` (:mod:`led_gateway.metrics`);
- ``/``: a plain-text list of the endpoints, for operators.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from spyne.server.wsgi import WsgiApplication
from sqlalchemy.exc import DBAPIError

from led_gateway.audit import trail
from led_gateway.audit.sleutel import default_protector
from led_gateway.audit.writer import AuditWriter
from led_gateway.config import Settings
from led_gateway.metrics import Metrics
from led_gateway.repository.database import (
    WalCheckpointer,
    make_engine,
    make_session_factory,
    writer_lock,
)
from led_gateway.repository.driver import WriterConnection
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services import DIENSTEN
from led_gateway.services.base import Dienst, Responder
from led_gateway.services.limits import CallerLimits
from led_gateway.wire import certificaat
from led_gateway.wire.documents import Contract
from led_gateway.wire.envelope import MagdaSoap11, fault_envelope, soap_application
from led_gateway.wire.validation import RequestSchema

log = logging.getLogger("led_gateway")

XML = "text/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
StartResponse = Callable[[str, list[tuple[str, str]]], object]


def _base_url(environ: dict) -> str:
    scheme = environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{scheme}://{host}"


class DienstEndpoint(WsgiApplication):
    """Spyne's WSGI server for one dienst, publishing our WSDL instead of a generated one."""

    def __init__(self, dienst: Dienst, responder: Responder, contract: Contract, settings: Settings) -> None:
        schema = RequestSchema.from_file(settings.contract / dienst.request_xsd)
        protocol = MagdaSoap11(schema, settings.max_body_bytes, settings.xml_limits)
        application = soap_application(dienst.operation, dienst.namespace, responder, protocol)
        super().__init__(application, max_content_length=settings.max_body_bytes)
        self.dienst = dienst
        self.contract = contract
        self.public_url = settings.public_url
        contract.wsdl_source(dienst.wsdl)

    def handle_wsdl_request(self, req_env: dict, start_response: StartResponse, url: str) -> Iterable[bytes]:
        base = self.public_url or _base_url(req_env)
        body = self.contract.wsdl(self.dienst.wsdl, base.rstrip("/"), self.dienst.endpoint)
        start_response("200 OK", [("Content-Type", XML), ("Content-Length", str(len(body)))])
        return [body]


class Gateway:
    """The whole gateway as one WSGI callable."""

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = datetime.now) -> None:
        self.settings = settings
        self.engine = make_engine(settings.db_url, pool_size=settings.threads + 1)
        self.checkpointer = WalCheckpointer(self.engine)
        session_factory = self.session_factory = make_session_factory(self.engine)
        self.protector = default_protector()
        self.audit = AuditWriter(WriterConnection(self.engine), self.protector, writer_lock(self.engine))
        limits = CallerLimits(settings.max_concurrent_per_caller, settings.max_calls_per_second)
        self.contract = Contract(settings.contract)
        self.metrics = Metrics() if settings.metrics else None
        self.endpoints: dict[str, DienstEndpoint] = {}
        for dienst in DIENSTEN:
            units = functools.partial(UnitOfWork, session_factory, clock, writes=dienst.schrijft)
            responder = Responder(dienst, units, settings.identity, clock, limits, settings.require_signature)
            self.endpoints[dienst.endpoint] = DienstEndpoint(dienst, responder, self.contract, settings)

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        endpoint = self.endpoints.get(path.rstrip("/"))
        if endpoint is not None and environ.get("REQUEST_METHOD") == "POST":
            settings = self.settings
            proxied = certificaat.from_proxy(environ, settings.certificate_header, settings.trusted_proxies)
            if proxied is None:
                return self._audited(endpoint, environ, start_response)
            with certificaat.presenting(proxied):
                return self._audited(endpoint, environ, start_response)
        if endpoint is not None:
            return endpoint(environ, start_response)
        schema = self.contract.xsd_file(path)
        if schema is not None:
            return _respond(start_response, "200 OK", XML, schema)
        if path == "/":
            return _respond(start_response, "200 OK", TEXT, self._index())
        if path == "/health":
            return self._health(start_response)
        if path == "/metrics" and self.metrics is not None:
            body, media_type = self.metrics.exposition()
            return _respond(start_response, "200 OK", media_type, body)
        if environ.get("REQUEST_METHOD") == "POST":
            fault = fault_envelope("Client", f"no dienst is served at {path}; GET / lists the endpoints")
            return _respond(start_response, "404 Not Found", XML, fault)
        return _respond(start_response, "404 Not Found", TEXT, b"not found\n")

    def _audited(
        self, endpoint: DienstEndpoint, environ: dict, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Answer a SOAP call and keep it in the audit trail, whatever its outcome.

        The reply leaves once the call's record is committed. A reply about persons whose record
        could not be committed does not leave at all: a Fault (HTTP 503) takes its place, so that
        no consultation goes unrecorded. Other replies (refusals, uitzonderingen such as 90000
        while the database is away) leave all the same.
        """
        self.checkpointer.ensure_running()
        record, token = trail.open_call(endpoint.dienst.operation)
        started: list[tuple] = []

        def capture(status: str, headers: list, *exc_info) -> None:
            started.append((status, headers, *exc_info))

        try:
            body = endpoint(environ, capture)
        finally:
            trail.close_call(token)
        if record.uitkomst == trail.FOUT:
            record.detail = f"HTTP {started[0][0] if started else '?'} from {environ.get('REMOTE_ADDR', '?')}"
        recorded = self.audit.keep(record)
        withheld = not recorded and bool(record.geantwoord)
        if withheld:
            record.uitkomst, record.codes = trail.FOUT, ()
        if self.metrics is not None:
            self.metrics.observe(record, recorded)
        if withheld:
            getattr(body, "close", lambda: None)()
            return _respond(start_response, "503 Service Unavailable", XML, _WITHHELD)
        start_response(*started[-1])
        return body

    def _health(self, start_response: StartResponse) -> list[bytes]:
        """Whether this worker can answer calls: its database answers a query."""
        try:
            with UnitOfWork(self.session_factory) as uow:
                uow.ping()
        except DBAPIError:
            return _respond(start_response, "503 Service Unavailable", TEXT, b"database unavailable\n")
        return _respond(start_response, "200 OK", TEXT, b"ok\n")

    def _index(self) -> bytes:
        lines = ["LED gateway: MAGDA-compatible SOAP services", ""]
        for endpoint in self.endpoints.values():
            dienst = endpoint.dienst
            lines.append(
                f"{dienst.operation} {dienst.versie}  {dienst.endpoint}  (WSDL: {dienst.endpoint}?wsdl)"
            )
        lines += ["", "/health  200 while the database answers, else 503"]
        if self.metrics is not None:
            lines.append("/metrics  Prometheus metrics")
        return ("\n".join(lines) + "\n").encode()


#: What a caller gets instead of a reply about persons whose consultation could not be recorded.
_WITHHELD = fault_envelope(
    "Server", "the reply is withheld: the call could not be recorded in the audit trail; try again later"
)


def _respond(start_response: StartResponse, status: str, media_type: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", media_type), ("Content-Length", str(len(body)))])
    return [body]


def create_app(settings: Settings | None = None) -> Gateway:
    """Build the gateway for ``settings`` (defaults: environment and SQLite in var/)."""
    return Gateway(settings or Settings())
