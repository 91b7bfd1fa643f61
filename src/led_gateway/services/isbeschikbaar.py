"""IsBeschikbaar 02.00: the cheap availability probe, open to every caller.

It answers with the time of the question and of the answer once the
database has answered a trivial query, so a green probe means the gateway
can really serve.
"""

from __future__ import annotations

from lxml import etree

from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import IEDEREEN, Antwoord, Dienst, Vraag
from led_gateway.wire.context import append_tijdstip

NAMESPACE = "http://webservice.isbeschikbaardienst-02_00.generiek-02_00.vip.vlaanderen.be"


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    uow.ping()
    asked = vraag.inhoud.find("VraagTijd")

    def write(inhoud: etree._Element) -> None:
        inhoud.append(_copy_unqualified(asked, "VraagTijd"))
        append_tijdstip(inhoud, vraag.now, "AntwoordTijd")

    return Antwoord(inhoud=write)


def _copy_unqualified(element: etree._Element, tag: str) -> etree._Element:
    copy = etree.Element(tag)
    for child in element:
        etree.SubElement(copy, child.tag).text = child.text
    return copy


IS_BESCHIKBAAR = Dienst(
    operation="IsBeschikbaar",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="Generiek.IsBeschikbaarDienst-02.00",
    answer=answer,
    beller=IEDEREEN,
)
