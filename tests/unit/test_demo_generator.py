"""Synthetic demo data: deterministic, plausible, and valid against MAGDA's Bewijs schema facets."""

from __future__ import annotations

import os
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from led_gateway.demo.catalogue import (
    AUTHENTIEK,
    BRONNEN,
    EIGEN_VERKLARING_GEVERIFIEERD,
    EIGEN_VERKLARING_OP_EER,
    LEVERANCIER_NAMEN,
    SJABLONEN,
    bron,
    bronnen_van,
    sjablonen_van,
)
from led_gateway.demo.generator import DemoPerson, bron_of, generate_persons
from led_gateway.domain.bewijs import GEREGISTREERD, Bewijs
from led_gateway.domain.insz import is_test_number

TODAY = date(2025, 6, 30)
ROOT = Path(__file__).resolve().parents[2]
REFERENCE = Path(os.environ.get("LED_MAGDA_REFERENCE", ROOT.parent / "shared" / "magda-reference"))
#: The schema as published by the gateway, else as in MAGDA's reference.
_XSD_CANDIDATES = tuple(base / "xsd" / "Bewijs" / "BewijsSimple.xsd" for base in (ROOT, REFERENCE))
BEWIJS_SIMPLE_XSD = next((p for p in _XSD_CANDIDATES if p.is_file()), _XSD_CANDIDATES[-1])
XS = "{http://www.w3.org/2001/XMLSchema}"

#: Single-valued string attributes of Bewijs and the simple type of BewijsSimple.xsd they carry.
SCALAR_TYPES = {
    "leverancier_naam": "LeverancierNaamType",
    "authenticiteit": "AuthenticiteitNaamType",
    "categorie": "CategorieNaamType",
    "graad": "GraadNaamType",
    "onderwijsvorm": "OnderwijsvormNaamType",
    "finaliteit": "FinaliteitNaamType",
    "bewijstype": "BewijstypeNaamType",
    "bewijsstaat": "BewijsstaatNaamType",
    "instantie": "InstantieNaamType",
    "onderwerp_code": "OnderwerpCodeType",
    "onderwerp_naam": "OnderwerpNaamType",
    "led_onderwerp_nummer": "LedOnderwerpNummerType",
    "uitreiking_jaar": "JaarType",
    "uitreiking_maand": "MaandType",
    "uitreiking_dag": "DagType",
    "volledige_naam": "VolledigeNaamType",
    "land_code": "LandCodeType",
    "taal_code": "TaalCodeType",
    "instelling_naam": "InstellingsnaamType",
    "instelling_nummer": "InstellingsnummerType",
    "schooltype": "SchooltypeNaamType",
    "studierichting_naam": "StudierichtingNaamType",
    "studierichting_code": "StudierichtingCodeType",
    "specialisatie_naam": "SpecialisatieNaamType",
    "specialisatie_code": "SpecialisatieCodeType",
    "detail_onderwerp_naam": "DetailOnderwerpNaamType",
    "detail_onderwerp_code": "DetailOnderwerpCodeType",
    "vervalperiode": "VervalPeriodeType",
    "isced_studiegebied_code": "ISCEDStudiegebiedCodeType",
    "isced_studiegebied_naam": "ISCEDStudiegebiedNaamType",
    "isced_studiegebied2013_code": "ISCEDStudiegebied2013CodeType",
    "isced_studiegebied2013_naam": "ISCEDStudiegebied2013NaamType",
    "isced_niveau_code": "ISCEDNiveauCodeType",
    "isced_niveau_naam": "ISCEDNiveauNaamType",
    "isced_niveau2011_code": "ISCEDNiveau2011CodeType",
    "isced_niveau2011_naam": "ISCEDNiveau2011NaamType",
    "vks_onderwijs_code": "VKSNiveauOnderwijskwalificatieCodeType",
    "vks_onderwijs_naam": "VKSNiveauOnderwijskwalificatieNaamType",
    "vks_beroeps_code": "VKSNiveauBeroepskwalificatieCodeType",
    "vks_beroeps_naam": "VKSNiveauBeroepskwalificatieNaamType",
}
REQUIRED = (
    "leverancier_naam",
    "authenticiteit",
    "categorie",
    "graad",
    "onderwijsvorm",
    "bewijstype",
    "bewijsstaat",
    "instantie",
    "onderwerp_code",
    "uitreiking_jaar",
    "volledige_naam",
    "land_code",
    "taal_code",
    "instelling_naam",
    "schooltype",
    "isced_studiegebied_code",
    "isced_niveau_code",
    "vks_onderwijs_code",
    "vks_beroeps_code",
)
REFERTE = re.compile(r".{1,36}", re.DOTALL)
NUMERIEK_LANG = re.compile(r"[0-9]{1,10}")


