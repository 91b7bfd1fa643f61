"""Time per GeefBewijs call: the gateway in-process and over HTTP, against bare lxml.

    .venv/bin/python benchmarks/geefbewijs_latency.py [--persons 2000] [--calls 3000] [--db URL] [--stages]

The baseline, measured in the same run on the same database and requests,
is what a call cannot do without: parse the envelope safely, validate the
body against our XSD, read the person's bewijzen with the same repository
and write the same reply with lxml, with no Spyne, no context checks and no
access policy. The gateway's figures are then shown as ratios to it.

``--stages`` also shows where an in-process call's CPU time goes: each stage
of the pipeline is timed where it runs (a stage includes the ones indented
under it). The calls come one at a time, so each audit record is committed
on its own; under load the audit writer commits several together.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import httpx
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import Server, new_demo_database, run_cli  # noqa: E402
from tests.messages import geef_bewijs  # noqa: E402

from led_gateway.app import create_app  # noqa: E402
from led_gateway.audit.writer import AuditWriter  # noqa: E402
from led_gateway.config import Settings  # noqa: E402
from led_gateway.repository.database import make_engine, make_session_factory  # noqa: E402
from led_gateway.repository.queries import BewijsRepository  # noqa: E402
from led_gateway.repository.unit_of_work import UnitOfWork  # noqa: E402
from led_gateway.services import base, geefbewijs  # noqa: E402
from led_gateway.services.geefbewijs import NAMESPACE  # noqa: E402
from led_gateway.wire.bewijs import append_bewijs  # noqa: E402
from led_gateway.wire.envelope import MagdaSoap11  # noqa: E402
from led_gateway.wire.parsing import parse_xml  # noqa: E402
from led_gateway.wire.validation import RequestSchema  # noqa: E402

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"


def bare_lxml_handler(db_url: str) -> Callable[[bytes], bytes]:
    schema = RequestSchema.from_file(ROOT / "xsd" / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd")
    session_factory = make_session_factory(make_engine(db_url))

    def handle(payload: bytes) -> bytes:
        body = parse_xml(payload).find(f"{{{SOAP_ENV}}}Body")[0]
        assert not schema.findings(body)
        insz = body.findtext("Verzoek/Vragen/Vraag/Inhoud/INSZ")
        with UnitOfWork(session_factory) as uow:
            bewijzen = uow.bewijzen.for_insz(insz)
        envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope")
        response = etree.SubElement(
            etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body"), f"{{{NAMESPACE}}}GeefBewijsResponse"
        )
        lijst = etree.SubElement(
            etree.SubElement(
                etree.SubElement(etree.SubElement(response, "Repliek"), "Antwoorden"), "Antwoord"
            ),
            "Bewijzen",
        )
        for bewijs in bewijzen:
            append_bewijs(lijst, bewijs)
        return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")

    return handle


def gateway_handler(db_url: str) -> Callable[[bytes], bytes]:
    app = create_app(Settings(db_url=db_url))

    def handle(payload: bytes) -> bytes:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": ENDPOINT,
            "QUERY_STRING": "",
            "SERVER_NAME": "bench",
            "SERVER_PORT": "80",
            "CONTENT_TYPE": "text/xml;charset=UTF-8",
            "CONTENT_LENGTH": str(len(payload)),
            "wsgi.input": io.BytesIO(payload),
            "wsgi.url_scheme": "http",
        }
        return b"".join(app(environ, lambda status, headers: None))

    return handle


#: The stages of a call: (depth, label, where the stage's function is looked up, its name there).
STAGES = (
    (1, "envelope: read the body and parse it", MagdaSoap11, "create_in_document"),
    (1, "envelope: the body against the XSD", RequestSchema, "findings"),
    (1, "the dienst's reply body", base.Responder, "__call__"),
    (2, "the request's Context read", base, "read_context"),
    (2, "the reply's Context written", base, "append_reply_context"),
    (2, "unit of work opened", UnitOfWork, "__enter__"),
    (2, "access policy (the caller's affiliation read)", base.Responder, "_authorised"),
    (2, "the person's bewijzen read", BewijsRepository, "stored_for_insz"),
    (2, "coverage notices", geefbewijs, "_coverage_notices"),
    (2, "Inhoud written", base, "_rendered"),
    (2, "unit of work closed", UnitOfWork, "__exit__"),
    (2, "the call noted for the audit trail", base.Responder, "_note_for_audit"),
    (1, "reply serialised (stored bewijzen spliced in)", MagdaSoap11, "create_out_string"),
    (1, "audit record committed", AuditWriter, "keep"),
)


@contextlib.contextmanager
def stage_timers() -> Iterator[Counter]:
    """Time every stage of :data:`STAGES` while the block runs; yields the nanoseconds of the
    process's CPU time spent in each, by label (the audit writer's thread counts in its stage)."""
    spent: Counter = Counter()
    replaced = []
    for _, label, owner, name in STAGES:
        original = getattr(owner, name)
        replaced.append((owner, name, original))
        setattr(owner, name, _timer(original, label, spent))
    try:
        yield spent
    finally:
        for owner, name, original in reversed(replaced):
            setattr(owner, name, original)


def _timer(function: Callable, label: str, spent: Counter) -> Callable:
    @functools.wraps(function)
    def timed_stage(*args, **kwargs):
        started = time.process_time_ns()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time_ns() - started

    return timed_stage


def stages(db_url: str, payloads: list[bytes]) -> dict[str, float]:
    """Microseconds of CPU time per in-process call, in all and per stage."""
    gateway = gateway_handler(db_url)
    for payload in payloads[:50]:
        gateway(payload)
    with stage_timers() as spent:
        started = time.process_time_ns()
        for payload in payloads:
            gateway(payload)
        whole = time.process_time_ns() - started
    per_call = {"whole call": whole}
    per_call.update((label, spent[label]) for _, label, _, _ in STAGES)
    outermost = sum(spent[label] for depth, label, _, _ in STAGES if depth == 1)
    per_call["the rest: Spyne's pipeline and the WSGI app around it"] = whole - outermost
    return {label: ns / len(payloads) / 1000 for label, ns in per_call.items()}


def print_stages(figures: dict[str, float]) -> None:
    whole = figures["whole call"]
    print(f"\nCPU time of an in-process call by stage{'µs':>34}{'share':>8}")
    depths = {label: depth for depth, label, _, _ in STAGES}
    for label, microseconds in figures.items():
        name = "  " * depths.get(label, 0 if label == "whole call" else 1) + label
        print(f"{name:66}{microseconds:8.0f}{microseconds / whole:8.0%}")


def timed(handle: Callable[[bytes], bytes], payloads: list[bytes]) -> list[float]:
    for payload in payloads[:50]:
        handle(payload)
    durations = []
    for payload in payloads:
        started = time.perf_counter()
        reply = handle(payload)
        durations.append(time.perf_counter() - started)
        assert b"Bewijs>" in reply, reply[:300]
    return durations


def summary(durations: list[float]) -> dict[str, float]:
    ordered = sorted(durations)
    return {
        "mean_ms": statistics.fmean(ordered) * 1000,
        "p50_ms": ordered[len(ordered) // 2] * 1000,
        "p99_ms": ordered[int(len(ordered) * 0.99)] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--db", help="an existing demo database instead of a new one of --persons persons")
    parser.add_argument("--stages", action="store_true", help="also show where a call's CPU time goes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="led-bench-"))
    started = time.perf_counter()
    db_url = args.db or new_demo_database(work, persons=args.persons)
    load_seconds = time.perf_counter() - started
    persons = run_cli("demo", "persons", "--db", db_url, "--limit", str(args.persons)).stdout.split()
    rng = random.Random(7)
    payloads = [geef_bewijs(rng.choice(persons)) for _ in range(args.calls)]
    gateway = gateway_handler(db_url)
    replies = [len(gateway(p)) for p in payloads[:200]]

    results = {
        "persons": args.persons,
        "calls": args.calls,
        "demo_load_s": load_seconds,
        "mean_reply_bytes": statistics.fmean(replies),
        "when": datetime.now().isoformat(timespec="seconds"),
        "bare_lxml": summary(timed(bare_lxml_handler(db_url), payloads)),
        "gateway_in_process": summary(timed(gateway, payloads)),
    }
    server = Server(db_url, work / "server.log")
    try:
        with httpx.Client(
            base_url=server.base, headers={"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}
        ) as client:
            results["gateway_http"] = summary(
                timed(lambda p: client.post(ENDPOINT, content=p).content, payloads)
            )
    finally:
        server.stop()
    if args.stages:
        results["stages_us"] = stages(db_url, payloads)

    base = results["bare_lxml"]["mean_ms"]
    database = args.db or f"{args.persons} demo persons, loaded in {load_seconds:.1f} s"
    print(
        f"database: {database}; {args.calls} calls on random persons of {len(persons)}; "
        f"mean reply {results['mean_reply_bytes']:.0f} bytes"
    )
    print(f"{'':22}{'mean ms':>9}{'p50 ms':>9}{'p99 ms':>9}{'× bare':>9}")
    for name in ("bare_lxml", "gateway_in_process", "gateway_http"):
        figures = results[name]
        print(
            f"{name:22}{figures['mean_ms']:9.3f}{figures['p50_ms']:9.3f}{figures['p99_ms']:9.3f}"
            f"{figures['mean_ms'] / base:9.2f}"
        )
    if args.stages:
        print_stages(results["stages_us"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
