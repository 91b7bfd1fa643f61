"""Loading the demo data set: afnemers, the demo leverancier and synthetic persons.

The afnemers go through the same affiliation steps an operator records, so
each stands where its name says. Persons come from the deterministic
generator and are written in batches, with a progress bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tqdm import tqdm

from led_gateway.affiliation import afnemers
from led_gateway.affiliation.aansluiting import Kanaal
from led_gateway.demo.catalogue import LEVERANCIER_NAMEN
from led_gateway.demo.generator import generate_persons
from led_gateway.repository.models import LeverancierRow
from led_gateway.repository.unit_of_work import UnitOfWork

DEMO = "demo.vlaanderen.be"
LEVERANCIER = f"{DEMO}/leverancier"
HOEDANIGHEID = "1300"
OPERATOR = "led-gateway demo load"
BATCH_PERSONS = 2_000


class DemoDataError(RuntimeError):
    """The demo data cannot be loaded into this database."""


@dataclass(frozen=True)
class DemoAfnemer:
    suffix: str
    naam: str
    kanaal: Kanaal
    mutaties_nodig: bool
    #: The last step it reaches: "protocol", "in-gebruik" or "uit-gebruik".
    tot_stap: str
    protocol_verlopen: bool = False

    @property
    def identificatie(self) -> str:
        return f"{DEMO}/{self.suffix}"


DEMO_AFNEMERS = (
    DemoAfnemer("afnemer-actief", "Demo afnemer in gebruik", Kanaal.WEBDIENST, True, "in-gebruik"),
    DemoAfnemer(
        "afnemer-zonder-mutaties", "Demo afnemer zonder mutaties", Kanaal.WEBDIENST, False, "in-gebruik"
    ),
    DemoAfnemer(
        "afnemer-verlopen",
        "Demo afnemer met verlopen protocol",
        Kanaal.WEBDIENST,
        True,
        "in-gebruik",
        protocol_verlopen=True,
    ),
    DemoAfnemer("afnemer-uit-gebruik", "Demo afnemer uit gebruik", Kanaal.WEBDIENST, True, "uit-gebruik"),
    DemoAfnemer(
        "afnemer-webtoepassing", "Demo afnemer via webtoepassing", Kanaal.WEBTOEPASSING, False, "in-gebruik"
    ),
    DemoAfnemer("afnemer-in-aansluiting", "Demo afnemer in aansluiting", Kanaal.WEBDIENST, True, "protocol"),
)


def _protocol(demo: DemoAfnemer, today: date) -> afnemers.ProtocolGegevens:
    start = today - timedelta(days=400)
    return afnemers.ProtocolGegevens(
        referte=f"LED-PROT-{demo.suffix}",
        ondertekend_afnemer_op=start - timedelta(days=20),
        ondertekend_led_op=start - timedelta(days=10),
        dpo_advies_afnemer_positief=True,
        dpo_advies_led="positief",
        geldig_van=start,
        geldig_tot=today - timedelta(days=1) if demo.protocol_verlopen else today + timedelta(days=3 * 365),
        hoedanigheden=(HOEDANIGHEID,),
    )


def _load_afnemer(uow: UnitOfWork, demo: DemoAfnemer, today: date, now: datetime) -> None:
    afnemer = afnemers.register(uow, demo.identificatie, demo.naam, OPERATOR, now)
    intake = afnemers.Intake(
        "Demonstratie van de LED-gateway",
        "Raadplegen van bewijzen in een dossier",
        demo.kanaal,
        demo.mutaties_nodig,
        today - timedelta(days=500),
    )
    afnemers.record_intake(uow, afnemer, intake, OPERATOR, now)
    afnemers.record_dpia(
        uow, afnemer, False, "Geen hoog risico: een DPIA is niet vereist", None, OPERATOR, now
    )
    afnemers.record_protocol(uow, afnemer, _protocol(demo, today), OPERATOR, now)
    if demo.tot_stap == "protocol":
        return
    afnemers.record_magda_connection(
        uow, afnemer, f"MAGDA-{demo.suffix}", today - timedelta(days=390), OPERATOR, now
    )
    afnemers.take_into_use(uow, afnemer, OPERATOR, now)
    if demo.tot_stap == "uit-gebruik":
        afnemers.take_out_of_use(
            uow,
            afnemer,
            today - timedelta(days=30),
            "doel-niet-meer-relevant",
            "Demonstratie van een stopgezette aansluiting",
            OPERATOR,
            now,
        )


def load_registry(uow: UnitOfWork, today: date, now: datetime) -> int:
    """The demo afnemers and leverancier that are not there yet; returns how many were added."""
    added = 0
    for demo in DEMO_AFNEMERS:
        if uow.afnemers.get(demo.identificatie) is None:
            _load_afnemer(uow, demo, today, now)
            added += 1
    if uow.leveranciers.get(LEVERANCIER) is None:
        uow.leveranciers.add(
            LeverancierRow(
                identificatie=LEVERANCIER,
                naam="Demo leverancier",
                status="actief",
                leverancier_namen=list(LEVERANCIER_NAMEN),
            )
        )
        added += 1
    return added


def load_demo(
    unit_of_work: Callable[[], UnitOfWork],
    persons: int,
    seed: int,
    today: date | None = None,
    progress: bool = True,
) -> int:
    """Load the registry and ``persons`` synthetic persons; returns the number of bewijzen."""
    today = today or date.today()
    now = datetime.now()
    with unit_of_work() as uow:
        existing = uow.bewijzen.count()
        if existing:
            raise DemoDataError(
                f"the database already holds {existing} bewijzen: load demo data into a new one"
            )
        load_registry(uow, today, now)
        uow.commit()
    loaded = 0
    batch = []
    with tqdm(total=persons, unit="persons", disable=not progress, desc="demo persons") as bar:
        for person in generate_persons(persons, seed=seed, today=today):
            batch.extend(person.bewijzen)
            bar.update()
            if bar.n % BATCH_PERSONS == 0:
                loaded += _store(unit_of_work, batch)
                batch = []
        loaded += _store(unit_of_work, batch)
    return loaded


def _store(unit_of_work: Callable[[], UnitOfWork], bewijzen: list) -> int:
    with unit_of_work() as uow:
        count = len(uow.bewijzen.add_all(bewijzen))
        uow.commit()
    return count
