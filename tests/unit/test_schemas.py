"""Contract tests for the XML schemas (xsd/) and service descriptions (wsdl/).

The gateway must be wire-compatible with MAGDA's published LED contract. These tests check
that our own schemas compile, accept MAGDA's sample messages, and describe exactly the same
element tree (names, order, cardinalities, facets) as the reference WebService schemas.

The reference tree is looked up in ``$LED_MAGDA_REFERENCE`` or ``../shared/magda-reference``
next to the repository; tests that need it are skipped when it is absent.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
XSD_DIR = ROOT / "xsd"
WSDL_DIR = ROOT / "wsdl"
REFERENCE = Path(os.environ.get("LED_MAGDA_REFERENCE") or ROOT.parent / "shared" / "magda-reference")

XS = "http://www.w3.org/2001/XMLSchema"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"

GEEF_BEWIJS_NS = "http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be"
IS_BESCHIKBAAR_NS = "http://webservice.isbeschikbaardienst-02_00.generiek-02_00.vip.vlaanderen.be"

# operation: (folder under xsd/, request and response namespace, Dienst-MM.mm of endpoint and WSDL)
SERVICES = {
    "GeefBewijs": ("LED.GeefBewijsDienst-02.00", GEEF_BEWIJS_NS, "GeefBewijsDienst-02.00"),
    "IsBeschikbaar": ("Generiek.IsBeschikbaarDienst-02.00", IS_BESCHIKBAAR_NS, "IsBeschikbaarDienst-02.00"),
    "RegistreerBewijs": (
        "LED.RegistreerBewijsDienst-02.00",
        "http://registreerbewijs.bewijsregistratiedienst.led.vlaanderen.be",
        "RegistreerBewijsDienst-02.00",
    ),
    "AnnuleerBewijs": (
        "LED.AnnuleerBewijsDienst-02.00",
        "http://annuleerbewijs.bewijsregistratiedienst.led.vlaanderen.be",
        "AnnuleerBewijsDienst-02.00",
    ),
    "RegistreerMutatieBewijs": (
        "LED.RegistreerMutatieBewijsDienst-02.00",
        "http://webservice.registreermutatiebewijsdienst-02_00.led-02_00.vip.vlaanderen.be",
        "RegistreerMutatieBewijsDienst-02.00",
    ),
    "RegistreerInschrijving": (
        "Repertorium.RegistreerInschrijvingDienst-02.01",
        "http://webservice.registreerinschrijvingdienst-02_01.repertorium-02_01.vip.vlaanderen.be",
        "RegistreerInschrijvingDienst-02.01",
    ),
    "RegistreerUitschrijving": (
        "Repertorium.RegistreerUitschrijvingDienst-02.00",
        "http://webservice.registreeruitschrijvingdienst-02_00.repertorium-02_00.vip.vlaanderen.be",
        "RegistreerUitschrijvingDienst-02.00",
    ),
    "GeefMutatiesNotificaties": (
        "Algemeen.GeefMutatiesNotificatiesDienst-02.01",
        "http://webservice.geefmutatiesnotificatiesdienst-02_01.algemeen-02_01.vip.vlaanderen.be",
        "GeefMutatiesNotificatiesDienst-02.01",
    ),
    "GeefAuditLogging": (
        "Algemeen.GeefAuditLoggingDienst-02.00",
        "http://webservice.geefauditloggingdienst-02_00.algemeen-02_00.vip.vlaanderen.be",
        "GeefAuditLoggingDienst-02.00",
    ),
}
PUBLICEER_BEWIJS_NS = "http://service.publiceerbewijsdienst-02_00.led-02_00.vip.vlaanderen.be"
PUBLICEER_BEWIJS_XSD = "LED.PubliceerBewijsDienst-02.00/PubliceerBewijs.xsd"
PUBLICEER_BEWIJS_REFERENCE = "LED.PubliceerBewijsDienst-02.00/Service/PubliceerBewijs.xsd"

# Schemas of the shared namespaces, besides those of the services.
SHARED_XSD = [
    "Generiek-02.00/Generiek.xsd",
    "Bewijs/Bewijs.xsd",
    "Sleutel-02.00/Sleutel.xsd",
    "Repertorium-02.00/Repertorium.xsd",
    "Repertorium-02.01/Repertorium.xsd",
    "Algemeen-02.00/Algemeen.xsd",
    "Algemeen-02.01/Algemeen.xsd",
]

# (our schema, reference schema, root element) for every message our services exchange: the request
# and the response of each SOAP service against the reference WebService/ variant, and the
# PubliceerBewijs batch document against the reference Service/ schema (it has no WebService/ one).
CONTRACTS = [
    (f"{folder}/{op}{suffix}.xsd", f"{folder}/WebService/{op}{suffix}.xsd", f"{op}{suffix}")
    for op, (folder, _, _) in SERVICES.items()
    for suffix in ("", "Response")
] + [
    (PUBLICEER_BEWIJS_XSD, PUBLICEER_BEWIJS_REFERENCE, "PubliceerBewijs"),
]

GEEF_BEWIJS_XSD = XSD_DIR / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd"

# MAGDA's sample messages: (file under the reference tree, operation whose schema must accept it).
REFERENCE_REQUESTS = [
    ("requests/GeefBewijs-02.00.0000.xml", "GeefBewijs"),
    ("requests/RegistreerBewijs-02.00.0000.xml", "RegistreerBewijs"),
    ("requests/RegistreerInschrijving-02.01.0000.xml", "RegistreerInschrijving"),
    ("requests/RegistreerUitschrijving-02.00.0000.xml", "RegistreerUitschrijving"),
]
REFERENCE_RESPONSES = [
    ("responses/GeefBewijs-02.00.0000-found-99610100150.xml", "GeefBewijs"),
    ("responses/GeefBewijs-02.00.0000-notfound.xml", "GeefBewijs"),
    ("responses/RegistreerBewijs-02.00.0000-success.xml", "RegistreerBewijs"),
    ("responses/RegistreerBewijs-02.00.0000-notfound.xml", "RegistreerBewijs"),
    ("responses/RegistreerInschrijving-02.01.0000-success.xml", "RegistreerInschrijving"),
    ("responses/RegistreerUitschrijving-02.00.0000-success.xml", "RegistreerUitschrijving"),
]

XSD_FILES = sorted(XSD_DIR.rglob("*.xsd"))
WSDL_FILES = sorted(WSDL_DIR.glob("*.wsdl"))

ADDRESS_RE = re.compile(
    r"http://localhost:8080/(?P<dienst>\w+Dienst)-(?P<versie>\d{2}\.\d{2})/soap/WebService"
)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.fixture(scope="module")
def reference() -> Path:
    if not (REFERENCE / "xsd").is_dir():
        pytest.skip(f"MAGDA reference contract not found at {REFERENCE} (set LED_MAGDA_REFERENCE)")
    return REFERENCE


@functools.cache
def _xmlschema(path: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(path)


@functools.cache
def _lxml_schema(path: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(path))


def _body_child(path: Path) -> etree._Element:
    """The SOAP Body's child of an envelope, or the document element of a bare message."""
    root = etree.parse(str(path)).getroot()
    if root.tag == f"{{{SOAP_ENV_NS}}}Envelope":
        body = root.find(f"{{{SOAP_ENV_NS}}}Body")
        children = [child for child in body if isinstance(child.tag, str)]
        assert len(children) == 1, f"{path.name}: expected one element in the SOAP Body"
        return children[0]
    return root


