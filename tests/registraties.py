"""Import files for ``led-gateway bewijs import``, built from the demo generator's bewijzen."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from lxml import etree

from led_gateway.demo.generator import generate_persons
from led_gateway.domain.bewijs import Bewijs
from led_gateway.services.registreerbewijs import NAMESPACE
from led_gateway.wire.bewijs import append_bewijs


def registratie(bewijs: Bewijs) -> etree._Element:
    """A Bewijsregistratie as a source sends it: Leverancier, PersoonUitgereikt, and the Basis as Bewijs."""
    full = append_bewijs(etree.Element("scratch"), bewijs)
    element = etree.Element("Bewijsregistratie")
    element.append(full.find("Leverancier"))
    element.append(full.find("PersoonUitgereikt"))
    basis = full.find("Basis")
    basis.tag = "Bewijs"
    element.append(basis)
    return element


def write_registraties(path: Path, records: Iterable[etree._Element]) -> None:
    """An import file, streamed, one indented record after the other."""
    with etree.xmlfile(str(path), encoding="UTF-8") as document:
        document.write_declaration()
        with document.element(f"{{{NAMESPACE}}}Bewijsregistraties", nsmap={"rb": NAMESPACE}):
            for record in records:
                document.write(record, pretty_print=True)


def generated_bewijzen(seed: int, today: date | None = None) -> Iterator[Bewijs]:
    """Bewijzen of synthetic persons, endlessly (take what you need); ``today`` as the generator's."""
    for person in generate_persons(10**9, seed=seed, today=today):
        yield from person.bewijzen
