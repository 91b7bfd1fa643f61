"""The afnemer registry as a reviewed YAML file (registry-as-code).

``export_registry`` writes every afnemer with the data of each step it has
reached; ``import_registry`` brings the database to what a file says by
taking the missing steps, through the same functions as the step commands.
A file may only move afnemers forward: a step already recorded must say what
is recorded (history is never rewritten). Every problem is reported with its
line in the file, and when there is any, nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from led_gateway.affiliation import afnemers
from led_gateway.affiliation.aansluiting import Kanaal, Status
from led_gateway.repository.models import AfnemerRow, ProtocolRow
from led_gateway.repository.unit_of_work import UnitOfWork

STEPS = tuple(Status)
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"line {self.line}" if self.line else "file"
        return f"{place} ({self.where}): {self.message}" if self.where else f"{place}: {self.message}"


class RegistryError(ValueError):
    """The file was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the registry file")
        self.problems = problems


# ------------------------------------------------------------------ export


def _protocol_document(protocol: ProtocolRow) -> dict[str, Any]:
    return {
        "referte": protocol.referte,
        "ondertekend_afnemer_op": protocol.ondertekend_afnemer_op,
        "ondertekend_led_op": protocol.ondertekend_led_op,
        "dpo_advies_afnemer_positief": protocol.dpo_advies_afnemer_positief,
        "dpo_advies_led": protocol.dpo_advies_led,
        "geldig_van": protocol.geldig_van,
        "geldig_tot": protocol.geldig_tot,
        "hoedanigheden": list(protocol.hoedanigheden or []),
        "scope_categorieen": protocol.scope_categorieen,
        "scope_leveranciers": protocol.scope_leveranciers,
        "enkel_geregistreerde_personen": protocol.enkel_geregistreerde_personen,
    }


def afnemer_document(afnemer: AfnemerRow) -> dict[str, Any]:
    """One afnemer as the registry file writes it: only the steps it has reached."""
    reached = STEPS.index(Status(afnemer.status))
    document: dict[str, Any] = {
        "identificatie": afnemer.identificatie,
        "naam": afnemer.naam,
        "status": afnemer.status,
    }
    if reached >= STEPS.index(Status.INTAKE):
        document["intake"] = {
            "doel": afnemer.doel,
            "gebruik": afnemer.gebruik,
            "kanaal": afnemer.kanaal,
            "mutaties_nodig": afnemer.mutaties_nodig,
            "mutaties_via": afnemer.mutaties_via,
            "gewenste_datum": afnemer.gewenste_datum,
        }
    if reached >= STEPS.index(Status.DPIA):
        document["dpia"] = {
            "vereist": afnemer.dpia_vereist,
            "vooronderzoek": afnemer.dpia_vooronderzoek,
            "dpia_referte": afnemer.dpia_referte,
        }
    if afnemer.protocollen:
        document["protocollen"] = [_protocol_document(protocol) for protocol in afnemer.protocollen]
    if afnemer.magda_ticket:
        document["magda"] = {"ticket": afnemer.magda_ticket, "aangesloten_op": afnemer.magda_aangesloten_op}
    if afnemer.uit_gebruik_op:
        document["uit_gebruik"] = {
            "op": afnemer.uit_gebruik_op,
            "reden": afnemer.uit_gebruik_reden,
            "toelichting": afnemer.uit_gebruik_toelichting,
        }
    return document


def export_registry(uow: UnitOfWork) -> str:
    documents = [afnemer_document(afnemer) for afnemer in uow.afnemers.in_status()]
    return yaml.safe_dump({"afnemers": documents}, sort_keys=False, allow_unicode=True)


# ------------------------------------------------------------------ reading with line numbers


