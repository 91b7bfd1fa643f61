"""Initial loads from a source: a file of Bewijsregistratie records, registered in batches.

The file is XML. Its root element is ``Bewijsregistraties`` in RegistreerBewijs's namespace;
its children are unqualified ``Bewijsregistratie`` elements exactly as in the ``Vraag/Inhoud``
of a RegistreerBewijs request (Leverancier, PersoonUitgereikt, Bewijs, optional Bron)::

    <?xml version="1.0" encoding="UTF-8"?>
    <rb:Bewijsregistraties xmlns:rb="http://registreerbewijs.bewijsregistratiedienst.led.vlaanderen.be">
      <Bewijsregistratie>
        <Leverancier><Naam>Hoger onderwijs</Naam><Bewijsreferte>DHO-1</Bewijsreferte></Leverancier>
        <PersoonUitgereikt><INSZ>...</INSZ></PersoonUitgereikt>
        <Bewijs>...</Bewijs>
      </Bewijsregistratie>
      ...
    </rb:Bewijsregistraties>

The root needs a prefix: a default namespace (``xmlns="..."``) would put the records in it too.

The file is read twice, streaming, with the hardening of :mod:`led_gateway.wire.parsing`:
first to check that it is well-formed XML with that root (otherwise nothing is written at
all), then to register. Each record is checked against the XSD type of a Bewijsregistratie
in RegistreerBewijs.xsd and its Leverancier/Naam against the leverancier that delivers it; a
refused record is reported with its line and left out of its batch. The batch's other records
are then registered together by :mod:`led_gateway.services.registratie`, the code of the SOAP
service, so each mutation and its notifications are stored in the same transaction. A record
whose Leverancier/Naam and Bewijsreferte are already registered counts as already present:
running the same file again changes nothing. Records are read (parsed, checked against the XSD,
turned into bewijzen) in a second process, a few batches ahead of the one that registers them.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple, TypeVar

from lxml import etree
from sqlalchemy.exc import IntegrityError
from tqdm import tqdm

from led_gateway.affiliation.policy import FOUT_IN_AUTORISATIE, decide_leverancier
from led_gateway.config import contract_dir
from led_gateway.domain.bewijs import Bewijs
from led_gateway.repository.unit_of_work import UnitOfWork
from led_gateway.services.registratie import Weigering, bewijs_from_registratie, registreer_nieuwe
from led_gateway.services.registreerbewijs import NAMESPACE
from led_gateway.wire.parsing import HARDENED
from led_gateway.wire.uitzonderingen import Uitzondering, uitzondering
from led_gateway.wire.validation import RequestSchema

ROOT = f"{{{NAMESPACE}}}Bewijsregistraties"
RECORD = "Bewijsregistratie"
#: RegistreerBewijs's refusal of a (Leverancier/Naam, Bewijsreferte) that is already registered.
AL_GEREGISTREERD = "30005"
XSD_ONGELDIG = "30001"
DEFAULT_BATCH = 2000
#: Batches the reading process makes ahead of the one the registering process asks for.
AHEAD = 2
T = TypeVar("T")


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; nothing was written."""


@dataclass(frozen=True, slots=True)
class Record:
    """One child of the root: its position (1-based) and the line its start tag is on."""

    nummer: int
    regel: int
    element: etree._Element


class _NoTree:
    """A parser target without callbacks: libxml2 checks the file and nothing is built."""

    def close(self) -> None:
        return None


def check_file(path: Path) -> None:
    """Raise :class:`ImportFileError` unless ``path`` is a well-formed file with the right root.

    The whole file is parsed at libxml2's speed, building nothing, before anything is written.
    """
    with open(path, "rb") as source:
        try:
            for _, root in etree.iterparse(source, events=("start",), **HARDENED):
                _check_root(path, root)
                break
            source.seek(0)
            parser = etree.XMLParser(target=_NoTree(), **HARDENED)
            while chunk := source.read(1 << 16):
                parser.feed(chunk)
            parser.close()
        except etree.XMLSyntaxError as exc:
            raise ImportFileError(f"{path}: not well-formed XML: {exc.msg}") from None


def _check_root(path: Path, root: etree._Element) -> None:
    if root.getroottree().docinfo.doctype:
        raise ImportFileError(f"{path}: a document type declaration (DTD) is not allowed")
    if root.tag != ROOT:
        raise ImportFileError(
            f"{path}: the root element is {etree.QName(root).localname!r}, "
            f"expected Bewijsregistraties in namespace {NAMESPACE}"
        )
    if root.nsmap.get(None):
        raise ImportFileError(
            f"{path}: declare the namespace with a prefix (xmlns:rb=...): "
            "a default namespace (xmlns=...) would put the Bewijsregistratie records in it too"
        )


