"""The production figures: GeefBewijs under load against the floor, bulk registration, fan-out.

    .venv/bin/python benchmarks/bench.py [--persons 100000] [--workers 2] [--connections 16]
                                         [--duration 10] [--rounds 2] [--pg URL] [--db URL]
                                         [--import-records 100000] [--geefbewijs-only] [--json FILE]

For each backend (SQLite always; PostgreSQL with ``--pg`` or ``LED_BENCH_PG_URL``, the URL
of a server where it may create databases) it builds, or reuses, a demo database of N
persons (var/bench-<N>.db; database led_bench_<N>), serves the gateway with W workers and
drives GeefBewijs for persons drawn at random from the whole database with wrk at C
connections for T seconds. After each gateway its data floor, and after the gateways the
floor (benchmarks/floor.py; the floor: read, parse safely, validate, write a prepared reply
of the gateway's size; the data floor: the same with the database work the design asks of
every call, on the gateway's database) run under the same server (gunicorn with the
gateway's worker class, GatewayWorker) and worker count. That round is repeated R times. It
prints throughput, latency percentiles, errors, the ratio to the floor (with the range over
the rounds), peak memory per worker, the time a worker takes to start, and the CPU time per
request of the workers and of the whole machine (the database server, wrk and the kernel
included); and each gateway's ratio to its data floor.

Unless ``--geefbewijs-only``, it then measures on each backend, in fresh databases, the
bulk registration (benchmarks/bulk_import.py: ``led-gateway bewijs import`` of
``--import-records`` records, R times, the mean with its range) and the mutation fan-out
(benchmarks/mutations_fanout.py).

Last, it holds the figures against the production targets (TARGETS) and says of each whether
it holds, noting when the run's setting is not the one the targets are set for.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import operator
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import bindparam, create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from tests.messages import geef_bewijs  # noqa: E402

ENDPOINT = "/GeefBewijsDienst-02.00/soap/WebService"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args: str) -> str:
    return subprocess.run(
        [str(BIN / "led-gateway"), *args], check=True, capture_output=True, text=True
    ).stdout


def sqlite_database(persons: int) -> str:
    """var/bench-<N>.db, built once (under a temporary name until complete) and reused."""
    path = ROOT / "var" / f"bench-{persons}.db"
    if not path.exists():
        temporary = path.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        build(f"sqlite:///{temporary}", persons)
        temporary.rename(path)
    url = f"sqlite:///{path}"
    cli("db", "init", "--db", url)  # a database built by an older version is upgraded
    return url


def postgres_database(server_url: str, persons: int) -> str:
    """Database led_bench_<N> on the server, built once (under a temporary name) and reused."""
    name = f"led_bench_{persons}"
    with _admin(server_url) as admin:
        exists = admin.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if exists is None:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}_tmp"'))
            admin.execute(text(f'CREATE DATABASE "{name}_tmp"'))
    if exists is None:
        build(_on(server_url, f"{name}_tmp"), persons)
        with _admin(server_url) as admin:
            admin.execute(text(f'ALTER DATABASE "{name}_tmp" RENAME TO "{name}"'))
    url = _on(server_url, name)
    cli("db", "init", "--db", url)
    return url


@contextlib.contextmanager
def fresh_postgres_database(server_url: str, label: str) -> Iterator[str]:
    """An empty PostgreSQL database for one measurement, dropped afterwards."""
    name = f"led_bench_{label}_{os.getpid()}"
    with _admin(server_url) as admin:
        admin.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _on(server_url, name)
    finally:
        with _admin(server_url) as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def build(url: str, persons: int) -> None:
    cli("db", "init", "--db", url)
    started = time.perf_counter()
    cli("demo", "load", "--db", url, "--persons", str(persons), "--quiet")
    print(f"built {url}: {persons} persons in {time.perf_counter() - started:.0f} s", flush=True)


def _on(server_url: str, database: str) -> str:
    url = make_url(server_url).set(drivername="postgresql+psycopg", database=database)
    return url.render_as_string(hide_password=False)


@contextlib.contextmanager
def _admin(server_url: str):
    engine = create_engine(_on(server_url, "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def warm(db_url: str) -> None:
    """Read the bewijzen once, and on PostgreSQL their index by INSZ too, so that the run measures
    a server whose data is in memory (as a database that has been serving for a while has it), not
    the first reads from disk. Without the index, the first PostgreSQL round's p99 was 186 ms after
    SQLite's 13 GB had pushed it out of the page cache, and 36 ms in the round after."""
    started = time.perf_counter()
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        with open(url.database, "rb") as database:
            while database.read(16 * 2**20):
                pass
    else:
        engine = create_engine(db_url)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT sum(length(wire)), count(insz) FROM bewijzen"))
                connection.execute(text("SET enable_seqscan = off"))
                connection.execute(
                    text("SELECT count(*) FROM (SELECT insz FROM bewijzen ORDER BY insz) AS i")
                )
        finally:
            engine.dispose()
    print(f"warmed {url.render_as_string()} in {time.perf_counter() - started:.0f} s", flush=True)


