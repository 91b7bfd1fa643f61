"""The MAGDA Context: who asks, under which reference, and how we answer them.

A request's ``Verzoek/Context`` names the service and version, the sender
(Afzender) with its reference and hoedanigheid. The reply's Context repeats
Naam and Versie, is of type ``ANTWOORD``, carries the gateway as Afzender with
a fresh Referte and echoes the caller as Ontvanger.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

#: Afzender fields echoed into the reply's Ontvanger, in schema order.
_ECHOED = ("Identificatie", "Naam", "Referte", "OrganisatieEenheid", "Hoedanigheid", "Gebruiker")


@dataclass(frozen=True, slots=True)
class Afzender:
    """The sender of a request as it named itself in ``Context/Bericht/Afzender``."""

    identificatie: str | None
    referte: str | None = None
    naam: str | None = None
    organisatie_eenheid: str | None = None
    hoedanigheid: str | None = None
    gebruiker: str | None = None


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What the gateway needs from a request's Context and its one Vraag."""

    naam: str | None
    versie: str | None
    afzender: Afzender
    vraag_referte: str | None
    echo: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class GatewayIdentity:
    """How the gateway names itself as Afzender of its replies."""

    identificatie: str = "led.vlaanderen.be"
    naam: str = "LED-gateway"


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path)
    if found is None or found.text is None:
        return None
    return found.text.strip()


def read_context(operation: etree._Element) -> RequestContext:
    """Read the Context and Vraag/Referte of a request, tolerating missing parts.

    Missing elements read as ``None``: the request may have failed XSD
    validation, and the reply still needs whatever can be known.
    """
    context = operation.find("Verzoek/Context")
    afzender_element = context.find("Bericht/Afzender") if context is not None else None
    sent = _children_text(afzender_element)
    afzender = Afzender(
        identificatie=sent.get("Identificatie"),
        referte=sent.get("Referte"),
        naam=sent.get("Naam"),
        organisatie_eenheid=sent.get("OrganisatieEenheid"),
        hoedanigheid=sent.get("Hoedanigheid"),
        gebruiker=sent.get("Gebruiker"),
    )
    return RequestContext(
        naam=_text(context, "Naam"),
        versie=_text(context, "Versie"),
        afzender=afzender,
        vraag_referte=_text(operation, "Verzoek/Vragen/Vraag/Referte"),
        echo=tuple((tag, sent[tag]) for tag in _ECHOED if tag in sent),
    )


def _children_text(element: etree._Element | None) -> dict[str, str]:
    """The stripped text of each child element, by tag, as ``find`` would read it: the first of a
    repeated tag counts; one without text is left out."""
    found: dict[str, str | None] = {}
    if element is not None:
        for child in element.iterchildren(tag=etree.Element):
            if child.tag not in found:
                found[child.tag] = None if child.text is None else child.text.strip()
    return {tag: text for tag, text in found.items() if text is not None}


def format_tijd(moment: datetime) -> str:
    """MAGDA's TijdType with milliseconds: ``HH:MM:SS.sss``."""
    return moment.strftime("%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def append_tijdstip(parent: etree._Element, now: datetime, tag: str = "Tijdstip") -> None:
    """A generiek TijdstipType: ``Datum`` YYYY-MM-DD and ``Tijd`` HH:MM:SS.sss."""
    tijdstip = etree.SubElement(parent, tag)
    etree.SubElement(tijdstip, "Datum").text = now.strftime("%Y-%m-%d")
    etree.SubElement(tijdstip, "Tijd").text = format_tijd(now)


def append_reply_context(
    parent: etree._Element,
    naam: str,
    versie: str,
    request: RequestContext | None,
    gateway: GatewayIdentity,
    now: datetime,
) -> str:
    """Add the reply Context to ``parent``; returns the reply's own Referte.

    ``request`` is ``None`` when nothing of the caller may be echoed (its
    Context did not pass validation, so echoing it could make the reply
    invalid too).
    """
    context = etree.SubElement(parent, "Context")
    etree.SubElement(context, "Naam").text = naam
    etree.SubElement(context, "Versie").text = versie
    bericht = etree.SubElement(context, "Bericht")
    etree.SubElement(bericht, "Type").text = "ANTWOORD"
    append_tijdstip(bericht, now)
    afzender = etree.SubElement(bericht, "Afzender")
    etree.SubElement(afzender, "Identificatie").text = gateway.identificatie
    etree.SubElement(afzender, "Naam").text = gateway.naam
    referte = str(uuid.uuid4())
    etree.SubElement(afzender, "Referte").text = referte
    if request is not None and request.afzender.identificatie:
        ontvanger = etree.SubElement(bericht, "Ontvanger")
        for tag, value in request.echo:
            etree.SubElement(ontvanger, tag).text = value
    return referte
