"""GeefBewijs 02.00: every bewijs the LED holds for one INSZ."""

from __future__ import annotations

from lxml import etree

from led_gateway.domain.bewijs import Bewijs
from led_gateway.domain.insz import is_valid_structure
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Vraag
from led_gateway.wire.bewijs import append_bewijs
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be"

#: BewijzenLijstType allows at most this many Bewijs elements in one reply.
MAX_BEWIJZEN = 99


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    insz = (vraag.inhoud.findtext("INSZ") or "").strip()
    if not is_valid_structure(insz):
        return Antwoord(uitzonderingen=[uitzondering("20002", insz, "INSZ")])
    bewijzen = uow.bewijzen.for_insz(insz)
    if not bewijzen:
        return Antwoord(uitzonderingen=[uitzondering("40000", omstandigheid="INSZ")])
    notices = []
    if len(bewijzen) > MAX_BEWIJZEN:
        notices.append(uitzondering("30003", f"{len(bewijzen)} bewijzen, de eerste {MAX_BEWIJZEN} getoond"))
        bewijzen = bewijzen[:MAX_BEWIJZEN]
    return Antwoord(inhoud=_bewijzen_writer(bewijzen), uitzonderingen=notices)


def _bewijzen_writer(bewijzen: list[Bewijs]):
    def write(inhoud: etree._Element) -> None:
        lijst = etree.SubElement(inhoud, "Bewijzen")
        for bewijs in bewijzen:
            append_bewijs(lijst, bewijs)

    return write


GEEF_BEWIJS = Dienst(
    operation="GeefBewijs",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="LED.GeefBewijsDienst-02.00",
    answer=answer,
)
