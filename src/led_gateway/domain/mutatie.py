"""Mutations: accepted changes to a person's bewijzen, as afnemers are told of them."""

from __future__ import annotations

from dataclasses import dataclass

NIEUW = "01"
WIJZIGING = "02"
ANNULATIE = "03"

#: Metadata/Type codes with the Beschrijving MAGDA gives them.
BESCHRIJVING = {NIEUW: "Nieuw", WIJZIGING: "Wijziging", ANNULATIE: "Annulatie"}


@dataclass(frozen=True, slots=True)
class BewijsGewijzigd:
    """Raised when a registration, correction or annulation of a bewijs is accepted.

    The unit of work that commits the change stores the mutation and one
    notification per subscription active at that moment, in the same
    transaction: no notification without the change, no change without them.
    """

    type: str
    insz: str
    bewijs_id: int
    bron_referte: str | None = None
