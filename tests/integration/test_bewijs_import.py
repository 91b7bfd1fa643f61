"""``led-gateway bewijs import``: initial loads from a source, record by record, safely repeated."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from itertools import islice
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import OperationalError

from led_gateway.cli.common import unit_of_work
from led_gateway.domain.bewijs import AFGELEID_FIELDS, GEREGISTREERD, Bewijs
from led_gateway.mutations import bewijs_import
from led_gateway.mutations.bewijs_import import BewijsImport, read_records
from led_gateway.repository.models import BewijsRow, InschrijvingRow, MutatieRow, NotificatieRow
from led_gateway.repository.queries import BewijsRepository
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.registratie import bewijs_from_registratie
from led_gateway.services.registreerbewijs import NAMESPACE
from tests.conftest import BACKENDS, CLI, fresh_postgres_database, new_demo_database, run_cli
from tests.registraties import generated_bewijzen, registratie, write_registraties

ACTIEF = "demo.vlaanderen.be/afnemer-actief"
DEMO_LEVERANCIER = "demo.vlaanderen.be/leverancier"
#: What the LED assigns or derives itself on registration, whatever a generated bewijs says.
LED_ASSIGNED = {
    "bewijsreferte": "",
    "bewijsmutatiereferte": "",
    "gewijzigd_op": datetime(2000, 1, 1),
    **{attribute: None for _, attribute in AFGELEID_FIELDS},
}


def units(db_url: str) -> UnitOfWork:
    """A unit of work on ``db_url``, as the commands open one."""
    return unit_of_work(db_url)()


def subscribe(db_url: str, afnemer: str, insz_list: Iterable[str]) -> None:
    """Subscriptions as RegistreerInschrijving stores them, from today, open-ended."""
    with units(db_url) as uow:
        afnemer_id = uow.afnemers.get(afnemer).id
        for insz in insz_list:
            uow.inschrijvingen.add(
                InschrijvingRow(
                    afnemer_id=afnemer_id, insz=insz, begin=date.today(), ingeschreven_op=datetime.now()
                )
            )
        uow.commit()


def counts(db_url: str) -> dict[str, int]:
    with units(db_url) as uow:
        return {
            row.__tablename__: uow.session.scalar(select(func.count()).select_from(row))
            for row in (BewijsRow, MutatieRow, NotificatieRow)
        }


def record_lines(path: Path) -> list[int]:
    """The line each record starts on, as an editor shows it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if "<Bewijsregistratie>" in line]


def import_file(db_url: str, path: Path, *options: str):
    return run_cli("bewijs", "import", str(path), "--db", db_url, *options, check=False)


def without_authenticiteit(bewijs: Bewijs) -> etree._Element:
    element = registratie(bewijs)
    basis = element.find("Bewijs")
    basis.remove(basis.find("Authenticiteit"))
    return element


def empty_database(directory: Path, backend: str) -> str:
    """The demo afnemers and leverancier, no bewijzen, on SQLite or (when given) PostgreSQL."""
    return new_demo_database(directory, None if backend == "sqlite" else fresh_postgres_database(), persons=0)


@pytest.fixture(scope="module", params=BACKENDS)
def loaded(request, tmp_path_factory):
    """30 valid records, four refused ones among them, imported once in batches of 7."""
    directory = tmp_path_factory.mktemp("import")
    db_url = empty_database(directory, request.param)
    source = generated_bewijzen(seed=11)
    valid = list(islice(source, 30))
    subscribed = sorted({bewijs.insz for bewijs in valid[:12]})
    subscribe(db_url, ACTIEF, subscribed)
    extra = list(islice(source, 3))
    records = [registratie(bewijs) for bewijs in valid[:10]]
    records.append(without_authenticiteit(extra[0]))  # record 11
    records += [registratie(bewijs) for bewijs in valid[10:20]]
    records.append(registratie(replace(extra[1], leverancier_naam="Onbekende school")))  # record 22
    records += [registratie(bewijs) for bewijs in valid[20:24]]
    records.append(registratie(replace(extra[2], insz="12345678901")))  # record 27
    records += [registratie(bewijs) for bewijs in valid[24:]]
    records.append(registratie(valid[2]))  # record 34: record 3 again
    path = directory / "registraties.xml"
    write_registraties(path, records)
    first = import_file(db_url, path, "--batch", "7")
    return {
        "db_url": db_url,
        "path": path,
        "valid": valid,
        "extra": extra,
        "subscribed": subscribed,
        "first": first,
    }


