"""Time per GeefBewijs call: the gateway in-process and over HTTP, against bare lxml.

    .venv/bin/python benchmarks/geefbewijs_latency.py [--persons 2000] [--calls 3000]

The baseline, measured in the same run on the same database and requests,
is what a call cannot do without: parse the envelope safely, validate the
body against our XSD, read the person's bewijzen with the same repository
and write the same reply with lxml, with no Spyne, no context checks and no
access policy. The gateway's figures are then shown as ratios to it.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import Server, new_demo_database, run_cli  # noqa: E402
from tests.messages import geef_bewijs  # noqa: E402

from led_gateway.app import create_app  # noqa: E402
from led_gateway.config import Settings  # noqa: E402
from led_gateway.repository.database import make_engine, make_session_factory  # noqa: E402
from led_gateway.repository.unit_of_work import UnitOfWork  # noqa: E402
from led_gateway.services.geefbewijs import NAMESPACE  # noqa: E402
from led_gateway.wire.bewijs import append_bewijs  # noqa: E402
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
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="led-bench-"))
    started = time.perf_counter()
    db_url = new_demo_database(work, persons=args.persons)
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

    base = results["bare_lxml"]["mean_ms"]
    print(
        f"database: {args.persons} demo persons, loaded in {load_seconds:.1f} s; "
        f"{args.calls} calls on random persons; mean reply {results['mean_reply_bytes']:.0f} bytes"
    )
    print(f"{'':22}{'mean ms':>9}{'p50 ms':>9}{'p99 ms':>9}{'× bare':>9}")
    for name in ("bare_lxml", "gateway_in_process", "gateway_http"):
        figures = results[name]
        print(
            f"{name:22}{figures['mean_ms']:9.3f}{figures['p50_ms']:9.3f}{figures['p99_ms']:9.3f}"
            f"{figures['mean_ms'] / base:9.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
