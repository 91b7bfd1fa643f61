"""Settings of a running gateway, from the command line or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from led_gateway.repository.database import DEFAULT_URL
from led_gateway.wire.context import GatewayIdentity
from led_gateway.wire.parsing import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, XmlLimits

#: The project's top level, which holds the contract files xsd/ and wsdl/.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_db_url() -> str:
    return os.environ.get("LED_DB_URL", DEFAULT_URL)


def contract_dir() -> Path:
    """Where xsd/ and wsdl/ live: ``LED_CONTRACT_DIR`` or the project checkout."""
    return Path(os.environ.get("LED_CONTRACT_DIR", PROJECT_ROOT))


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    #: Largest request body accepted, in bytes; larger ones get HTTP 413.
    max_body_bytes: int = 1_000_000
    #: Deepest nesting of elements a request may have; deeper ones get a SOAP Fault before validation.
    max_depth: int = DEFAULT_MAX_DEPTH
    #: Most elements a request may hold; more get a SOAP Fault before validation.
    max_elements: int = DEFAULT_MAX_ELEMENTS
    #: Seconds one request may hold a connection's thread: reading it, answering it and writing the
    #: reply. A client that stalls is cut off then (see :mod:`led_gateway.serve`).
    request_timeout: float = 30.0
    #: The URL clients reach the gateway on (behind a proxy); ``None``: from each request.
    public_url: str | None = None
    identity: GatewayIdentity = field(default_factory=GatewayIdentity)
    contract: Path = field(default_factory=contract_dir)
    #: HTTPS: the server's certificate and key, and the CA that client certificates must chain to.
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_client_ca: Path | None = None
    #: Behind a TLS-terminating proxy: the header carrying the client certificate's SHA-256
    #: fingerprint, trusted only on requests from these addresses.
    certificate_header: str | None = None
    trusted_proxies: frozenset[str] = frozenset()
    #: Every request must carry a valid WS-Security signature of its Body by a registered certificate.
    require_signature: bool = False
    #: Per caller and worker process: calls at once, calls a second (0: no limit); more get 99996.
    max_concurrent_per_caller: int = 0
    max_calls_per_second: float = 0
    #: Threads that answer calls in a worker process: its PostgreSQL pool keeps a connection for
    #: each, and one for the audit writer (a call may hold a second one: overflow).
    threads: int = 8
    #: Count calls for Prometheus and serve the figures at /metrics (:mod:`led_gateway.metrics`).
    metrics: bool = False

    @property
    def xml_limits(self) -> XmlLimits:
        return XmlLimits(max_depth=self.max_depth, max_elements=self.max_elements)
