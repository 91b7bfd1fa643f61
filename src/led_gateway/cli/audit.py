"""``led-gateway audit``: who consulted what, for the LED team and for citizens' questions."""

from __future__ import annotations

from datetime import datetime

import click

from led_gateway.audit import trail
from led_gateway.audit.sleutel import AuditKeyError, InszProtector
from led_gateway.cli.common import (
    clear_errors,
    db_option,
    emit_json_lines,
    emit_table,
    format_option,
    unit_of_work,
)
from led_gateway.domain.insz import is_valid_structure
from led_gateway.repository.models import ROL_ANTWOORD, ROL_VRAAG

DAY = click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"])


@click.group()
def audit() -> None:
    """The audit trail of every call (answered, refused, faulted)."""


def _protector() -> InszProtector:
    try:
        return InszProtector()
    except AuditKeyError as exc:
        raise click.ClickException(str(exc)) from None


@audit.command("list")
@click.option("--insz", default=None, help="Only calls about this person (asked or answered).")
@click.option("--afnemer", default=None, help="Only calls by this Afzender/Identificatie.")
@click.option("--since", type=DAY, default=None, help="Only calls received from this day (or moment) on.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@format_option
@db_option
@clear_errors
def list_calls(insz, afnemer, since, limit, output_format, db_url) -> None:
    """Calls in the order received: a table, or JSON with one object per line."""
    if insz is not None and not is_valid_structure(insz):
        raise click.ClickException(f"{insz} is not a valid INSZ")
    protector = _protector()
    with unit_of_work(db_url)() as uow:
        calls = uow.audit.search(protector.hash(insz) if insz else None, afnemer, since, limit=limit)
        subjects = uow.audit.subjects([call.id for call in calls])
        rows = [_row(call, subjects[call.id], protector) for call in calls]
    if output_format == "json":
        emit_json_lines(rows)
    else:
        emit_table(
            rows,
            [
                "ontvangen_op",
                "dienst",
                "afzender",
                "hoedanigheid",
                "uitkomst",
                "codes",
                "gevraagd",
                "duur_ms",
            ],
        )


def _row(call, subjects, protector: InszProtector) -> dict:
    def persons(rol: str) -> list[str]:
        return [protector.decrypt(s.insz_versleuteld) for s in subjects if rol in s.rollen]

    return {
        "ontvangen_op": call.ontvangen_op,
        "beantwoord_op": call.beantwoord_op,
        "dienst": call.dienst,
        "versie": call.versie,
        "afzender": call.afzender,
        "hoedanigheid": call.hoedanigheid,
        "afzender_referte": call.afzender_referte,
        "vraag_referte": call.vraag_referte,
        "antwoord_referte": call.antwoord_referte,
        "uitkomst": call.uitkomst,
        "codes": call.codes.split(",") if call.codes else [],
        "gevraagd": persons(ROL_VRAAG),
        "geantwoord": persons(ROL_ANTWOORD),
        "detail": call.detail,
        "duur_ms": call.duur_ms,
    }


@audit.command()
@click.option("--before", type=DAY, required=True, help="Delete calls received before this day.")
@click.option("--door", default=None, help="Who purges (kept in the trail).")
@db_option
@clear_errors
def purge(before: datetime, door: str | None, db_url: str) -> None:
    """Retention: delete the calls received before a day. The purge itself is kept in the trail."""
    protector = _protector()
    with unit_of_work(db_url)() as uow:
        deleted = uow.audit.purge(before)
        record = trail.CallRecord(
            dienst="audit purge",
            afzender=door or "led-gateway audit purge",
            uitkomst=trail.BEANTWOORD,
            detail=f"{deleted} oproepen van voor {before:%Y-%m-%d} verwijderd",
        )
        trail.store(uow.driver, [record], protector, datetime.now())
        uow.commit()
    click.echo(f"deleted {deleted} call(s) received before {before:%Y-%m-%d}")
