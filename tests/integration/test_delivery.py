"""The delivery guarantees of mutations, shown against real server processes over HTTP.

Sources register bewijzen (RegistreerBewijs), afnemers subscribe (RegistreerInschrijving) and pull
their notifications (GeefMutatiesNotificaties). Each test shows one guarantee: every mutation
arrives, in commit order, and a lost reply is sent again; nothing is lost when the server is killed
in the middle of registrations and pulls; a refused registration or an ended subscription notifies
nobody; two afnemers each get their own; an afnemer without declared mutations gets nothing.

The module has a demo database of its own (per backend), since it changes bewijzen and feeds that
other modules read; the crash test makes yet another one for itself.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from lxml import etree

from led_gateway.domain.insz import is_valid_structure
from tests.conftest import (
    BACKENDS,
    Server,
    fresh_postgres_database,
    new_demo_database,
    reference_schema,
    run_cli,
)
from tests.requests import (
    ACTIEF,
    GEEF_BEWIJS,
    GEEF_MUTATIES,
    REGISTREER_BEWIJS,
    REGISTREER_INSCHRIJVING,
    REGISTREER_UITSCHRIJVING,
    ZONDER_MUTATIES,
    Notificatie,
    Operation,
    bewijsrefertes,
    body_of,
    codes,
    geef_bewijs,
    geef_mutaties,
    inhoud,
    inschrijving,
    melding,
    notificaties,
    ontvangstreferte,
    registreer_bewijs,
    resultaat,
    schema_errors,
    uitschrijving,
)

#: The demo afnemer whose protocol ended yesterday; renewed here, it is a second subscriber.
VERLOPEN = "demo.vlaanderen.be/afnemer-verlopen"
#: A second source, delivering for Hoger onderwijs only.
HOGER_ONDERWIJS = "test.example.be/hogeschool"
HEADERS = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}
BATCH = 100


class Client:
    """Calls one server over a kept-alive connection; every reply is checked against MAGDA's schema."""

    def __init__(self, base: str, reference: Path | None) -> None:
        self.http = httpx.Client(base_url=base, headers=HEADERS, timeout=30)
        self.reference = reference

    def post(self, operation: Operation, payload: bytes) -> bytes:
        response = self.http.post(operation.endpoint, content=payload)
        assert response.status_code == 200, response.text[:500]
        return response.content

    def call(self, operation: Operation, payload: bytes) -> etree._Element:
        body = body_of(self.post(operation, payload))
        self.check(operation, body)
        return body

    def check(self, operation: Operation, body: etree._Element) -> None:
        if self.reference is None:
            return
        schema = reference_schema(self.reference, operation.folder, f"{operation.name}Response.xsd")
        errors = schema_errors(schema, body)
        assert not errors, f"{operation.name} reply not valid against MAGDA's schema: {errors[0]}"

    def close(self) -> None:
        self.http.close()


