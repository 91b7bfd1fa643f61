"""A :class:`~led_gateway.domain.bewijs.Bewijs` on the wire: MAGDA's ``BewijsType``.

The element order follows the field tables of :mod:`led_gateway.domain.bewijs`;
leaves that are ``None`` are left out, as MAGDA leaves out what a source did
not deliver.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from itertools import groupby
from operator import attrgetter

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


#: What XML text cannot hold: control characters, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escaped(text: str) -> str:
    """``text`` as XML character data, escaped as lxml escapes it."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text


def _leaf(tag: str, value: object) -> str:
    if value is None:
        return f"<{tag}/>"
    return f"<{tag}>{_escaped(value if value.__class__ is str else _text(value))}</{tag}>"


def _element(tag: str, content: str) -> str:
    return f"<{tag}>{content}</{tag}>" if content else f"<{tag}/>"


class _LeafWriter:
    """Writes the single-valued leaves of one part of a bewijs (Basis or Afgeleid) in schema order,
    each group in its parent element, leaving out those that are ``None``.

    The values are fetched together and looked over together for characters to escape (a
    source seldom sends any), so that a leaf costs one formatted string: a bewijs is written
    for every registration, by the hundred thousand in an import.
    """

    def __init__(self, leaves: _Leaves) -> None:
        self._values = attrgetter(*(attribute for _, items in leaves for _, attribute in items))
        self._tags = tuple((f"<{tag}>", f"</{tag}>") for _, items in leaves for tag, _ in items)
        spans, start = [], 0
        for head, items in leaves:
            wrapped = ("", "") if head is None else (f"<{head}>", f"</{head}>")
            spans.append((start, start + len(items), *wrapped))
            start += len(items)
        #: Per group: its leaves' positions (start, end) and its parent's tags ("" for none).
        self._spans: tuple[tuple[int, int, str, str], ...] = tuple(spans)

    def __call__(self, bewijs: Bewijs) -> str:
        values = self._values(bewijs)
        if not _plain(values):
            values = tuple(_escaped(value) if value.__class__ is str else value for value in values)
        written = [
            "" if value is None else f"{opening}{value if value.__class__ is str else _text(value)}{closing}"
            for (opening, closing), value in zip(self._tags, values, strict=True)
        ]
        parts = []
        for start, end, opening, closing in self._spans:
            if inner := "".join(written[start:end]):
                parts.append(f"{opening}{inner}{closing}")
        return "".join(parts)


def _plain(values: tuple) -> bool:
    """Whether none of the strings among ``values`` has a character to escape."""
    text = "".join([value for value in values if value.__class__ is str])
    return not ("&" in text or "<" in text or ">" in text or "\r" in text)


_basis_leaves = _LeafWriter(_BASIS)
_afgeleid_leaves = _LeafWriter(_AFGELEID)


def _code_naam(tag: str, item: CodeNaam) -> str:
    naam = "" if item.naam is None else _leaf("Naam", item.naam)
    return f"<{tag}>{_leaf('Code', item.code)}{naam}</{tag}>"


def _optional(tag: str, value: object) -> str:
    return "" if value is None else _leaf(tag, value)


def _leeruitkomst(item: Leeruitkomst) -> str:
    soort = ""
    if item.type_code is not None:
        soort = _element(
            "LeeruitkomstType",
            _leaf("LeeruitkomstTypeCode", item.type_code)
            + _leaf("LeeruitkomstTypeNaam", item.type_naam or item.type_code),
        )
    return _element(
        "Leeruitkomst",
        _leaf("Titel", item.titel) + _optional("ExtraInformatie", item.extra_informatie) + soort,
    )


def _supplement(item: Supplement) -> str:
    return _element(
        "Supplement",
        _leaf("Naam", item.naam)
        + _optional("Omschrijving", item.omschrijving)
        + _leaf("SupplementNr", item.nummer)
        + _element(
            "SupplementType",
            _leaf("SupplementTypeCode", item.type_code) + _leaf("SupplementTypeNaam", item.type_naam),
        )
        + _element("Leeruitkomsten", "".join(_leeruitkomst(uitkomst) for uitkomst in item.leeruitkomsten)),
    )


def _alternatieve_instantie(item: AlternatieveInstantie) -> str:
    return _element(
        "AlternatieveInstantie",
        _element("Instantierol", _leaf("Naam", item.instantierol))
        + _element("Instantie", _leaf("Naam", item.instantie)),
    )


def _bijkomende_informatie(item: NaamInhoud) -> str:
    return _element("BijkomendeInformatie", _leaf("Naam", item.naam) + _leaf("Inhoud", item.inhoud))


#: The repeated groups of Basis, in schema order: container, attribute, item writer.
_GROUPS: tuple[tuple[str, str, Callable[[object], str]], ...] = (
    ("Beroepskwalificaties", "beroepskwalificaties", partial(_code_naam, "Beroepskwalificatie")),
    ("Deelkwalificaties", "deelkwalificaties", partial(_code_naam, "Deelkwalificatie")),
    ("GeneriekSupplement", "supplementen", _supplement),
    ("AlternatieveInstanties", "alternatieve_instanties", _alternatieve_instantie),
    ("BijkomendeInformaties", "bijkomende_informaties", _bijkomende_informatie),
)


def _groups(bewijs: Bewijs) -> str:
    return "".join(
        _element(container, "".join(write(item) for item in items))
        for container, attribute, write in _GROUPS
        if (items := getattr(bewijs, attribute))
    )


