"""Daemon threads that start on first use, in the process that uses them.

A gunicorn worker is forked from a parent that built the gateway; a thread
started in that parent would not exist in the worker. Threads that serve the
process (the audit writer, the SQLite checkpointer) are therefore started
from the calls that need them, once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class BackgroundThread:
    """Runs ``target`` in a daemon thread named ``name``, started by :meth:`ensure_running`."""

    def __init__(self, name: str, target: Callable[[], None]) -> None:
        self._name = name
        self._target = target
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def ensure_running(self) -> None:
        """Start the thread unless it runs in this process already."""
        if self._thread is not None and self._thread.is_alive():
            return
        with self._starting:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._target, name=self._name, daemon=True)
                self._thread.start()
