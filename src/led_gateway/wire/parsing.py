"""Hardened XML parsing for everything that comes in from outside.

No DTD is loaded and no entity is resolved, nothing is fetched from the
network, and libxml2's default limits on depth (256) and text size stay on
(no ``huge_tree``). A document that declares a DTD at all is refused: SOAP 1.1
forbids a document type declaration in a message, and refusing it outright
takes entity tricks (external entities, expansion bombs) off the table.

On top of that every document is held to :class:`XmlLimits`: how deeply its
elements may nest and how many elements it may hold. MAGDA's messages are
less than 20 levels deep and a few hundred elements long; the defaults leave
ample room and refuse documents whose only purpose is to exhaust the parser
or whatever walks the tree after it.

Checking the limits costs a valid request about a microsecond: the document
is parsed whole by libxml2 and one compiled XPath counts its elements (the
depth needs a second one only when there are more elements than levels
allowed). A body with more ``<`` bytes than elements allowed might exceed the
count, so it is parsed incrementally instead, counting elements and depth as
they arrive and stopping at the first one over a limit: such a document never
becomes a tree of hundreds of thousands of nodes. (The ``<`` count only
chooses the way; the limits are checked exactly on either, whatever the
document's encoding.)
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from lxml import etree

#: MAGDA's messages nest fewer than 20 levels; a signed SOAP header adds a few.
DEFAULT_MAX_DEPTH = 64
#: A GeefBewijs request holds some 25 elements, a large registration a few hundred.
DEFAULT_MAX_ELEMENTS = 20_000
#: libxml2's own depth limit without ``huge_tree``; a document deeper than this is not parsed at all.
LIBXML2_MAX_DEPTH = 256

#: Bytes handed to the incremental parser at a time.
_FEED_BYTES = 16 * 1024


class MalformedXml(ValueError):
    """The bytes are not a well-formed, DTD-free XML document."""


class XmlLimitExceeded(MalformedXml):
    """The document is well-formed as far as it was read, but exceeds a limit of :class:`XmlLimits`."""

    def __init__(self, limit: str, message: str) -> None:
        super().__init__(message)
        #: Which limit: ``"depth"`` or ``"elements"``.
        self.limit = limit


@dataclass(frozen=True, slots=True)
class XmlLimits:
    """How large a document may be, in elements, before it is refused."""

    #: Deepest nesting of elements; the root element is at depth 1.
    max_depth: int = DEFAULT_MAX_DEPTH
    #: Most elements in the whole document, the root included.
    max_elements: int = DEFAULT_MAX_ELEMENTS

    def __post_init__(self) -> None:
        if not 1 <= self.max_depth <= LIBXML2_MAX_DEPTH:
            raise ValueError(f"max_depth must be between 1 and {LIBXML2_MAX_DEPTH}, not {self.max_depth}")
        if self.max_elements < 1:
            raise ValueError(f"max_elements must be at least 1, not {self.max_elements}")

    def too_deep(self) -> XmlLimitExceeded:
        return XmlLimitExceeded(
            "depth", f"the XML document nests elements more than {self.max_depth} levels deep (the limit)"
        )

    def too_many(self) -> XmlLimitExceeded:
        return XmlLimitExceeded(
            "elements", f"the XML document holds more than {self.max_elements} elements (the limit)"
        )


DEFAULT_LIMITS = XmlLimits()

_NO_DTD = "a document type declaration (DTD) is not allowed in a SOAP message"

#: lxml parser options that refuse entities, DTDs, network access and huge trees: every parser of
#: input from outside uses them.
HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "collect_ids": False,
}


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(**HARDENED)


_local = threading.local()


def _parser() -> etree.XMLParser:
    """One parser per thread: lxml parsers must not be shared between threads."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = _new_parser()
    return parser


def _count_elements(root: etree._Element) -> int:
    count = getattr(_local, "count", None)
    if count is None:
        count = _local.count = etree.XPath("count(//*)")
    return int(count(root))


def _deeper_than(root: etree._Element, depth: int) -> bool:
    """Whether some element lies below ``depth`` levels (compiled once per thread and depth)."""
    cache = getattr(_local, "deeper", None)
    if cache is None:
        cache = _local.deeper = {}
    deeper = cache.get(depth)
    if deeper is None:
        deeper = cache[depth] = etree.XPath("boolean(" + "/*" * (depth + 1) + ")")
    return bool(deeper(root))


def parse_xml(data: bytes, limits: XmlLimits = DEFAULT_LIMITS) -> etree._Element:
    """Parse ``data`` into its root element, or raise :class:`MalformedXml`.

    :class:`XmlLimitExceeded`, a :class:`MalformedXml`, says which of ``limits`` the document exceeds.
    """
    if not data.strip():
        raise MalformedXml("the request body is empty")
    if data.count(b"<") > limits.max_elements:
        root = _parse_counting(data, limits)
    else:
        root = _parse_whole(data, limits)
    if root.getroottree().docinfo.doctype:
        raise MalformedXml(_NO_DTD)
    elements = _count_elements(root)
    if elements > limits.max_elements:
        raise limits.too_many()
    if elements > limits.max_depth and _deeper_than(root, limits.max_depth):
        raise limits.too_deep()
    return root


def _parse_whole(data: bytes, limits: XmlLimits) -> etree._Element:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, data, limits) from None


def _parse_counting(data: bytes, limits: XmlLimits) -> etree._Element:
    """Parse incrementally, refusing the document at its first element over a limit."""
    parser = etree.XMLPullParser(events=("start", "end"), **HARDENED)
    depth = elements = 0
    try:
        for offset in range(0, len(data), _FEED_BYTES):
            parser.feed(data[offset : offset + _FEED_BYTES])
            for event, _ in parser.read_events():
                if event == "end":
                    depth -= 1
                    continue
                depth += 1
                elements += 1
                if depth > limits.max_depth:
                    raise limits.too_deep()
                if elements > limits.max_elements:
                    raise limits.too_many()
        return parser.close()
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, data, limits) from None


def _syntax_error(exc: etree.XMLSyntaxError, data: bytes, limits: XmlLimits) -> MalformedXml:
    if "Excessive depth" in (exc.msg or ""):
        # libxml2 stopped at its own limit, which lies beyond ours.
        return limits.too_deep()
    if b"<!DOCTYPE" in data:
        # An entity trick libxml2 refused (amplification, an undeclared or external entity): the DTD is
        # the reason either way.
        return MalformedXml(_NO_DTD)
    return MalformedXml(f"the request body is not well-formed XML: {exc.msg}")