@pytest.fixture(scope="module")
def persons() -> list[DemoPerson]:
    return list(generate_persons(2000, seed=11, today=TODAY))


@pytest.fixture(scope="module")
def bewijzen(persons: list[DemoPerson]) -> list[Bewijs]:
    return [b for p in persons for b in p.bewijzen]


def _typed_values(b: Bewijs) -> Iterator[tuple[str, str]]:
    """(simple type name, value) for every string the bewijs puts on the wire, groups included."""
    for attribute, type_name in SCALAR_TYPES.items():
        value = getattr(b, attribute)
        if value is not None:
            yield type_name, value
    for k in b.beroepskwalificaties:
        yield "BeroepskwalificatieCodeType", k.code
        if k.naam is not None:
            yield "BeroepskwalificatieNaamType", k.naam
    for k in b.deelkwalificaties:
        yield "DeelkwalificatieCodeType", k.code
        if k.naam is not None:
            yield "DeelkwalificatieNaamType", k.naam
    for a in b.alternatieve_instanties:
        yield "InstantierolNaamType", a.instantierol
        yield "InstantieNaamType", a.instantie
    for i in b.bijkomende_informaties:
        yield "BijkomendeInformatieNaamType", i.naam
        yield "BijkomendeInformatieInhoudType", i.inhoud


def _partial_date(b: Bewijs) -> tuple[int, ...]:
    parts = [int(b.uitreiking_jaar)]
    if b.uitreiking_maand is not None:
        parts.append(int(b.uitreiking_maand))
        if b.uitreiking_dag is not None:
            parts.append(int(b.uitreiking_dag))
    return tuple(parts)


def _as_tuple(d: date) -> tuple[int, int, int]:
    return d.year, d.month, d.day


# -- catalogue ---------------------------------------------------------------------------------------


def test_bronnen_have_unique_keys_and_the_leveranciers_in_order() -> None:
    assert len({b.key for b in BRONNEN}) == len(BRONNEN)
    assert tuple(dict.fromkeys(b.leverancier_naam for b in BRONNEN)) == LEVERANCIER_NAMEN
    assert {
        "Hoger onderwijs",
        "Secundair onderwijs",
        "Volwassenenonderwijs",
        "VDAB",
        "SYNTRA Vlaanderen",
        "NARIC Vlaanderen",
    } <= set(LEVERANCIER_NAMEN)
    assert all(1 <= len(naam) <= 100 for naam in LEVERANCIER_NAMEN)


def test_coverage_dates_follow_the_published_overview() -> None:
    assert bron("hoger_onderwijs").opgenomen_vanaf.year == 1999
    assert bron("secundair").opgenomen_vanaf == date(2001, 9, 1)
    assert bron("volwassenenonderwijs").opgenomen_vanaf == date(2013, 4, 1)
    assert bron("volwassenenonderwijs").volledig_vanaf == date(2015, 1, 1)
    assert bron("syntra").volledig_vanaf == date(2011, 1, 1)
    assert bron("naric").opgenomen_vanaf == date(2014, 1, 1)
    assert [b.key for b in BRONNEN if b.eigen_verklaring] == ["vdab_eigen_verklaringen"]
    assert bron("vdab_eigen_verklaringen").opgenomen_vanaf == date(1985, 1, 1)
    assert bron("vdab_eigen_verklaringen").leverancier_naam == "VDAB"
    assert len(bronnen_van("SYNTRA Vlaanderen")) == 2