def read_records(path: Path) -> Iterator[Record]:
    """The records of a checked file (:func:`check_file`): every child element of the root, in
    order; each is cleared as soon as the next one is asked for.

    Only the ends of ``Bewijsregistratie`` elements reach Python (iterparse filters the others
    in C, which halves the time to read a file); children of another name, which the XSD will
    refuse, are picked up from the tree between them.
    """
    nummer = 0
    last: etree._Element | None = None  # the last record handled, left (cleared) as the first child
    with open(path, "rb") as source:
        events = etree.iterparse(source, events=("end",), tag=RECORD, **HARDENED)
        try:
            for _, element in events:
                parent = element.getparent()
                if parent is None or parent.getparent() is not None:
                    continue  # nested in a record
                for child in _children(parent, after=last, until=element):
                    nummer += 1
                    yield Record(nummer, child.sourceline, child)
                _forget(element)
                last = element
        except etree.XMLSyntaxError as exc:  # changed since it was checked
            raise ImportFileError(f"{path}: not well-formed XML: {exc.msg}") from None
        for child in _children(events.root, after=last):
            nummer += 1
            yield Record(nummer, child.sourceline, child)


def _children(
    root: etree._Element, after: etree._Element | None, until: etree._Element | None = None
) -> Iterator[etree._Element]:
    """The root's child elements after ``after`` (from the first when ``None``) up to ``until``
    (to the last when ``None``), comments and processing instructions left out."""
    for child in root.iterchildren() if after is None else after.itersiblings():
        if isinstance(child.tag, str):
            yield child
        if child is until:
            return


def _forget(element: etree._Element) -> None:
    """Drop a handled record and what came before it, so memory stays flat however long the file."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while element.getprevious() is not None:
        del parent[0]


def count_records(path: Path) -> int:
    """How many records a checked file holds."""
    return sum(1 for _ in read_records(path))


def registratie_schema(registreer_bewijs_xsd: Path | None = None) -> RequestSchema:
    """RegistreerBewijs.xsd's ``BewijsregistratieType`` as the type of a ``Bewijsregistratie`` root.

    A wrapper schema compiled in memory imports the published XSD and declares the record
    element, so each record is checked by the contract itself, not by a copy of its rules.
    """
    path = registreer_bewijs_xsd or (
        contract_dir() / "xsd" / "LED.RegistreerBewijsDienst-02.00" / "RegistreerBewijs.xsd"
    )
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:rb="{NAMESPACE}">
      <xs:import namespace="{NAMESPACE}" schemaLocation="{path.resolve().as_uri()}"/>
      <xs:element name="Bewijsregistratie" type="rb:BewijsregistratieType"/>
    </xs:schema>"""
    return RequestSchema(etree.XMLSchema(etree.fromstring(wrapper)))


class LeverancierCheck:
    """Who delivers a file's records: the leverancier named, or else any registered active one."""

    def __init__(self, uow: UnitOfWork, identificatie: str | None) -> None:
        self.identificatie = identificatie
        if identificatie is None:
            rows = uow.leveranciers.all()
            self._leveranciers = [uow.leveranciers.leverancier(row.identificatie) for row in rows]
        else:
            leverancier = uow.leveranciers.leverancier(identificatie)
            decision = decide_leverancier(identificatie, leverancier)
            if not decision.allowed:
                raise ImportFileError(decision.reden)
            self._leveranciers = [leverancier]
        self._refusals: dict[str, str | None] = {}

    def refusal(self, leverancier_naam: str) -> str | None:
        """``None`` when the records of ``leverancier_naam`` may be delivered, else why not."""
        if leverancier_naam not in self._refusals:
            self._refusals[leverancier_naam] = self._judge(leverancier_naam)
        return self._refusals[leverancier_naam]

    def _judge(self, naam: str) -> str | None:
        decisions = [decide_leverancier(lev.identificatie, lev, naam) for lev in self._leveranciers]
        if any(decision.allowed for decision in decisions):
            return None
        if self.identificatie is not None:
            return decisions[0].reden
        return f"geen actieve leverancier levert voor '{naam}'"


