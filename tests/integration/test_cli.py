"""The command line as operators meet it: clear results, clear one-line errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import new_demo_database, run_cli


def test_db_init_creates_then_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path}/new/led.db"
    first = run_cli("db", "init", "--db", url)
    assert "upgraded from empty" in first.stdout
    again = run_cli("db", "init", "--db", url)
    assert "already at revision" in again.stdout


def test_demo_persons_prints_insz_with_bewijzen(demo_db):
    listed = run_cli("demo", "persons", "--db", demo_db, "--limit", "5").stdout.split()
    assert len(listed) == 5
    assert all(len(insz) == 11 and insz.isdigit() for insz in listed)
    assert listed == sorted(listed)


def test_demo_data_is_deterministic_per_seed(tmp_path):
    first = new_demo_database(tmp_path / "a", persons=30)
    second = new_demo_database(tmp_path / "b", persons=30)
    listing = [run_cli("demo", "persons", "--db", url, "--limit", "100").stdout for url in (first, second)]
    assert listing[0] == listing[1]


def assert_clear_failure(*args: str, words: str) -> None:
    result = run_cli(*args, check=False)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_loading_demo_data_twice_is_refused_and_changes_nothing(demo_db):
    before = run_cli("demo", "persons", "--db", demo_db, "--limit", "1000").stdout
    assert_clear_failure("demo", "load", "--db", demo_db, "--persons", "5", "--quiet", words="already holds")
    assert run_cli("demo", "persons", "--db", demo_db, "--limit", "1000").stdout == before


def test_an_invalid_database_url_is_a_clear_error():
    assert_clear_failure("db", "init", "--db", "nonsense://x", words="invalid database URL")


def test_an_unreachable_database_is_a_clear_error():
    assert_clear_failure(
        "db", "init", "--db", "postgresql+psycopg://led@127.0.0.1:1/none", words="database error"
    )


def test_commands_on_an_uninitialised_database_say_what_to_do(tmp_path):
    url = f"sqlite:///{tmp_path}/empty.db"
    for command in (("demo", "persons"), ("serve", "--port", "1"), ("demo", "load", "--quiet")):
        assert_clear_failure(*command, "--db", url, words="led-gateway db init")


def test_the_installed_script_runs():
    script = Path(sys.executable).parent / "led-gateway"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ("db", "demo", "serve"):
        assert command in result.stdout


def test_demo_load_next_to_a_writer_that_keeps_committing_waits_its_turn(tmp_path):
    """As a serving gateway commits audit records: loading must take the write lock up front."""
    path = tmp_path / "led.db"
    run_cli("db", "init", "--db", f"sqlite:///{path}")
    writer = sqlite3.connect(path, timeout=30, check_same_thread=False)
    writer.execute("CREATE TABLE drukte (x INTEGER)")
    writer.commit()
    stop = threading.Event()

    def keep_committing() -> None:
        while not stop.is_set():
            writer.execute("INSERT INTO drukte VALUES (1)")
            writer.commit()
            time.sleep(0.001)

    thread = threading.Thread(target=keep_committing)
    thread.start()
    try:
        load = ("demo", "load", "--db", f"sqlite:///{path}", "--persons", "300", "--quiet")
        result = run_cli(*load, check=False)
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert result.returncode == 0, result.stderr
    assert "loaded 300 persons" in result.stdout