@pytest.mark.parametrize("b", BRONNEN, ids=lambda b: b.key)
def test_every_source_has_a_handful_of_templates(b) -> None:
    assert 3 <= len(sjablonen_van(b.key)) <= 10


@pytest.mark.parametrize("s", SJABLONEN, ids=lambda s: f"{s.bron_key}:{s.volledige_naam}")
def test_templates_are_complete(s) -> None:
    assert bron(s.bron_key)
    if "{richting}" in s.volledige_naam or "{richting}" in (s.omschrijving or ""):
        assert s.richtingen
    assert s.instellingen and s.herkomsten and s.maanden
    assert 0 < s.leeftijd[0] <= s.leeftijd[1] < 80
    for month in s.maanden:
        date(2001, month, s.dagen[1])  # every usual day exists in every usual month
    assert len({i.naam for i in s.vaste_informaties}) == len(s.vaste_informaties)


# -- determinism and persons -------------------------------------------------------------------------


def test_same_seed_gives_identical_output() -> None:
    first = list(generate_persons(300, seed=7, today=TODAY))
    second = list(generate_persons(300, seed=7, today=TODAY))
    assert first == second


def test_different_seed_gives_different_output() -> None:
    first = list(generate_persons(50, seed=7, today=TODAY))
    second = list(generate_persons(50, seed=8, today=TODAY))
    assert [p.insz for p in first] != [p.insz for p in second]
    assert [b.bewijsreferte for p in first for b in p.bewijzen] != [
        b.bewijsreferte for p in second for b in p.bewijzen
    ]


def test_count_is_respected_and_lazy() -> None:
    assert list(generate_persons(0, today=TODAY)) == []
    persons = generate_persons(3, today=TODAY)
    assert iter(persons) is persons
    assert len(list(persons)) == 3
    with pytest.raises(ValueError):
        generate_persons(-1)


def test_insz_are_unique_valid_test_numbers_matching_the_birth_date() -> None:
    persons = list(generate_persons(20_000, seed=3, today=TODAY))
    assert len({p.insz for p in persons}) == len(persons)
    for p in persons:
        assert is_test_number(p.insz), p.insz
        assert 1955 <= p.geboortedatum.year <= 2008
        g = p.geboortedatum
        assert p.insz[:6] == f"{g.year % 100:02d}{g.month + 60:02d}{g.day:02d}"
        assert all(b.insz == p.insz for b in p.bewijzen)


def test_share_without_bewijzen_and_number_per_person(persons: list[DemoPerson]) -> None:
    share = sum(1 for p in persons if not p.bewijzen) / len(persons)
    assert 0.05 <= share <= 0.25
    assert all(len(p.bewijzen) <= 8 for p in persons)
    assert max(len(p.bewijzen) for p in persons) >= 5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_source_appears_in_200_persons(seed: int) -> None:
    seen = {bron_of(b).key for p in generate_persons(200, seed=seed, today=TODAY) for b in p.bewijzen}
    assert seen == {b.key for b in BRONNEN}


# -- bewijzen ----------------------------------------------------------------------------------------


def test_uitreiking_lies_in_the_source_coverage_and_not_after_today(persons: list[DemoPerson]) -> None:
    for p in persons:
        for b in p.bewijzen:
            uitreiking = _partial_date(b)
            vanaf = _as_tuple(bron_of(b).opgenomen_vanaf)[: len(uitreiking)]
            tot = _as_tuple(TODAY)[: len(uitreiking)]
            assert vanaf <= uitreiking <= tot, (b.leverancier_naam, uitreiking)
            if len(uitreiking) == 3:
                date(*uitreiking)
            assert b.uitreiking_dag is None or b.uitreiking_maand is not None


