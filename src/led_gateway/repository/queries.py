"""Repositories: the only code that reads and writes the tables."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import JSON, bindparam, column, delete, func, insert, select, text, true, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Insert

from led_gateway.affiliation.aansluiting import Aansluiting, Kanaal, Leverancier, Protocol, Status
from led_gateway.domain.bewijs import (
    AlternatieveInstantie,
    Bewijs,
    CodeNaam,
    Leeruitkomst,
    NaamInhoud,
    Supplement,
)
from led_gateway.domain.dekking import Bron
from led_gateway.domain.mutatie import BewijsGewijzigd
from led_gateway.repository.driver import Driver
from led_gateway.repository.expressions import one_of
from led_gateway.repository.models import (
    AfnemerOvergangRow,
    AfnemerRow,
    AuditRow,
    AuditSubjectRow,
    BewijsRow,
    CertificaatRow,
    DekkingRow,
    InschrijvingRow,
    LeverancierRow,
    MutatieRow,
    NotificatieRow,
    OntvangstRow,
    ProtocolRow,
)
from led_gateway.wire.bewijs import bewijs_xml

_BEWIJS_FIELDS = tuple(field.name for field in fields(Bewijs))
_bewijs_values = attrgetter(*_BEWIJS_FIELDS)
_GROUP_READERS = {
    "beroepskwalificaties": lambda item: CodeNaam(**item),
    "deelkwalificaties": lambda item: CodeNaam(**item),
    "alternatieve_instanties": lambda item: AlternatieveInstantie(**item),
    "bijkomende_informaties": lambda item: NaamInhoud(**item),
    "supplementen": lambda item: Supplement(
        **{**item, "leeruitkomsten": tuple(Leeruitkomst(**uitkomst) for uitkomst in item["leeruitkomsten"])}
    ),
}


def bewijs_to_row(bewijs: Bewijs) -> dict[str, Any]:
    """Column values for ``bewijs``; repeated groups become JSON lists (or NULL when empty).

    The ``wire`` column holds the bewijs as it is answered (``bewijs_xml``), written
    here with the other columns so that every change of a bewijs changes its answer too.
    """
    values = dict(zip(_BEWIJS_FIELDS, _bewijs_values(bewijs), strict=True))
    for name in _GROUP_READERS:
        values[name] = [_group_item(item) for item in values[name]] or None
    values["wire"] = bewijs_xml(bewijs)
    return values


def _group_item(item: Any) -> dict[str, Any]:
    """One item of a repeated group as its JSON object: what ``asdict`` gives, several times
    faster (no deep copies), as every registration writes them."""
    values = {name: getattr(item, name) for name in item.__slots__}
    if "leeruitkomsten" in values:
        values["leeruitkomsten"] = [_group_item(uitkomst) for uitkomst in values["leeruitkomsten"]]
    return values


def bewijs_from_row(row: Any) -> Bewijs:
    values = {name: getattr(row, name) for name in _BEWIJS_FIELDS}
    for name, read in _GROUP_READERS.items():
        values[name] = tuple(read(item) for item in values[name] or ())
    return Bewijs(**values)


#: The bulk INSERTs, built once: the driver compiles each statement once (:mod:`.driver`).
_INSERT_BEWIJZEN = insert(BewijsRow.__table__)
_INSERT_MUTATIES = insert(MutatieRow.__table__)
_INSERT_NOTIFICATIES = insert(NotificatieRow.__table__)


def _insert_all(driver: Driver, into: Insert, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one statement (:meth:`Driver.insert_many`) under ids reserved for them
    (:meth:`Driver.reserve_ids`); returns the ids in the order of ``rows``.

    A database returns ids in parameter order only by inserting one row per statement; reading
    them back afterwards cost an index lookup per row.
    """
    if not rows:
        return []
    ids = driver.reserve_ids(into.table, len(rows))
    driver.insert_many(into, [{"id": row_id, **row} for row_id, row in zip(ids, rows, strict=True)])
    return ids


@dataclass(frozen=True, slots=True)
class StoredBewijs:
    """What GeefBewijs needs of a bewijs: the two columns a protocol's scope looks at, and its XML."""

    categorie: str
    leverancier_naam: str
    wire: bytes


def _stored_for_insz_query():
    table = BewijsRow.__table__
    columns = (table.c.categorie, table.c.leverancier_naam, table.c.wire)
    return select(*columns).where(table.c.insz == bindparam("insz")).order_by(table.c.id)