def random_persons(db_url: str, count: int, seed: int = 11) -> list[str]:
    """INSZ of ``count`` bewijzen drawn at random from the whole database (persons with more
    bewijzen come up more often, as they would in real traffic)."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            highest = connection.execute(text("SELECT max(id) FROM bewijzen")).scalar_one()
            rng = random.Random(seed)
            wanted = sorted({rng.randint(1, highest) for _ in range(count)})
            query = text("SELECT insz FROM bewijzen WHERE id IN :ids")
            rows = connection.execute(query.bindparams(bindparam("ids", expanding=True)), {"ids": wanted})
            found = [insz for (insz,) in rows]
    finally:
        engine.dispose()
    rng.shuffle(found)
    return found


def start(
    command: list[str], port: int, log: Path, env: dict | None = None
) -> tuple[subprocess.Popen, float]:
    """Start a server; returns it and the seconds until it answered."""
    started = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process, time.perf_counter() - started
        except httpx.HTTPError:
            if process.poll() is not None:
                raise SystemExit(f"server exited: {log.read_text()[-2000:]}") from None
            time.sleep(0.05)
    raise SystemExit("server did not start")


def workers(master: subprocess.Popen) -> list[str]:
    """The process ids of the server's workers."""
    return Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    """The largest peak resident size (VmHWM) among the server's worker processes."""
    peaks = []
    for pid in workers(master):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


