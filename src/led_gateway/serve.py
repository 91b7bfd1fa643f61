"""Serving the gateway with gunicorn, a production WSGI server.

Each worker process builds the gateway once when it starts (schemas
compiled, WSDLs read, database engine opened) and then serves with a few
threads, so that a slow client does not hold the whole worker.

Slow and stalled clients
------------------------
gunicorn's ``gthread`` worker reads a request's headers and body with
blocking socket calls in one of its threads, without a time limit: a client
that sends headers and part of a body and then waits holds that thread until
it goes away. gunicorn's ``timeout`` does not help, since the worker's main
loop keeps reporting that it is alive while a thread waits, and ``keepalive``
only applies between requests. With every thread held, the worker answers
nobody.

:class:`GatewayWorker` therefore gives every request ``request_timeout``
seconds, counted from the moment a thread takes up the connection. A
:class:`RequestWatchdog` thread per worker then shuts the connection's read
side: a blocked read returns at once, the request is answered with a SOAP
Fault (HTTP 408) if its body was incomplete, and the connection is closed. A
connection still held another ``request_timeout`` later (a client that does
not read the reply) is shut down both ways. Refusals that can leave part of a
body unread (HTTP 400, 408, 413) close the connection rather than read the
rest of it to keep the connection alive.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from led_gateway.app import create_app
from led_gateway.config import Settings
from led_gateway.metrics import prepare_directory
from led_gateway.wire import certificaat

#: Statuses after which the connection is closed: the request body may not have been read whole.
_CLOSING_STATUSES = frozenset({"400", "408", "413"})

#: Seconds a new connection may wait for a worker with a free thread before a busy worker takes it.
ACCEPT_GRACE = 0.1

_connection = threading.local()


class RequestWatchdog:
    """Cuts off connections whose request takes longer than ``timeout`` seconds.

    One thread per worker process sleeps until the nearest deadline. There are
    never more connections to watch than the worker has threads.

    Every deadline lies ``timeout`` seconds after its connection was armed, so
    a new one is never nearer than those already watched: arming wakes the
    thread only when it sleeps without a deadline (nothing was watched), not
    once per request.
    """

    def __init__(self, timeout: float, log=None) -> None:
        self.timeout = timeout
        self.log = log
        self._changed = threading.Condition()
        #: key → [deadline, connection, stage]; stage 0: read side open, 1: read side shut.
        self._watched: dict[int, list] = {}
        self._keys = itertools.count()
        self._thread: threading.Thread | None = None
        #: The thread waits to be woken rather than for a deadline; guarded by ``_changed``.
        self._idle = True

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="request-watchdog", daemon=True)
        self._thread.start()

    def arm(self, conn) -> int:
        """Watch ``conn`` (anything with a ``sock``) from now on; returns the key for :meth:`disarm`."""
        key = next(self._keys)
        with self._changed:
            self._watched[key] = [time.monotonic() + self.timeout, conn, 0]
            if self._idle:
                self._changed.notify()
        return key

    def disarm(self, key: int) -> None:
        with self._changed:
            self._watched.pop(key, None)

    def _run(self) -> None:
        with self._changed:
            while True:
                pause = self._expire(time.monotonic())
                self._idle = pause is None
                self._changed.wait(pause)

    def _expire(self, now: float) -> float | None:
        """Act on every deadline passed; return how long to sleep until the next one."""
        nearest = None
        for key, entry in list(self._watched.items()):
            deadline, conn, stage = entry
            if deadline <= now:
                if stage == 0:
                    self._shut(conn, socket.SHUT_RD, "request not done within {} s: read side shut")
                    entry[0], entry[2] = now + self.timeout, 1
                else:
                    self._shut(conn, socket.SHUT_RDWR, "connection still held {} s later: shut down")
                    del self._watched[key]
                    continue
            nearest = entry[0] if nearest is None else min(nearest, entry[0])
        return None if nearest is None else max(nearest - now, 0.0)

    def _shut(self, conn, how: int, what: str) -> None:
        sock = getattr(conn, "sock", None)
        if sock is None:
            return
        try:
            # The plain socket call, also for a TLS socket: the TLS layer belongs to the serving thread.
            socket.socket.shutdown(sock, how)
        except OSError:
            return  # closed meanwhile
        if self.log is not None:
            self.log.warning("client %s: %s", _peer(conn), what.format(f"{self.timeout:g}"))


def _pending(listener) -> bool:
    """Whether connections wait in ``listener``'s queue (it is readable)."""
    readable, _, _ = select.select([listener], [], [], 0)
    return bool(readable)