def test_uitreiking_fits_the_age_of_the_person(persons: list[DemoPerson]) -> None:
    for p in persons:
        for b in p.bewijzen:
            age = int(b.uitreiking_jaar) - p.geboortedatum.year
            assert 10 <= age <= 72, (b.volledige_naam, age)
            if b.leverancier_naam == "Hoger onderwijs":
                assert age >= 19
            if b.bewijstype == "Diploma" and b.leverancier_naam == "Secundair onderwijs":
                assert 16 <= age <= 21


def test_gewijzigd_op_follows_uitreiking_and_is_not_after_today(bewijzen: list[Bewijs]) -> None:
    for b in bewijzen:
        assert b.gewijzigd_op is not None
        assert b.gewijzigd_op.date() <= TODAY
        assert _as_tuple(b.gewijzigd_op.date())[: len(_partial_date(b))] >= _partial_date(b)
        assert b.gewijzigd_op.microsecond % 1000 == 0


def test_some_dates_come_without_month_or_day_as_in_real_data(bewijzen: list[Bewijs]) -> None:
    without_day = sum(1 for b in bewijzen if b.uitreiking_dag is None)
    assert 0 < without_day < len(bewijzen) / 4


def test_references(bewijzen: list[Bewijs]) -> None:
    assert all(b.status == GEREGISTREERD for b in bewijzen)
    led_refs = [b.bewijsreferte for b in bewijzen] + [b.bewijsmutatiereferte for b in bewijzen]
    assert len(set(led_refs)) == len(led_refs)
    assert all(uuid.UUID(r).version == 4 and str(uuid.UUID(r)) == r for r in led_refs)
    per_leverancier: dict[str, list[str]] = defaultdict(list)
    for b in bewijzen:
        per_leverancier[b.leverancier_naam].append(b.leverancier_bewijsreferte)
    for naam, refs in per_leverancier.items():
        assert len(set(refs)) == len(refs), naam
    assert set(per_leverancier) <= set(LEVERANCIER_NAMEN)


def test_eigen_verklaringen_come_only_from_vdab_and_are_never_authentic(bewijzen: list[Bewijs]) -> None:
    authenticiteit = Counter(b.authenticiteit for b in bewijzen)
    assert set(authenticiteit) == {AUTHENTIEK, EIGEN_VERKLARING_OP_EER, EIGEN_VERKLARING_GEVERIFIEERD}
    assert authenticiteit[EIGEN_VERKLARING_OP_EER] > authenticiteit[EIGEN_VERKLARING_GEVERIFIEERD] > 0
    for b in bewijzen:
        if b.is_eigen_verklaring:
            assert b.leverancier_naam == "VDAB"
            assert bron_of(b).eigen_verklaring
            assert b.authenticiteit != AUTHENTIEK
        else:
            assert b.authenticiteit == AUTHENTIEK
            assert not bron_of(b).eigen_verklaring


def test_afgeleid_is_filled_with_nbs_where_not_derivable(bewijzen: list[Bewijs]) -> None:
    for b in bewijzen:
        assert b.isced_studiegebied_code and b.isced_niveau_code
        assert b.vks_onderwijs_code and b.vks_beroeps_code
    assert any(b.vks_beroeps_code == "NBS" and b.vks_beroeps_naam == "Niet beschikbaar" for b in bewijzen)
    assert any(b.vks_onderwijs_code == "7" for b in bewijzen)


