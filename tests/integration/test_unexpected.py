"""An unexpected error inside a dienst: a generic Repliek-level 99999 whose reference is in the log."""

from __future__ import annotations

import re
import sqlite3

from tests.conftest import Server, new_demo_database, run_cli
from tests.messages import geef_bewijs, reply_body, uitzonderingen

GEEF_BEWIJS = "/GeefBewijsDienst-02.00/soap/WebService"


def test_a_damaged_row_gives_99999_with_a_reference_in_the_log_and_no_trace(tmp_path):
    db_url = new_demo_database(tmp_path, persons=10)
    damaged, healthy = run_cli("demo", "persons", "--db", db_url, "--limit", "2").stdout.split()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as connection:
        connection.execute("UPDATE bewijzen SET wire = substr(wire, 1, 100) WHERE insz = ?", (damaged,))
    server = Server(db_url, tmp_path / "server.log")
    try:
        response = server.post(GEEF_BEWIJS, geef_bewijs(damaged))
        after = server.post(GEEF_BEWIJS, geef_bewijs(healthy))
    finally:
        server.stop()
    assert response.status_code == 200
    assert b"Traceback" not in response.content and b"damaged" not in response.content.lower()
    [fout] = uitzonderingen(reply_body(response.content), "Repliek")
    assert fout["Identificatie"] == "99999"
    reference = re.search(r"referentie ([0-9a-f-]{36})", fout["Diagnose"]).group(1)
    assert f"unexpected error, reference {reference}" in (tmp_path / "server.log").read_text()
    assert reply_body(after.content).findall(".//Bewijs")