@dataclass
class Feed:
    """What one afnemer received through GeefMutatiesNotificaties, resends included.

    ``batches`` lists every batch reply in the order received; ``bevestigd`` the batches whose
    acknowledgement a reply confirmed. ``onzeker`` is set when a call carrying an acknowledgement
    got no reply: whether it was taken is then unknown, and a 30014 on retrying it is expected.
    A ``vergeetachtig`` client does not retry the acknowledgement but asks again without it, as a
    client that lost its state would: it may get the unacknowledged batch again.
    """

    afnemer: str
    vergeetachtig: bool = False
    batches: list[tuple[str, list[Notificatie]]] = field(default_factory=list)
    bevestigd: set[str] = field(default_factory=set)
    #: Batches whose acknowledgement was cut off: taken or not, the server knows.
    afgebroken: set[str] = field(default_factory=set)
    referte: str | None = None
    onzeker: bool = False
    transport_errors: int = 0
    #: Replies not checked against the schema when received (by a thread), to check later.
    unchecked: list[etree._Element] = field(default_factory=list)

    def pull(self, client: Client, check: bool = True) -> bool:
        """One call, acknowledging the last batch received; False once nothing is waiting (30016)."""
        payload = geef_mutaties(self.referte, self.afnemer)
        try:
            raw = client.post(GEEF_MUTATIES, payload)
        except httpx.TransportError:
            self.transport_errors += 1
            if self.referte is not None:
                self.afgebroken.add(self.referte)
            if self.vergeetachtig:
                self.referte = None
            self.onzeker = self.referte is not None
            raise
        body = body_of(raw)
        if check:
            client.check(GEEF_MUTATIES, body)
        else:
            self.unchecked.append(body)
        found = codes(body, "Antwoord")
        assert codes(body, "Repliek") == [], etree.tostring(body)[:800]
        if found == ["30014"]:
            # only after a lost reply to an acknowledgement: the server took it, the batch is done
            assert self.onzeker, f"30014 for the latest batch {self.referte}"
            self.bevestigd.add(self.referte)
            self.referte, self.onzeker = None, False
            return True
        self.onzeker = False
        if self.referte is not None:
            self.bevestigd.add(self.referte)
        if found == ["30016"]:
            self.referte = None
            return False
        assert found == [], found
        referte = ontvangstreferte(body)
        assert referte not in self.bevestigd, f"batch {referte} sent again after it was acknowledged"
        received = notificaties(body)
        assert 0 < len(received) <= BATCH
        self.batches.append((referte, received))
        self.referte = referte
        return True

    def drain(self, client: Client) -> list[Notificatie]:
        """Pull until nothing is waiting; the notifications of the batches new to this feed, in order.

        A batch sent again is left out; a notification sent twice in other batches is not.
        """
        seen = {referte for referte, _ in self.batches}
        start = len(self.batches)
        while self.pull(client):
            pass
        fresh = []
        for referte, batch in self.batches[start:]:
            if referte not in seen:
                seen.add(referte)
                fresh.extend(batch)
        return fresh

    def distinct(self) -> list[Notificatie]:
        """Every notification once, in the order first received."""
        seen: dict[str, Notificatie] = {}
        for _, batch in self.batches:
            for notificatie in batch:
                seen.setdefault(notificatie.referte, notificatie)
        return list(seen.values())

    def assert_duplicates_only_from_unacknowledged_batches(self) -> int:
        """Each notification is in one batch only; a batch sent again is sent identically. Returns resends."""
        contents: dict[str, list[Notificatie]] = {}
        batch_of: dict[str, str] = {}
        resends = 0
        for referte, batch in self.batches:
            if referte in contents:
                assert contents[referte] == batch, f"batch {referte} sent again with other content"
                resends += 1
                continue
            contents[referte] = batch
            assert len({n.referte for n in batch}) == len(batch), f"a notification twice in batch {referte}"
            for notificatie in batch:
                assert batch_of.setdefault(notificatie.referte, referte) == referte, (
                    f"notification {notificatie.referte} in two batches"
                )
        return resends


def renew(db_url: str, identificatie: str) -> None:
    """A renewed protocol from yesterday on, open-ended, for hoedanigheid 1300."""
    day = (date.today() - timedelta(days=1)).isoformat()
    run_cli(
        "afnemer", "renew", identificatie, "--referte", f"P-{uuid.uuid4().hex[:8]}",
        "--ondertekend-afnemer", day, "--ondertekend-led", day, "--dpo-advies-afnemer", "positief",
        "--dpo-advies-led", "positief", "--geldig-van", day, "--hoedanigheid", "1300", "--db", db_url,
    )  # fmt: skip


def new_database(backend: str, directory: Path, persons: int) -> str:
    url = fresh_postgres_database() if backend == "postgresql" else None
    db_url = new_demo_database(directory, url, persons=persons)
    renew(db_url, VERLOPEN)
    return db_url


def subscribe(client: Client, afnemer: str, persons: list[str]) -> None:
    for insz in persons:
        body = client.call(REGISTREER_INSCHRIJVING, inschrijving(insz, afnemer))
        assert resultaat(body) == "1", etree.tostring(body)[:800]


