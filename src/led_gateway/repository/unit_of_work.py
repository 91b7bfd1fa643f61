"""The unit of work: one transaction, the repositories that share it.

A service opens one per call (``with uow_factory() as uow:``); nothing it
changes is stored unless it calls :meth:`UnitOfWork.commit`, and leaving the
block without committing rolls everything back. The events a change raises
(:meth:`UnitOfWork.raise_event`) are stored by the same commit: a mutation is
never lost, and never sent for a change that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from led_gateway.domain.mutatie import BewijsGewijzigd
from led_gateway.repository.database import SQLITE_BEGIN
from led_gateway.repository.driver import Driver
from led_gateway.repository.queries import (
    AfnemerRepository,
    AuditRepository,
    BewijsRepository,
    CertificaatRepository,
    DekkingRepository,
    InschrijvingRepository,
    LeverancierRepository,
    MutatieRepository,
)


class UnitOfWork:
    bewijzen: BewijsRepository
    afnemers: AfnemerRepository
    leveranciers: LeverancierRepository
    dekking: DekkingRepository
    inschrijvingen: InschrijvingRepository
    mutaties: MutatieRepository
    audit: AuditRepository
    certificaten: CertificaatRepository

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        clock: Callable[[], datetime] = datetime.now,
        writes: bool = False,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._writes = writes
        self._events: list[BewijsGewijzigd] = []

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self._events = []
        if self._writes:
            self.session.connection(execution_options={SQLITE_BEGIN: "IMMEDIATE"})
        self.driver = Driver(self.session)
        self.bewijzen = BewijsRepository(self.session, self.driver)
        self.afnemers = AfnemerRepository(self.session, self.driver)
        self.leveranciers = LeverancierRepository(self.session)
        self.dekking = DekkingRepository(self.session)
        self.inschrijvingen = InschrijvingRepository(self.session, self.driver)
        self.mutaties = MutatieRepository(self.session, self.driver)
        self.audit = AuditRepository(self.session)
        self.certificaten = CertificaatRepository(self.session, self.driver)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._events = []
        self.driver.close()
        self.session.rollback()
        self.session.close()

    def ping(self) -> None:
        """Fail with a DBAPIError when the database does not answer."""
        self.session.execute(text("SELECT 1"))

    def raise_event(self, event: BewijsGewijzigd) -> None:
        """Record ``event`` to be stored with the change that raised it."""
        self._events.append(event)

    def commit(self) -> None:
        if self._events:
            self.mutaties.record(self._events, self._clock())
        self._events = []
        self.session.commit()

    def rollback(self) -> None:
        self._events = []
        self.session.rollback()
