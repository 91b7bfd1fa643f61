"""RegistreerMutatieBewijs 02.00: a source sends a full corrected record with its Metadata."""

from __future__ import annotations

from led_gateway.domain.mutatie import ANNULATIE, WIJZIGING
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import LEVERANCIER, Antwoord, Dienst, Vraag
from led_gateway.services.registratie import Weigering, annuleer, corrigeer
from led_gateway.services.resultaat import geslaagd, niet_geslaagd
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://webservice.registreermutatiebewijsdienst-02_00.led-02_00.vip.vlaanderen.be"


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    record = vraag.inhoud.find("Bewijs")
    vraag.require_leverancier_naam(record.findtext("Leverancier/Naam").strip())
    soort = vraag.inhoud.findtext("Metadata/Type").strip()
    bron_referte = vraag.inhoud.findtext("Metadata/Referte").strip()
    try:
        if soort == WIJZIGING:
            corrigeer(uow, record, vraag.now, bron_referte)
        elif soort == ANNULATIE:
            annuleer(
                uow,
                record.findtext("Leverancier/Naam").strip(),
                record.findtext("Leverancier/Bewijsreferte").strip(),
                record.findtext("PersoonUitgereikt/INSZ").strip(),
                vraag.now,
                bron_referte,
            )
        else:
            raise Weigering(
                "30007", f"Type {soort}: nieuwe bewijzen gaan via RegistreerBewijs", "Metadata/Type"
            )
        uow.commit()
    except Weigering as weigering:
        return niet_geslaagd(uitzondering(weigering.code, weigering.detail, weigering.omstandigheid))
    return geslaagd()


REGISTREER_MUTATIE_BEWIJS = Dienst(
    operation="RegistreerMutatieBewijs",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="LED.RegistreerMutatieBewijsDienst-02.00",
    answer=answer,
    beller=LEVERANCIER,
    schrijft=True,
)