def register(client: Client, insz: str, referte: str, **kwargs) -> etree._Element:
    return client.call(REGISTREER_BEWIJS, registreer_bewijs(insz, referte, **kwargs))


def stored(client: Client, insz: str, prefix: str) -> set[str]:
    """The Leverancier/Bewijsreferte values starting with ``prefix`` that GeefBewijs shows for ``insz``."""
    body = client.call(GEEF_BEWIJS, geef_bewijs(insz))
    return {referte for referte in bewijsrefertes(body) if referte.startswith(prefix)}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class Gateway:
    server: Server
    client: Client
    db_url: str
    persons: itertools.count
    _pool: list[str]

    def take(self, count: int) -> list[str]:
        """Persons no other test of the module uses."""
        return [self._pool[next(self.persons)] for _ in range(count)]

    def drain(self, afnemer: str = ACTIEF) -> list[Notificatie]:
        return Feed(afnemer).drain(self.client)


@pytest.fixture(scope="module", params=BACKENDS)
def gateway(request, tmp_path_factory, reference):
    directory = tmp_path_factory.mktemp("delivery")
    db_url = new_database(request.param, directory, persons=40)
    run_cli(
        "leverancier", "register", HOGER_ONDERWIJS, "--naam", "Testhogeschool",
        "--leverancier-naam", "Hoger onderwijs", "--db", db_url,
    )  # fmt: skip
    pool = run_cli("demo", "persons", "--db", db_url, "--limit", "40").stdout.split()
    server = Server(db_url, directory / "server.log")
    client = Client(server.base, reference)
    yield Gateway(server, client, db_url, itertools.count(), pool)
    client.close()
    server.stop()


def test_every_mutation_arrives_in_commit_order_and_a_lost_reply_is_resent(gateway):
    client, persons = gateway.client, gateway.take(10)
    gateway.drain()
    subscribe(client, ACTIEF, persons)
    registered = []
    for number in range(250):
        insz = persons[number * 7 % len(persons)]
        assert melding(register(client, insz, unique("volgorde"))) == "OK"
        registered.append(insz)

    first = client.call(GEEF_MUTATIES, geef_mutaties())
    again = client.call(GEEF_MUTATIES, geef_mutaties())  # the first reply was lost: nothing acknowledged
    assert etree.tostring(inhoud(again), method="c14n") == etree.tostring(inhoud(first), method="c14n")
    assert len(notificaties(first)) == BATCH

    feed = Feed(
        ACTIEF, batches=[(ontvangstreferte(first), notificaties(first))], referte=ontvangstreferte(first)
    )
    received = feed.drain(client)
    notified = notificaties(first) + received
    assert [n.insz for n in notified] == registered  # each one once, in the order committed
    assert len({n.referte for n in notified}) == len(registered)
    assert {n.type for n in notified} == {"01"}
    assert [n.datum for n in notified] == sorted(n.datum for n in notified)
    assert [len(batch) for _, batch in feed.batches] == [100, 100, 50]

    old = feed.batches[0][0]
    assert codes(client.call(GEEF_MUTATIES, geef_mutaties(old)), "Antwoord") == ["30014"]
    assert codes(client.call(GEEF_MUTATIES, geef_mutaties(str(uuid.uuid4()))), "Antwoord") == ["30014"]
    assert codes(client.call(GEEF_MUTATIES, geef_mutaties()), "Antwoord") == ["30016"]


