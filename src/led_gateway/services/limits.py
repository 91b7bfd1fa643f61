"""Per-caller limits: how many calls at once, and how many per second.

One busy back office must not take every worker thread from the others.
Limits hold per worker process (a gateway with W workers admits up to W
times as many); a call over a limit is refused at once with 99996, before
anything is read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


class TooBusy(Exception):
    """The caller is over one of its limits."""


@dataclass
class _Bucket:
    tokens: float
    updated: float


class CallerLimits:
    """At most ``concurrent`` calls at once and ``per_second`` calls a second (0: no limit) per caller."""

    def __init__(self, concurrent: int = 0, per_second: float = 0) -> None:
        self.concurrent, self.per_second = concurrent, per_second
        self._lock = threading.Lock()
        self._running: dict[str, int] = {}
        self._buckets: dict[str, _Bucket] = {}

    @contextmanager
    def admit(self, caller: str | None) -> Iterator[None]:
        """Run the block as one call of ``caller``, or raise :class:`TooBusy`."""
        key = caller or ""
        with self._lock:
            self._take_token(key)
            running = self._running.get(key, 0)
            if self.concurrent and running >= self.concurrent:
                raise TooBusy(f"meer dan {self.concurrent} gelijktijdige vragen")
            self._running[key] = running + 1
        try:
            yield
        finally:
            with self._lock:
                self._running[key] -= 1
                if not self._running[key]:
                    del self._running[key]

    def _take_token(self, key: str) -> None:
        if not self.per_second:
            return
        now = time.monotonic()
        bucket = self._buckets.setdefault(key, _Bucket(self.per_second, now))
        bucket.tokens = min(self.per_second, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        if bucket.tokens < 1:
            raise TooBusy(f"meer dan {self.per_second:g} vragen per seconde")
        bucket.tokens -= 1
