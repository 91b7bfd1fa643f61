"""Recording an afnemer's affiliation, one step at a time.

Each function records one step of DESIGN.md's process with its data, after
checking that the afnemer stands at the step before it: steps cannot be
skipped, and each transition is kept with when and by whom.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from led_gateway.affiliation.aansluiting import Kanaal, Status
from led_gateway.repository.models import AfnemerRow, ProtocolRow
from led_gateway.repository.unit_of_work import UnitOfWork


class AffiliationError(ValueError):
    """A step that may not be taken, with the reason."""


#: How an afnemer receives its mutations.
WEBDIENST, BESTAND = "webdienst", "bestand"
MUTATIES_VIA = (WEBDIENST, BESTAND)


@dataclass(frozen=True)
class Intake:
    doel: str
    gebruik: str
    kanaal: Kanaal
    mutaties_nodig: bool
    gewenste_datum: date | None = None
    #: Pulled with GeefMutatiesNotificaties (webdienst) or published as files (bestand).
    mutaties_via: str = WEBDIENST


@dataclass(frozen=True)
class ProtocolGegevens:
    referte: str
    ondertekend_afnemer_op: date | None
    ondertekend_led_op: date | None
    dpo_advies_afnemer_positief: bool
    dpo_advies_led: str
    geldig_van: date
    geldig_tot: date | None
    hoedanigheden: tuple[str, ...]
    #: Categorieën and Leverancier/Naam values the afnemer may see; ``None``: all.
    scope_categorieen: tuple[str, ...] | None = None
    scope_leveranciers: tuple[str, ...] | None = None
    enkel_geregistreerde_personen: bool = False

    def as_row(self) -> ProtocolRow:
        values = asdict(self)
        for name in ("hoedanigheden", "scope_categorieen", "scope_leveranciers"):
            values[name] = None if values[name] is None else list(values[name])
        return ProtocolRow(**values)


#: Why an afnemer stops: the protocol's term expired, the purpose is no longer relevant, or another reason.
TERMIJN_VERSTREKEN = "termijn-verstreken"
DOEL_NIET_MEER_RELEVANT = "doel-niet-meer-relevant"
ANDERE = "andere"
REDENEN = (TERMIJN_VERSTREKEN, DOEL_NIET_MEER_RELEVANT, ANDERE)


def _json_ready(data: dict) -> dict:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in data.items()}


def _advance(
    uow: UnitOfWork,
    afnemer: AfnemerRow,
    van: Status,
    naar: Status,
    door: str,
    now: datetime,
    gegevens: dict | None = None,
) -> None:
    if afnemer.status != van:
        raise AffiliationError(
            f"{afnemer.identificatie} staat bij stap '{afnemer.status}', niet bij '{van}': "
            f"'{naar}' kan pas daarna"
        )
    uow.afnemers.record_transition(afnemer, van, naar, door, now, _json_ready(gegevens) if gegevens else None)


def register(uow: UnitOfWork, identificatie: str, naam: str, door: str, now: datetime) -> AfnemerRow:
    """Step 1, contact: the afnemer becomes known."""
    if uow.afnemers.get(identificatie) is not None:
        raise AffiliationError(f"afnemer {identificatie} bestaat al")
    afnemer = AfnemerRow(
        identificatie=identificatie, naam=naam, status=str(Status.CONTACT), mutaties_nodig=False
    )
    uow.afnemers.add(afnemer)
    uow.afnemers.record_transition(afnemer, None, Status.CONTACT, door, now)
    return afnemer


def record_intake(uow: UnitOfWork, afnemer: AfnemerRow, intake: Intake, door: str, now: datetime) -> None:
    """Step 2: purpose, use, channel, whether mutations are needed (and how), desired date."""
    if intake.mutaties_via not in MUTATIES_VIA:
        raise AffiliationError(
            f"mutaties via '{intake.mutaties_via}' is onbekend; kies uit {', '.join(MUTATIES_VIA)}"
        )
    _advance(uow, afnemer, Status.CONTACT, Status.INTAKE, door, now, asdict(intake))
    afnemer.doel, afnemer.gebruik = intake.doel, intake.gebruik
    afnemer.kanaal, afnemer.mutaties_nodig = str(intake.kanaal), intake.mutaties_nodig
    afnemer.gewenste_datum = intake.gewenste_datum
    afnemer.mutaties_via = intake.mutaties_via


def record_dpia(
    uow: UnitOfWork,
    afnemer: AfnemerRow,
    vereist: bool,
    vooronderzoek: str,
    dpia_referte: str | None,
    door: str,
    now: datetime,
) -> None:
    """Step 3: the DPIA pre-study and, when it says so, the DPIA itself."""
    if vereist and not dpia_referte:
        raise AffiliationError("een DPIA is vereist: geef de referte van de uitgevoerde DPIA")
    gegevens = {"vereist": vereist, "vooronderzoek": vooronderzoek, "dpia_referte": dpia_referte}
    _advance(uow, afnemer, Status.INTAKE, Status.DPIA, door, now, gegevens)
    afnemer.dpia_vereist, afnemer.dpia_vooronderzoek, afnemer.dpia_referte = (
        vereist,
        vooronderzoek,
        dpia_referte,
    )


def record_protocol(
    uow: UnitOfWork, afnemer: AfnemerRow, protocol: ProtocolGegevens, door: str, now: datetime
) -> None:
    """Step 4: a protocol signed by both parties after a positive DPO advice of the afnemer."""
    _check_protocol(protocol)
    _advance(uow, afnemer, Status.DPIA, Status.PROTOCOL, door, now, asdict(protocol))
    uow.afnemers.add_protocol(afnemer, protocol.as_row())


def _check_protocol(protocol: ProtocolGegevens) -> None:
    if not protocol.referte.strip():
        raise AffiliationError("het protocol heeft een referte nodig")
    if protocol.ondertekend_afnemer_op is None or protocol.ondertekend_led_op is None:
        raise AffiliationError("het protocol moet door beide partijen ondertekend zijn (twee datums)")
    if not protocol.dpo_advies_afnemer_positief:
        raise AffiliationError("het protocol vereist een positief advies van de DPO van de afnemer")
    if not protocol.dpo_advies_led.strip():
        raise AffiliationError("het protocol vereist het advies van de DPO van de LED")
    if protocol.geldig_tot is not None and protocol.geldig_tot < protocol.geldig_van:
        raise AffiliationError("de geldigheidsperiode van het protocol eindigt voor ze begint")
    if not protocol.hoedanigheden:
        raise AffiliationError("het protocol moet minstens één toegestane hoedanigheid noemen")


def renew_protocol(
    uow: UnitOfWork, afnemer: AfnemerRow, protocol: ProtocolGegevens, door: str, now: datetime
) -> None:
    """A new protocol (a new validity period) for an afnemer that has one; history stays.

    An afnemer that went out of use because its term expired comes back in
    use with the renewed protocol.
    """
    _check_protocol(protocol)
    if not afnemer.protocollen:
        raise AffiliationError(f"{afnemer.identificatie} heeft nog geen protocol om te vernieuwen")
    vorig = afnemer.protocollen[-1]
    if protocol.geldig_van < vorig.geldig_van:
        raise AffiliationError("een vernieuwd protocol kan niet vroeger beginnen dan het vorige")
    if any(bestaand.referte == protocol.referte for bestaand in afnemer.protocollen):
        raise AffiliationError(f"protocol {protocol.referte} bestaat al voor {afnemer.identificatie}")
    status = Status(afnemer.status)
    if status is Status.UIT_GEBRUIK and afnemer.uit_gebruik_reden == TERMIJN_VERSTREKEN:
        naar = Status.IN_GEBRUIK
    elif status in (Status.PROTOCOL, Status.MAGDA, Status.IN_GEBRUIK):
        naar = status
    else:
        raise AffiliationError(f"een protocol vernieuwen kan niet bij stap '{status}'")
    gegevens = {"vernieuwing": True, **asdict(protocol)}
    uow.afnemers.record_transition(afnemer, status, naar, door, now, _json_ready(gegevens))
    uow.afnemers.add_protocol(afnemer, protocol.as_row())


def record_magda_connection(
    uow: UnitOfWork, afnemer: AfnemerRow, ticket: str, op: date, door: str, now: datetime
) -> None:
    """Step 5: the afnemer is connected to the MAGDA platform (its ticket and date)."""
    _advance(uow, afnemer, Status.PROTOCOL, Status.MAGDA, door, now, {"ticket": ticket, "op": op})
    afnemer.magda_ticket, afnemer.magda_aangesloten_op = ticket, op


def take_into_use(uow: UnitOfWork, afnemer: AfnemerRow, door: str, now: datetime) -> None:
    """Step 6: in use; only now may the afnemer consult."""
    _advance(uow, afnemer, Status.MAGDA, Status.IN_GEBRUIK, door, now)


def take_out_of_use(
    uow: UnitOfWork,
    afnemer: AfnemerRow,
    op: date,
    reden: str,
    toelichting: str | None,
    door: str,
    now: datetime,
) -> None:
    """Step 7: out of use, with the date and the reason."""
    if reden not in REDENEN:
        raise AffiliationError(f"reden '{reden}' is onbekend; kies uit {', '.join(REDENEN)}")
    if reden == ANDERE and not (toelichting or "").strip():
        raise AffiliationError("bij reden 'andere' hoort een toelichting")
    gegevens = {"op": op, "reden": reden, "toelichting": toelichting}
    _advance(uow, afnemer, Status.IN_GEBRUIK, Status.UIT_GEBRUIK, door, now, gegevens)
    afnemer.uit_gebruik_op, afnemer.uit_gebruik_reden, afnemer.uit_gebruik_toelichting = (
        op,
        reden,
        toelichting,
    )


def expire(uow: UnitOfWork, today: date, door: str, now: datetime) -> list[str]:
    """Record every afnemer in use whose protocol ended before ``today`` as out of use.

    The date out of use is the day after the protocol's last day. Running it
    again changes nothing: those afnemers are no longer in use.
    """
    expired = []
    for afnemer in uow.afnemers.in_status(Status.IN_GEBRUIK):
        protocol = afnemer.protocollen[-1] if afnemer.protocollen else None
        if protocol is not None and protocol.geldig_tot is not None and protocol.geldig_tot < today:
            einde = protocol.geldig_tot + timedelta(days=1)
            take_out_of_use(
                uow, afnemer, einde, TERMIJN_VERSTREKEN, f"protocol {protocol.referte} verlopen", door, now
            )
            expired.append(afnemer.identificatie)
    return expired


def set_mutaties_via(uow: UnitOfWork, afnemer: AfnemerRow, via: str, door: str, now: datetime) -> None:
    """Change how the afnemer receives its mutations; kept in its history (the step stays)."""
    if via not in MUTATIES_VIA:
        raise AffiliationError(f"mutaties via '{via}' is onbekend; kies uit {', '.join(MUTATIES_VIA)}")
    status = Status(afnemer.status)
    uow.afnemers.record_transition(afnemer, status, status, door, now, {"mutaties_via": via})
    afnemer.mutaties_via = via
