"""Property-based tests: mutated GeefBewijs requests against a real server process.

Hypothesis takes a valid request apart: it drops, duplicates, moves and reorders elements, puts
random text in them, renames them into other namespaces, adds attributes, and inserts, overwrites
or cuts bytes of the serialized message. Whatever comes of it, the server answers within seconds
with either a SOAP Fault (HTTP 4xx/5xx, faultcode Client...) or HTTP 200 with a GeefBewijsResponse
that MAGDA's own schema accepts. Never a stack trace, a server fault, a hang or a dead process.

The runs are derandomized (the same examples on every run) and bounded by ``max_examples``, so
the module takes well under a minute. ``--hypothesis-show-statistics`` shows how the replies were
spread over outcomes.
"""

from __future__ import annotations

import copy
import time

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.conftest import reference_schema
from tests.messages import GEEF_BEWIJS_NS, IS_BESCHIKBAAR_NS, SOAP_ENV, geef_bewijs, reply_body

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"
FOLDER = "LED.GeefBewijsDienst-02.00"
#: An answer takes milliseconds; this only tells a slow answer from a hang.
BOUND = 5.0
LEAKS = (b"Traceback", b'File "', b"root:x:0:0", b"sqlalchemy", b"sqlite3.", b"psycopg")

PROPERTY = settings(
    max_examples=600,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HTTP = httpx.Client()


def xml_char(c: str) -> bool:
    """Whether XML 1.0 allows the character at all (lxml refuses the others)."""
    code = ord(c)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)).filter(xml_char), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "GeefBewijs",
            "02.00.0000",
            "VRAAG",
            "1300",
            "85073112345",
            "2025-01-01",
            "12:00:00.000",
            "demo.vlaanderen.be/afnemer-actief",
            "' OR '1'='1",
            "]]>",
            "&amp;&lt;",
            "<Inhoud/>",
            "\u202e\u200b\ufeff",
            "x" * 5000,
            "9" * 255,
        ]
    ),
)
NAMESPACES = st.sampled_from(
    [
        "",
        GEEF_BEWIJS_NS,
        SOAP_ENV,
        IS_BESCHIKBAAR_NS,
        "http://www.w3.org/2003/05/soap-envelope",
        "http://www.w3.org/2001/XMLSchema-instance",
        "urn:led:elders",
    ]
)
NAMES = st.sampled_from(["Verzoek", "Vraag", "INSZ", "Inhoud", "Body", "Envelope", "Header", "x"])
INDEX = st.integers(min_value=0, max_value=10_000)

TREE_OPERATIONS = st.one_of(
    st.tuples(st.just("drop"), INDEX),
    st.tuples(st.just("duplicate"), INDEX),
    st.tuples(st.just("swap"), INDEX, INDEX),
    st.tuples(st.just("reverse"), INDEX),
    st.tuples(st.just("move"), INDEX, INDEX),
    st.tuples(st.just("text"), INDEX, TEXTS),
    st.tuples(st.just("tail"), INDEX, TEXTS),
    st.tuples(st.just("namespace"), INDEX, NAMESPACES),
    st.tuples(st.just("rename"), INDEX, NAMES),
    st.tuples(st.just("attribute"), INDEX, NAMESPACES, TEXTS),
)
BYTE_OPERATIONS = st.one_of(
    st.tuples(st.just("insert"), INDEX, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("overwrite"), INDEX, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), INDEX, st.integers(min_value=1, max_value=200)),
    st.tuples(st.just("truncate"), INDEX),
)


def mutate_tree(envelope: etree._Element, operations) -> etree._Element:
    envelope = copy.deepcopy(envelope)
    for operation in operations:
        elements = [e for e in envelope.iter() if isinstance(e.tag, str)]
        kind, index, *rest = operation
        element = elements[index % len(elements)]
        parent = element.getparent()
        if kind == "drop" and parent is not None:
            parent.remove(element)
        elif kind == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif kind == "swap" and parent is not None:
            other = parent[rest[0] % len(parent)]
            if other is not element:
                position = parent.index(other)
                parent.replace(element, copy.deepcopy(other))
                parent[position] = element
        elif kind == "reverse":
            children = list(element)
            for child in children:
                element.remove(child)
            element.extend(reversed(children))
        elif kind == "move" and parent is not None:
            target = elements[rest[0] % len(elements)]
            if target is not element and element not in target.iterancestors():
                target.append(element)
        elif kind == "text":
            element.text = rest[0]
        elif kind == "tail" and parent is not None:
            element.tail = rest[0]
        elif kind == "namespace":
            local = etree.QName(element).localname
            element.tag = f"{{{rest[0]}}}{local}" if rest[0] else local
        elif kind == "rename":
            namespace = etree.QName(element).namespace
            element.tag = f"{{{namespace}}}{rest[0]}" if namespace else rest[0]
        elif kind == "attribute":
            namespace, value = rest
            element.set(f"{{{namespace}}}a" if namespace else "a", value)
    return envelope


