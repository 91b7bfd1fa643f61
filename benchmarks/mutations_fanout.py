"""Throughput of RegistreerBewijs with the fan-out of notifications to three subscribed afnemers.

    .venv/bin/python benchmarks/mutations_fanout.py [--persons 1000] [--registrations 10000]
        [--concurrency 8] [--db postgresql+psycopg://...] [--json figures.json]

A demo database with a few persons is built (in a temporary SQLite file, or in the empty
database ``--db`` names); the demo's afnemer-actief and two afnemers taken through the
affiliation steps with ``--mutaties`` subscribe to ``--persons`` persons. Then ``--registrations``
bewijzen for those persons are registered through a gateway process over HTTP by
``--concurrency`` client threads: registrations per second, latency, the notifications written
(three per registration) and the time each afnemer takes to pull them all. The baseline, in the
same run on the same database, is the same registrations done in-process with services/registratie.py
and a unit of work per registration, by as many threads and by one: no HTTP, SOAP, XSD, access policy
or audit trail. The ratio compares the gateway with the in-process run at the same concurrency.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import Server, new_demo_database, run_cli  # noqa: E402
from tests.requests import (  # noqa: E402
    ACTIEF,
    GEEF_MUTATIES,
    REGISTREER_BEWIJS,
    REGISTREER_INSCHRIJVING,
    body_of,
    codes,
    geef_mutaties,
    inschrijving,
    melding,
    notificaties,
    ontvangstreferte,
    registreer_bewijs,
    resultaat,
)

from led_gateway.domain.insz import make_test_number  # noqa: E402
from led_gateway.repository.database import make_engine, make_session_factory  # noqa: E402
from led_gateway.repository.models import NotificatieRow  # noqa: E402
from led_gateway.repository.unit_of_work import UnitOfWork  # noqa: E402
from led_gateway.services.registratie import Weigering, bewijs_from_registratie, registreer  # noqa: E402

HEADERS = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}
AFNEMERS = (ACTIEF, "bench.example.be/afnemer-b", "bench.example.be/afnemer-c")
SUBJECTS_PER_CALL = 250


def affiliate(db_url: str, identificatie: str) -> None:
    """Take an afnemer through every affiliation step up to in use, with a need for mutations."""
    day = (date.today() - timedelta(days=30)).isoformat()
    steps = (
        ("register", "--naam", "Benchmarkafnemer"),
        ("intake", "--doel", "meting", "--gebruik", "mutaties", "--kanaal", "webdienst", "--mutaties"),
        ("dpia", "--vooronderzoek", "laag risico", "--niet-vereist"),
        (
            "protocol", "--referte", f"P-{identificatie}", "--ondertekend-afnemer", day,
            "--ondertekend-led", day, "--dpo-advies-afnemer", "positief", "--dpo-advies-led", "positief",
            "--geldig-van", day, "--hoedanigheid", "1300",
        ),
        ("magda", "--ticket", "T-1", "--op", day),
        ("in-gebruik",),
    )  # fmt: skip
    for step, *options in steps:
        run_cli("afnemer", step, identificatie, *options, "--db", db_url)


def persons(count: int) -> list[str]:
    """``count`` distinct MAGDA test numbers."""
    return [
        make_test_number(
            1970 + (n // (997 * 28)) % 50, 1 + (n // 997) % 12, 1 + (n // (997 * 12)) % 28, 1 + n % 997
        )
        for n in range(count)
    ]


def subscribe(base: str, afnemer: str, insz: list[str]) -> None:
    with httpx.Client(base_url=base, headers=HEADERS, timeout=120) as http:
        for start in range(0, len(insz), SUBJECTS_PER_CALL):
            payload = inschrijving(insz[start : start + SUBJECTS_PER_CALL], afnemer)
            body = body_of(http.post(REGISTREER_INSCHRIJVING.endpoint, content=payload).content)
            if resultaat(body) != "1" or codes(body, "Repliek"):
                raise SystemExit(f"subscription refused: {etree.tostring(body)[:500]!r}")


def in_threads(work: list, threads: int, worker: Callable[[int, list], None]) -> float:
    """Run ``worker(number, share)`` on ``threads`` threads, sharing ``work`` out; the wall time."""
    shares = [work[n::threads] for n in range(threads)]
    pool = [threading.Thread(target=worker, args=(n, share)) for n, share in enumerate(shares)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.perf_counter() - started


def over_http(base: str, payloads: list[bytes], threads: int) -> tuple[float, list[float], Counter]:
    """Post every payload; the wall time, each call's latency, and the codes of those not answered OK."""
    latencies: list[list[float]] = [[] for _ in range(threads)]
    refused: Counter = Counter()
    lock = threading.Lock()

    def worker(number: int, share: list[bytes]) -> None:
        with httpx.Client(base_url=base, headers=HEADERS, timeout=60) as http:
            for payload in share:
                started = time.perf_counter()
                response = http.post(REGISTREER_BEWIJS.endpoint, content=payload)
                latencies[number].append(time.perf_counter() - started)
                body = body_of(response.content) if response.status_code == 200 else None
                if body is None or melding(body) != "OK":
                    found = [f"HTTP {response.status_code}"] if body is None else []
                    with lock:
                        refused.update(found or codes(body, "Repliek") + codes(body, "Antwoord"))

    wall = in_threads(payloads, threads, worker)
    return wall, [latency for share in latencies for latency in share], refused


