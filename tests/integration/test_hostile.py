"""Hostile input against a real server process: each case is refused or answered within a second.

Refused means a SOAP Fault (HTTP 4xx/5xx); answered means HTTP 200 with a reply that MAGDA's own
GeefBewijsResponse.xsd accepts (checked when the MAGDA reference is present). No reply may carry
the content of a local file or a stack trace, and the server answers a valid request after every
case. Each case's outcome and time go into a table printed at the end of the run.

Slow and stalled clients run against a server of their own with a short request timeout (2 s) and
small limits, to show that the command-line options reach the running server.
"""

from __future__ import annotations

import copy
import random
import socket
import threading
import time
from dataclasses import dataclass

import httpx
import pytest
from lxml import etree

from tests.conftest import REFERENCE, Server, reference_schema
from tests.messages import ACTIEF, GEEF_BEWIJS_NS, SOAP_ENV, geef_bewijs, reply_body, uitzonderingen

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"
FOLDER = "LED.GeefBewijsDienst-02.00"
#: What every hostile case must stay within, from the first byte sent to the last byte received.
BOUND = 1.0
#: The server's defaults (led-gateway serve without options).
MAX_BODY, MAX_DEPTH, MAX_ELEMENTS = 1_000_000, 64, 20_000
#: The strict server: `serve --request-timeout 2 --max-depth 20 --max-elements 200 --max-body-bytes 20000`.
STRICT_TIMEOUT, STRICT_DEPTH, STRICT_ELEMENTS, STRICT_BODY = 2.0, 20, 200, 20_000
#: Markers of a leak: /etc/passwd's first line, Python stack traces, database driver errors.
LEAKS = (b"root:x:0:0", b"root:", b"Traceback", b'File "', b"sqlalchemy", b"sqlite3.", b"psycopg")

HEAD = (
    f"POST {ENDPOINT} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml;charset=UTF-8\r\n"
    'SOAPAction: ""\r\n'
).encode()


# --- recording -----------------------------------------------------------------------------------


@dataclass
class Record:
    backend: str
    case: str
    outcome: str
    ms: float


RECORDS: list[Record] = []


class _SummaryTable:
    """Prints the recorded cases at the end of the run (registered as a pytest plugin)."""

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not RECORDS:
            return
        width = max(len(r.case) for r in RECORDS)
        owidth = max(len(r.outcome) for r in RECORDS)
        terminalreporter.section("hostile input: outcome and time per case")

        def line(backend: str, case: str, outcome: str, ms: str) -> str:
            return f"{backend:<10}  {case:<{width}}  {outcome:<{owidth}}  {ms:>8}"

        terminalreporter.write_line(line("db", "case", "outcome", "ms"))
        for r in RECORDS:
            terminalreporter.write_line(line(r.backend, r.case, r.outcome, f"{r.ms:.1f}"))


@pytest.fixture(scope="session", autouse=True)
def _summary_table(request):
    name = "led-hostile-summary"
    if not request.config.pluginmanager.has_plugin(name):
        request.config.pluginmanager.register(_SummaryTable(), name)


_backend = {"name": ""}


@pytest.fixture(autouse=True)
def _which_backend(request):
    callspec = getattr(request.node, "callspec", None)
    _backend["name"] = str(callspec.params.get("demo_db", "")) if callspec else ""


def record(case: str, outcome: str, seconds: float) -> None:
    RECORDS.append(Record(_backend["name"], case, outcome, seconds * 1000))


# --- requests and replies ------------------------------------------------------------------------


def magda_errors(body: etree._Element) -> list:
    if not REFERENCE.is_dir():
        return []
    schema = reference_schema(REFERENCE, FOLDER, "GeefBewijsResponse.xsd")
    return list(schema.iter_errors(copy.deepcopy(body)))


