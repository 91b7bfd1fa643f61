"""The ``Resultaat`` of the Repertorium and correction diensten: 1 geslaagd, 0 niet."""

from __future__ import annotations

from lxml import etree

from led_gateway.services.base import Antwoord
from led_gateway.wire.uitzonderingen import Uitzondering


def _writer(geslaagd: bool):
    def write(inhoud: etree._Element) -> None:
        resultaat = etree.SubElement(inhoud, "Resultaat")
        resultaat.set("Beschrijving", "Wel geslaagd" if geslaagd else "Niet geslaagd")
        resultaat.text = "1" if geslaagd else "0"

    return write


def geslaagd(*notices: Uitzondering) -> Antwoord:
    return Antwoord(inhoud=_writer(True), uitzonderingen=list(notices))


def niet_geslaagd(*reasons: Uitzondering) -> Antwoord:
    return Antwoord(inhoud=_writer(False), uitzonderingen=list(reasons))
