"""Keys, certificates and WS-Security signatures made on the spot, for the tests."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from led_gateway.wire.handtekening import DS, EXC_C14N, WSSE, WSU, X509_TOKEN, canonical
from led_gateway.wire.namespaces import SOAP_ENV


def key_and_certificate(name: str, issuer_key=None, issuer_name: str | None = None, ca: bool = False):
    """An RSA key and a certificate for ``name``, self-signed unless an issuer is given."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer_name or name)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    certificate = builder.sign(issuer_key or key, hashes.SHA256())
    return key, certificate


def der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(der(certificate)).hexdigest()


def sign(envelope_bytes: bytes, key, certificate: x509.Certificate) -> bytes:
    """The envelope with its Body signed: exclusive C14N, RSA-SHA256, certificate as BinarySecurityToken."""
    envelope = etree.fromstring(envelope_bytes)
    body = envelope.find(f"{{{SOAP_ENV}}}Body")
    body.set(f"{{{WSU}}}Id", "id-body")
    header = envelope.find(f"{{{SOAP_ENV}}}Header")
    if header is None:
        header = etree.Element(f"{{{SOAP_ENV}}}Header")
        envelope.insert(0, header)
    security = etree.SubElement(header, f"{{{WSSE}}}Security", nsmap={"wsse": WSSE, "wsu": WSU})
    token = etree.SubElement(security, f"{{{WSSE}}}BinarySecurityToken", ValueType=X509_TOKEN)
    token.set(f"{{{WSU}}}Id", "X509-1")
    token.text = base64.b64encode(der(certificate)).decode()
    signature = etree.SubElement(security, f"{{{DS}}}Signature", nsmap={"ds": DS})
    signed_info = etree.SubElement(signature, f"{{{DS}}}SignedInfo")
    etree.SubElement(signed_info, f"{{{DS}}}CanonicalizationMethod", Algorithm=EXC_C14N)
    etree.SubElement(
        signed_info, f"{{{DS}}}SignatureMethod", Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    )
    reference = etree.SubElement(signed_info, f"{{{DS}}}Reference", URI="#id-body")
    transforms = etree.SubElement(reference, f"{{{DS}}}Transforms")
    transform = etree.SubElement(transforms, f"{{{DS}}}Transform", Algorithm=EXC_C14N)
    etree.SubElement(reference, f"{{{DS}}}DigestMethod", Algorithm="http://www.w3.org/2001/04/xmlenc#sha256")
    digest = hashlib.sha256(canonical(body, transform)).digest()
    etree.SubElement(reference, f"{{{DS}}}DigestValue").text = base64.b64encode(digest).decode()
    value = key.sign(canonical(signed_info), padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, f"{{{DS}}}SignatureValue").text = base64.b64encode(value).decode()
    key_info = etree.SubElement(signature, f"{{{DS}}}KeyInfo")
    reference_to_token = etree.SubElement(
        etree.SubElement(key_info, f"{{{WSSE}}}SecurityTokenReference"),
        f"{{{WSSE}}}Reference",
        URI="#X509-1",
        ValueType=X509_TOKEN,
    )
    assert reference_to_token is not None
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
