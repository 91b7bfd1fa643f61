"""Legal logging: every call is accounted for, per person, without INSZ readable from a copy of the table."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import uuid
from datetime import date, datetime

import httpx
import pytest
from lxml import etree
from sqlalchemy import create_engine, text

from led_gateway.audit.sleutel import InszProtector
from led_gateway.audit.trail import CallRecord, store
from led_gateway.repository.database import make_engine
from led_gateway.repository.driver import WriterConnection
from tests.conftest import (
    BACKENDS,
    CLI,
    Server,
    free_port,
    fresh_postgres_database,
    new_demo_database,
    reference_schema,
    run_cli,
)
from tests.messages import ACTIEF, envelope, geef_bewijs, leaf, reply_body, uitzonderingen

GEEF_BEWIJS = "/GeefBewijsDienst-02.00/soap/WebService"
AUDIT = "/GeefAuditLoggingDienst-02.00/soap/WebService"
AUDIT_NS = "http://webservice.geefauditloggingdienst-02_00.algemeen-02_00.vip.vlaanderen.be"


@pytest.fixture(scope="module", params=BACKENDS)
def gateway(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp("audit")
    url = None if request.param == "sqlite" else fresh_postgres_database()
    server = Server(new_demo_database(directory, url, persons=30), directory / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def person(gateway) -> str:
    return run_cli("demo", "persons", "--db", gateway.db_url, "--limit", "1").stdout.split()[0]


def trail(gateway, *criteria: str) -> list[dict]:
    out = run_cli("audit", "list", "--db", gateway.db_url, "--format", "json", *criteria).stdout
    return [json.loads(line) for line in out.splitlines()]


def geef_audit_logging(insz: str, afzender: str = ACTIEF) -> bytes:
    criteria = etree.Element("Criteria")
    sleutel = etree.SubElement(criteria, "Sleutel")
    sleutel.append(leaf("Type", "INSZ"))
    sleutel.append(leaf("Waarde", insz))
    message = envelope("GeefAuditLogging", AUDIT_NS, [criteria], afzender=afzender)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8")


def test_answered_refused_invalid_and_faulted_calls_are_all_kept(gateway, person):
    refs = {kind: f"audit-{kind}-{uuid.uuid4().hex[:8]}" for kind in ("answered", "refused", "invalid")}
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, referte=refs["answered"]))
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, referte=refs["refused"], afzender="onbekend.example/x"))
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, referte=refs["invalid"], versie="2.0"))
    gateway.post(GEEF_BEWIJS, b"<not-soap/>")
    about_person = {row["afzender_referte"]: row for row in trail(gateway, "--insz", person)}
    assert about_person[refs["answered"]]["uitkomst"] == "beantwoord"
    assert about_person[refs["answered"]]["gevraagd"] == [person]
    assert about_person[refs["answered"]]["geantwoord"] == [person]
    assert about_person[refs["refused"]]["gevraagd"] == [person]
    assert about_person[refs["refused"]]["geantwoord"] == []
    assert about_person[refs["refused"]]["codes"] == ["40006"]
    assert about_person[refs["refused"]]["afzender"] == "onbekend.example/x"
    assert about_person[refs["invalid"]]["codes"][0] == "30001"
    faults = [row for row in trail(gateway) if row["uitkomst"] == "fout"]
    assert faults and faults[-1]["dienst"] == "GeefBewijs" and "500" in faults[-1]["detail"]
    assert all(
        row["duur_ms"] >= 0 and row["ontvangen_op"] <= row["beantwoord_op"] for row in about_person.values()
    )


def query(gateway, sql: str, **parameters) -> list[tuple]:
    """Rows of ``sql`` read straight from the gateway's database, as a copy of its tables would show them."""
    engine = create_engine(gateway.db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), parameters)]
    finally:
        engine.dispose()


def test_the_trail_holds_no_readable_insz(gateway, person):
    gateway.post(GEEF_BEWIJS, geef_bewijs(person))
    rows = query(gateway, "SELECT * FROM audit") + query(gateway, "SELECT * FROM audit_subjecten")
    assert rows
    assert not [row for row in rows if any(person in str(value) for value in row)]


def test_a_person_asked_and_answered_about_is_one_row_of_the_trail(gateway, person):
    referte = f"one-row-{uuid.uuid4().hex[:8]}"
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, referte=referte))
    roles = query(
        gateway,
        "SELECT rol FROM audit_subjecten JOIN audit ON audit.id = audit_id WHERE afzender_referte = :referte",
        referte=referte,
    )
    assert roles == [("BEIDE",)]


def test_a_batch_of_calls_is_stored_each_with_its_own_persons(gateway):
    """The audit writer stores the calls that finish together in one go (on PostgreSQL, one
    statement): each must keep its own persons, in their roles, and a call about no one none."""
    protector, referte = InszProtector(bytes(32)), uuid.uuid4().hex[:8]
    asked_and_answered = [
        ((), ()),
        (("85073003328",), ("85073003328",)),
        (("90010100107", "85073003328"), ("01020300190",)),
    ]
    records = [
        CallRecord("GeefBewijs", afzender_referte=f"{referte}-{n}", gevraagd=asked, geantwoord=answered)
        for n, (asked, answered) in enumerate(asked_and_answered)
    ]
    engine = make_engine(gateway.db_url)
    try:
        WriterConnection(engine).run(lambda driver: store(driver, records, protector, datetime.now()))
    finally:
        engine.dispose()
    rows = query(
        gateway,
        "SELECT afzender_referte, rol, insz_hash FROM audit LEFT JOIN audit_subjecten ON audit.id = audit_id"
        " WHERE afzender_referte LIKE :calls",
        calls=f"{referte}-%",
    )
    h = protector.hash
    assert sorted(rows, key=str) == sorted(
        [
            (f"{referte}-0", None, None),
            (f"{referte}-1", "BEIDE", h("85073003328")),
            (f"{referte}-2", "VRAAG", h("90010100107")),
            (f"{referte}-2", "VRAAG", h("85073003328")),
            (f"{referte}-2", "ANTWOORD", h("01020300190")),
        ],
        key=str,
    )