class CpuMeter:
    """CPU seconds spent between :meth:`start` and :meth:`stop`: by the server's workers, and by
    the whole machine (workers, database server, load generator, kernel).

    Per request they show where the time goes: what the workers spend beside the floor's, and
    on PostgreSQL what the database server adds.
    """

    _TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, master: subprocess.Popen) -> None:
        self.pids = workers(master)
        self._started = (0, 0)

    def _workers_ticks(self) -> int:
        ticks = 0
        for pid in self.pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks

    @staticmethod
    def _machine_ticks() -> int:
        """Busy ticks of all CPUs: everything but idle and iowait."""
        user, nice, system, _idle, _iowait, irq, softirq, steal = (
            int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
        )
        return user + nice + system + irq + softirq + steal

    def start(self) -> None:
        self._started = (self._workers_ticks(), self._machine_ticks())

    def stop(self) -> tuple[float, float]:
        """Seconds of CPU of the workers and of the machine since :meth:`start`."""
        spent = (self._workers_ticks() - self._started[0], self._machine_ticks() - self._started[1])
        return spent[0] / self._TICK, spent[1] / self._TICK


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def drive(port: int, bodies: Path, connections: int, duration: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--latency",
            "-s",
            str(ROOT / "benchmarks" / "geefbewijs.lua"),
            f"http://127.0.0.1:{port}{ENDPOINT}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "LED_BENCH_BODIES": str(bodies)},
        check=True,
    ).stdout
    figures = json.loads(output.split("RESULT ", 1)[1].splitlines()[0])
    figures["throughput"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def measure(
    name: str, command: list[str], port: int, bodies: Path, work: Path, args, env: dict | None = None
) -> dict:
    process, startup = start(command, port, work / f"{name}.log", env)
    try:
        drive(port, bodies, args.connections, min(3, args.duration))  # warm up every worker
        samples = bodies.read_text().splitlines()[:20]
        headers = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}
        replies = [
            httpx.post(f"http://127.0.0.1:{port}{ENDPOINT}", content=b, headers=headers) for b in samples
        ]
        meter = CpuMeter(process)
        meter.start()
        figures = drive(port, bodies, args.connections, args.duration)
        workers_cpu, machine_cpu = meter.stop()
        figures["cpu_us_per_request_workers"] = workers_cpu * 1e6 / figures["requests"]
        figures["cpu_us_per_request_machine"] = machine_cpu * 1e6 / figures["requests"]
        figures["peak_rss_mb_per_worker"] = worker_peak_rss_mb(process)
        figures["reply_bytes"] = sum(len(reply.content) for reply in replies) // len(replies)
    finally:
        stop(process)
    figures["startup_s"] = startup
    return figures


def serve_command(db_url: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        str(BIN / "led-gateway"),
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]


def floor_command(port: int, workers: int, threads: int, app: str = "app") -> list[str]:
    """gunicorn serving ``app`` of benchmarks/floor.py (``app``: the floor; ``data_app``: the floor
    with the design's database work)."""
    return [
        str(BIN / "python"),
        "-m",
        "gunicorn",
        "--pythonpath",
        str(ROOT / "benchmarks"),
        "-w",
        str(workers),
        "-k",
        "led_gateway.serve.GatewayWorker",
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        f"floor:{app}",
    ]


def write_bodies(db_url: str, path: Path) -> Path:
    """20,000 GeefBewijs requests for persons drawn at random from ``db_url``, one per line."""
    persons = random_persons(db_url, 20_000)
    rng = random.Random(11)
    lines = [geef_bewijs(rng.choice(persons)).decode().replace("\n", " ") for _ in range(20_000)]
    path.write_text("\n".join(lines) + "\n")
    return path


def data_floor(backend: str) -> str:
    return f"data floor {backend}"


def is_gateway(name: str) -> bool:
    """Whether ``name`` in the GeefBewijs results is a backend's gateway (not a floor)."""
    return "floor" not in name


def geefbewijs(args, backends: dict[str, str], work: Path) -> dict:
    """Every backend's gateway and data floor, then the floor, under the same load, ``--rounds``
    times over.

    The runs of one round follow each other closely, so a machine that speeds up or slows down
    during the benchmark moves them alike: each round has its own gateway/floor ratio, and the
    spread of the rounds shows how far one figure can be trusted.
    """
    bodies = {
        backend: write_bodies(db_url, work / f"bodies-{backend}.txt") for backend, db_url in backends.items()
    }
    runs: dict[str, list[dict]] = {name: [] for name in [*backends, *map(data_floor, backends), "floor"]}
    python_path = {"PYTHONPATH": str(ROOT / "src")}
    for _ in range(args.rounds):
        for backend, db_url in backends.items():
            warm(db_url)  # again each time: the other backend's runs may have pushed it out of memory
            port = free_port()
            command = serve_command(db_url, port, args.workers, args.threads)
            runs[backend].append(measure(backend, command, port, bodies[backend], work, args))
            port = free_port()
            command = floor_command(port, args.workers, args.threads, "data_app")
            env = {**python_path, "LED_FLOOR_DB": db_url, "LED_FLOOR_THREADS": str(args.threads)}
            runs[data_floor(backend)].append(
                measure(data_floor(backend), command, port, bodies[backend], work, args, env=env)
            )
        # The floor's reply is as large as the gateway's largest.
        reply_bytes = max(runs[backend][-1]["reply_bytes"] for backend in backends)
        floor_env = {**python_path, "LED_FLOOR_REPLY_BYTES": str(reply_bytes)}
        port = free_port()
        command = floor_command(port, args.workers, args.threads)
        floor_bodies = next(iter(bodies.values()))
        runs["floor"].append(measure("floor", command, port, floor_bodies, work, args, env=floor_env))
    results = {name: summary(rounds, runs["floor"]) for name, rounds in runs.items()}
    for backend in backends:
        results[backend]["data_floor"] = ratios(runs[backend], runs[data_floor(backend)])
    return results


