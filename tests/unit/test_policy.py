"""The access policy as a truth table: every reason to refuse, and the one way to be allowed."""

from datetime import date

import pytest

from led_gateway.affiliation.aansluiting import Aansluiting, Kanaal, Leverancier, Protocol, Status
from led_gateway.affiliation.policy import AccessRequest, decide, decide_leverancier

TODAY = date(2026, 6, 15)


def aansluiting(**changes) -> Aansluiting:
    protocol = Protocol("P-1", date(2025, 1, 1), date(2027, 12, 31), frozenset({"1300"}))
    values = dict(
        identificatie="a",
        status=Status.IN_GEBRUIK,
        kanaal=Kanaal.WEBDIENST,
        mutaties_nodig=True,
        protocol=protocol,
        certificaten=frozenset({"cafe"}),
    )
    values.update(changes)
    return Aansluiting(**values)


def request(**changes) -> AccessRequest:
    values = dict(identificatie="a", hoedanigheid="1300", dienst="GeefBewijs", datum=TODAY)
    values.update(changes)
    return AccessRequest(**values)


def protocol(van: date, tot: date | None, hoedanigheden=("1300",)) -> Protocol:
    return Protocol("P", van, tot, frozenset(hoedanigheden))


CASES = [
    # (description, request changes, aansluiting changes or None for unknown, allowed, words in reason)
    ("in use, all in order", {}, {}, True, None),
    ("unknown afnemer", {}, None, False, "niet gekend"),
    ("intake only", {}, {"status": Status.INTAKE}, False, "niet in gebruik"),
    ("protocol signed, not connected", {}, {"status": Status.PROTOCOL}, False, "niet in gebruik"),
    ("connected to MAGDA, not yet in use", {}, {"status": Status.MAGDA}, False, "niet in gebruik"),
    ("out of use", {}, {"status": Status.UIT_GEBRUIK}, False, "niet in gebruik"),
    ("no protocol", {}, {"protocol": None}, False, "geldigheidsperiode"),
    (
        "protocol not started",
        {},
        {"protocol": protocol(date(2026, 6, 16), None)},
        False,
        "geldigheidsperiode",
    ),
    (
        "protocol ended yesterday",
        {},
        {"protocol": protocol(date(2025, 1, 1), date(2026, 6, 14))},
        False,
        "geldigheidsperiode",
    ),
    ("protocol ends today", {}, {"protocol": protocol(date(2025, 1, 1), TODAY)}, True, None),
    ("protocol starts today", {}, {"protocol": protocol(TODAY, None)}, True, None),
    ("open-ended protocol", {}, {"protocol": protocol(date(2020, 1, 1), None)}, True, None),
    ("web application only", {}, {"kanaal": Kanaal.WEBTOEPASSING}, False, "kanaal"),
    ("both channels", {}, {"kanaal": Kanaal.BEIDE}, True, None),
    ("no channel recorded", {}, {"kanaal": None}, False, "kanaal"),
    ("no hoedanigheid given", {"hoedanigheid": None}, {}, False, "geen Hoedanigheid"),
    ("other hoedanigheid", {"hoedanigheid": "9999"}, {}, False, "9999"),
    (
        "protocol lists no hoedanigheden",
        {"hoedanigheid": None},
        {"protocol": protocol(date(2025, 1, 1), None, ())},
        True,
        None,
    ),
    ("mutations needed and declared", {"vereist_mutaties": True}, {}, True, None),
    (
        "mutations needed, not declared",
        {"vereist_mutaties": True},
        {"mutaties_nodig": False},
        False,
        "mutaties",
    ),
    ("certificate registered", {"certificaat": "cafe"}, {}, True, None),
    ("certificate of someone else", {"certificaat": "beef"}, {}, False, "certificaat"),
]


@pytest.mark.parametrize(
    ("description", "asked", "record", "allowed", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_truth_table(description, asked, record, allowed, words):
    decision = decide(request(**asked), None if record is None else aansluiting(**record))
    assert decision.allowed is allowed, decision
    if allowed:
        assert decision.code is None
    else:
        assert decision.code == "40006"
        assert words in decision.reden


LEVERANCIER_CASES = [
    ("registered, active, own name", dict(naam="Hoger onderwijs"), True, None),
    ("unknown", dict(known=False), False, "niet gekend"),
    ("suspended", dict(status="geschorst"), False, "niet actief"),
    ("another source's name", dict(naam="VDAB"), False, "levert niet voor"),
    ("registered certificate", dict(certificaat="cafe"), True, None),
    ("someone else's certificate", dict(certificaat="beef"), False, "certificaat"),
]


@pytest.mark.parametrize(
    ("description", "case", "allowed", "words"), LEVERANCIER_CASES, ids=[c[0] for c in LEVERANCIER_CASES]
)
def test_leverancier_truth_table(description, case, allowed, words):
    leverancier = Leverancier(
        "bron", case.get("status", "actief"), frozenset({"Hoger onderwijs"}), frozenset({"cafe"})
    )
    decision = decide_leverancier(
        "bron", leverancier if case.get("known", True) else None, case.get("naam"), case.get("certificaat")
    )
    assert decision.allowed is allowed
    if not allowed:
        assert decision.code == "40006" and words in decision.reden
