"""Reference data for synthetic LED content: the sources and what they deliver.

The sources themselves, with what the LED holds of them since when, are the
coverage table of :mod:`led_gateway.domain.dekking`.

:data:`SJABLONEN` holds, per source, a handful of typical bewijzen in the style
of real LED replies: the classification the source delivers (Basis) and what the
LED derives from it (Afgeleid, with ``NBS``/``Niet beschikbaar`` where the LED
cannot derive a level). Universities and hogescholen are the real Flemish ones,
other institutions are named in the same style; all numbers are illustrative.

Every string here fits the facets of MAGDA's ``BewijsSimple.xsd``
(Instellingsnaam at most 120 characters, Instellingsnummer digits only and at
most 6, Land/Taal codes at least 3 characters, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from led_gateway.domain.bewijs import NIET_BESCHIKBAAR, AlternatieveInstantie, CodeNaam, NaamInhoud
from led_gateway.domain.dekking import BRONNEN, LEVERANCIER_NAMEN, Bron, bron, bronnen_van

__all__ = ["BRONNEN", "LEVERANCIER_NAMEN", "Bron", "bron", "bronnen_van"]

#: Indicative days between uitreiking and availability in the LED, per leverancier; others ~20.
REGISTRATIETERMIJN_DAGEN: dict[str, int] = {
    "Basisonderwijs": 1,
    "Secundair onderwijs": 1,
    "Hoger onderwijs": 5,
    "Volwassenenonderwijs": 10,
}
STANDAARD_REGISTRATIETERMIJN_DAGEN = 20


def registratietermijn(bron: Bron) -> int:
    """Typical days before a bewijs of this source can be consulted in the LED."""
    return REGISTRATIETERMIJN_DAGEN.get(bron.leverancier_naam, STANDAARD_REGISTRATIETERMIJN_DAGEN)


# --------------------------------------------------------------------------------------------------
# Authenticity and pseudo-values
# --------------------------------------------------------------------------------------------------

AUTHENTIEK = "Authentiek"
EIGEN_VERKLARING_OP_EER = "Eigen verklaring - Op eer"
EIGEN_VERKLARING_GEVERIFIEERD = "Eigen verklaring - Geverifieerd"

NBS = CodeNaam(*NIET_BESCHIKBAAR)
NVT = CodeNaam("NVT", "Niet van toepassing")
NIET_VAN_TOEPASSING = "Niet van toepassing"
NIET_BESCHIKBAAR_NAAM = NIET_BESCHIKBAAR[1]


def vks(niveau: int) -> CodeNaam:
    """A level of the Vlaamse kwalificatiestructuur."""
    return CodeNaam(str(niveau), f"Niveau {niveau}")


# --------------------------------------------------------------------------------------------------
# Template building blocks
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instelling:
    naam: str
    nummer: str | None = None


@dataclass(frozen=True)
class Richting:
    """A Studierichting (or Specialisatie, DetailOnderwerp): free text and an optional source code."""

    naam: str
    code: str | None = None


@dataclass(frozen=True)
class Herkomst:
    """Country and language of a bewijs; a foreign one may name its own institution."""

    land_code: str
    taal_code: str
    instelling: str | None = None


@dataclass(frozen=True)
class Afgeleid:
    """What the LED derives from Onderwerp and level: ISCED field and level, VKS levels."""

    isced_studiegebied: CodeNaam
    isced_niveau: CodeNaam
    vks_onderwijs: CodeNaam = NBS
    vks_beroeps: CodeNaam = NBS
    isced_studiegebied2013: CodeNaam | None = None
    isced_niveau2011: CodeNaam | None = None


VLAANDEREN = (Herkomst("BEL", "nld"),)
SCHOOLJAAR_EINDE = (6,)
ALLE_MAANDEN = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)


@dataclass(frozen=True)
class BewijsSjabloon:
    """A typical bewijs of one source; the generator picks a richting, institution and date.

    ``volledige_naam`` and ``omschrijving`` may hold ``{richting}``. ``leeftijd`` is the
    usual age range (inclusive) at uitreiking; ``maanden`` the months in which it is
    usually awarded and ``dagen`` the day range. ``volledige_datum`` is the share
    delivered with month and day (some sources deliver only the year).
    """

    bron_key: str
    categorie: str
    graad: str
    onderwijsvorm: str
    bewijstype: str
    bewijsstaat: str
    instantie: str
    onderwerp: CodeNaam
    volledige_naam: str
    instellingen: tuple[Instelling, ...]
    schooltype: str
    leeftijd: tuple[int, int]
    afgeleid: Afgeleid
    richtingen: tuple[Richting, ...] = ()
    omschrijving: str | None = None
    maanden: tuple[int, ...] = ALLE_MAANDEN
    dagen: tuple[int, int] = (1, 28)
    volledige_datum: float = 0.95
    finaliteit: str | None = None
    behaald_via_evc: bool | None = None
    specialisatie: Richting | None = None
    detail_onderwerp: Richting | None = None
    vervalperiode: str | None = None
    uren: tuple[int, ...] = ()
    beroepskwalificaties: tuple[CodeNaam, ...] = ()
    deelkwalificaties: tuple[CodeNaam, ...] = ()
    alternatieve_instanties: tuple[AlternatieveInstantie, ...] = ()
    vaste_informaties: tuple[NaamInhoud, ...] = ()
    vermeldingen: tuple[str, ...] = ()
    herkomsten: tuple[Herkomst, ...] = VLAANDEREN
    tot_jaar: int | None = None
    gewicht: float = 1.0
    herhaalbaar: bool = False


# --------------------------------------------------------------------------------------------------
# ISCED fields of study (1997 and 2013) and levels (1997 and 2011)
# --------------------------------------------------------------------------------------------------

ALGEMEEN = CodeNaam("010", "Basisopleidingen, algemene opleidingen")
ALGEMEEN_2013 = CodeNaam("0011", "Basisprogramma's en kwalificaties")
TALEN = CodeNaam("222", "Vreemde talen")
PSYCHOLOGIE = CodeNaam("311", "Psychologie")
SOCIOLOGIE = CodeNaam("312", "Sociologie en cultuurwetenschappen")
ECONOMIE = CodeNaam("314", "Economie")
HANDEL = CodeNaam("341", "Groot- en kleinhandel")
BOEKHOUDING = CodeNaam("344", "Boekhouden en belastingen")
MANAGEMENT = CodeNaam("345", "Management en administratie")
SECRETARIAAT = CodeNaam("346", "Secretariaat en kantoorwerk")
RECHT = CodeNaam("380", "Recht")
BIOLOGIE = CodeNaam("421", "Biologie")
INFORMATICA = CodeNaam("481", "Computerwetenschappen")
INGENIEUR = CodeNaam("520", "Ingenieurswetenschappen")
MECHANICA = CodeNaam("521", "Werktuigbouwkunde en metaalbewerking")
ELEKTRICITEIT = CodeNaam("522", "Elektriciteit en energie")
ELEKTRONICA = CodeNaam("523", "Elektronica en automatisatie")
AUTOTECHNIEK = CodeNaam("525", "Motorvoertuigen, schepen en vliegtuigen")
VOEDING = CodeNaam("541", "Voedingsmiddelen")
HOUT = CodeNaam("543", "Materialen (hout, papier, kunststof, glas)")
BOUW = CodeNaam("582", "Bouw en civiele techniek")
TUINBOUW = CodeNaam("622", "Tuinbouw")
LERAREN_BASIS = CodeNaam("144", "Opleiding van leraren basisonderwijs")
AUDIOVISUEEL = CodeNaam("213", "Audiovisuele technieken en mediaproductie")
GENEESKUNDE = CodeNaam("721", "Geneeskunde")
VERPLEEGKUNDE = CodeNaam("723", "Verpleging en verzorging")
KINDERZORG = CodeNaam("761", "Kinderzorg en jeugdwerk")
SOCIAAL_WERK = CodeNaam("762", "Sociaal werk en begeleiding")
HORECA = CodeNaam("811", "Horeca")
SPORT = CodeNaam("813", "Sport")
HAARZORG = CodeNaam("815", "Haar- en schoonheidsverzorging")
TRANSPORT = CodeNaam("840", "Transport")
MILIEU = CodeNaam("851", "Milieubeschermingstechnologie")
VEILIGHEID = CodeNaam("862", "Arbeidsveiligheid en gezondheid")

LAGER = CodeNaam("1", "Lager onderwijs")
EERSTE_GRAAD = CodeNaam("2", "1e graad secundair onderwijs")
SECUNDAIR_A = CodeNaam("3A", "ASO, TSO en KSO Secundair onderwijs")
SECUNDAIR_C = CodeNaam("3C", "BSO Secundair onderwijs")
POSTSECUNDAIR = CodeNaam("4C", "Postsecundair niet-hoger onderwijs")
HOGER_BEROEPS = CodeNaam("5B", "Hoger beroepsonderwijs")
HOGER_ACADEMISCH = CodeNaam("5A", "Hoger academisch onderwijs")
DOCTORAAT = CodeNaam("6", "Doctoraat")

I2011_LAGER = CodeNaam("100", "Lager onderwijs")
I2011_SECUNDAIR_ALGEMEEN = CodeNaam("344", "Hoger secundair algemeen onderwijs, volledig")
I2011_SECUNDAIR_BEROEPS = CodeNaam("354", "Hoger secundair beroepsonderwijs, volledig")
I2011_SECUNDAIR_BEROEPS_KORT = CodeNaam("353", "Hoger secundair beroepsonderwijs, zonder toegang tot hoger")
I2011_KORTE_CYCLUS = CodeNaam("554", "Hoger onderwijs korte cyclus, beroepsgericht")
I2011_BACHELOR = CodeNaam("645", "Bachelor of gelijkwaardig, academisch")
I2011_PROF_BACHELOR = CodeNaam("655", "Bachelor of gelijkwaardig, beroepsgericht")
I2011_MASTER = CodeNaam("747", "Master of gelijkwaardig, academisch")
I2011_DOCTORAAT = CodeNaam("844", "Doctoraat of gelijkwaardig")

# --------------------------------------------------------------------------------------------------
# Institutions
# --------------------------------------------------------------------------------------------------

BASISSCHOLEN = (
    Instelling("Vrije Basisschool Sint-Jozef Aalst", "11452"),
    Instelling("GO! basisschool De Wondertuin Gent", "28761"),
    Instelling("Gemeentelijke Basisschool Het Klavertje Kortrijk", "16073"),
    Instelling("Stedelijke Basisschool De Vlinder Antwerpen", "12912"),
    Instelling("Vrije Basisschool Heilig Hart Hasselt", "20552"),
    Instelling("Basisschool Sint-Pieter Leuven", "17436"),
    Instelling("Vrije Basisschool De Regenboog Brugge", "14084"),
)
BUITENGEWONE_BASISSCHOLEN = (
    Instelling("Buitengewone Lagere School De Zonnebloem Mechelen", "19371"),
    Instelling("GO! Buitengewoon Basisonderwijs Het Anker Oostende", "29843"),
)
EXAMENCOMMISSIE_BASIS = (Instelling("Examencommissie basisonderwijs"),)
EXAMENCOMMISSIE_SECUNDAIR = (Instelling("Examencommissie secundair onderwijs"),)

SECUNDAIRE_SCHOLEN = (
    Instelling("Sint-Barbaracollege Gent", "30346"),
    Instelling("Koninklijk Atheneum Antwerpen", "31716"),
    Instelling("Sint-Lodewijkscollege Brugge", "30825"),
    Instelling("Sint-Pieterscollege Leuven", "32631"),
    Instelling("GO! atheneum Hasselt", "36301"),
    Instelling("Sint-Jozefscollege Aalst", "30148"),
    Instelling("Heilig-Hartcollege Maasmechelen", "35862"),
    Instelling("Sint-Romboutscollege Mechelen", "33092"),
)
TECHNISCHE_SCHOLEN = (
    Instelling("VTI Aalst", "35717"),
    Instelling("Technisch Instituut Sint-Vincentius Gent", "31385"),
    Instelling("GO! technisch atheneum Brussel", "47183"),
    Instelling("Vrij Technisch Instituut Kortrijk", "34603"),
    Instelling("Sint-Jozefsinstituut Technisch Onderwijs Genk", "36921"),
    Instelling("PTI Kortrijk", "46995"),
)

UNIVERSITEITEN = (
    Instelling("Universiteit Gent", "110130"),
    Instelling("Katholieke Universiteit Leuven", "110131"),
    Instelling("Universiteit Antwerpen", "110132"),
    Instelling("Vrije Universiteit Brussel", "110133"),
    Instelling("Universiteit Hasselt", "110134"),
)
HOGESCHOLEN = (
    Instelling("Hogeschool Gent", "110151"),
    Instelling("Arteveldehogeschool", "110152"),
    Instelling("Karel de Grote Hogeschool", "110153"),
    Instelling("AP Hogeschool Antwerpen", "110154"),
    Instelling("Thomas More Kempen", "110155"),
    Instelling("Hogeschool PXL", "110156"),
    Instelling("UC Leuven-Limburg", "110157"),
    Instelling("Odisee", "110158"),
    Instelling("Hogeschool VIVES Zuid", "110159"),
    Instelling("Hogeschool West-Vlaanderen", "110160"),
    Instelling("Erasmushogeschool Brussel", "110161"),
)

CENTRA_VOLWASSENENONDERWIJS = (
    Instelling("Centrum voor Volwassenenonderwijs Kisp - VTI Aalst", "35881"),
    Instelling("CVO Antwerpen", "125229"),
    Instelling("Centrum voor Volwassenenonderwijs Gent", "125195"),
    Instelling("CVO Leuven-Landen", "125211"),
    Instelling("Centrum voor Volwassenenonderwijs VSPW Kortrijk", "41657"),
    Instelling("CVO Limburg", "125245"),
    Instelling("Centrum voor Volwassenenonderwijs Brussel", "46946"),
)
CENTRA_BASISEDUCATIE = (
    Instelling("Centrum voor Basiseducatie Gent-Meetjesland-Leieland", "126516"),
    Instelling("Ligo Antwerpen", "126474"),
)

VDAB_CENTRA = (
    Instelling("VDAB Competentiecentrum Gent"),
    Instelling("VDAB Competentiecentrum Antwerpen Hoboken"),
    Instelling("VDAB Competentiecentrum Brugge"),
    Instelling("VDAB Competentiecentrum Genk"),
    Instelling("VDAB Competentiecentrum Leuven"),
    Instelling("VDAB Competentiecentrum Wondelgem"),
)
SYNTRA_CAMPUSSEN = (
    Instelling("SYNTRA West - campus Brugge"),
    Instelling("SYNTRA AB - campus Antwerpen"),
    Instelling("SYNTRA Midden-Vlaanderen - campus Gent"),
    Instelling("SYNTRA Limburg - campus Hasselt"),
    Instelling("SYNTRA Vlaams-Brabant - campus Leuven"),
)
WSE_VERSTREKKERS = (
    Instelling("Constructiv opleidingscentrum"),
    Instelling("Educam opleidingscentrum Kontich"),
    Instelling("Cevora"),
    Instelling("Vormelek"),
    Instelling("Horeca Vlaanderen Opleidingen"),
)
EVC_TESTCENTRA = (
    Instelling("Erkend testcentrum ervaringsbewijzen Gent"),
    Instelling("Erkend testcentrum ervaringsbewijzen Antwerpen"),
    Instelling("Erkend testcentrum ervaringsbewijzen Brugge"),
    Instelling("Erkend testcentrum ervaringsbewijzen Hasselt"),
)
NARIC = (Instelling("NARIC Vlaanderen"),)
OMGEVING_OPLEIDINGSCENTRA = (
    Instelling("Erkend opleidingscentrum koeltechniek Gent"),
    Instelling("Erkend opleidingscentrum verwarming Antwerpen"),
    Instelling("Erkend opleidingscentrum energiedeskundigen Leuven"),
    Instelling("Erkend opleidingscentrum asbest Kortrijk"),
)
NIET_BESCHIKBAAR_INSTELLING = (Instelling(NIET_BESCHIKBAAR_NAAM),)

# --------------------------------------------------------------------------------------------------
# Templates per source
# --------------------------------------------------------------------------------------------------

_NVT = NIET_VAN_TOEPASSING
_MODULE_STANDAARD = (NaamInhoud("Module type", "Standaard"),)
_GRADEN_VAN_VERDIENSTE = (
    "op voldoende wijze",
    "met onderscheiding",
    "met grote onderscheiding",
    "met grootste onderscheiding",
)

_BASISONDERWIJS = (
    BewijsSjabloon(
        "basisonderwijs",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Basisschool",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        BASISSCHOLEN,
        "Gewoon",
        (11, 13),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        omschrijving="Getuigschrift basisonderwijs",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(26, 30),
        gewicht=4,
    ),
    BewijsSjabloon(
        "basisonderwijs",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Basisschool",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        BUITENGEWONE_BASISSCHOLEN,
        "Buitengewoon",
        (12, 14),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        omschrijving="Getuigschrift buitengewoon lager onderwijs",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(26, 30),
    ),
    BewijsSjabloon(
        "basisonderwijs",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (12, 14),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        omschrijving="Getuigschrift basisonderwijs behaald in het eerste leerjaar A secundair onderwijs",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(26, 30),
        gewicht=0.5,
    ),
    BewijsSjabloon(
        "basisonderwijs_examencommissie",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Examencommissie basisonderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Getuigschrift basisonderwijs",
        EXAMENCOMMISSIE_BASIS,
        _NVT,
        (11, 14),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        maanden=(1, 6, 9),
        gewicht=2,
    ),
    BewijsSjabloon(
        "basisonderwijs_examencommissie",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Examencommissie basisonderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Getuigschrift basisonderwijs",
        EXAMENCOMMISSIE_BASIS,
        _NVT,
        (14, 17),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        maanden=(1, 6, 9),
    ),
    BewijsSjabloon(
        "basisonderwijs_examencommissie",
        "Basisonderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Examencommissie basisonderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Getuigschrift basisonderwijs",
        EXAMENCOMMISSIE_BASIS,
        _NVT,
        (18, 60),
        Afgeleid(ALGEMEEN, LAGER, NVT, NBS, ALGEMEEN_2013, I2011_LAGER),
        maanden=(1, 6, 9),
    ),
)

_ASO_RICHTINGEN = (
    Richting("Economie-moderne talen", "022339"),
    Richting("Economie-wiskunde", "022344"),
    Richting("Latijn-wiskunde", "022351"),
    Richting("Wetenschappen-wiskunde", "022362"),
    Richting("Moderne talen-wetenschappen", "022357"),
    Richting("Humane wetenschappen", "022348"),
)
_SECUNDAIR_GRAAD_1 = Afgeleid(ALGEMEEN, EERSTE_GRAAD, NBS, NBS)
_SECUNDAIR_GRAAD_2 = Afgeleid(ALGEMEEN, SECUNDAIR_A, NVT, NBS)

_SECUNDAIR = (
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "1ste graad",
        "A",
        "Getuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (13, 15),
        _SECUNDAIR_GRAAD_1,
        richtingen=(Richting("Moderne wetenschappen", "020098"), Richting("Latijn", "020095")),
        omschrijving="Getuigschrift A 1ste graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=2,
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "2de graad",
        "ASO",
        "Getuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (15, 17),
        _SECUNDAIR_GRAAD_2,
        richtingen=(
            Richting("Economie", "032918"),
            Richting("Latijn", "032921"),
            Richting("Wetenschappen", "032935"),
        ),
        omschrijving="Getuigschrift ASO 2de graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=2,
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "ASO",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("10001", "Algemene vorming"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(ALGEMEEN, SECUNDAIR_A, vks(4), NBS, ALGEMEEN_2013, I2011_SECUNDAIR_ALGEMEEN),
        richtingen=_ASO_RICHTINGEN,
        omschrijving="Diploma ASO 3de graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=4,
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "TSO",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("521002", "Mechanica en elektromechanica"),
        NIET_BESCHIKBAAR_NAAM,
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(
            MECHANICA,
            SECUNDAIR_A,
            vks(4),
            NBS,
            CodeNaam("0715", "Werktuigbouwkunde en metaalbewerking"),
            I2011_SECUNDAIR_BEROEPS,
        ),
        richtingen=(Richting("Elektromechanica", "023416"), Richting("Industriële wetenschappen", "023421")),
        omschrijving="Diploma TSO 3de graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=2,
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "TSO",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("345001", "Handel en administratie"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN + TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(MANAGEMENT, SECUNDAIR_A, vks(4), NBS),
        richtingen=(
            Richting("Handel", "023381"),
            Richting("Informaticabeheer", "023388"),
            Richting("Secretariaat-talen", "023394"),
        ),
        omschrijving="Diploma TSO 3de graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=2,
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "BSO",
        "Studiegetuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("761002", "Verzorging"),
        NIET_BESCHIKBAAR_NAAM,
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(KINDERZORG, SECUNDAIR_C, vks(3), NBS),
        richtingen=(Richting("Verzorging-voeding", "024115"), Richting("Kantoor", "024108")),
        omschrijving="Studiegetuigschrift tweede leerjaar van de derde graad BSO {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "BSO",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("761001", "Kinderzorg"),
        NIET_BESCHIKBAAR_NAAM,
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (18, 20),
        Afgeleid(KINDERZORG, POSTSECUNDAIR, vks(4), NBS),
        richtingen=(Richting("Kinderzorg", "024201"), Richting("Thuis- en bejaardenzorg", "024205")),
        omschrijving="Diploma BSO 3de graad derde leerjaar Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
    ),
    BewijsSjabloon(
        "secundair",
        "Secundair onderwijs",
        "3de graad",
        "KSO",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("214001", "Beeldende vorming"),
        NIET_BESCHIKBAAR_NAAM,
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(CodeNaam("214", "Design"), SECUNDAIR_A, vks(4), NBS),
        richtingen=(Richting("Beeldende vorming", "023611"), Richting("Architecturale vorming", "023605")),
        omschrijving="Diploma KSO 3de graad Secundair onderwijs {richting}",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=0.5,
    ),
)

_SECUNDAIR_KWALIFICATIES = (
    BewijsSjabloon(
        "secundair_kwalificaties",
        "Secundair onderwijs",
        "3de graad",
        "Niet van toepassing",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("314001", "Economie"),
        "Diploma van secundair onderwijs {richting}",
        SECUNDAIRE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(ECONOMIE, SECUNDAIR_A, vks(4), NBS, CodeNaam("0311", "Economie"), I2011_SECUNDAIR_ALGEMEEN),
        richtingen=(
            Richting("Economische wetenschappen", "D-ECW"),
            Richting("Bedrijfswetenschappen", "D-BDW"),
        ),
        finaliteit="Doorstroomfinaliteit",
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
        gewicht=2,
    ),
    BewijsSjabloon(
        "secundair_kwalificaties",
        "Secundair onderwijs",
        "3de graad",
        "Niet van toepassing",
        "Diploma",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("522001", "Elektriciteit"),
        "Diploma van secundair onderwijs {richting}",
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 19),
        Afgeleid(
            ELEKTRICITEIT,
            SECUNDAIR_A,
            vks(4),
            vks(4),
            CodeNaam("0713", "Elektriciteit en energie"),
            I2011_SECUNDAIR_BEROEPS,
        ),
        richtingen=(
            Richting("Elektrotechnieken", "DF-ELT"),
            Richting("Elektromechanische technieken", "DF-EMT"),
        ),
        finaliteit="Dubbele finaliteit",
        beroepskwalificaties=(CodeNaam("BK-0135-2", "Technicus elektrotechnische installaties"),),
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
    ),
    BewijsSjabloon(
        "secundair_kwalificaties",
        "Secundair onderwijs",
        "3de graad",
        "Niet van toepassing",
        "Studiegetuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("761003", "Zorg"),
        "Studiegetuigschrift {richting}",
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 20),
        Afgeleid(
            VERPLEEGKUNDE,
            SECUNDAIR_C,
            vks(3),
            vks(3),
            CodeNaam("0913", "Verpleegkunde en vroedkunde"),
            I2011_SECUNDAIR_BEROEPS_KORT,
        ),
        richtingen=(Richting("Verzorging", "AF-VZG"),),
        finaliteit="Arbeidsmarktfinaliteit",
        beroepskwalificaties=(CodeNaam("BK-0046-3", "Verzorgende"),),
        maanden=SCHOOLJAAR_EINDE,
        dagen=(27, 30),
    ),
    BewijsSjabloon(
        "secundair_kwalificaties",
        "Secundair onderwijs",
        "Niet van toepassing",
        "Duaal leren",
        "Getuigschrift",
        "Eindbewijs",
        "Secundaire school",
        CodeNaam("811001", "Horeca"),
        "Bewijs van beroepskwalificatie {richting}",
        TECHNISCHE_SCHOLEN,
        "Gewoon",
        (17, 22),
        Afgeleid(HORECA, SECUNDAIR_C, NBS, vks(3), CodeNaam("1013", "Hotel, restaurant en catering")),
        richtingen=(Richting("Hulpkok", "BK-0270-2"), Richting("Kelner", "BK-0268-2")),
        finaliteit="Arbeidsmarktfinaliteit",
        beroepskwalificaties=(CodeNaam("BK-0270-2", "Hulpkok"),),
        deelkwalificaties=(CodeNaam("DK-0112-1", "Medewerker bediening"),),
    ),
)

_EXAMENCOMMISSIE = (
    BewijsSjabloon(
        "examencommissie",
        "Secundair onderwijs",
        "3de graad",
        "ASO",
        "Diploma",
        "Eindbewijs",
        "Examencommissie secundair onderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Diploma van secundair onderwijs {richting}",
        EXAMENCOMMISSIE_SECUNDAIR,
        _NVT,
        (18, 45),
        Afgeleid(ALGEMEEN, SECUNDAIR_A, vks(4), NBS),
        richtingen=(
            Richting("Humane wetenschappen"),
            Richting("Economie-moderne talen"),
            Richting("Wetenschappen-wiskunde"),
        ),
        maanden=(1, 6, 9),
        gewicht=3,
    ),
    BewijsSjabloon(
        "examencommissie",
        "Secundair onderwijs",
        "1ste graad",
        "A",
        "Getuigschrift",
        "Eindbewijs",
        "Examencommissie secundair onderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Getuigschrift van de eerste graad van het secundair onderwijs",
        EXAMENCOMMISSIE_SECUNDAIR,
        _NVT,
        (14, 40),
        _SECUNDAIR_GRAAD_1,
        maanden=(1, 6, 9),
    ),
    BewijsSjabloon(
        "examencommissie",
        "Secundair onderwijs",
        "2de graad",
        "ASO",
        "Getuigschrift",
        "Eindbewijs",
        "Examencommissie secundair onderwijs",
        CodeNaam("10001", "Algemene vorming"),
        "Getuigschrift van de tweede graad van het secundair onderwijs",
        EXAMENCOMMISSIE_SECUNDAIR,
        _NVT,
        (16, 40),
        _SECUNDAIR_GRAAD_2,
        maanden=(1, 6, 9),
    ),
    BewijsSjabloon(
        "examencommissie",
        "Secundair onderwijs",
        "3de graad",
        "TSO",
        "Diploma",
        "Eindbewijs",
        "Examencommissie secundair onderwijs",
        CodeNaam("345001", "Handel en administratie"),
        "Diploma van secundair onderwijs {richting}",
        EXAMENCOMMISSIE_SECUNDAIR,
        _NVT,
        (18, 45),
        Afgeleid(MANAGEMENT, SECUNDAIR_A, vks(4), NBS),
        richtingen=(Richting("Handel"),),
        maanden=(1, 6, 9),
    ),
)

_HO_SESSIES = (2, 6, 7, 9)

_HOGER_ONDERWIJS = (
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Licentiaat",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Universiteit",
        CodeNaam("312002", "Sociologie"),
        NIET_BESCHIKBAAR_NAAM,
        UNIVERSITEITEN,
        _NVT,
        (21, 25),
        Afgeleid(SOCIOLOGIE, HOGER_ACADEMISCH, vks(7), NBS),
        richtingen=(Richting("Sociologie", "027034"), Richting("Politieke wetenschappen", "027029")),
        omschrijving="Licentiaat {richting}",
        maanden=(6, 7, 9),
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
        tot_jaar=2009,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Bachelor",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Universiteit",
        CodeNaam("380001", "Rechten"),
        NIET_BESCHIKBAAR_NAAM,
        UNIVERSITEITEN,
        _NVT,
        (20, 23),
        Afgeleid(RECHT, HOGER_ACADEMISCH, vks(6), NBS, CodeNaam("0421", "Recht"), I2011_BACHELOR),
        richtingen=(Richting("Bachelor in de rechten", "50101"),),
        omschrijving="{richting}",
        maanden=_HO_SESSIES,
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Master",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Universiteit",
        CodeNaam("311001", "Psychologie"),
        "{richting}",
        UNIVERSITEITEN,
        _NVT,
        (22, 27),
        Afgeleid(PSYCHOLOGIE, HOGER_ACADEMISCH, vks(7), NBS, CodeNaam("0313", "Psychologie"), I2011_MASTER),
        richtingen=(
            Richting("Master of Science in de psychologie", "51311"),
            Richting("Master of Science in de pedagogische wetenschappen", "51314"),
        ),
        maanden=_HO_SESSIES,
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
        gewicht=2,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Master",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Universiteit",
        CodeNaam("481001", "Informatica algemeen"),
        "{richting}",
        UNIVERSITEITEN,
        _NVT,
        (22, 27),
        Afgeleid(
            INFORMATICA,
            HOGER_ACADEMISCH,
            vks(7),
            NBS,
            CodeNaam("0613", "Software- en applicatieontwikkeling en -analyse"),
            I2011_MASTER,
        ),
        richtingen=(
            Richting("Master of Science in de informatica", "51481"),
            Richting("Master of Science in de ingenieurswetenschappen: computerwetenschappen", "51482"),
        ),
        maanden=_HO_SESSIES,
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
        alternatieve_instanties=(AlternatieveInstantie("Medeorganiserende instelling", "Universiteit"),),
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Doctor",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Universiteit",
        CodeNaam("421001", "Biologie"),
        "{richting}",
        UNIVERSITEITEN,
        _NVT,
        (26, 34),
        Afgeleid(BIOLOGIE, DOCTORAAT, vks(8), NBS, CodeNaam("0511", "Biologie"), I2011_DOCTORAAT),
        richtingen=(
            Richting("Doctor in de wetenschappen: biologie", "60421"),
            Richting("Doctor in de medische wetenschappen", "60721"),
        ),
        gewicht=0.4,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Professioneel gerichte bachelor",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Hogeschool",
        CodeNaam("723001", "Verpleegkunde"),
        "{richting}",
        HOGESCHOLEN,
        _NVT,
        (20, 25),
        Afgeleid(
            VERPLEEGKUNDE,
            HOGER_ACADEMISCH,
            vks(6),
            NBS,
            CodeNaam("0913", "Verpleegkunde en vroedkunde"),
            I2011_PROF_BACHELOR,
        ),
        richtingen=(
            Richting("Bachelor in de verpleegkunde", "40723"),
            Richting("Bachelor in de vroedkunde", "40724"),
        ),
        maanden=_HO_SESSIES,
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
        gewicht=2,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Professioneel gerichte bachelor",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Hogeschool",
        CodeNaam("144001", "Onderwijs lager onderwijs"),
        "{richting}",
        HOGESCHOLEN,
        _NVT,
        (20, 25),
        Afgeleid(
            LERAREN_BASIS,
            HOGER_ACADEMISCH,
            vks(6),
            NBS,
            CodeNaam("0113", "Opleiding van leraren zonder vakspecialisatie"),
            I2011_PROF_BACHELOR,
        ),
        richtingen=(
            Richting("Bachelor in het onderwijs: lager onderwijs", "40144"),
            Richting("Bachelor in het onderwijs: kleuteronderwijs", "40143"),
        ),
        maanden=_HO_SESSIES,
        vermeldingen=_GRADEN_VAN_VERDIENSTE,
        gewicht=2,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger beroepsonderwijs",
        "Graduaat",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Hogeschool",
        CodeNaam("481002", "Programmeren"),
        "{richting}",
        HOGESCHOLEN,
        _NVT,
        (20, 35),
        Afgeleid(
            INFORMATICA,
            HOGER_BEROEPS,
            vks(5),
            NBS,
            CodeNaam("0613", "Software- en applicatieontwikkeling en -analyse"),
            I2011_KORTE_CYCLUS,
        ),
        richtingen=(
            Richting("Graduaat in het programmeren", "30481"),
            Richting("Graduaat in de boekhouding", "30344"),
        ),
        maanden=_HO_SESSIES,
    ),
    BewijsSjabloon(
        "hoger_onderwijs",
        "Hoger onderwijs",
        "Niet van toepassing",
        _NVT,
        "Attest",
        "Tussenbewijs",
        "Universiteit",
        CodeNaam("345002", "Bedrijfskunde"),
        "Creditbewijs {richting}",
        UNIVERSITEITEN,
        _NVT,
        (19, 45),
        Afgeleid(MANAGEMENT, NBS, NBS, NBS),
        richtingen=(Richting("Bedrijfseconomie"), Richting("Statistiek"), Richting("Marketing")),
        maanden=(2, 7, 9),
        herhaalbaar=True,
    ),
)

_VWO_TALEN = (
    Richting("Spaans Breakthrough 1", "00000711"),
    Richting("Engels Waystage 2", "00000521"),
    Richting("Frans Threshold 1", "00000633"),
    Richting("Italiaans Breakthrough 2", "00000742"),
    Richting("Nederlands tweede taal 1.1", "00000412"),
)

_VOLWASSENENONDERWIJS = (
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Secundair onderwijs",
        _NVT,
        _NVT,
        "Deelcertificaat",
        "Tussenbewijs",
        "Centrum voor Volwassenenonderwijs (CVO)",
        CodeNaam("222001", "Moderne talen"),
        "Deelcertificaat {richting}",
        CENTRA_VOLWASSENENONDERWIJS,
        "Gewoon",
        (18, 70),
        Afgeleid(TALEN, NBS, NBS, NBS),
        richtingen=_VWO_TALEN,
        omschrijving="Deelcertificaat {richting}",
        maanden=(1, 2, 3, 4, 5, 6, 9, 10, 11, 12),
        uren=(40, 60, 80, 120),
        vaste_informaties=_MODULE_STANDAARD,
        gewicht=3,
        herhaalbaar=True,
    ),
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Hoger beroepsonderwijs",
        _NVT,
        _NVT,
        "Attest",
        "Tussenbewijs",
        "Centrum voor Volwassenenonderwijs (CVO)",
        CodeNaam("481001", "Informatica algemeen"),
        "Attest {richting}",
        CENTRA_VOLWASSENENONDERWIJS,
        _NVT,
        (20, 60),
        Afgeleid(INFORMATICA, NBS, NBS, NBS),
        richtingen=(
            Richting("Webontwikkeling TV", "40005521"),
            Richting("Databanken TV", "40005530"),
            Richting("Netwerkbeheer 1 TV", "40005512"),
        ),
        omschrijving="Attest {richting}",
        maanden=(1, 2, 6, 9),
        uren=(40, 80, 120),
        vaste_informaties=_MODULE_STANDAARD,
        gewicht=2,
        herhaalbaar=True,
    ),
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Secundair onderwijs",
        "3de graad",
        "Niet van toepassing",
        "Diploma",
        "Eindbewijs",
        "Centrum voor Volwassenenonderwijs (CVO)",
        CodeNaam("10001", "Algemene vorming"),
        "Diploma van secundair onderwijs",
        CENTRA_VOLWASSENENONDERWIJS,
        "Gewoon",
        (19, 50),
        Afgeleid(ALGEMEEN, SECUNDAIR_A, vks(4), NBS, ALGEMEEN_2013, I2011_SECUNDAIR_ALGEMEEN),
        richtingen=(Richting("Algemeen secundair onderwijs"),),
        omschrijving="Diploma van secundair onderwijs - tweedekansonderwijs",
        maanden=(1, 6),
        uren=(1360, 1440),
    ),
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Hoger beroepsonderwijs",
        "Niet van toepassing",
        _NVT,
        "Diploma",
        "Eindbewijs",
        "Centrum voor Volwassenenonderwijs (CVO)",
        CodeNaam("344001", "Boekhouding"),
        "Diploma van gegradueerde in de {richting}",
        CENTRA_VOLWASSENENONDERWIJS,
        _NVT,
        (22, 55),
        Afgeleid(BOEKHOUDING, HOGER_BEROEPS, vks(5), NBS),
        richtingen=(Richting("boekhouding", "40003440"), Richting("informatica", "40004810")),
        maanden=(1, 6),
        uren=(1200, 1360),
        tot_jaar=2019,
    ),
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Secundair onderwijs",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Centrum voor Volwassenenonderwijs (CVO)",
        CodeNaam("815001", "Haarzorg"),
        "Getuigschrift {richting}",
        CENTRA_VOLWASSENENONDERWIJS,
        "Gewoon",
        (19, 55),
        Afgeleid(HAARZORG, SECUNDAIR_C, NBS, vks(4), CodeNaam("1012", "Haar- en schoonheidsverzorging")),
        richtingen=(Richting("Kapper", "00001501"), Richting("Schoonheidsspecialist", "00001503")),
        maanden=(1, 6),
        uren=(560, 720, 880),
        beroepskwalificaties=(CodeNaam("BK-0017-2", "Kapper"),),
    ),
    BewijsSjabloon(
        "volwassenenonderwijs",
        "Basiseducatie",
        _NVT,
        _NVT,
        "Deelcertificaat",
        "Tussenbewijs",
        "Centrum voor Basiseducatie",
        CodeNaam("222002", "Nederlands tweede taal"),
        "Deelcertificaat {richting}",
        CENTRA_BASISEDUCATIE,
        _NVT,
        (18, 65),
        Afgeleid(TALEN, NBS, NBS, NBS),
        richtingen=(
            Richting("Nederlands tweede taal Richtgraad 1.1"),
            Richting("Nederlands tweede taal Richtgraad 1.2"),
        ),
        uren=(40, 80, 120),
        vaste_informaties=_MODULE_STANDAARD,
        herhaalbaar=True,
    ),
)

_VDAB = (
    BewijsSjabloon(
        "vdab",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Attest",
        "Eindbewijs",
        "VDAB",
        CodeNaam("840005", "Interne transportmiddelen"),
        "Attest {richting}",
        VDAB_CENTRA,
        _NVT,
        (18, 60),
        Afgeleid(TRANSPORT, NBS, NBS, vks(2), CodeNaam("1041", "Transportdiensten")),
        richtingen=(Richting("Heftruckchauffeur", "VDAB-HEF"), Richting("Reachtruckchauffeur", "VDAB-REA")),
        gewicht=2,
    ),
    BewijsSjabloon(
        "vdab",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "VDAB",
        CodeNaam("521003", "Lassen"),
        "Getuigschrift beroepsopleiding {richting}",
        VDAB_CENTRA,
        _NVT,
        (18, 55),
        Afgeleid(MECHANICA, NBS, NBS, vks(3)),
        richtingen=(Richting("Lasser MIG/MAG", "VDAB-LMM"), Richting("Lasser TIG", "VDAB-LTI")),
    ),
    BewijsSjabloon(
        "vdab",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "VDAB",
        CodeNaam("346001", "Administratie"),
        "Getuigschrift beroepsopleiding {richting}",
        VDAB_CENTRA,
        _NVT,
        (18, 60),
        Afgeleid(SECRETARIAAT, NBS, NBS, vks(3), CodeNaam("0415", "Secretariaat en kantoorwerk")),
        richtingen=(
            Richting("Administratief medewerker", "VDAB-ADM"),
            Richting("Onthaalmedewerker", "VDAB-ONT"),
        ),
    ),
    BewijsSjabloon(
        "vdab",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "VDAB",
        CodeNaam("522003", "Elektriciteit"),
        "Getuigschrift beroepsopleiding {richting}",
        VDAB_CENTRA,
        _NVT,
        (18, 55),
        Afgeleid(ELEKTRICITEIT, NBS, NBS, vks(3), CodeNaam("0713", "Elektriciteit en energie")),
        richtingen=(Richting("Residentieel elektrotechnisch installateur", "VDAB-REI"),),
        beroepskwalificaties=(CodeNaam("BK-0003-2", "Residentieel elektrotechnisch installateur"),),
    ),
    BewijsSjabloon(
        "vdab",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Attest",
        "Tussenbewijs",
        "VDAB",
        CodeNaam("481003", "Programmeren"),
        "Attest {richting}",
        VDAB_CENTRA,
        _NVT,
        (20, 55),
        Afgeleid(INFORMATICA, NBS, NBS, NBS),
        richtingen=(
            Richting("Webontwikkelaar - module front-end"),
            Richting("Java-ontwikkelaar - module basis"),
        ),
        herhaalbaar=True,
    ),
)

_SYNTRA = (
    BewijsSjabloon(
        "syntra",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("815001", "Haarzorg"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (19, 40),
        Afgeleid(HAARZORG, NBS, NBS, NBS),
        richtingen=(Richting("Kapper"), Richting("Schoonheidsspecialist")),
        omschrijving="Getuigschrift praktijk en beroepskennis ondernemersopleiding {richting}",
        maanden=(6, 7),
        volledige_datum=0.15,
        gewicht=2,
    ),
    BewijsSjabloon(
        "syntra",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("541001", "Voeding"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (19, 45),
        Afgeleid(VOEDING, NBS, NBS, NBS),
        richtingen=(Richting("Bakker-banketbakker"), Richting("Slager-traiteur"), Richting("Chocolatier")),
        omschrijving="Getuigschrift praktijk en beroepskennis ondernemersopleiding {richting}",
        maanden=(6, 7),
        volledige_datum=0.15,
    ),
    BewijsSjabloon(
        "syntra",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("543001", "Hout"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (16, 19),
        Afgeleid(HOUT, NBS, NBS, NBS),
        richtingen=(Richting("Schrijnwerker"), Richting("Meubelmaker")),
        omschrijving="Getuigschrift leertijd {richting}",
        maanden=(6,),
        volledige_datum=0.15,
    ),
    BewijsSjabloon(
        "syntra",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Attest",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("345003", "Bedrijfsbeheer"),
        "Attest bedrijfsbeheer",
        SYNTRA_CAMPUSSEN,
        _NVT,
        (18, 50),
        Afgeleid(MANAGEMENT, NBS, NBS, NBS),
        omschrijving="Attest bedrijfsbeheer - basiskennis",
        maanden=(1, 6),
        volledige_datum=0.15,
    ),
)

_SYNTRA_ONDERNEMERSTRAJECTEN = (
    BewijsSjabloon(
        "syntra_ondernemerstrajecten",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("341002", "Vastgoed"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (22, 50),
        Afgeleid(HANDEL, NBS, NBS, NBS),
        richtingen=(Richting("Vastgoedmakelaar"),),
        omschrijving="Getuigschrift ondernemerschapstraject beroepskennis {richting}",
        maanden=(6, 7),
        volledige_datum=0.2,
    ),
    BewijsSjabloon(
        "syntra_ondernemerstrajecten",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("213001", "Fotografie"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (20, 50),
        Afgeleid(AUDIOVISUEEL, NBS, NBS, NBS),
        richtingen=(Richting("Fotograaf"), Richting("Webdesigner")),
        omschrijving="Getuigschrift ondernemerschapstraject beroepskennis {richting}",
        maanden=(6, 7),
        volledige_datum=0.2,
    ),
    BewijsSjabloon(
        "syntra_ondernemerstrajecten",
        "Ondernemersopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "SYNTRA Vlaanderen",
        CodeNaam("813002", "Sportbegeleiding"),
        NIET_BESCHIKBAAR_NAAM,
        SYNTRA_CAMPUSSEN,
        _NVT,
        (19, 45),
        Afgeleid(SPORT, NBS, NBS, NBS),
        richtingen=(Richting("Personal trainer"), Richting("Zaakvoerder fitnesscentrum")),
        omschrijving="Getuigschrift ondernemerschapstraject beroepskennis {richting}",
        maanden=(6, 7),
        volledige_datum=0.2,
    ),
)

_WSE = (
    BewijsSjabloon(
        "wse",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Opleidingsverstrekker erkend door het Departement WSE",
        CodeNaam("582001", "Bouw"),
        "Bewijs van beroepskwalificatie {richting}",
        WSE_VERSTREKKERS,
        _NVT,
        (18, 55),
        Afgeleid(BOUW, NBS, NBS, vks(3), CodeNaam("0732", "Bouw en civiele techniek")),
        richtingen=(Richting("Metselaar", "BK-0070-3"), Richting("Tegelzetter", "BK-0082-2")),
        beroepskwalificaties=(CodeNaam("BK-0070-3", "Metselaar"),),
    ),
    BewijsSjabloon(
        "wse",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Opleidingsverstrekker erkend door het Departement WSE",
        CodeNaam("525001", "Autotechniek"),
        "Bewijs van beroepskwalificatie {richting}",
        WSE_VERSTREKKERS,
        _NVT,
        (18, 50),
        Afgeleid(AUTOTECHNIEK, NBS, NBS, vks(4), CodeNaam("0716", "Motorvoertuigen, schepen en vliegtuigen")),
        richtingen=(Richting("Autotechnicus", "BK-0116-3"),),
        beroepskwalificaties=(CodeNaam("BK-0116-3", "Autotechnicus"),),
    ),
    BewijsSjabloon(
        "wse",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Deelcertificaat",
        "Tussenbewijs",
        "Opleidingsverstrekker erkend door het Departement WSE",
        CodeNaam("811002", "Keuken"),
        "Bewijs van deelkwalificatie {richting}",
        WSE_VERSTREKKERS,
        _NVT,
        (18, 55),
        Afgeleid(HORECA, NBS, NBS, vks(2), CodeNaam("1013", "Hotel, restaurant en catering")),
        richtingen=(Richting("Keukenmedewerker", "DK-0096-2"),),
        deelkwalificaties=(CodeNaam("DK-0096-2", "Keukenmedewerker"),),
    ),
    BewijsSjabloon(
        "wse",
        "Beroepsopleidingen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        "Opleidingsverstrekker erkend door het Departement WSE",
        CodeNaam("522002", "Elektrotechniek"),
        "Bewijs van beroepskwalificatie {richting}",
        WSE_VERSTREKKERS,
        _NVT,
        (18, 55),
        Afgeleid(ELEKTRICITEIT, NBS, NBS, vks(4), CodeNaam("0713", "Elektriciteit en energie")),
        richtingen=(Richting("Industrieel elektrotechnisch installateur", "BK-0004-3"),),
        beroepskwalificaties=(CodeNaam("BK-0004-3", "Industrieel elektrotechnisch installateur"),),
        vervalperiode="5 jaar",
    ),
)

_EVC_INSTANTIE = "Departement Werk en Sociale Economie"

_EVC_ERVARINGSBEWIJZEN = (
    BewijsSjabloon(
        "evc_ervaringsbewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("840005", "Interne transportmiddelen"),
        "Ervaringsbewijs van {richting} (m/v)",
        EVC_TESTCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(TRANSPORT, NBS, NBS, NBS),
        richtingen=(
            Richting("heftruckchauffeur", "Heftruckchauffeur"),
            Richting("reachtruckchauffeur", "Reachtruckchauffeur"),
        ),
        omschrijving="Ervaringsbewijs van {richting} (m/v)",
        specialisatie=Richting(_NVT, _NVT),
        detail_onderwerp=Richting(NIET_BESCHIKBAAR_NAAM),
        gewicht=2,
    ),
    BewijsSjabloon(
        "evc_ervaringsbewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("815001", "Haarzorg"),
        "Ervaringsbewijs van {richting} (m/v)",
        EVC_TESTCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(HAARZORG, NBS, NBS, NBS),
        richtingen=(Richting("kapper", "Kapper"),),
        omschrijving="Ervaringsbewijs van {richting} (m/v)",
        specialisatie=Richting(_NVT, _NVT),
        detail_onderwerp=Richting(NIET_BESCHIKBAAR_NAAM),
    ),
    BewijsSjabloon(
        "evc_ervaringsbewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("582002", "Afwerking bouw"),
        "Ervaringsbewijs van {richting} (m/v)",
        EVC_TESTCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(BOUW, NBS, NBS, NBS),
        richtingen=(
            Richting("schilder-decorateur", "Schilder-decorateur"),
            Richting("tegelzetter", "Tegelzetter"),
        ),
        omschrijving="Ervaringsbewijs van {richting} (m/v)",
        specialisatie=Richting(_NVT, _NVT),
        detail_onderwerp=Richting(NIET_BESCHIKBAAR_NAAM),
    ),
    BewijsSjabloon(
        "evc_ervaringsbewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("840006", "Personenvervoer"),
        "Ervaringsbewijs van {richting} (m/v)",
        EVC_TESTCENTRA,
        _NVT,
        (23, 60),
        Afgeleid(TRANSPORT, NBS, NBS, NBS),
        richtingen=(Richting("buschauffeur", "Buschauffeur"),),
        omschrijving="Ervaringsbewijs van {richting} (m/v)",
        specialisatie=Richting(_NVT, _NVT),
        detail_onderwerp=Richting(NIET_BESCHIKBAAR_NAAM),
    ),
)

_EVC_KWALIFICATIEBEWIJZEN = (
    BewijsSjabloon(
        "evc_kwalificatiebewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("761001", "Kinderzorg"),
        "Bewijs van beroepskwalificatie {richting}",
        EVC_TESTCENTRA,
        _NVT,
        (22, 60),
        Afgeleid(KINDERZORG, NBS, NBS, vks(4), CodeNaam("0922", "Kinderzorg en jeugddiensten")),
        richtingen=(Richting("Kinderbegeleider baby's en peuters", "BK-0021-3"),),
        behaald_via_evc=True,
        beroepskwalificaties=(CodeNaam("BK-0021-3", "Kinderbegeleider baby's en peuters"),),
    ),
    BewijsSjabloon(
        "evc_kwalificatiebewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("762001", "Sociaal werk"),
        "Bewijs van beroepskwalificatie {richting}",
        EVC_TESTCENTRA,
        _NVT,
        (22, 60),
        Afgeleid(SOCIAAL_WERK, NBS, NBS, vks(4), CodeNaam("0923", "Sociaal werk en begeleiding")),
        richtingen=(Richting("Begeleider in de gehandicaptenzorg", "BK-0031-4"),),
        behaald_via_evc=True,
        beroepskwalificaties=(CodeNaam("BK-0031-4", "Begeleider in de gehandicaptenzorg"),),
    ),
    BewijsSjabloon(
        "evc_kwalificatiebewijzen",
        "Ervaringsbewijzen",
        _NVT,
        _NVT,
        "Getuigschrift",
        "Eindbewijs",
        _EVC_INSTANTIE,
        CodeNaam("622001", "Groenvoorziening"),
        "Bewijs van beroepskwalificatie {richting}",
        EVC_TESTCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(TUINBOUW, NBS, NBS, vks(3), CodeNaam("0812", "Tuinbouw")),
        richtingen=(Richting("Groenaanlegger", "BK-0062-3"),),
        behaald_via_evc=True,
        beroepskwalificaties=(CodeNaam("BK-0062-3", "Groenaanlegger"),),
    ),
)

_NARIC_HERKOMSTEN_HOGER = (
    Herkomst("NLD", "nld", "Universiteit van Amsterdam"),
    Herkomst("MAR", "ara", "Université Mohammed V de Rabat"),
    Herkomst("POL", "pol", "Uniwersytet Jagielloński w Krakowie"),
    Herkomst("ROU", "ron", "Universitatea din București"),
    Herkomst("TUR", "tur", "İstanbul Üniversitesi"),
    Herkomst("UKR", "ukr", "Taras Shevchenko National University of Kyiv"),
    Herkomst("SYR", "ara", "Damascus University"),
    Herkomst("IND", "eng", "University of Mumbai"),
    Herkomst("ESP", "spa", "Universidad Complutense de Madrid"),
    Herkomst("COD", "fra", "Université de Kinshasa"),
)
_NARIC_HERKOMSTEN_SECUNDAIR = (
    Herkomst("NLD", "nld"),
    Herkomst("MAR", "ara"),
    Herkomst("POL", "pol"),
    Herkomst("TUR", "tur"),
    Herkomst("AFG", "prs"),
    Herkomst("ERI", "tir"),
    Herkomst("BRA", "por"),
)

_NARIC = (
    BewijsSjabloon(
        "naric",
        "Hoger onderwijs",
        "Master",
        _NVT,
        "Gelijkwaardigheid",
        "Eindbewijs",
        "NARIC Vlaanderen",
        CodeNaam("520001", "Ingenieurswetenschappen"),
        "Gelijkwaardigheid met het diploma van master of science in de ingenieurswetenschappen",
        NARIC,
        _NVT,
        (23, 55),
        Afgeleid(INGENIEUR, HOGER_ACADEMISCH, vks(7), NBS),
        herkomsten=_NARIC_HERKOMSTEN_HOGER,
    ),
    BewijsSjabloon(
        "naric",
        "Hoger onderwijs",
        "Bachelor",
        _NVT,
        "Gelijkwaardigheid",
        "Eindbewijs",
        "NARIC Vlaanderen",
        CodeNaam("721001", "Geneeskunde"),
        "Niveaugelijkwaardigheid met het diploma van bachelor",
        NARIC,
        _NVT,
        (22, 55),
        Afgeleid(GENEESKUNDE, HOGER_ACADEMISCH, vks(6), NBS),
        herkomsten=_NARIC_HERKOMSTEN_HOGER,
    ),
    BewijsSjabloon(
        "naric",
        "Hoger onderwijs",
        "Professioneel gerichte bachelor",
        _NVT,
        "Gelijkwaardigheid",
        "Eindbewijs",
        "NARIC Vlaanderen",
        CodeNaam("723001", "Verpleegkunde"),
        "Gelijkwaardigheid met het diploma van bachelor in de verpleegkunde",
        NARIC,
        _NVT,
        (22, 55),
        Afgeleid(VERPLEEGKUNDE, HOGER_ACADEMISCH, vks(6), NBS),
        herkomsten=_NARIC_HERKOMSTEN_HOGER,
    ),
    BewijsSjabloon(
        "naric",
        "Secundair onderwijs",
        "3de graad",
        "Niet van toepassing",
        "Gelijkwaardigheid",
        "Eindbewijs",
        "NARIC Vlaanderen",
        CodeNaam("10001", "Algemene vorming"),
        "Gelijkwaardigheid met het diploma van secundair onderwijs",
        NIET_BESCHIKBAAR_INSTELLING,
        _NVT,
        (18, 50),
        Afgeleid(ALGEMEEN, SECUNDAIR_A, vks(4), NBS),
        herkomsten=_NARIC_HERKOMSTEN_SECUNDAIR,
        gewicht=1.5,
    ),
)

_OMGEVING = (
    BewijsSjabloon(
        "omgeving",
        "Wettelijke certificaten",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        "Departement Omgeving",
        CodeNaam("522004", "Koeltechniek"),
        "Certificaat koeltechniek categorie {richting}",
        OMGEVING_OPLEIDINGSCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(ELEKTRICITEIT, NBS, NBS, NBS, CodeNaam("0713", "Elektriciteit en energie")),
        richtingen=(Richting("I"), Richting("II")),
    ),
    BewijsSjabloon(
        "omgeving",
        "Wettelijke certificaten",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        "Vlaams Energie- en Klimaatagentschap",
        CodeNaam("522005", "Verwarming"),
        "Certificaat van vakbekwaamheid {richting}",
        OMGEVING_OPLEIDINGSCENTRA,
        _NVT,
        (20, 60),
        Afgeleid(ELEKTRICITEIT, NBS, NBS, NBS),
        richtingen=(
            Richting("technicus gasvormige brandstoffen", "GV"),
            Richting("technicus vloeibare brandstoffen", "L"),
            Richting("verwarmingsauditor", "VA"),
        ),
        vervalperiode="5 jaar",
    ),
    BewijsSjabloon(
        "omgeving",
        "Wettelijke certificaten",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        "Vlaams Energie- en Klimaatagentschap",
        CodeNaam("582003", "Energieprestatie"),
        "Attest energiedeskundige {richting}",
        OMGEVING_OPLEIDINGSCENTRA,
        _NVT,
        (22, 60),
        Afgeleid(BOUW, NBS, NBS, NBS),
        richtingen=(Richting("type A"), Richting("type D")),
    ),
    BewijsSjabloon(
        "omgeving",
        "Wettelijke certificaten",
        _NVT,
        _NVT,
        "Wettelijk certificaat",
        "Eindbewijs",
        "Departement Omgeving",
        CodeNaam("851001", "Milieutechnologie"),
        "Certificaat {richting}",
        OMGEVING_OPLEIDINGSCENTRA,
        _NVT,
        (22, 60),
        Afgeleid(MILIEU, NBS, NBS, NBS, CodeNaam("0712", "Milieubeschermingstechnologie")),
        richtingen=(Richting("asbestdeskundige inventarisatie"), Richting("erkend bodemsaneringsdeskundige")),
        vervalperiode="5 jaar",
    ),
)


def _eigen_verklaring(
    categorie: str,
    graad: str,
    onderwijsvorm: str,
    bewijstype: str,
    onderwerp: CodeNaam,
    volledige_naam: str,
    instellingen: tuple[Instelling, ...],
    schooltype: str,
    leeftijd: tuple[int, int],
    afgeleid: Afgeleid,
    richtingen: tuple[Richting, ...],
    *,
    gewicht: float = 1.0,
    herkomsten: tuple[Herkomst, ...] = VLAANDEREN,
) -> BewijsSjabloon:
    """A self-declared bewijs: what a jobseeker typed in (no institution number), often only the year."""
    return BewijsSjabloon(
        "vdab_eigen_verklaringen",
        categorie,
        graad,
        onderwijsvorm,
        bewijstype,
        "Eindbewijs",
        NIET_BESCHIKBAAR_NAAM,
        onderwerp,
        volledige_naam,
        tuple(Instelling(i.naam) for i in instellingen),
        schooltype,
        leeftijd,
        afgeleid,
        richtingen=richtingen,
        omschrijving=volledige_naam,
        maanden=(6, 7, 9),
        volledige_datum=0.3,
        specialisatie=Richting(_NVT, "NVT"),
        detail_onderwerp=Richting(NIET_BESCHIKBAAR_NAAM),
        herkomsten=herkomsten,
        gewicht=gewicht,
    )


_VDAB_EIGEN_VERKLARINGEN = (
    _eigen_verklaring(
        "Secundair onderwijs",
        "3de graad",
        "TSO",
        "Diploma",
        CodeNaam("522003", "Elektriciteit"),
        "TSO 3de graad {richting}",
        NIET_BESCHIKBAAR_INSTELLING + TECHNISCHE_SCHOLEN[:2],
        "Gewoon",
        (17, 20),
        Afgeleid(ELEKTRICITEIT, SECUNDAIR_A, vks(4), NBS),
        (
            Richting("Elektrische installatietechnieken"),
            Richting("Elektromechanica"),
            Richting("Elektriciteit - Elektronica"),
        ),
        gewicht=2,
    ),
    _eigen_verklaring(
        "Secundair onderwijs",
        "3de graad",
        "ASO",
        "Diploma",
        CodeNaam("10001", "Algemene vorming"),
        "ASO 3de graad {richting}",
        NIET_BESCHIKBAAR_INSTELLING + SECUNDAIRE_SCHOLEN[:3],
        "Gewoon",
        (17, 20),
        Afgeleid(ALGEMEEN, SECUNDAIR_A, vks(4), NBS),
        (Richting("Latijn-wiskunde"), Richting("Economie-moderne talen"), Richting("Humane wetenschappen")),
        gewicht=2,
    ),
    _eigen_verklaring(
        "Secundair onderwijs",
        "3de graad",
        "BSO",
        "Studiegetuigschrift",
        CodeNaam("811001", "Horeca"),
        "BSO 3de graad {richting}",
        NIET_BESCHIKBAAR_INSTELLING,
        "Gewoon",
        (17, 20),
        Afgeleid(HORECA, SECUNDAIR_C, vks(3), NBS),
        (Richting("Restaurant en keuken"), Richting("Verkoop"), Richting("Kantoor")),
    ),
    _eigen_verklaring(
        "Hoger onderwijs",
        "Professioneel gerichte bachelor",
        _NVT,
        "Diploma",
        CodeNaam("345002", "Bedrijfskunde"),
        "Professionele bachelor {richting}",
        NIET_BESCHIKBAAR_INSTELLING + HOGESCHOLEN[:3],
        _NVT,
        (20, 26),
        Afgeleid(MANAGEMENT, HOGER_ACADEMISCH, vks(6), NBS),
        (Richting("Bedrijfsmanagement"), Richting("Office management"), Richting("Toegepaste informatica")),
    ),
    _eigen_verklaring(
        "Hoger onderwijs",
        "Master",
        _NVT,
        "Diploma",
        CodeNaam("314001", "Economie"),
        "Master {richting}",
        NIET_BESCHIKBAAR_INSTELLING + UNIVERSITEITEN[:2],
        _NVT,
        (22, 28),
        Afgeleid(ECONOMIE, HOGER_ACADEMISCH, vks(7), NBS),
        (Richting("Toegepaste economische wetenschappen"), Richting("Handelswetenschappen")),
    ),
    _eigen_verklaring(
        "Hoger onderwijs",
        NIET_BESCHIKBAAR_NAAM,
        _NVT,
        "Diploma",
        CodeNaam("10001", "Algemene vorming"),
        "Buitenlands diploma {richting}",
        NIET_BESCHIKBAAR_INSTELLING,
        _NVT,
        (20, 40),
        Afgeleid(ALGEMEEN, NBS, NBS, NBS),
        (Richting("hoger onderwijs"), Richting("secundair onderwijs")),
        herkomsten=(
            Herkomst("MAR", "ara"),
            Herkomst("TUR", "tur"),
            Herkomst("POL", "pol"),
            Herkomst(NIET_BESCHIKBAAR_NAAM, NIET_BESCHIKBAAR_NAAM),
        ),
    ),
)

SJABLONEN: tuple[BewijsSjabloon, ...] = (
    _BASISONDERWIJS
    + _SECUNDAIR
    + _SECUNDAIR_KWALIFICATIES
    + _EXAMENCOMMISSIE
    + _HOGER_ONDERWIJS
    + _VOLWASSENENONDERWIJS
    + _VDAB
    + _SYNTRA
    + _SYNTRA_ONDERNEMERSTRAJECTEN
    + _WSE
    + _EVC_ERVARINGSBEWIJZEN
    + _EVC_KWALIFICATIEBEWIJZEN
    + _NARIC
    + _OMGEVING
    + _VDAB_EIGEN_VERKLARINGEN
)


def sjablonen_van(bron_key: str) -> tuple[BewijsSjabloon, ...]:
    """The templates of one source row, in catalogue order."""
    return tuple(s for s in SJABLONEN if s.bron_key == bron_key)