def summary(rounds: list[dict], floor: list[dict]) -> dict:
    """The figures of a server's rounds: throughput, ratio and CPU as their mean (with the range of
    throughput and ratio), latencies, memory and start-up as the worst round's; every round kept."""
    throughputs = [run["throughput"] for run in rounds]
    to_floor = ratios(rounds, floor)
    return {
        "throughput": statistics.fmean(throughputs),
        "throughput_range": (min(throughputs), max(throughputs)),
        "ratio": to_floor["ratio"],
        "ratio_range": to_floor["ratio_range"],
        **{f"p{n}_us": max(run[f"p{n}_us"] for run in rounds) for n in (50, 95, 99)},
        "errors": sum(run["socket_errors"] + run["non_2xx"] for run in rounds),
        "requests": sum(run["requests"] for run in rounds),
        "peak_rss_mb_per_worker": max(run["peak_rss_mb_per_worker"] for run in rounds),
        "startup_s": max(run["startup_s"] for run in rounds),
        **{
            key: statistics.fmean(run[key] for run in rounds)
            for key in ("cpu_us_per_request_workers", "cpu_us_per_request_machine")
        },
        "rounds": rounds,
    }


def ratios(rounds: list[dict], bases: list[dict]) -> dict:
    """The mean of each round's throughput over its base's, with their range."""
    found = [run["throughput"] / base["throughput"] for run, base in zip(rounds, bases, strict=True)]
    return {"ratio": statistics.fmean(found), "ratio_range": (min(found), max(found))}


def print_geefbewijs(args, results: dict) -> None:
    print(
        f"\nGeefBewijs, {args.persons} persons, {args.workers} workers × {args.threads} threads, "
        f"{args.connections} connections, {args.rounds} × {args.duration} s, wrk"
    )
    print(
        "req/s and /floor: the mean of the rounds (lowest–highest); latencies, memory and start-up: "
        "the worst round's"
    )
    print(
        f"{'':24}{'req/s':>7}{'':>12}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'RSS MB':>8}"
        f"{'start s':>9}{'/floor':>8}{'':>12}{'CPU µs/request: workers':>25}{'machine':>9}"
    )
    for name, figures in results.items():
        p50, p95, p99 = (figures[f"p{n}_us"] / 1000 for n in (50, 95, 99))
        label = f"gateway {name}" if is_gateway(name) else name
        low, high = figures["throughput_range"]
        ratio_low, ratio_high = figures["ratio_range"]
        print(
            f"{label:24}{figures['throughput']:7.0f}{f'({low:.0f}–{high:.0f})':>12}"
            f"{p50:9.2f}{p95:9.2f}{p99:9.2f}{figures['errors']:8d}"
            f"{figures['peak_rss_mb_per_worker']:8.0f}{figures['startup_s']:9.2f}"
            f"{figures['ratio']:8.2f}{f'({ratio_low:.2f}–{ratio_high:.2f})':>12}"
            f"{figures['cpu_us_per_request_workers']:25.0f}{figures['cpu_us_per_request_machine']:9.0f}"
        )
    print(
        "data floor: the floor with the design's database work (the afnemer and the bewijzen read, "
        "the audit record committed)"
    )
    for name, figures in results.items():
        if is_gateway(name):
            low, high = figures["data_floor"]["ratio_range"]
            print(
                f"gateway {name} / its data floor: {figures['data_floor']['ratio']:.2f} "
                f"({low:.2f}–{high:.2f})"
            )