def _load(text: str) -> tuple[Any, dict[Path, int]]:
    """The YAML document and, for every node, the line it starts on."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RegistryError(
            [Problem(mark.line + 1 if mark else None, "", f"not valid YAML: {exc}")]
        ) from None
    lines: dict[Path, int] = {}
    constructor = yaml.SafeLoader("")

    def walk(node: yaml.Node, path: Path, line: int) -> Any:
        lines[path] = line  # a mapping entry is placed on its key's line
        if isinstance(node, yaml.MappingNode):
            return {
                key.value: walk(value, (*path, key.value), key.start_mark.line + 1)
                for key, value in node.value
            }
        if isinstance(node, yaml.SequenceNode):
            return [
                walk(item, (*path, index), item.start_mark.line + 1) for index, item in enumerate(node.value)
            ]
        return constructor.construct_object(node)

    return (walk(root, (), 1) if root is not None else None), lines


def _where(path: Path) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


class _Entry:
    """One afnemer of the file, with a way to report problems at the right line."""

    def __init__(self, data: dict, path: Path, lines: dict[Path, int], problems: list[Problem]) -> None:
        self.data, self.path, self.lines, self.problems = data, path, lines, problems

    def problem(self, message: str, *sub: str | int) -> None:
        path = (*self.path, *sub)
        while path not in self.lines and path:
            path = path[:-1]
        self.problems.append(Problem(self.lines.get(path), _where((*self.path, *sub)), message))

    def section(self, name: str) -> dict | None:
        value = self.data.get(name)
        if value is not None and not isinstance(value, dict):
            self.problem("must be a mapping", name)
            return None
        return value

    def value(self, section: str, name: str, kind: type | tuple[type, ...], required: bool = True) -> Any:
        value = (self.section(section) or {}).get(name)
        if value is None:
            if required:
                self.problem("is required", section, name)
            return None
        if not isinstance(value, kind):
            expected = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            self.problem(f"must be a {expected}, not {value!r}", section, name)
            return None
        return value


# ------------------------------------------------------------------ import


def _intake(entry: _Entry) -> afnemers.Intake | None:
    kanaal = entry.value("intake", "kanaal", str)
    if kanaal is not None and kanaal not in tuple(Kanaal):
        entry.problem(f"must be one of {', '.join(Kanaal)}", "intake", "kanaal")
        kanaal = None
    values = (
        entry.value("intake", "doel", str),
        entry.value("intake", "gebruik", str),
        kanaal,
        entry.value("intake", "mutaties_nodig", bool),
    )
    if None in values:
        return None
    via = entry.value("intake", "mutaties_via", str, required=False) or afnemers.WEBDIENST
    if via not in afnemers.MUTATIES_VIA:
        entry.problem(f"must be one of {', '.join(afnemers.MUTATIES_VIA)}", "intake", "mutaties_via")
        return None
    return afnemers.Intake(
        *values[:2],
        Kanaal(values[2]),
        values[3],
        entry.value("intake", "gewenste_datum", date, required=False),
        via,
    )


def _protocol(entry: _Entry, index: int) -> afnemers.ProtocolGegevens | None:
    raw = entry.data["protocollen"][index]
    where = ("protocollen", index)
    if not isinstance(raw, dict):
        entry.problem("must be a mapping", *where)
        return None
    required = {
        "referte": str,
        "ondertekend_afnemer_op": date,
        "ondertekend_led_op": date,
        "dpo_advies_afnemer_positief": bool,
        "dpo_advies_led": str,
        "geldig_van": date,
        "hoedanigheden": list,
    }
    optional = {
        "geldig_tot": date,
        "scope_categorieen": list,
        "scope_leveranciers": list,
        "enkel_geregistreerde_personen": bool,
    }
    values: dict[str, Any] = {}
    for name, kind in (*required.items(), *optional.items()):
        value = raw.get(name)
        if value is None:
            if name in required:
                entry.problem("is required", *where, name)
            continue
        if not isinstance(value, kind) or (kind is list and not all(isinstance(v, str | int) for v in value)):
            entry.problem(f"must be a {kind.__name__}, not {value!r}", *where, name)
            continue
        values[name] = tuple(str(v) for v in value) if kind is list else value
    if any(name not in values for name in required):
        return None
    values.setdefault("enkel_geregistreerde_personen", False)
    return afnemers.ProtocolGegevens(
        **{"geldig_tot": None, "scope_categorieen": None, "scope_leveranciers": None, **values}
    )


@dataclass
class _Steps:
    """The data of every step a file entry names, read and type-checked before anything is applied."""

    intake: afnemers.Intake | None = None
    dpia: tuple[bool, str, str | None] | None = None
    protocollen: list[afnemers.ProtocolGegevens | None] | None = None
    magda: tuple[str, date] | None = None
    uit_gebruik: tuple[date, str, str | None] | None = None


def _read_steps(entry: _Entry, target: int) -> _Steps:
    """Read the sections needed to reach step ``target``; problems go to the entry."""
    steps = _Steps()
    if target >= STEPS.index(Status.INTAKE):
        steps.intake = _intake(entry)
    if target >= STEPS.index(Status.DPIA):
        vereist = entry.value("dpia", "vereist", bool)
        vooronderzoek = entry.value("dpia", "vooronderzoek", str)
        steps.dpia = (vereist, vooronderzoek, entry.value("dpia", "dpia_referte", str, required=False))
    if target >= STEPS.index(Status.PROTOCOL):
        raw = entry.data.get("protocollen")
        if not isinstance(raw, list) or not raw:
            entry.problem(
                "a list with at least one protocol is required from step 'protocol' on", "protocollen"
            )
        else:
            steps.protocollen = [_protocol(entry, index) for index in range(len(raw))]
    if target >= STEPS.index(Status.MAGDA):
        steps.magda = (entry.value("magda", "ticket", str), entry.value("magda", "aangesloten_op", date))
    if target >= STEPS.index(Status.UIT_GEBRUIK):
        steps.uit_gebruik = (
            entry.value("uit_gebruik", "op", date),
            entry.value("uit_gebruik", "reden", str),
            entry.value("uit_gebruik", "toelichting", str, required=False),
        )
    return steps


def _take_step(
    uow: UnitOfWork, afnemer: AfnemerRow, steps: _Steps, step: Status, door: str, now: datetime
) -> None:
    """Record ``step`` with the file's data (raises AffiliationError when a rule forbids it)."""
    if step is Status.INTAKE:
        afnemers.record_intake(uow, afnemer, steps.intake, door, now)
    elif step is Status.DPIA:
        afnemers.record_dpia(uow, afnemer, *steps.dpia, door, now)
    elif step is Status.PROTOCOL:
        afnemers.record_protocol(uow, afnemer, steps.protocollen[0], door, now)
    elif step is Status.MAGDA:
        afnemers.record_magda_connection(uow, afnemer, *steps.magda, door, now)
    elif step is Status.IN_GEBRUIK:
        afnemers.take_into_use(uow, afnemer, door, now)
    elif step is Status.UIT_GEBRUIK:
        afnemers.take_out_of_use(uow, afnemer, *steps.uit_gebruik, door, now)


