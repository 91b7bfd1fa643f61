"""MAGDA request envelopes as a back-office client builds them, for the tests."""

from __future__ import annotations

import uuid
from datetime import datetime

from lxml import etree

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
GEEF_BEWIJS_NS = "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be"
IS_BESCHIKBAAR_NS = "http://webservice.isbeschikbaardienst-02_00.generiek-02_00.vip.vlaanderen.be"
ACTIEF = "demo.vlaanderen.be/afnemer-actief"


def envelope(
    operation: str,
    namespace: str,
    inhoud: list[etree._Element],
    afzender: str | None = ACTIEF,
    hoedanigheid: str | None = "1300",
    referte: str | None = None,
    versie: str = "02.00.0000",
    naam: str | None = None,
) -> etree._Element:
    """A request envelope; ``afzender=None`` leaves Identificatie out (XSD-invalid)."""
    referte = referte or str(uuid.uuid4())
    now = datetime.now()
    root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV, "m": namespace})
    etree.SubElement(root, f"{{{SOAP_ENV}}}Header")
    body = etree.SubElement(root, f"{{{SOAP_ENV}}}Body")
    verzoek = etree.SubElement(etree.SubElement(body, f"{{{namespace}}}{operation}"), "Verzoek")
    context = etree.SubElement(verzoek, "Context")
    etree.SubElement(context, "Naam").text = naam or operation
    etree.SubElement(context, "Versie").text = versie
    bericht = etree.SubElement(context, "Bericht")
    etree.SubElement(bericht, "Type").text = "VRAAG"
    tijdstip = etree.SubElement(bericht, "Tijdstip")
    etree.SubElement(tijdstip, "Datum").text = now.strftime("%Y-%m-%d")
    etree.SubElement(tijdstip, "Tijd").text = now.strftime("%H:%M:%S.000")
    sender = etree.SubElement(bericht, "Afzender")
    if afzender is not None:
        etree.SubElement(sender, "Identificatie").text = afzender
    etree.SubElement(sender, "Referte").text = referte
    if hoedanigheid is not None:
        etree.SubElement(sender, "Hoedanigheid").text = hoedanigheid
    vraag = etree.SubElement(etree.SubElement(verzoek, "Vragen"), "Vraag")
    etree.SubElement(vraag, "Referte").text = referte
    content = etree.SubElement(vraag, "Inhoud")
    for child in inhoud:
        content.append(child)
    return root


def leaf(tag: str, text: str) -> etree._Element:
    element = etree.Element(tag)
    element.text = text
    return element


def geef_bewijs(insz: str, **kwargs) -> bytes:
    return etree.tostring(
        envelope("GeefBewijs", GEEF_BEWIJS_NS, [leaf("INSZ", insz)], **kwargs),
        xml_declaration=True,
        encoding="UTF-8",
    )


def is_beschikbaar(**kwargs) -> bytes:
    vraagtijd = etree.Element("VraagTijd")
    etree.SubElement(vraagtijd, "Datum").text = datetime.now().strftime("%Y-%m-%d")
    etree.SubElement(vraagtijd, "Tijd").text = datetime.now().strftime("%H:%M:%S.000")
    return etree.tostring(
        envelope("IsBeschikbaar", IS_BESCHIKBAAR_NS, [vraagtijd], **kwargs),
        xml_declaration=True,
        encoding="UTF-8",
    )


def reply_body(raw: bytes) -> etree._Element:
    """The SOAP Body child of a reply."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(raw, parser).find(f"{{{SOAP_ENV}}}Body")[0]


def uitzonderingen(body: etree._Element, level: str) -> list[dict[str, str]]:
    """Uitzonderingen at ``level`` ("Repliek" or "Antwoord") as dicts of their leaves."""
    path = (
        "Repliek/Uitzonderingen/Uitzondering"
        if level == "Repliek"
        else "Repliek/Antwoorden/Antwoord/Uitzonderingen/Uitzondering"
    )
    return [
        {child.tag: (child.text or "") for child in u if child.tag != "Tijdstip"} for u in body.findall(path)
    ]
