"""The coverage table: which bewijzen the LED holds, per issuing entity, since when.

After AHOVOKS' public overview of the LED's content ("opgenomen vanaf", and
"garantie op volledigheid" where it is later). Rows the overview marks as only
expected (not yet delivered) are left out: nothing of them is held yet.

This is reference data: ``led-gateway db init`` stores it in the database,
where operators can edit it (``led-gateway dekking``); GeefBewijs uses it to
say when the absence of a bewijs may not mean anything.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Bron:
    """One row of the coverage table: what one issuing entity delivers, since when."""

    key: str
    leverancier_naam: str
    omschrijving: str
    opgenomen_vanaf: date
    volledig_vanaf: date | None = None
    eigen_verklaring: bool = False
    #: The youngest age at which a person typically obtains a bewijs of this source.
    vanaf_leeftijd: int = 18

    @property
    def volledig_sinds(self) -> date:
        """From this date on the LED holds every bewijs of the source."""
        return self.volledig_vanaf or self.opgenomen_vanaf


# A school year is dated from its first day (1 September), academic year 1999-2000 from 1 October.
BRONNEN: tuple[Bron, ...] = (
    Bron(
        "basisonderwijs",
        "Basisonderwijs",
        "Getuigschriften basisonderwijs uitgereikt door de scholen",
        date(2016, 9, 1),
        vanaf_leeftijd=11,
    ),
    Bron(
        "basisonderwijs_examencommissie",
        "Basisonderwijs",
        "Getuigschriften basisonderwijs behaald via de examencommissie basisonderwijs",
        date(2024, 9, 1),
        vanaf_leeftijd=11,
    ),
    Bron(
        "secundair",
        "Secundair onderwijs",
        "Getuigschriften en diploma's van het secundair onderwijs",
        date(2001, 9, 1),
        vanaf_leeftijd=12,
    ),
    Bron(
        "secundair_kwalificaties",
        "Secundair onderwijs",
        "Bewijzen van onderwijskwalificatie en van beroepskwalificatie in het secundair onderwijs",
        date(2021, 1, 1),
        vanaf_leeftijd=15,
    ),
    Bron(
        "examencommissie",
        "Examencommissie",
        "Getuigschriften en diploma's secundair onderwijs van de examencommissie",
        date(2014, 1, 1),
        vanaf_leeftijd=15,
    ),
    Bron(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Getuigschriften en diploma's van universiteiten en hogescholen",
        date(1999, 10, 1),
    ),
    Bron(
        "volwassenenonderwijs",
        "Volwassenenonderwijs",
        "Getuigschriften, diploma's, certificaten en deelcertificaten van de centra voor "
        "volwassenenonderwijs",
        date(2013, 4, 1),
        volledig_vanaf=date(2015, 1, 1),
    ),
    Bron(
        "vdab",
        "VDAB",
        "Officiële leerbewijzen van opleidingen bij de VDAB",
        date(2000, 1, 1),
    ),
    Bron(
        "syntra",
        "SYNTRA Vlaanderen",
        "Erkende opleidingen van VLAIO en VDAB, vroeger SYNTRA Vlaanderen: diploma's en "
        "getuigschriften, ook uit leertijd en duaal leren",
        date(2002, 1, 1),
        volledig_vanaf=date(2011, 1, 1),
        vanaf_leeftijd=15,
    ),
    Bron(
        "syntra_ondernemerstrajecten",
        "SYNTRA Vlaanderen",
        "Getuigschriften van ondernemerstrajecten",
        date(2011, 1, 1),
    ),
    Bron(
        "wse",
        "Departement WSE",
        "Bewijzen van beroepskwalificatie en deelkwalificatie van opleidingsverstrekkers erkend door het "
        "Departement Werk en Sociale Economie",
        date(2021, 1, 1),
    ),
    Bron(
        "evc_ervaringsbewijzen",
        "EVC",
        "Ervaringsbewijzen van de EVC-testcentra (erkennen van verworven competenties)",
        date(2006, 1, 1),
    ),
    Bron(
        "evc_kwalificatiebewijzen",
        "EVC",
        "Kwalificatiebewijzen behaald via een EVC-traject",
        date(2020, 1, 1),
    ),
    Bron(
        "naric",
        "NARIC Vlaanderen",
        "Besluiten over de gelijkwaardigheid van buitenlandse diploma's",
        date(2014, 1, 1),
    ),
    Bron(
        "omgeving",
        "Omgeving",
        "Certificaten van het Departement Omgeving en het Vlaams Energie- en Klimaatagentschap die een "
        "erkenning voor een activiteit mogelijk maken",
        date(2021, 1, 1),
    ),
    Bron(
        "vdab_eigen_verklaringen",
        "VDAB",
        "Kwalificatiebewijzen die de burger zelf op eer verklaarde in zijn dossier bij de VDAB",
        date(1985, 1, 1),
        eigen_verklaring=True,
        vanaf_leeftijd=12,
    ),
)

LEVERANCIER_NAMEN: tuple[str, ...] = tuple(dict.fromkeys(b.leverancier_naam for b in BRONNEN))

_BRON_PER_KEY = {b.key: b for b in BRONNEN}


def bron(key: str) -> Bron:
    """The :class:`Bron` with that key (``KeyError`` when unknown)."""
    return _BRON_PER_KEY[key]


def bronnen_van(leverancier_naam: str) -> tuple[Bron, ...]:
    """The rows of one leverancier, in catalogue order (empty when unknown)."""
    return tuple(b for b in BRONNEN if b.leverancier_naam == leverancier_naam)


def _birthday(geboortedatum: date, leeftijd: int) -> date:
    try:
        return geboortedatum.replace(year=geboortedatum.year + leeftijd)
    except ValueError:  # born on 29 February
        return date(geboortedatum.year + leeftijd, 3, 1)


def onvolledig_voor(bronnen: tuple[Bron, ...], geboortedatum: date) -> dict[str, date]:
    """Per leverancier, the date before which its bewijzen of this person may be missing.

    A source is incomplete for a person who reached its ``vanaf_leeftijd``
    before the LED held the source completely: bewijzen obtained in between
    may simply not be there. Per leverancier the latest such date counts.
    """
    onvolledig: dict[str, date] = {}
    for rij in bronnen:
        if _birthday(geboortedatum, rij.vanaf_leeftijd) < rij.volledig_sinds:
            naam = rij.leverancier_naam
            onvolledig[naam] = max(onvolledig.get(naam, rij.volledig_sinds), rij.volledig_sinds)
    return onvolledig


def _volledig_voor_geboren_vanaf(rij: Bron) -> date:
    """The earliest birth date for which ``rij`` is complete: whoever is born on it or later
    reached its ``vanaf_leeftijd`` once the LED held the source completely."""
    if rij.volledig_sinds.year - rij.vanaf_leeftijd < 2:
        return date.min  # complete since before anyone a date can hold was born
    geboren = _birthday(rij.volledig_sinds, -rij.vanaf_leeftijd) - timedelta(days=3)
    while _birthday(geboren, rij.vanaf_leeftijd) < rij.volledig_sinds:
        geboren += timedelta(days=1)
    return geboren


class OnvolledigPerGeboorte(Generic[T]):
    """What :func:`onvolledig_voor` gives for any birth date (passed through ``vorm``), worked
    out once per period of birth dates.

    A source turns complete for a person at one birth date only, so the
    sources' few such dates split every birth date into periods with one
    answer each: finding a person's is a bisection, not a pass over the
    rows, and needs no table that fills as more persons are asked about.
    """

    def __init__(self, bronnen: tuple[Bron, ...], vorm: Callable[[dict[str, date]], T]) -> None:
        self._grenzen = sorted({_volledig_voor_geboren_vanaf(rij) for rij in bronnen})
        # The period before the first border is named by its last day; it holds none from date.min.
        eerste = self._grenzen[0] if self._grenzen else date.max
        ervoor = eerste - timedelta(days=1) if eerste > date.min else date.min
        self._per_periode = [vorm(onvolledig_voor(bronnen, dag)) for dag in (ervoor, *self._grenzen)]

    def voor(self, geboortedatum: date) -> T:
        return self._per_periode[bisect_right(self._grenzen, geboortedatum)]
