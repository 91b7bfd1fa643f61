"""Who is calling: client certificates over real HTTPS, a trusted proxy's header, signed Bodies."""

from __future__ import annotations

import ssl

import httpx
import pytest
from cryptography.hazmat.primitives import serialization

from tests.conftest import Server, new_demo_database, run_cli
from tests.messages import ACTIEF, geef_bewijs, reply_body, uitzonderingen
from tests.signing import fingerprint, key_and_certificate, sign

GEEF_BEWIJS = "/GeefBewijsDienst-02.00/soap/WebService"
ANDER = "demo.vlaanderen.be/afnemer-zonder-mutaties"


def write_pem(directory, name: str, key, certificate) -> tuple[str, str]:
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(cert_path), str(key_path)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA, a server certificate, and client certificates: registered, unregistered, foreign."""
    directory = tmp_path_factory.mktemp("pki")
    ca_key, ca = key_and_certificate("LED test CA", ca=True)
    made = {"ca": write_pem(directory, "ca", ca_key, ca)}
    for name in ("server", "afnemer", "onbekend"):
        key, certificate = key_and_certificate(name, issuer_key=ca_key, issuer_name="LED test CA")
        made[name] = write_pem(directory, name, key, certificate)
        made[name + "-fingerprint"] = fingerprint(certificate)
        made[name + "-key"], made[name + "-certificate"] = key, certificate
    foreign_key, foreign = key_and_certificate("elders")
    made["elders"] = write_pem(directory, "elders", foreign_key, foreign)
    return made


@pytest.fixture(scope="module")
def database(tmp_path_factory, pki):
    db_url = new_demo_database(tmp_path_factory.mktemp("callers"), persons=10)
    run_cli("certificaat", "add", ACTIEF, "--pem", pki["afnemer"][0], "--db", db_url)
    return db_url


@pytest.fixture(scope="module")
def person(database) -> str:
    return run_cli("demo", "persons", "--db", database, "--limit", "1").stdout.split()[0]


def client_options(pki, name: str | None) -> dict:
    context = ssl.create_default_context(cafile=pki["ca"][0])
    if name is not None:
        context.load_cert_chain(*pki[name])
    return {"verify": context}


@pytest.fixture(scope="module")
def https_server(database, pki, tmp_path_factory):
    server = Server(
        database,
        tmp_path_factory.mktemp("tls") / "server.log",
        "--tls-cert",
        pki["server"][0],
        "--tls-key",
        pki["server"][1],
        "--tls-client-ca",
        pki["ca"][0],
        scheme="https",
        client_options=client_options(pki, "afnemer"),
    )
    yield server
    server.stop()


def repliek_codes(response: httpx.Response) -> list[str]:
    return [u["Identificatie"] for u in uitzonderingen(reply_body(response.content), "Repliek")]


def test_a_registered_certificate_of_the_caller_is_served(https_server, person):
    response = https_server.post(GEEF_BEWIJS, geef_bewijs(person))
    assert repliek_codes(response) == []
    assert reply_body(response.content).findall(".//Bewijs")


def test_a_certificate_of_someone_else_is_refused(https_server, person):
    response = https_server.post(GEEF_BEWIJS, geef_bewijs(person, afzender=ANDER))
    assert repliek_codes(response) == ["40006"]
    assert "certificaat" in uitzonderingen(reply_body(response.content), "Repliek")[0]["Diagnose"]


def test_an_unregistered_certificate_is_refused(https_server, pki, person):
    response = httpx.post(
        https_server.base + GEEF_BEWIJS,
        content=geef_bewijs(person),
        timeout=10,
        headers={"Content-Type": "text/xml"},
        **client_options(pki, "onbekend"),
    )
    assert repliek_codes(response) == ["40006"]


@pytest.mark.parametrize("name", [None, "elders"])
def test_no_or_a_foreign_client_certificate_gets_no_connection(https_server, pki, person, name):
    with pytest.raises(httpx.HTTPError):
        httpx.post(
            https_server.base + GEEF_BEWIJS,
            content=geef_bewijs(person),
            timeout=10,
            headers={"Content-Type": "text/xml"},
            **client_options(pki, name),
        )


def test_a_trusted_proxy_header_carries_the_certificate(database, pki, person, tmp_path):
    server = Server(
        database,
        tmp_path / "server.log",
        "--certificate-header",
        "X-Client-Cert-Sha256",
        "--trusted-proxy",
        "127.0.0.1",
    )
    try:

        def ask(value: str) -> list[str]:
            return repliek_codes(
                httpx.post(
                    server.base + GEEF_BEWIJS,
                    content=geef_bewijs(person),
                    timeout=10,
                    headers={"Content-Type": "text/xml", "X-Client-Cert-Sha256": value},
                )
            )

        assert ask(pki["afnemer-fingerprint"]) == []
        assert ask(pki["onbekend-fingerprint"]) == ["40006"]
    finally:
        server.stop()


def test_the_header_of_an_untrusted_address_is_ignored(database, pki, person, tmp_path):
    server = Server(
        database,
        tmp_path / "server.log",
        "--certificate-header",
        "X-Client-Cert-Sha256",
        "--trusted-proxy",
        "192.0.2.1",
    )
    try:
        response = httpx.post(
            server.base + GEEF_BEWIJS,
            content=geef_bewijs(person, afzender=ANDER),
            timeout=10,
            headers={"Content-Type": "text/xml", "X-Client-Cert-Sha256": pki["afnemer-fingerprint"]},
        )
        assert repliek_codes(response) == []
    finally:
        server.stop()


def test_required_signatures(database, pki, person, tmp_path):
    server = Server(database, tmp_path / "server.log", "--require-signature")
    try:

        def ask(payload: bytes) -> list[str]:
            return repliek_codes(server.post(GEEF_BEWIJS, payload))

        assert ask(geef_bewijs(person)) == ["40006"]
        signed = sign(geef_bewijs(person), pki["afnemer-key"], pki["afnemer-certificate"])
        assert ask(signed) == []
        assert ask(sign(geef_bewijs(person), pki["onbekend-key"], pki["onbekend-certificate"])) == ["40006"]
        assert ask(signed.replace(person.encode(), person[:-1].encode() + b"0", 1)) == ["40006"]
    finally:
        server.stop()


def test_a_caller_over_its_rate_gets_99996_and_others_are_served(database, person, tmp_path):
    server = Server(database, tmp_path / "server.log", "--max-calls-per-second", "2")
    try:
        first = [repliek_codes(server.post(GEEF_BEWIJS, geef_bewijs(person))) for _ in range(6)]
        other = repliek_codes(server.post(GEEF_BEWIJS, geef_bewijs(person, afzender=ANDER)))
    finally:
        server.stop()
    assert first[0] == []
    assert ["99996"] in first
    assert other == []
