"""What every dienst shares: its definition and the way a call is answered.

A call flows one way: the request (already parsed and checked against the
XSD by the wire) → the context checks → the access policy → the dienst's
own answer, reading through a unit of work → the reply on the wire. The
three MAGDA failure levels map onto it: a SOAP Fault is the wire's business,
a refused message or caller is a Repliek-level uitzondering, and a question
without (full) answer is an Antwoord-level one.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from lxml import etree
from sqlalchemy.exc import DBAPIError

from led_gateway.affiliation.aansluiting import Aansluiting, Leverancier
from led_gateway.affiliation.policy import AccessRequest, Decision, decide, decide_leverancier
from led_gateway.audit import trail
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.limits import CallerLimits, TooBusy
from led_gateway.wire import certificaat, handtekening
from led_gateway.wire.context import (
    Afzender,
    GatewayIdentity,
    RequestContext,
    append_reply_context,
    read_context,
)
from led_gateway.wire.uitzonderingen import Uitzondering, append_uitzonderingen, uitzondering
from led_gateway.wire.validation import Finding

log = logging.getLogger("led_gateway.calls")

#: Who may call a dienst.
AFNEMER, LEVERANCIER, IEDEREEN = "afnemer", "leverancier", "iedereen"


@dataclass(frozen=True, slots=True)
class Vraag:
    """One question of a request, with the context it was asked in.

    ``aansluiting`` is the caller's affiliation when afnemers call the dienst,
    ``leverancier`` the caller when sources do (the policy allowed them), for
    what depends on who asks: a protocol's scope, a source's names.
    """

    context: RequestContext
    inhoud: etree._Element
    now: datetime
    aansluiting: Aansluiting | None = None
    leverancier: Leverancier | None = None

    def require_leverancier_naam(self, naam: str) -> None:
        """Refuse (40006) unless the calling source may deliver for ``naam``."""
        decision = decide_leverancier(self.leverancier.identificatie, self.leverancier, naam)
        if not decision.allowed:
            raise Refused(uitzondering(decision.code, decision.reden, "Leverancier/Naam"))


class Refused(Exception):
    """Raised by a dienst to refuse the whole message (a Repliek-level uitzondering)."""

    def __init__(self, reason: Uitzondering) -> None:
        super().__init__(reason.diagnose)
        self.reason = reason


@dataclass(slots=True)
class Antwoord:
    """A dienst's answer: content written into ``Inhoud``, and/or uitzonderingen."""

    inhoud: Callable[[etree._Element], None] | None = None
    uitzonderingen: list[Uitzondering] = field(default_factory=list)
    #: The persons the Inhoud is about, for the audit trail, when it does not show them as INSZ
    #: elements (stored bewijzen go into the reply as placeholders); ``None``: read them from it.
    onderwerpen: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Dienst:
    """A MAGDA service in one version, as the gateway serves it."""

    operation: str
    versie: str
    namespace: str
    #: Folder of its contract below xsd/ (MAGDA's folder name, e.g. ``LED.GeefBewijsDienst-02.00``).
    folder: str
    answer: Callable[[Vraag, UnitOfWork], Antwoord]
    #: Who may call it: afnemers the policy allows, registered leveranciers, or anyone.
    beller: str = AFNEMER
    #: Afnemers must have declared the need for mutations at intake.
    vereist_mutaties: bool = False
    #: It changes the repository: its unit of work takes the write lock up front.
    schrijft: bool = False

    @property
    def name(self) -> str:
        """``GeefBewijsDienst-02.00``: the folder without its domain prefix."""
        return self.folder.partition(".")[2]

    @property
    def endpoint(self) -> str:
        return f"/{self.name}/soap/WebService"

    @property
    def request_xsd(self) -> str:
        return f"xsd/{self.folder}/{self.operation}.xsd"

    @property
    def wsdl(self) -> str:
        return f"wsdl/{self.name}.wsdl"


