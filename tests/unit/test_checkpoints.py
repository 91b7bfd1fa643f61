"""A serving SQLite database checkpoints its log from a thread, and its writers queue on a file lock."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

from led_gateway.repository.database import WalCheckpointer, make_engine, writer_lock


def _write_pages(engine, rows: int) -> None:
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x BLOB)")
        for _ in range(rows):
            cursor.execute("INSERT INTO t (x) VALUES (?)", (os.urandom(2000),))
    finally:
        connection.close()


def test_commits_leave_the_log_to_the_checkpointer(tmp_path):
    path = tmp_path / "led.db"
    engine = make_engine(f"sqlite:///{path}")
    _write_pages(engine, 3000)  # some 6,000 pages of log: past SQLite's default of 1,000
    assert path.stat().st_size < 1_000_000, "a commit checkpointed the log itself"
    WalCheckpointer(engine, interval=0.05).ensure_running()
    deadline = time.monotonic() + 10
    while path.stat().st_size < 6_000_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size >= 6_000_000, "the checkpointer did not copy the log into the database"
    engine.dispose()


def test_the_log_is_checkpointed_when_the_last_connection_closes(tmp_path):
    path = tmp_path / "led.db"
    engine = make_engine(f"sqlite:///{path}")
    _write_pages(engine, 3000)
    engine.dispose()
    assert path.stat().st_size >= 6_000_000
    assert not (tmp_path / "led.db-wal").exists()


def test_the_writer_lock_is_held_against_other_processes(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/led.db")
    lock = writer_lock(engine)
    probe = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError:\n    sys.exit(3)\n"
    )
    path = f"{tmp_path}/led.db.writer-lock"
    with lock:
        held = subprocess.run([sys.executable, "-c", probe, path]).returncode
    free = subprocess.run([sys.executable, "-c", probe, path]).returncode
    assert (held, free) == (3, 0)
    assert isinstance(writer_lock(make_engine("sqlite://")), contextlib.nullcontext)