def mutate_bytes(payload: bytes, operations) -> bytes:
    data = bytearray(payload)
    for kind, index, *rest in operations:
        position = index % (len(data) + 1)
        if kind == "insert":
            data[position:position] = rest[0]
        elif kind == "overwrite":
            data[position : position + len(rest[0])] = rest[0]
        elif kind == "delete":
            del data[position : position + rest[0]]
        elif kind == "truncate":
            del data[position:]
    return bytes(data)


def check_reply(server, reference, payload: bytes) -> str:
    started = time.monotonic()
    response = HTTP.post(
        server.base + ENDPOINT,
        content=payload,
        headers={"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'},
        timeout=BOUND * 2,
    )
    elapsed = time.monotonic() - started
    assert elapsed < BOUND, f"{elapsed:.1f} s"
    assert server.process.poll() is None, "the server process died"
    content = response.content
    for leak in LEAKS:
        assert leak not in content, content[:500]
    if response.status_code == 200:
        body = reply_body(content)
        assert body.tag == f"{{{GEEF_BEWIJS_NS}}}GeefBewijsResponse", body.tag
        schema = reference_schema(reference, FOLDER, "GeefBewijsResponse.xsd")
        errors = list(schema.iter_errors(copy.deepcopy(body)))
        assert not errors, f"{errors[0]}\n{content[:2000]!r}"
        codes = sorted({u.findtext("Identificatie") for u in body.iter("Uitzondering")})
        return "200 " + ("+".join(codes) if codes else "answered")
    assert 400 <= response.status_code < 600, response.status_code
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    fault = etree.fromstring(content, parser).find(f".//{{{SOAP_ENV}}}Fault")
    assert fault is not None, content[:500]
    code = (fault.findtext("faultcode") or "").split(":")[-1]
    assert code.startswith("Client"), f"{code}: {fault.findtext('faultstring')}"
    return f"{response.status_code} {code}"


@pytest.fixture(scope="module")
def valid(persons) -> etree._Element:
    return etree.fromstring(geef_bewijs(persons[0], referte="eigenschap-1"))


@PROPERTY
@given(operations=st.lists(TREE_OPERATIONS, min_size=1, max_size=6))
def test_a_request_taken_apart_gets_a_magda_reply_or_a_fault(server, reference, valid, operations):
    payload = etree.tostring(mutate_tree(valid, operations), xml_declaration=True, encoding="UTF-8")
    event(check_reply(server, reference, payload))


@PROPERTY
@given(operations=st.lists(BYTE_OPERATIONS, min_size=1, max_size=4))
def test_a_request_with_damaged_bytes_gets_a_magda_reply_or_a_fault(server, reference, valid, operations):
    payload = mutate_bytes(etree.tostring(valid, xml_declaration=True, encoding="UTF-8"), operations)
    event(check_reply(server, reference, payload))


@PROPERTY
@given(
    tree=st.lists(TREE_OPERATIONS, min_size=1, max_size=4),
    damage=st.lists(BYTE_OPERATIONS, max_size=2),
    encoding=st.sampled_from(["UTF-8", "UTF-16", "ISO-8859-1", "US-ASCII"]),
)
def test_a_request_in_another_encoding_gets_a_magda_reply_or_a_fault(
    server, reference, valid, tree, damage, encoding
):
    try:
        payload = etree.tostring(mutate_tree(valid, tree), xml_declaration=True, encoding=encoding)
    except (UnicodeEncodeError, ValueError):
        payload = etree.tostring(mutate_tree(valid, tree), xml_declaration=True, encoding="UTF-8")
    event(check_reply(server, reference, mutate_bytes(payload, damage)))


def test_the_server_answers_after_the_properties(server, reference, persons):
    check_reply(server, reference, geef_bewijs(persons[0]))
    response = HTTP.post(server.base + ENDPOINT, content=geef_bewijs(persons[0]), timeout=BOUND)
    assert reply_body(response.content).findall(".//Bewijs")
