"""PostgreSQL going away and coming back: 90000 (and /health 503) meanwhile, the process stays up
and recovers.

Also: a pooled connection the server closed is replaced when it is taken
from the pool, before any statement fails on it; and the audit trail's
writer, whose connection drops between the server's commit and its answer,
does not store the same calls twice.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import make_url, text

from led_gateway.audit.sleutel import InszProtector
from led_gateway.audit.trail import CallRecord
from led_gateway.audit.writer import AuditWriter
from led_gateway.repository.database import make_engine
from led_gateway.repository.driver import WriterConnection
from led_gateway.repository.migrate import upgrade
from tests.conftest import Server, free_port, fresh_postgres_database, new_demo_database, run_cli
from tests.messages import geef_bewijs, is_beschikbaar, reply_body, uitzonderingen

GEEF_BEWIJS = "/GeefBewijsDienst-02.00/soap/WebService"
IS_BESCHIKBAAR = "/IsBeschikbaarDienst-02.00/soap/WebService"


class Cluster:
    """A throwaway PostgreSQL cluster on loopback that the test may stop and start."""

    def __init__(self) -> None:
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not binaries:
            pytest.skip(
                "PostgreSQL server binaries are not installed (tests/start-postgres.sh installs them)"
            )
        self.bin = Path(binaries[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="led-outage-"))
        self.port = free_port()
        self.as_owner = []
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.dir / "data"), "-U", "led", "--auth=trust")
        self.start()
        self.url = f"postgresql+psycopg://led@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin / program), *args], check=True, capture_output=True, timeout=60
        )

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster():
    running = Cluster()
    yield running
    subprocess.run(
        [
            *running.as_owner,
            str(running.bin / "pg_ctl"),
            "-D",
            str(running.dir / "data"),
            "-m",
            "immediate",
            "stop",
        ],
        capture_output=True,
        timeout=60,
    )
    shutil.rmtree(running.dir, ignore_errors=True)


def codes(server, path: str, payload: bytes) -> list[str]:
    response = server.post(path, payload)
    assert response.status_code == 200, response.text[:300]
    assert b"Traceback" not in response.content
    return [u["Identificatie"] for u in uitzonderingen(reply_body(response.content), "Repliek")]


def test_the_gateway_says_90000_while_the_database_is_down_and_recovers(cluster, tmp_path):
    db_url = new_demo_database(tmp_path, cluster.url, persons=10)
    person = run_cli("demo", "persons", "--db", db_url, "--limit", "1").stdout.split()[0]
    server = Server(db_url, tmp_path / "server.log")
    try:
        assert codes(server, GEEF_BEWIJS, geef_bewijs(person)) == []
        assert health(server) == 200
        cluster.stop()
        assert codes(server, GEEF_BEWIJS, geef_bewijs(person)) == ["90000"]
        assert codes(server, IS_BESCHIKBAAR, is_beschikbaar()) == ["90000"]
        assert health(server) == 503
        assert server.process.poll() is None, "the server process died"
        cluster.start()
        assert codes(server, GEEF_BEWIJS, geef_bewijs(person)) == []
        assert health(server) == 200
        body = reply_body(server.post(GEEF_BEWIJS, geef_bewijs(person, referte="na-herstel")).content)
        assert body.findall(".//Bewijs")
        cluster.stop()  # a restart between two calls: the first call after it finds stale connections
        cluster.start()
        assert codes(server, GEEF_BEWIJS, geef_bewijs(person, referte="na-herstart")) == []
    finally:
        server.stop()
    # The audit writer keeps a connection of its own: it too came back with the database.
    listed = run_cli("audit", "list", "--db", db_url, "--format", "json").stdout.splitlines()
    assert {"na-herstel", "na-herstart"} <= {json.loads(line)["afzender_referte"] for line in listed}


def health(server: Server) -> int:
    return httpx.get(server.base + "/health", timeout=30).status_code


def _backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


@pytest.mark.postgres
def test_the_pool_replaces_a_connection_the_server_closed_and_keeps_a_healthy_one():
    engine = make_engine(fresh_postgres_database(), pool_size=1)
    admin = make_engine(fresh_postgres_database(), pool_size=1)
    try:
        first = _backend_pid(engine)
        assert _backend_pid(engine) == first, "a healthy pooled connection was not reused"
        with admin.connect() as connection:
            assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first}).scalar()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with admin.connect() as connection:
                gone = not connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": first}
                ).scalar()
            if gone:
                break
            time.sleep(0.05)
        second = _backend_pid(engine)  # no error: the closed connection never reached a statement
        assert second != first
        assert _backend_pid(engine) == second
    finally:
        engine.dispose()
        admin.dispose()


class ReplyCutter:
    """A TCP relay to a PostgreSQL server that can cut a connection as the server answers: what
    the server did is done, its client never hears of it."""

    def __init__(self, server_host: str, server_port: int) -> None:
        self._server = (server_host, server_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.cut_next_answer = threading.Event()
        self.cuts = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self._server)
            threading.Thread(target=self._relay, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._relay, args=(server, client, True), daemon=True).start()

    def _relay(self, source: socket.socket, target: socket.socket, answers: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if answers and self.cut_next_answer.is_set():
                    self.cut_next_answer.clear()
                    self.cuts += 1
                    break
                target.sendall(data)
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


@pytest.mark.postgres
def test_calls_whose_commit_went_unanswered_are_kept_once():
    url = make_url(fresh_postgres_database())
    upgrade_engine = make_engine(url.render_as_string(hide_password=False))
    upgrade(upgrade_engine)
    upgrade_engine.dispose()
    relay = ReplyCutter(url.host, url.port or 5432)
    engine = make_engine(url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False))
    writer = AuditWriter(WriterConnection(engine), InszProtector(bytes(32)))
    referte = uuid.uuid4().hex[:8]
    try:
        writer.keep(CallRecord("GeefBewijs", afzender_referte=f"{referte}-voor", gevraagd=("85073003328",)))
        relay.cut_next_answer.set()
        writer.keep(CallRecord("GeefBewijs", afzender_referte=f"{referte}-na", gevraagd=("85073003328",)))
        assert relay.cuts == 1, "the writer's statement was not answered through the relay"
        with engine.connect() as connection:
            kept = connection.execute(
                text(
                    "SELECT afzender_referte, count(*) FROM audit JOIN audit_subjecten ON audit.id = audit_id"
                    " GROUP BY afzender_referte"
                )
            ).all()
    finally:
        engine.dispose()
        relay.close()
    assert sorted(kept) == [(f"{referte}-na", 1), (f"{referte}-voor", 1)]
