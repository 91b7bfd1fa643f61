"""GeefBewijs under load against the floor, with wrk: ``make bench`` (see README).

    .venv/bin/python benchmarks/bench.py [--persons 100000] [--workers 2] [--connections 16]
                                         [--duration 20] [--db URL] [--json FILE]

It builds (or reuses) a demo database of N persons, serves the gateway with W
workers and drives GeefBewijs for random persons with wrk at C connections
for T seconds; then, in the same run, the floor (benchmarks/floor.py: read,
parse safely, validate, write a prepared reply of the same size) under the
same server and worker count. It prints throughput, latency percentiles,
errors, the gateway/floor ratio, peak memory per worker and the time a
worker takes to start.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

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


def database(persons: int, url: str | None) -> str:
    """The given database, or var/bench-<N>.db, built once and reused."""
    if url:
        return url
    path = ROOT / "var" / f"bench-{persons}.db"
    if not path.exists():
        temporary = path.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        cli("db", "init", "--db", f"sqlite:///{temporary}")
        started = time.perf_counter()
        cli("demo", "load", "--db", f"sqlite:///{temporary}", "--persons", str(persons), "--quiet")
        print(f"built {path.name}: {persons} persons in {time.perf_counter() - started:.0f} s", flush=True)
        temporary.rename(path)
    return f"sqlite:///{path}"


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


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    """The largest peak resident size (VmHWM) among the server's worker processes."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


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


def measure(name: str, command: list[str], port: int, work: Path, args, env: dict | None = None) -> dict:
    process, startup = start(command, port, work / f"{name}.log", env)
    try:
        drive(port, work / "bodies.txt", args.connections, min(3, args.duration))  # warm up every worker
        bodies = (work / "bodies.txt").read_text().splitlines()[:20]
        headers = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": '""'}
        replies = [
            httpx.post(f"http://127.0.0.1:{port}{ENDPOINT}", content=b, headers=headers) for b in bodies
        ]
        figures = drive(port, work / "bodies.txt", args.connections, args.duration)
        figures["peak_rss_mb_per_worker"] = worker_peak_rss_mb(process)
        figures["reply_bytes"] = sum(len(reply.content) for reply in replies) // len(replies)
    finally:
        stop(process)
    figures["startup_s"] = startup
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--db", default=None, help="an existing demo database instead of var/bench-<N>.db")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    db_url = database(args.persons, args.db)
    work = Path(tempfile.mkdtemp(prefix="led-bench-"))
    persons = cli("demo", "persons", "--db", db_url, "--limit", "2000").split()
    rng = random.Random(11)
    lines = [geef_bewijs(rng.choice(persons)).decode().replace("\n", " ") for _ in range(2000)]
    (work / "bodies.txt").write_text("\n".join(lines) + "\n")

    port = free_port()
    gateway = measure(
        "gateway",
        [
            str(BIN / "led-gateway"),
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        port,
        work,
        args,
    )
    reply_bytes = gateway["reply_bytes"]
    port = free_port()
    floor = measure(
        "floor",
        [
            str(BIN / "python"),
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT / "benchmarks"),
            "-w",
            str(args.workers),
            "-k",
            "gthread",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "floor:app",
        ],
        port,
        work,
        args,
        env={"LED_FLOOR_REPLY_BYTES": str(reply_bytes), "PYTHONPATH": str(ROOT / "src")},
    )

    ratio = gateway["throughput"] / floor["throughput"]
    print(
        f"\nGeefBewijs, {args.persons} persons, {args.workers} workers, {args.connections} connections, "
        f"{args.duration} s, wrk"
    )
    print(
        f"{'':10}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'RSS MB':>8}{'start s':>9}"
    )
    for name, figures in (("gateway", gateway), ("floor", floor)):
        errors = figures["socket_errors"] + figures["non_2xx"]
        p50, p95, p99 = (figures[f"p{n}_us"] / 1000 for n in (50, 95, 99))
        print(
            f"{name:10}{figures['throughput']:10.0f}{p50:9.2f}{p95:9.2f}{p99:9.2f}{errors:8d}"
            f"{figures['peak_rss_mb_per_worker']:8.0f}{figures['startup_s']:9.2f}"
        )
    print(f"gateway / floor throughput: {ratio:.2f}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "args": vars(args) | {"json": str(args.json)},
                    "gateway": gateway,
                    "floor": floor,
                    "ratio": ratio,
                },
                indent=2,
            )
        )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