def judge(status: int, content: bytes) -> str:
    """The outcome of one reply, after checking it is a Fault or a MAGDA-valid reply that leaks nothing."""
    for leak in LEAKS:
        assert leak not in content, f"reply leaks {leak!r}: {content[:300]!r}"
    if status == 200:
        body = reply_body(content)
        assert body.tag == f"{{{GEEF_BEWIJS_NS}}}GeefBewijsResponse", body.tag
        errors = magda_errors(body)
        assert not errors, errors[0]
        refused = [u["Identificatie"] for u in uitzonderingen(body, "Repliek")]
        if refused:
            return f"200 Repliek {'+'.join(refused)}"
        answered = [u["Identificatie"] for u in uitzonderingen(body, "Antwoord") if u["Type"] == "FOUT"]
        if answered:
            return f"200 Antwoord {'+'.join(answered)}"
        return f"200 answered, {len(body.findall('.//Bewijs'))} bewijzen"
    assert 400 <= status < 600, status
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    fault = etree.fromstring(content, parser).find(f".//{{{SOAP_ENV}}}Fault")
    assert fault is not None, content[:300]
    code = (fault.findtext("faultcode") or "").split(":")[-1]
    assert code.startswith("Client"), code
    assert fault.findtext("faultstring"), "a Fault says why"
    return f"{status} Fault {code}"


#: One client for the whole module, so that the times measured are the server's, not a client's start-up.
HTTP = httpx.Client()
SOAP_HEADERS = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}


def post(server: Server, payload: bytes, timeout: float = 10) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = HTTP.post(
        server.base + ENDPOINT,
        content=payload,
        headers=SOAP_HEADERS,
        timeout=timeout,
    )
    return response, time.monotonic() - started


def post_on_new_connection(server: Server, payload: bytes) -> tuple[httpx.Response, float]:
    """Like :func:`post`, on a connection of its own rather than one kept alive."""
    started = time.monotonic()
    response = httpx.post(server.base + ENDPOINT, content=payload, headers=SOAP_HEADERS, timeout=15)
    return response, time.monotonic() - started


def still_answers(server: Server, insz: str, after: str = "") -> None:
    response, _ = post(server, geef_bewijs(insz))
    assert response.status_code == 200, f"after {after}: {response.text[:300]}"
    body = reply_body(response.content)
    assert body.findall(".//Bewijs"), f"after {after}, no bewijzen: {response.text[:1000]}"


