"""Reference data that ``db init`` stores: the coverage table.

Only rows that are missing are added, so an operator's edits survive every
later ``db init``.
"""

from __future__ import annotations

from led_gateway.domain.dekking import BRONNEN
from led_gateway.repository.unit_of_work import UnitOfWork


def seed_reference_data(uow: UnitOfWork) -> int:
    """Add the coverage rows the database does not have yet; returns how many."""
    added = 0
    for bron in BRONNEN:
        if uow.dekking.get(bron.key) is None:
            uow.dekking.add(bron)
            added += 1
    return added
