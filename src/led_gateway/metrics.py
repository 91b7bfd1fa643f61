"""Prometheus metrics of a serving gateway (``led-gateway serve --metrics``), at ``GET /metrics``.

Per dienst, for every SOAP call: the calls by outcome, their durations (until the reply could
leave, its audit record committed), the uitzonderingen answered, by code, and the calls whose audit
record could not be committed (an operator's alert: their replies about persons were withheld).
Nothing about persons or callers.

gunicorn's workers are processes of their own. Each writes its figures to files in one directory
(prometheus_client's multiprocess mode), which :func:`prepare_directory` sets up before the workers
start, and ``GET /metrics`` on any worker adds up the figures of all of them, those of workers that
ended included. prometheus_client decides when it is imported whether it runs in that mode, so it is
imported here only once a :class:`Metrics` is made, in a worker.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from led_gateway.audit.trail import CallRecord

#: Where the worker processes write their figures (prometheus_client's own setting).
DIRECTORY_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

#: The names of prometheus_client's files of figures, the only files removed from that directory.
_FIGURES_FILE = re.compile(r"(counter|histogram|summary|gauge_[a-z]+)_\d+\.db")

#: Upper bounds (seconds) of the duration histogram's buckets.
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class MetricsDirectoryError(ValueError):
    """The directory for the workers' figures cannot serve: it holds files of something else."""


def prepare_directory() -> Path:
    """The directory the workers write their figures to, without those of an earlier run;
    exported for them.

    It is ``PROMETHEUS_MULTIPROC_DIR`` when the environment sets it (its old figures are
    removed: the counters start again with the server), else a temporary directory, removed
    when the server ends. prometheus_client reads every ``.db`` file of the directory as
    figures, so one holding other ``.db`` files is refused (:class:`MetricsDirectoryError`)
    before anything in it is removed.
    """
    given = os.environ.get(DIRECTORY_VARIABLE)
    if given:
        directory = Path(given)
        directory.mkdir(parents=True, exist_ok=True)
        files = sorted(directory.glob("*.db"))
        others = [path.name for path in files if not _FIGURES_FILE.fullmatch(path.name)]
        if others:
            raise MetricsDirectoryError(
                f"{DIRECTORY_VARIABLE}={directory} holds files that are not Prometheus figures "
                f"({', '.join(others[:3])}): give the metrics a directory of their own"
            )
        for figures in files:
            figures.unlink()
    else:
        directory = Path(tempfile.mkdtemp(prefix="led-metrics-"))
        atexit.register(_remove_in_process, directory, os.getpid())
        os.environ[DIRECTORY_VARIABLE] = str(directory)
    return directory


def _remove_in_process(directory: Path, pid: int) -> None:
    """Remove ``directory`` at the exit of process ``pid`` only: forked workers inherit the hook."""
    if os.getpid() == pid:
        shutil.rmtree(directory, ignore_errors=True)


class Metrics:
    """The figures of one process, and their exposition for all of them."""

    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Histogram

        self._registry = CollectorRegistry()
        self._calls = Counter(
            "led_gateway_calls",
            "SOAP calls answered, by dienst and outcome (beantwoord, uitzondering, fout).",
            ["dienst", "uitkomst"],
            registry=self._registry,
        )
        self._duration = Histogram(
            "led_gateway_call_duration_seconds",
            "Time from a SOAP call's arrival until its reply could leave, its audit record committed.",
            ["dienst"],
            buckets=DURATION_BUCKETS,
            registry=self._registry,
        )
        self._uitzonderingen = Counter(
            "led_gateway_uitzonderingen",
            "Uitzonderingen in the replies, by dienst and code.",
            ["dienst", "code"],
            registry=self._registry,
        )
        self._unrecorded = Counter(
            "led_gateway_unrecorded_calls",
            "Calls whose audit record could not be committed; a reply about persons was withheld.",
            ["dienst"],
            registry=self._registry,
        )

    def observe(self, record: CallRecord, recorded: bool) -> None:
        """Count a call; ``recorded``: whether its audit record was committed."""
        self._calls.labels(record.dienst, record.uitkomst).inc()
        if not recorded:
            self._unrecorded.labels(record.dienst).inc()
        self._duration.labels(record.dienst).observe(time.perf_counter() - record.started)
        for code in record.codes:
            self._uitzonderingen.labels(record.dienst, code).inc()

    def exposition(self) -> tuple[bytes, str]:
        """The figures in Prometheus's text format, with its media type: of every worker process
        in multiprocess mode, else of this process."""
        from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
        from prometheus_client.multiprocess import MultiProcessCollector

        registry = self._registry
        if os.environ.get(DIRECTORY_VARIABLE):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