def _assert_valid(schema_path: Path, element: etree._Element, label: str) -> None:
    lxml_schema = _lxml_schema(str(schema_path))
    assert lxml_schema.validate(element), f"{label} (lxml): {lxml_schema.error_log}"
    errors = list(_xmlschema(str(schema_path)).iter_errors(element))
    assert not errors, f"{label} (xmlschema): {errors[0]}"


# --------------------------------------------------------------------------------------------
# Contract comparison: walk two schemas from the same root element in parallel.
# --------------------------------------------------------------------------------------------

_LENGTH_FACETS = {"length", "minLength", "maxLength"}


def _local(qname: str | None) -> str | None:
    return qname.rsplit("}", 1)[-1] if qname else qname


def _facet_value(facet) -> object:
    for attr in ("regexps", "enumeration", "value"):
        if hasattr(facet, attr):
            value = getattr(facet, attr)
            return tuple(value) if isinstance(value, list) else value
    return repr(facet)


def _simple_signature(simple_type) -> dict:
    """Effective restrictions of a simple type, merged over its whole derivation chain.

    Two types with the same signature accept the same lexical values, whichever way the
    restrictions are layered (e.g. a type restricting generiek:ReferteType versus a type that
    repeats minLength 1 / maxLength 36 itself).
    """
    if not simple_type.is_atomic():
        return {"variety": type(simple_type).__name__, "name": simple_type.name}
    min_length, max_length = 0, None
    patterns: set[frozenset] = set()
    enumeration = None
    other: dict[str, object] = {}
    current = simple_type
    while current is not None and current.target_namespace != XS:
        for qname, facet in (getattr(current, "facets", None) or {}).items():
            name = _local(qname)
            value = _facet_value(facet)
            if name in _LENGTH_FACETS:
                if name in ("length", "minLength"):
                    min_length = max(min_length, int(value))
                if name in ("length", "maxLength"):
                    max_length = int(value) if max_length is None else min(max_length, int(value))
            elif name == "pattern":
                patterns.add(frozenset(value))
            elif name == "enumeration":
                if enumeration is None:  # the most derived enumeration is the effective one
                    enumeration = frozenset(str(v) for v in value)
            elif name != "whiteSpace":
                other.setdefault(name, value)
        current = getattr(current, "base_type", None)
    return {
        "primitive": _local(simple_type.primitive_type.name),
        "minLength": min_length,
        "maxLength": max_length,
        "pattern": patterns,
        "enumeration": enumeration,
        **other,
    }