_STORED_FOR_INSZ = _stored_for_insz_query()


def _known_sources_query():
    table = BewijsRow.__table__
    return select(table.c.leverancier_bewijsreferte).where(
        table.c.leverancier_naam == bindparam("naam"), one_of(table.c.leverancier_bewijsreferte, "refertes")
    )


_KNOWN_SOURCES = _known_sources_query()


class BewijsRepository:
    def __init__(self, session: Session, driver: Driver) -> None:
        self.session = session
        self.driver = driver

    def for_insz(self, insz: str) -> list[Bewijs]:
        """All bewijzen of one person in registration order: one indexed query."""
        table = BewijsRow.__table__
        rows = self.session.execute(select(table).where(table.c.insz == insz).order_by(table.c.id))
        return [bewijs_from_row(row) for row in rows]

    def stored_for_insz(self, insz: str) -> list[StoredBewijs]:
        """The bewijzen of one person as they are answered, in registration order: one indexed query."""
        return [StoredBewijs(*row) for row in self.driver.all(_STORED_FOR_INSZ, insz=insz)]

    def by_source(self, leverancier_naam: str, bewijsreferte: str) -> tuple[int, Bewijs] | None:
        """The bewijs a source knows by (Leverancier/Naam, Bewijsreferte), with its row id."""
        table = BewijsRow.__table__
        row = self.session.execute(
            select(table).where(
                table.c.leverancier_naam == leverancier_naam,
                table.c.leverancier_bewijsreferte == bewijsreferte,
            )
        ).first()
        return None if row is None else (row.id, bewijs_from_row(row))

    def refresh_statistics(self) -> None:
        """Let PostgreSQL's planner see how many bewijzen there are now.

        It chooses how to run :meth:`known_sources` by its statistics of the
        table. While an import fills a table those are missing or far too
        small, and it then reads every row of a leverancier for each batch
        instead of looking up the batch's references: an import slowed down
        with every batch. SQLite looks them up either way.
        """
        if self.driver.dialect_name == "postgresql":
            self.session.execute(text("ANALYZE bewijzen (leverancier_naam, leverancier_bewijsreferte)"))

    def known_sources(self, bronnen: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (Leverancier/Naam, Bewijsreferte) are registered: one index lookup per
        Naam, its references given as one list."""
        per_naam: dict[str, list[str]] = defaultdict(list)
        for naam, referte in bronnen:
            per_naam[naam].append(referte)
        known: set[tuple[str, str]] = set()
        for naam, refertes in per_naam.items():
            rows = self.driver.all(_KNOWN_SOURCES, naam=naam, refertes=refertes)
            known.update((naam, referte) for (referte,) in rows)
        return known

    def replace(self, bewijs_id: int, bewijs: Bewijs) -> None:
        self.session.execute(
            update(BewijsRow).where(BewijsRow.id == bewijs_id).values(**bewijs_to_row(bewijs))
        )

    def add_all(self, bewijzen: Sequence[Bewijs]) -> list[int]:
        """Insert bewijzen in one statement; returns their row ids, in order."""
        rows = [bewijs_to_row(bewijs) for bewijs in bewijzen]
        return _insert_all(self.driver, _INSERT_BEWIJZEN, rows)

    def persons(self, limit: int) -> list[str]:
        """INSZ of persons that have bewijzen, in ascending order."""
        query = select(BewijsRow.insz).distinct().order_by(BewijsRow.insz).limit(limit)
        return list(self.session.scalars(query))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(BewijsRow)) or 0

    def by_ids(self, bewijs_ids: Iterable[int]) -> dict[int, Bewijs]:
        """The bewijzen with these row ids, as they are now, by id: one query."""
        table = BewijsRow.__table__
        rows = self.session.execute(select(table).where(table.c.id.in_(set(bewijs_ids))))
        return {row.id: bewijs_from_row(row) for row in rows}


def _optional_set(values: list | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def _aansluiting(
    afnemer_id: int,
    identificatie: str,
    status: str,
    kanaal: str | None,
    mutaties_nodig: bool,
    mutaties_via: str,
    protocol_id: int | None,
    referte: str | None,
    geldig_van: date | None,
    geldig_tot: date | None,
    hoedanigheden: list | None,
    scope_categorieen: list | None,
    scope_leveranciers: list | None,
    enkel_geregistreerde_personen: bool | None,
) -> Aansluiting:
    """An :class:`Aansluiting` from a row of :data:`_AANSLUITING`, column by column."""
    protocol = None
    if protocol_id is not None:
        protocol = Protocol(
            referte=referte,
            geldig_van=geldig_van,
            geldig_tot=geldig_tot,
            hoedanigheden=frozenset(hoedanigheden or ()),
            scope_categorieen=_optional_set(scope_categorieen),
            scope_leveranciers=_optional_set(scope_leveranciers),
            enkel_geregistreerde_personen=bool(enkel_geregistreerde_personen),
        )
    return Aansluiting(
        identificatie=identificatie,
        status=Status(status),
        kanaal=Kanaal(kanaal) if kanaal else None,
        mutaties_nodig=bool(mutaties_nodig),
        protocol=protocol,
        id=afnemer_id,
        mutaties_via=mutaties_via,
    )


def _aansluiting_query():
    """The afnemer with its latest protocol (the one in force), in one statement."""
    afnemer, protocol = AfnemerRow.__table__, ProtocolRow.__table__
    renewals = protocol.alias("renewals")
    latest = (
        select(func.max(renewals.c.id))
        .where(renewals.c.afnemer_id == afnemer.c.id)
        .correlate(afnemer)
        .scalar_subquery()
    )
    return (
        select(
            afnemer.c.id,
            afnemer.c.identificatie,
            afnemer.c.status,
            afnemer.c.kanaal,
            afnemer.c.mutaties_nodig,
            afnemer.c.mutaties_via,
            protocol.c.id.label("protocol_id"),
            protocol.c.referte,
            protocol.c.geldig_van,
            protocol.c.geldig_tot,
            protocol.c.hoedanigheden,
            protocol.c.scope_categorieen,
            protocol.c.scope_leveranciers,
            protocol.c.enkel_geregistreerde_personen,
        )
        .select_from(afnemer.outerjoin(protocol, protocol.c.id == latest))
        .where(afnemer.c.identificatie == bindparam("identificatie"))
    )


_AANSLUITING = _aansluiting_query()


class AfnemerRepository:
    def __init__(self, session: Session, driver: Driver) -> None:
        self.session = session
        self.driver = driver

    def aansluiting(self, identificatie: str | None) -> Aansluiting | None:
        """The affiliation of ``identificatie`` with the protocol in force, or ``None``."""
        if not identificatie:
            return None
        row = self.driver.first(_AANSLUITING, identificatie=identificatie)
        return None if row is None else _aansluiting(*row)

    def get(self, identificatie: str) -> AfnemerRow | None:
        return self.session.scalar(select(AfnemerRow).where(AfnemerRow.identificatie == identificatie))

    def add(self, afnemer: AfnemerRow) -> None:
        self.session.add(afnemer)
        self.session.flush()

    def record_transition(
        self,
        afnemer: AfnemerRow,
        van: Status | None,
        naar: Status,
        door: str,
        tijdstip: datetime,
        gegevens: dict | None = None,
    ) -> None:
        """Move ``afnemer`` from ``van`` to ``naar`` and keep the step in its history."""
        self.session.add(
            AfnemerOvergangRow(
                afnemer_id=afnemer.id,
                van_status=None if van is None else str(van),
                naar_status=str(naar),
                tijdstip=tijdstip,
                door=door,
                gegevens=gegevens,
            )
        )
        afnemer.status = str(naar)

    def in_status(self, status: Status | None = None) -> list[AfnemerRow]:
        """Afnemers (in one status, or all) by identificatie."""
        query = select(AfnemerRow).order_by(AfnemerRow.identificatie)
        if status is not None:
            query = query.where(AfnemerRow.status == str(status))
        return list(self.session.scalars(query))

    def ids_receiving_mutations_via(self, kanaal: str) -> set[int]:
        query = select(AfnemerRow.id).where(AfnemerRow.mutaties_via == kanaal)
        return set(self.session.scalars(query))

    def history(self, afnemer: AfnemerRow) -> list[AfnemerOvergangRow]:
        query = select(AfnemerOvergangRow).where(AfnemerOvergangRow.afnemer_id == afnemer.id)
        return list(self.session.scalars(query.order_by(AfnemerOvergangRow.id)))

    def add_protocol(self, afnemer: AfnemerRow, protocol: ProtocolRow) -> None:
        afnemer.protocollen.append(protocol)
        self.session.flush()


class LeverancierRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def leverancier(self, identificatie: str | None) -> Leverancier | None:
        """The source ``identificatie`` as the access policy sees it, or ``None``."""
        row = self.get(identificatie) if identificatie else None
        if row is None:
            return None
        return Leverancier(row.identificatie, row.status, frozenset(row.leverancier_namen or ()))

    def get(self, identificatie: str) -> LeverancierRow | None:
        return self.session.scalar(
            select(LeverancierRow).where(LeverancierRow.identificatie == identificatie)
        )

    def all(self) -> list[LeverancierRow]:
        return list(self.session.scalars(select(LeverancierRow).order_by(LeverancierRow.identificatie)))

    def add(self, leverancier: LeverancierRow) -> None:
        self.session.add(leverancier)
        self.session.flush()


_DEKKING_FIELDS = tuple(field.name for field in fields(Bron))


class DekkingRepository:
    """The coverage table, as operators keep it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> tuple[Bron, ...]:
        rows = self.session.execute(select(DekkingRow.__table__).order_by(DekkingRow.opgenomen_vanaf))
        return tuple(Bron(**{name: getattr(row, name) for name in _DEKKING_FIELDS}) for row in rows)

    def get(self, key: str) -> DekkingRow | None:
        return self.session.get(DekkingRow, key)

    def add(self, bron: Bron) -> None:
        self.session.add(DekkingRow(**asdict(bron)))


def _ingeschreven_query():
    inschrijving, afnemer = InschrijvingRow.__table__, AfnemerRow.__table__
    day = bindparam("day", type_=inschrijving.c.begin.type)
    return (
        select(inschrijving.c.id)
        .join(afnemer, afnemer.c.id == inschrijving.c.afnemer_id)
        .where(
            afnemer.c.identificatie == bindparam("afnemer"),
            inschrijving.c.insz == bindparam("insz"),
            inschrijving.c.begin <= day,
            inschrijving.c.einde.is_(None) | (inschrijving.c.einde >= day),
        )
        .limit(1)
    )


_INGESCHREVEN = _ingeschreven_query()


class InschrijvingRepository:
    """Afnemers' subscriptions to persons (their repertorium)."""

    def __init__(self, session: Session, driver: Driver) -> None:
        self.session = session
        self.driver = driver

    def is_ingeschreven(self, afnemer_identificatie: str, insz: str, day: date) -> bool:
        """Whether the afnemer has a subscription to ``insz`` that covers ``day``."""
        found = self.driver.first(_INGESCHREVEN, afnemer=afnemer_identificatie, insz=insz, day=day)
        return found is not None

    def overlapping(
        self, afnemer_id: int, insz: str, begin: date, einde: date | None
    ) -> list[InschrijvingRow]:
        """The afnemer's subscriptions to ``insz`` (not ended by an uitschrijving) that share a day
        with the period from ``begin`` to ``einde`` (open when None)."""
        query = select(InschrijvingRow).where(
            InschrijvingRow.afnemer_id == afnemer_id,
            InschrijvingRow.insz == insz,
            InschrijvingRow.uitgeschreven_op.is_(None),
            InschrijvingRow.einde.is_(None) | (InschrijvingRow.einde >= begin),
        )
        if einde is not None:
            query = query.where(InschrijvingRow.begin <= einde)
        return list(self.session.scalars(query.order_by(InschrijvingRow.id)))

    def add(self, inschrijving: InschrijvingRow) -> None:
        self.session.add(inschrijving)
        self.session.flush()


def _subscribers_query():
    """Per person of a list, each afnemer with a subscription in force on a day (not ended by an
    uitschrijving, its period covering the day), and the first such subscription."""
    inschrijving = InschrijvingRow.__table__
    day = bindparam("day", type_=inschrijving.c.begin.type)
    return (
        select(inschrijving.c.insz, inschrijving.c.afnemer_id, func.min(inschrijving.c.id))
        .where(
            one_of(inschrijving.c.insz, "insz"),
            inschrijving.c.uitgeschreven_op.is_(None),
            inschrijving.c.begin <= day,
            inschrijving.c.einde.is_(None) | (inschrijving.c.einde >= day),
        )
        .group_by(inschrijving.c.insz, inschrijving.c.afnemer_id)
        .order_by(inschrijving.c.afnemer_id)
    )


_SUBSCRIBERS = _subscribers_query()


class MutatieRepository:
    """Mutations, the notifications they fan out to, and the batches afnemers receive."""

    def __init__(self, session: Session, driver: Driver) -> None:
        self.session = session
        self.driver = driver

    def record(self, events: Sequence[BewijsGewijzigd], now: datetime) -> None:
        """Store the mutations and, per mutation, one notification per afnemer with a subscription
        in force now; notifications are numbered in the order of ``events``.

        However many events, this is a few statements: the mutations in one, the subscriptions of
        all their persons in one query, the notifications in one.
        """
        rows = [
            {
                "referte": str(uuid.uuid4()),
                "type": event.type,
                "insz": event.insz,
                "bewijs_id": event.bewijs_id,
                "tijdstip": now,
                "bron_referte": event.bron_referte,
            }
            for event in events
        ]
        mutatie_ids = _insert_all(self.driver, _INSERT_MUTATIES, rows)
        subscribers = self._subscribers({event.insz for event in events}, now.date())
        notificaties = [
            {"afnemer_id": afnemer_id, "mutatie_id": mutatie_id, "inschrijving_id": inschrijving_id}
            for event, mutatie_id in zip(events, mutatie_ids, strict=True)
            for afnemer_id, inschrijving_id in subscribers.get(event.insz, ())
        ]
        if notificaties:
            self.driver.insert_many(_INSERT_NOTIFICATIES, notificaties)

    def _subscribers(self, insz: set[str], day: date) -> dict[str, list[tuple[int, int]]]:
        """Per INSZ, each afnemer with a subscription in force on ``day`` and its first such one."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for person, afnemer_id, inschrijving_id in self.driver.all(_SUBSCRIBERS, insz=list(insz), day=day):
            found[person].append((afnemer_id, inschrijving_id))
        return found

    def lock_afnemer(self, afnemer_id: int) -> None:
        """Serialise the batches of one afnemer (a row lock where the database has them)."""
        self.session.execute(select(AfnemerRow.id).where(AfnemerRow.id == afnemer_id).with_for_update())

    def latest_ontvangst(self, afnemer_id: int, kanaal: str) -> OntvangstRow | None:
        query = select(OntvangstRow).where(
            OntvangstRow.afnemer_id == afnemer_id, OntvangstRow.kanaal == kanaal
        )
        return self.session.scalars(query.order_by(OntvangstRow.id.desc()).limit(1)).first()

    def acknowledge(self, ontvangst: OntvangstRow, now: datetime) -> None:
        ontvangst.bevestigd_op = now
        self.session.execute(
            update(NotificatieRow)
            .where(NotificatieRow.ontvangst_id == ontvangst.id)
            .values(afgeleverd_op=now)
        )

    def new_ontvangst(
        self, afnemer_id: int, kanaal: str, limit: int | None, now: datetime
    ) -> OntvangstRow | None:
        """Put the afnemer's oldest waiting notifications (at most ``limit``) in a new batch."""
        waiting = (
            select(NotificatieRow.id)
            .where(
                NotificatieRow.afnemer_id == afnemer_id,
                NotificatieRow.ontvangst_id.is_(None),
                NotificatieRow.afgeleverd_op.is_(None),
            )
            .order_by(NotificatieRow.id)
            .limit(limit)
        )
        ids = list(self.session.scalars(waiting))
        if not ids:
            return None
        ontvangst = OntvangstRow(
            referte=str(uuid.uuid4()), afnemer_id=afnemer_id, kanaal=kanaal, aangemaakt_op=now
        )
        self.session.add(ontvangst)
        self.session.flush()
        self.session.execute(
            update(NotificatieRow).where(NotificatieRow.id.in_(ids)).values(ontvangst_id=ontvangst.id)
        )
        return ontvangst

    def batch(self, ontvangst: OntvangstRow) -> list:
        """The mutations of a batch in notification order, with the bewijs row id."""
        query = (
            select(
                MutatieRow.referte,
                MutatieRow.type,
                MutatieRow.insz,
                MutatieRow.tijdstip,
                MutatieRow.bewijs_id,
            )
            .join(NotificatieRow, NotificatieRow.mutatie_id == MutatieRow.id)
            .where(NotificatieRow.ontvangst_id == ontvangst.id)
            .order_by(NotificatieRow.id)
        )
        return list(self.session.execute(query))

    def afnemers_waiting(self) -> list[int]:
        """Ids of afnemers with notifications not yet in any batch."""
        query = select(NotificatieRow.afnemer_id).where(
            NotificatieRow.ontvangst_id.is_(None), NotificatieRow.afgeleverd_op.is_(None)
        )
        return list(self.session.scalars(query.distinct().order_by(NotificatieRow.afnemer_id)))

    def afnemers_open(self, kanaal: str) -> list[int]:
        """Ids of afnemers with a batch on ``kanaal`` handed out but not acknowledged."""
        query = select(OntvangstRow.afnemer_id).where(
            OntvangstRow.kanaal == kanaal, OntvangstRow.bevestigd_op.is_(None)
        )
        return list(self.session.scalars(query.distinct().order_by(OntvangstRow.afnemer_id)))

    def afnemer_identificatie(self, afnemer_id: int) -> str:
        """The identificatie of the afnemer a batch is for (its address in what it receives)."""
        return self.session.scalar(select(AfnemerRow.identificatie).where(AfnemerRow.id == afnemer_id))


_INSERT_AUDIT_RETURNING_ID = insert(AuditRow.__table__).returning(AuditRow.__table__.c.id)
_INSERT_AUDIT_SUBJECT = insert(AuditSubjectRow.__table__)


def _storing_audit_calls_as_json() -> Insert:
    """PostgreSQL: one statement that adds calls, each numbered from the id's sequence, and
    their subjects, from a JSON array of the calls' columns with a ``subjecten`` array each."""
    audit, subjects = AuditRow.__table__, AuditSubjectRow.__table__
    names = [c.name for c in audit.columns if c.name != "id"]
    given = func.json_to_recordset(bindparam("calls", type_=JSON)).table_valued(
        *(column(name, audit.c[name].type) for name in names), column("subjecten", JSON)
    )
    numbered = (
        select(
            func.nextval(func.pg_get_serial_sequence(audit.name, "id")).label("id"),
            given.render_derived("c", with_types=True),
        )
        .cte("calls")
        .prefix_with("MATERIALIZED")
    )
    stored = insert(audit).from_select(["id", *names], select(numbered.c.id, *(numbered.c[n] for n in names)))
    about = ("rol", "insz_hash", "insz_versleuteld")
    persons = (
        func.json_to_recordset(numbered.c.subjecten)
        .table_valued(*(column(name, subjects.c[name].type) for name in about))
        .render_derived("s", with_types=True)
    )
    return (
        insert(subjects)
        .from_select(
            ["audit_id", *about],
            select(numbered.c.id, *(persons.c[n] for n in about)).select_from(numbered).join(persons, true()),
        )
        .add_cte(stored.cte("stored"))
    )


_STORE_AUDIT_CALLS_AS_JSON = _storing_audit_calls_as_json()


#: A call as the audit trail keeps it: its row and the rows of the persons it was about (column values).
AuditCall = tuple[dict[str, Any], list[dict[str, Any]]]


def add_audit_calls(driver: Driver, calls: list[AuditCall]) -> None:
    """Add calls to the audit trail, with the persons each was about (column values).

    On PostgreSQL they all go in by one statement, in one round trip. The
    trail's writer adds a few calls at a time, and a statement per call plus
    a COPY cost the client and the server about twice the CPU time (batches
    of 3: 73 against 130-174 µs per call for the client, 108-125 against
    154-192 for the server). Elsewhere each call's INSERT returns its id
    for its subjects to point at; the subjects then go in as one
    executemany. The trail's writer runs this on a connection of its own
    (:class:`~led_gateway.repository.driver.WriterConnection`).
    """
    if not calls:
        return
    if driver.dialect_name == "postgresql":
        as_json = [{**_json_ready(audit), "subjecten": subjects} for audit, subjects in calls]
        driver.write(_STORE_AUDIT_CALLS_AS_JSON, calls=as_json)
        return
    ids = [driver.insert(_INSERT_AUDIT_RETURNING_ID, audit)[0] for audit, _ in calls]
    subjects = [
        {**subject, "audit_id": audit_id}
        for audit_id, (_, call_subjects) in zip(ids, calls, strict=True)
        for subject in call_subjects
    ]
    driver.insert_many(_INSERT_AUDIT_SUBJECT, subjects)


_AUDIT_CALL_KEPT = (
    select(AuditRow.id)
    .where(
        AuditRow.ontvangen_op == bindparam("ontvangen_op"),
        AuditRow.beantwoord_op == bindparam("beantwoord_op"),
        AuditRow.dienst == bindparam("dienst"),
    )
    .limit(1)
)


def audit_calls_added(driver: Driver, calls: list[AuditCall]) -> bool:
    """Whether :func:`add_audit_calls` already added ``calls``, the same column values.

    They go in together or not at all, so the first call tells: the moment
    it was received and the moment its batch was stored (to the microsecond,
    on its ``ontvangen_op`` index) single it out.
    """
    audit, _ = calls[0]
    keys = {name: audit[name] for name in ("ontvangen_op", "beantwoord_op", "dienst")}
    return driver.first(_AUDIT_CALL_KEPT, **keys) is not None


def _json_ready(columns: dict[str, Any]) -> dict[str, Any]:
    """``columns`` with their timestamps in ISO 8601, as JSON carries them."""
    return {name: v.isoformat() if isinstance(v, datetime) else v for name, v in columns.items()}


class AuditRepository:
    """The audit trail: searched, and purged by age; never changed. Calls are added with
    :func:`add_audit_calls`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def search(
        self,
        insz_hash: str | None = None,
        afzender: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditRow]:
        """Calls matching every criterion given, oldest first."""
        query = select(AuditRow)
        if insz_hash is not None:
            about = select(AuditSubjectRow.audit_id).where(AuditSubjectRow.insz_hash == insz_hash)
            query = query.where(AuditRow.id.in_(about))
        if afzender is not None:
            query = query.where(AuditRow.afzender == afzender)
        if since is not None:
            query = query.where(AuditRow.ontvangen_op >= since)
        if until is not None:
            query = query.where(AuditRow.ontvangen_op <= until)
        return list(self.session.scalars(query.order_by(AuditRow.id).limit(limit)))

    def subjects(self, audit_ids: list[int]) -> dict[int, list[AuditSubjectRow]]:
        found: dict[int, list[AuditSubjectRow]] = {audit_id: [] for audit_id in audit_ids}
        query = (
            select(AuditSubjectRow)
            .where(AuditSubjectRow.audit_id.in_(audit_ids))
            .order_by(AuditSubjectRow.id)
        )
        for subject in self.session.scalars(query):
            found[subject.audit_id].append(subject)
        return found

    def purge(self, before: datetime) -> int:
        """Delete the calls received before ``before``; returns how many."""
        old = select(AuditRow.id).where(AuditRow.ontvangen_op < before)
        self.session.execute(delete(AuditSubjectRow).where(AuditSubjectRow.audit_id.in_(old)))
        return self.session.execute(delete(AuditRow).where(AuditRow.ontvangen_op < before)).rowcount


_ACTIEVE_CERTIFICATEN = select(CertificaatRow.__table__.c.vingerafdruk).where(
    CertificaatRow.__table__.c.eigenaar == bindparam("eigenaar"),
    CertificaatRow.__table__.c.verwijderd_op.is_(None),
)


class CertificaatRepository:
    """Client certificate fingerprints per afnemer or leverancier, with their history."""

    def __init__(self, session: Session, driver: Driver) -> None:
        self.session = session
        self.driver = driver

    def active(self, eigenaar: str) -> frozenset[str]:
        """The fingerprints of the certificates ``eigenaar`` may present now."""
        rows = self.driver.all(_ACTIEVE_CERTIFICATEN, eigenaar=eigenaar)
        return frozenset(fingerprint for (fingerprint,) in rows)

    def history(self, eigenaar: str | None = None) -> list[CertificaatRow]:
        query = select(CertificaatRow).order_by(CertificaatRow.eigenaar, CertificaatRow.id)
        if eigenaar is not None:
            query = query.where(CertificaatRow.eigenaar == eigenaar)
        return list(self.session.scalars(query))

    def add(self, certificaat: CertificaatRow) -> None:
        self.session.add(certificaat)

    def remove(self, eigenaar: str, vingerafdruk: str, door: str, now: datetime) -> bool:
        """Mark the certificate removed; False when it was not active."""
        result = self.session.execute(
            update(CertificaatRow)
            .where(
                CertificaatRow.eigenaar == eigenaar,
                CertificaatRow.vingerafdruk == vingerafdruk,
                CertificaatRow.verwijderd_op.is_(None),
            )
            .values(verwijderd_op=now, verwijderd_door=door)
        )
        return result.rowcount > 0
