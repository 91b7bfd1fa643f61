"""Operators record affiliations with the CLI; the running gateway enforces them at once."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from led_gateway.domain.insz import birth_date
from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.models import InschrijvingRow
from led_gateway.repository.unit_of_work import UnitOfWork
from tests.conftest import Server, new_demo_database, run_cli
from tests.messages import geef_bewijs, reply_body, uitzonderingen

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"
TODAY = date.today()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    """A database of its own, since these tests change the registry and the coverage table."""
    directory = tmp_path_factory.mktemp("affiliation")
    db_url = new_demo_database(directory, persons=80)
    server = Server(db_url, directory / "server.log", env={"LED_DEKKING_TTL": "0"})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def held(gateway) -> dict[str, list]:
    """Every demo person's bewijzen, read through the repository."""
    engine = make_engine(gateway.db_url)
    insz_list = run_cli("demo", "persons", "--db", gateway.db_url, "--limit", "1000").stdout.split()
    with UnitOfWork(make_session_factory(engine)) as uow:
        result = {insz: uow.bewijzen.for_insz(insz) for insz in insz_list}
    engine.dispose()
    return result


def cli(gateway, *args: str, check: bool = True):
    return run_cli(*args, "--db", gateway.db_url, check=check)


def affiliate(gateway, identificatie: str, *protocol_options: str) -> None:
    """Take an afnemer through every step up to in use, as an operator would."""
    day = (TODAY - timedelta(days=30)).isoformat()
    cli(gateway, "afnemer", "register", identificatie, "--naam", "Testafnemer")
    cli(
        gateway,
        "afnemer",
        "intake",
        identificatie,
        "--doel",
        "test",
        "--gebruik",
        "dossiers",
        "--kanaal",
        "beide",
        "--geen-mutaties",
    )
    cli(gateway, "afnemer", "dpia", identificatie, "--vooronderzoek", "laag risico", "--niet-vereist")
    cli(
        gateway,
        "afnemer",
        "protocol",
        identificatie,
        "--referte",
        f"P-{identificatie}",
        "--ondertekend-afnemer",
        day,
        "--ondertekend-led",
        day,
        "--dpo-advies-afnemer",
        "positief",
        "--dpo-advies-led",
        "positief",
        "--geldig-van",
        day,
        "--hoedanigheid",
        "1300",
        *protocol_options,
    )
    cli(gateway, "afnemer", "magda", identificatie, "--ticket", "T-1", "--op", day)
    cli(gateway, "afnemer", "in-gebruik", identificatie)


def ask(gateway, insz: str, afzender: str):
    return reply_body(gateway.post(ENDPOINT, geef_bewijs(insz, afzender=afzender)).content)


def codes(body, level: str) -> list[str]:
    return [u["Identificatie"] for u in uitzonderingen(body, level)]


def test_an_afnemer_affiliated_through_the_cli_may_consult(gateway, held):
    insz = next(iter(held))
    assert codes(ask(gateway, insz, "cli.example.be/volledig"), "Repliek") == ["40006"]
    affiliate(gateway, "cli.example.be/volledig")
    assert ask(gateway, insz, "cli.example.be/volledig").findall(".//Bewijs")


def test_the_protocol_scope_filters_bewijzen(gateway, held):
    affiliate(gateway, "cli.example.be/hoger", "--scope-categorie", "Hoger onderwijs")
    mixed = next(i for i, b in held.items() if {x.categorie for x in b} > {"Hoger onderwijs"})
    body = ask(gateway, mixed, "cli.example.be/hoger")
    categories = {c.text for c in body.iterfind(".//Bewijs/Basis/Categorie/Naam")}
    assert categories == {"Hoger onderwijs"}


def test_nothing_within_scope_is_15021_not_40000(gateway, held):
    affiliate(gateway, "cli.example.be/naric", "--scope-leverancier", "NARIC Vlaanderen")
    outside = next(
        i for i, b in held.items() if b and all(x.leverancier_naam != "NARIC Vlaanderen" for x in b)
    )
    body = ask(gateway, outside, "cli.example.be/naric")
    assert not body.findall(".//Bewijs")
    assert codes(body, "Antwoord")[0] == "15021"


def test_registered_persons_only(gateway, held):
    affiliate(gateway, "cli.example.be/repertorium", "--enkel-geregistreerde-personen")
    insz = next(iter(held))
    body = ask(gateway, insz, "cli.example.be/repertorium")
    assert codes(body, "Repliek") == ["13202"]
    assert body.find("Repliek/Antwoorden") is None
    engine = make_engine(gateway.db_url)
    with UnitOfWork(make_session_factory(engine)) as uow:
        afnemer = uow.afnemers.get("cli.example.be/repertorium")
        uow.inschrijvingen.add(
            InschrijvingRow(
                afnemer_id=afnemer.id,
                insz=insz,
                hoedanigheid="1300",
                begin=TODAY,
                ingeschreven_op=datetime.now(),
            )
        )
        uow.commit()
    engine.dispose()
    assert ask(gateway, insz, "cli.example.be/repertorium").findall(".//Bewijs")


