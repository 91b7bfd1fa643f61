"""``led-gateway afnemer``: the affiliation of afnemers, step by step.

Each step command records one step of the process with its data; the rules
of :mod:`led_gateway.affiliation.afnemers` decide whether it may be taken.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click
import yaml

from led_gateway.affiliation import afnemers
from led_gateway.affiliation.aansluiting import Kanaal, Status
from led_gateway.affiliation.registry import RegistryError, afnemer_document, export_registry, import_registry
from led_gateway.cli.common import (
    clear_errors,
    db_option,
    door_option,
    emit_json_lines,
    emit_table,
    format_option,
    now,
    unit_of_work,
)
from led_gateway.repository.models import AfnemerRow
from led_gateway.repository.unit_of_work import UnitOfWork

DAY = click.DateTime(formats=["%Y-%m-%d"])


def _day(value) -> date | None:
    return value.date() if value is not None else None


def _record_step(db_url: str, identificatie: str, step: Callable[[UnitOfWork, AfnemerRow], None]) -> None:
    """Run one step on an existing afnemer and commit it."""
    with unit_of_work(db_url)() as uow:
        afnemer = uow.afnemers.get(identificatie)
        if afnemer is None:
            raise click.ClickException(f"afnemer {identificatie} is not registered")
        step(uow, afnemer)
        uow.commit()
        click.echo(f"{identificatie}: {afnemer.status}")


def protocol_options(command: Callable) -> Callable:
    options = [
        click.option("--referte", required=True, help="Reference of the signed protocol."),
        click.option("--ondertekend-afnemer", type=DAY, required=True, help="Date the afnemer signed."),
        click.option("--ondertekend-led", type=DAY, required=True, help="Date the LED signed."),
        click.option("--dpo-advies-afnemer", type=click.Choice(["positief", "negatief"]), required=True),
        click.option("--dpo-advies-led", required=True, help="Advice of the LED's DPO."),
        click.option("--geldig-van", type=DAY, required=True),
        click.option(
            "--geldig-tot", type=DAY, default=None, help="Last day of validity (open when left out)."
        ),
        click.option(
            "--hoedanigheid", "hoedanigheden", multiple=True, required=True, help="Repeat for several."
        ),
        click.option("--scope-categorie", "scope_categorieen", multiple=True, help="Only these categorieën."),
        click.option(
            "--scope-leverancier", "scope_leveranciers", multiple=True, help="Only these leveranciers."
        ),
        click.option(
            "--enkel-geregistreerde-personen",
            is_flag=True,
            help="Only persons the afnemer registered (RegistreerInschrijving).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _protocol(options: dict) -> afnemers.ProtocolGegevens:
    return afnemers.ProtocolGegevens(
        referte=options["referte"],
        ondertekend_afnemer_op=_day(options["ondertekend_afnemer"]),
        ondertekend_led_op=_day(options["ondertekend_led"]),
        dpo_advies_afnemer_positief=options["dpo_advies_afnemer"] == "positief",
        dpo_advies_led=options["dpo_advies_led"],
        geldig_van=_day(options["geldig_van"]),
        geldig_tot=_day(options["geldig_tot"]),
        hoedanigheden=tuple(options["hoedanigheden"]),
        scope_categorieen=tuple(options["scope_categorieen"]) or None,
        scope_leveranciers=tuple(options["scope_leveranciers"]) or None,
        enkel_geregistreerde_personen=options["enkel_geregistreerde_personen"],
    )


@click.group()
def afnemer() -> None:
    """Afnemers and their affiliation: register, record each step, renew, stop, show, list."""


@afnemer.command()
@click.argument("identificatie")
@click.option("--naam", required=True)
@db_option
@door_option
@clear_errors
def register(identificatie: str, naam: str, db_url: str, door: str) -> None:
    """Step 1, contact: register a new afnemer."""
    with unit_of_work(db_url)() as uow:
        afnemers.register(uow, identificatie, naam, door, now())
        uow.commit()
    click.echo(f"{identificatie}: {Status.CONTACT}")


@afnemer.command()
@click.argument("identificatie")
@click.option("--doel", required=True, help="Purpose of the affiliation.")
@click.option("--gebruik", required=True, help="How the LED will be used.")
@click.option("--kanaal", type=click.Choice([k.value for k in Kanaal]), required=True)
@click.option("--mutaties/--geen-mutaties", required=True, help="Whether mutations are needed.")
@click.option("--gewenste-datum", type=DAY, default=None)
@click.option(
    "--mutaties-via",
    type=click.Choice(afnemers.MUTATIES_VIA),
    default=afnemers.WEBDIENST,
    show_default=True,
    help="Pulled over the webdienst, or published as files (publiceer).",
)
@db_option
@door_option
@clear_errors
def intake(
    identificatie, doel, gebruik, kanaal, mutaties, gewenste_datum, mutaties_via, db_url, door
) -> None:
    """Step 2: the intake answers."""
    answers = afnemers.Intake(doel, gebruik, Kanaal(kanaal), mutaties, _day(gewenste_datum), mutaties_via)
    _record_step(db_url, identificatie, lambda uow, a: afnemers.record_intake(uow, a, answers, door, now()))


@afnemer.command()
@click.argument("identificatie")
@click.option("--vooronderzoek", required=True, help="Outcome of the DPIA pre-study.")
@click.option("--vereist/--niet-vereist", required=True, help="Whether a DPIA is required.")
@click.option("--dpia-referte", default=None, help="Reference of the DPIA (required when it is).")
@db_option
@door_option
@clear_errors
def dpia(identificatie, vooronderzoek, vereist, dpia_referte, db_url, door) -> None:
    """Step 3: the DPIA pre-study and, when required, the DPIA."""
    _record_step(
        db_url,
        identificatie,
        lambda uow, a: afnemers.record_dpia(uow, a, vereist, vooronderzoek, dpia_referte, door, now()),
    )


@afnemer.command()
@click.argument("identificatie")
@protocol_options
@db_option
@door_option
@clear_errors
def protocol(identificatie, db_url, door, **options) -> None:
    """Step 4: the signed protocol."""
    gegevens = _protocol(options)
    _record_step(
        db_url, identificatie, lambda uow, a: afnemers.record_protocol(uow, a, gegevens, door, now())
    )


@afnemer.command()
@click.argument("identificatie")
@click.option("--ticket", required=True, help="The MAGDA service desk ticket.")
@click.option("--op", type=DAY, required=True, help="Date of the connection.")
@db_option
@door_option
@clear_errors
def magda(identificatie, ticket, op, db_url, door) -> None:
    """Step 5: connected to the MAGDA platform."""
    _record_step(
        db_url,
        identificatie,
        lambda uow, a: afnemers.record_magda_connection(uow, a, ticket, _day(op), door, now()),
    )


@afnemer.command("in-gebruik")
@click.argument("identificatie")
@db_option
@door_option
@clear_errors
def in_gebruik(identificatie, db_url, door) -> None:
    """Step 6: in use; from now on the afnemer may consult."""
    _record_step(db_url, identificatie, lambda uow, a: afnemers.take_into_use(uow, a, door, now()))


@afnemer.command()
@click.argument("identificatie")
@click.option("--op", type=DAY, default=None, help="Date out of use (default: today).")
@click.option("--reden", type=click.Choice(afnemers.REDENEN), required=True)
@click.option("--toelichting", default=None, help="Required with --reden andere.")
@db_option
@door_option
@clear_errors
def stop(identificatie, op, reden, toelichting, db_url, door) -> None:
    """Step 7: out of use, with the reason."""
    day = _day(op) or date.today()
    _record_step(
        db_url,
        identificatie,
        lambda uow, a: afnemers.take_out_of_use(uow, a, day, reden, toelichting, door, now()),
    )


@afnemer.command()
@click.argument("identificatie")
@protocol_options
@db_option
@door_option
@clear_errors
def renew(identificatie, db_url, door, **options) -> None:
    """A renewed protocol: a new validity period, the history kept."""
    gegevens = _protocol(options)
    _record_step(db_url, identificatie, lambda uow, a: afnemers.renew_protocol(uow, a, gegevens, door, now()))


@afnemer.command("mutaties-via")
@click.argument("identificatie")
@click.argument("via", type=click.Choice(afnemers.MUTATIES_VIA))
@db_option
@door_option
@clear_errors
def mutaties_via(identificatie, via, db_url, door) -> None:
    """How the afnemer receives its mutations: webdienst (GeefMutatiesNotificaties) or bestand (publiceer)."""
    _record_step(db_url, identificatie, lambda uow, a: afnemers.set_mutaties_via(uow, a, via, door, now()))


@afnemer.command()
@click.option("--op", type=DAY, default=None, help="The day to judge by (default: today).")
@db_option
@door_option
@clear_errors
def expire(op, db_url, door) -> None:
    """Record afnemers whose protocol has ended as out of use (term expired). Safe to run from cron."""
    with unit_of_work(db_url)() as uow:
        expired = afnemers.expire(uow, _day(op) or date.today(), door, now())
        uow.commit()
    for identificatie in expired:
        click.echo(f"{identificatie}: {Status.UIT_GEBRUIK} (termijn verstreken)")
    click.echo(f"{len(expired)} afnemer(s) expired")


def _history(uow: UnitOfWork, row: AfnemerRow) -> list[dict]:
    return [
        {
            "tijdstip": t.tijdstip,
            "door": t.door,
            "van": t.van_status,
            "naar": t.naar_status,
            "gegevens": t.gegevens,
        }
        for t in uow.afnemers.history(row)
    ]


@afnemer.command()
@click.argument("identificatie")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@db_option
@clear_errors
def show(identificatie, output_format, db_url) -> None:
    """The whole record of one afnemer and its history."""
    with unit_of_work(db_url)() as uow:
        row = uow.afnemers.get(identificatie)
        if row is None:
            raise click.ClickException(f"afnemer {identificatie} is not registered")
        record = {**afnemer_document(row), "geschiedenis": _history(uow, row)}
    if output_format == "json":
        click.echo(json.dumps(record, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), nl=False)


@afnemer.command("list")
@click.option("--status", type=click.Choice([s.value for s in Status]), default=None)
@format_option
@db_option
@clear_errors
def list_afnemers(status, output_format, db_url) -> None:
    """Afnemers, optionally in one status: a table, or JSON with one object per line."""
    with unit_of_work(db_url)() as uow:
        rows = []
        for row in uow.afnemers.in_status(Status(status) if status else None):
            protocol = row.protocollen[-1] if row.protocollen else None
            rows.append(
                {
                    "identificatie": row.identificatie,
                    "naam": row.naam,
                    "status": row.status,
                    "kanaal": row.kanaal,
                    "mutaties": row.mutaties_nodig,
                    "protocol": protocol.referte if protocol else None,
                    "geldig_tot": protocol.geldig_tot if protocol else None,
                    "hoedanigheden": ",".join(protocol.hoedanigheden or []) if protocol else None,
                }
            )
    if output_format == "json":
        emit_json_lines(rows)
    else:
        emit_table(
            rows, ["identificatie", "status", "kanaal", "mutaties", "protocol", "geldig_tot", "hoedanigheden"]
        )


@afnemer.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Default: stdout.")
@db_option
@clear_errors
def export_command(out, db_url) -> None:
    """Write the registry as a YAML file."""
    with unit_of_work(db_url)() as uow:
        text = export_registry(uow)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


@afnemer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report, change nothing.")
@db_option
@door_option
@clear_errors
def import_command(file, dry_run, db_url, door) -> None:
    """Bring the registry to what FILE says, or change nothing and list every problem."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file}: not a UTF-8 text file") from None
    with unit_of_work(db_url)() as uow:
        try:
            changes = import_registry(uow, text, door, now())
        except RegistryError as refused:
            for problem in refused.problems:
                click.echo(f"{file}: {problem}", err=True)
            raise click.ClickException(
                f"{file}: {len(refused.problems)} problem(s); nothing was changed"
            ) from None
        if not dry_run:
            uow.commit()
    for change in changes:
        click.echo(change)
    verb = "would change" if dry_run else "changed"
    click.echo(f"{file}: {verb} {len(changes)} step(s)")