@dataclass(frozen=True)
class Target:
    """A production target: ``figure`` of a backend's results (``part``), divided by ``per``,
    against ``bound``."""

    what: str
    part: str
    figure: str
    holds: Callable[[float, float], bool]
    bound: float
    unit: str
    per: float = 1

    def verdict(self, backend: str, results: dict) -> dict:
        value = results[self.part][self.figure] / self.per
        held = self.holds(value, self.bound)
        return {"target": self.what, "backend": backend, "figure": value, "unit": self.unit, "holds": held}


#: The production targets, set for a run as in TARGET_SETTING (on a machine of that many cores).
TARGETS = (
    Target("GeefBewijs ≥ 0.5 × the floor", "geefbewijs", "ratio", operator.ge, 0.5, "×"),
    Target("GeefBewijs p99 ≤ 50 ms", "geefbewijs", "p99_us", operator.le, 50, "ms", per=1000),
    Target("GeefBewijs without errors", "geefbewijs", "errors", operator.eq, 0, "errors"),
    Target("≤ 150 MB resident per worker", "geefbewijs", "peak_rss_mb_per_worker", operator.le, 150, "MB"),
    Target("start-up of a worker ≤ 2 s", "geefbewijs", "startup_s", operator.le, 2, "s"),
    Target("bulk registration ≥ 5,000 bewijzen/s", "import", "records_per_s", operator.ge, 5000, "/s"),
)
TARGET_SETTING = {
    "cores": 2,
    "workers": 2,
    "connections": 16,
    "persons": 1_000_000,
    "import_records": 100_000,
}


def verdicts(figures: dict) -> list[dict]:
    """Each target that this run's figures speak to, per backend: the figure and whether it holds."""
    found = []
    for backend, served in figures["geefbewijs"].items():
        if is_gateway(backend):
            results = {"geefbewijs": served, **figures.get("extras", {}).get(backend, {})}
            found += [target.verdict(backend, results) for target in TARGETS if target.part in results]
    return found


def print_verdicts(args, found: list[dict]) -> None:
    setting = {name: os.cpu_count() if name == "cores" else getattr(args, name) for name in TARGET_SETTING}
    other = (
        "" if setting == TARGET_SETTING else f" (set for {_said(TARGET_SETTING)}; this run: {_said(setting)})"
    )
    print(f"\nTargets{other}")
    for verdict in found:
        figure = verdict["figure"]
        shown = f"{figure:.2f}" if figure < 100 and not float(figure).is_integer() else f"{figure:.0f}"
        state = "holds" if verdict["holds"] else "NOT MET"
        print(f"{verdict['target']:40}{verdict['backend']:12}{shown:>9} {verdict['unit']:7}{state}")


def _said(setting: dict) -> str:
    return ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in setting.items())


def extras(args, backends: dict[str, str], work: Path) -> dict:
    """Bulk registration and mutation fan-out on each backend, in fresh databases."""
    import bulk_import

    results = {}
    for backend in backends:
        rounds = range(args.rounds)
        targets = [f"sqlite:///{work / f'import-{n}.db'}" if backend == "sqlite" else args.pg for n in rounds]
        imported = import_rounds([bulk_import.measure(target, args.import_records) for target in targets])
        fanout_pg = None if backend == "sqlite" else args.pg
        results[backend] = {"import": imported, "fanout": fanout(fanout_pg, work / f"fanout-{backend}.json")}
    return results


