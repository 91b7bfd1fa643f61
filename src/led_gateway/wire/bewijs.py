"""A :class:`~led_gateway.domain.bewijs.Bewijs` on the wire: MAGDA's ``BewijsType``.

The element order follows the field tables of :mod:`led_gateway.domain.bewijs`;
leaves that are ``None`` are left out, as MAGDA leaves out what a source did
not deliver.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from lxml import etree

from led_gateway.domain.bewijs import (
    AFGELEID_FIELDS,
    BASIS_FIELDS,
    AlternatieveInstantie,
    Bewijs,
    CodeNaam,
    Leeruitkomst,
    NaamInhoud,
    Supplement,
)
from led_gateway.wire.context import format_tijd

_Leaves = tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...]


def _grouped(fields: tuple[tuple[str, str], ...]) -> _Leaves:
    """Group ``("Onderwerp/Code", attr)`` paths by their parent element.

    A path without a slash is a leaf of its own (parent ``None``).
    """
    grouped = []
    for head, items in groupby(fields, key=lambda item: item[0].rpartition("/")[0] or None):
        leaves = tuple((path.rpartition("/")[2], attribute) for path, attribute in items)
        grouped.append((head, leaves))
    return tuple(grouped)


_BASIS = _grouped(BASIS_FIELDS)
_AFGELEID = _grouped(AFGELEID_FIELDS)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append_leaves(parent: etree._Element, bewijs: Bewijs, leaves: _Leaves) -> None:
    sub = etree.SubElement
    for head, items in leaves:
        values = [(tag, getattr(bewijs, attribute)) for tag, attribute in items]
        present = [(tag, value) for tag, value in values if value is not None]
        if not present:
            continue
        target = parent if head is None else sub(parent, head)
        for tag, value in present:
            sub(target, tag).text = _text(value)


def _append_code_naam(parent: etree._Element, tag: str, item: CodeNaam) -> None:
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, "Code").text = item.code
    if item.naam is not None:
        etree.SubElement(element, "Naam").text = item.naam


def _append_supplement(parent: etree._Element, item: Supplement) -> None:
    sub = etree.SubElement
    element = sub(parent, "Supplement")
    sub(element, "Naam").text = item.naam
    if item.omschrijving is not None:
        sub(element, "Omschrijving").text = item.omschrijving
    sub(element, "SupplementNr").text = item.nummer
    soort = sub(element, "SupplementType")
    sub(soort, "SupplementTypeCode").text = item.type_code
    sub(soort, "SupplementTypeNaam").text = item.type_naam
    leeruitkomsten = sub(element, "Leeruitkomsten")
    for uitkomst in item.leeruitkomsten:
        leeruitkomst = sub(leeruitkomsten, "Leeruitkomst")
        sub(leeruitkomst, "Titel").text = uitkomst.titel
        if uitkomst.extra_informatie is not None:
            sub(leeruitkomst, "ExtraInformatie").text = uitkomst.extra_informatie
        if uitkomst.type_code is not None:
            uitkomst_type = sub(leeruitkomst, "LeeruitkomstType")
            sub(uitkomst_type, "LeeruitkomstTypeCode").text = uitkomst.type_code
            sub(uitkomst_type, "LeeruitkomstTypeNaam").text = uitkomst.type_naam or uitkomst.type_code


def _append_alternatieve_instantie(parent: etree._Element, item: AlternatieveInstantie) -> None:
    element = etree.SubElement(parent, "AlternatieveInstantie")
    etree.SubElement(etree.SubElement(element, "Instantierol"), "Naam").text = item.instantierol
    etree.SubElement(etree.SubElement(element, "Instantie"), "Naam").text = item.instantie


def _append_bijkomende_informatie(parent: etree._Element, item: NaamInhoud) -> None:
    element = etree.SubElement(parent, "BijkomendeInformatie")
    etree.SubElement(element, "Naam").text = item.naam
    etree.SubElement(element, "Inhoud").text = item.inhoud


#: The repeated groups of Basis, in schema order: container, attribute, item writer.
_GROUPS: tuple[tuple[str, str, Callable[[etree._Element, object], None]], ...] = (
    (
        "Beroepskwalificaties",
        "beroepskwalificaties",
        lambda parent, item: _append_code_naam(parent, "Beroepskwalificatie", item),
    ),
    (
        "Deelkwalificaties",
        "deelkwalificaties",
        lambda parent, item: _append_code_naam(parent, "Deelkwalificatie", item),
    ),
    ("GeneriekSupplement", "supplementen", _append_supplement),
    ("AlternatieveInstanties", "alternatieve_instanties", _append_alternatieve_instantie),
    ("BijkomendeInformaties", "bijkomende_informaties", _append_bijkomende_informatie),
)


def _append_groups(basis: etree._Element, bewijs: Bewijs) -> None:
    for container, attribute, write in _GROUPS:
        items = getattr(bewijs, attribute)
        if not items:
            continue
        element = etree.SubElement(basis, container)
        for item in items:
            write(element, item)


def append_bewijs(parent: etree._Element, bewijs: Bewijs) -> etree._Element:
    """Add ``bewijs`` to ``parent`` as a ``Bewijs`` element and return it."""
    sub = etree.SubElement
    element = sub(parent, "Bewijs")
    refertes = sub(element, "BewijsrefertesLed")
    sub(refertes, "Bewijsreferte").text = bewijs.bewijsreferte
    sub(refertes, "Bewijsmutatiereferte").text = bewijs.bewijsmutatiereferte
    status = sub(element, "BewijsstatusLed")
    sub(status, "Code").text = bewijs.status
    gewijzigd = sub(status, "DatumModificatie")
    sub(gewijzigd, "Datum").text = bewijs.gewijzigd_op.strftime("%d.%m.%Y")
    sub(gewijzigd, "Tijd").text = format_tijd(bewijs.gewijzigd_op)
    leverancier = sub(element, "Leverancier")
    sub(leverancier, "Naam").text = bewijs.leverancier_naam
    sub(leverancier, "Bewijsreferte").text = bewijs.leverancier_bewijsreferte
    sub(sub(element, "PersoonUitgereikt"), "INSZ").text = bewijs.insz
    basis = sub(element, "Basis")
    _append_leaves(basis, bewijs, _BASIS)
    _append_groups(basis, bewijs)
    _append_leaves(sub(element, "Afgeleid"), bewijs, _AFGELEID)
    return element


def bewijs_xml(bewijs: Bewijs) -> bytes:
    """``bewijs`` as a standalone, unqualified ``Bewijs`` element in UTF-8 (no XML declaration).

    The repository stores it beside the bewijs's columns; :func:`append_stored`
    puts it back into a reply.
    """
    return etree.tostring(append_bewijs(etree.Element("Bewijzen"), bewijs), encoding="UTF-8")


#: Target of the processing instruction that holds a stored Bewijs until the reply is serialised.
STORED = "led-bewijs"
_PLACEHOLDER_START = b"<?" + STORED.encode() + b" "


def append_stored(parent: etree._Element, stored: bytes) -> None:
    """Add a ``Bewijs`` written by :func:`bewijs_xml` to ``parent``, without parsing it again.

    It travels as a processing instruction holding the element's text (which
    cannot contain ``?>``: the serialiser escapes ``>`` in text and attribute
    values); :func:`splice_stored` puts the element itself in its place once
    the reply is bytes. Unqualified and without namespace declarations, the
    element means the same wherever it is put. What is not a whole stored
    element (a damaged row) raises ``ValueError`` rather than reach the wire.
    """
    if not (stored.startswith(b"<Bewijs>") and stored.endswith(b"</Bewijs>")):
        raise ValueError("a stored Bewijs element is damaged")
    parent.append(etree.PI(STORED, stored.decode("utf-8")))


def splice_stored(serialised: bytes) -> bytes:
    """Replace the placeholders :func:`append_stored` left by the stored elements."""
    before, *placeholders = serialised.split(_PLACEHOLDER_START)
    parts = [before]
    for placeholder in placeholders:
        stored, _, after = placeholder.partition(b"?>")
        parts += (stored, after)
    return b"".join(parts)


# ------------------------------------------------------------------ reading


def _leaf_values(parent: etree._Element, leaves: _Leaves) -> dict[str, object]:
    values: dict[str, object] = {}
    for head, items in leaves:
        target = parent if head is None else parent.find(head)
        texts = {} if target is None else _child_texts(target)
        for tag, attribute in items:
            text = texts.get(tag)
            values[attribute] = None if text is None else text.strip()
    if values.get("behaald_via_evc") is not None:
        values["behaald_via_evc"] = values["behaald_via_evc"] in ("true", "1")
    return values


def _child_texts(element: etree._Element) -> dict[str, str]:
    """Each child's text by tag, as ``findtext`` reads it (the first of a tag; ``""`` when empty),
    in one pass over the children instead of a search per field."""
    texts: dict[str, str] = {}
    for child in element.iterchildren(tag=etree.Element):
        texts.setdefault(child.tag, child.text or "")
    return texts


def _code_namen(parent: etree._Element | None, tag: str) -> tuple[CodeNaam, ...]:
    if parent is None:
        return ()
    return tuple(CodeNaam(item.findtext("Code"), item.findtext("Naam")) for item in parent.iterfind(tag))


def _supplementen(parent: etree._Element | None) -> tuple[Supplement, ...]:
    if parent is None:
        return ()
    return tuple(
        Supplement(
            naam=item.findtext("Naam"),
            nummer=item.findtext("SupplementNr"),
            type_code=item.findtext("SupplementType/SupplementTypeCode"),
            type_naam=item.findtext("SupplementType/SupplementTypeNaam"),
            omschrijving=item.findtext("Omschrijving"),
            leeruitkomsten=tuple(
                Leeruitkomst(
                    titel=uitkomst.findtext("Titel"),
                    extra_informatie=uitkomst.findtext("ExtraInformatie"),
                    type_code=uitkomst.findtext("LeeruitkomstType/LeeruitkomstTypeCode"),
                    type_naam=uitkomst.findtext("LeeruitkomstType/LeeruitkomstTypeNaam"),
                )
                for uitkomst in item.iterfind("Leeruitkomsten/Leeruitkomst")
            ),
        )
        for item in parent.iterfind("Supplement")
    )


def read_basis(basis: etree._Element) -> dict[str, object]:
    """The Basis fields of a bewijs (``BewijsBasisType``) as :class:`Bewijs` attribute values."""
    values = _leaf_values(basis, _BASIS)
    values["beroepskwalificaties"] = _code_namen(basis.find("Beroepskwalificaties"), "Beroepskwalificatie")
    values["deelkwalificaties"] = _code_namen(basis.find("Deelkwalificaties"), "Deelkwalificatie")
    values["supplementen"] = _supplementen(basis.find("GeneriekSupplement"))
    values["alternatieve_instanties"] = tuple(
        AlternatieveInstantie(item.findtext("Instantierol/Naam"), item.findtext("Instantie/Naam"))
        for item in basis.iterfind("AlternatieveInstanties/AlternatieveInstantie")
    )
    values["bijkomende_informaties"] = tuple(
        NaamInhoud(item.findtext("Naam"), item.findtext("Inhoud"))
        for item in basis.iterfind("BijkomendeInformaties/BijkomendeInformatie")
    )
    return values


def read_afgeleid(afgeleid: etree._Element) -> dict[str, object]:
    """The Afgeleid fields of a bewijs as :class:`Bewijs` attribute values."""
    return _leaf_values(afgeleid, _AFGELEID)
