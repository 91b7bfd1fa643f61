"""The published contract: each dienst's WSDL and the XSDs it imports.

The files in wsdl/ and xsd/ are what is served. A WSDL differs from its file
only in its ``soap:address``, which becomes the gateway's own URL. Its
``schemaLocation`` stays relative (``../xsd/...``): a client resolves it
against the WSDL's URL, ``/<Dienst>/soap/WebService``, to
``/<Dienst>/xsd/...``, where the gateway serves the xsd/ tree (it is also
served at ``/xsd/...``); the relative imports between the XSDs resolve the
same way.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from led_gateway.wire.parsing import parse_xml

SOAP_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/"

_XSD_PATH = re.compile(r"(?:/[^/]+)?/xsd/(?P<relative>.+)\Z")


class Contract:
    """The xsd/ and wsdl/ trees of the project, read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.xsd_root = (root / "xsd").resolve()
        self._wsdl: dict[str, bytes] = {}
        self._published: dict[tuple[str, str], bytes] = {}

    def wsdl_source(self, relative: str) -> bytes:
        if relative not in self._wsdl:
            self._wsdl[relative] = (self.root / relative).read_bytes()
        return self._wsdl[relative]

    def wsdl(self, relative: str, base_url: str, endpoint: str) -> bytes:
        """The WSDL file ``relative`` as published on ``base_url`` (no trailing slash)."""
        key = (relative, base_url)
        if key not in self._published:
            self._published[key] = self._rewrite(relative, base_url, endpoint)
        return self._published[key]

    def _rewrite(self, relative: str, base_url: str, endpoint: str) -> bytes:
        document = parse_xml(self.wsdl_source(relative))
        for address in document.iter(f"{{{SOAP_BINDING_NS}}}address"):
            address.set("location", base_url + endpoint)
        return etree.tostring(document, xml_declaration=True, encoding="UTF-8")

    def xsd_file(self, path: str) -> bytes | None:
        """Contents of the schema at URL path ``[/<Dienst>]/xsd/...``, or ``None`` outside xsd/."""
        match = _XSD_PATH.match(path)
        if match is None:
            return None
        candidate = (self.xsd_root / match["relative"]).resolve()
        if candidate.suffix != ".xsd" or not candidate.is_file() or self.xsd_root not in candidate.parents:
            return None
        return candidate.read_bytes()