def _identities(element) -> list:
    return sorted(
        (type(c).__name__, c.local_name, c.selector.path, tuple(f.path for f in c.fields))
        for c in element.identities
    )


def _attributes(complex_type) -> dict:
    """Name -> (use, value signature, fixed, default) of each attribute of a complex type."""
    return {
        _local(qname): (attribute.use, _simple_signature(attribute.type), attribute.fixed, attribute.default)
        for qname, attribute in complex_type.attributes.items()
        if qname
    }


def _diff_element(ours, ref, path: str, seen: set) -> str | None:
    if ours.local_name != ref.local_name:
        return f"{path}: element {ours.local_name!r} where the reference has {ref.local_name!r}"
    for attr in ("min_occurs", "max_occurs", "qualified", "nillable", "default", "fixed"):
        mine, theirs = getattr(ours, attr), getattr(ref, attr)
        if mine != theirs:
            return f"{path}: {attr} is {mine!r}, reference has {theirs!r}"
    if _identities(ours) != _identities(ref):
        return f"{path}: identity constraints {_identities(ours)} != reference {_identities(ref)}"
    return _diff_type(ours.type, ref.type, path, seen)


def _diff_type(ours, ref, path: str, seen: set) -> str | None:
    key = (id(ours), id(ref))
    if key in seen:
        return None
    seen.add(key)
    if ours.is_simple() != ref.is_simple():
        return f"{path}: simple/complex type mismatch ({ours.name} vs reference {ref.name})"
    if ours.is_simple():
        mine, theirs = _simple_signature(ours), _simple_signature(ref)
        if mine != theirs:
            return f"{path}: facets {mine} != reference {theirs} ({ours.name} vs {ref.name})"
        return None
    if bool(ours.mixed) != bool(ref.mixed):
        return f"{path}: mixed content {ours.mixed} != reference {ref.mixed}"
    mine_attrs, ref_attrs = _attributes(ours), _attributes(ref)
    if mine_attrs != ref_attrs:
        return f"{path}: attributes {mine_attrs} != reference {ref_attrs}"
    if ours.has_simple_content() or ref.has_simple_content():
        if not (ours.has_simple_content() and ref.has_simple_content()):
            return f"{path}: simple content mismatch"
        return _diff_type(ours.content, ref.content, path, seen)
    return _diff_group(ours.content, ref.content, path, seen)


def _item_name(item) -> str:
    if isinstance(item, xmlschema.validators.XsdGroup):
        return f"<{item.model}>"
    if isinstance(item, xmlschema.validators.XsdAnyElement):
        return "<any>"
    return item.local_name


def _diff_group(ours, ref, path: str, seen: set) -> str | None:
    if (ours.model, ours.min_occurs, ours.max_occurs) != (ref.model, ref.min_occurs, ref.max_occurs):
        return (
            f"{path}: content model {ours.model} [{ours.min_occurs}..{ours.max_occurs}] != reference "
            f"{ref.model} [{ref.min_occurs}..{ref.max_occurs}]"
        )
    mine_items, ref_items = list(ours), list(ref)
    mine_names, ref_names = [_item_name(i) for i in mine_items], [_item_name(i) for i in ref_items]
    if mine_names != ref_names:
        return f"{path}: children {mine_names} != reference {ref_names}"
    for mine, theirs in zip(mine_items, ref_items, strict=True):
        if isinstance(mine, xmlschema.validators.XsdGroup):
            diff = _diff_group(mine, theirs, path, seen)
        elif isinstance(mine, xmlschema.validators.XsdAnyElement):
            same = (mine.namespace, mine.process_contents) == (theirs.namespace, theirs.process_contents)
            diff = None if same else f"{path}: wildcard differs"
        else:
            diff = _diff_element(mine, theirs, f"{path}/{mine.local_name}", seen)
        if diff:
            return diff
    return None


def first_contract_difference(ours: xmlschema.XMLSchema, ref: xmlschema.XMLSchema, root: str) -> str | None:
    """Path and description of the first wire-level difference below ``root``, or None."""
    if root not in ours.elements:
        return f"{root}: missing from our schema"
    if root not in ref.elements:
        return f"{root}: missing from the reference schema"
    return _diff_element(ours.elements[root], ref.elements[root], root, set())


# --------------------------------------------------------------------------------------------
# XSD files
# --------------------------------------------------------------------------------------------


def test_expected_files_exist():
    expected = {our for our, _, _ in CONTRACTS} | set(SHARED_XSD)
    present = {p.relative_to(XSD_DIR).as_posix() for p in XSD_FILES}
    assert expected <= present, f"missing: {sorted(expected - present)}"
    expected_wsdl = {f"{dienst}.wsdl" for _, _, dienst in SERVICES.values()}
    assert {p.name for p in WSDL_FILES} == expected_wsdl


