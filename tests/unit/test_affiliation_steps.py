"""The affiliation process on a real (SQLite) repository: order, data and history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from led_gateway.affiliation import afnemers
from led_gateway.affiliation.aansluiting import Kanaal, Status
from led_gateway.affiliation.afnemers import AffiliationError
from led_gateway.repository import migrate
from led_gateway.repository.database import make_engine, make_session_factory
from led_gateway.repository.unit_of_work import UnitOfWork

NOW = datetime(2026, 6, 1, 10, 0)
TODAY = NOW.date()
ID = "test.vlaanderen.be/afnemer"


@pytest.fixture
def uow(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/led.db")
    migrate.upgrade(engine)
    with UnitOfWork(make_session_factory(engine)) as unit:
        yield unit
    engine.dispose()


def protocol(**changes) -> afnemers.ProtocolGegevens:
    values = dict(
        referte="P-1",
        ondertekend_afnemer_op=date(2026, 1, 5),
        ondertekend_led_op=date(2026, 1, 9),
        dpo_advies_afnemer_positief=True,
        dpo_advies_led="positief",
        geldig_van=date(2026, 2, 1),
        geldig_tot=date(2027, 1, 31),
        hoedanigheden=("1300",),
    )
    values.update(changes)
    return afnemers.ProtocolGegevens(**values)


def to_protocol(uow, **protocol_changes):
    afnemer = afnemers.register(uow, ID, "Test", "tester", NOW)
    afnemers.record_intake(uow, afnemer, afnemers.Intake("doel", "gebruik", Kanaal.WEBDIENST, True), "t", NOW)
    afnemers.record_dpia(uow, afnemer, False, "laag risico", None, "t", NOW)
    afnemers.record_protocol(uow, afnemer, protocol(**protocol_changes), "t", NOW)
    return afnemer


def in_use(uow, **protocol_changes):
    afnemer = to_protocol(uow, **protocol_changes)
    afnemers.record_magda_connection(uow, afnemer, "T-1", date(2026, 2, 1), "t", NOW)
    afnemers.take_into_use(uow, afnemer, "t", NOW)
    return afnemer


def test_the_whole_process_is_kept_as_history(uow):
    afnemer = in_use(uow)
    afnemers.take_out_of_use(uow, afnemer, TODAY, afnemers.DOEL_NIET_MEER_RELEVANT, None, "operator", NOW)
    steps = [(t.van_status, t.naar_status) for t in uow.afnemers.history(afnemer)]
    assert steps == [
        (None, "contact"),
        ("contact", "intake"),
        ("intake", "dpia"),
        ("dpia", "protocol"),
        ("protocol", "magda"),
        ("magda", "in-gebruik"),
        ("in-gebruik", "uit-gebruik"),
    ]
    assert uow.afnemers.history(afnemer)[-1].door == "operator"
    assert uow.afnemers.history(afnemer)[1].gegevens["kanaal"] == "webdienst"


def test_steps_cannot_be_skipped(uow):
    afnemer = afnemers.register(uow, ID, "Test", "t", NOW)
    with pytest.raises(AffiliationError, match="contact"):
        afnemers.record_protocol(uow, afnemer, protocol(), "t", NOW)
    with pytest.raises(AffiliationError):
        afnemers.take_into_use(uow, afnemer, "t", NOW)
    assert afnemer.status == "contact"


def test_not_in_use_without_a_magda_connection(uow):
    afnemer = to_protocol(uow)
    with pytest.raises(AffiliationError, match="magda"):
        afnemers.take_into_use(uow, afnemer, "t", NOW)


def test_a_required_dpia_must_be_there(uow):
    afnemer = afnemers.register(uow, ID, "Test", "t", NOW)
    afnemers.record_intake(uow, afnemer, afnemers.Intake("d", "g", Kanaal.BEIDE, False), "t", NOW)
    with pytest.raises(AffiliationError, match="DPIA"):
        afnemers.record_dpia(uow, afnemer, True, "hoog risico", None, "t", NOW)
    afnemers.record_dpia(uow, afnemer, True, "hoog risico", "DPIA-7", "t", NOW)
    assert afnemer.dpia_referte == "DPIA-7"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"ondertekend_led_op": None}, "beide partijen"),
        ({"ondertekend_afnemer_op": None}, "beide partijen"),
        ({"dpo_advies_afnemer_positief": False}, "positief advies"),
        ({"dpo_advies_led": " "}, "DPO van de LED"),
        ({"geldig_tot": date(2026, 1, 1)}, "eindigt voor ze begint"),
        ({"hoedanigheden": ()}, "hoedanigheid"),
    ],
)
def test_a_protocol_needs_signatures_advice_and_a_sensible_period(uow, changes, words):
    with pytest.raises(AffiliationError, match=words):
        to_protocol(uow, **changes)


def test_other_reasons_need_an_explanation(uow):
    afnemer = in_use(uow)
    with pytest.raises(AffiliationError, match="toelichting"):
        afnemers.take_out_of_use(uow, afnemer, TODAY, afnemers.ANDERE, None, "t", NOW)
    with pytest.raises(AffiliationError, match="onbekend"):
        afnemers.take_out_of_use(uow, afnemer, TODAY, "zomaar", None, "t", NOW)


def test_expire_records_ended_protocols_once(uow):
    afnemer = in_use(uow, geldig_tot=TODAY - timedelta(days=1))
    other = afnemers.register(uow, "other.be/a", "Other", "t", NOW)
    assert afnemers.expire(uow, TODAY, "cron", NOW) == [ID]
    assert afnemer.status == "uit-gebruik"
    assert afnemer.uit_gebruik_reden == afnemers.TERMIJN_VERSTREKEN
    assert afnemer.uit_gebruik_op == TODAY
    assert afnemers.expire(uow, TODAY, "cron", NOW) == []
    assert other.status == "contact"


def test_a_protocol_ending_today_is_not_expired(uow):
    in_use(uow, geldig_tot=TODAY)
    assert afnemers.expire(uow, TODAY, "cron", NOW) == []


def test_renewal_keeps_the_old_protocol_and_brings_an_expired_afnemer_back(uow):
    afnemer = in_use(uow, geldig_tot=TODAY - timedelta(days=1))
    afnemers.expire(uow, TODAY, "cron", NOW)
    afnemers.renew_protocol(
        uow, afnemer, protocol(referte="P-2", geldig_van=TODAY, geldig_tot=None), "t", NOW
    )
    assert [p.referte for p in afnemer.protocollen] == ["P-1", "P-2"]
    assert afnemer.status == Status.IN_GEBRUIK
    aansluiting = uow.afnemers.aansluiting(ID)
    assert aansluiting.protocol.referte == "P-2" and aansluiting.protocol.covers(TODAY + timedelta(days=999))
    assert uow.afnemers.history(afnemer)[-1].gegevens["vernieuwing"] is True


def test_a_renewal_cannot_reuse_a_reference_or_go_back_in_time(uow):
    afnemer = in_use(uow)
    with pytest.raises(AffiliationError, match="bestaat al"):
        afnemers.renew_protocol(uow, afnemer, protocol(), "t", NOW)
    with pytest.raises(AffiliationError, match="vroeger"):
        afnemers.renew_protocol(uow, afnemer, protocol(referte="P-0", geldig_van=date(2025, 1, 1)), "t", NOW)


def test_an_afnemer_is_registered_once(uow):
    afnemers.register(uow, ID, "Test", "t", NOW)
    with pytest.raises(AffiliationError, match="bestaat al"):
        afnemers.register(uow, ID, "Again", "t", NOW)
