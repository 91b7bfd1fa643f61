"""The bewijs: one qualification record, as the LED holds it.

A :class:`Bewijs` carries every field of MAGDA's ``BewijsType``
(``http://bewijs.led.vlaanderen.be``). Single-valued leaves are plain
attributes; the repeated groups of ``Basis`` are tuples of small records.

:data:`SCALAR_FIELDS` maps each single-valued leaf to its path below
``Bewijs``, in schema order. It is the one place that knows the shape of a
bewijs on the wire: the serializer, the parser and the database columns are
all derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

GEREGISTREERD = "1"
GEANNULEERD = "10"


@dataclass(frozen=True, slots=True)
class CodeNaam:
    """A coded value with an optional name (Beroepskwalificatie, Deelkwalificatie)."""

    code: str
    naam: str | None = None


@dataclass(frozen=True, slots=True)
class NaamInhoud:
    """One BijkomendeInformatie: a named free-text addition."""

    naam: str
    inhoud: str


@dataclass(frozen=True, slots=True)
class AlternatieveInstantie:
    """Another body involved in the bewijs, with its role (Instantierol)."""

    instantierol: str
    instantie: str


@dataclass(frozen=True, slots=True)
class Leeruitkomst:
    titel: str
    extra_informatie: str | None = None
    type_code: str | None = None
    type_naam: str | None = None


@dataclass(frozen=True, slots=True)
class Supplement:
    """One GeneriekSupplement/Supplement with its learning outcomes."""

    naam: str
    nummer: str
    type_code: str
    type_naam: str
    omschrijving: str | None = None
    leeruitkomsten: tuple[Leeruitkomst, ...] = ()


@dataclass(slots=True)
class Bewijs:
    """One qualification record of one person.

    Optional attributes are ``None`` when the source did not deliver them;
    they are then left out of the wire representation.
    """

    # Identification at the LED and at the source
    insz: str
    leverancier_naam: str
    leverancier_bewijsreferte: str
    bewijsreferte: str = ""
    bewijsmutatiereferte: str = ""
    status: str = GEREGISTREERD
    gewijzigd_op: datetime | None = None
    # Basis
    authenticiteit: str = ""
    categorie: str = ""
    graad: str = ""
    onderwijsvorm: str = ""
    finaliteit: str | None = None
    behaald_via_evc: bool | None = None
    bewijstype: str = ""
    bewijsstaat: str = ""
    instantie: str = ""
    onderwerp_code: str = ""
    onderwerp_naam: str | None = None
    led_onderwerp_nummer: str | None = None
    uitreiking_jaar: str = ""
    uitreiking_maand: str | None = None
    uitreiking_dag: str | None = None
    volledige_naam: str = ""
    land_code: str = ""
    taal_code: str = ""
    instelling_naam: str = ""
    instelling_nummer: str | None = None
    schooltype: str = ""
    studierichting_naam: str | None = None
    studierichting_code: str | None = None
    specialisatie_naam: str | None = None
    specialisatie_code: str | None = None
    detail_onderwerp_naam: str | None = None
    detail_onderwerp_code: str | None = None
    vervalperiode: str | None = None
    uren_volwassenenonderwijs: str | None = None
    beroepskwalificaties: tuple[CodeNaam, ...] = ()
    deelkwalificaties: tuple[CodeNaam, ...] = ()
    supplementen: tuple[Supplement, ...] = ()
    alternatieve_instanties: tuple[AlternatieveInstantie, ...] = ()
    bijkomende_informaties: tuple[NaamInhoud, ...] = ()
    # Afgeleid: derived by the LED from the subject and level
    isced_studiegebied_code: str = ""
    isced_studiegebied_naam: str | None = None
    isced_studiegebied2013_code: str | None = None
    isced_studiegebied2013_naam: str | None = None
    isced_niveau_code: str = ""
    isced_niveau_naam: str | None = None
    isced_niveau2011_code: str | None = None
    isced_niveau2011_naam: str | None = None
    vks_onderwijs_code: str = ""
    vks_onderwijs_naam: str | None = None
    vks_beroeps_code: str = ""
    vks_beroeps_naam: str | None = None

    def __reduce__(self) -> tuple[type[Bewijs], tuple]:
        """Pickled as its values in field order: ``bewijs import`` sends bewijzen between processes
        by the hundred thousand, and the state methods of a slotted dataclass cost several times
        more."""
        return Bewijs, _values(self)

    @property
    def is_eigen_verklaring(self) -> bool:
        """Self-declared (``Eigen verklaring ...``), never to be shown as authentic."""
        return self.authenticiteit.startswith("Eigen verklaring")


_values = attrgetter(*Bewijs.__slots__)

#: Single-valued leaves of ``Basis`` in schema order: (path below Basis, attribute).
BASIS_FIELDS: tuple[tuple[str, str], ...] = (
    ("Authenticiteit/Naam", "authenticiteit"),
    ("Categorie/Naam", "categorie"),
    ("Graad/Naam", "graad"),
    ("Onderwijsvorm/Naam", "onderwijsvorm"),
    ("Finaliteit/Naam", "finaliteit"),
    ("BehaaldViaEvc", "behaald_via_evc"),
    ("Bewijstype/Naam", "bewijstype"),
    ("Bewijsstaat/Naam", "bewijsstaat"),
    ("Instantie/Naam", "instantie"),
    ("Onderwerp/Code", "onderwerp_code"),
    ("Onderwerp/Naam", "onderwerp_naam"),
    ("Onderwerp/LedOnderwerpNummer", "led_onderwerp_nummer"),
    ("Uitreikingsdatum/Jaar", "uitreiking_jaar"),
    ("Uitreikingsdatum/Maand", "uitreiking_maand"),
    ("Uitreikingsdatum/Dag", "uitreiking_dag"),
    ("VolledigeNaam", "volledige_naam"),
    ("Land/Code", "land_code"),
    ("Taal/Code", "taal_code"),
    ("Instelling/Naam", "instelling_naam"),
    ("Instelling/Nummer", "instelling_nummer"),
    ("Schooltype/Naam", "schooltype"),
    ("Studierichting/Naam", "studierichting_naam"),
    ("Studierichting/Code", "studierichting_code"),
    ("Specialisatie/Naam", "specialisatie_naam"),
    ("Specialisatie/Code", "specialisatie_code"),
    ("DetailOnderwerp/Naam", "detail_onderwerp_naam"),
    ("DetailOnderwerp/Code", "detail_onderwerp_code"),
    ("Vervalperiode", "vervalperiode"),
    ("UrenVolwassenenonderwijs", "uren_volwassenenonderwijs"),
)

#: Leaves of ``Afgeleid`` in schema order: (path below Afgeleid, attribute).
AFGELEID_FIELDS: tuple[tuple[str, str], ...] = (
    ("ISCEDStudiegebied/Code", "isced_studiegebied_code"),
    ("ISCEDStudiegebied/Naam", "isced_studiegebied_naam"),
    ("ISCEDStudiegebied2013/Code", "isced_studiegebied2013_code"),
    ("ISCEDStudiegebied2013/Naam", "isced_studiegebied2013_naam"),
    ("ISCEDNiveau/Code", "isced_niveau_code"),
    ("ISCEDNiveau/Naam", "isced_niveau_naam"),
    ("ISCEDNiveau2011/Code", "isced_niveau2011_code"),
    ("ISCEDNiveau2011/Naam", "isced_niveau2011_naam"),
    ("VKSNiveauOnderwijskwalificatie/Code", "vks_onderwijs_code"),
    ("VKSNiveauOnderwijskwalificatie/Naam", "vks_onderwijs_naam"),
    ("VKSNiveauBeroepskwalificatie/Code", "vks_beroeps_code"),
    ("VKSNiveauBeroepskwalificatie/Naam", "vks_beroeps_naam"),
)

#: The repeated groups of ``Basis``, stored as JSON, in schema order:
#: (element below Basis, attribute). Their position in the sequence is
#: between UrenVolwassenenonderwijs and the end of Basis.
BASIS_GROUPS: tuple[tuple[str, str], ...] = (
    ("Beroepskwalificaties", "beroepskwalificaties"),
    ("Deelkwalificaties", "deelkwalificaties"),
    ("GeneriekSupplement", "supplementen"),
    ("AlternatieveInstanties", "alternatieve_instanties"),
    ("BijkomendeInformaties", "bijkomende_informaties"),
)

NIET_BESCHIKBAAR = ("NBS", "Niet beschikbaar")