def in_process(
    db_url: str, registraties: list[etree._Element], threads: int
) -> tuple[float, list[float], int]:
    """The same registrations through registratie.py and a unit of work per registration.

    A registration whose unit of work could not get the database (SQLite's "database is locked"
    after its busy timeout) is tried again, and counted; the last figure is that count.
    """
    session_factory = make_session_factory(make_engine(db_url, pool_size=threads))
    latencies: list[list[float]] = [[] for _ in range(threads)]
    retries = [0] * threads

    def worker(number: int, share: list[etree._Element]) -> None:
        for registratie in share:
            started = time.perf_counter()
            while True:
                try:
                    with UnitOfWork(session_factory, writes=True) as uow:
                        registreer(uow, bewijs_from_registratie(registratie, datetime.now()))
                        uow.commit()
                except OperationalError:
                    retries[number] += 1
                    continue
                except Weigering as weigering:  # stored by the attempt that seemed to fail
                    if weigering.code != "30005" or not retries[number]:
                        raise
                break
            latencies[number].append(time.perf_counter() - started)

    wall = in_threads(registraties, threads, worker)
    return wall, [latency for share in latencies for latency in share], sum(retries)


def drain(base: str, afnemer: str) -> tuple[float, int, int, set[str]]:
    """Pull (acknowledging each batch) until nothing waits: time, calls, notifications, their refertes."""
    refertes: set[str] = set()
    received = calls = 0
    referte = None
    started = time.perf_counter()
    with httpx.Client(base_url=base, headers=HEADERS, timeout=120) as http:
        while True:
            calls += 1
            response = http.post(GEEF_MUTATIES.endpoint, content=geef_mutaties(referte, afnemer))
            body = body_of(response.content)
            if codes(body, "Antwoord") == ["30016"]:
                break
            if codes(body, "Antwoord") or codes(body, "Repliek"):
                raise SystemExit(f"{afnemer} could not pull: {etree.tostring(body)[:500]!r}")
            batch = notificaties(body)
            received += len(batch)
            refertes.update(n.referte for n in batch)
            referte = ontvangstreferte(body)
    return time.perf_counter() - started, calls, received, refertes