@dataclass(frozen=True, slots=True)
class RefusedRecord:
    nummer: int
    regel: int
    reden: Uitzondering

    def __str__(self) -> str:
        reden = f"{self.reden.identificatie} {self.reden.diagnose}"
        where = f" ({self.reden.omstandigheid})" if self.reden.omstandigheid else ""
        return f"record {self.nummer} (line {self.regel}): {reden}{where}"


@dataclass
class ImportReport:
    read: int = 0
    registered: int = 0
    already_present: int = 0
    refused: list[RefusedRecord] = field(default_factory=list)


class Reading(NamedTuple):
    """What reading one record gave, before the leverancier and duplicate checks.

    A tuple, as it is sent from the reading process: it pickles fast.
    """

    nummer: int
    regel: int
    #: (Leverancier/Naam, Bewijsreferte); ``None`` when the record failed the XSD.
    bron: tuple[str, str] | None
    #: The bewijs, or why the record is refused: the XSD's finding when ``bron`` is ``None``,
    #: else :func:`bewijs_from_registratie`'s (an INSZ), which counts after those checks.
    uitkomst: Bewijs | Weigering


class BewijsImport:
    """One run of ``led-gateway bewijs import`` over one file.

    Reading a record (parsing, the XSD, the Basis and what the LED derives from it) costs about
    as much as registering it, so the file is read in a process of its own, up to ``AHEAD``
    batches ahead of this one, which decides on each record and registers the batch.
    """

    def __init__(
        self,
        units: Callable[[], UnitOfWork],
        leverancier: str | None = None,
        batch: int = DEFAULT_BATCH,
        clock: Callable[[], datetime] = datetime.now,
        schema: RequestSchema | None = None,
    ) -> None:
        self.units, self.leverancier, self.batch, self.clock = units, leverancier, batch, clock
        self.schema = schema or registratie_schema()
        #: (Leverancier/Naam, Bewijsreferte) → the record that first had it, in this file.
        self._seen: dict[tuple[str, str], int] = {}
        #: How many bewijzen this run had registered when the database's statistics were refreshed.
        self._registered_at_statistics = 0

    def run(self, path: Path, progress: bool = False) -> ImportReport:
        """Import ``path``; a file that cannot be read as a whole changes nothing."""
        report = ImportReport()
        self._seen = {}
        self._registered_at_statistics = 0
        with self.units() as uow:
            check = LeverancierCheck(uow, self.leverancier)
        check_file(path)
        total = count_records(path) if progress else None
        batches = _in_background(partial(self._readings, path))
        with closing(batches), tqdm(total=total, unit="records", disable=not progress) as bar:
            for readings in batches:
                self._import_batch(check, readings, report)
                bar.update(len(readings))
        return report

    def _readings(self, path: Path) -> Iterator[list[Reading]]:
        """The file's records in batches, read (in the reading process)."""
        records = read_records(path)
        while readings := [self._read(record) for record in islice(records, self.batch)]:
            yield readings

    def _read(self, record: Record) -> Reading:
        element = record.element
        findings = self.schema.findings(element)
        if findings:
            refusal = Weigering(XSD_ONGELDIG, findings[0].message, findings[0].path)
            return Reading(record.nummer, record.regel, None, refusal)
        try:
            bewijs = bewijs_from_registratie(element, self.clock())
        except Weigering as weigering:
            naam = element.findtext("Leverancier/Naam").strip()
            referte = element.findtext("Leverancier/Bewijsreferte").strip()
            return Reading(record.nummer, record.regel, (naam, referte), weigering)
        bron = (bewijs.leverancier_naam, bewijs.leverancier_bewijsreferte)
        return Reading(record.nummer, record.regel, bron, bewijs)

    def _import_batch(self, check: LeverancierCheck, readings: list[Reading], report: ImportReport) -> None:
        """Decide on a batch of records and register the accepted ones in one transaction."""
        accepted: list[Reading] = []
        for reading in readings:
            try:
                self._check(check, reading)
                accepted.append(reading)
            except Weigering as weigering:
                reden = uitzondering(weigering.code, weigering.detail, weigering.omstandigheid)
                report.refused.append(RefusedRecord(reading.nummer, reading.regel, reden))
        with self.units() as uow:
            registered = self._register(uow, accepted)
            self._keep_statistics_current(uow, report.registered + registered)
            uow.commit()
        report.read += len(readings)
        report.registered += registered
        report.already_present += len(accepted) - registered

    def _keep_statistics_current(self, uow: UnitOfWork, registered: int) -> None:
        """Refresh the database's statistics of bewijzen, in the batch's own transaction, each time
        the ``registered`` bewijzen of this run have doubled since the last refresh
        (:meth:`~led_gateway.repository.queries.BewijsRepository.refresh_statistics`)."""
        last = self._registered_at_statistics
        if registered > last and registered >= 2 * last:
            uow.bewijzen.refresh_statistics()
            self._registered_at_statistics = registered

    def _check(self, check: LeverancierCheck, reading: Reading) -> None:
        """Raise :class:`Weigering` when the record is refused; else it registers its bewijs."""
        if reading.bron is not None:
            self._check_bron(check, reading.bron, reading.nummer)
        if isinstance(reading.uitkomst, Weigering):
            raise reading.uitkomst

    def _check_bron(self, check: LeverancierCheck, bron: tuple[str, str], nummer: int) -> None:
        """Refuse a record its leverancier may not deliver, or whose source reference came earlier."""
        naam, referte = bron
        reden = check.refusal(naam)
        if reden is not None:
            raise Weigering(FOUT_IN_AUTORISATIE, reden, "Leverancier/Naam")
        first = self._seen.setdefault(bron, nummer)
        if first != nummer:
            detail = f"{naam} {referte} komt al voor in record {first}"
            raise Weigering(AL_GEREGISTREERD, detail, "Leverancier/Bewijsreferte")

    @staticmethod
    def _register(uow: UnitOfWork, accepted: list[Reading]) -> int:
        """Register the new bewijzen of the batch's accepted records together; returns how many.

        Should the database refuse the batch (a concurrent RegistreerBewijs stored one of them
        since we looked), each is tried again on its own, so that only that one is left out.
        """
        try:
            with uow.session.begin_nested():
                return registreer_nieuwe(uow, [r.uitkomst for r in accepted])
        except IntegrityError:
            pass
        registered = 0
        for reading in accepted:
            try:
                with uow.session.begin_nested():
                    registered += registreer_nieuwe(uow, [reading.uitkomst])
            except IntegrityError:  # registered by a concurrent call since we looked
                pass
        return registered


