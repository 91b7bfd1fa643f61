"""What the two Repertorium diensten share: the question must name its own caller."""

from __future__ import annotations

from lxml import etree

from led_gateway.services.base import Vraag
from led_gateway.wire.uitzonderingen import Uitzondering, uitzondering


def caller_mismatch(vraag: Vraag, question: etree._Element) -> Uitzondering | None:
    """20005 when Identificatie or Hoedanigheid in the question differ from the Context's Afzender."""
    afzender = vraag.context.afzender
    for tag, expected in (("Identificatie", afzender.identificatie), ("Hoedanigheid", afzender.hoedanigheid)):
        given = (question.findtext(tag) or "").strip()
        if given != (expected or ""):
            return uitzondering("20005", f"{tag} '{given}' in de vraag, '{expected}' in de Context", tag)
    return None