def _peer(conn) -> str:
    client = getattr(conn, "client", None)
    if isinstance(client, tuple) and len(client) >= 2:
        return f"{client[0]}:{client[1]}"
    return str(client)


class GatewayWorker(ThreadWorker):
    """gunicorn's threaded worker, with a time limit per request and closing refusals, that
    leaves new connections to another worker while its own threads are all busy.

    Workers take connections from one shared listening socket, first come first served: when
    clients connect together, one worker could take most of them and work flat out while the
    other waited for its few (measured with 16 kept-alive connections: splits from 8/8 to
    14/2, and 1,090 against 1,390 calls a second). A worker with every thread busy now stops
    listening until one is free; the kernel holds a new connection meanwhile for a worker that
    can answer it now. Connections kept alive between requests hold no thread and do not count.

    Under a load that keeps every worker's threads busy (more clients with kept-alive connections
    than threads), no worker would ever find a thread free, and a new connection would wait until
    the load ended (measured: 10 s, the whole run, behind 64 busy connections). A connection that
    has waited ``ACCEPT_GRACE`` seconds is therefore taken by a busy worker too, and queues for a
    thread like a request on a kept-alive connection.
    """

    def init_process(self) -> None:
        settings = getattr(self.app, "settings", None)
        timeout = settings.request_timeout if settings is not None else Settings.request_timeout
        self.watchdog = RequestWatchdog(timeout, self.log)
        self.watchdog.start()
        self.in_flight = 0  # requests submitted to the threads and not finished; main loop only
        self.waiting_since: float | None = None  # since when a connection waits to be accepted
        super().init_process()  # runs the worker until it stops

    def enqueue_req(self, conn) -> None:
        self.in_flight += 1
        super().enqueue_req(conn)

    def finish_request(self, conn, fs) -> None:
        self.in_flight -= 1
        super().finish_request(conn, fs)

    def accept(self, listener) -> None:
        super().accept(listener)
        if self.in_flight >= self.cfg.threads:
            self.set_accept_enabled(False)  # the main loop enables it again (set_accept_enabled)

    def set_accept_enabled(self, enabled: bool) -> None:
        """gunicorn's main loop asks this at every turn while it may accept but does not."""
        if enabled and self.in_flight < self.cfg.threads:
            self.waiting_since = None
        elif enabled:
            enabled = self._waited_long()
        super().set_accept_enabled(enabled)

    def _waited_long(self) -> bool:
        """Whether connections have waited ``ACCEPT_GRACE`` seconds or more to be accepted, counted
        from when this worker, busy, first found them waiting."""
        if not any(_pending(listener) for listener in self.sockets):
            self.waiting_since = None
            return False
        now = time.monotonic()
        if self.waiting_since is None:
            self.waiting_since = now
        return now - self.waiting_since >= ACCEPT_GRACE

    def load_wsgi(self) -> None:
        super().load_wsgi()
        # What start-up built (schemas, WSDLs, mappings) lives as long as the worker: leave it out of
        # every garbage collection instead of walking it again and again under load.
        gc.freeze()

    def handle(self, conn):
        key = self.watchdog.arm(conn)
        try:
            result = super().handle(conn)
            if result is False:
                _close_gracefully(conn.sock)
            return result
        finally:
            self.watchdog.disarm(key)

    def handle_request(self, req, conn):
        _connection.close = False
        _connection.request = req
        try:
            with certificaat.presenting(_client_certificate(conn.sock)):
                keepalive = super().handle_request(req, conn)
        finally:
            _connection.request = None
        return keepalive and not _connection.close


