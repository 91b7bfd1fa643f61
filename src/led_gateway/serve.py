"""Serving the gateway with gunicorn, a production WSGI server.

Each worker process builds the gateway once when it starts (schemas
compiled, WSDLs read, database engine opened) and then serves with a few
threads, so that a slow client does not hold the whole worker.
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from led_gateway.app import create_app
from led_gateway.config import Settings


class GatewayServer(BaseApplication):
    def __init__(
        self, settings: Settings, host: str, port: int, workers: int, threads: int, timeout: int
    ) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": timeout,
            "graceful_timeout": 10,
            "keepalive": 5,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "info",
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            # Several gateways may run side by side (tests, staging): no shared control socket in $HOME.
            "control_socket_disable": True,
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return create_app(self.settings)


def serve(
    settings: Settings, host: str, port: int, workers: int = 1, threads: int = 4, timeout: int = 30
) -> None:
    """Serve until interrupted."""
    GatewayServer(settings, host, port, workers, threads, timeout).run()
