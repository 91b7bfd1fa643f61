"""Storing audit records with group commit: one writer thread per process.

A call's reply is sent only once its audit record is committed (and a reply
about persons not at all when it could not be: see ``Gateway._audited``).
Calls that finish together share one transaction: on SQLite, with one writer
at a time, many threads committing one record each would otherwise queue on
the write lock (and its back-off sleeps).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from led_gateway.audit import trail
from led_gateway.audit.sleutel import InszProtector
from led_gateway.background import BackgroundThread
from led_gateway.repository.driver import WriterConnection

log = logging.getLogger("led_gateway.audit")

#: Most records in one transaction.
BATCH = 200


class _Pending:
    def __init__(self, record: trail.CallRecord) -> None:
        self.record = record
        self.stored = threading.Event()
        self.committed = False


class AuditWriter:
    """Keeps call records; :meth:`keep` returns once the record is committed or could not be."""

    def __init__(
        self,
        connection: WriterConnection,
        protector: InszProtector,
        lock: AbstractContextManager | None = None,
    ) -> None:
        #: The writer thread's own connection: no session or pool checkout per transaction.
        self._connection = connection
        self._protector = protector
        #: Taken around each transaction: the workers' writers queue on it (see WriterLock).
        self._lock = lock or contextlib.nullcontext()
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._thread = BackgroundThread("audit-writer", self._run)

    def keep(self, record: trail.CallRecord, timeout: float = 30.0) -> bool:
        """Whether ``record`` was committed (within ``timeout`` seconds)."""
        self._thread.ensure_running()
        pending = _Pending(record)
        self._queue.put(pending)
        if not pending.stored.wait(timeout):
            log.error(
                "audit record of %s %s not stored within %s s",
                record.dienst,
                record.antwoord_referte,
                timeout,
            )
        return pending.committed

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._store(batch)

    def _store(self, batch: list[_Pending]) -> None:
        try:
            calls = trail.batch([pending.record for pending in batch], self._protector, datetime.now())
            with self._lock:
                self._connection.run(calls.store, done=calls.stored)
            for pending in batch:
                pending.committed = True
        except DBAPIError:
            log.error("%d audit record(s) could not be stored: database unavailable", len(batch))
        except Exception:
            log.exception("%d audit record(s) could not be stored", len(batch))
        finally:
            for pending in batch:
                pending.stored.set()
