"""Registering, correcting and cancelling bewijzen: what the source-side diensten and
``led-gateway bewijs import`` share.

Each function changes the repository through the unit of work and raises the
mutation event; the caller commits. A refusal is a :class:`Weigering` with the
uitzondering code that says why.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from lxml import etree

from led_gateway.domain.afleiding import afgeleid
from led_gateway.domain.bewijs import GEANNULEERD, Bewijs
from led_gateway.domain.insz import is_valid_structure
from led_gateway.domain.mutatie import ANNULATIE, NIEUW, WIJZIGING, BewijsGewijzigd
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.wire.bewijs import read_basis


class Weigering(Exception):
    """A registration, correction or annulation the LED does not accept."""

    def __init__(self, code: str, detail: str | None = None, omstandigheid: str | None = None) -> None:
        super().__init__(f"{code}: {detail or ''}")
        self.code, self.detail, self.omstandigheid = code, detail, omstandigheid

    def __reduce__(self) -> tuple[type[Weigering], tuple[str, str | None, str | None]]:
        """Pickled with its own arguments: ``bewijs import`` reads records in another process."""
        return Weigering, (self.code, self.detail, self.omstandigheid)


def _text(element: etree._Element, path: str) -> str:
    """The stripped text of the element at ``path`` (child tags joined by ``/``; the first child of
    each tag), or "" when there is none: ``findtext``'s answer on a record the XSD accepted, at two
    thirds of its cost (2.1 against 3.1 µs), which counts when a source registers bewijzen by the
    hundred thousand."""
    for tag in path.split("/"):
        element = next(element.iterchildren(tag), None)
        if element is None:
            return ""
    return (element.text or "").strip()


def bewijs_from_registratie(registratie: etree._Element, now: datetime) -> Bewijs:
    """A new bewijs from a ``Bewijsregistratie``: LED references, status 1, derived levels."""
    insz = _text(registratie, "PersoonUitgereikt/INSZ")
    if not is_valid_structure(insz):
        raise Weigering("20002", insz, "PersoonUitgereikt/INSZ")
    basis = read_basis(next(registratie.iterchildren("Bewijs")))
    return Bewijs(
        insz=insz,
        leverancier_naam=_text(registratie, "Leverancier/Naam"),
        leverancier_bewijsreferte=_text(registratie, "Leverancier/Bewijsreferte"),
        bewijsreferte=str(uuid.uuid4()),
        bewijsmutatiereferte=str(uuid.uuid4()),
        gewijzigd_op=now,
        **basis,
        **afgeleid(basis["onderwerp_code"], basis["categorie"], basis["graad"], basis["bewijstype"]),
    )


def registreer(uow: UnitOfWork, bewijs: Bewijs) -> None:
    """Store a new bewijs (refused when its source reference is known) and raise 01 Nieuw."""
    if not registreer_nieuwe(uow, [bewijs]):
        raise Weigering(
            "30005",
            f"{bewijs.leverancier_naam} {bewijs.leverancier_bewijsreferte}",
            "Leverancier/Bewijsreferte",
        )


def registreer_nieuwe(uow: UnitOfWork, bewijzen: Sequence[Bewijs]) -> int:
    """Store those of ``bewijzen`` whose source reference is not registered yet, and raise 01 Nieuw
    for each; returns how many. Their source references must differ from one another.

    One query (per Leverancier/Naam) looks them all up and one executemany inserts them: a
    batch takes a few statements, not a few per bewijs.
    """
    known = uow.bewijzen.known_sources(_bron(bewijs) for bewijs in bewijzen)
    nieuw = [bewijs for bewijs in bewijzen if _bron(bewijs) not in known]
    ids = uow.bewijzen.add_all(nieuw)
    for bewijs, bewijs_id in zip(nieuw, ids, strict=True):
        uow.raise_event(BewijsGewijzigd(NIEUW, bewijs.insz, bewijs_id))
    return len(nieuw)


def _bron(bewijs: Bewijs) -> tuple[str, str]:
    return bewijs.leverancier_naam, bewijs.leverancier_bewijsreferte


def _known(uow: UnitOfWork, leverancier_naam: str, bewijsreferte: str, insz: str) -> tuple[int, Bewijs]:
    found = uow.bewijzen.by_source(leverancier_naam, bewijsreferte)
    if found is None or found[1].insz != insz:
        raise Weigering("40000", f"{leverancier_naam} {bewijsreferte}", "Leverancier/Bewijsreferte")
    return found


def annuleer(
    uow: UnitOfWork,
    leverancier_naam: str,
    bewijsreferte: str,
    insz: str,
    now: datetime,
    bron_referte: str | None = None,
) -> bool:
    """Cancel a bewijs (status 10, kept); False when it already was, and nothing changes."""
    bewijs_id, bewijs = _known(uow, leverancier_naam, bewijsreferte, insz)
    if bewijs.status == GEANNULEERD:
        return False
    uow.bewijzen.replace(
        bewijs_id,
        replace(bewijs, status=GEANNULEERD, bewijsmutatiereferte=str(uuid.uuid4()), gewijzigd_op=now),
    )
    uow.raise_event(BewijsGewijzigd(ANNULATIE, insz, bewijs_id, bron_referte))
    return True


def corrigeer(uow: UnitOfWork, record: etree._Element, now: datetime, bron_referte: str) -> None:
    """Replace a bewijs's Basis by the corrected full record (``BewijsType``) and raise 02."""
    insz = _text(record, "PersoonUitgereikt/INSZ")
    bewijs_id, bewijs = _known(
        uow, _text(record, "Leverancier/Naam"), _text(record, "Leverancier/Bewijsreferte"), insz
    )
    led_referte = _text(record, "BewijsrefertesLed/Bewijsreferte")
    if led_referte != bewijs.bewijsreferte:
        raise Weigering("40000", f"LED-referte {led_referte}", "BewijsrefertesLed/Bewijsreferte")
    basis = read_basis(record.find("Basis"))
    corrected = replace(
        bewijs,
        **basis,
        **afgeleid(basis["onderwerp_code"], basis["categorie"], basis["graad"], basis["bewijstype"]),
        bewijsmutatiereferte=str(uuid.uuid4()),
        gewijzigd_op=now,
    )
    uow.bewijzen.replace(bewijs_id, corrected)
    uow.raise_event(BewijsGewijzigd(WIJZIGING, insz, bewijs_id, bron_referte))