def bewijs_xml(bewijs: Bewijs) -> bytes:
    """``bewijs`` as a standalone, unqualified ``Bewijs`` element in UTF-8 (no XML declaration).

    The repository stores it beside the bewijs's columns; :func:`append_stored`
    puts it back into a reply. It is written as text, the bytes lxml would
    serialise for the same elements: some four times faster than building
    the tree, which counts when a source loads its bewijzen by the hundred
    thousand. A value XML cannot hold raises ``ValueError``, as lxml would.
    """
    gewijzigd = bewijs.gewijzigd_op
    xml = (
        f"<Bewijs><BewijsrefertesLed>{_leaf('Bewijsreferte', bewijs.bewijsreferte)}"
        f"{_leaf('Bewijsmutatiereferte', bewijs.bewijsmutatiereferte)}</BewijsrefertesLed>"
        f"<BewijsstatusLed>{_leaf('Code', bewijs.status)}<DatumModificatie>"
        f"<Datum>{gewijzigd:%d.%m.%Y}</Datum><Tijd>{format_tijd(gewijzigd)}</Tijd>"
        "</DatumModificatie></BewijsstatusLed>"
        f"<Leverancier>{_leaf('Naam', bewijs.leverancier_naam)}"
        f"{_leaf('Bewijsreferte', bewijs.leverancier_bewijsreferte)}</Leverancier>"
        f"<PersoonUitgereikt>{_leaf('INSZ', bewijs.insz)}</PersoonUitgereikt>"
        f"{_element('Basis', _basis_leaves(bewijs) + _groups(bewijs))}"
        f"{_element('Afgeleid', _afgeleid_leaves(bewijs))}</Bewijs>"
    )
    data = xml.encode("utf-8", "surrogatepass")
    if not _only_xml_characters(xml, data):
        raise ValueError("All strings must be XML compatible: no NULL bytes or control characters")
    return data


#: The bytes of the C0 control characters XML text cannot hold (all but tab, newline and CR).
_C0_NOT_XML = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0D})


def _only_xml_characters(xml: str, data: bytes) -> bool:
    """Whether ``xml`` (encoded as ``data``) holds only characters XML allows; for ASCII, which
    is most of what a source sends, by deleting the controls from its bytes, twice as fast as
    any search."""
    if xml.isascii():
        return len(data.translate(None, _C0_NOT_XML)) == len(data)
    return _NOT_XML.search(xml) is None


def append_bewijs(parent: etree._Element, bewijs: Bewijs) -> etree._Element:
    """Add ``bewijs`` to ``parent`` as a ``Bewijs`` element and return it."""
    element = etree.fromstring(bewijs_xml(bewijs))  # our own bytes: no DTD, no entities
    parent.append(element)
    return element


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


def _leaf_values(children: dict[str, etree._Element], leaves: _Leaves) -> dict[str, object]:
    """The leaves below an element whose :func:`_first_children` are ``children``."""
    values: dict[str, object] = {}
    for head, items in leaves:
        found = children if head is None else _first_children(children.get(head))
        for tag, attribute in items:
            child = found.get(tag)
            values[attribute] = None if child is None else (child.text or "").strip()
    if values.get("behaald_via_evc") is not None:
        values["behaald_via_evc"] = values["behaald_via_evc"] in ("true", "1")
    return values


def _first_children(element: etree._Element | None) -> dict[str, etree._Element]:
    """The first child element of each tag, as ``find`` gives them, in one pass over the children
    instead of a search per field."""
    children: dict[str, etree._Element] = {}
    if element is not None:
        for child in element.iterchildren(tag=etree.Element):
            children.setdefault(child.tag, child)
    return children


def _items(container: etree._Element | None, tag: str) -> Iterator[etree._Element]:
    return iter(()) if container is None else container.iterchildren(tag)


def _code_namen(items: Iterator[etree._Element]) -> tuple[CodeNaam, ...]:
    return tuple(CodeNaam(item.findtext("Code"), item.findtext("Naam")) for item in items)


def _supplementen(items: Iterator[etree._Element]) -> tuple[Supplement, ...]:
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
        for item in items
    )


def read_basis(basis: etree._Element) -> dict[str, object]:
    """The Basis fields of a bewijs (``BewijsBasisType``) as :class:`Bewijs` attribute values."""
    children = _first_children(basis)
    values = _leaf_values(children, _BASIS)
    groups = children.get
    values["beroepskwalificaties"] = _code_namen(
        _items(groups("Beroepskwalificaties"), "Beroepskwalificatie")
    )
    values["deelkwalificaties"] = _code_namen(_items(groups("Deelkwalificaties"), "Deelkwalificatie"))
    values["supplementen"] = _supplementen(_items(groups("GeneriekSupplement"), "Supplement"))
    values["alternatieve_instanties"] = tuple(
        AlternatieveInstantie(item.findtext("Instantierol/Naam"), item.findtext("Instantie/Naam"))
        for item in _items(groups("AlternatieveInstanties"), "AlternatieveInstantie")
    )
    values["bijkomende_informaties"] = tuple(
        NaamInhoud(item.findtext("Naam"), item.findtext("Inhoud"))
        for item in _items(groups("BijkomendeInformaties"), "BijkomendeInformatie")
    )
    return values


def read_afgeleid(afgeleid: etree._Element) -> dict[str, object]:
    """The Afgeleid fields of a bewijs as :class:`Bewijs` attribute values."""
    return _leaf_values(_first_children(afgeleid), _AFGELEID)
