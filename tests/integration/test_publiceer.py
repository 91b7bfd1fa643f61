"""``led-gateway publiceer``: mutations as PubliceerBewijs files, complete or absent, never skipped."""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from itertools import islice
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import func, select

from led_gateway.cli.common import unit_of_work
from led_gateway.mutations import publicatie
from led_gateway.repository.models import NotificatieRow
from led_gateway.repository.queries import MutatieRepository
from led_gateway.services.registratie import annuleer
from tests.conftest import BACKENDS, ROOT, run_cli
from tests.integration.test_bewijs_import import (
    ACTIEF,
    empty_database,
    generated_bewijzen,
    registratie,
    subscribe,
    units,
    write_registraties,
)

ZONDER_MUTATIES = "demo.vlaanderen.be/afnemer-zonder-mutaties"
OUR_XSD = ROOT / "xsd" / "LED.PubliceerBewijsDienst-02.00" / "PubliceerBewijs.xsd"
MAGDA_XSD = Path("xsd") / "LED.PubliceerBewijsDienst-02.00" / "Service" / "PubliceerBewijs.xsd"


class Crash(Exception):
    """The process dies here."""


@pytest.fixture(scope="module")
def schemas(reference) -> list[etree.XMLSchema]:
    return [etree.XMLSchema(etree.parse(str(path))) for path in (OUR_XSD, reference / MAGDA_XSD)]


@pytest.fixture(params=BACKENDS)
def source(request, tmp_path):
    """Two afnemers subscribed to overlapping persons, whose bewijzen were then imported."""
    db_url = empty_database(tmp_path, request.param)
    bewijzen = list(islice(generated_bewijzen(seed=21), 25))
    persons = sorted({bewijs.insz for bewijs in bewijzen})
    subscriptions = {ACTIEF: set(persons[:4]), ZONDER_MUTATIES: set(persons[2:6])}
    for afnemer, insz_list in subscriptions.items():
        subscribe(db_url, afnemer, insz_list)
        run_cli("afnemer", "mutaties-via", afnemer, "bestand", "--db", db_url)
    import_bewijzen(db_url, tmp_path / "registraties.xml", bewijzen)
    expected = {
        afnemer: {(b.leverancier_naam, b.leverancier_bewijsreferte) for b in bewijzen if b.insz in insz_list}
        for afnemer, insz_list in subscriptions.items()
    }
    (tmp_path / "out").mkdir()
    return {"db_url": db_url, "bewijzen": bewijzen, "expected": expected, "out": tmp_path / "out"}


def import_bewijzen(db_url: str, path: Path, bewijzen: list) -> None:
    write_registraties(path, (registratie(bewijs) for bewijs in bewijzen))
    run_cli("bewijs", "import", str(path), "--db", db_url)


def publish(source) -> list[str]:
    return run_cli("publiceer", "--out", str(source["out"]), "--db", source["db_url"]).stdout.splitlines()


def waiting(db_url: str) -> int:
    """Notifications not yet delivered."""
    with units(db_url) as uow:
        query = select(func.count()).select_from(NotificatieRow).where(NotificatieRow.afgeleverd_op.is_(None))
        return uow.session.scalar(query)


def onderwerpen(document: etree._ElementTree) -> list[dict[str, str]]:
    return [
        {
            "referte": onderwerp.findtext("Referte"),
            "type": onderwerp.findtext("Inhoud/Metadata/Type"),
            "beschrijving": onderwerp.find("Inhoud/Metadata/Type").get("Beschrijving"),
            "bron": (
                onderwerp.findtext("Inhoud/Bewijs/Leverancier/Naam"),
                onderwerp.findtext("Inhoud/Bewijs/Leverancier/Bewijsreferte"),
            ),
            "led_referte": onderwerp.findtext("Inhoud/Bewijs/BewijsrefertesLed/Bewijsreferte"),
            "status": onderwerp.findtext("Inhoud/Bewijs/BewijsstatusLed/Code"),
        }
        for onderwerp in document.iterfind("Publicatie/Onderwerpen/Onderwerp")
    ]


def read_file(path: Path, schemas: list[etree.XMLSchema]) -> etree._ElementTree:
    document = etree.parse(str(path))
    for schema in schemas:
        assert schema.validate(document), schema.error_log
    return document


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def files(out: Path) -> list[Path]:
    return sorted(out.iterdir())


