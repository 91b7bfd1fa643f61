"""AnnuleerBewijs 02.00: a source cancels a bewijs; it stays, with status 10."""

from __future__ import annotations

from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import LEVERANCIER, Antwoord, Dienst, Vraag
from led_gateway.services.registratie import Weigering, annuleer
from led_gateway.services.registreerbewijs import melding_ok, refused

NAMESPACE = "http://annuleerbewijs.bewijsregistratiedienst.led.vlaanderen.be"


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    annulatie = vraag.inhoud.find("Bewijsannulatie")
    naam = annulatie.findtext("Leverancier/Naam").strip()
    vraag.require_leverancier_naam(naam)
    try:
        annuleer(
            uow,
            naam,
            annulatie.findtext("Leverancier/Bewijsreferte").strip(),
            annulatie.findtext("PersoonUitgereikt/INSZ").strip(),
            vraag.now,
        )
        uow.commit()
    except Weigering as weigering:
        return refused(weigering)
    return Antwoord(inhoud=melding_ok)


ANNULEER_BEWIJS = Dienst(
    operation="AnnuleerBewijs",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="LED.AnnuleerBewijsDienst-02.00",
    answer=answer,
    beller=LEVERANCIER,
    schrijft=True,
)
