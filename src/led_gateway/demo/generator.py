"""Synthetic persons with LED bewijzen, for demos, load tests and development databases.

:func:`generate_persons` is deterministic for a given ``(count, seed, today)``:
every random choice comes from one :class:`random.Random` seeded with ``seed``
(references included), so two runs produce identical data. Persons carry MAGDA
test numbers (month + 60), never real INSZ.

Each bewijs follows a template of :mod:`led_gateway.demo.catalogue`. Its
uitreiking lies inside its source's coverage (on or after ``opgenomen_vanaf``,
never after ``today``) and at an age that fits the template (a secondary diploma
around 18, a master around 23, ...).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate

from led_gateway.demo.catalogue import (
    AUTHENTIEK,
    EIGEN_VERKLARING_GEVERIFIEERD,
    EIGEN_VERKLARING_OP_EER,
    NIET_BESCHIKBAAR_NAAM,
    SJABLONEN,
    BewijsSjabloon,
    Bron,
    Instelling,
    bron,
    bronnen_van,
    registratietermijn,
)
from led_gateway.domain.bewijs import GEREGISTREERD, Bewijs, NaamInhoud
from led_gateway.domain.insz import make_test_number

EERSTE_GEBOORTEJAAR = 1955
LAATSTE_GEBOORTEJAAR = 2008
#: Share of persons drawn without any bewijs (a few more end up without one because nothing fits them).
AANDEEL_ZONDER_BEWIJZEN = 0.12
#: Relative frequency of 1, 2, ... 8 bewijzen for a person who has some.
_AANTAL_GEWICHTEN = (22, 24, 18, 12, 9, 7, 5, 3)
_AANTALLEN = tuple(range(1, len(_AANTAL_GEWICHTEN) + 1))
_AANTAL_CUMULATIEF = tuple(accumulate(_AANTAL_GEWICHTEN))
_AANDEEL_GEVERIFIEERD = 0.15
_AANDEEL_OMSCHRIJVING = 0.5
_AANDEEL_VERMELDING = 0.7
_DAGEN_PER_JAAR = 365.25

#: Relative volume of each source row in the LED.
_BRON_GEWICHTEN: dict[str, float] = {
    "basisonderwijs": 25,
    "basisonderwijs_examencommissie": 2,
    "secundair": 20,
    "secundair_kwalificaties": 15,
    "examencommissie": 2,
    "hoger_onderwijs": 16,
    "volwassenenonderwijs": 14,
    "vdab": 6,
    "syntra": 5,
    "syntra_ondernemerstrajecten": 2,
    "wse": 2,
    "evc_ervaringsbewijzen": 2,
    "evc_kwalificatiebewijzen": 2,
    "naric": 3,
    "omgeving": 2,
    "vdab_eigen_verklaringen": 8,
}

#: Prefix of Leverancier/Bewijsreferte per source row; ``None``: the source uses UUIDs.
#: Distinct within a leverancier, so that references stay unique per leverancier_naam.
_REFERTE_PREFIXEN: dict[str, str | None] = {
    "basisonderwijs": "BAO",
    "basisonderwijs_examencommissie": "EXCBAO",
    "secundair": "DISCIMUS",
    "secundair_kwalificaties": "DISCIMUS-KWAL",
    "examencommissie": "EXCSO",
    "hoger_onderwijs": "DHO",
    "volwassenenonderwijs": None,
    "vdab": "LEERBEWIJS",
    "syntra": "SYNTRA",
    "syntra_ondernemerstrajecten": "SYNTRA-OT",
    "wse": "WSE-BK",
    "evc_ervaringsbewijzen": "ERVARINGSBEWIJS",
    "evc_kwalificatiebewijzen": "EVC-BK",
    "naric": "NARIC",
    "omgeving": "OMG-CERT",
    "vdab_eigen_verklaringen": "EIGENVERKLARING",
}
_BRON_PER_PREFIX = {prefix: key for key, prefix in _REFERTE_PREFIXEN.items() if prefix}


@dataclass(frozen=True)
class DemoPerson:
    insz: str
    geboortedatum: date
    bewijzen: tuple[Bewijs, ...]


def generate_persons(count: int, seed: int = 1, today: date | None = None) -> Iterator[DemoPerson]:
    """``count`` persons with unique test-number INSZ, lazily; ``today`` defaults to the current date."""
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    generator = _Generator(random.Random(seed), today or date.today())
    return (generator.person() for _ in range(count))


def bron_of(bewijs: Bewijs) -> Bron:
    """The source row a generated bewijs belongs to (``ValueError`` for a bewijs not made here)."""
    rijen = bronnen_van(bewijs.leverancier_naam)
    if len(rijen) == 1:
        return rijen[0]
    key = _BRON_PER_PREFIX.get(bewijs.leverancier_bewijsreferte.rpartition("-")[0])
    if key is None or bron(key).leverancier_naam != bewijs.leverancier_naam:
        referte = f"{bewijs.leverancier_naam} {bewijs.leverancier_bewijsreferte}"
        raise ValueError(f"not a generated bewijs: {referte}")
    return bron(key)


@dataclass(frozen=True, slots=True, eq=False)
class _Plan:
    """A template with its source's window (ordinal days) and what the generator needs of it.

    Compared by identity: a person gets a template at most once unless it is ``herhaalbaar``.
    """

    sjabloon: BewijsSjabloon
    bron: Bron
    vanaf: int
    tot: int
    min_leeftijd: int
    max_leeftijd: int
    termijn: int
    prefix: str | None


def _plans(today: date) -> list[_Plan]:
    """A plan per template that can have been awarded by ``today``."""
    plans = []
    for s in SJABLONEN:
        b = bron(s.bron_key)
        vanaf = b.opgenomen_vanaf.toordinal()
        tot = today.toordinal()
        if s.tot_jaar is not None:
            tot = min(tot, date(s.tot_jaar, 12, 31).toordinal())
        if vanaf > tot:
            continue
        plans.append(
            _Plan(
                sjabloon=s,
                bron=b,
                vanaf=vanaf,
                tot=tot,
                min_leeftijd=round(s.leeftijd[0] * _DAGEN_PER_JAAR),
                max_leeftijd=round((s.leeftijd[1] + 1) * _DAGEN_PER_JAAR) - 1,
                termijn=registratietermijn(b),
                prefix=_REFERTE_PREFIXEN[s.bron_key],
            )
        )
    return plans


class _Generator:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today.toordinal()
        self.plans = _plans(today)
        self.eerste_geboortedag = date(EERSTE_GEBOORTEJAAR, 1, 1).toordinal()
        self.laatste_geboortedag = min(date(LAATSTE_GEBOORTEJAAR, 12, 31).toordinal(), self.today)
        self.insz_gebruikt: set[str] = set()
        self.kandidaten_per_dag: dict[int, tuple[tuple[_Plan, ...], tuple[float, ...]]] = {}
        self.gedeelde_kandidaten: dict[tuple[_Plan, ...], tuple[tuple[_Plan, ...], tuple[float, ...]]] = {}
        self.tellers = {p: rng.randrange(1_000_000, 9_000_000) for p in _REFERTE_PREFIXEN.values() if p}

    # -- persons --------------------------------------------------------------------------------

    def person(self) -> DemoPerson:
        geboortedag, insz = self._geboorte()
        geboortedatum = date.fromordinal(geboortedag)
        if self.rng.random() < AANDEEL_ZONDER_BEWIJZEN:
            return DemoPerson(insz, geboortedatum, ())
        return DemoPerson(insz, geboortedatum, self._bewijzen(insz, geboortedag))

    def _geboorte(self) -> tuple[int, str]:
        """A birth day and a test number not handed out before (another day when that one is crowded)."""
        rng = self.rng
        while True:
            geboortedag = rng.randint(self.eerste_geboortedag, self.laatste_geboortedag)
            d = date.fromordinal(geboortedag)
            for _ in range(20):
                insz = make_test_number(d.year, d.month, d.day, rng.randint(1, 997))
                if insz not in self.insz_gebruikt:
                    self.insz_gebruikt.add(insz)
                    return geboortedag, insz

    def _bewijzen(self, insz: str, geboortedag: int) -> tuple[Bewijs, ...]:
        rng = self.rng
        kandidaten, cumulatief = self._kandidaten(geboortedag)
        if not kandidaten:
            return ()
        aantal = rng.choices(_AANTALLEN, cum_weights=_AANTAL_CUMULATIEF)[0]
        gekozen: list[_Plan] = []
        for plan in rng.choices(kandidaten, cum_weights=cumulatief, k=aantal):
            if plan.sjabloon.herhaalbaar or plan not in gekozen:
                gekozen.append(plan)
        bewijzen = []
        for plan in gekozen:
            lo = max(plan.vanaf, geboortedag + plan.min_leeftijd)
            hi = min(plan.tot, geboortedag + plan.max_leeftijd)
            bewijzen.append(self._bewijs(insz, plan, self._uitreikingsdag(plan.sjabloon, lo, hi)))
        bewijzen.sort(key=_uitreiking_sleutel)
        return tuple(bewijzen)

    def _kandidaten(self, geboortedag: int) -> tuple[tuple[_Plan, ...], tuple[float, ...]]:
        """The templates that fit a person born that day, with cumulative weights.

        A template fits when its source's window and the person's age window overlap. A source
        weighs the same for everyone it fits, however many of its templates fit.
        Memoised per day, sharing equal answers, so that a million persons stay cheap.
        """
        antwoord = self.kandidaten_per_dag.get(geboortedag)
        if antwoord is None:
            plans = tuple(
                p
                for p in self.plans
                if max(p.vanaf, geboortedag + p.min_leeftijd) <= min(p.tot, geboortedag + p.max_leeftijd)
            )
            antwoord = self.gedeelde_kandidaten.get(plans)
            if antwoord is None:
                antwoord = (plans, _cumulatieve_gewichten(plans))
                self.gedeelde_kandidaten[plans] = antwoord
            self.kandidaten_per_dag[geboortedag] = antwoord
        return antwoord

    # -- one bewijs ---------------------------------------------------------------------------------

    def _uitreikingsdag(self, sjabloon: BewijsSjabloon, lo: int, hi: int) -> int:
        """A day in [lo, hi], preferably in one of the template's usual months and days."""
        rng = self.rng
        eerste_jaar = date.fromordinal(lo).year
        laatste_jaar = date.fromordinal(hi).year
        for _ in range(8):
            dag = date(
                rng.randint(eerste_jaar, laatste_jaar),
                rng.choice(sjabloon.maanden),
                rng.randint(*sjabloon.dagen),
            ).toordinal()
            if lo <= dag <= hi:
                return dag
        return rng.randint(lo, hi)

    def _bewijs(self, insz: str, plan: _Plan, uitreikingsdag: int) -> Bewijs:
        rng = self.rng
        s = plan.sjabloon
        richting = rng.choice(s.richtingen) if s.richtingen else None
        richting_naam = richting.naam if richting else ""
        herkomst = rng.choice(s.herkomsten)
        instelling = Instelling(herkomst.instelling) if herkomst.instelling else rng.choice(s.instellingen)
        jaar, maand, dag = self._uitreikingsdatum(s, uitreikingsdag)
        volledige_naam = s.volledige_naam.format(richting=richting_naam)
        a = s.afgeleid
        return Bewijs(
            insz=insz,
            leverancier_naam=plan.bron.leverancier_naam,
            leverancier_bewijsreferte=self._leverancier_referte(plan.prefix),
            bewijsreferte=self._uuid(),
            bewijsmutatiereferte=self._uuid(),
            status=GEREGISTREERD,
            gewijzigd_op=self._gewijzigd_op(uitreikingsdag, plan.termijn),
            authenticiteit=self._authenticiteit(plan.bron),
            categorie=s.categorie,
            graad=s.graad,
            onderwijsvorm=s.onderwijsvorm,
            finaliteit=s.finaliteit,
            behaald_via_evc=s.behaald_via_evc,
            bewijstype=s.bewijstype,
            bewijsstaat=s.bewijsstaat,
            instantie=s.instantie,
            onderwerp_code=s.onderwerp.code,
            onderwerp_naam=s.onderwerp.naam,
            uitreiking_jaar=jaar,
            uitreiking_maand=maand,
            uitreiking_dag=dag,
            volledige_naam=volledige_naam,
            land_code=herkomst.land_code,
            taal_code=herkomst.taal_code,
            instelling_naam=instelling.naam,
            instelling_nummer=instelling.nummer,
            schooltype=s.schooltype,
            studierichting_naam=richting.naam if richting else None,
            studierichting_code=richting.code if richting else None,
            specialisatie_naam=s.specialisatie.naam if s.specialisatie else None,
            specialisatie_code=s.specialisatie.code if s.specialisatie else None,
            detail_onderwerp_naam=s.detail_onderwerp.naam if s.detail_onderwerp else None,
            detail_onderwerp_code=s.detail_onderwerp.code if s.detail_onderwerp else None,
            vervalperiode=s.vervalperiode,
            uren_volwassenenonderwijs=str(rng.choice(s.uren)) if s.uren else None,
            beroepskwalificaties=s.beroepskwalificaties,
            deelkwalificaties=s.deelkwalificaties,
            alternatieve_instanties=s.alternatieve_instanties,
            bijkomende_informaties=self._bijkomende_informaties(s, volledige_naam, richting_naam),
            isced_studiegebied_code=a.isced_studiegebied.code,
            isced_studiegebied_naam=a.isced_studiegebied.naam,
            isced_studiegebied2013_code=a.isced_studiegebied2013.code if a.isced_studiegebied2013 else None,
            isced_studiegebied2013_naam=a.isced_studiegebied2013.naam if a.isced_studiegebied2013 else None,
            isced_niveau_code=a.isced_niveau.code,
            isced_niveau_naam=a.isced_niveau.naam,
            isced_niveau2011_code=a.isced_niveau2011.code if a.isced_niveau2011 else None,
            isced_niveau2011_naam=a.isced_niveau2011.naam if a.isced_niveau2011 else None,
            vks_onderwijs_code=a.vks_onderwijs.code,
            vks_onderwijs_naam=a.vks_onderwijs.naam,
            vks_beroeps_code=a.vks_beroeps.code,
            vks_beroeps_naam=a.vks_beroeps.naam,
        )

    def _uitreikingsdatum(self, sjabloon: BewijsSjabloon, dag: int) -> tuple[str, str | None, str | None]:
        """Jaar, Maand, Dag as delivered: some sources often give only the year (or year and month)."""
        d = date.fromordinal(dag)
        kans = self.rng.random()
        if kans < sjabloon.volledige_datum:
            return f"{d.year:04d}", f"{d.month:02d}", f"{d.day:02d}"
        if kans < sjabloon.volledige_datum + (1 - sjabloon.volledige_datum) / 4:
            return f"{d.year:04d}", f"{d.month:02d}", None
        return f"{d.year:04d}", None, None

    def _gewijzigd_op(self, uitreikingsdag: int, termijn: int) -> datetime:
        """Registered within the source's usual delay after uitreiking, never after today."""
        rng = self.rng
        dag = min(uitreikingsdag + rng.randint(0, 2 * termijn), self.today)
        return datetime.fromordinal(dag) + timedelta(
            seconds=rng.randrange(86_400), milliseconds=rng.randrange(1000)
        )

    def _authenticiteit(self, b: Bron) -> str:
        if not b.eigen_verklaring:
            return AUTHENTIEK
        if self.rng.random() < _AANDEEL_GEVERIFIEERD:
            return EIGEN_VERKLARING_GEVERIFIEERD
        return EIGEN_VERKLARING_OP_EER

    def _bijkomende_informaties(
        self, sjabloon: BewijsSjabloon, volledige_naam: str, richting_naam: str
    ) -> tuple[NaamInhoud, ...]:
        """Template's fixed additions, plus sometimes a description and a grade of merit.

        The description is always there when VolledigeNaam is unknown, as sources do.
        """
        rng = self.rng
        informaties = list(sjabloon.vaste_informaties)
        if volledige_naam == NIET_BESCHIKBAAR_NAAM or rng.random() < _AANDEEL_OMSCHRIJVING:
            omschrijving = (sjabloon.omschrijving or volledige_naam).format(richting=richting_naam)
            if omschrijving != NIET_BESCHIKBAAR_NAAM:
                informaties.append(NaamInhoud("Bewijs omschrijving", omschrijving))
        if sjabloon.vermeldingen and rng.random() < _AANDEEL_VERMELDING:
            informaties.append(NaamInhoud("Graad van verdienste", rng.choice(sjabloon.vermeldingen)))
        return tuple(informaties)

    # -- references ---------------------------------------------------------------------------------

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _leverancier_referte(self, prefix: str | None) -> str:
        """The source's own reference: increasing numbers per prefix (unique), or a UUID."""
        if prefix is None:
            return self._uuid()
        nummer = self.tellers[prefix] + self.rng.randint(1, 9)
        self.tellers[prefix] = nummer
        return f"{prefix}-{nummer}"


def _cumulatieve_gewichten(plans: tuple[_Plan, ...]) -> tuple[float, ...]:
    """Source weight shared among that source's fitting templates by their own weight."""
    per_bron: dict[str, float] = {}
    for p in plans:
        per_bron[p.bron.key] = per_bron.get(p.bron.key, 0.0) + p.sjabloon.gewicht
    return tuple(
        accumulate(_BRON_GEWICHTEN[p.bron.key] * p.sjabloon.gewicht / per_bron[p.bron.key] for p in plans)
    )


def _uitreiking_sleutel(bewijs: Bewijs) -> tuple[str, str, str]:
    return bewijs.uitreiking_jaar, bewijs.uitreiking_maand or "", bewijs.uitreiking_dag or ""
