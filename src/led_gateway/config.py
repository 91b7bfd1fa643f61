"""Settings of a running gateway, from the command line or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from led_gateway.repository.database import DEFAULT_URL
from led_gateway.wire.context import GatewayIdentity

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
    #: The URL clients reach the gateway on (behind a proxy); ``None``: from each request.
    public_url: str | None = None
    identity: GatewayIdentity = field(default_factory=GatewayIdentity)
    contract: Path = field(default_factory=contract_dir)
