"""The one access policy: may this caller ask this service, today?

:func:`decide` is pure: it gets the caller's request and the affiliation
record (or ``None`` for an unknown caller) and returns a :class:`Decision`.
Every service asks it before it touches the bewijzen; a refusal carries the
MAGDA code and a diagnose that names the reason, for the caller and for the
audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from led_gateway.affiliation.aansluiting import Aansluiting, Kanaal, Leverancier, Status

FOUT_IN_AUTORISATIE = "40006"


@dataclass(frozen=True, slots=True)
class AccessRequest:
    """Who asks what, as far as access is concerned."""

    identificatie: str | None
    hoedanigheid: str | None
    dienst: str
    datum: date
    kanaal: Kanaal = Kanaal.WEBDIENST
    vereist_mutaties: bool = False
    certificaat: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    code: str | None = None
    reden: str | None = None


ALLOWED = Decision(True)


def _refuse(reden: str) -> Decision:
    return Decision(False, FOUT_IN_AUTORISATIE, reden)


def decide(request: AccessRequest, aansluiting: Aansluiting | None) -> Decision:
    """Allow, or refuse with the first reason that applies (in this order)."""
    if aansluiting is None:
        return _refuse(f"afnemer '{request.identificatie}' is niet gekend")
    if request.certificaat is not None and request.certificaat not in aansluiting.certificaten:
        return _refuse("het certificaat hoort niet bij de afnemer")
    if aansluiting.status is not Status.IN_GEBRUIK:
        return _refuse(f"de aansluiting is niet in gebruik (stap '{aansluiting.status}')")
    protocol = aansluiting.protocol
    if protocol is None or not protocol.covers(request.datum):
        return _refuse("buiten de geldigheidsperiode van het protocol")
    if aansluiting.kanaal is None or not aansluiting.kanaal.includes(request.kanaal):
        return _refuse(f"het protocol staat het kanaal '{request.kanaal}' niet toe")
    if protocol.hoedanigheden and request.hoedanigheid is None:
        return _refuse("geen Hoedanigheid opgegeven terwijl het protocol er vereist")
    if protocol.hoedanigheden and request.hoedanigheid not in protocol.hoedanigheden:
        return _refuse(f"hoedanigheid '{request.hoedanigheid}' is niet toegestaan door het protocol")
    if request.vereist_mutaties and not aansluiting.mutaties_nodig:
        return _refuse(f"mutaties werden niet aangevraagd bij de intake; {request.dienst} is niet toegestaan")
    return ALLOWED


def decide_leverancier(
    identificatie: str | None,
    leverancier: Leverancier | None,
    leverancier_naam: str | None = None,
    certificaat: str | None = None,
) -> Decision:
    """May this source deliver, and (when given) deliver for ``leverancier_naam``?"""
    if leverancier is None:
        return _refuse(f"leverancier '{identificatie}' is niet gekend")
    if certificaat is not None and certificaat not in leverancier.certificaten:
        return _refuse("het certificaat hoort niet bij de leverancier")
    if not leverancier.actief:
        return _refuse(f"leverancier '{identificatie}' is niet actief (status '{leverancier.status}')")
    if leverancier_naam is not None and leverancier_naam not in leverancier.namen:
        return _refuse(f"leverancier '{identificatie}' levert niet voor '{leverancier_naam}'")
    return ALLOWED
