"""Source, subscription and pull envelopes as a MAGDA client builds them, and readers for their replies."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
LEVERANCIER = "demo.vlaanderen.be/leverancier"
ACTIEF = "demo.vlaanderen.be/afnemer-actief"
ZONDER_MUTATIES = "demo.vlaanderen.be/afnemer-zonder-mutaties"
HOEDANIGHEID = "1300"


@dataclass(frozen=True)
class Operation:
    """One dienst as a client addresses it."""

    name: str
    #: Folder of its contract (MAGDA's folder name), also below the reference's xsd/.
    folder: str
    namespace: str
    versie: str

    @property
    def endpoint(self) -> str:
        return f"/{self.folder.partition('.')[2]}/soap/WebService"


REGISTREER_BEWIJS = Operation(
    "RegistreerBewijs",
    "LED.RegistreerBewijsDienst-02.00",
    "http://registreerbewijs.bewijsregistratiedienst.led.vlaanderen.be",
    "02.00.0000",
)
REGISTREER_INSCHRIJVING = Operation(
    "RegistreerInschrijving",
    "Repertorium.RegistreerInschrijvingDienst-02.01",
    "http://webservice.registreerinschrijvingdienst-02_01.repertorium-02_01.vip.vlaanderen.be",
    "02.01.0000",
)
REGISTREER_UITSCHRIJVING = Operation(
    "RegistreerUitschrijving",
    "Repertorium.RegistreerUitschrijvingDienst-02.00",
    "http://webservice.registreeruitschrijvingdienst-02_00.repertorium-02_00.vip.vlaanderen.be",
    "02.00.0000",
)
GEEF_MUTATIES = Operation(
    "GeefMutatiesNotificaties",
    "Algemeen.GeefMutatiesNotificatiesDienst-02.01",
    "http://webservice.geefmutatiesnotificatiesdienst-02_01.algemeen-02_01.vip.vlaanderen.be",
    "02.01.0000",
)
GEEF_BEWIJS = Operation(
    "GeefBewijs",
    "LED.GeefBewijsDienst-02.00",
    "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be",
    "02.00.0000",
)

#: A plausible Hoger onderwijs diploma: (path, value) in the order of the Bewijs schema.
DIPLOMA = (
    ("Authenticiteit/Naam", "Authentiek"),
    ("Categorie/Naam", "Hoger onderwijs"),
    ("Graad/Naam", "Master"),
    ("Onderwijsvorm/Naam", "Niet van toepassing"),
    ("Bewijstype/Naam", "Diploma"),
    ("Bewijsstaat/Naam", "Eindbewijs"),
    ("Instantie/Naam", "Universiteit"),
    ("Onderwerp/Code", "481001"),
    ("Onderwerp/Naam", "Informatica"),
    ("Uitreikingsdatum/Jaar", "2024"),
    ("Uitreikingsdatum/Maand", "07"),
    ("Uitreikingsdatum/Dag", "01"),
    ("VolledigeNaam", "Master of Science in de informatica"),
    ("Land/Code", "BEL"),
    ("Taal/Code", "nld"),
    ("Instelling/Naam", "Universiteit Gent"),
    ("Instelling/Nummer", "110130"),
    ("Schooltype/Naam", "Niet van toepassing"),
)


def element(tag: str, text: str | None = None, *children: etree._Element) -> etree._Element:
    node = etree.Element(tag)
    node.text = text
    node.extend(children)
    return node


def envelope(
    operation: Operation,
    inhoud: list[etree._Element],
    afzender: str,
    hoedanigheid: str | None = HOEDANIGHEID,
) -> bytes:
    """The request, with one Referte for the Afzender and the Vraag as MAGDA's Java client sends."""
    referte, now = str(uuid.uuid4()), datetime.now()
    root = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV, "m": operation.namespace})
    etree.SubElement(root, f"{{{SOAP_ENV}}}Header")
    body = etree.SubElement(root, f"{{{SOAP_ENV}}}Body")
    verzoek = etree.SubElement(
        etree.SubElement(body, f"{{{operation.namespace}}}{operation.name}"), "Verzoek"
    )
    sender = element("Afzender", None, element("Identificatie", afzender), element("Referte", referte))
    if hoedanigheid is not None:
        sender.append(element("Hoedanigheid", hoedanigheid))
    tijdstip = element(
        "Tijdstip",
        None,
        element("Datum", now.strftime("%Y-%m-%d")),
        element("Tijd", now.strftime("%H:%M:%S.000")),
    )
    verzoek.append(
        element(
            "Context",
            None,
            element("Naam", operation.name),
            element("Versie", operation.versie),
            element("Bericht", None, element("Type", "VRAAG"), tijdstip, sender),
        )
    )
    verzoek.append(
        element(
            "Vragen",
            None,
            element("Vraag", None, element("Referte", referte), element("Inhoud", None, *inhoud)),
        )
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def diploma() -> etree._Element:
    bewijs = etree.Element("Bewijs")
    for path, value in DIPLOMA:
        head, _, leaf = path.rpartition("/")
        parent = bewijs
        if head:
            last = bewijs[-1] if len(bewijs) else None
            parent = last if last is not None and last.tag == head else etree.SubElement(bewijs, head)
        etree.SubElement(parent, leaf).text = value
    return bewijs


def registreer_bewijs(
    insz: str, bewijsreferte: str, naam: str = "Hoger onderwijs", afzender: str = LEVERANCIER
) -> bytes:
    """A source registers one diploma for ``insz`` under its own ``bewijsreferte``."""
    registratie = element(
        "Bewijsregistratie",
        None,
        element("Leverancier", None, element("Naam", naam), element("Bewijsreferte", bewijsreferte)),
        element("PersoonUitgereikt", None, element("INSZ", insz)),
        diploma(),
    )
    return envelope(REGISTREER_BEWIJS, [registratie], afzender, hoedanigheid=None)


def inschrijving(
    personen: str | Iterable[str],
    afzender: str = ACTIEF,
    begin: date | None = None,
    einde: date | None = None,
) -> bytes:
    """An afnemer subscribes to one person (an INSZ) or several; without a Periode from today, open-ended."""
    subjecten = element("Subjecten")
    for insz in [personen] if isinstance(personen, str) else personen:
        subjecten.append(element("Subject", None, element("Type", "PERS"), element("Sleutel", insz)))
    betrokken = element("BetrokkenSubject", None, element("Type", "PERS"), subjecten)
    body = element(
        "Inschrijving",
        None,
        element("Identificatie", afzender),
        element("Hoedanigheid", HOEDANIGHEID),
        betrokken,
    )
    if begin is not None:
        periode = element("Periode", None, element("Begin", begin.isoformat()))
        if einde is not None:
            periode.append(element("Einde", einde.isoformat()))
        body.append(periode)
    return envelope(REGISTREER_INSCHRIJVING, [body], afzender)


def uitschrijving(insz: str, afzender: str = ACTIEF) -> bytes:
    body = element(
        "Uitschrijving",
        None,
        element("Identificatie", afzender),
        element("Hoedanigheid", HOEDANIGHEID),
        element("INSZ", insz),
    )
    return envelope(REGISTREER_UITSCHRIJVING, [body], afzender)


def geef_mutaties(ontvangstreferte: str | None = None, afzender: str = ACTIEF) -> bytes:
    """A pull; with ``ontvangstreferte`` it acknowledges that batch."""
    inhoud = [element("Identificatie", afzender), element("Hoedanigheid", HOEDANIGHEID)]
    if ontvangstreferte:
        inhoud.append(element("Ontvangstreferte", ontvangstreferte))
    return envelope(GEEF_MUTATIES, inhoud, afzender)


def geef_bewijs(insz: str, afzender: str = ACTIEF) -> bytes:
    return envelope(GEEF_BEWIJS, [element("INSZ", insz)], afzender)


# --- replies -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notificatie:
    """One notification as an afnemer receives it."""

    referte: str
    type: str
    insz: str
    datum: str


def body_of(raw: bytes) -> etree._Element:
    """The SOAP Body child of a reply."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(raw, parser).find(f"{{{SOAP_ENV}}}Body")[0]


def codes(body: etree._Element, level: str) -> list[str]:
    """The Identificatie of each uitzondering at ``level`` ("Repliek" or "Antwoord")."""
    path = "Repliek/Uitzonderingen/Uitzondering"
    if level == "Antwoord":
        path = "Repliek/Antwoorden/Antwoord/Uitzonderingen/Uitzondering"
    return [u.findtext("Identificatie") for u in body.findall(path)]


def inhoud(body: etree._Element) -> etree._Element | None:
    return body.find("Repliek/Antwoorden/Antwoord/Inhoud")


def melding(body: etree._Element) -> str | None:
    """RegistreerBewijs's Melding (``OK`` when stored)."""
    return body.findtext("Repliek/Antwoorden/Antwoord/Inhoud/Melding")


def resultaat(body: etree._Element) -> str | None:
    """The Resultaat of a RegistreerInschrijving or RegistreerUitschrijving."""
    return body.findtext("Repliek/Antwoorden/Antwoord/Inhoud/Resultaat")


def ontvangstreferte(body: etree._Element) -> str | None:
    return body.findtext("Repliek/Antwoorden/Antwoord/Inhoud/Ontvangstreferte")


def notificaties(body: etree._Element) -> list[Notificatie]:
    """The notifications of a GeefMutatiesNotificaties reply, in the order sent."""
    return [
        Notificatie(
            referte=onderwerp.findtext("Inhoud/Metadata/Referte"),
            type=onderwerp.findtext("Inhoud/Metadata/Type"),
            insz=onderwerp.findtext("Inhoud/MutatieNotificatie/Subject/Sleutel"),
            datum=onderwerp.findtext("Inhoud/Metadata/Datum"),
        )
        for onderwerp in body.iterfind("Repliek/Antwoorden/Antwoord/Inhoud/Onderwerpen/Onderwerp")
    ]


def bewijsrefertes(body: etree._Element) -> set[str]:
    """The Leverancier/Bewijsreferte of every bewijs in a GeefBewijs reply."""
    return {b.findtext("Leverancier/Bewijsreferte") for b in body.iter("Bewijs")}


def schema_errors(schema, body: etree._Element) -> list[str]:
    """What ``schema`` (an xmlschema schema of MAGDA's) finds wrong with a reply body."""
    return [str(error.reason or error)[:200] for error in schema.iter_errors(copy.deepcopy(body))]
