"""GeefAuditLogging 02.00: an afnemer reads back its own calls about one person.

Only the caller's own entries are ever returned, whatever the criteria say:
the trail of other afnemers is the LED team's (``led-gateway audit list``).
"""

from __future__ import annotations

from datetime import datetime, time

from lxml import etree

from led_gateway.audit.sleutel import default_protector
from led_gateway.domain.insz import is_valid_structure
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Vraag
from led_gateway.wire.uitzonderingen import uitzondering

NAMESPACE = "http://webservice.geefauditloggingdienst-02_00.algemeen-02_00.vip.vlaanderen.be"
#: At most this many calls in one reply.
MAXIMUM = 500


def _moment(period: etree._Element | None, edge: str, default_time: time) -> datetime | None:
    if period is None or period.find(edge) is None:
        return None
    datum = period.findtext(f"{edge}/Datum").strip()
    tijd = (period.findtext(f"{edge}/Tijd") or "").strip()
    moment = datetime.fromisoformat(f"{datum}T{tijd}" if tijd else datum)
    return moment if tijd else datetime.combine(moment.date(), default_time)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    criteria = vraag.inhoud.find("Criteria")
    soort, insz = criteria.findtext("Sleutel/Type").strip(), criteria.findtext("Sleutel/Waarde").strip()
    if soort != "INSZ":
        return Antwoord(
            uitzonderingen=[uitzondering("30001", f"Sleutel/Type {soort}: enkel INSZ", "Sleutel/Type")]
        )
    if not is_valid_structure(insz):
        return Antwoord(uitzonderingen=[uitzondering("20002", insz, "Sleutel/Waarde")])
    try:
        since = _moment(criteria.find("Periode"), "Begin", time.min)
        until = _moment(criteria.find("Periode"), "Einde", time.max)
    except ValueError:
        return Antwoord(uitzonderingen=[uitzondering("30001", "Periode is geen geldige datum", "Periode")])
    own = vraag.aansluiting.identificatie
    asked_about = (criteria.findtext("Afnemer/Uri") or own).strip()
    protector = default_protector()
    calls = [] if asked_about != own else uow.audit.search(protector.hash(insz), own, since, until, MAXIMUM)
    dienst = (criteria.findtext("Dienst/Naam") or "").strip()
    calls = [call for call in calls if not dienst or call.dienst == dienst]
    if not calls:
        return Antwoord(uitzonderingen=[uitzondering("40000", omstandigheid="Criteria")])
    subjects = uow.audit.subjects([call.id for call in calls])
    hash_ = protector.hash(insz)

    def write(inhoud: etree._Element) -> None:
        loggings = etree.SubElement(inhoud, "AuditLoggings")
        for call in calls:
            _append_call(loggings, call, [s for s in subjects[call.id] if s.insz_hash == hash_], insz)

    return Antwoord(inhoud=write)


def _append_call(loggings: etree._Element, call, subjects: list, insz: str) -> None:
    sub = etree.SubElement
    logging = sub(loggings, "AuditLogging")
    kern = sub(logging, "Kern")
    afnemer = sub(kern, "Afnemer")
    sub(afnemer, "Uri").text = call.afzender
    if call.hoedanigheid:
        sub(sub(afnemer, "Hoedanigheid"), "Code").text = call.hoedanigheid
    referte = sub(afnemer, "Referte")
    sub(referte, "Intern").text = call.antwoord_referte or "-"
    sub(referte, "Extern").text = call.afzender_referte or "-"
    dienst = sub(kern, "Dienst")
    sub(dienst, "Naam").text = call.dienst
    if call.versie:
        sub(dienst, "Versie").text = call.versie
    soort = sub(dienst, "Type")
    sub(soort, "Webservice").text = "1"
    sub(soort, "Publicatie").text = "0"
    sub(kern, "DatumTijdstipVraag").text = _stamp(call.ontvangen_op)
    sub(kern, "DatumTijdstipAntwoord").text = _stamp(call.beantwoord_op)
    sub(kern, "DatumTijdstipLog").text = _stamp(call.beantwoord_op)
    if subjects:
        sleutels = sub(logging, "Sleutels")
        for rol in (rol for subject in subjects for rol in subject.rollen):
            sleutel = sub(sleutels, "Sleutel")
            sub(sleutel, "Type").text = "INSZ"
            sub(sleutel, "Waarde").text = insz
            sub(sleutel, "BerichtType").text = rol
            sub(sleutel, "DatumTijdstipLog").text = _stamp(call.beantwoord_op)


GEEF_AUDIT_LOGGING = Dienst(
    operation="GeefAuditLogging",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="Algemeen.GeefAuditLoggingDienst-02.00",
    answer=answer,
)
