"""What analysts and client generators read: the served WSDLs and schemas."""

from __future__ import annotations

import copy
import re

import httpx
import pytest
from lxml import etree

from led_gateway.services import DIENSTEN
from tests.conftest import ROOT, reference_schema
from tests.messages import is_beschikbaar, reply_body

XSD_NS = "http://www.w3.org/2001/XMLSchema"


def without_address(document: bytes) -> bytes:
    canonical = etree.tostring(etree.fromstring(document), method="c14n")
    return re.sub(rb' location="[^"]*"', b' location=""', canonical)


@pytest.mark.parametrize("dienst", DIENSTEN, ids=lambda d: d.name)
def test_the_served_wsdl_is_the_file_apart_from_its_address(server, dienst):
    response = httpx.get(server.base + dienst.endpoint + "?wsdl", timeout=10)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert without_address(response.content) == without_address((ROOT / dienst.wsdl).read_bytes())
    served = etree.fromstring(response.content)
    address = served.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
    assert address.get("location") == server.base + dienst.endpoint


@pytest.mark.parametrize("dienst", DIENSTEN, ids=lambda d: d.name)
def test_every_imported_schema_is_served(server, dienst):
    served = etree.fromstring(httpx.get(server.base + dienst.endpoint + "?wsdl", timeout=10).content)
    wsdl_url = httpx.URL(server.base + dienst.endpoint + "?wsdl")
    pending = [str(wsdl_url.join(i.get("schemaLocation"))) for i in served.iter(f"{{{XSD_NS}}}import")]
    seen = set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = httpx.get(url, timeout=10)
        assert response.status_code == 200, url
        schema = etree.fromstring(response.content)
        for child in schema.iter(f"{{{XSD_NS}}}import", f"{{{XSD_NS}}}include"):
            pending.append(httpx.URL(url).join(child.get("schemaLocation")).__str__())
    assert len(seen) >= 2


def test_a_public_url_is_used_for_addresses(demo_db, tmp_path):
    from tests.conftest import Server

    gateway = Server(demo_db, tmp_path / "server.log", "--public-url", "https://led.example.be/gw")
    try:
        wsdl = httpx.get(gateway.base + "/GeefBewijsDienst-02.00/soap/WebService?wsdl", timeout=10).content
    finally:
        gateway.stop()
    assert b'location="https://led.example.be/gw/GeefBewijsDienst-02.00/soap/WebService"' in wsdl
    assert b'schemaLocation="../xsd/LED.GeefBewijsDienst-02.00/' in wsdl


@pytest.mark.parametrize(
    "path", ["/xsd/../pyproject.toml", "/xsd/%2e%2e/pyproject.toml", "/xsd/nothing.xsd", "/wsdl/", "/nowhere"]
)
def test_nothing_outside_the_contract_is_served(server, path):
    response = httpx.get(server.base + path, timeout=10)
    assert response.status_code == 404
    assert b"[project]" not in response.content


def test_isbeschikbaar_answers_anyone(server, reference):
    response = server.post(
        "/IsBeschikbaarDienst-02.00/soap/WebService", is_beschikbaar(afzender="wie.dan.ook")
    )
    body = reply_body(response.content)
    schema = reference_schema(reference, "Generiek.IsBeschikbaarDienst-02.00", "IsBeschikbaarResponse.xsd")
    assert not list(schema.iter_errors(copy.deepcopy(body)))
    assert body.find("Repliek/Antwoorden/Antwoord/Inhoud/AntwoordTijd/Datum") is not None


def test_the_index_lists_every_endpoint(server):
    text = httpx.get(server.base + "/", timeout=10).text
    for dienst in DIENSTEN:
        assert dienst.endpoint in text


def test_a_soap_call_to_an_unknown_address_gets_a_fault(server):
    response = server.post("/GeefBewijsDienst-09.99/soap/WebService", b"<x/>")
    assert response.status_code == 404
    assert b"Fault" in response.content and b"GET /" in response.content


def test_several_workers_serve_the_same_contract(demo_db, tmp_path, persons):
    from tests.conftest import Server
    from tests.messages import geef_bewijs

    gateway = Server(demo_db, tmp_path / "server.log", "--workers", "2", "--threads", "2")
    try:
        replies = [
            gateway.post("/GeefBewijsDienst-02.00/soap/WebService", geef_bewijs(insz)) for insz in persons[:8]
        ]
    finally:
        gateway.stop()
    assert all(reply.status_code == 200 and b"Bewijs>" in reply.content for reply in replies)
    assert (tmp_path / "server.log").read_text().count("Booting worker") >= 2
