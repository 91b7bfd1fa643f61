"""The registry as a YAML file: round trip, forward steps, and every problem with its line."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import yaml

from led_gateway.affiliation.registry import RegistryError, export_registry, import_registry
from led_gateway.demo.loader import load_registry
from led_gateway.repository import migrate
from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.unit_of_work import UnitOfWork

NOW = datetime(2026, 6, 1, 10, 0)

NEW_AFNEMER = """\
afnemers:
- identificatie: gemeente.example.be/loket
  naam: Gemeente Voorbeeld
  status: in-gebruik
  intake:
    doel: Toekenning van studiepremies
    gebruik: Nagaan of een diploma behaald is
    kanaal: webdienst
    mutaties_nodig: false
  dpia:
    vereist: false
    vooronderzoek: laag risico
  protocollen:
  - referte: PROT-2026-01
    ondertekend_afnemer_op: 2026-01-10
    ondertekend_led_op: 2026-01-15
    dpo_advies_afnemer_positief: true
    dpo_advies_led: positief
    geldig_van: 2026-02-01
    geldig_tot: 2028-01-31
    hoedanigheden: ['1300']
    scope_categorieen: [Hoger onderwijs]
  magda:
    ticket: MAGDA-4711
    aangesloten_op: 2026-02-01
"""


@pytest.fixture
def units(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/led.db")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    yield lambda: UnitOfWork(factory)
    engine.dispose()


def apply(units, text: str) -> list[str]:
    with units() as uow:
        changes = import_registry(uow, text, "reviewer", NOW)
        uow.commit()
    return changes


def exported(units) -> str:
    with units() as uow:
        return export_registry(uow)


def test_importing_an_export_changes_nothing(units):
    with units() as uow:
        load_registry(uow, date(2026, 6, 1), NOW)
        uow.commit()
    text = exported(units)
    assert apply(units, text) == []
    assert exported(units) == text


def test_a_new_afnemer_goes_through_every_step(units):
    changes = apply(units, NEW_AFNEMER)
    assert changes[0] == "gemeente.example.be/loket: registered"
    assert changes[-1] == "gemeente.example.be/loket: in-gebruik"
    with units() as uow:
        aansluiting = uow.afnemers.aansluiting("gemeente.example.be/loket")
        assert aansluiting.status == "in-gebruik"
        assert aansluiting.protocol.scope_categorieen == frozenset({"Hoger onderwijs"})
        assert len(uow.afnemers.history(uow.afnemers.get("gemeente.example.be/loket"))) == 6


def test_a_later_file_moves_forward_and_renews(units):
    apply(units, NEW_AFNEMER)
    document = yaml.safe_load(NEW_AFNEMER)
    afnemer = document["afnemers"][0]
    afnemer["protocollen"].append(
        {
            **afnemer["protocollen"][0],
            "referte": "PROT-2028-01",
            "geldig_van": date(2028, 2, 1),
            "geldig_tot": None,
        }
    )
    assert apply(units, yaml.safe_dump(document)) == [
        "gemeente.example.be/loket: protocol PROT-2028-01 renewed"
    ]


def problems_of(units, text: str) -> list[str]:
    before = exported(units)
    with units() as uow, pytest.raises(RegistryError) as refused:
        import_registry(uow, text, "reviewer", NOW)
    assert exported(units) == before, "a refused file changed the registry"
    return [str(problem) for problem in refused.value.problems]


def test_every_problem_is_reported_with_its_line_and_nothing_changes(units):
    broken = (
        NEW_AFNEMER.replace("kanaal: webdienst", "kanaal: fax")
        .replace("dpo_advies_afnemer_positief: true", "dpo_advies_afnemer_positief: misschien")
        .replace("  magda:\n    ticket: MAGDA-4711\n", "  magda:\n")
    )
    second = (
        NEW_AFNEMER.replace("gemeente.example.be/loket", "school.example.be/app")
        .replace("afnemers:\n", "")
        .replace("status: in-gebruik", "status: actief")
    )
    problems = problems_of(units, broken + second)
    assert any(p.startswith("line 8 ") and "kanaal" in p and "webdienst" in p for p in problems), problems
    assert any(p.startswith("line 17 ") and "dpo_advies_afnemer_positief" in p for p in problems), problems
    assert any(p.startswith("line 23 ") and "magda.ticket" in p for p in problems), problems
    assert any(p.startswith("line 27 ") and "status" in p for p in problems), problems
    assert len(problems) == 4


def test_a_protocol_that_breaks_the_rules_is_refused_at_its_line(units):
    problems = problems_of(
        units, NEW_AFNEMER.replace("dpo_advies_afnemer_positief: true", "dpo_advies_afnemer_positief: false")
    )
    assert any("positief advies" in p for p in problems), problems


def test_history_is_not_rewritten(units):
    apply(units, NEW_AFNEMER)
    problems = problems_of(units, NEW_AFNEMER.replace("status: in-gebruik", "status: intake"))
    assert any("history is not rewritten" in p and "line 4 " in p for p in problems), problems
    problems = problems_of(units, NEW_AFNEMER.replace("Toekenning van studiepremies", "Iets anders"))
    assert any("intake" in p and "differs" in p for p in problems), problems


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("afnemers: [", "not valid YAML"),
        ("- just a list", "mapping with a list 'afnemers'"),
        ("afnemers:\n- 42\n", "must be a mapping"),
        (NEW_AFNEMER + NEW_AFNEMER.replace("afnemers:\n", ""), "appears twice"),
    ],
)
def test_malformed_files_are_refused(units, text, words):
    assert any(words in p for p in problems_of(units, text))