class Burst:
    """Client threads posting RegistreerBewijs, each recording what came back, until told or cut off."""

    def __init__(self, base: str, persons: list[str], threads: int, prefix: str) -> None:
        self.base, self.persons, self.prefix = base, persons, prefix
        self.ok: dict[str, str] = {}  # Bewijsreferte → INSZ, for every "OK" reply
        self.unknown: dict[str, str] = {}  # sent, but the connection failed before a reply
        self.replies: list[bytes] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(threads)]

    def start(self) -> Burst:
        for thread in self._threads:
            thread.start()
        return self

    def join(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(60)

    def _run(self, number: int) -> None:
        with httpx.Client(base_url=self.base, headers=HEADERS, timeout=30) as http:
            for count in itertools.count():
                if self.stop.is_set():
                    return
                referte = f"{self.prefix}-{number}-{count}"
                insz = self.persons[(number + count) % len(self.persons)]
                try:
                    response = http.post(REGISTREER_BEWIJS.endpoint, content=registreer_bewijs(insz, referte))
                except httpx.TransportError:
                    with self._lock:
                        self.unknown[referte] = insz
                    return
                with self._lock:
                    self.replies.append(response.content)
                    if response.status_code == 200 and melding(body_of(response.content)) == "OK":
                        self.ok[referte] = insz


def pull_until(feed: Feed, base: str, stop: threading.Event) -> None:
    """Pull continuously (acknowledging each batch) until told to stop or cut off."""
    client = Client(base, None)
    try:
        while not stop.is_set():
            if not feed.pull(client, check=False):
                time.sleep(0.01)
    except httpx.TransportError:
        pass
    finally:
        client.close()


def kill(server: Server) -> None:
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait(15)
    server.stop = lambda: None  # nothing left to stop


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@pytest.mark.parametrize("backend", BACKENDS)
def test_nothing_is_lost_when_the_server_is_killed_during_registrations_and_pulls(
    backend, tmp_path, reference, capsys
):
    started = time.monotonic()
    db_url = new_database(backend, tmp_path, persons=20)
    persons = run_cli("demo", "persons", "--db", db_url, "--limit", "16").stdout.split()
    afnemers = (ACTIEF, VERLOPEN)
    servers = [Server(db_url, tmp_path / "server-1.log")]
    try:
        setup = Client(servers[0].base, reference)
        for afnemer in afnemers:
            subscribe(setup, afnemer, persons)
        setup.close()

        # 1. SIGKILL in the middle of a burst of registrations
        first = Burst(servers[0].base, persons, threads=4, prefix="crash-a").start()
        wait_for(lambda: len(first.ok) >= 200)
        kill(servers[0])
        first.join()

        # 2. restarted on the same database; SIGKILL while afnemers pull and sources register
        servers.append(Server(db_url, tmp_path / "server-2.log"))
        base = servers[1].base
        feeds = [Feed(ACTIEF), Feed(VERLOPEN, vergeetachtig=True)]
        stop = threading.Event()
        pullers = [
            threading.Thread(target=pull_until, args=(feed, base, stop), daemon=True) for feed in feeds
        ]
        second = Burst(base, persons, threads=3, prefix="crash-b").start()
        for puller in pullers:
            puller.start()
        wait_for(lambda: len(second.ok) >= 150 and all(len(feed.batches) >= 4 for feed in feeds))
        kill(servers[1])
        stop.set()
        second.join()
        for puller in pullers:
            puller.join(60)

        # 3. restarted again: drain every feed and compare with what the sources were told
        servers.append(Server(db_url, tmp_path / "server-3.log"))
        client = Client(servers[2].base, reference)
        for feed in feeds:
            feed.drain(client)
        kept = {insz: stored(client, insz, "crash-") for insz in persons}
        for raw in first.replies + second.replies:
            client.check(REGISTREER_BEWIJS, body_of(raw))
        for feed in feeds:
            for body in feed.unchecked:
                client.check(GEEF_MUTATIES, body)
    finally:
        for server in servers:
            server.stop()

    ok = first.ok | second.ok
    unknown = first.unknown | second.unknown
    everything = set().union(*kept.values())
    assert set(ok) <= everything, "a registration answered OK is missing"
    assert everything <= set(ok) | set(unknown), "a registration stored that was not sent"
    assert len(first.replies) + len(second.replies) == len(ok), "a registration was refused"
    expected = Counter({insz: len(refertes) for insz, refertes in kept.items() if refertes})
    resends = []
    for feed in feeds:
        resends.append(feed.assert_duplicates_only_from_unacknowledged_batches())
        notified = feed.distinct()
        assert {n.type for n in notified} == {"01"}
        assert Counter(n.insz for n in notified) == expected, feed.afnemer
        assert feed.referte is None and {r for r, _ in feed.batches} <= feed.bevestigd | feed.afgebroken
    assert {n.referte for n in feeds[0].distinct()} == {n.referte for n in feeds[1].distinct()}

    with capsys.disabled():
        print(
            f"\n[{backend}] crash test: {time.monotonic() - started:.1f} s; {len(everything)} registrations "
            f"stored ({len(ok)} answered OK, {len(everything) - len(ok)} stored without a reply, "
            f"{len(unknown) - (len(everything) - len(ok))} cut off before storing); per afnemer "
            f"{len(feeds[0].distinct())} notifications in {[len({r for r, _ in f.batches}) for f in feeds]} "
            f"batches, resent batches {resends}, pulls cut off {[f.transport_errors for f in feeds]}"
        )


def test_a_refused_registration_notifies_nobody(gateway):
    client = gateway.client
    insz, other = gateway.take(2)
    gateway.drain()
    subscribe(client, ACTIEF, [insz, other])
    referte = unique("geweigerd")
    assert melding(register(client, insz, referte)) == "OK"

    twice = register(client, insz, referte)
    assert (melding(twice), codes(twice, "Antwoord")) == (None, ["30005"])
    same_name = register(client, other, referte, afzender=HOGER_ONDERWIJS)
    assert codes(same_name, "Antwoord") == ["30005"]
    other_name = register(
        client, insz, unique("geweigerd"), naam="Secundair onderwijs", afzender=HOGER_ONDERWIJS
    )
    assert codes(other_name, "Repliek") == ["40006"] and other_name.find("Repliek/Antwoorden") is None
    unknown = register(client, insz, unique("geweigerd"), afzender="onbekend.example.be/bron")
    assert codes(unknown, "Repliek") == ["40006"]
    candidates = (insz[:-1] + str((int(insz[-1]) + step) % 10) for step in range(1, 10))
    bad_insz = next(c for c in candidates if not is_valid_structure(c))
    assert codes(register(client, bad_insz, unique("geweigerd")), "Antwoord") == ["20002"]

    # the same new registration sent by eight clients at once: one is stored, the others rolled back
    racing, barrier = unique("race"), threading.Barrier(8)
    replies: list[bytes] = []

    def send() -> None:
        with httpx.Client(base_url=gateway.server.base, headers=HEADERS, timeout=30) as http:
            barrier.wait()
            replies.append(
                http.post(REGISTREER_BEWIJS.endpoint, content=registreer_bewijs(other, racing)).content
            )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    bodies = [body_of(raw) for raw in replies]
    for body in bodies:
        client.check(REGISTREER_BEWIJS, body)
    assert sorted(melding(b) or codes(b, "Antwoord")[0] for b in bodies) == ["30005"] * 7 + ["OK"]

    assert [n.insz for n in gateway.drain()] == [insz, other]
    assert stored(client, insz, "geweigerd") == {referte}
    assert stored(client, other, "race") == {racing} and stored(client, other, "geweigerd") == set()


def test_no_notification_after_unsubscribing(gateway):
    client = gateway.client
    insz, still = gateway.take(2)
    gateway.drain()
    subscribe(client, ACTIEF, [insz, still])
    assert melding(register(client, insz, unique("uit"))) == "OK"
    assert resultaat(client.call(REGISTREER_UITSCHRIJVING, uitschrijving(insz))) == "1"
    assert melding(register(client, insz, unique("uit"))) == "OK"
    assert melding(register(client, still, unique("uit"))) == "OK"
    assert [n.insz for n in gateway.drain()] == [insz, still]

    again = client.call(REGISTREER_UITSCHRIJVING, uitschrijving(insz))
    assert (resultaat(again), codes(again, "Antwoord")) == ("0", ["40000"])
    assert melding(register(client, insz, unique("uit"))) == "OK"
    assert gateway.drain() == []
    assert len(stored(client, insz, "uit")) == 3


def test_an_earlier_periode_does_not_make_a_second_subscription(gateway):
    client = gateway.client
    (insz,) = gateway.take(1)
    gateway.drain()
    subscribe(client, ACTIEF, [insz])
    earlier = client.call(
        REGISTREER_INSCHRIJVING, inschrijving(insz, begin=date.today() - timedelta(days=30))
    )
    assert resultaat(earlier) == "1"
    assert melding(register(client, insz, unique("overlap"))) == "OK"
    notified = gateway.drain()
    assert len(notified) == len({n.referte for n in notified}) == 1


def test_unsubscribing_ends_every_subscription_on_the_person(gateway):
    client = gateway.client
    (insz,) = gateway.take(1)
    gateway.drain()
    subscribe(client, ACTIEF, [insz])
    client.call(REGISTREER_INSCHRIJVING, inschrijving(insz, begin=date.today() - timedelta(days=30)))
    assert resultaat(client.call(REGISTREER_UITSCHRIJVING, uitschrijving(insz))) == "1"
    assert melding(register(client, insz, unique("overlap"))) == "OK"
    assert gateway.drain() == []


def test_two_afnemers_each_get_their_own_notifications(gateway):
    client = gateway.client
    shared, own = gateway.take(2)
    for afnemer in (ACTIEF, VERLOPEN):
        gateway.drain(afnemer)
    subscribe(client, ACTIEF, [shared, own])
    subscribe(client, VERLOPEN, [shared])
    for insz in (shared, own, shared):
        assert melding(register(client, insz, unique("twee"))) == "OK"

    actief = Feed(ACTIEF)
    assert [n.insz for n in actief.drain(client)] == [shared, own, shared]
    verlopen = client.call(GEEF_MUTATIES, geef_mutaties(afzender=VERLOPEN))  # not acknowledged
    received = notificaties(verlopen)
    assert [n.insz for n in received] == [shared, shared]
    assert {n.referte for n in received} < {n.referte for n in actief.distinct()}  # the same mutations
    assert ontvangstreferte(verlopen) not in {r for r, _ in actief.batches}
    # what one afnemer acknowledged is still waiting for the other, and its referte is not the other's
    refused = client.call(GEEF_MUTATIES, geef_mutaties(actief.batches[-1][0], afzender=VERLOPEN))
    assert codes(refused, "Antwoord") == ["30014"]
    resent = client.call(GEEF_MUTATIES, geef_mutaties(afzender=VERLOPEN))
    assert etree.tostring(inhoud(resent), method="c14n") == etree.tostring(inhoud(verlopen), method="c14n")

    assert melding(register(client, shared, unique("twee"))) == "OK"
    assert [n.insz for n in actief.drain(client)] == [shared]
    late = Feed(
        VERLOPEN, batches=[(ontvangstreferte(verlopen), received)], referte=ontvangstreferte(verlopen)
    )
    assert [n.insz for n in late.drain(client)] == [shared]
    assert gateway.drain(ACTIEF) == [] and gateway.drain(VERLOPEN) == []


def test_an_afnemer_without_declared_mutations_can_neither_subscribe_nor_pull(gateway):
    client = gateway.client
    (insz,) = gateway.take(1)
    for operation, payload in (
        (REGISTREER_INSCHRIJVING, inschrijving(insz, ZONDER_MUTATIES)),
        (GEEF_MUTATIES, geef_mutaties(afzender=ZONDER_MUTATIES)),
        (REGISTREER_UITSCHRIJVING, uitschrijving(insz, ZONDER_MUTATIES)),
    ):
        body = client.call(operation, payload)
        assert codes(body, "Repliek") == ["40006"], operation.name
        assert body.find("Repliek/Antwoorden") is None
        assert "mutaties" in body.findtext("Repliek/Uitzonderingen/Uitzondering/Diagnose").lower()
    gateway.drain()
    assert melding(register(client, insz, unique("zonder"))) == "OK"
    assert gateway.drain() == []  # the refused subscription was not stored, not even for another afnemer