def test_optional_parts_occur(bewijzen: list[Bewijs]) -> None:
    assert any(b.uren_volwassenenonderwijs for b in bewijzen if b.leverancier_naam == "Volwassenenonderwijs")
    elders = [b for b in bewijzen if b.leverancier_naam != "Volwassenenonderwijs"]
    assert all(b.uren_volwassenenonderwijs is None for b in elders)
    assert any(i.naam == "Bewijs omschrijving" for b in bewijzen for i in b.bijkomende_informaties)
    assert any(not b.bijkomende_informaties for b in bewijzen)
    assert any(b.beroepskwalificaties for b in bewijzen)
    assert any(b.land_code != "BEL" for b in bewijzen if b.leverancier_naam == "NARIC Vlaanderen")
    for b in bewijzen:
        names = [i.naam for i in b.bijkomende_informaties]
        assert len(names) == len(set(names))  # the schema's unique constraint on BijkomendeInformatie/Naam


# -- schema facets -----------------------------------------------------------------------------------


def test_key_facets(bewijzen: list[Bewijs]) -> None:
    """The facets that matter most, stated here so that they hold even without the schema files."""
    for b in bewijzen:
        for attribute in REQUIRED:
            value = getattr(b, attribute)
            assert value and value == value.strip(), attribute
        assert re.fullmatch(r"(18|19|20|21)[0-9][0-9]", b.uitreiking_jaar)
        assert b.uitreiking_maand is None or re.fullmatch(r"0[1-9]|1[0-2]", b.uitreiking_maand)
        assert b.uitreiking_dag is None or re.fullmatch(r"0[1-9]|[12][0-9]|3[01]", b.uitreiking_dag)
        assert b.instelling_nummer is None or re.fullmatch(r"[0-9]{1,6}", b.instelling_nummer)
        assert len(b.land_code) >= 3 and len(b.taal_code) >= 3
        assert len(b.leverancier_naam) <= 100 and len(b.instelling_naam) <= 120
        for ref in (b.bewijsreferte, b.bewijsmutatiereferte, b.leverancier_bewijsreferte):
            assert REFERTE.fullmatch(ref)
        assert b.uren_volwassenenonderwijs is None or NUMERIEK_LANG.fullmatch(b.uren_volwassenenonderwijs)


def _simple_type_facets(path: Path) -> dict[str, dict[str, list[str]]]:
    facets: dict[str, dict[str, list[str]]] = {}
    for simple_type in ET.parse(path).getroot().iter(f"{XS}simpleType"):
        restriction = simple_type.find(f"{XS}restriction")
        if restriction is None:
            continue
        per_facet: dict[str, list[str]] = defaultdict(list)
        for facet in restriction:
            per_facet[facet.tag.removeprefix(XS)].append(facet.get("value", ""))
        facets[simple_type.get("name", "")] = per_facet
    return facets


def _violations(value: str, facets: dict[str, list[str]]) -> list[str]:
    problems = []
    if "minLength" in facets and len(value) < int(facets["minLength"][0]):
        problems.append("minLength")
    if "maxLength" in facets and len(value) > int(facets["maxLength"][0]):
        problems.append("maxLength")
    if "length" in facets and len(value) != int(facets["length"][0]):
        problems.append("length")
    if "pattern" in facets and not any(re.fullmatch(p, value) for p in facets["pattern"]):
        problems.append("pattern")
    if "enumeration" in facets and value not in facets["enumeration"]:
        problems.append("enumeration")
    return problems


def test_every_string_satisfies_the_facets_of_bewijs_simple_xsd(bewijzen: list[Bewijs]) -> None:
    if not BEWIJS_SIMPLE_XSD.is_file():
        pytest.skip(f"{BEWIJS_SIMPLE_XSD} not available")
    facets = _simple_type_facets(BEWIJS_SIMPLE_XSD)
    used_types = set(SCALAR_TYPES.values()) | {name for b in bewijzen for name, _ in _typed_values(b)}
    assert used_types <= set(facets), used_types - set(facets)
    checked = 0
    for b in bewijzen:
        for type_name, value in _typed_values(b):
            problems = _violations(value, facets[type_name])
            assert not problems, (type_name, value, problems)
            checked += 1
    assert checked > 10 * len(bewijzen)
