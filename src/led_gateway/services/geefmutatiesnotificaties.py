"""GeefMutatiesNotificaties 02.01: an afnemer pulls its notifications in acknowledged batches.

Calling with the Ontvangstreferte of the batch last received acknowledges it
and returns the next one (sending it again, when that reply was lost, is
fine); calling without resends the batch not yet acknowledged, so a reply
lost on the way loses nothing (at-least-once).
"""

from __future__ import annotations

from lxml import etree

from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Refused, Vraag
from led_gateway.services.repertorium import caller_mismatch
from led_gateway.wire.context import append_tijdstip
from led_gateway.wire.mutatie import append_metadata
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://webservice.geefmutatiesnotificatiesdienst-02_01.algemeen-02_01.vip.vlaanderen.be"
KANAAL = "webdienst"
#: Notifications per batch.
BATCH = 100


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    if vraag.aansluiting.mutaties_via != KANAAL:
        reden = f"afnemer ontvangt mutaties via {vraag.aansluiting.mutaties_via}, niet via de webdienst"
        raise Refused(uitzondering("40006", reden, "Verzoek/Context/Bericht/Afzender"))
    refusal = caller_mismatch(vraag, vraag.inhoud)
    if refusal:
        return Antwoord(uitzonderingen=[refusal])
    afnemer_id = vraag.aansluiting.id
    ontvangstreferte = (vraag.inhoud.findtext("Ontvangstreferte") or "").strip()
    uow.mutaties.lock_afnemer(afnemer_id)
    latest = uow.mutaties.latest_ontvangst(afnemer_id, KANAAL)
    pending = latest if latest is not None and latest.bevestigd_op is None else None
    if ontvangstreferte:
        if latest is None or latest.referte != ontvangstreferte:
            return Antwoord(uitzonderingen=[uitzondering("30014", ontvangstreferte, "Ontvangstreferte")])
        if pending is not None:  # acknowledging again (a lost reply) changes nothing
            uow.mutaties.acknowledge(pending, vraag.now)
        pending = None
    batch = pending or uow.mutaties.new_ontvangst(afnemer_id, KANAAL, BATCH, vraag.now)
    uow.commit()
    if batch is None:
        return Antwoord(uitzonderingen=[uitzondering("30016")])
    return Antwoord(inhoud=_writer(batch.referte, uow.mutaties.batch(batch)))


def _writer(ontvangstreferte: str, mutaties: list):
    def write(inhoud: etree._Element) -> None:
        sub = etree.SubElement
        onderwerpen = sub(inhoud, "Onderwerpen")
        for mutatie in mutaties:
            onderwerp = sub(onderwerpen, "Onderwerp")
            sub(onderwerp, "Referte").text = mutatie.referte
            content = sub(onderwerp, "Inhoud")
            append_metadata(content, mutatie)
            notificatie = sub(content, "MutatieNotificatie")
            sub(notificatie, "Referte").text = mutatie.referte
            subject = sub(notificatie, "Subject")
            sub(subject, "Type").text = "PERS"
            sub(subject, "Sleutel").text = mutatie.insz
            sub(notificatie, "Soort").text = "Bewijs"
            append_tijdstip(notificatie, mutatie.tijdstip)
            sub(notificatie, "Bron").text = "LED"
        sub(inhoud, "Ontvangstreferte").text = ontvangstreferte

    return write


GEEF_MUTATIES_NOTIFICATIES = Dienst(
    operation="GeefMutatiesNotificaties",
    versie="02.01.0000",
    namespace=NAMESPACE,
    folder="Algemeen.GeefMutatiesNotificatiesDienst-02.01",
    answer=answer,
    vereist_mutaties=True,
    schrijft=True,
)
