"""An afnemer's affiliation (aansluiting), as the access policy sees it.

The steps follow the process in DESIGN.md: contact, intake, DPIA
(pre-study and, when required, the assessment), protocol, connection to
MAGDA, in use, out of use. Only an afnemer *in gebruik* may consult.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    CONTACT = "contact"
    INTAKE = "intake"
    DPIA = "dpia"
    PROTOCOL = "protocol"
    MAGDA = "magda"
    IN_GEBRUIK = "in-gebruik"
    UIT_GEBRUIK = "uit-gebruik"


class Kanaal(StrEnum):
    """How the afnemer consults the LED, as declared at intake."""

    WEBTOEPASSING = "webtoepassing"
    WEBDIENST = "webdienst"
    BEIDE = "beide"

    def includes(self, other: Kanaal) -> bool:
        return self is other or self is Kanaal.BEIDE


@dataclass(frozen=True, slots=True)
class Protocol:
    """The protocol in force: period, hoedanigheden and scope."""

    referte: str
    geldig_van: date
    geldig_tot: date | None
    hoedanigheden: frozenset[str]
    scope_categorieen: frozenset[str] | None = None
    scope_leveranciers: frozenset[str] | None = None
    #: The afnemer may only consult persons it registered in its repertorium.
    enkel_geregistreerde_personen: bool = False

    def covers(self, day: date) -> bool:
        """True from the first to the last day of validity, both included."""
        return self.geldig_van <= day and (self.geldig_tot is None or day <= self.geldig_tot)

    def in_scope(self, categorie: str, leverancier_naam: str) -> bool:
        """Whether the protocol lets the afnemer see a bewijs of this category and source."""
        return (self.scope_categorieen is None or categorie in self.scope_categorieen) and (
            self.scope_leveranciers is None or leverancier_naam in self.scope_leveranciers
        )


@dataclass(frozen=True, slots=True)
class Aansluiting:
    identificatie: str
    status: Status
    kanaal: Kanaal | None
    mutaties_nodig: bool
    protocol: Protocol | None
    certificaten: frozenset[str] = frozenset()
    #: The afnemer's row in the registry, for what is stored per afnemer (subscriptions, batches).
    id: int | None = None
    #: How it receives its mutations: ``webdienst`` (GeefMutatiesNotificaties) or ``bestand`` (publiceer).
    mutaties_via: str = "webdienst"


@dataclass(frozen=True, slots=True)
class Leverancier:
    """A registered source and the Leverancier/Naam values it may deliver for."""

    identificatie: str
    status: str
    namen: frozenset[str]
    certificaten: frozenset[str] = frozenset()

    @property
    def actief(self) -> bool:
        return self.status == "actief"
