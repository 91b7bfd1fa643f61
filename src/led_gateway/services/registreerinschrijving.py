"""RegistreerInschrijving 02.01: an afnemer subscribes to persons' mutations."""

from __future__ import annotations

from datetime import date, datetime

from led_gateway.domain.insz import is_valid_structure
from led_gateway.repository.models import InschrijvingRow
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Vraag
from led_gateway.services.repertorium import caller_mismatch
from led_gateway.services.resultaat import geslaagd, niet_geslaagd
from led_gateway.wire.uitzonderingen import Uitzondering, uitzondering

NAMESPACE = "http://webservice.registreerinschrijvingdienst-02_01.repertorium-02_01.vip.vlaanderen.be"
PERSOON = "PERS"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text.strip()) if text else None


def _refusal(inschrijving, subjecten) -> Uitzondering | None:
    if inschrijving.findtext("BetrokkenSubject/Type").strip() != PERSOON or any(
        subject.findtext("Type").strip() != PERSOON for subject in subjecten
    ):
        return uitzondering("30006", omstandigheid="BetrokkenSubject/Type")
    for subject in subjecten:
        insz = subject.findtext("Sleutel").strip()
        if not is_valid_structure(insz):
            return uitzondering("20002", insz, "Subject/Sleutel")
    return None


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    inschrijving = vraag.inhoud.find("Inschrijving")
    subjecten = inschrijving.findall("BetrokkenSubject/Subjecten/Subject")
    refusal = caller_mismatch(vraag, inschrijving) or _refusal(inschrijving, subjecten)
    if refusal:
        return niet_geslaagd(refusal)
    begin = _day(inschrijving.findtext("Periode/Begin")) or vraag.now.date()
    einde = _day(inschrijving.findtext("Periode/Einde"))
    if einde is not None and einde < begin:
        return niet_geslaagd(uitzondering("30001", "Periode/Einde ligt voor Periode/Begin", "Periode"))
    notices = []
    for subject in subjecten:
        insz = subject.findtext("Sleutel").strip()
        if uow.inschrijvingen.overlapping(vraag.aansluiting.id, insz, begin, einde):
            notices.append(uitzondering("40143", insz, "Subject/Sleutel"))
            continue
        uow.inschrijvingen.add(
            InschrijvingRow(
                afnemer_id=vraag.aansluiting.id,
                insz=insz,
                hoedanigheid=vraag.context.afzender.hoedanigheid,
                begin=begin,
                einde=einde,
                ingeschreven_op=datetime.now(),
            )
        )
    uow.commit()
    return geslaagd(*notices)


REGISTREER_INSCHRIJVING = Dienst(
    operation="RegistreerInschrijving",
    versie="02.01.0000",
    namespace=NAMESPACE,
    folder="Repertorium.RegistreerInschrijvingDienst-02.01",
    answer=answer,
    vereist_mutaties=True,
    schrijft=True,
)
