"""RegistreerBewijs 02.00: a source registers one new bewijs."""

from __future__ import annotations

from lxml import etree
from sqlalchemy.exc import IntegrityError

from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import LEVERANCIER, Antwoord, Dienst, Vraag
from led_gateway.services.registratie import Weigering, bewijs_from_registratie, registreer
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://registreerbewijs.bewijsregistratiedienst.led.vlaanderen.be"


def melding_ok(inhoud: etree._Element) -> None:
    etree.SubElement(inhoud, "Melding").text = "OK"


def refused(weigering: Weigering) -> Antwoord:
    return Antwoord(uitzonderingen=[uitzondering(weigering.code, weigering.detail, weigering.omstandigheid)])


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    registratie = vraag.inhoud.find("Bewijsregistratie")
    vraag.require_leverancier_naam(registratie.findtext("Leverancier/Naam").strip())
    try:
        bewijs = bewijs_from_registratie(registratie, vraag.now)
        registreer(uow, bewijs)
        uow.commit()
    except Weigering as weigering:
        return refused(weigering)
    except IntegrityError:  # registered by a concurrent call in the meantime
        uow.rollback()
        return refused(Weigering("30005", bewijs.leverancier_bewijsreferte, "Leverancier/Bewijsreferte"))
    return Antwoord(inhoud=melding_ok)


REGISTREER_BEWIJS = Dienst(
    operation="RegistreerBewijs",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="LED.RegistreerBewijsDienst-02.00",
    answer=answer,
    beller=LEVERANCIER,
    schrijft=True,
)