def fault_string(content: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(content, parser).findtext(f".//{{{SOAP_ENV}}}Fault/faultstring") or ""


def with_header(insz: str, header_content: bytes) -> bytes:
    return geef_bewijs(insz).replace(
        b"<soapenv:Header/>", b"<soapenv:Header>" + header_content + b"</soapenv:Header>"
    )


def element_count(payload: bytes) -> int:
    return sum(1 for _ in etree.fromstring(payload).iter())


def nested(levels: int) -> bytes:
    return b"<x>" * levels + b"</x>" * levels


class RawClient:
    """One TCP connection speaking HTTP by hand, for what httpx will not do (stall, overrun)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.started = time.monotonic()
        self.sent = 0

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)
        self.sent += len(data)

    def stream(self, piece: bytes, total: int) -> bytes:
        """Send ``piece`` until ``total`` bytes went out or the server answers; return what came back."""
        self.sock.setblocking(False)
        received = b""
        try:
            while self.sent < total and b"\r\n\r\n" not in received:
                try:
                    data = self.sock.recv(65536)
                    if not data:
                        break
                    received += data
                    continue
                except BlockingIOError:
                    pass
                try:
                    self.sent += self.sock.send(piece)
                except BlockingIOError:
                    time.sleep(0.001)
                except OSError:  # the server closed the connection
                    break
        finally:
            self.sock.settimeout(10)
        return received + self.read()

    def read(self, timeout: float = 10) -> bytes:
        """Everything until the server closes (or a response with its whole Content-Length arrived)."""
        self.sock.settimeout(timeout)
        received = b""
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    break
                received += data
                if _complete(received):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
        return received

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def close(self) -> None:
        self.sock.close()


def _complete(raw: bytes) -> bool:
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def split_response(raw: bytes) -> tuple[int, bytes, bytes]:
    """Status, head and body of a raw HTTP response."""
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head, body


# --- cases on the default server -----------------------------------------------------------------

XXE_FILE = b'<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE_PARAMETER = (
    b'<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)
#: Random bytes, the same on every run.
NOISE = random.Random(5).randbytes(4096)
QUADRATIC = b'<?xml version="1.0"?><!DOCTYPE soapenv:Envelope [<!ENTITY a "' + b"a" * 50_000 + b'">]>'


def _document_cases(insz: str) -> dict[str, bytes]:
    request = geef_bewijs(insz)
    body_only = request.split(b"?>", 1)[1]
    in_insz = body_only.replace(insz.encode(), b"&xxe;")
    return {
        "external entity (file:///etc/passwd) in INSZ": XXE_FILE + in_insz,
        "external entity in an attribute": XXE_FILE + body_only.replace(b"<INSZ>", b'<INSZ a="&xxe;">'),
        "external parameter entity (file:///etc/passwd)": XXE_PARAMETER + body_only,
        "entity expansion bomb (billion laughs)": LAUGHS + body_only.replace(insz.encode(), b"&lol9;"),
        "entity expansion bomb in an attribute": LAUGHS + body_only.replace(b"<INSZ>", b'<INSZ a="&lol9;">'),
        "quadratic blowup (50 kB entity x 15,000)": QUADRATIC
        + body_only.replace(insz.encode(), b"&a;" * 15_000),
        "XInclude of /etc/passwd in Inhoud": body_only.replace(
            b"<INSZ>",
            b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
            b'parse="text"/><INSZ>',
        ),
        "100,000-level-deep document": nested(100_000),
        "100,000-level-deep document in the SOAP Body": request.replace(
            b"<soapenv:Body>", b"<soapenv:Body>" + b"<x>" * 100_000
        ).replace(b"</soapenv:Body>", b"</x>" * 100_000 + b"</soapenv:Body>"),
        f"depth {MAX_DEPTH + 1} (one over the limit)": with_header(insz, nested(MAX_DEPTH - 1)),
        f"depth {MAX_DEPTH + 1000} (libxml2's own limit is 256)": with_header(insz, nested(MAX_DEPTH + 998)),
        "250,000 elements (1 MB)": b"<r>" + b"<a/>" * 249_990 + b"</r>",
        "empty body": b"",
        "whitespace body": b" \r\n\t " * 10,
        "binary body": NOISE,
        "binary body with an XML prolog": b'<?xml version="1.0"?>' + NOISE,
        "NUL bytes": b"\x00" * 1000,
        "not SOAP: an HTML page": b"<html><body><h1>hello</h1></body></html>",
        "not SOAP: a JSON document": b'{"INSZ": "' + insz.encode() + b'"}',
        "not SOAP: a SOAP 1.2 envelope": request.replace(
            SOAP_ENV.encode(), b"http://www.w3.org/2003/05/soap-envelope"
        ),
        "not SOAP: another operation": request.replace(b"GeefBewijs>", b"GeefAlles>"),
        "truncated envelope": request[: len(request) // 2],
        "UTF-7 encoded elements over the count": b"<?xml version='1.0' encoding='UTF-7'?>+ADw-r+AD4-"
        + b"+ADw-a/+AD4-" * (MAX_ELEMENTS + 1)
        + b"+ADw-/r+AD4-",
        "UTF-16 request": request.decode().replace("UTF-8", "UTF-16").encode("utf-16"),
        "85,000 attributes on INSZ": request.replace(
            b"<INSZ>", b"<INSZ " + b" ".join(b"a%d=''" % i for i in range(85_000)) + b">"
        ),
        "50,000 namespace declarations": request.replace(
            b"<INSZ>", b"<INSZ " + b" ".join(b"xmlns:n%d='u'" % i for i in range(50_000)) + b">"
        ),
        "a 900,000-character element name": request.replace(b"<INSZ>", b"<" + b"N" * 900_000 + b"/><INSZ>"),
        "a 900 kB text in INSZ": request.replace(insz.encode(), b"9" * 900_000),
        "900 kB of character references": request.replace(insz.encode(), b"&#x39;" * 150_000),
        "a 900 kB comment": request.replace(b"<soapenv:Header/>", b"<!--" + b"c" * 900_000 + b"-->"),
        "processing instructions": request.replace(
            b"<soapenv:Header/>", b'<?xml-stylesheet href="file:///etc/passwd"?><soapenv:Header/>'
        ),
    }


def test_hostile_documents_are_refused_or_answered_within_a_second(server, persons):
    cases = _document_cases(persons[0])
    for case, payload in cases.items():
        assert len(payload) <= MAX_BODY, f"{case}: {len(payload)} bytes, over the body limit"
        response, elapsed = post(server, payload)
        try:
            outcome = judge(response.status_code, response.content)
        except AssertionError as exc:
            pytest.fail(f"{case}: {exc}")
        record(case, outcome, elapsed)
        assert elapsed < BOUND, f"{case}: {elapsed:.2f} s"
        still_answers(server, persons[0], after=case)
    # Documents that declare a DTD never get past it, whatever the entity trick.
    for case, payload in cases.items():
        if payload.startswith(b'<?xml version="1.0"?><!DOCTYPE'):
            assert "DTD" in fault_string(post(server, payload)[0].content), case


@pytest.mark.parametrize(
    ("extra", "refused"),
    [(MAX_DEPTH - 2, False), (MAX_DEPTH - 1, True)],
    ids=["at-the-limit", "one-over"],
)
def test_depth_is_refused_exactly_over_the_limit(server, persons, extra, refused):
    # soapenv:Header is at depth 2: nesting n elements in it reaches depth n + 2.
    payload = with_header(persons[0], nested(extra))
    response, elapsed = post(server, payload)
    outcome = judge(response.status_code, response.content)
    record(f"depth {extra + 2} ({'over' if refused else 'at'} the limit of {MAX_DEPTH})", outcome, elapsed)
    if refused:
        assert response.status_code == 500
        assert f"more than {MAX_DEPTH} levels" in fault_string(response.content)
    else:
        assert response.status_code == 200 and reply_body(response.content).findall(".//Bewijs")


@pytest.mark.parametrize("over", [False, True], ids=["at-the-limit", "one-over"])
def test_element_count_is_refused_exactly_over_the_limit(server, persons, over):
    base = element_count(with_header(persons[0], b""))
    payload = with_header(persons[0], b"<x/>" * (MAX_ELEMENTS - base + over))
    assert element_count(payload) == MAX_ELEMENTS + over
    response, elapsed = post(server, payload)
    outcome = judge(response.status_code, response.content)
    record(f"{MAX_ELEMENTS + over:,} elements ({'over' if over else 'at'} the limit)", outcome, elapsed)
    assert elapsed < BOUND
    if over:
        assert response.status_code == 500
        assert f"more than {MAX_ELEMENTS} elements" in fault_string(response.content)
    else:
        assert response.status_code == 200 and reply_body(response.content).findall(".//Bewijs")
    still_answers(server, persons[0])


# --- 20 MB bodies --------------------------------------------------------------------------------

TWENTY_MB = 20_000_000


def test_a_20_mb_body_is_refused_before_it_is_read(server, persons):
    """The server answers 413 after the headers, without waiting for the body."""
    client = RawClient(server.port)
    client.send(HEAD + f"Content-Length: {TWENTY_MB}\r\n\r\n".encode() + geef_bewijs(persons[0])[:100])
    raw = client.read()
    elapsed = client.elapsed
    client.close()
    status, head, body = split_response(raw)
    record("20 MB body, announced; client waits after 100 bytes", judge(status, body), elapsed)
    assert status == 413 and elapsed < BOUND
    assert b"connection: close" in head.lower()
    still_answers(server, persons[0])


def test_a_20_mb_body_sent_at_full_speed_is_cut_short(server, persons):
    client = RawClient(server.port)
    client.send(HEAD + f"Content-Length: {TWENTY_MB}\r\n\r\n".encode())
    raw = client.stream(b"<!--" + b"x" * 65_528 + b"-->", TWENTY_MB)
    elapsed, sent = client.elapsed, client.sent
    client.close()
    status, _, body = split_response(raw)
    record(f"20 MB body at full speed (refused after {sent / 1e6:.1f} MB sent)", judge(status, body), elapsed)
    assert status == 413 and elapsed < BOUND
    assert sent < TWENTY_MB, "the server answered before the client had sent its body"
    still_answers(server, persons[0])


def test_a_chunked_20_mb_body_is_read_to_the_limit_only(server, persons):
    """Without a Content-Length the server reads one byte past the limit, no more, and refuses."""
    piece = b"%x\r\n" % 65_536 + b"x" * 65_536 + b"\r\n"
    client = RawClient(server.port)
    client.send(HEAD + b"Transfer-Encoding: chunked\r\n\r\n")
    raw = client.stream(piece, TWENTY_MB)
    elapsed, sent = client.elapsed, client.sent
    client.close()
    status, _, body = split_response(raw)
    record(f"20 MB chunked body (refused after {sent / 1e6:.1f} MB sent)", judge(status, body), elapsed)
    assert status == 413 and elapsed < BOUND
    assert sent < TWENTY_MB, "the server answered before the client had sent its body"


def test_a_chunked_body_over_the_limit_is_refused_without_waiting_for_its_end(server, persons):
    """A client that sends 1.2 MB in chunks and then waits gets its 413 at once: the end is not awaited."""
    piece = b"%x\r\n" % 60_000 + b"x" * 60_000 + b"\r\n"
    client = RawClient(server.port)
    client.send(HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + piece * 20)
    raw = client.read()
    elapsed = client.elapsed
    client.close()
    status, _, body = split_response(raw)
    record("1.2 MB chunked body, then the client waits", judge(status, body), elapsed)
    assert status == 413 and elapsed < BOUND


def test_a_chunked_body_under_the_limit_is_answered(server, persons):
    payload = geef_bewijs(persons[0])
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(payload[i : i + 100]), payload[i : i + 100])
        for i in range(0, len(payload), 100)
    )
    client = RawClient(server.port)
    client.send(HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")
    raw = client.read()
    elapsed = client.elapsed
    client.close()
    status, _, body = split_response(raw)
    record("a valid request, chunked", judge(status, body), elapsed)
    assert status == 200 and reply_body(body).findall(".//Bewijs")


# --- SQL-like text in every text field -----------------------------------------------------------

SQL = [
    "' OR '1'='1",
    "1; DROP TABLE bewijs; --",
    '" OR ""="',
    "' UNION SELECT insz, NULL FROM persoon --",
    "%' AND 1=0 UNION SELECT sqlite_version(), version() --",
    "'); DELETE FROM afnemer WHERE ('1'='1",
]


def full_request(insz: str, gebruiker: str) -> etree._Element:
    """A GeefBewijs request with every optional text field of the Afzender filled in too."""
    envelope = etree.fromstring(geef_bewijs(insz))
    afzender = envelope.find(".//Afzender")
    naam = etree.Element("Naam")
    naam.text = "Back-office"
    afzender.insert(1, naam)
    eenheid = etree.Element("OrganisatieEenheid")
    eenheid.text = "Dienst studietoelagen"
    afzender.insert(3, eenheid)
    etree.SubElement(afzender, "Gebruiker").text = gebruiker
    return envelope


def text_fields(envelope: etree._Element) -> list[str]:
    body = envelope.find(f"{{{SOAP_ENV}}}Body")[0]
    tree = body.getroottree()
    return [tree.getpath(e).split("GeefBewijs/", 1)[1] for e in body.iter() if len(e) == 0]


def test_sql_like_text_in_every_text_field(server, persons):
    insz, gebruiker = persons[0], persons[1]
    baseline = full_request(insz, gebruiker)
    response, _ = post(server, etree.tostring(baseline))
    assert judge(response.status_code, response.content).startswith("200 answered"), (
        "the full request is valid"
    )
    fields = text_fields(baseline)
    assert {"Verzoek/Context/Bericht/Afzender/Gebruiker", "Verzoek/Vragen/Vraag/Inhoud/INSZ"} <= set(fields)
    for field in fields:
        outcomes: set[str] = set()
        slowest = 0.0
        for text in SQL:
            envelope = copy.deepcopy(baseline)
            envelope.find(f"{{{SOAP_ENV}}}Body")[0].find(field).text = text
            response, elapsed = post(server, etree.tostring(envelope))
            outcome = judge(response.status_code, response.content)
            outcomes.add(outcome)
            slowest = max(slowest, elapsed)
            assert elapsed < BOUND, f"{field} = {text!r}: {elapsed:.2f} s"
            if response.status_code == 200:
                asked = {
                    b.findtext("PersoonUitgereikt/INSZ") for b in reply_body(response.content).iter("Bewijs")
                }
                assert asked <= {insz}, f"{field} = {text!r} returned bewijzen of {asked}"
        record(
            f"SQL-like text in {field.replace('Verzoek/', '')} (x{len(SQL)})",
            ", ".join(sorted(outcomes)),
            slowest,
        )
    still_answers(server, insz)
    still_answers(server, persons[2])


# --- slow and stalled clients, on a strict server ------------------------------------------------


@pytest.fixture(scope="module")
def strict(demo_db, tmp_path_factory) -> Server:
    log = tmp_path_factory.mktemp("strict") / "server.log"
    gateway = Server(
        demo_db,
        log,
        "--request-timeout", str(STRICT_TIMEOUT),
        "--max-depth", str(STRICT_DEPTH),
        "--max-elements", str(STRICT_ELEMENTS),
        "--max-body-bytes", str(STRICT_BODY),
        "--threads", "4",
    )  # fmt: skip
    gateway.log = log
    yield gateway
    gateway.stop()


def stalled(port: int, data: bytes) -> RawClient:
    client = RawClient(port)
    client.send(data)
    return client


def ended_within(client: RawClient, bound: float) -> tuple[str, float]:
    """How the server ended a stalled connection: its answer, or that it closed it."""
    raw = client.read(timeout=bound + 5)
    elapsed = client.elapsed
    client.close()
    if not raw:
        return "closed", elapsed
    status, _, body = split_response(raw)
    return judge(status, body), elapsed


STALLS = {
    "headers, then 10 of 1,000 body bytes": HEAD + b"Content-Length: 1000\r\n\r\n0123456789",
    "half the headers": HEAD[:40],
    "connected, nothing sent": b"",
    "chunked, stalled inside a chunk": HEAD + b"Transfer-Encoding: chunked\r\n\r\n100\r\n0123",
}


@pytest.mark.parametrize("case", list(STALLS))
def test_a_stalled_client_is_cut_off_while_others_are_served(strict, persons, case):
    client = stalled(strict.port, STALLS[case])
    time.sleep(0.2)
    for _ in range(3):  # the same single worker answers others meanwhile
        response, elapsed = post(strict, geef_bewijs(persons[0]), timeout=5)
        assert response.status_code == 200 and elapsed < BOUND
    outcome, elapsed = ended_within(client, STRICT_TIMEOUT)
    record(f"stalled client: {case} (request timeout {STRICT_TIMEOUT:g} s)", outcome, elapsed)
    assert outcome == "closed" or outcome.startswith("408"), outcome
    assert elapsed < STRICT_TIMEOUT + BOUND
    log = strict.log.read_text()
    assert "read side shut" in log
    assert "Traceback" not in log, log[-3000:]


def test_a_client_dripping_its_body_is_cut_off_at_the_time_limit(strict, persons):
    """One byte every 0.2 s keeps every single read short; the request as a whole still ends."""
    client = stalled(strict.port, HEAD + b"Content-Length: 1000\r\n\r\n")
    stop = threading.Event()

    def drip() -> None:
        while not stop.wait(0.2):
            try:
                client.sock.send(b"x")
            except OSError:
                return

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    try:
        outcome, elapsed = ended_within(client, STRICT_TIMEOUT)
    finally:
        stop.set()
        dripper.join()
    record("client dripping 1 byte / 0.2 s", outcome, elapsed)
    assert outcome.startswith("408"), outcome
    assert elapsed < STRICT_TIMEOUT + BOUND
    still_answers(strict, persons[0])


def test_stalled_clients_on_every_thread_hold_the_worker_only_until_the_time_limit(strict, persons):
    clients = [stalled(strict.port, STALLS["headers, then 10 of 1,000 body bytes"]) for _ in range(4)]
    time.sleep(0.2)
    response, elapsed = post(strict, geef_bewijs(persons[0]), timeout=STRICT_TIMEOUT + 5)
    record("valid request while 4 stalled clients hold all 4 threads", judge(200, response.content), elapsed)
    assert response.status_code == 200
    assert elapsed < STRICT_TIMEOUT + BOUND
    for client in clients:
        outcome, _ = ended_within(client, STRICT_TIMEOUT)
        assert outcome == "closed" or outcome.startswith("408"), outcome


@pytest.fixture(scope="module")
def two_workers(demo_db, tmp_path_factory) -> Server:
    log = tmp_path_factory.mktemp("two-workers") / "server.log"
    gateway = Server(demo_db, log, "--workers", "2", "--threads", "1", "--request-timeout", "10")
    yield gateway
    gateway.stop()


def test_a_worker_with_every_thread_busy_leaves_new_connections_to_another(two_workers, persons):
    """Each time, one worker's only thread waits for a body; a new connection must reach the other
    worker, not queue behind it for the 10 s time limit (it would, one time in two, if both took
    connections alike)."""
    server = two_workers
    for _ in range(6):
        client = stalled(server.port, STALLS["headers, then 10 of 1,000 body bytes"])
        time.sleep(0.3)
        response, elapsed = post_on_new_connection(server, geef_bewijs(persons[0]))
        client.close()
        assert response.status_code == 200
        assert elapsed < BOUND, f"answered after {elapsed:.1f} s: queued behind the busy worker"
        time.sleep(0.3)


CALLERS = 12


def test_a_new_connection_is_answered_while_kept_alive_clients_keep_every_thread_busy(two_workers, persons):
    """Clients call back to back on kept-alive connections, six per thread: no thread is ever
    free, yet a new connection must be answered at once, not when those clients stop."""
    server = two_workers
    stop = threading.Event()
    answered: list[int] = []

    def keep_calling(insz: str) -> None:
        payload = geef_bewijs(insz)
        request = HEAD + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload
        client = RawClient(server.port)
        try:
            while not stop.is_set():
                client.send(request)
                raw = client.read()
                answered.append(split_response(raw)[0] if raw else 0)  # 0: no answer
        finally:
            client.close()

    callers = [threading.Thread(target=keep_calling, args=(insz,)) for insz in persons[:CALLERS]]
    for caller in callers:
        caller.start()
    try:
        time.sleep(1.0)
        response, elapsed = post_on_new_connection(server, geef_bewijs(persons[0]))
    finally:
        stop.set()
        for caller in callers:
            caller.join()
    record(
        f"valid request on a new connection while {CALLERS} kept-alive clients keep 2 threads busy",
        judge(200, response.content),
        elapsed,
    )
    assert response.status_code == 200
    assert elapsed < BOUND, f"answered after {elapsed:.1f} s: the busy workers never took the connection"
    assert answered and set(answered) == {200}


def test_a_client_that_never_reads_its_refusal_does_not_stall_the_worker(strict, persons):
    """gunicorn lingers on a closing connection for the client to close; that must not hold up others."""
    held = []
    for _ in range(3):
        client = stalled(strict.port, HEAD + f"Content-Length: {TWENTY_MB}\r\n\r\n".encode())
        assert split_response(client.read())[0] == 413
        held.append(client)  # kept open, never closed by the client
        response, elapsed = post(strict, geef_bewijs(persons[0]), timeout=5)
        assert response.status_code == 200 and elapsed < 0.5, elapsed
    outcome = judge(response.status_code, response.content)
    record("valid request after 3 refused clients that keep their socket open", outcome, elapsed)
    for client in held:
        client.close()


def test_the_limits_given_on_the_command_line_hold(strict, persons):
    insz = persons[0]
    base = element_count(with_header(insz, b""))
    cases = {
        f"--max-depth {STRICT_DEPTH}: depth {STRICT_DEPTH}": (
            with_header(insz, nested(STRICT_DEPTH - 2)),
            200,
        ),
        f"--max-depth {STRICT_DEPTH}: depth {STRICT_DEPTH + 1}": (
            with_header(insz, nested(STRICT_DEPTH - 1)),
            500,
        ),
        f"--max-elements {STRICT_ELEMENTS}: {STRICT_ELEMENTS} elements": (
            with_header(insz, b"<x/>" * (STRICT_ELEMENTS - base)),
            200,
        ),
        f"--max-elements {STRICT_ELEMENTS}: {STRICT_ELEMENTS + 1} elements": (
            with_header(insz, b"<x/>" * (STRICT_ELEMENTS - base + 1)),
            500,
        ),
        f"--max-body-bytes {STRICT_BODY}: {STRICT_BODY + 1} bytes": (
            with_header(insz, b"<!--" + b"c" * (STRICT_BODY + 1 - len(with_header(insz, b"")) - 7) + b"-->"),
            413,
        ),
    }
    for case, (payload, status) in cases.items():
        response, elapsed = post(strict, payload)
        record(case, judge(response.status_code, response.content), elapsed)
        assert response.status_code == status, (case, response.text[:300])
    assert len(cases[f"--max-body-bytes {STRICT_BODY}: {STRICT_BODY + 1} bytes"][0]) == STRICT_BODY + 1
    still_answers(strict, insz)


def test_the_reply_to_a_refused_request_names_no_caller(server, persons):
    """A Fault says what is wrong with the bytes, and echoes nothing of the request."""
    payload = XXE_FILE + geef_bewijs(persons[0]).split(b"?>", 1)[1].replace(persons[0].encode(), b"&xxe;")
    response, _ = post(server, payload)
    assert response.status_code == 500
    assert ACTIEF.encode() not in response.content and persons[0].encode() not in response.content
