"""Batch publication: one PubliceerBewijs file per afnemer with notifications waiting.

Per afnemer the waiting notifications are put in a batch (an ontvangst on kanaal
``bestand``) and that batch is committed *before* its file is written. The file is
written to a temporary name in the target directory (a dot name ending in ``.tmp``,
which readers of the directory should skip), flushed and fsynced, renamed into place
and the directory fsynced; only then is the batch acknowledged, its notifications
marked delivered, and committed. A run that dies anywhere in between leaves the batch
unacknowledged: the next run takes that batch first, as a GeefMutatiesNotificaties
pull without Ontvangstreferte does, and writes it again under the same name, replacing
any file it had already written. Notifications are delivered at least once, never
skipped.

A file is named ``<afnemer>-<ontvangstreferte>.xml`` (the afnemer's identificatie with
every character outside ``A-Za-z0-9._-`` replaced by ``_``). Each Onderwerp carries the
mutation's Metadata and the bewijs in full as it is at publication time.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from sqlalchemy import Row

from led_gateway.affiliation.afnemers import BESTAND
from led_gateway.domain.bewijs import Bewijs
from led_gateway.repository.models import OntvangstRow
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.wire.bewijs import append_bewijs
from led_gateway.wire.context import GatewayIdentity, append_tijdstip
from led_gateway.wire.mutatie import append_metadata

NAMESPACE = "http://service.publiceerbewijsdienst-02_00.led-02_00.vip.vlaanderen.be"
NAAM = "PubliceerBewijs"
VERSIE = "02.00.0000"
KANAAL = "bestand"
#: Bewijzen read per query while a file is written.
CHUNK = 500

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class Publicatie:
    """One file written, and for whom."""

    afnemer: str
    ontvangstreferte: str
    path: Path
    onderwerpen: int


def publiceer(
    units: Callable[[], UnitOfWork],
    out: Path,
    identity: GatewayIdentity | None = None,
    clock: Callable[[], datetime] = datetime.now,
) -> list[Publicatie]:
    """Publish the waiting notifications of every afnemer that takes files (``mutaties_via``
    ``bestand``), and any batch an earlier run left open."""
    identity = identity or GatewayIdentity()
    with units() as uow:
        taking_files = uow.afnemers.ids_receiving_mutations_via(BESTAND)
        open_or_waiting = set(uow.mutaties.afnemers_waiting()) | set(uow.mutaties.afnemers_open(KANAAL))
        afnemer_ids = sorted(open_or_waiting & taking_files)
    published = []
    for afnemer_id in afnemer_ids:
        published.extend(_publish_afnemer(units, afnemer_id, out, identity, clock))
    return published


def _open_batch(uow: UnitOfWork, afnemer_id: int, _now: datetime) -> OntvangstRow | None:
    latest = uow.mutaties.latest_ontvangst(afnemer_id, KANAAL)
    return latest if latest is not None and latest.bevestigd_op is None else None


def _new_batch(uow: UnitOfWork, afnemer_id: int, now: datetime) -> OntvangstRow | None:
    return uow.mutaties.new_ontvangst(afnemer_id, KANAAL, None, now)


def _publish_afnemer(
    units: Callable[[], UnitOfWork],
    afnemer_id: int,
    out: Path,
    identity: GatewayIdentity,
    clock: Callable[[], datetime],
) -> list[Publicatie]:
    """The batch an interrupted run left open, if any, then one with everything waiting."""
    published = []
    for claim in (_open_batch, _new_batch):
        with units() as uow:
            uow.mutaties.lock_afnemer(afnemer_id)
            ontvangst = claim(uow, afnemer_id, clock())
            if ontvangst is None:
                continue
            uow.commit()  # the batch is on record before its file exists
            published.append(_deliver(uow, ontvangst, out, identity, clock()))
    return published


def _deliver(
    uow: UnitOfWork, ontvangst: OntvangstRow, out: Path, identity: GatewayIdentity, now: datetime
) -> Publicatie:
    """Write the batch's file and only then mark it delivered."""
    afnemer = uow.mutaties.afnemer_identificatie(ontvangst.afnemer_id)
    mutaties = uow.mutaties.batch(ontvangst)
    path = out / file_name(afnemer, ontvangst.referte)
    onderwerpen = _with_bewijzen(uow, mutaties)
    write_atomically(
        path, lambda target: write_document(target, afnemer, ontvangst.referte, onderwerpen, identity, now)
    )
    uow.mutaties.acknowledge(ontvangst, now)
    uow.commit()
    return Publicatie(afnemer, ontvangst.referte, path, len(mutaties))


def file_name(afnemer: str, ontvangstreferte: str) -> str:
    return f"{_UNSAFE.sub('_', afnemer)}-{ontvangstreferte}.xml"


def _with_bewijzen(uow: UnitOfWork, mutaties: list[Row]) -> Iterator[tuple[Row, Bewijs]]:
    """Each mutation with its bewijs as it is now, read a chunk at a time."""
    for start in range(0, len(mutaties), CHUNK):
        chunk = mutaties[start : start + CHUNK]
        bewijzen = uow.bewijzen.by_ids(mutatie.bewijs_id for mutatie in chunk)
        for mutatie in chunk:
            yield mutatie, bewijzen[mutatie.bewijs_id]


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` so that it is either absent, the old file, or complete: never half."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as target:
            os.fchmod(descriptor, 0o666 & ~_umask())  # as open() would have made it, not mkstemp's 0600
            write(target)
            target.flush()
            os.fsync(target.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_document(
    target: BinaryIO,
    afnemer: str,
    ontvangstreferte: str,
    onderwerpen: Iterator[tuple[Row, Bewijs]],
    identity: GatewayIdentity,
    now: datetime,
) -> None:
    """A PubliceerBewijs document, streamed one Onderwerp at a time."""
    with etree.xmlfile(target, encoding="UTF-8") as document:
        document.write_declaration()
        with (
            document.element(f"{{{NAMESPACE}}}{NAAM}", nsmap={"pb": NAMESPACE}),
            document.element("Publicatie"),
        ):
            document.write(_context(afnemer, ontvangstreferte, identity, now))
            with document.element("Onderwerpen"):
                for mutatie, bewijs in onderwerpen:
                    document.write(_onderwerp(mutatie, bewijs))


def _context(afnemer: str, ontvangstreferte: str, identity: GatewayIdentity, now: datetime) -> etree._Element:
    """Context of a publication: the gateway sends, the afnemer receives; the Referte is the batch's."""
    sub = etree.SubElement
    context = etree.Element("Context")
    sub(context, "Naam").text = NAAM
    sub(context, "Versie").text = VERSIE
    bericht = sub(context, "Bericht")
    sub(bericht, "Type").text = "PUBLICATIE"
    append_tijdstip(bericht, now)
    afzender = sub(bericht, "Afzender")
    sub(afzender, "Identificatie").text = identity.identificatie
    sub(afzender, "Naam").text = identity.naam
    sub(afzender, "Referte").text = ontvangstreferte
    sub(sub(bericht, "Ontvanger"), "Identificatie").text = afnemer
    return context


def _onderwerp(mutatie: Row, bewijs: Bewijs) -> etree._Element:
    sub = etree.SubElement
    onderwerp = etree.Element("Onderwerp")
    sub(onderwerp, "Referte").text = mutatie.referte
    inhoud = sub(onderwerp, "Inhoud")
    append_metadata(inhoud, mutatie)
    append_bewijs(inhoud, bewijs)
    return onderwerp