def test_one_file_per_afnemer_valid_against_both_schemas_then_nothing(source, schemas):
    lines = publish(source)
    written = files(source["out"])
    assert len(written) == 2
    assert lines[-1] == f"2 file(s) written, {sum(map(len, source['expected'].values()))} onderwerp(en)"
    with units(source["db_url"]) as uow:
        for afnemer, expected in source["expected"].items():
            [path] = [p for p in written if p.name.startswith(afnemer.replace("/", "_") + "-")]
            assert f"{path}: {len(expected)} onderwerp(en) for {afnemer}" in lines
            assert path.stat().st_mode & 0o777 == 0o666 & ~umask()  # readable as any file written here
            document = read_file(path, schemas)
            bericht = document.find("Publicatie/Context/Bericht")
            assert document.getroot().tag == f"{{{publicatie.NAMESPACE}}}PubliceerBewijs"
            assert document.findtext("Publicatie/Context/Naam") == "PubliceerBewijs"
            assert document.findtext("Publicatie/Context/Versie") == "02.00.0000"
            assert bericht.findtext("Type") == "PUBLICATIE"
            assert bericht.findtext("Ontvanger/Identificatie") == afnemer
            assert path.name.endswith(f"-{bericht.findtext('Afzender/Referte')}.xml")
            found = onderwerpen(document)
            assert {o["bron"] for o in found} == expected and len(found) == len(expected)
            assert {(o["type"], o["beschrijving"], o["status"]) for o in found} == {("01", "Nieuw", "1")}
            for onderwerp in found:
                assert uow.bewijzen.by_source(*onderwerp["bron"])[1].bewijsreferte == onderwerp["led_referte"]
    assert waiting(source["db_url"]) == 0
    assert publish(source) == ["0 file(s) written, 0 onderwerp(en)"]
    assert files(source["out"]) == written


def test_each_onderwerp_carries_the_bewijs_as_it_is_now(source, schemas):
    cancelled = next(
        b
        for b in source["bewijzen"]
        if (b.leverancier_naam, b.leverancier_bewijsreferte) in source["expected"][ACTIEF]
    )
    with unit_of_work(source["db_url"])() as uow:
        assert annuleer(
            uow,
            cancelled.leverancier_naam,
            cancelled.leverancier_bewijsreferte,
            cancelled.insz,
            datetime.now(),
        )
        uow.commit()
    publish(source)
    [path] = [p for p in files(source["out"]) if p.name.startswith("demo.vlaanderen.be_afnemer-actief-")]
    about = [
        o
        for o in onderwerpen(read_file(path, schemas))
        if o["bron"][1] == cancelled.leverancier_bewijsreferte
    ]
    assert [(o["type"], o["beschrijving"], o["status"]) for o in about] == [
        ("01", "Nieuw", "10"),
        ("03", "Annulatie", "10"),
    ]


def test_a_crash_after_writing_means_the_same_file_is_written_again(source, schemas, monkeypatch):
    def crash(*_args):
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(MutatieRepository, "acknowledge", crash)
        with pytest.raises(Crash):
            publicatie.publiceer(unit_of_work(source["db_url"]), source["out"])
    [first] = files(source["out"])  # written in full, then the process died
    before = onderwerpen(read_file(first, schemas))
    assert first.name.startswith("demo.vlaanderen.be_afnemer-actief-")
    assert waiting(source["db_url"]) == sum(map(len, source["expected"].values()))

    newcomer = next(b for b in generated_bewijzen(seed=22))
    subscribe(source["db_url"], ACTIEF, [newcomer.insz])
    import_bewijzen(source["db_url"], source["out"].parent / "later.xml", [newcomer])
    lines = publish(source)

    assert lines[0] == f"{first}: {len(before)} onderwerp(en) for {ACTIEF}"  # the same name, first
    assert onderwerpen(read_file(first, schemas)) == before
    assert len(lines) == 4 and lines[1].endswith(f"1 onderwerp(en) for {ACTIEF}")
    assert lines[2].endswith(f"for {ZONDER_MUTATIES}")
    assert len(files(source["out"])) == 3
    assert waiting(source["db_url"]) == 0
    assert publish(source)[-1] == "0 file(s) written, 0 onderwerp(en)"


def test_a_crash_while_writing_leaves_no_file_and_the_next_run_writes_it(source, schemas, monkeypatch):
    written = Counter()
    onderwerp = publicatie._onderwerp

    def dies_on_the_third(*args):
        written["onderwerpen"] += 1
        if written["onderwerpen"] == 3:
            raise Crash
        return onderwerp(*args)

    with monkeypatch.context() as patch:
        patch.setattr(publicatie, "_onderwerp", dies_on_the_third)
        with pytest.raises(Crash):
            publicatie.publiceer(unit_of_work(source["db_url"]), source["out"])
    assert files(source["out"]) == []  # neither a half file nor its temporary
    lines = publish(source)
    assert lines[-1] == f"2 file(s) written, {sum(map(len, source['expected'].values()))} onderwerp(en)"
    for path in files(source["out"]):
        read_file(path, schemas)
    assert waiting(source["db_url"]) == 0


def test_afnemers_that_pull_are_left_to_pull(source):
    run_cli("afnemer", "mutaties-via", ZONDER_MUTATIES, "webdienst", "--db", source["db_url"])
    before = waiting(source["db_url"])
    publish(source)
    assert [p.name for p in files(source["out"]) if "zonder-mutaties" in p.name] == []
    assert waiting(source["db_url"]) == len(source["expected"][ZONDER_MUTATIES])
    assert before > waiting(source["db_url"])
