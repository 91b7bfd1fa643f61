"""Shared fixtures: the reference contract, a demo database and a real server process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import xmlschema
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(os.environ.get("LED_MAGDA_REFERENCE", ROOT.parent / "shared" / "magda-reference"))
CLI = [sys.executable, "-m", "led_gateway"]
DEMO_PERSONS = 60


def run_cli(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"led-gateway {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def reference() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip(f"MAGDA reference not found at {REFERENCE} (set LED_MAGDA_REFERENCE)")
    return REFERENCE


_schemas: dict[str, xmlschema.XMLSchema] = {}


def reference_schema(reference: Path, folder: str, name: str) -> xmlschema.XMLSchema:
    path = reference / "xsd" / folder / "WebService" / name
    if str(path) not in _schemas:
        _schemas[str(path)] = xmlschema.XMLSchema(str(path))
    return _schemas[str(path)]


def new_demo_database(directory: Path, url: str | None = None, persons: int = DEMO_PERSONS) -> str:
    url = url or f"sqlite:///{directory}/led.db"
    run_cli("db", "init", "--db", url)
    run_cli("demo", "load", "--db", url, "--persons", str(persons), "--quiet")
    return url


class Server:
    """A gateway process on a free loopback port."""

    def __init__(
        self,
        db_url: str,
        log: Path,
        *extra: str,
        env: dict[str, str] | None = None,
        scheme: str = "http",
        client_options: dict | None = None,
    ) -> None:
        self.port = free_port()
        self.base = f"{scheme}://127.0.0.1:{self.port}"
        self.client_options = client_options or {}
        self.db_url = db_url
        with open(log, "wb") as output:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [*CLI, "serve", "--db", db_url, "--host", "127.0.0.1", "--port", str(self.port), *extra],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **(env or {})},
            )
        self._wait_ready(log)

    def _wait_ready(self, log: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited {self.process.returncode}: {log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + "/", timeout=1, **self.client_options).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise AssertionError("server did not start within 60 s")

    def post(
        self,
        path: str,
        payload: bytes,
        soap_action: str | None = '""',
        content_type: str | None = "text/xml;charset=UTF-8",
    ) -> httpx.Response:
        headers = {}
        if soap_action is not None:
            headers["SOAPAction"] = soap_action
        if content_type is not None:
            headers["Content-Type"] = content_type
        return httpx.post(
            self.base + path, content=payload, headers=headers, timeout=30, **self.client_options
        )

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


def fresh_postgres_database() -> str:
    """A new, empty database on the server of ``LED_TEST_PG_URL`` (skips when it is not set)."""
    server_url = os.environ.get("LED_TEST_PG_URL")
    if not server_url:
        pytest.skip("PostgreSQL tests need LED_TEST_PG_URL (see README: tests/start-postgres.sh)")
    url = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"led_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def demo_db(request, tmp_path_factory) -> str:
    """A demo database on each backend: SQLite always, PostgreSQL when a server is given."""
    directory = tmp_path_factory.mktemp("demo")
    if request.param == "sqlite":
        return new_demo_database(directory)
    return new_demo_database(directory, fresh_postgres_database())


@pytest.fixture(scope="session")
def server(demo_db, tmp_path_factory) -> Server:
    gateway = Server(demo_db, tmp_path_factory.mktemp("server") / "server.log")
    yield gateway
    gateway.stop()


@pytest.fixture(scope="session")
def persons(demo_db) -> list[str]:
    return run_cli("demo", "persons", "--db", demo_db, "--limit", "20").stdout.split()
