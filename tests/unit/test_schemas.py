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

# (our schema, reference schema, root element) for every message our services exchange.
CONTRACTS = [
    (
        "LED.GeefBewijsDienst-02.00/GeefBewijs.xsd",
        "LED.GeefBewijsDienst-02.00/WebService/GeefBewijs.xsd",
        "GeefBewijs",
    ),
    (
        "LED.GeefBewijsDienst-02.00/GeefBewijsResponse.xsd",
        "LED.GeefBewijsDienst-02.00/WebService/GeefBewijsResponse.xsd",
        "GeefBewijsResponse",
    ),
    (
        "Generiek.IsBeschikbaarDienst-02.00/IsBeschikbaar.xsd",
        "Generiek.IsBeschikbaarDienst-02.00/WebService/IsBeschikbaar.xsd",
        "IsBeschikbaar",
    ),
    (
        "Generiek.IsBeschikbaarDienst-02.00/IsBeschikbaarResponse.xsd",
        "Generiek.IsBeschikbaarDienst-02.00/WebService/IsBeschikbaarResponse.xsd",
        "IsBeschikbaarResponse",
    ),
]
GEEF_BEWIJS_XSD = XSD_DIR / "LED.GeefBewijsDienst-02.00" / "GeefBewijs.xsd"
GEEF_BEWIJS_RESPONSE_XSD = XSD_DIR / "LED.GeefBewijsDienst-02.00" / "GeefBewijsResponse.xsd"

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
    mine_attrs = sorted((_local(k), a.use) for k, a in ours.attributes.items() if k)
    ref_attrs = sorted((_local(k), a.use) for k, a in ref.attributes.items() if k)
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
    expected = {our for our, _, _ in CONTRACTS} | {"Generiek-02.00/Generiek.xsd", "Bewijs/Bewijs.xsd"}
    present = {p.relative_to(XSD_DIR).as_posix() for p in XSD_FILES}
    assert expected <= present, f"missing: {sorted(expected - present)}"
    assert {p.name for p in WSDL_FILES} >= {"GeefBewijsDienst-02.00.wsdl", "IsBeschikbaarDienst-02.00.wsdl"}


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


def test_operation_element_spelling():
    text = GEEF_BEWIJS_XSD.read_text(encoding="utf-8")
    assert re.search(r'<(\w+:)?element\s+name="GeefBewijs"', text)


# --------------------------------------------------------------------------------------------
# Reference messages and contract equivalence
# --------------------------------------------------------------------------------------------


def test_reference_request_validates(reference):
    element = _body_child(reference / "requests" / "GeefBewijs-02.00.0000.xml")
    assert element.tag == f"{{{GEEF_BEWIJS_NS}}}GeefBewijs"
    _assert_valid(GEEF_BEWIJS_XSD, element, "requests/GeefBewijs-02.00.0000.xml")


@pytest.mark.parametrize(
    "name",
    [
        "GeefBewijs-02.00.0000-found-99610100150.xml",
        "GeefBewijs-02.00.0000-notfound.xml",
    ],
)
def test_reference_responses_validate(reference, name):
    element = _body_child(reference / "responses" / name)
    assert element.tag == f"{{{GEEF_BEWIJS_NS}}}GeefBewijsResponse"
    _assert_valid(GEEF_BEWIJS_RESPONSE_XSD, element, f"responses/{name}")


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
