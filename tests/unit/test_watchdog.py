"""The request watchdog: every connection it watches is cut off at its own deadline."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

import pytest

from led_gateway.serve import RequestWatchdog

TIMEOUT = 0.4
#: How late a cut may come: the watchdog thread has to be scheduled.
SLACK = 1.0


@dataclass
class Connection:
    """What the watchdog needs of a gunicorn connection: its socket."""

    sock: socket.socket


@pytest.fixture
def watchdog():
    dog = RequestWatchdog(TIMEOUT)
    dog.start()
    return dog


@pytest.fixture
def pairs():
    made = []

    def pair() -> tuple[Connection, socket.socket]:
        ours, client = socket.socketpair()
        made.extend((ours, client))
        return Connection(ours), client

    yield pair
    for sock in made:
        sock.close()


def read_side_shut_after(conn: Connection, limit: float) -> float:
    """Seconds until a read on the connection's socket returns end-of-file (it was shut)."""
    started = time.monotonic()
    conn.sock.settimeout(limit)
    assert conn.sock.recv(1) == b""
    return time.monotonic() - started


def test_a_connection_is_cut_at_its_deadline_and_not_before(watchdog, pairs):
    conn, _ = pairs()
    watchdog.arm(conn)
    waited = read_side_shut_after(conn, TIMEOUT + SLACK)
    assert TIMEOUT - 0.05 <= waited <= TIMEOUT + SLACK


def test_connections_armed_while_others_are_watched_are_each_cut_at_their_own_deadline(watchdog, pairs):
    first, _ = pairs()
    second, _ = pairs()
    started = time.monotonic()
    watchdog.arm(first)
    time.sleep(TIMEOUT / 2)
    watchdog.arm(second)
    read_side_shut_after(first, TIMEOUT + SLACK)
    read_side_shut_after(second, TIMEOUT + SLACK)
    assert time.monotonic() - started <= TIMEOUT * 1.5 + SLACK


def test_a_disarmed_connection_is_left_alone_and_the_next_one_still_cut(watchdog, pairs):
    finished, client = pairs()
    watchdog.disarm(watchdog.arm(finished))
    time.sleep(TIMEOUT / 2)
    stalled, _ = pairs()
    watchdog.arm(stalled)
    read_side_shut_after(stalled, TIMEOUT + SLACK)
    client.sendall(b"x")
    finished.sock.settimeout(1)
    assert finished.sock.recv(1) == b"x"


def test_a_connection_armed_after_the_watchdog_fell_idle_is_cut(watchdog, pairs):
    early, _ = pairs()
    watchdog.arm(early)
    read_side_shut_after(early, TIMEOUT + SLACK)
    time.sleep(TIMEOUT * 2.5)  # the early one is shut down both ways and forgotten: nothing is watched
    late, _ = pairs()
    watchdog.arm(late)
    waited = read_side_shut_after(late, TIMEOUT + SLACK)
    assert waited <= TIMEOUT + SLACK