def notifications_written(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(NotificatieRow))
    finally:
        engine.dispose()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1000, help="subscribed persons")
    parser.add_argument("--registrations", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--db", help="an empty PostgreSQL database to run on (default: a temporary SQLite file)"
    )
    parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gateway worker")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="led-bench-"))
    started = time.perf_counter()
    db_url = new_demo_database(work, args.db, persons=20)
    for afnemer in AFNEMERS[1:]:
        affiliate(db_url, afnemer)
    subscribed = persons(args.persons)
    rng = random.Random(11)
    targets = [rng.choice(subscribed) for _ in range(args.registrations)]
    payloads = [registreer_bewijs(insz, f"bench-http-{n}") for n, insz in enumerate(targets)]
    registraties = {
        threads: [
            etree.fromstring(registreer_bewijs(insz, f"bench-uow{threads}-{n}")).find(".//Bewijsregistratie")
            for n, insz in enumerate(targets)
        ]
        for threads in sorted({1, args.concurrency})
    }
    server = Server(
        db_url, work / "server.log", "--workers", str(args.workers), "--threads", str(args.threads)
    )
    try:
        for afnemer in AFNEMERS:
            subscribe(server.base, afnemer, subscribed)
        setup_seconds = time.perf_counter() - started

        before = notifications_written(db_url)
        wall, latencies, refused = over_http(server.base, payloads, args.concurrency)
        written = notifications_written(db_url) - before
        drains = {afnemer: drain(server.base, afnemer) for afnemer in AFNEMERS}
    finally:
        server.stop()
    baselines = {}
    for threads, work in registraties.items():
        before = notifications_written(db_url)
        seconds, latencies_uow, retries = in_process(db_url, work, threads)
        baselines[threads] = (seconds, latencies_uow, notifications_written(db_url) - before, retries)
    uow_wall = baselines[args.concurrency][0]

    r = args.registrations
    expected = len(AFNEMERS) * r
    received = {afnemer: figures[2] for afnemer, figures in drains.items()}
    same = len({frozenset(figures[3]) for figures in drains.values()}) == 1
    results = {
        "backend": db_url.split(":", 1)[0],
        "persons": args.persons,
        "subscribers": len(AFNEMERS),
        "registrations": r,
        "concurrency": args.concurrency,
        "gateway_workers": args.workers,
        "gateway_threads": args.threads,
        "setup_s": setup_seconds,
        "when": datetime.now().isoformat(timespec="seconds"),
        "gateway": {
            "seconds": wall,
            "registrations_per_s": r / wall,
            "notifications_per_s": written / wall,
            "notifications_written": written,
            "not_ok": dict(refused),
            "p50_ms": percentile(latencies, 0.50),
            "p99_ms": percentile(latencies, 0.99),
            "mean_ms": statistics.fmean(latencies) * 1000,
        },
        "drain": {
            afnemer: {"seconds": s, "calls": calls, "notifications": n, "distinct": len(refs)}
            for afnemer, (s, calls, n, refs) in drains.items()
        },
        "drain_total_s": sum(figures[0] for figures in drains.values()),
        "in_process": {
            str(threads): {
                "threads": threads,
                "seconds": seconds,
                "registrations_per_s": r / seconds,
                "notifications_written": count,
                "lock_timeouts_retried": retries,
                "p50_ms": percentile(latencies_uow, 0.50),
                "p99_ms": percentile(latencies_uow, 0.99),
            }
            for threads, (seconds, latencies_uow, count, retries) in baselines.items()
        },
    }
    results["ratio_gateway_to_in_process"] = results["gateway"]["registrations_per_s"] / (r / uow_wall)
    checks = {
        "every registration answered OK": not refused,
        f"notifications written = {len(AFNEMERS)} × registrations": written == expected
        and all(figures[2] == expected for figures in baselines.values()),
        "each afnemer pulled every notification once": all(
            n == r and len(figures[3]) == r
            for n, figures in zip(received.values(), drains.values(), strict=True)
        ),
        "every afnemer got the same mutations": same,
    }
    results["checks"] = checks

    gateway = results["gateway"]
    print(
        f"{results['backend']}: {r} registrations for {args.persons} persons with "
        f"{len(AFNEMERS)} subscribers each; {args.concurrency} client threads; "
        f"gateway {args.workers} worker(s) × {args.threads} threads "
        f"(setup {setup_seconds:.1f} s)"
    )
    print(f"{'':14}{'reg/s':>9}{'notif/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'seconds':>9}")
    print(
        f"{'gateway HTTP':14}{gateway['registrations_per_s']:9.0f}{gateway['notifications_per_s']:9.0f}"
        f"{gateway['p50_ms']:9.1f}{gateway['p99_ms']:9.1f}{wall:9.1f}"
    )
    for threads, uow in results["in_process"].items():
        print(
            f"{'in-process ×' + threads:14}{uow['registrations_per_s']:9.0f}"
            f"{uow['notifications_written'] / uow['seconds']:9.0f}"
            f"{uow['p50_ms']:9.1f}{uow['p99_ms']:9.1f}{uow['seconds']:9.1f}"
            + (
                f"  ({uow['lock_timeouts_retried']} lock timeouts retried)"
                if uow["lock_timeouts_retried"]
                else ""
            )
        )
    print(
        f"gateway / in-process throughput at {args.concurrency} threads: "
        f"{results['ratio_gateway_to_in_process']:.2f}"
    )
    print(f"notifications written: {written} (expected {expected})")
    if refused:
        print(f"registrations not answered OK: {dict(refused)}")
    for afnemer, figures in results["drain"].items():
        print(
            f"drain {afnemer}: {figures['notifications']} notifications in {figures['calls']} calls, "
            f"{figures['seconds']:.1f} s ({figures['notifications'] / figures['seconds']:.0f}/s)"
        )
    for check, passed in checks.items():
        print(f"{'ok  ' if passed else 'FAIL'} {check}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    if not all(checks.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
