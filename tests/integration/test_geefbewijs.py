"""GeefBewijs 02.00 over real HTTP against a real server process on a demo database."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from tests.conftest import reference_schema
from tests.messages import ACTIEF, GEEF_BEWIJS_NS, SOAP_ENV, geef_bewijs, reply_body, uitzonderingen

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"
FOLDER = "LED.GeefBewijsDienst-02.00"


def ask(server, payload: bytes, **headers) -> etree._Element:
    response = server.post(ENDPOINT, payload, **headers)
    assert response.status_code == 200, response.text[:500]
    return reply_body(response.content)


def assert_magda_valid(reference, body: etree._Element) -> None:
    errors = list(
        reference_schema(reference, FOLDER, "GeefBewijsResponse.xsd").iter_errors(copy.deepcopy(body))
    )
    assert not errors, errors[0]


def test_a_person_gets_all_their_bewijzen(server, persons, reference):
    body = ask(server, geef_bewijs(persons[0], referte="vraag-1"))
    assert_magda_valid(reference, body)
    assert body.tag == f"{{{GEEF_BEWIJS_NS}}}GeefBewijsResponse"
    bewijzen = body.findall("Repliek/Antwoorden/Antwoord/Inhoud/Bewijzen/Bewijs")
    assert bewijzen
    assert {b.findtext("PersoonUitgereikt/INSZ") for b in bewijzen} == {persons[0]}
    assert body.findtext("Repliek/Antwoorden/Antwoord/Referte") == "vraag-1"
    assert [u for u in uitzonderingen(body, "Antwoord") if u["Type"] != "INFORMATIE"] == []


def test_every_bewijs_carries_basis_and_afgeleid(server, persons, reference):
    for insz in persons[:10]:
        body = ask(server, geef_bewijs(insz))
        assert_magda_valid(reference, body)
        for bewijs in body.iter("Bewijs"):
            assert bewijs.findtext("BewijsrefertesLed/Bewijsreferte")
            assert bewijs.findtext("BewijsstatusLed/Code") == "1"
            assert bewijs.findtext("Basis/Authenticiteit/Naam")
            assert bewijs.findtext("Basis/Uitreikingsdatum/Jaar")
            assert bewijs.findtext("Afgeleid/ISCEDNiveau/Code")
            assert bewijs.findtext("Afgeleid/VKSNiveauOnderwijskwalificatie/Code")


def test_reply_context_answers_the_caller(server, persons):
    body = ask(server, geef_bewijs(persons[0], referte="ctx-ref-1"))
    context = body.find("Repliek/Context")
    assert context.findtext("Naam") == "GeefBewijs"
    assert context.findtext("Versie") == "02.00.0000"
    assert context.findtext("Bericht/Type") == "ANTWOORD"
    assert context.findtext("Bericht/Afzender/Referte") not in (None, "", "ctx-ref-1")
    ontvanger = context.find("Bericht/Ontvanger")
    assert ontvanger.findtext("Identificatie") == ACTIEF
    assert ontvanger.findtext("Referte") == "ctx-ref-1"
    assert ontvanger.findtext("Hoedanigheid") == "1300"


def test_every_child_element_is_unqualified(server, persons):
    body = ask(server, geef_bewijs(persons[0]))
    qualified = [
        element.tag
        for element in body.iterdescendants()
        if isinstance(element.tag, str) and element.tag.startswith("{")
    ]
    assert qualified == []


def test_unknown_person_is_40000_at_antwoord_level(server, reference):
    body = ask(server, geef_bewijs("31661501234"[:9] + f"{97 - int('316615012') % 97:02d}"))
    assert_magda_valid(reference, body)
    assert body.find("Repliek/Antwoorden/Antwoord/Inhoud") is None
    found = uitzonderingen(body, "Antwoord")
    assert found[0]["Identificatie"] == "40000" and found[0]["Type"] == "FOUT"
    assert {u["Identificatie"] for u in found[1:]} <= {"30004"}


@pytest.mark.parametrize("insz", ["12345678901", "85073112300", "99999999999"])
def test_insz_with_an_invalid_structure_is_20002(server, reference, insz):
    body = ask(server, geef_bewijs(insz))
    assert_magda_valid(reference, body)
    assert [u["Identificatie"] for u in uitzonderingen(body, "Antwoord")] == ["20002"]
    assert not body.findall(".//Bewijs")


@pytest.mark.parametrize(
    ("afzender", "hoedanigheid", "reason"),
    [
        ("onbekend.example/afnemer", "1300", "niet gekend"),
        ("demo.vlaanderen.be/afnemer-verlopen", "1300", "geldigheidsperiode"),
        ("demo.vlaanderen.be/afnemer-uit-gebruik", "1300", "niet in gebruik"),
        ("demo.vlaanderen.be/afnemer-webtoepassing", "1300", "kanaal"),
        ("demo.vlaanderen.be/afnemer-in-aansluiting", "1300", "niet in gebruik"),
        (ACTIEF, "9999", "9999"),
        (ACTIEF, None, "Hoedanigheid"),
    ],
)
def test_callers_not_allowed_get_40006_without_antwoorden(
    server, persons, reference, afzender, hoedanigheid, reason
):
    body = ask(server, geef_bewijs(persons[0], afzender=afzender, hoedanigheid=hoedanigheid))
    assert_magda_valid(reference, body)
    assert body.find("Repliek/Antwoorden") is None
    refused = uitzonderingen(body, "Repliek")
    assert [u["Identificatie"] for u in refused] == ["40006"]
    assert refused[0]["Type"] == "FOUT"
    assert reason in refused[0]["Diagnose"]


@pytest.mark.parametrize("afzender", [ACTIEF, "demo.vlaanderen.be/afnemer-zonder-mutaties"])
def test_afnemers_in_use_are_allowed(server, persons, afzender):
    assert ask(server, geef_bewijs(persons[0], afzender=afzender)).findall(".//Bewijs")


def test_an_xsd_invalid_request_is_refused_naming_the_element(server, persons, reference):
    envelope = etree.fromstring(geef_bewijs(persons[0]))
    versie = envelope.find(".//Context/Versie")
    versie.getparent().remove(versie)
    body = ask(server, etree.tostring(envelope))
    assert_magda_valid(reference, body)
    assert body.find("Repliek/Antwoorden") is None
    [finding] = uitzonderingen(body, "Repliek")[:1]
    assert finding["Identificatie"] == "30001"
    assert finding["Type"] == "FOUT"
    assert "Bericht" in finding["Diagnose"] and "Versie" in finding["Diagnose"]
    assert "Context" in finding["Omstandigheid"]


def test_an_invalid_request_echoes_nothing_it_could_break(server, reference):
    body = ask(server, geef_bewijs("85073112345", afzender="x" * 200))
    assert_magda_valid(reference, body)
    assert body.find("Repliek/Context/Bericht/Ontvanger") is None
    assert [u["Identificatie"] for u in uitzonderingen(body, "Repliek")] == ["30001"]


def test_another_version_in_the_context_is_refused(server, persons, reference):
    body = ask(server, geef_bewijs(persons[0], versie="02.01.0000"))
    assert_magda_valid(reference, body)
    assert [u["Identificatie"] for u in uitzonderingen(body, "Repliek")] == ["30002"]
    assert body.find("Repliek/Antwoorden") is None


@pytest.mark.parametrize("soap_action", ['""', "GeefBewijs", '"GeefBewijs"', None])
def test_every_soap_action_clients_send_is_accepted(server, persons, soap_action):
    assert ask(server, geef_bewijs(persons[0]), soap_action=soap_action).findall(".//Bewijs")


def test_a_request_without_content_type_is_still_answered(server, persons):
    assert ask(server, geef_bewijs(persons[0]), content_type=None).findall(".//Bewijs")


def test_the_reference_request_is_valid_and_answered_for_a_demo_caller(server, persons, reference):
    envelope = etree.parse(str(reference / "requests" / "GeefBewijs-02.00.0000.xml")).getroot()
    envelope.find(".//Afzender/Identificatie").text = ACTIEF
    envelope.find(".//Afzender/Hoedanigheid").text = "1300"
    envelope.find(".//INSZ").text = persons[1]
    body = ask(server, etree.tostring(envelope))
    assert_magda_valid(reference, body)
    assert body.findall(".//Bewijs")
    assert body.findtext("Repliek/Antwoorden/Antwoord/Referte") == "vraagreferte"


def test_the_reference_request_as_is_reaches_the_access_check(server, reference):
    raw = (reference / "requests" / "GeefBewijs-02.00.0000.xml").read_bytes()
    body = ask(server, raw)
    assert_magda_valid(reference, body)
    assert [u["Identificatie"] for u in uitzonderingen(body, "Repliek")] == ["40006"]


@pytest.mark.parametrize(
    "payload",
    [
        b"<soapenv:Envelope><oops",
        b"",
        b"\x00\xff" * 50,
        b"not xml at all",
        b"<?xml version='1.0'?><x/>",
        f"<e:Envelope xmlns:e='{SOAP_ENV}'><e:Body/></e:Envelope>".encode(),
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    ],
    ids=["malformed", "empty", "binary", "text", "not-an-envelope", "empty-body", "dtd"],
)
def test_a_body_that_is_no_soap_request_gets_a_fault(server, payload):
    response = server.post(ENDPOINT, payload)
    assert response.status_code == 500
    fault = etree.fromstring(response.content).find(f".//{{{SOAP_ENV}}}Fault")
    assert fault is not None
    assert fault.findtext("faultcode").endswith(("XMLSyntaxError", "SoapError"))
    assert b"Traceback" not in response.content and b"root:" not in response.content


def test_an_operation_of_another_service_gets_a_fault(server, persons):
    payload = geef_bewijs(persons[0]).replace(b"GeefBewijs>", b"GeefAnders>")
    response = server.post(ENDPOINT, payload)
    assert response.status_code >= 400
    assert b"Fault" in response.content


def test_an_oversized_body_is_refused_with_413(server, persons):
    pad = b"<!--" + b"x" * 2_000_000 + b"-->"
    payload = geef_bewijs(persons[0]).replace(
        b"<soapenv:Header/>", b"<soapenv:Header>" + pad + b"</soapenv:Header>"
    )
    response = server.post(ENDPOINT, payload)
    assert response.status_code == 413
    assert b"Fault" in response.content


def test_get_without_wsdl_is_not_a_soap_call(server):
    import httpx

    response = httpx.get(server.base + ENDPOINT, timeout=10)
    assert response.status_code == 405


def test_the_server_still_answers_after_hostile_input(server, persons):
    server.post(ENDPOINT, b"<a>" * 100_000 + b"</a>" * 100_000)
    assert ask(server, geef_bewijs(persons[0])).findall(".//Bewijs")
