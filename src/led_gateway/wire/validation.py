"""Validation of request bodies against the project's own XSDs.

Each service's request schema is compiled once per process with lxml (the
fast path) and then validates the SOAP Body child of every call. The first
errors are turned into readable findings that name the offending element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from led_gateway.wire.parsing import MalformedXml, parse_xml

#: How many findings a reply reports at most; one is usually enough to act on.
MAX_FINDINGS = 5

_NAMESPACE_URI = re.compile(r"\{[a-zA-Z][a-zA-Z0-9+.-]*:[^{}]*\}")


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason why a document does not satisfy its schema."""

    message: str
    path: str


class RequestSchema:
    """A compiled XSD for one request element."""

    def __init__(self, schema: etree.XMLSchema) -> None:
        self._schema = schema

    @classmethod
    def from_file(cls, xsd_path: Path) -> RequestSchema:
        """Compile the XSD at ``xsd_path`` (its imports resolved relative to it)."""
        try:
            document = parse_xml(xsd_path.read_bytes()).getroottree()
        except MalformedXml as exc:
            raise ValueError(f"{xsd_path}: {exc}") from None
        document.docinfo.URL = xsd_path.as_uri()
        return cls(etree.XMLSchema(document))

    def findings(self, element: etree._Element) -> list[Finding]:
        """Empty when ``element`` is valid, else what is wrong and where."""
        if self._schema.validate(element):
            return []
        return [
            Finding(message=_readable(error.message), path=error.path or "/")
            for error in list(self._schema.error_log)[:MAX_FINDINGS]
        ]


def _readable(message: str) -> str:
    """lxml writes namespaced names as ``{uri}name``; analysts want the local name."""
    return _NAMESPACE_URI.sub("", message)