def test_the_trail_filters_by_afnemer_and_date(gateway, person):
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, afzender="demo.vlaanderen.be/afnemer-zonder-mutaties"))
    rows = trail(gateway, "--afnemer", "demo.vlaanderen.be/afnemer-zonder-mutaties")
    assert rows and {row["afzender"] for row in rows} == {"demo.vlaanderen.be/afnemer-zonder-mutaties"}
    assert trail(gateway, "--since", "2999-01-01") == []
    assert trail(gateway, "--since", date.today().isoformat())


def test_an_afnemer_reads_only_its_own_calls(gateway, person, reference):
    gateway.post(GEEF_BEWIJS, geef_bewijs(person, referte="own-call"))
    gateway.post(
        GEEF_BEWIJS,
        geef_bewijs(person, afzender="demo.vlaanderen.be/afnemer-zonder-mutaties", referte="other-call"),
    )
    body = reply_body(gateway.post(AUDIT, geef_audit_logging(person)).content)
    schema = reference_schema(
        reference, "Algemeen.GeefAuditLoggingDienst-02.00", "GeefAuditLoggingResponse.xsd"
    )
    errors = list(schema.iter_errors(copy.deepcopy(body)))
    assert not errors, errors[0]
    uris = {uri.text for uri in body.iter("Uri")}
    externe = {node.text for node in body.iter("Extern")}
    assert uris == {ACTIEF}
    assert "own-call" in externe and "other-call" not in externe
    assert {node.text for node in body.iter("Waarde")} == {person}
    own = next(
        node
        for node in body.iter("AuditLogging")
        if node.findtext("Kern/Afnemer/Referte/Extern") == "own-call"
    )
    assert [node.text for node in own.iter("BerichtType")] == ["VRAAG", "ANTWOORD"]


def test_no_calls_about_a_person_is_40000(gateway, reference):
    body = reply_body(gateway.post(AUDIT, geef_audit_logging("00012900142")).content)
    assert [u["Identificatie"] for u in uitzonderingen(body, "Antwoord")] in (["40000"], ["20002"])


def test_purging_is_itself_kept(gateway, person):
    gateway.post(GEEF_BEWIJS, geef_bewijs(person))
    out = run_cli(
        "audit", "purge", "--db", gateway.db_url, "--before", "2999-01-01", "--door", "retentie"
    ).stdout
    assert out.startswith("deleted ")
    rows = trail(gateway)
    assert [row["dienst"] for row in rows] == ["audit purge"]
    assert rows[0]["afzender"] == "retentie"


def test_an_unusable_key_file_is_one_clear_error_before_serving(tmp_path):
    db_url = f"sqlite:///{tmp_path}/led.db"
    run_cli("db", "init", "--db", db_url)
    environment = {name: value for name, value in os.environ.items() if name != "LED_AUDIT_KEY"}
    result = subprocess.run(
        [*CLI, "serve", "--db", db_url, "--port", str(free_port())],
        env={**environment, "LED_AUDIT_KEY_FILE": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "audit key file" in result.stderr and "Is a directory" in result.stderr
    assert "Traceback" not in result.stderr


_REFUSE_AUDIT = {
    "sqlite": [
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused'); END",
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'refused'; END $$",
        "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
    ],
}


def run_sql(db_url: str, *statements: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_reply_about_a_person_is_withheld_while_its_call_cannot_be_recorded(backend, tmp_path):
    url = None if backend == "sqlite" else fresh_postgres_database()
    db_url = new_demo_database(tmp_path, url, persons=5)
    person = run_cli("demo", "persons", "--db", db_url, "--limit", "1").stdout.split()[0]
    server = Server(db_url, tmp_path / "server.log", "--metrics")
    try:
        run_sql(db_url, *_REFUSE_AUDIT[backend])
        withheld = server.post(GEEF_BEWIJS, geef_bewijs(person, referte="niet-opgenomen"))
        refused = server.post(GEEF_BEWIJS, geef_bewijs(person, afzender="onbekend.example/x"))
        run_sql(db_url, "DROP TRIGGER refuse_audit" + ("" if backend == "sqlite" else " ON audit"))
        answered = server.post(GEEF_BEWIJS, geef_bewijs(person, referte="weer-opgenomen"))
        metrics = httpx.get(server.base + "/metrics", timeout=10).text
    finally:
        server.stop()
    assert withheld.status_code == 503
    assert b"Fault" in withheld.content and b"audit trail" in withheld.content
    assert person.encode() not in withheld.content and b"Bewijs>" not in withheld.content
    # A reply about nobody leaves all the same.
    assert refused.status_code == 200
    assert [u["Identificatie"] for u in uitzonderingen(reply_body(refused.content), "Repliek")] == ["40006"]
    assert answered.status_code == 200 and b"Bewijs>" in answered.content
    kept = [row["afzender_referte"] for row in trail(server)]
    assert "weer-opgenomen" in kept and "niet-opgenomen" not in kept
    assert "could not be stored" in (tmp_path / "server.log").read_text()
    assert 'led_gateway_unrecorded_calls_total{dienst="GeefBewijs"} 2.0' in metrics.splitlines()