def expected_refusals(loaded) -> list[str]:
    lines = record_lines(loaded["path"])
    duplicate = loaded["valid"][2]
    return [
        f"refused record 11 (line {lines[10]}): 30001 Het verzoek voldoet niet aan het XSD van de dienst: "
        "Element 'Categorie': This element is not expected. Expected is ( Authenticiteit ). "
        "(/Bewijsregistratie/Bewijs/Categorie)",
        f"refused record 22 (line {lines[21]}): 40006 Fout in autorisatie: "
        "geen actieve leverancier levert voor 'Onbekende school' (Leverancier/Naam)",
        f"refused record 27 (line {lines[26]}): 20002 INSZ heeft een ongeldige structuur: 12345678901 "
        "(PersoonUitgereikt/INSZ)",
        f"refused record 34 (line {lines[33]}): 30005 Dit bewijs is al geregistreerd bij deze leverancier: "
        f"{duplicate.leverancier_naam} {duplicate.leverancier_bewijsreferte} komt al voor in record 3 "
        "(Leverancier/Bewijsreferte)",
    ]


def test_the_report_names_every_refused_record_and_the_exit_status_says_so(loaded):
    result = loaded["first"]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        *expected_refusals(loaded),
        "records read:    34",
        "registered:      30",
        "already present: 0",
        "refused:         4",
    ]


def test_registered_bewijzen_read_back_as_the_source_sent_them(loaded):
    with units(loaded["db_url"]) as uow:
        for sent in loaded["valid"]:
            held = {
                (b.leverancier_naam, b.leverancier_bewijsreferte): b for b in uow.bewijzen.for_insz(sent.insz)
            }
            stored = held[(sent.leverancier_naam, sent.leverancier_bewijsreferte)]
            assert stored.status == GEREGISTREERD
            assert len(stored.bewijsreferte) == 36 and stored.bewijsreferte != sent.bewijsreferte
            assert replace(stored, **LED_ASSIGNED) == replace(sent, **LED_ASSIGNED)


def test_refused_records_store_nothing(loaded):
    extra = loaded["extra"]
    with units(loaded["db_url"]) as uow:
        for bewijs in (extra[0], replace(extra[1], leverancier_naam="Onbekende school"), extra[2]):
            assert uow.bewijzen.by_source(bewijs.leverancier_naam, bewijs.leverancier_bewijsreferte) is None
        assert uow.bewijzen.for_insz("12345678901") == []
    assert counts(loaded["db_url"])["bewijzen"] == 30


def test_each_registration_is_a_mutation_and_subscribers_are_notified(loaded):
    subscribed = set(loaded["subscribed"])
    expected = sum(1 for bewijs in loaded["valid"] if bewijs.insz in subscribed)
    with units(loaded["db_url"]) as uow:
        afnemer_id = uow.afnemers.get(ACTIEF).id
        notified = uow.session.execute(
            select(MutatieRow.insz, MutatieRow.type)
            .join(NotificatieRow, NotificatieRow.mutatie_id == MutatieRow.id)
            .where(NotificatieRow.afnemer_id == afnemer_id)
        ).all()
    assert counts(loaded["db_url"])["mutaties"] == 30
    assert len(notified) == expected >= 12
    assert {insz for insz, _ in notified} == subscribed
    assert {soort for _, soort in notified} == {"01"}


def test_running_the_same_file_again_changes_nothing(loaded):
    before = counts(loaded["db_url"])
    again = import_file(loaded["db_url"], loaded["path"])
    assert again.returncode == 1
    assert again.stdout.splitlines() == [
        *expected_refusals(loaded),
        "records read:    34",
        "registered:      0",
        "already present: 30",
        "refused:         4",
    ]
    assert counts(loaded["db_url"]) == before


@pytest.fixture(params=BACKENDS)
def empty_db(request, tmp_path) -> str:
    return empty_database(tmp_path, request.param)


def test_a_clean_file_exits_zero(empty_db, tmp_path):
    path = tmp_path / "clean.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=12), 5)))
    result = import_file(empty_db, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-3:] == [
        "registered:      5",
        "already present: 0",
        "refused:         0",
    ]


def assert_file_refused(db_url: str, path: Path, words: str, *options: str) -> None:
    before = counts(db_url)
    result = import_file(db_url, path, *options)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr
    assert counts(db_url) == before


def test_a_file_that_is_not_xml_is_one_clear_error_and_changes_nothing(empty_db, tmp_path):
    path = tmp_path / "registraties.csv"
    path.write_text("leverancier;referte;insz\nHoger onderwijs;DHO-1;00010100135\n", encoding="utf-8")
    assert_file_refused(empty_db, path, "not well-formed XML")


def test_a_file_broken_after_many_good_records_changes_nothing(empty_db, tmp_path):
    whole = tmp_path / "whole.xml"
    write_registraties(whole, (registratie(b) for b in islice(generated_bewijzen(seed=13), 40)))
    cut = tmp_path / "cut.xml"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) * 3 // 4])
    assert_file_refused(empty_db, cut, "not well-formed XML")


