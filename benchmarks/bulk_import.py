"""Throughput of ``led-gateway bewijs import`` against a bare executemany of the same rows.

    .venv/bin/python benchmarks/bulk_import.py [--records 100000] [--db URL] [--json FILE]

A file of ``--records`` Bewijsregistratie records is built from the demo generator (once: it is
kept as var/bulk-import-<N>-<seed>-<day>.xml and reused). The demo afnemers that declared a need for mutations
subscribe to one person in five of the file, so that notifications are written. Then the real
command imports the file into a fresh database: records/s, seconds, CPU seconds and peak RSS
(the command's and its reading process's together). The baseline, in the same run, is a bare
SQLAlchemy Core executemany of the same bewijzen (``bewijs_to_row``), committed per batch of the
import's default size, into an empty database: no XML, XSD, policy, derived fields, duplicate
check, mutations or notifications. The ratio is the import's time over the baseline's.

``--db``: ``sqlite://`` (the default) works in a temporary directory; ``sqlite:///PATH`` puts the
import's database at PATH and the baseline's beside it (neither may exist); a PostgreSQL URL names
a server on which two fresh databases are created, and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import fresh_postgres_database  # noqa: E402
from tests.conftest import CLI, run_cli  # noqa: E402
from tests.registraties import generated_bewijzen, registratie, write_registraties  # noqa: E402

from led_gateway.demo.loader import DEMO_AFNEMERS  # noqa: E402
from led_gateway.domain.bewijs import Bewijs  # noqa: E402
from led_gateway.mutations.bewijs_import import DEFAULT_BATCH  # noqa: E402
from led_gateway.repository.database import make_engine  # noqa: E402
from led_gateway.repository.models import (  # noqa: E402
    AfnemerRow,
    BewijsRow,
    InschrijvingRow,
    MutatieRow,
    NotificatieRow,
)
from led_gateway.repository.queries import bewijs_to_row  # noqa: E402

SEED = 21
#: The generator's "today" for the file's bewijzen, so that a file kept in var/ is the same on any day.
GENERATED_ON = date(2026, 1, 1)
#: One person in this many is subscribed to, by every afnemer below.
SUBSCRIBED_ONE_IN = 5
SUBSCRIBERS = tuple(demo.identificatie for demo in DEMO_AFNEMERS if demo.mutaties_nodig)


def bewijzen(records: int) -> list[Bewijs]:
    return list(islice(generated_bewijzen(seed=SEED, today=GENERATED_ON), records))


def import_file(records: int) -> Path:
    """var/bulk-import-<N>-<seed>-<day>.xml, written once (under a temporary name until complete)."""
    path = ROOT / "var" / f"bulk-import-{records}-{SEED}-{GENERATED_ON:%Y%m%d}.xml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        write_registraties(partial, (registratie(bewijs) for bewijs in bewijzen(records)))
        partial.rename(path)
    return path


@contextmanager
def fresh_databases(db_url: str, work: Path) -> Iterator[tuple[str, str]]:
    """Two new database URLs, for the import and for the baseline (see the module's docstring)."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database) if url.database else work / "import.db"
        baseline = path.with_name(f"{path.stem}-baseline{path.suffix}")
        for existing in (path, baseline):
            if existing.exists():
                raise SystemExit(f"{existing} exists: name a new file")
        yield f"sqlite:///{path}", f"sqlite:///{baseline}"
        return
    with ExitStack() as databases:
        yield tuple(
            databases.enter_context(fresh_postgres_database(db_url, label))
            for label in ("import", "baseline")
        )


def subscribe(db_url: str, insz: set[str]) -> None:
    """Every afnemer of SUBSCRIBERS subscribes to each of ``insz``, from today, open-ended."""
    engine = make_engine(db_url)
    with engine.begin() as connection:
        afnemer_ids = connection.scalars(
            select(AfnemerRow.id).where(AfnemerRow.identificatie.in_(SUBSCRIBERS))
        ).all()
        rows = [
            {
                "afnemer_id": afnemer_id,
                "insz": person,
                "begin": date.today(),
                "ingeschreven_op": datetime.now(),
            }
            for afnemer_id in afnemer_ids
            for person in sorted(insz)
        ]
        connection.execute(insert(InschrijvingRow), rows)
    engine.dispose()


def counts(db_url: str) -> dict[str, int]:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        found = {
            row.__tablename__: connection.scalar(select(func.count()).select_from(row))
            for row in (BewijsRow, MutatieRow, NotificatieRow)
        }
    engine.dispose()
    return found


def run_import(db_url: str, path: Path, log: Path) -> tuple[float, float, int, str]:
    """The real command: its wall time, its CPU time, its peak RSS (bytes) and what it printed.

    The peak, the sum of the command's and its reading process's, is read from /proc while it
    runs: the rusage of a child spawned by this (large) process would count this one's memory.
    """
    peak = 0
    with open(log, "w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*CLI, "bewijs", "import", str(path), "--db", db_url], stdout=output, stderr=subprocess.STDOUT
        )
        while True:
            peak = max(peak, _high_water_mark(process.pid))
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        printed = output.read()
    if process.returncode != 0:
        raise SystemExit(f"bewijs import exited {process.returncode}:\n{printed[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, peak, printed


def _high_water_mark(pid: int) -> int:
    """VmHWM of a running process plus those of its children (the reading process), in bytes."""
    try:
        with open(f"/proc/{pid}/status") as status:
            peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return peak + sum(_high_water_mark(int(child)) for child in children.read().split())
    except (OSError, StopIteration):  # gone, or going
        return 0


def baseline(db_url: str, rows: list[dict]) -> float:
    """Seconds for a bare Core executemany of ``rows``, one transaction per batch."""
    engine = make_engine(db_url)
    statement = insert(BewijsRow.__table__)
    started = time.perf_counter()
    for start in range(0, len(rows), DEFAULT_BATCH):
        with engine.begin() as connection:
            connection.execute(statement, rows[start : start + DEFAULT_BATCH])
    seconds = time.perf_counter() - started
    engine.dispose()
    return seconds


def measure(db_url: str, records: int) -> dict:
    """Import ``records`` generated records into a fresh database on ``db_url``; the figures."""
    path = import_file(records)
    sent = bewijzen(records)
    persons = sorted({bewijs.insz for bewijs in sent})
    subscribed = set(persons[::SUBSCRIBED_ONE_IN])
    rows = [bewijs_to_row(bewijs) for bewijs in sent]
    with tempfile.TemporaryDirectory(prefix="led-bulk-") as work, fresh_databases(db_url, Path(work)) as urls:
        import_db, baseline_db = urls
        run_cli("db", "init", "--db", import_db)
        run_cli("demo", "load", "--db", import_db, "--persons", "0", "--quiet")
        subscribe(import_db, subscribed)
        seconds, cpu_seconds, peak_rss, printed = run_import(import_db, path, Path(work) / "import.log")
        stored = counts(import_db)
        run_cli("db", "init", "--db", baseline_db)
        baseline_seconds = baseline(baseline_db, rows)
    notifications = len(SUBSCRIBERS) * sum(1 for bewijs in sent if bewijs.insz in subscribed)
    checks = {
        "every record registered": f"registered:      {records}" in printed,
        "one mutation per bewijs": stored["bewijzen"] == stored["mutaties"] == records,
        f"notifications for {len(SUBSCRIBERS)} subscribers": stored["notificaties"] == notifications,
    }
    return {
        "backend": make_url(db_url).get_backend_name(),
        "records": records,
        "persons": len(persons),
        "subscribed_persons": len(subscribed),
        "notifications": stored["notificaties"],
        "seconds": seconds,
        "records_per_s": records / seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": peak_rss / 2**20,
        "baseline_seconds": baseline_seconds,
        "baseline_records_per_s": records / baseline_seconds,
        "ratio": seconds / baseline_seconds,
        "when": datetime.now().isoformat(timespec="seconds"),
        "checks": checks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite://", help="sqlite://, sqlite:///PATH or a PostgreSQL URL")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = measure(args.db, args.records)
    print(
        f"{figures['backend']}: {figures['records']} records of {figures['persons']} persons, "
        f"{figures['notifications']} notifications"
    )
    print(
        f"bewijs import: {figures['records_per_s']:8.0f} records/s  {figures['seconds']:7.1f} s  "
        f"(CPU {figures['cpu_seconds']:.1f} s)  peak RSS {figures['peak_rss_mb']:.0f} MB"
    )
    baseline_per_s = figures["baseline_records_per_s"]
    print(f"baseline:      {baseline_per_s:8.0f} records/s  {figures['baseline_seconds']:7.1f} s")
    print(f"import / baseline time: {figures['ratio']:.1f}")
    for check, passed in figures["checks"].items():
        print(f"{'ok  ' if passed else 'FAIL'} {check}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    if not all(figures["checks"].values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
