"""A bewijs with every field filled goes on the wire valid for our XSD and MAGDA's."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime

import pytest
import xmlschema
from lxml import etree
from tests.conftest import ROOT, reference_schema

from led_gateway.domain.bewijs import (
    AlternatieveInstantie,
    Bewijs,
    CodeNaam,
    Leeruitkomst,
    NaamInhoud,
    Supplement,
)
from led_gateway.repository.queries import bewijs_from_row, bewijs_to_row
from led_gateway.services.geefbewijs import NAMESPACE
from led_gateway.wire.bewijs import append_bewijs, append_stored, bewijs_xml, splice_stored
from led_gateway.wire.context import GatewayIdentity, append_reply_context

FULL = Bewijs(
    insz="85673112328",
    leverancier_naam="Hoger onderwijs",
    leverancier_bewijsreferte="HO-2024-000123",
    bewijsreferte="6f1c8a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f",
    bewijsmutatiereferte="7a2d9b4f-2e3c-4d5e-9f0a-1b2c3d4e5f6a",
    gewijzigd_op=datetime(2024, 7, 3, 9, 15, 2, 481000),
    authenticiteit="Authentiek",
    categorie="Hoger onderwijs",
    graad="Master",
    onderwijsvorm="Niet van toepassing",
    finaliteit="Onderzoeksmaster",
    behaald_via_evc=False,
    bewijstype="Diploma",
    bewijsstaat="Eindbewijs",
    instantie="Universiteit",
    onderwerp_code="481001",
    onderwerp_naam="Informatica",
    led_onderwerp_nummer="12",
    uitreiking_jaar="2024",
    uitreiking_maand="07",
    uitreiking_dag="01",
    volledige_naam="Master of Science in de informatica",
    land_code="BEL",
    taal_code="nld",
    instelling_naam="Universiteit Gent",
    instelling_nummer="110130",
    schooltype="Niet van toepassing",
    studierichting_naam="Informatica",
    studierichting_code="IN",
    specialisatie_naam="Software",
    specialisatie_code="SW",
    detail_onderwerp_naam="Programmeren",
    detail_onderwerp_code="P1",
    vervalperiode="Onbeperkt",
    uren_volwassenenonderwijs="0",
    beroepskwalificaties=(CodeNaam("BK-1", "Informaticus"), CodeNaam("BK-2")),
    deelkwalificaties=(CodeNaam("DK-1", "Analyse"),),
    supplementen=(
        Supplement(
            "Diplomasupplement",
            "S-1",
            "DS",
            "Diplomasupplement",
            "Toelichting",
            (
                Leeruitkomst("Ontwerpt software", "Met tests", "LU", "Leeruitkomst"),
                Leeruitkomst("Analyseert"),
            ),
        ),
    ),
    alternatieve_instanties=(AlternatieveInstantie("Uitreiker", "Associatie Universiteit Gent"),),
    bijkomende_informaties=(
        NaamInhoud("Bewijs omschrijving", "Master informatica"),
        NaamInhoud("Module type", "Standaard"),
    ),
    isced_studiegebied_code="481",
    isced_studiegebied_naam="Informatica",
    isced_studiegebied2013_code="0613",
    isced_studiegebied2013_naam="Software",
    isced_niveau_code="5A",
    isced_niveau_naam="Hoger academisch onderwijs",
    isced_niveau2011_code="7",
    isced_niveau2011_naam="Master",
    vks_onderwijs_code="7",
    vks_onderwijs_naam="Niveau 7",
    vks_beroeps_code="NBS",
    vks_beroeps_naam="Niet beschikbaar",
)

MINIMAL = Bewijs(
    insz="85673112328",
    leverancier_naam="VDAB",
    leverancier_bewijsreferte="V-1",
    bewijsreferte="a",
    bewijsmutatiereferte="b",
    gewijzigd_op=datetime(2020, 1, 2, 3, 4, 5),
    authenticiteit="Eigen verklaring - Op eer",
    categorie="Ervaringsbewijzen",
    graad="Niet van toepassing",
    onderwijsvorm="Niet van toepassing",
    bewijstype="Attest",
    bewijsstaat="Eindbewijs",
    instantie="VDAB",
    onderwerp_code="0",
    uitreiking_jaar="1999",
    volledige_naam="Niet beschikbaar",
    land_code="BEL",
    taal_code="nld",
    instelling_naam="VDAB",
    schooltype="Niet van toepassing",
    isced_studiegebied_code="NBS",
    isced_niveau_code="NBS",
    vks_onderwijs_code="NBS",
    vks_beroeps_code="NBS",
)


def response_with(*bewijzen: Bewijs) -> etree._Element:
    response = etree.Element(f"{{{NAMESPACE}}}GeefBewijsResponse", nsmap={"g": NAMESPACE})
    repliek = etree.SubElement(response, "Repliek")
    append_reply_context(repliek, "GeefBewijs", "02.00.0000", None, GatewayIdentity(), datetime.now())
    antwoord = etree.SubElement(etree.SubElement(repliek, "Antwoorden"), "Antwoord")
    etree.SubElement(antwoord, "Referte").text = "r"
    lijst = etree.SubElement(etree.SubElement(antwoord, "Inhoud"), "Bewijzen")
    for bewijs in bewijzen:
        append_bewijs(lijst, bewijs)
    return response


def test_full_and_minimal_bewijzen_are_valid_for_our_schema():
    schema = xmlschema.XMLSchema(str(ROOT / "xsd" / "LED.GeefBewijsDienst-02.00" / "GeefBewijsResponse.xsd"))
    schema.validate(response_with(FULL, MINIMAL))


def test_full_and_minimal_bewijzen_are_valid_for_magda(reference):
    schema = reference_schema(reference, "LED.GeefBewijsDienst-02.00", "GeefBewijsResponse.xsd")
    schema.validate(copy.deepcopy(response_with(FULL, MINIMAL)))


def test_every_field_of_the_full_bewijs_is_on_the_wire():
    element = response_with(FULL).find(".//Bewijs")
    texts = {node.text for node in element.iter() if node.text and node.text.strip()}
    for name in (
        "finaliteit",
        "led_onderwerp_nummer",
        "vervalperiode",
        "isced_niveau2011_naam",
        "specialisatie_code",
    ):
        assert getattr(FULL, name) in texts
    assert element.findtext("Basis/BehaaldViaEvc") == "false"
    assert element.findtext("BewijsstatusLed/DatumModificatie/Datum") == "03.07.2024"
    assert element.findtext("BewijsstatusLed/DatumModificatie/Tijd") == "09:15:02.481"
    assert element.findtext("Basis/GeneriekSupplement/Supplement/Leeruitkomsten/Leeruitkomst/Titel")


def test_absent_fields_are_left_out():
    element = response_with(MINIMAL).find(".//Bewijs")
    for path in (
        "Basis/Finaliteit",
        "Basis/Studierichting",
        "Basis/BijkomendeInformaties",
        "Afgeleid/ISCEDNiveau/Naam",
        "Basis/Uitreikingsdatum/Maand",
    ):
        assert element.find(path) is None, path


def test_a_bewijs_survives_the_database_row_mapping():
    class Row:
        def __init__(self, values):
            self.__dict__.update(values)

    assert bewijs_from_row(Row(bewijs_to_row(FULL))) == FULL
    assert bewijs_from_row(Row(bewijs_to_row(MINIMAL))) == MINIMAL


def test_a_bewijs_survives_pickling_between_the_processes_of_an_import():
    for bewijs in (FULL, MINIMAL):
        assert pickle.loads(pickle.dumps(bewijs, protocol=pickle.HIGHEST_PROTOCOL)) == bewijs


def test_a_bewijs_read_back_from_the_wire_is_the_same():
    from dataclasses import replace

    from led_gateway.wire.bewijs import read_afgeleid, read_basis

    for bewijs in (FULL, MINIMAL):
        element = response_with(bewijs).find(".//Bewijs")
        values = {**read_basis(element.find("Basis")), **read_afgeleid(element.find("Afgeleid"))}
        assert replace(bewijs, **values) == bewijs


def _reply_bytes(append) -> bytes:
    response = etree.Element(f"{{{NAMESPACE}}}GeefBewijsResponse", nsmap={"led": NAMESPACE})
    lijst = etree.SubElement(etree.SubElement(response, "Inhoud"), "Bewijzen")
    for bewijs in (FULL, MINIMAL, FULL):
        append(lijst, bewijs)
    return splice_stored(etree.tostring(response, encoding="UTF-8", xml_declaration=True))


def test_a_stored_bewijs_spliced_into_a_reply_gives_the_same_bytes_as_one_built_there():
    built = _reply_bytes(append_bewijs)
    stored = _reply_bytes(lambda parent, bewijs: append_stored(parent, bewijs_to_row(bewijs)["wire"]))
    assert stored == built
    assert b"led-bewijs" not in stored


@pytest.mark.parametrize("damage", [lambda xml: xml[:100], lambda xml: b"", lambda xml: xml + b"<x/>"])
def test_a_damaged_stored_bewijs_never_reaches_the_wire(damage):
    with pytest.raises(ValueError, match="damaged"):
        append_stored(etree.Element("Bewijzen"), damage(bewijs_xml(FULL)))


@pytest.mark.parametrize("rest", ["", " é€😀"], ids=["ascii", "unicode"])
def test_text_is_escaped_as_lxml_writes_it_and_reads_back_the_same(rest):
    from dataclasses import replace

    from led_gateway.wire.bewijs import read_basis

    odd = replace(FULL, volledige_naam=f"A & B <c> \"d\" 'e' x\r\ny\tz{rest}", onderwerp_naam=">&amp;")
    written = bewijs_xml(odd)
    assert etree.tostring(etree.fromstring(written), encoding="UTF-8") == written
    assert replace(odd, **read_basis(etree.fromstring(written).find("Basis"))) == odd


@pytest.mark.parametrize("text", ["a\x00b", "bel\x07", "\ud800", "\ufffe"])
def test_a_value_xml_cannot_hold_is_refused(text):
    from dataclasses import replace

    with pytest.raises(ValueError):
        bewijs_xml(replace(MINIMAL, volledige_naam=text))
