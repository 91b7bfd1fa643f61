"""RegistreerUitschrijving 02.00: an afnemer ends its subscription to a person."""

from __future__ import annotations

from led_gateway.domain.insz import is_valid_structure
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Vraag
from led_gateway.services.repertorium import caller_mismatch
from led_gateway.services.resultaat import geslaagd, niet_geslaagd
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://webservice.registreeruitschrijvingdienst-02_00.repertorium-02_00.vip.vlaanderen.be"


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    uitschrijving = vraag.inhoud.find("Uitschrijving")
    refusal = caller_mismatch(vraag, uitschrijving)
    if refusal:
        return niet_geslaagd(refusal)
    insz = uitschrijving.findtext("INSZ").strip()
    if not is_valid_structure(insz):
        return niet_geslaagd(uitzondering("20002", insz, "INSZ"))
    today = vraag.now.date()
    inschrijvingen = uow.inschrijvingen.overlapping(vraag.aansluiting.id, insz, today, None)
    if not inschrijvingen:
        return niet_geslaagd(uitzondering("40000", f"geen inschrijving op {insz}", "INSZ"))
    for inschrijving in inschrijvingen:  # every one in force or still to come ends now
        inschrijving.uitgeschreven_op = vraag.now
        inschrijving.einde = max(inschrijving.begin, today)
    uow.commit()
    return geslaagd()


REGISTREER_UITSCHRIJVING = Dienst(
    operation="RegistreerUitschrijving",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="Repertorium.RegistreerUitschrijvingDienst-02.00",
    answer=answer,
    vereist_mutaties=True,
    schrijft=True,
)