@pytest.mark.parametrize("path", XSD_FILES, ids=_rel)
def test_xsd_compiles_with_lxml(path):
    etree.XMLSchema(etree.parse(str(path)))


@pytest.mark.parametrize("path", XSD_FILES, ids=_rel)
def test_xsd_compiles_with_xmlschema(path):
    xmlschema.XMLSchema(str(path))


@pytest.mark.parametrize("path", XSD_FILES, ids=_rel)
def test_xsd_conventions(path):
    """Unqualified locals, and a named prefix (never a default namespace) for the own namespace.

    With only a default-namespace binding, suds serialises the operation element with xmlns="..."
    so that every child inherits the namespace, which MAGDA rejects.
    """
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{{{XS}}}schema"
    assert root.get("elementFormDefault") == "unqualified"
    assert root.get("attributeFormDefault", "unqualified") == "unqualified"
    tns = root.get("targetNamespace")
    assert tns, "schema without targetNamespace"
    assert None not in root.nsmap, "schema declares a default namespace; use a named prefix"
    assert tns in root.nsmap.values(), "no named prefix declared for the targetNamespace"
    for node in root.iter(f"{{{XS}}}import", f"{{{XS}}}include"):
        location = node.get("schemaLocation")
        assert location and "://" not in location and not location.startswith("/"), location
        assert (path.parent / location).resolve().is_file(), f"unresolved schemaLocation {location}"


@pytest.mark.parametrize("path", XSD_FILES, ids=_rel)
def test_xsd_components_are_documented(path):
    root = etree.parse(str(path)).getroot()
    undocumented = []
    for node in root.iter(f"{{{XS}}}element", f"{{{XS}}}complexType", f"{{{XS}}}simpleType"):
        if node.get("name") is None:
            continue  # anonymous types are described by their element
        texts = node.xpath("xs:annotation/xs:documentation//text()", namespaces={"xs": XS})
        if not "".join(texts).strip():
            undocumented.append(f"{etree.QName(node).localname} {node.get('name')} (line {node.sourceline})")
    assert not undocumented, "missing xs:documentation: " + ", ".join(undocumented)


@pytest.mark.parametrize("op", SERVICES)
def test_operation_element_is_found_by_namespace_and_name(op):
    """Tools look up the schema of an operation as the first xsd/ file (in sorted order) whose
    targetNamespace is the service's namespace and that declares an element named after it."""
    folder, namespace, _ = SERVICES[op]
    declaring = [
        path
        for path in XSD_FILES
        if f'targetNamespace="{namespace}"' in (text := path.read_text(encoding="utf-8"))
        and re.search(rf'<(\w+:)?element\s+name="{op}"', text)
    ]
    assert declaring, f"no xsd/ file declares {{{namespace}}}{op}"
    assert _rel(declaring[0]) == f"xsd/{folder}/{op}.xsd"
    assert _xmlschema(str(declaring[0])).elements[op].name == f"{{{namespace}}}{op}"


# --------------------------------------------------------------------------------------------
# Reference messages and contract equivalence
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, op", REFERENCE_REQUESTS, ids=[r[0] for r in REFERENCE_REQUESTS])
def test_reference_request_validates(reference, name, op):
    folder, namespace, _ = SERVICES[op]
    element = _body_child(reference / name)
    assert element.tag == f"{{{namespace}}}{op}"
    _assert_valid(XSD_DIR / folder / f"{op}.xsd", element, name)


@pytest.mark.parametrize("name, op", REFERENCE_RESPONSES, ids=[r[0] for r in REFERENCE_RESPONSES])
def test_reference_responses_validate(reference, name, op):
    folder, namespace, _ = SERVICES[op]
    element = _body_child(reference / name)
    assert element.tag == f"{{{namespace}}}{op}Response"
    _assert_valid(XSD_DIR / folder / f"{op}Response.xsd", element, name)


@pytest.mark.parametrize("ours, ref, root", CONTRACTS, ids=[c[2] for c in CONTRACTS])
def test_contract_matches_reference(reference, ours, ref, root):
    our_schema = _xmlschema(str(XSD_DIR / ours))
    ref_schema = _xmlschema(str(reference / "xsd" / ref))
    assert our_schema.target_namespace == ref_schema.target_namespace
    root_element = our_schema.elements[root]
    assert root_element.is_global(), f"{root} must be a global (namespace-qualified) element"
    assert root_element.name == f"{{{ref_schema.target_namespace}}}{root}"
    difference = first_contract_difference(our_schema, ref_schema, root)
    assert difference is None, difference


def test_contract_comparison_detects_cardinality_change(reference):
    """The Service/ variant of the reference allows many Vraag elements; that must be caught."""
    difference = first_contract_difference(
        _xmlschema(str(GEEF_BEWIJS_XSD)),
        _xmlschema(str(reference / "xsd" / "LED.GeefBewijsDienst-02.00" / "Service" / "GeefBewijs.xsd")),
        "GeefBewijs",
    )
    assert difference and difference.startswith("GeefBewijs/Verzoek/Vragen/Vraag: max_occurs"), difference