def test_coverage_says_which_sources_may_be_incomplete(gateway, held):
    old = next(i for i in held if birth_date(i).year < 1975)
    young = next(i for i in held if birth_date(i).year >= 2000)
    notice = [
        u
        for u in uitzonderingen(ask(gateway, old, "demo.vlaanderen.be/afnemer-actief"), "Antwoord")
        if u["Identificatie"] == "30004"
    ]
    assert notice and notice[0]["Type"] == "INFORMATIE"
    assert "Hoger onderwijs pas volledig vanaf 01.10.1999" in notice[0]["Diagnose"]
    young_notes = uitzonderingen(ask(gateway, young, "demo.vlaanderen.be/afnemer-actief"), "Antwoord")
    assert all("Hoger onderwijs" not in u["Diagnose"] for u in young_notes)
    cli(
        gateway,
        "dekking",
        "set",
        "hoger_onderwijs",
        "--volledig-vanaf",
        "1950-01-01",
        "--opgenomen-vanaf",
        "1950-01-01",
    )
    after = uitzonderingen(ask(gateway, old, "demo.vlaanderen.be/afnemer-actief"), "Antwoord")
    assert all("Hoger onderwijs" not in u["Diagnose"] for u in after)


def test_expire_takes_ended_protocols_out_of_use_once(gateway):
    first = cli(gateway, "afnemer", "expire").stdout
    assert "demo.vlaanderen.be/afnemer-verlopen: uit-gebruik" in first
    assert cli(gateway, "afnemer", "expire").stdout.strip().endswith("0 afnemer(s) expired")
    record = json.loads(
        cli(gateway, "afnemer", "show", "demo.vlaanderen.be/afnemer-verlopen", "--format", "json").stdout
    )
    assert record["status"] == "uit-gebruik"
    assert record["uit_gebruik"]["reden"] == "termijn-verstreken"
    assert record["geschiedenis"][-1]["naar"] == "uit-gebruik"


def test_a_renewed_protocol_restores_access(gateway, held):
    identificatie = "demo.vlaanderen.be/afnemer-verlopen"
    cli(gateway, "afnemer", "expire")
    insz = next(iter(held))
    assert codes(ask(gateway, insz, identificatie), "Repliek") == ["40006"]
    cli(
        gateway,
        "afnemer",
        "renew",
        identificatie,
        "--referte",
        "P-renewed",
        "--ondertekend-afnemer",
        TODAY.isoformat(),
        "--ondertekend-led",
        TODAY.isoformat(),
        "--dpo-advies-afnemer",
        "positief",
        "--dpo-advies-led",
        "positief",
        "--geldig-van",
        TODAY.isoformat(),
        "--hoedanigheid",
        "1300",
    )
    assert ask(gateway, insz, identificatie).findall(".//Bewijs")
    record = json.loads(cli(gateway, "afnemer", "show", identificatie, "--format", "json").stdout)
    assert [p["referte"] for p in record["protocollen"]] == ["LED-PROT-afnemer-verlopen", "P-renewed"]


def test_list_filters_by_status_in_json_lines(gateway):
    rows = [
        json.loads(line)
        for line in cli(
            gateway, "afnemer", "list", "--status", "protocol", "--format", "json"
        ).stdout.splitlines()
    ]
    assert [r["identificatie"] for r in rows] == ["demo.vlaanderen.be/afnemer-in-aansluiting"]


def test_a_step_out_of_order_is_a_clear_error(gateway):
    cli(gateway, "afnemer", "register", "cli.example.be/haastig", "--naam", "Haastig")
    result = cli(gateway, "afnemer", "in-gebruik", "cli.example.be/haastig", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "contact" in result.stderr


def test_a_broken_registry_file_changes_nothing(gateway, tmp_path):
    before = cli(gateway, "afnemer", "export").stdout
    broken = (
        before.replace("kanaal: webdienst", "kanaal: telefoon", 1) + "- identificatie: x\n  status: nee\n"
    )
    (tmp_path / "registry.yaml").write_text(broken)
    result = cli(gateway, "afnemer", "import", str(tmp_path / "registry.yaml"), check=False)
    assert result.returncode == 1
    assert "nothing was changed" in result.stderr
    assert "intake.kanaal" in result.stderr
    assert sum(": line " in line for line in result.stderr.splitlines()) >= 3
    assert cli(gateway, "afnemer", "export").stdout == before


def test_the_exported_registry_imports_as_no_change(gateway, tmp_path):
    (tmp_path / "registry.yaml").write_text(cli(gateway, "afnemer", "export").stdout)
    result = cli(gateway, "afnemer", "import", str(tmp_path / "registry.yaml"))
    assert result.stdout.strip().endswith("changed 0 step(s)")


def test_leveranciers_are_registered(gateway):
    cli(
        gateway,
        "leverancier",
        "register",
        "bron.example.be/ho",
        "--naam",
        "Bron",
        "--leverancier-naam",
        "Hoger onderwijs",
    )
    rows = [
        json.loads(line)
        for line in cli(gateway, "leverancier", "list", "--format", "json").stdout.splitlines()
    ]
    assert {
        "identificatie": "bron.example.be/ho",
        "naam": "Bron",
        "status": "actief",
        "leverancier_namen": ["Hoger onderwijs"],
    } in rows
    cli(gateway, "leverancier", "status", "bron.example.be/ho", "geschorst")
    assert "geschorst" in cli(gateway, "leverancier", "list").stdout