def test_a_dtd_a_foreign_root_and_a_default_namespace_are_refused(empty_db, tmp_path):
    record = etree.tostring(registratie(next(generated_bewijzen(seed=14))), encoding="unicode")
    files = {
        "document type declaration": f'<!DOCTYPE x [<!ENTITY e "e">]>\n<rb:Bewijsregistraties '
        f'xmlns:rb="{NAMESPACE}">{record.replace("<Naam>", "<Naam>&e;", 1)}</rb:Bewijsregistraties>',
        "expected Bewijsregistraties": f"<Bewijzen>{record}</Bewijzen>",
        "declare the namespace with a prefix": f'<Bewijsregistraties xmlns="{NAMESPACE}">{record}'
        "</Bewijsregistraties>",
    }
    for words, text in files.items():
        path = tmp_path / "refused.xml"
        path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n', encoding="utf-8")
        assert_file_refused(empty_db, path, words)


def test_a_named_leverancier_delivers_only_for_its_own_names(empty_db, tmp_path):
    run_cli(
        "leverancier", "register", "test/hogescholen", "--naam", "Hogescholen",
        "--leverancier-naam", "Hoger onderwijs", "--db", empty_db,
    )  # fmt: skip
    bewijzen = list(islice(generated_bewijzen(seed=15), 20))
    path = tmp_path / "mixed.xml"
    write_registraties(path, (registratie(b) for b in bewijzen))
    result = import_file(empty_db, path, "--leverancier", "test/hogescholen")
    others = [b for b in bewijzen if b.leverancier_naam != "Hoger onderwijs"]
    assert result.returncode == 1
    assert f"registered:      {len(bewijzen) - len(others)}" in result.stdout
    refusals = [line for line in result.stdout.splitlines() if line.startswith("refused record")]
    assert len(refusals) == len(others) > 0
    assert all(
        "40006 Fout in autorisatie: leverancier 'test/hogescholen' levert niet voor" in r for r in refusals
    )


def test_an_unknown_or_inactive_leverancier_is_one_clear_error(empty_db, tmp_path):
    path = tmp_path / "one.xml"
    write_registraties(path, [registratie(next(generated_bewijzen(seed=16)))])
    assert_file_refused(empty_db, path, "niet gekend", "--leverancier", "test/onbekend")
    run_cli("leverancier", "status", DEMO_LEVERANCIER, "geschorst", "--db", empty_db)
    assert_file_refused(empty_db, path, "niet actief", "--leverancier", DEMO_LEVERANCIER)


def test_a_record_the_database_refuses_spoils_nothing_else_in_its_batch(empty_db, tmp_path, monkeypatch):
    """As when a concurrent RegistreerBewijs stores the same record between our check and our insert."""
    bewijzen = list(islice(generated_bewijzen(seed=17), 10))
    earlier = tmp_path / "earlier.xml"
    write_registraties(earlier, (registratie(b) for b in bewijzen[::2]))
    assert import_file(empty_db, earlier).returncode == 0
    path = tmp_path / "all.xml"
    write_registraties(path, (registratie(b) for b in bewijzen))
    monkeypatch.setattr(BewijsRepository, "known_sources", lambda *_: set())  # the check sees nothing
    report = BewijsImport(unit_of_work(empty_db), batch=10).run(path)
    assert (report.registered, report.already_present, report.refused) == (5, 5, [])
    assert counts(empty_db) == {"bewijzen": 10, "mutaties": 10, "notificaties": 0}


def test_an_error_while_reading_stops_the_import_after_the_batches_before_it(empty_db, tmp_path, monkeypatch):
    """Records are read in a process of their own; what goes wrong there is raised here."""
    path = tmp_path / "five.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=18), 5)))
    calls = []

    def from_registratie(element, now):
        calls.append(element)
        if len(calls) == 3:
            raise ValueError("the third record breaks the reader")
        return bewijs_from_registratie(element, now)

    monkeypatch.setattr(bewijs_import, "bewijs_from_registratie", from_registratie)
    with pytest.raises(RuntimeError, match="the third record breaks the reader"):
        BewijsImport(unit_of_work(empty_db), batch=2).run(path)
    assert counts(empty_db) == {"bewijzen": 2, "mutaties": 2, "notificaties": 0}
    assert multiprocessing.active_children() == []


