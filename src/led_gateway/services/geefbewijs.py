"""GeefBewijs 02.00: every bewijs the LED holds for one INSZ."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from led_gateway.affiliation.aansluiting import Protocol
from led_gateway.domain.dekking import Bron, OnvolledigPerGeboorte
from led_gateway.domain.insz import birth_date, is_valid_structure
from led_gateway.repository.queries import StoredBewijs
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.base import Antwoord, Dienst, Refused, Vraag
from led_gateway.wire.bewijs import append_stored
from led_gateway.wire.uitzonderingen import Uitzondering, uitzondering

NAMESPACE = "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be"

#: BewijzenLijstType allows at most this many Bewijs elements in one reply.
MAX_BEWIJZEN = 99


def answer(vraag: Vraag, uow: UnitOfWork) -> Antwoord:
    insz = (vraag.inhoud.findtext("INSZ") or "").strip()
    if not is_valid_structure(insz):
        return Antwoord(uitzonderingen=[uitzondering("20002", insz, "INSZ")])
    protocol = vraag.aansluiting.protocol
    if protocol.enkel_geregistreerde_personen and not uow.inschrijvingen.is_ingeschreven(
        vraag.aansluiting.identificatie, insz, vraag.now.date()
    ):
        raise Refused(uitzondering("13202", omstandigheid="INSZ"))
    held = uow.bewijzen.stored_for_insz(insz)
    bewijzen = [b for b in held if protocol.in_scope(b.categorie, b.leverancier_naam)]
    notices = _coverage_notices(insz, protocol, uow)
    if not held:
        return Antwoord(uitzonderingen=[uitzondering("40000", omstandigheid="INSZ"), *notices])
    if not bewijzen:
        return Antwoord(uitzonderingen=[uitzondering("15021", omstandigheid="Bewijzen"), *notices])
    if len(bewijzen) > MAX_BEWIJZEN:
        notices.append(uitzondering("30003", f"{len(bewijzen)} bewijzen, de eerste {MAX_BEWIJZEN} getoond"))
        bewijzen = bewijzen[:MAX_BEWIJZEN]
    return Antwoord(inhoud=_bewijzen_writer(bewijzen), uitzonderingen=notices, onderwerpen=(insz,))


class _CoverageCache:
    """The coverage table, read at most every ``LED_DEKKING_TTL`` seconds (default 60), and the
    notices it gives.

    It changes a few times a year, and reading it on every call cost a
    quarter of a GeefBewijs; an operator's edit shows within the minute.
    The notices of each scope are worked out once per table read, for every
    birth date at once (see :class:`OnvolledigPerGeboorte`).
    """

    def __init__(self) -> None:
        self._ttl = float(os.environ.get("LED_DEKKING_TTL", "60"))
        self._read: dict[int, _CoverageTable] = {}

    def detail(self, uow: UnitOfWork, scope: frozenset[str] | None, geboren: date) -> str | None:
        """The text of the notice for someone born on ``geboren``, or ``None`` when none is due."""
        database = id(uow.session.get_bind())
        table = self._read.get(database)
        if table is None or time.monotonic() - table.read_at >= self._ttl:
            table = self._read[database] = _CoverageTable(time.monotonic(), uow.dekking.all())
        notices = table.per_scope.get(scope)
        if notices is None:
            bronnen = tuple(b for b in table.rows if scope is None or b.leverancier_naam in scope)
            notices = table.per_scope[scope] = OnvolledigPerGeboorte(bronnen, _coverage_detail)
        return notices.voor(geboren)


@dataclass
class _CoverageTable:
    read_at: float
    rows: tuple[Bron, ...]
    per_scope: dict[frozenset[str] | None, OnvolledigPerGeboorte[str | None]] = field(default_factory=dict)


_coverage = _CoverageCache()


def _coverage_notices(insz: str, protocol: Protocol, uow: UnitOfWork) -> list[Uitzondering]:
    """INFORMATIE on the sources whose absence of bewijzen proves nothing for this person."""
    geboren = birth_date(insz)
    if geboren is None:
        return []
    detail = _coverage.detail(uow, protocol.scope_leveranciers, geboren)
    return [uitzondering("30004", detail, "Bewijzen")] if detail else []


def _coverage_detail(onvolledig: dict[str, date]) -> str | None:
    if not onvolledig:
        return None
    return "; ".join(f"{naam} pas volledig vanaf {datum:%d.%m.%Y}" for naam, datum in onvolledig.items())


def _bewijzen_writer(bewijzen: list[StoredBewijs]):
    def write(inhoud: etree._Element) -> None:
        lijst = etree.SubElement(inhoud, "Bewijzen")
        for bewijs in bewijzen:
            append_stored(lijst, bewijs.wire)

    return write


GEEF_BEWIJS = Dienst(
    operation="GeefBewijs",
    versie="02.00.0000",
    namespace=NAMESPACE,
    folder="LED.GeefBewijsDienst-02.00",
    answer=answer,
)
