"""What the audit trail keeps of one call, gathered while the call is answered.

The WSGI application opens a :class:`CallRecord` for each request; the
service pipeline fills in what it learns (who asked, under which
references, about whom, with which outcome); the application then stores
it, also when the call ended in a SOAP Fault before any dienst saw it.
"""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from led_gateway.audit.sleutel import InszProtector
from led_gateway.repository.driver import Driver
from led_gateway.repository.models import ROL_ANTWOORD, ROL_BEIDE, ROL_VRAAG
from led_gateway.repository.queries import AuditCall, add_audit_calls, audit_calls_added

BEANTWOORD = "beantwoord"
UITZONDERING = "uitzondering"
FOUT = "fout"

_current: contextvars.ContextVar[CallRecord | None] = contextvars.ContextVar("led_gateway_call", default=None)


@dataclass
class CallRecord:
    dienst: str
    versie: str | None = None
    ontvangen_op: datetime = field(default_factory=datetime.now)
    started: float = field(default_factory=time.perf_counter)
    afzender: str | None = None
    hoedanigheid: str | None = None
    gebruiker: str | None = None
    afzender_referte: str | None = None
    vraag_referte: str | None = None
    antwoord_referte: str | None = None
    gevraagd: tuple[str, ...] = ()
    geantwoord: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    uitkomst: str = FOUT
    detail: str | None = None


def open_call(dienst: str) -> tuple[CallRecord, contextvars.Token]:
    record = CallRecord(dienst=dienst)
    return record, _current.set(record)


def close_call(token: contextvars.Token) -> None:
    _current.reset(token)


def current_call() -> CallRecord | None:
    """The record of the call being answered on this thread, if any."""
    return _current.get()


def subjects(element: etree._Element | None) -> tuple[str, ...]:
    """The persons a message part is about: every INSZ and subject key in it, once each."""
    if element is None:
        return ()
    found = (node.text.strip() for node in element.iter("INSZ", "Sleutel") if node.text and node.text.strip())
    return tuple(dict.fromkeys(found))


def codes(reply: etree._Element) -> tuple[str, ...]:
    return tuple(node.text for node in reply.iter("Identificatie") if node.getparent().tag == "Uitzondering")


def outcome(reply: etree._Element) -> str:
    """``beantwoord`` unless an uitzondering of type FOUT stands in the reply."""
    types = {node.text for node in reply.iter("Type") if node.getparent().tag == "Uitzondering"}
    return UITZONDERING if "FOUT" in types else BEANTWOORD


@dataclass(frozen=True)
class Batch:
    """Calls as the trail keeps them, their rows worked out once: a writer that has to try again
    stores the same rows, and can first ask whether they went in after all."""

    calls: list[AuditCall]

    def store(self, driver: Driver) -> None:
        """Add the calls in the transaction ``driver`` runs in (the caller commits)."""
        add_audit_calls(driver, self.calls)

    def stored(self, driver: Driver) -> bool:
        """Whether the calls are in the trail already."""
        return audit_calls_added(driver, self.calls)


def batch(records: list[CallRecord], protector: InszProtector, now: datetime) -> Batch:
    """``records`` as the trail keeps them, stored ``now``."""
    return Batch([_columns(record, protector, now) for record in records])


def store(driver: Driver, records: list[CallRecord], protector: InszProtector, now: datetime) -> None:
    """Add ``records`` to the trail in the transaction ``driver`` runs in (the caller commits)."""
    batch(records, protector, now).store(driver)


def _columns(record: CallRecord, protector: InszProtector, now: datetime) -> AuditCall:
    """The audit row of ``record`` and the rows of the persons it was about."""
    audit = dict(
        ontvangen_op=record.ontvangen_op,
        beantwoord_op=now,
        dienst=record.dienst,
        versie=record.versie,
        afzender=_clip(record.afzender, 120),
        hoedanigheid=_clip(record.hoedanigheid, 24),
        gebruiker_hash=protector.hash(record.gebruiker) if record.gebruiker else None,
        afzender_referte=_clip(record.afzender_referte, 36),
        vraag_referte=_clip(record.vraag_referte, 36),
        antwoord_referte=record.antwoord_referte,
        uitkomst=record.uitkomst,
        codes=_clip(",".join(record.codes), 200) or None,
        detail=_clip(record.detail, 2000),
        duur_ms=round((time.perf_counter() - record.started) * 1000),
    )
    asked, answered = set(record.gevraagd), set(record.geantwoord)
    subjects = [
        dict(
            rol=_rol(insz in asked, insz in answered),
            insz_hash=protector.hash(insz),
            insz_versleuteld=protector.encrypt(insz),
        )
        for insz in dict.fromkeys((*record.gevraagd, *record.geantwoord))
        if len(insz) <= 20
    ]
    return audit, subjects


def _rol(asked: bool, answered: bool) -> str:
    """One subject row per person: a person asked and answered about is kept once, as BEIDE."""
    if asked and answered:
        return ROL_BEIDE
    return ROL_VRAAG if asked else ROL_ANTWOORD


def _clip(text: str | None, length: int) -> str | None:
    """Refused calls may carry anything: keep what fits the column."""
    return None if text is None else text[:length]
