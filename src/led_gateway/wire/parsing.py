"""Hardened XML parsing for everything that comes in from outside.

No DTD is loaded and no entity is resolved, nothing is fetched from the
network, and libxml2's default limits on depth and text size stay on (no
``huge_tree``). A document that declares a DTD at all is refused: SOAP 1.1
forbids a document type declaration in a message, and refusing it outright
takes entity tricks (external entities, expansion bombs) off the table.
"""

from __future__ import annotations

import threading

from lxml import etree


class MalformedXml(ValueError):
    """The bytes are not a well-formed, DTD-free XML document."""


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
    )


_local = threading.local()


def _parser() -> etree.XMLParser:
    """One parser per thread: lxml parsers must not be shared between threads."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = _new_parser()
    return parser


def parse_xml(data: bytes) -> etree._Element:
    """Parse ``data`` into its root element or raise :class:`MalformedXml`."""
    if not data.strip():
        raise MalformedXml("the request body is empty")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise MalformedXml(f"the request body is not well-formed XML: {exc.msg}") from None
    if root.getroottree().docinfo.doctype:
        raise MalformedXml("a document type declaration (DTD) is not allowed in a SOAP message")
    return root