BERICHT = "GeefBewijs/Verzoek/Context/Bericht"


@pytest.mark.parametrize(
    "old, new, expected_path",
    [
        ('<xs:maxLength value="36"/>', '<xs:maxLength value="35"/>', f"{BERICHT}/Afzender/Referte"),
        (
            '<xs:pattern value="\\p{N}{11}"/>',
            '<xs:pattern value="[0-9]{11}"/>',
            f"{BERICHT}/Afzender/Gebruiker",
        ),
        ('<xs:enumeration value="PUBLICATIE"/>', "", f"{BERICHT}/Type"),
    ],
)
def test_contract_comparison_detects_facet_change(reference, tmp_path, old, new, expected_path):
    shutil.copytree(XSD_DIR, tmp_path / "xsd")
    generiek = tmp_path / "xsd" / "Generiek-02.00" / "Generiek.xsd"
    text = generiek.read_text(encoding="utf-8")
    assert old in text
    generiek.write_text(text.replace(old, new, 1), encoding="utf-8")
    difference = first_contract_difference(
        xmlschema.XMLSchema(str(tmp_path / "xsd" / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd")),
        _xmlschema(str(reference / "xsd" / "LED.GeefBewijsDienst-02.00" / "WebService" / "GeefBewijs.xsd")),
        "GeefBewijs",
    )
    assert difference and difference.startswith(expected_path + ": facets"), difference


def test_contract_comparison_detects_attribute_change(reference, tmp_path):
    """An attribute's type is part of the contract: Metadata/Type/@Beschrijving is free text."""
    shutil.copytree(XSD_DIR, tmp_path / "xsd")
    generiek = tmp_path / "xsd" / "Generiek-02.00" / "Generiek.xsd"
    text = generiek.read_text(encoding="utf-8")
    old = '<xs:pattern value=".*"/>'
    assert text.count(old) == 1
    generiek.write_text(text.replace(old, '<xs:pattern value=".{0,80}"/>'), encoding="utf-8")
    folder, _, _ = SERVICES["GeefMutatiesNotificaties"]
    difference = first_contract_difference(
        xmlschema.XMLSchema(str(tmp_path / "xsd" / folder / "GeefMutatiesNotificatiesResponse.xsd")),
        _xmlschema(str(reference / "xsd" / folder / "WebService" / "GeefMutatiesNotificatiesResponse.xsd")),
        "GeefMutatiesNotificatiesResponse",
    )
    onderwerp = "GeefMutatiesNotificatiesResponse/Repliek/Antwoorden/Antwoord/Inhoud/Onderwerpen/Onderwerp"
    assert difference and difference.startswith(f"{onderwerp}/Inhoud/Metadata/Type: attributes"), difference


# --------------------------------------------------------------------------------------------
# Own samples: messages that MAGDA's schema accepts or refuses, ours must do the same
# --------------------------------------------------------------------------------------------

INSZ = "85610190007"
_CONTEXT = (
    "<Context><Naam>{op}</Naam><Versie>02.00.0000</Versie><Bericht><Type>{type}</Type>"
    "<Tijdstip><Datum>2024-07-01</Datum><Tijd>09:30:00.000</Tijd></Tijdstip>"
    "<Afzender><Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie><Referte>r-1</Referte>"
    "<Hoedanigheid>1300</Hoedanigheid></Afzender></Bericht></Context>"
)
_VERZOEK = (
    "<Verzoek>{context}<Vragen><Vraag><Referte>r-1</Referte><Inhoud>{body}</Inhoud></Vraag></Vragen>"
    "</Verzoek>"
)
_REPLIEK = (
    "<Repliek>{context}<Antwoorden><Antwoord><Referte>r-1</Referte>{body}</Antwoord></Antwoorden></Repliek>"
)
_LEVERANCIER = (
    "<Leverancier><Naam>Hoger onderwijs</Naam><Bewijsreferte>ref-1</Bewijsreferte></Leverancier>"
    f"<PersoonUitgereikt><INSZ>{INSZ}</INSZ></PersoonUitgereikt>"
)
_METADATA_IN = "<Metadata><Referte>m-1</Referte><Type>02</Type><Datum>2024-07-01T09:30:00</Datum></Metadata>"
_METADATA = (
    '<Metadata><Referte>m-1</Referte><Type Beschrijving="Wijziging">02</Type>'
    "<Datum>2024-07-01T09:30:00+02:00</Datum></Metadata>"
)
_NOTIFICATIE = (
    f"<MutatieNotificatie><Referte>m-1</Referte><Subject><Type>PERS</Type><Sleutel>{INSZ}</Sleutel></Subject>"
    "<Bron>LED</Bron></MutatieNotificatie>"
)
_AUDIT_LOGGING = (
    "<AuditLogging><Kern><Afnemer><Uri>demo.vlaanderen.be/afnemer-actief</Uri>"
    "<Referte><Intern>i-1</Intern><Extern>r-1</Extern></Referte></Afnemer>"
    "<Dienst><Naam>GeefBewijs</Naam><Versie>02.00.0000</Versie>"
    "<Type><Webservice>1</Webservice><Publicatie>0</Publicatie></Type></Dienst>"
    "<DatumTijdstipVraag>2024-07-01T09:30:00</DatumTijdstipVraag>"
    "<DatumTijdstipAntwoord>2024-07-01T09:30:01</DatumTijdstipAntwoord>"
    "<DatumTijdstipLog>2024-07-01T09:30:02</DatumTijdstipLog></Kern>"
    f"<Sleutels><Sleutel><Type>INSZ</Type><Waarde>{INSZ}</Waarde><BerichtType>VRAAG</BerichtType>"
    "<DatumTijdstipLog>2024-07-01T09:30:02</DatumTijdstipLog></Sleutel></Sleutels></AuditLogging>"
)

# (id, operation, "request" | "response" | "document", body in which {bewijs} stands for a full Bewijs,
#  whether MAGDA's schema accepts it)
SAMPLES = [
    ("annuleer", "AnnuleerBewijs", "request", f"<Bewijsannulatie>{_LEVERANCIER}</Bewijsannulatie>", True),
    ("annuleer-ok", "AnnuleerBewijs", "response", "<Inhoud><Melding>OK</Melding></Inhoud>", True),
    ("annuleer-niet-ok", "AnnuleerBewijs", "response", "<Inhoud><Melding>NOK</Melding></Inhoud>", False),
    ("mutatie", "RegistreerMutatieBewijs", "request", _METADATA_IN + "{bewijs}", True),
    (
        "mutatie-datum-zonder-T",
        "RegistreerMutatieBewijs",
        "request",
        _METADATA_IN.replace("2024-07-01T09:30:00", "2024-07-01 09:30:00") + "{bewijs}",
        False,
    ),
    (
        "mutatie-resultaat",
        "RegistreerMutatieBewijs",
        "response",
        "<Inhoud><Resultaat>1</Resultaat></Inhoud>",
        True,
    ),
    ("resultaat-2", "RegistreerInschrijving", "response", "<Inhoud><Resultaat>2</Resultaat></Inhoud>", False),
    (
        "inschrijving-zonder-periode",
        "RegistreerInschrijving",
        "request",
        "<Inschrijving><Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie>"
        "<Hoedanigheid>1300</Hoedanigheid><BetrokkenSubject><Type>PERS</Type><Subjecten><Subject>"
        f"<Type>PERS</Type><Sleutel>{INSZ}</Sleutel></Subject></Subjecten></BetrokkenSubject></Inschrijving>",
        True,
    ),
    (
        "uitschrijving-insz-10-cijfers",
        "RegistreerUitschrijving",
        "request",
        "<Uitschrijving><Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie>"
        f"<Hoedanigheid>1300</Hoedanigheid><INSZ>{INSZ[:10]}</INSZ></Uitschrijving>",
        False,
    ),
    (
        "mutaties-eerste-vraag",
        "GeefMutatiesNotificaties",
        "request",
        "<Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie><Hoedanigheid>1300</Hoedanigheid>",
        True,
    ),
    (
        "mutaties-bevestiging",
        "GeefMutatiesNotificaties",
        "request",
        "<Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie><Hoedanigheid>1300</Hoedanigheid>"
        "<Ontvangstreferte>o-1</Ontvangstreferte>",
        True,
    ),
    (
        "mutaties-reeks",
        "GeefMutatiesNotificaties",
        "response",
        f"<Inhoud><Onderwerpen><Onderwerp><Referte>n-1</Referte><Inhoud>{_METADATA}{_NOTIFICATIE}</Inhoud>"
        "</Onderwerp></Onderwerpen><Ontvangstreferte>o-2</Ontvangstreferte></Inhoud>",
        True,
    ),
    (
        "mutaties-zonder-ontvangstreferte",
        "GeefMutatiesNotificaties",
        "response",
        f"<Inhoud><Onderwerpen><Onderwerp><Referte>n-1</Referte><Inhoud>{_NOTIFICATIE}</Inhoud>"
        "</Onderwerp></Onderwerpen></Inhoud>",
        False,
    ),
    (
        "mutaties-lege-reeks",
        "GeefMutatiesNotificaties",
        "response",
        "<Inhoud><Onderwerpen/><Ontvangstreferte>o-2</Ontvangstreferte></Inhoud>",
        False,
    ),
    (
        "audit",
        "GeefAuditLogging",
        "request",
        f"<Criteria><Sleutel><Type>INSZ</Type><Waarde>{INSZ}</Waarde></Sleutel>"
        "<Periode><Begin><Datum>2024-01-01</Datum></Begin></Periode><Referte><Extern>r-1</Extern></Referte>"
        "</Criteria>",
        True,
    ),
    (
        "audit-twee-refertes",
        "GeefAuditLogging",
        "request",
        f"<Criteria><Sleutel><Type>INSZ</Type><Waarde>{INSZ}</Waarde></Sleutel>"
        "<Referte><Intern>i-1</Intern><Extern>r-1</Extern></Referte></Criteria>",
        False,
    ),
    (
        "audit-gevonden",
        "GeefAuditLogging",
        "response",
        f"<Inhoud><AuditLoggings>{_AUDIT_LOGGING}</AuditLoggings></Inhoud>",
        True,
    ),
    ("audit-leeg", "GeefAuditLogging", "response", "<Inhoud><AuditLoggings/></Inhoud>", False),
    (
        "publicatie",
        "PubliceerBewijs",
        "document",
        f"<Onderwerpen><Onderwerp><Referte>p-1</Referte><Inhoud>{_METADATA}{{bewijs}}</Inhoud></Onderwerp>"
        "</Onderwerpen>",
        True,
    ),
    (
        "publicatie-zonder-metadata",
        "PubliceerBewijs",
        "document",
        "<Onderwerpen><Onderwerp><Referte>p-1</Referte><Inhoud>{bewijs}</Inhoud></Onderwerp></Onderwerpen>",
        False,
    ),
]


def _reference_bewijs(reference: Path) -> str:
    """The first Bewijs of MAGDA's GeefBewijs sample reply, as unqualified XML text."""
    response = _body_child(reference / "responses" / "GeefBewijs-02.00.0000-found-99610100150.xml")
    bewijs = response.find("Repliek/Antwoorden/Antwoord/Inhoud/Bewijzen/Bewijs")
    assert bewijs is not None
    etree.cleanup_namespaces(bewijs)
    return etree.tostring(bewijs, encoding="unicode", with_tail=False)


def _sample(reference: Path, op: str, kind: str, body: str) -> tuple[etree._Element, str, str]:
    """(message element, our schema, reference schema) of a sample."""
    body = body.replace("{bewijs}", _reference_bewijs(reference))
    if kind == "document":
        context = _CONTEXT.format(op=op, type="PUBLICATIE")
        xml = f'<m:{op} xmlns:m="{PUBLICEER_BEWIJS_NS}"><Publicatie>{context}{body}</Publicatie></m:{op}>'
        return etree.fromstring(xml), PUBLICEER_BEWIJS_XSD, PUBLICEER_BEWIJS_REFERENCE
    folder, namespace, _ = SERVICES[op]
    if kind == "request":
        message = _VERZOEK.format(context=_CONTEXT.format(op=op, type="VRAAG"), body=body)
        name = op
    else:
        message = _REPLIEK.format(context=_CONTEXT.format(op=op, type="ANTWOORD"), body=body)
        name = f"{op}Response"
    xml = f'<m:{name} xmlns:m="{namespace}">{message}</m:{name}>'
    return etree.fromstring(xml), f"{folder}/{name}.xsd", f"{folder}/WebService/{name}.xsd"


@pytest.mark.parametrize("op, kind, body, valid", [s[1:] for s in SAMPLES], ids=[s[0] for s in SAMPLES])
def test_own_samples_judged_like_the_reference(reference, op, kind, body, valid):
    element, ours, ref = _sample(reference, op, kind, body)
    ref_errors = list(_xmlschema(str(reference / "xsd" / ref)).iter_errors(element))
    assert (not ref_errors) == valid, f"MAGDA's schema judges this sample otherwise: {ref_errors[:1]}"
    if valid:
        _assert_valid(XSD_DIR / ours, element, ours)
    else:
        assert not _lxml_schema(str(XSD_DIR / ours)).validate(element), f"{ours} (lxml) accepts it"
        assert list(_xmlschema(str(XSD_DIR / ours)).iter_errors(element)), f"{ours} (xmlschema) accepts it"


# --------------------------------------------------------------------------------------------
# WSDL files
# --------------------------------------------------------------------------------------------


def _wsdl_imports(root: etree._Element) -> list[etree._Element]:
    return root.findall(f"{{{WSDL_NS}}}types/{{{XS}}}schema/{{{XS}}}import")


def _qname(node: etree._Element, attribute: str) -> str:
    value = node.get(attribute)
    prefix, _, local = value.rpartition(":")
    assert prefix in node.nsmap, f"{attribute}={value!r} uses an undeclared prefix"
    return f"{{{node.nsmap[prefix]}}}{local}"


@pytest.mark.parametrize("path", WSDL_FILES, ids=_rel)
def test_wsdl_structure(path):
    root = etree.parse(str(path)).getroot()  # well-formed
    assert root.tag == f"{{{WSDL_NS}}}definitions"
    assert None not in root.nsmap, "wsdl:definitions declares a default namespace; use named prefixes"
    assert root.get("targetNamespace") in root.nsmap.values()
    assert (
        root.find(f"{{{WSDL_NS}}}documentation") is not None
        or root.find(f"{{{WSDL_NS}}}service/{{{WSDL_NS}}}documentation") is not None
    )

    imports = _wsdl_imports(root)
    assert imports, "wsdl:types imports no schema"
    schemas = []
    for node in imports:
        location = node.get("schemaLocation")
        assert location and "://" not in location and not location.startswith("/"), (
            f"schemaLocation must be relative: {location!r}"
        )
        target = (path.parent / location).resolve()
        assert target.is_file(), f"{location} does not exist"
        assert XSD_DIR.resolve() in target.parents, f"{location} points outside xsd/"
        schema = _xmlschema(str(target))
        assert schema.target_namespace == node.get("namespace")
        schemas.append(schema)
    known_elements = {qname for schema in schemas for qname in schema.maps.elements}

    messages = {}
    for message in root.findall(f"{{{WSDL_NS}}}message"):
        parts = message.findall(f"{{{WSDL_NS}}}part")
        assert len(parts) == 1, f"message {message.get('name')} must have exactly one part"
        element = _qname(parts[0], "element")
        assert element in known_elements, f"message part element {element} not in the imported schemas"
        messages[message.get("name")] = element

    tns = root.get("targetNamespace")
    for port_type in root.findall(f"{{{WSDL_NS}}}portType"):
        for operation in port_type.findall(f"{{{WSDL_NS}}}operation"):
            name = operation.get("name")
            for direction, suffix in (("input", "Request"), ("output", "Response")):
                node = operation.find(f"{{{WSDL_NS}}}{direction}")
                message = _qname(node, "message")
                assert message == f"{{{tns}}}{name}{suffix}", message
            assert messages[f"{name}Request"].endswith(f"}}{name}")
            assert messages[f"{name}Response"].endswith(f"}}{name}Response")

    bindings = root.findall(f"{{{WSDL_NS}}}binding")
    assert bindings
    for binding in bindings:
        soap_binding = binding.find(f"{{{SOAP_BINDING_NS}}}binding")
        assert soap_binding.get("style") == "document"
        assert soap_binding.get("transport") == "http://schemas.xmlsoap.org/soap/http"
        for operation in binding.findall(f"{{{WSDL_NS}}}operation"):
            soap_operation = operation.find(f"{{{SOAP_BINDING_NS}}}operation")
            assert soap_operation.get("soapAction") == operation.get("name")
            for body in operation.iter(f"{{{SOAP_BINDING_NS}}}body"):
                assert body.get("use") == "literal"

    addresses = root.findall(f"{{{WSDL_NS}}}service/{{{WSDL_NS}}}port/{{{SOAP_BINDING_NS}}}address")
    assert len(addresses) == 1
    match = ADDRESS_RE.fullmatch(addresses[0].get("location"))
    assert match, addresses[0].get("location")
    assert f"{match['dienst']}-{match['versie']}" == path.stem
    assert root.find(f"{{{WSDL_NS}}}service").get("name") == match["dienst"]


@pytest.mark.parametrize("op", SERVICES)
def test_wsdl_describes_its_service(op):
    folder, namespace, dienst = SERVICES[op]
    root = etree.parse(str(WSDL_DIR / f"{dienst}.wsdl")).getroot()
    assert root.get("targetNamespace") == namespace
    assert sorted(node.get("schemaLocation") for node in _wsdl_imports(root)) == [
        f"../xsd/{folder}/{op}.xsd",
        f"../xsd/{folder}/{op}Response.xsd",
    ]
    assert {node.get("name") for node in root.iter(f"{{{WSDL_NS}}}operation")} == {op}
    address = root.find(f"{{{WSDL_NS}}}service/{{{WSDL_NS}}}port/{{{SOAP_BINDING_NS}}}address")
    assert address.get("location") == f"http://localhost:8080/{dienst}/soap/WebService"


# --------------------------------------------------------------------------------------------
# Own work, not copies
# --------------------------------------------------------------------------------------------


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_no_byte_copies_of_reference_files(reference):
    reference_hashes = {_sha1(p): p for p in reference.rglob("*") if p.is_file()}
    ours = [p for p in (*XSD_DIR.rglob("*"), *WSDL_DIR.rglob("*")) if p.is_file()]
    assert ours
    copies = [f"{_rel(p)} == {reference_hashes[_sha1(p)]}" for p in ours if _sha1(p) in reference_hashes]
    assert not copies, f"byte copies of reference files: {copies}"


def test_no_license_headers():
    ours = [p for p in (*XSD_DIR.rglob("*"), *WSDL_DIR.rglob("*")) if p.is_file()]
    offending = [_rel(p) for p in ours if re.search(r"#%L|EUPL|Licen[cs]e", p.read_text(encoding="utf-8"))]
    assert not offending, f"copied license text in {offending}"