def _client_certificate(sock) -> str | None:
    """The fingerprint of the certificate the TLS client presented on this connection, if any."""
    if not isinstance(sock, ssl.SSLSocket):
        return None
    der = sock.getpeercert(binary_form=True)
    return certificaat.fingerprint_of_der(der) if der else None


def _tls_options(settings: Settings) -> dict:
    """gunicorn's TLS settings: HTTPS, and client certificates required when a CA is given."""
    if settings.tls_cert is None:
        return {}
    options = {"certfile": str(settings.tls_cert), "keyfile": str(settings.tls_key)}
    if settings.tls_client_ca is not None:
        options.update(ca_certs=str(settings.tls_client_ca), cert_reqs=ssl.CERT_REQUIRED)
    return options


def _close_gracefully(sock, linger: float = 2.0, max_drain: int = 64 * 1024 * 1024) -> None:
    """Half-close ``sock`` and wait briefly for the client to close, here in the serving thread.

    What the client still sends meanwhile is read and discarded (never kept): a client that
    sends a 20 MB body gets its 413 only if it can finish writing, since most clients read the
    reply only then. At most ``max_drain`` bytes and ``linger`` seconds are spent on it.

    gunicorn 27 lingers like this itself when it closes a connection, but in the worker's main
    loop, for up to 2 s: a client that does not close its end stalls every other connection of
    the worker meanwhile (measured: each such client delayed all other requests by 2 s). Done here
    first, with the read side shut at the end, gunicorn's own linger finds the connection finished
    and returns at once.
    """
    try:
        socket.socket.shutdown(sock, socket.SHUT_WR)
        deadline = time.monotonic() + linger
        drained = 0
        while drained < max_drain:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            data = sock.recv(65536)
            if not data:
                break
            drained += len(data)
    except OSError:  # timeouts included
        pass
    finally:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RD)


StartResponse = Callable[..., object]


class CloseAfterRefusal:
    """WSGI middleware: tell :class:`GatewayWorker` to close the connection after a refusal."""

    def __init__(self, app: Callable[[dict, StartResponse], Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], exc_info=None):
            if status[:3] in _CLOSING_STATUSES:
                _close_connection()
            if exc_info is None:
                return start_response(status, headers)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


def _close_connection() -> None:
    """Close the connection after this reply, and say so in its headers where gunicorn allows."""
    _connection.close = True
    force_close = getattr(getattr(_connection, "request", None), "force_close", None)
    if callable(force_close):
        force_close()  # gunicorn then answers with "Connection: close"


class GatewayServer(BaseApplication):
    def __init__(
        self,
        settings: Settings,
        host: str,
        port: int,
        workers: int,
        threads: int,
        timeout: int,
        access_log: str | None = None,
    ) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": f"{__name__}.GatewayWorker",
            "threads": threads,
            # gthread: how long the worker's main loop may go silent before the arbiter kills the
            # worker. It does not bound a request; request_timeout does (GatewayWorker).
            "timeout": timeout,
            "graceful_timeout": 10,
            "keepalive": 5,
            # A line per request costs a few percent of a worker's CPU; the audit trail has every call.
            "accesslog": access_log,
            "errorlog": "-",
            "loglevel": "info",
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            # Several gateways may run side by side (tests, staging): no shared control socket in $HOME.
            "control_socket_disable": True,
            **_tls_options(settings),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        gateway = create_app(self.settings)
        return CloseAfterRefusal(gateway)


def serve(
    settings: Settings,
    host: str,
    port: int,
    workers: int = 1,
    threads: int = 8,
    timeout: int = 30,
    access_log: str | None = None,
) -> None:
    """Serve until interrupted; ``access_log`` is a file for gunicorn's access log (``-``: stdout)."""
    if settings.metrics:
        prepare_directory()  # before the workers start: they write their figures there
    GatewayServer(settings, host, port, workers, threads, timeout, access_log).run()