def test_every_child_of_the_root_is_a_record_whatever_its_name(tmp_path):
    """Only Bewijsregistratie ends reach Python while reading; the XSD must still see the others."""
    first, second, inner = islice(generated_bewijzen(seed=19), 3)
    wrapper = etree.Element("Omhulsel")
    wrapper.append(registratie(inner))
    children = [
        etree.Element("Bewijs"),
        registratie(first),
        etree.Comment("geen record"),
        wrapper,
        etree.Element("Onbekend"),
        registratie(second),
        etree.Element("Einde"),
    ]
    path = tmp_path / "mixed.xml"
    write_registraties(path, children)
    lines = path.read_text(encoding="utf-8").splitlines()
    records = list(read_records(path))
    expected = [
        (1, "Bewijs", "<Bewijs/>"),
        (2, "Bewijsregistratie", "<Bewijsregistratie>"),
        (3, "Omhulsel", "<Omhulsel>"),
        (4, "Onbekend", "<Onbekend/>"),
        (5, "Bewijsregistratie", "<Bewijsregistratie>"),
        (6, "Einde", "<Einde/>"),
    ]
    assert [(r.nummer, r.element.tag) for r in records] == [(n, tag) for n, tag, _ in expected]
    assert all(lines[r.regel - 1].endswith(start) for r, (*_, start) in zip(records, expected, strict=True))


def test_an_import_that_fails_while_registering_ends_its_reading_process(empty_db, tmp_path, monkeypatch):
    """Batches larger than a pipe holds, so that the reading process waits to send the second."""
    path = tmp_path / "many.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=20), 600)))

    def register(uow, bewijzen):
        raise OperationalError("INSERT", {}, Exception("the database went away"))

    monkeypatch.setattr(bewijs_import, "registreer_nieuwe", register)
    try:
        BewijsImport(unit_of_work(empty_db), batch=300).run(path)
    except OperationalError:  # its traceback, which holds the import's frames, still alive
        assert multiprocessing.active_children() == []
    else:
        pytest.fail("the import did not fail")
    assert counts(empty_db)["bewijzen"] == 0


def test_a_batch_the_reading_process_cannot_send_fails_the_import_rather_than_hang(
    empty_db, tmp_path, monkeypatch
):
    path = tmp_path / "few.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=22), 3)))

    def unsendable(self, path):  # more batches than the reading process holds, none of them picklable
        for _ in range(10):
            yield [lambda: None]

    monkeypatch.setattr(BewijsImport, "_readings", unsendable)
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            BewijsImport(unit_of_work(empty_db)).run(path)
        except BaseException as exc:
            outcome.append(exc)

    importing = threading.Thread(target=run, daemon=True)
    importing.start()
    importing.join(30)
    if importing.is_alive():
        for child in multiprocessing.active_children():
            child.kill()
        pytest.fail("the import waits for a reading process that can no longer send")
    assert [type(exc) for exc in outcome] == [RuntimeError]
    assert counts(empty_db)["bewijzen"] == 0


def test_the_reading_process_ends_when_the_import_is_killed(empty_db, tmp_path):
    path = tmp_path / "many.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=21), 2000)))
    command = [*CLI, "bewijs", "import", str(path), "--db", empty_db, "--batch", "200"]
    importer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[str] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline:
        children = Path(f"/proc/{importer.pid}/task/{importer.pid}/children").read_text().split()
    os.kill(importer.pid, signal.SIGSTOP)  # the reading process fills the pipe and waits
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    reader = Path(f"/proc/{children[0]}/status")

    def running() -> bool:
        try:
            return "zombie" not in reader.read_text()
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 10
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    if running():
        os.kill(int(children[0]), signal.SIGKILL)
        pytest.fail("the reading process still waits to send to a killed importer")


def test_an_import_keeps_postgresql_statistics_of_its_growing_table_current(tmp_path):
    """Without them the planner reads all of a leverancier's bewijzen for each batch's lookup."""
    db_url = empty_database(tmp_path, "postgresql")
    path = tmp_path / "acht.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=13), 8)))
    assert import_file(db_url, path, "--batch", "2").returncode == 0
    engine = create_engine(db_url)
    with engine.connect() as connection:
        query = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'bewijzen'"
        refreshed = connection.exec_driver_sql(query).scalar()
    engine.dispose()
    assert refreshed == 3  # after 2, 4 and 8 bewijzen: each time their number doubled


def test_postgresql_compresses_stored_bewijzen_with_lz4(tmp_path):
    db_url = empty_database(tmp_path, "postgresql")
    path = tmp_path / "twee.xml"
    write_registraties(path, (registratie(b) for b in islice(generated_bewijzen(seed=17), 2)))
    assert import_file(db_url, path).returncode == 0
    engine = create_engine(db_url)
    with engine.connect() as connection:
        methods = connection.exec_driver_sql("SELECT DISTINCT pg_column_compression(wire) FROM bewijzen")
        assert methods.scalars().all() == ["lz4"]
    engine.dispose()
