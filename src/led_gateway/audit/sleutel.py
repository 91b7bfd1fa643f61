"""Protecting INSZ in the audit trail with a key kept outside the database.

Each INSZ is stored twice: as a keyed hash (HMAC-SHA256), so that the trail
can be searched for one person, and encrypted (Fernet), so that the LED team
can read it back. Without the key, a copy of the table reveals neither.

The key is 32 random bytes, base64: from ``LED_AUDIT_KEY``, or else from the
file ``LED_AUDIT_KEY_FILE`` (default ``var/audit.key``), which is created
with mode 0600 the first time it is needed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
from functools import cached_property
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

DEFAULT_KEY_FILE = "var/audit.key"


class AuditKeyError(RuntimeError):
    """The audit key is missing or malformed."""


def _key_file() -> Path:
    return Path(os.environ.get("LED_AUDIT_KEY_FILE") or DEFAULT_KEY_FILE)  # set but empty: the default


def _read_or_create_key() -> bytes:
    configured = os.environ.get("LED_AUDIT_KEY")
    if configured:
        return _decode(configured, "LED_AUDIT_KEY")
    path = _key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode() + "\n")
        text = path.read_text().strip()
    except OSError as error:
        raise AuditKeyError(f"the audit key file {path} cannot be used: {error.strerror}") from None
    return _decode(text, str(path))


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise AuditKeyError(f"the audit key in {where} is not 32 bytes in base64")
    return key


@functools.cache
def default_protector() -> InszProtector:
    """The process's protector, reading (or creating) the key once."""
    return InszProtector()


class InszProtector:
    """Hashes and encrypts INSZ for the audit trail with the one audit key."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or _read_or_create_key()

    @cached_property
    def _fernet(self) -> Fernet:
        derived = hmac.new(self.key, b"led-gateway audit encryption", hashlib.sha256).digest()
        return Fernet(base64.urlsafe_b64encode(derived))

    def hash(self, insz: str) -> str:
        return hmac.new(self.key, b"insz:" + insz.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, insz: str) -> str:
        return self._fernet.encrypt(insz.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            return "(niet leesbaar met deze sleutel)"
