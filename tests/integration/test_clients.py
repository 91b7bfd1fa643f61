"""Real SOAP clients, built only from the served WSDL, read a person's bewijzen."""

from __future__ import annotations

import importlib.util
from datetime import datetime

import zeep
from suds.client import Client as SudsClient

from tests.conftest import ROOT

WSDL = "/GeefBewijsDienst-02.00/soap/WebService?wsdl"


def load_example():
    """The request builder of examples/zeep_client.py: the tests use what developers copy."""
    spec = importlib.util.spec_from_file_location("zeep_client_example", ROOT / "examples" / "zeep_client.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = load_example()


def verzoek(insz: str) -> dict:
    return example.verzoek(insz)


def test_zeep_reads_bewijzen(server, persons):
    client = zeep.Client(server.base + WSDL)
    request = verzoek(persons[0])
    referte = request["Vragen"]["Vraag"]["Referte"]
    repliek = client.service.GeefBewijs(Verzoek=request)
    antwoord = repliek.Antwoorden.Antwoord
    assert antwoord.Referte == referte
    bewijzen = antwoord.Inhoud.Bewijzen.Bewijs
    assert bewijzen and all(persons[0] == b.PersoonUitgereikt.INSZ for b in bewijzen)
    assert bewijzen[0].Afgeleid.ISCEDNiveau.Code


def test_zeep_sees_a_refusal_as_repliek_uitzondering(server, persons):
    client = zeep.Client(server.base + WSDL)
    request = verzoek(persons[0])
    request["Context"]["Bericht"]["Afzender"]["Identificatie"] = "onbekend.example/afnemer"
    repliek = client.service.GeefBewijs(Verzoek=request)
    assert repliek.Antwoorden is None
    assert repliek.Uitzonderingen.Uitzondering[0].Identificatie == "40006"


def test_suds_reads_bewijzen(server, persons):
    client = SudsClient(server.base + WSDL, cache=None)
    reply = client.service.GeefBewijs(Verzoek=verzoek(persons[0]))
    repliek = getattr(reply, "Repliek", reply)
    bewijzen = repliek.Antwoorden.Antwoord.Inhoud.Bewijzen.Bewijs
    assert persons[0] == bewijzen[0].PersoonUitgereikt.INSZ


def test_zeep_reaches_isbeschikbaar(server):
    client = zeep.Client(server.base + "/IsBeschikbaarDienst-02.00/soap/WebService?wsdl")
    now = datetime.now()
    request = verzoek("0")
    request["Context"]["Naam"] = "IsBeschikbaar"
    request["Vragen"]["Vraag"]["Inhoud"] = {
        "VraagTijd": {"Datum": now.strftime("%Y-%m-%d"), "Tijd": "10:00:00.000"}
    }
    repliek = client.service.IsBeschikbaar(Verzoek=request)
    inhoud = repliek.Antwoorden.Antwoord.Inhoud
    assert inhoud.VraagTijd.Tijd == "10:00:00.000"
    assert inhoud.AntwoordTijd.Datum == now.strftime("%Y-%m-%d")
