"""Uitzonderingen: MAGDA's errors, warnings and notices.

Every code the gateway emits is in :data:`CATALOGUE`, with its type and its
standard diagnose; the README's table is this catalogue. Codes follow MAGDA's
where MAGDA has one; the 3xxxx message-level codes and 99999 are the
gateway's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from led_gateway.wire.context import append_tijdstip

FOUT = "FOUT"
WAARSCHUWING = "WAARSCHUWING"
INFORMATIE = "INFORMATIE"

#: Oorsprong of uitzonderingen about the message, its context or the caller.
MAGDA = "MAGDA"
#: Oorsprong of uitzonderingen about the data asked for.
LED = "LED"


@dataclass(frozen=True, slots=True)
class Code:
    identificatie: str
    type: str
    oorsprong: str
    diagnose: str
    niveau: str  # "Repliek" or "Antwoord": where the gateway puts it


CATALOGUE: dict[str, Code] = {
    code.identificatie: code
    for code in (
        Code("13202", FOUT, MAGDA, "Gegevens niet opvraagbaar geen persoonsdossier geregistreerd", "Repliek"),
        Code("15021", FOUT, MAGDA, "Geen gegevens in antwoord wegens filtering", "Antwoord"),
        Code("20002", FOUT, MAGDA, "INSZ heeft een ongeldige structuur", "Antwoord"),
        Code(
            "20005",
            FOUT,
            MAGDA,
            "Identificatie of Hoedanigheid in de vraag verschilt van de Context",
            "Antwoord",
        ),
        Code("30001", FOUT, MAGDA, "Het verzoek voldoet niet aan het XSD van de dienst", "Repliek"),
        Code("30002", FOUT, MAGDA, "Naam of versie in de Context komt niet overeen met de dienst", "Repliek"),
        Code("30003", WAARSCHUWING, LED, "Meer bewijzen dan een antwoord kan bevatten", "Antwoord"),
        Code("30004", INFORMATIE, LED, "Niet alle bronnen zijn volledig voor deze persoon", "Antwoord"),
        Code("30005", FOUT, LED, "Dit bewijs is al geregistreerd bij deze leverancier", "Antwoord"),
        Code("30006", FOUT, LED, "De LED kent enkel personen (subject type PERS)", "Antwoord"),
        Code("30007", FOUT, LED, "Dit Metadata/Type kan niet met deze dienst", "Antwoord"),
        Code("30014", FOUT, MAGDA, "Ongeldige Ontvangstreferte: niet de laatst ontvangen batch", "Antwoord"),
        Code("30016", INFORMATIE, MAGDA, "Geen (verdere) gegevens beschikbaar", "Antwoord"),
        Code("40000", FOUT, LED, "Geen gegevens gevonden.", "Antwoord"),
        Code("40006", FOUT, MAGDA, "Fout in autorisatie", "Repliek"),
        Code("40143", WAARSCHUWING, MAGDA, "De inschrijving bestaat al", "Antwoord"),
        Code("90000", FOUT, MAGDA, "De dienst is (tijdelijk) niet beschikbaar", "Repliek"),
        Code("99996", FOUT, MAGDA, "Te veel gelijktijdige vragen", "Repliek"),
        Code("99999", FOUT, MAGDA, "Onverwachte fout in de gateway", "Repliek"),
    )
}


@dataclass(frozen=True, slots=True)
class Uitzondering:
    """One uitzondering as it goes on the wire."""

    identificatie: str
    type: str
    oorsprong: str
    diagnose: str
    omstandigheid: str | None = None


def uitzondering(code: str, detail: str | None = None, omstandigheid: str | None = None) -> Uitzondering:
    """The catalogued uitzondering ``code``; ``detail`` is appended to its diagnose."""
    known = CATALOGUE[code]
    diagnose = f"{known.diagnose}: {detail}" if detail else known.diagnose
    return Uitzondering(known.identificatie, known.type, known.oorsprong, diagnose, omstandigheid)


def append_uitzonderingen(parent: etree._Element, items: list[Uitzondering], now: datetime) -> None:
    """Add an ``Uitzonderingen`` element holding ``items`` to ``parent``."""
    container = etree.SubElement(parent, "Uitzonderingen")
    for item in items:
        element = etree.SubElement(container, "Uitzondering")
        etree.SubElement(element, "Identificatie").text = item.identificatie
        etree.SubElement(element, "Oorsprong").text = item.oorsprong
        etree.SubElement(element, "Type").text = item.type
        append_tijdstip(element, now)
        etree.SubElement(element, "Diagnose").text = item.diagnose
        if item.omstandigheid:
            etree.SubElement(element, "Omstandigheid").text = item.omstandigheid
