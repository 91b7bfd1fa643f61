"""The unit of work: one transaction, the repositories that share it.

A service opens one per call (``with uow_factory() as uow:``); nothing it
changes is stored unless it calls :meth:`UnitOfWork.commit`, and leaving the
block without committing rolls everything back.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from led_gateway.repository.queries import (
    AfnemerRepository,
    BewijsRepository,
    DekkingRepository,
    InschrijvingRepository,
    LeverancierRepository,
)


class UnitOfWork:
    bewijzen: BewijsRepository
    afnemers: AfnemerRepository
    leveranciers: LeverancierRepository
    dekking: DekkingRepository
    inschrijvingen: InschrijvingRepository

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.bewijzen = BewijsRepository(self.session)
        self.afnemers = AfnemerRepository(self.session)
        self.leveranciers = LeverancierRepository(self.session)
        self.dekking = DekkingRepository(self.session)
        self.inschrijvingen = InschrijvingRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def ping(self) -> None:
        """Fail with a DBAPIError when the database does not answer."""
        self.session.execute(text("SELECT 1"))

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