class Responder:
    """Answers the calls of one dienst."""

    def __init__(
        self,
        dienst: Dienst,
        unit_of_work: Callable[[], UnitOfWork],
        identity: GatewayIdentity,
        clock: Callable[[], datetime] = datetime.now,
        limits: CallerLimits | None = None,
        require_signature: bool = False,
    ) -> None:
        self.dienst = dienst
        self.unit_of_work = unit_of_work
        self.identity = identity
        self.clock = clock
        self.limits = limits or CallerLimits()
        self.require_signature = require_signature

    def __call__(self, operation: etree._Element, findings: list[Finding]) -> etree._Element:
        """The reply body (``<Op>Response``) for the request body ``operation``."""
        now = self.clock()
        context = read_context(operation)
        dienst = self.dienst
        response = etree.Element(
            f"{{{dienst.namespace}}}{dienst.operation}Response", nsmap={"led": dienst.namespace}
        )
        repliek = etree.SubElement(response, "Repliek")
        reply_referte = append_reply_context(
            repliek, dienst.operation, dienst.versie, None if findings else context, self.identity, now
        )
        outcome = self._outcome(operation, findings, context, now)
        if isinstance(outcome, _Rendered):
            _append_antwoord(repliek, context, outcome, now)
        else:
            append_uitzonderingen(repliek, outcome, now)
        answered = outcome.onderwerpen if isinstance(outcome, _Rendered) else None
        self._note_for_audit(operation, repliek, context, reply_referte, answered)
        return response

    def _note_for_audit(
        self,
        operation: etree._Element,
        repliek: etree._Element,
        context: RequestContext,
        reply_referte: str,
        answered: tuple[str, ...] | None,
    ) -> None:
        call = trail.current_call()
        if call is None:
            return
        afzender = context.afzender
        call.versie = self.dienst.versie
        call.afzender, call.hoedanigheid, call.gebruiker = (
            afzender.identificatie,
            afzender.hoedanigheid,
            afzender.gebruiker,
        )
        call.afzender_referte, call.vraag_referte = afzender.referte, context.vraag_referte
        call.antwoord_referte = reply_referte
        call.gevraagd = trail.subjects(operation.find("Verzoek/Vragen/Vraag/Inhoud"))
        call.geantwoord = (
            answered if answered is not None else trail.subjects(repliek.find("Antwoorden/Antwoord/Inhoud"))
        )
        call.codes, call.uitkomst = trail.codes(repliek), trail.outcome(repliek)

    def _outcome(
        self, operation: etree._Element, findings: list[Finding], context: RequestContext, now: datetime
    ) -> _Rendered | list[Uitzondering]:
        """The Antwoord, or the Repliek-level uitzonderingen that stand in its way."""
        if findings:
            return [uitzondering("30001", finding.message, finding.path) for finding in findings]
        mismatch = self._context_mismatch(context)
        if mismatch:
            return [uitzondering("30002", mismatch, "Verzoek/Context")]
        try:
            with self.limits.admit(context.afzender.identificatie), self.unit_of_work() as uow:
                vraag = Vraag(context, operation.find("Verzoek/Vragen/Vraag/Inhoud"), now)
                signer = self._signer(operation, context)
                return _rendered(self.dienst.answer(self._authorised(vraag, uow, signer), uow))
        except Refused as refused:
            return [refused.reason]
        except TooBusy as busy:
            return [uitzondering("99996", str(busy))]
        except DBAPIError:
            log.exception("database unavailable for %s", self.dienst.operation)
            return [uitzondering("90000", "de databank is niet bereikbaar")]
        except Exception:
            reference = str(uuid.uuid4())
            log.exception("unexpected error, reference %s", reference)
            return [uitzondering("99999", f"referentie {reference}")]

    def _context_mismatch(self, context: RequestContext) -> str | None:
        dienst = self.dienst
        if context.naam != dienst.operation or context.versie != dienst.versie:
            return (
                f"deze dienst is {dienst.operation} {dienst.versie}, "
                f"het verzoek vraagt {context.naam} {context.versie}"
            )
        return None

    def _signer(self, operation: etree._Element, context: RequestContext) -> str | None:
        """The fingerprint of the certificate that signed the Body, when signatures are required."""
        if not self.require_signature:
            return None
        try:
            return handtekening.verify(operation.getparent().getparent())
        except handtekening.HandtekeningFout as fout:
            self._enforce(Decision(False, "40006", f"handtekening: {fout}"), context.afzender)

    def _authorised(self, vraag: Vraag, uow: UnitOfWork, signer: str | None = None) -> Vraag:
        """Ask the access policy before anything else is read; raise :class:`Refused` if it says no.

        When the request came with a client certificate, the caller's
        registered certificates are read too: the certificate must be one of
        them.
        """
        afzender = vraag.context.afzender
        if self.dienst.beller == IEDEREEN:
            return vraag
        presented = certificaat.presented()
        if signer is not None and presented is not None and signer != presented:
            self._enforce(
                Decision(
                    False,
                    "40006",
                    "de Body is ondertekend met een ander certificaat dan dat van de verbinding",
                ),
                afzender,
            )
        presented = presented or signer
        if self.dienst.beller == LEVERANCIER:
            leverancier = uow.leveranciers.leverancier(afzender.identificatie)
            if leverancier is not None and presented is not None:
                leverancier = replace(
                    leverancier, certificaten=uow.certificaten.active(leverancier.identificatie)
                )
            self._enforce(
                decide_leverancier(afzender.identificatie, leverancier, certificaat=presented), afzender
            )
            return replace(vraag, leverancier=leverancier)
        request = AccessRequest(
            identificatie=afzender.identificatie,
            hoedanigheid=afzender.hoedanigheid,
            dienst=self.dienst.operation,
            datum=vraag.now.date(),
            vereist_mutaties=self.dienst.vereist_mutaties,
            certificaat=presented,
        )
        aansluiting = uow.afnemers.aansluiting(afzender.identificatie)
        if aansluiting is not None and presented is not None:
            aansluiting = replace(
                aansluiting, certificaten=uow.certificaten.active(aansluiting.identificatie)
            )
        self._enforce(decide(request, aansluiting), afzender)
        return replace(vraag, aansluiting=aansluiting)

    def _enforce(self, decision: Decision, afzender: Afzender) -> None:
        if decision.allowed:
            return
        log.warning(
            "refused %s for %r (hoedanigheid %r): %s",
            self.dienst.operation,
            afzender.identificatie,
            afzender.hoedanigheid,
            decision.reden,
        )
        raise Refused(uitzondering(decision.code, decision.reden, "Verzoek/Context/Bericht/Afzender"))


@dataclass(frozen=True, slots=True)
class _Rendered:
    """An Antwoord with its Inhoud already written."""

    inhoud: etree._Element | None
    uitzonderingen: list[Uitzondering]
    onderwerpen: tuple[str, ...] | None = None


def _rendered(antwoord: Antwoord) -> _Rendered:
    """Write the Inhoud while the unit of work is still open: writers may read what it loaded."""
    if antwoord.inhoud is None:
        return _Rendered(None, antwoord.uitzonderingen)
    inhoud = etree.Element("Inhoud")
    antwoord.inhoud(inhoud)
    return _Rendered(inhoud, antwoord.uitzonderingen, antwoord.onderwerpen)


def _append_antwoord(
    repliek: etree._Element, context: RequestContext, antwoord: _Rendered, now: datetime
) -> None:
    element = etree.SubElement(etree.SubElement(repliek, "Antwoorden"), "Antwoord")
    etree.SubElement(element, "Referte").text = context.vraag_referte
    if antwoord.inhoud is not None:
        element.append(antwoord.inhoud)
    if antwoord.uitzonderingen:
        append_uitzonderingen(element, antwoord.uitzonderingen, now)