def _same(recorded: Any, given: Any) -> bool:
    """Whether the file says what is recorded; a key the file leaves out of a section is not compared."""
    if isinstance(recorded, dict) and isinstance(given, dict):
        return set(given) <= set(recorded) and all(recorded[key] == value for key, value in given.items())
    return recorded == given


def _apply(uow: UnitOfWork, entry: _Entry, door: str, now: datetime) -> list[str]:
    data = entry.data
    identificatie, naam, status = data.get("identificatie"), data.get("naam"), data.get("status")
    for name, value in (("identificatie", identificatie), ("naam", naam), ("status", status)):
        if not isinstance(value, str) or not value.strip():
            entry.problem("is required (text)", name)
    if isinstance(status, str) and status not in tuple(Status):
        entry.problem(f"must be one of {', '.join(Status)}", "status")
    if entry.problems:
        return []
    target = STEPS.index(Status(status))
    steps = _read_steps(entry, target)
    if entry.problems:
        return []
    changes = []
    afnemer = uow.afnemers.get(identificatie)
    if afnemer is None:
        afnemer = afnemers.register(uow, identificatie, naam, door, now)
        changes.append(f"{identificatie}: registered")
    recorded = afnemer_document(afnemer)
    current = STEPS.index(Status(afnemer.status))
    if target < current:
        entry.problem(
            f"the registry is already at step '{afnemer.status}'; history is not rewritten", "status"
        )
        return changes
    for section in ("naam", "intake", "dpia", "magda"):
        if section in recorded and section in data and not _same(recorded[section], data[section]):
            entry.problem("differs from what is recorded; history is not rewritten", section)
    if entry.problems:
        return changes
    for step in STEPS[current + 1 : target + 1]:
        _take_step(uow, afnemer, steps, step, door, now)
        changes.append(f"{identificatie}: {step}")
    changes.extend(_apply_renewals(uow, afnemer, entry, steps, door, now))
    return changes


def _apply_renewals(
    uow: UnitOfWork, afnemer: AfnemerRow, entry: _Entry, steps: _Steps, door: str, now: datetime
) -> list[str]:
    """Protocols of the file the registry does not hold yet are renewals, in file order."""
    known = {protocol.referte: protocol for protocol in afnemer.protocollen}
    changes = []
    for index, protocol in enumerate(steps.protocollen or []):
        if protocol is None:
            continue
        if protocol.referte in known:
            if _protocol_document(known[protocol.referte]) != _protocol_document(protocol.as_row()):
                entry.problem(
                    "differs from the recorded protocol; history is not rewritten", "protocollen", index
                )
            continue
        afnemers.renew_protocol(uow, afnemer, protocol, door, now)
        changes.append(f"{afnemer.identificatie}: protocol {protocol.referte} renewed")
    return changes


def import_registry(uow: UnitOfWork, text: str, door: str, now: datetime) -> list[str]:
    """Apply the file to the registry in ``uow`` (not committed); returns the changes made.

    Raises :class:`RegistryError` with every problem found; the caller then
    rolls back, so that nothing is changed.
    """
    data, lines = _load(text)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("afnemers"), list):
        raise RegistryError([Problem(1, "", "the file must be a mapping with a list 'afnemers'")])
    changes: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["afnemers"]):
        entry = _Entry(raw if isinstance(raw, dict) else {}, ("afnemers", index), lines, [])
        if not isinstance(raw, dict):
            entry.problem("must be a mapping")
        elif raw.get("identificatie") in seen:
            entry.problem("appears twice in the file", "identificatie")
        else:
            seen.add(raw.get("identificatie"))
            try:
                changes.extend(_apply(uow, entry, door, now))
            except afnemers.AffiliationError as exc:
                entry.problem(str(exc), "status")
        problems.extend(entry.problems)
    if problems:
        raise RegistryError(problems)
    return changes
