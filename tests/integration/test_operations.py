"""What an operator's tooling asks of a running gateway: /health, and /metrics with --metrics."""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import CLI, Server, free_port
from tests.messages import geef_bewijs

GEEF_BEWIJS = "/GeefBewijsDienst-02.00/soap/WebService"


def test_health_says_ok_while_the_database_answers(server):
    response = httpx.get(server.base + "/health", timeout=10)
    assert (response.status_code, response.text) == (200, "ok\n")


def test_metrics_are_served_only_when_asked_for(server):
    assert httpx.get(server.base + "/metrics", timeout=10).status_code == 404
    assert "/metrics" not in httpx.get(server.base + "/", timeout=10).text


def samples(scrape: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a Prometheus text exposition, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(scrape)
        for sample in family.samples
    }


def test_metrics_add_up_the_calls_of_every_worker_and_of_this_run_only(demo_db, tmp_path, persons):
    figures = tmp_path / "metrics"
    figures.mkdir()
    (figures / "counter_1.db").write_bytes(b"figures of an earlier run")  # unreadable if kept
    gateway = Server(
        demo_db,
        tmp_path / "server.log",
        "--workers", "2", "--threads", "1", "--metrics",
        env={"PROMETHEUS_MULTIPROC_DIR": str(figures)},
    )  # fmt: skip
    try:
        calls = [geef_bewijs(persons[n % len(persons)]) for n in range(24)] + [geef_bewijs("00000000000")]
        with ThreadPoolExecutor(4) as pool:  # more calls at once than a worker has threads
            replies = list(pool.map(lambda call: gateway.post(GEEF_BEWIJS, call), calls))
        scrapes = [httpx.get(gateway.base + "/metrics", timeout=10) for _ in range(6)]
    finally:
        gateway.stop()
    assert all(reply.status_code == 200 for reply in replies)
    workers = {path.stem.rpartition("_")[2] for path in figures.glob("counter_*.db")}
    assert len(workers) == 2, f"the calls did not reach both workers: {workers}"
    for scrape in scrapes:
        assert scrape.status_code == 200 and scrape.headers["content-type"].startswith("text/plain")
        found = samples(scrape.text)
        geef_bewijs_calls = {("dienst", "GeefBewijs"), ("uitkomst", "beantwoord")}
        assert found[("led_gateway_calls_total", frozenset(geef_bewijs_calls))] == 24
        refused = {("dienst", "GeefBewijs"), ("uitkomst", "uitzondering")}
        assert found[("led_gateway_calls_total", frozenset(refused))] == 1
        invalid_insz = {("dienst", "GeefBewijs"), ("code", "20002")}
        assert found[("led_gateway_uitzonderingen_total", frozenset(invalid_insz))] == 1
        durations = {("dienst", "GeefBewijs")}
        assert found[("led_gateway_call_duration_seconds_count", frozenset(durations))] == 25


def test_a_metrics_directory_holding_other_files_is_refused_and_left_alone(demo_db, tmp_path):
    figures = tmp_path / "metrics"
    figures.mkdir()
    (figures / "counter_1.db").write_bytes(b"figures of an earlier run")
    (figures / "led.db").write_bytes(b"somebody's database")
    result = subprocess.run(
        [*CLI, "serve", "--db", demo_db, "--port", str(free_port()), "--metrics"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(figures)},
    )
    assert result.returncode == 1
    assert "not Prometheus figures (led.db)" in result.stderr and "Traceback" not in result.stderr
    assert sorted(path.name for path in figures.iterdir()) == ["counter_1.db", "led.db"]
