"""Ask the LED gateway for a person's bewijzen with zeep, built from the served WSDL.

    make run                                   # in another terminal
    .venv/bin/python examples/zeep_client.py [INSZ] [--url http://127.0.0.1:8080]

Without an INSZ it asks for the first demo person (``led-gateway demo persons``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import uuid
from datetime import datetime

import zeep

AFNEMER = "demo.vlaanderen.be/afnemer-actief"
HOEDANIGHEID = "1300"


def verzoek(insz: str) -> dict:
    now = datetime.now()
    referte = str(uuid.uuid4())
    return {
        "Context": {
            "Naam": "GeefBewijs",
            "Versie": "02.00.0000",
            "Bericht": {
                "Type": "VRAAG",
                "Tijdstip": {"Datum": now.strftime("%Y-%m-%d"), "Tijd": now.strftime("%H:%M:%S.000")},
                "Afzender": {"Identificatie": AFNEMER, "Referte": referte, "Hoedanigheid": HOEDANIGHEID},
            },
        },
        "Vragen": {"Vraag": {"Referte": referte, "Inhoud": {"INSZ": insz}}},
    }


def first_demo_person() -> str:
    listed = subprocess.run(
        [sys.executable, "-m", "led_gateway", "demo", "persons", "--limit", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    return listed.stdout.split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("insz", nargs="?")
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    args = parser.parse_args()
    insz = args.insz or first_demo_person()

    client = zeep.Client(f"{args.url}/GeefBewijsDienst-02.00/soap/WebService?wsdl")
    repliek = client.service.GeefBewijs(Verzoek=verzoek(insz))  # zeep unwraps GeefBewijsResponse
    if repliek.Uitzonderingen:
        for u in repliek.Uitzonderingen.Uitzondering:
            print(f"refused: {u.Identificatie} {u.Diagnose}")
        return
    antwoord = repliek.Antwoorden.Antwoord
    if antwoord.Uitzonderingen:
        for u in antwoord.Uitzonderingen.Uitzondering:
            print(f"{u.Type} {u.Identificatie}: {u.Diagnose}")
    if antwoord.Inhoud:
        for bewijs in antwoord.Inhoud.Bewijzen.Bewijs:
            basis = bewijs.Basis
            print(
                f"{basis.Uitreikingsdatum.Jaar}  {bewijs.Leverancier.Naam:<22} {basis.Bewijstype.Naam:<14} "
                f"{basis.VolledigeNaam}  [{basis.Authenticiteit.Naam}]"
            )


if __name__ == "__main__":
    main()
