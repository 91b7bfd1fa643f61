"""A mutation's ``Metadata`` on the wire (generiek ``MetadataType``)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from led_gateway.domain.mutatie import BESCHRIJVING


def append_metadata(parent: etree._Element, mutatie: Any) -> etree._Element:
    """Referte, Type (with its Beschrijving) and Datum of ``mutatie`` (referte, type, tijdstip)."""
    metadata = etree.SubElement(parent, "Metadata")
    etree.SubElement(metadata, "Referte").text = mutatie.referte
    etree.SubElement(metadata, "Type", Beschrijving=BESCHRIJVING[mutatie.type]).text = mutatie.type
    etree.SubElement(metadata, "Datum").text = mutatie.tijdstip.isoformat(timespec="milliseconds")
    return metadata
