"""The client certificate a request came with, as a SHA-256 fingerprint.

With TLS the gateway's worker reads the peer certificate of the connection
(:func:`presenting`); behind a TLS-terminating proxy the fingerprint comes
from a configured header, trusted only from configured proxy addresses
(:func:`from_proxy`). Fingerprints are lower-case hex without separators.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

_presented: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "led_gateway_certificate", default=None
)
_HEX = re.compile(r"[0-9a-f]{64}\Z")


class CertificaatError(ValueError):
    """Not a fingerprint or a certificate."""


def fingerprint_of_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def fingerprint_of_pem(pem: bytes) -> str:
    try:
        certificate = x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        raise CertificaatError(f"not a PEM certificate: {exc}") from None
    return fingerprint_of_der(certificate.public_bytes(Encoding.DER))


def normalise(fingerprint: str) -> str:
    """``AB:CD:...`` or ``abcd...`` (SHA-256) to lower-case hex, or CertificaatError."""
    cleaned = fingerprint.strip().lower().replace(":", "").replace(" ", "")
    if not _HEX.match(cleaned):
        raise CertificaatError(f"'{fingerprint}' is not a SHA-256 fingerprint (64 hex digits)")
    return cleaned


@contextmanager
def presenting(fingerprint: str | None) -> Iterator[None]:
    """Within this block, requests on this thread come with ``fingerprint``."""
    token = _presented.set(fingerprint)
    try:
        yield
    finally:
        _presented.reset(token)


def presented() -> str | None:
    """The fingerprint of the certificate the current request came with, if any."""
    return _presented.get()


def from_proxy(environ: dict, header: str | None, trusted: frozenset[str]) -> str | None:
    """The fingerprint a trusted proxy passed in ``header``; None from anyone else."""
    if not header or environ.get("REMOTE_ADDR") not in trusted:
        return None
    value = environ.get("HTTP_" + header.upper().replace("-", "_"))
    if not value:
        return None
    try:
        return normalise(value)
    except CertificaatError:
        return None
