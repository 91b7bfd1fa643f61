"""Real SOAP clients, built only from the served WSDL, read a person's bewijzen."""

from __future__ import annotations

import uuid
from datetime import datetime

import zeep
from suds.client import Client as SudsClient

from tests.messages import ACTIEF

WSDL = "/GeefBewijsDienst-02.00/soap/WebService?wsdl"


def verzoek(insz: str, referte: str) -> dict:
    now = datetime.now()
    return {
        "Context": {
            "Naam": "GeefBewijs",
            "Versie": "02.00.0000",
            "Bericht": {
                "Type": "VRAAG",
                "Tijdstip": {"Datum": now.strftime("%Y-%m-%d"), "Tijd": now.strftime("%H:%M:%S.000")},
                "Afzender": {"Identificatie": ACTIEF, "Referte": referte, "Hoedanigheid": "1300"},
            },
        },
        "Vragen": {"Vraag": {"Referte": referte, "Inhoud": {"INSZ": insz}}},
    }


def test_zeep_reads_bewijzen(server, persons):
    client = zeep.Client(server.base + WSDL)
    referte = str(uuid.uuid4())
    repliek = client.service.GeefBewijs(Verzoek=verzoek(persons[0], referte))
    antwoord = repliek.Antwoorden.Antwoord
    assert antwoord.Referte == referte
    bewijzen = antwoord.Inhoud.Bewijzen.Bewijs
    assert bewijzen and all(persons[0] == b.PersoonUitgereikt.INSZ for b in bewijzen)
    assert bewijzen[0].Afgeleid.ISCEDNiveau.Code


def test_zeep_sees_a_refusal_as_repliek_uitzondering(server, persons):
    client = zeep.Client(server.base + WSDL)
    request = verzoek(persons[0], "r-1")
    request["Context"]["Bericht"]["Afzender"]["Identificatie"] = "onbekend.example/afnemer"
    repliek = client.service.GeefBewijs(Verzoek=request)
    assert repliek.Antwoorden is None
    assert repliek.Uitzonderingen.Uitzondering[0].Identificatie == "40006"


def test_suds_reads_bewijzen(server, persons):
    client = SudsClient(server.base + WSDL, cache=None)
    reply = client.service.GeefBewijs(Verzoek=verzoek(persons[0], str(uuid.uuid4())))
    repliek = getattr(reply, "Repliek", reply)
    bewijzen = repliek.Antwoorden.Antwoord.Inhoud.Bewijzen.Bewijs
    assert persons[0] == bewijzen[0].PersoonUitgereikt.INSZ


def test_zeep_reaches_isbeschikbaar(server):
    client = zeep.Client(server.base + "/IsBeschikbaarDienst-02.00/soap/WebService?wsdl")
    now = datetime.now()
    request = verzoek("0", "probe-1")
    request["Context"]["Naam"] = "IsBeschikbaar"
    request["Vragen"]["Vraag"]["Inhoud"] = {
        "VraagTijd": {"Datum": now.strftime("%Y-%m-%d"), "Tijd": "10:00:00.000"}
    }
    repliek = client.service.IsBeschikbaar(Verzoek=request)
    inhoud = repliek.Antwoorden.Antwoord.Inhoud
    assert inhoud.VraagTijd.Tijd == "10:00:00.000"
    assert inhoud.AntwoordTijd.Datum == now.strftime("%Y-%m-%d")