def _in_background(produce: Callable[[], Iterator[T]]) -> Iterator[T]:
    """The items of ``produce()``, made in a forked process while the caller works on the last.

    The process keeps at most ``AHEAD`` items waiting besides the one it is sending, so memory
    stays flat. An error there is raised here, after the items made before it; if the caller
    stops early, the process is ended. The process must not use what it inherits of the
    caller's database connections: it ends with ``os._exit``, which closes none of them.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_produce, args=(produce, receiver, sender), daemon=True)
    process.start()
    sender.close()
    try:
        while (item := receiver.recv()) is not None:
            if isinstance(item, Exception):
                raise item
            yield item
    except EOFError:
        raise RuntimeError(f"the reading process ended with exit code {process.exitcode}") from None
    finally:
        process.terminate()
        process.join()
        receiver.close()


def _produce(produce: Callable[[], Iterator[T]], receiver: Connection, sender: Connection) -> None:
    """In the forked process: make each item, then ``None``, or the error that stopped it, and
    send them from a thread of their own.

    A pipe holds less than one batch: sent from here, an item would wait for the caller to ask
    for it, and the next would be made only then. Made ahead instead, both processes keep
    working (``bewijs import`` of 100,000 records: 10% less time for the same CPU time).
    """
    receiver.close()  # the caller's end: once the caller is gone, sending fails instead of waiting
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    made: queue.Queue[T | Exception | None] = queue.Queue(maxsize=AHEAD)
    sending = threading.Thread(target=_send_each, args=(made, sender), name="import-sender")
    sending.start()
    try:
        for item in produce():
            made.put(item)
        made.put(None)
    except ImportFileError as exc:
        made.put(exc)
    except Exception:
        made.put(RuntimeError(f"reading the file failed:\n{traceback.format_exc()}"))
    sending.join()


def _send_each(made: queue.Queue, sender: Connection) -> None:
    """Send what is made, up to and including the last item (``None`` or an error).

    Should an item fail to send, the process ends: the thread making them would otherwise wait
    for room in ``made`` for ever, and the caller for the next item.
    """
    while True:
        item = made.get()
        try:
            sender.send(item)
        except BrokenPipeError:  # the caller is gone: so is the point of reading on
            os._exit(0)
        except Exception:
            with suppress(OSError):
                sender.send(RuntimeError(f"sending a batch failed:\n{traceback.format_exc()}"))
            os._exit(1)
        if item is None or isinstance(item, Exception):
            return