def import_rounds(rounds: list[dict]) -> dict:
    """The figures of the import's rounds: rates and ratio as their mean (with the range of the
    import's rate), memory as the worst round's, checks held only if they held in every round."""
    rates = [run["records_per_s"] for run in rounds]
    return {
        "records_per_s": statistics.fmean(rates),
        "records_per_s_range": (min(rates), max(rates)),
        **{key: statistics.fmean(run[key] for run in rounds) for key in ("baseline_records_per_s", "ratio")},
        "peak_rss_mb": max(run["peak_rss_mb"] for run in rounds),
        "checks": {check: all(run["checks"][check] for run in rounds) for check in rounds[0]["checks"]},
        "rounds": rounds,
    }


def fanout(server_url: str | None, figures: Path) -> dict:
    """benchmarks/mutations_fanout.py in a fresh database: a temporary SQLite file, or one on the
    PostgreSQL server ``server_url``, dropped afterwards."""
    fresh = fresh_postgres_database(server_url, "fanout") if server_url else contextlib.nullcontext()
    with fresh as db_url:
        subprocess.run(
            [
                str(BIN / "python"),
                str(ROOT / "benchmarks" / "mutations_fanout.py"),
                "--json",
                str(figures),
                *(["--db", db_url] if db_url else []),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return json.loads(figures.read_text())


def print_extras(args, results: dict) -> None:
    print(f"\nBulk registration (led-gateway bewijs import, {args.import_records} records) and fan-out")
    for backend, figures in results.items():
        imported, fanout = figures["import"], figures["fanout"]
        gateway = fanout["gateway"]
        low, high = imported["records_per_s_range"]
        print(
            f"{backend:12} import {imported['records_per_s']:7.0f} bewijzen/s ({low:.0f}–{high:.0f}; "
            f"bare executemany {imported['baseline_records_per_s']:.0f}/s, "
            f"{imported['ratio']:.1f}× its time; peak {imported['peak_rss_mb']:.0f} MB; "
            f"checks {'hold' if all(imported['checks'].values()) else 'FAIL'})"
        )
        print(
            f"{'':12} fan-out {gateway['registrations_per_s']:6.0f} registrations/s = "
            f"{gateway['notifications_per_s']:.0f} notifications/s, p99 {gateway['p99_ms']:.0f} ms, "
            f"gateway/in-process {fanout['ratio_gateway_to_in_process']:.2f}; "
            f"checks {'hold' if all(fanout['checks'].values()) else 'FAIL'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="threads per worker, gateway and floor alike")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run")
    parser.add_argument(
        "--rounds", type=int, default=2, help="runs of every server, one after the other, and of the import"
    )
    parser.add_argument(
        "--pg",
        default=os.environ.get("LED_BENCH_PG_URL"),
        help="a PostgreSQL server URL (e.g. postgresql://led@127.0.0.1:5432/postgres): measure it too",
    )
    parser.add_argument("--db", default=None, help="an existing demo database instead of building one")
    parser.add_argument("--import-records", type=int, default=100_000)
    parser.add_argument("--geefbewijs-only", action="store_true", help="skip the import and fan-out figures")
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench.json", help="where the figures go")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    work = Path(tempfile.mkdtemp(prefix="led-bench-"))
    if args.db:
        backends = {"postgresql" if args.db.startswith("postgres") else "sqlite": args.db}
    else:
        backends = {"sqlite": sqlite_database(args.persons)}
        if args.pg:
            backends["postgresql"] = postgres_database(args.pg, args.persons)
    figures = {"args": {**vars(args), "json": str(args.json)}}
    figures["geefbewijs"] = geefbewijs(args, backends, work)
    print_geefbewijs(args, figures["geefbewijs"])
    if not args.geefbewijs_only:
        figures["extras"] = extras(args, backends, work)
        print_extras(args, figures["extras"])
    figures["targets"] = verdicts(figures)
    print_verdicts(args, figures["targets"])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
