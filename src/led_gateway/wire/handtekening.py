"""WS-Security signatures on the SOAP Body, as MAGDA's clients send them.

The sender signs the Body (referenced by its ``wsu:Id``) with XML-DSig,
exclusive canonicalisation, and puts its certificate in a
``wsse:BinarySecurityToken``. :func:`verify` checks the digest of the Body,
the signature over SignedInfo with the token's public key, and returns the
certificate's SHA-256 fingerprint, so that the access policy can check it is
a registered certificate of the caller.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from led_gateway.wire.certificaat import fingerprint_of_der
from led_gateway.wire.namespaces import SOAP_ENV

WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
X509_TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"

DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": hashlib.sha256,
    "http://www.w3.org/2000/09/xmldsig#sha1": hashlib.sha1,
}
SIGNATURES = {
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256,
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": hashes.SHA1,
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": hashes.SHA256,
}
_NS = {"wsse": WSSE, "wsu": WSU, "ds": DS, "soapenv": SOAP_ENV}


class HandtekeningFout(ValueError):
    """The message carries no valid signature of its Body."""


def canonical(element: etree._Element, transform: etree._Element | None = None) -> bytes:
    """Exclusive C14N (without comments) of ``element``, honouring an InclusiveNamespaces PrefixList."""
    prefixes = None
    if transform is not None:
        inclusive = transform.find(f"{{{EXC_C14N}}}InclusiveNamespaces")
        if inclusive is not None:
            prefixes = inclusive.get("PrefixList", "").split() or None
    return etree.tostring(
        element, method="c14n", exclusive=True, with_comments=False, inclusive_ns_prefixes=prefixes
    )


def _one(parent: etree._Element, path: str, what: str) -> etree._Element:
    found = parent.xpath(path, namespaces=_NS)
    if len(found) != 1:
        raise HandtekeningFout(f"{what} ontbreekt of staat er meer dan eens")
    return found[0]


def _b64(text: str | None, what: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise HandtekeningFout(f"{what} is geen geldige base64") from None


def _certificate(security: etree._Element, signature: etree._Element) -> x509.Certificate:
    reference = _one(
        signature, "ds:KeyInfo/wsse:SecurityTokenReference/wsse:Reference", "de sleutelverwijzing"
    )
    token_id = (reference.get("URI") or "").removeprefix("#")
    tokens = [
        t for t in security.iterfind(f"{{{WSSE}}}BinarySecurityToken") if t.get(f"{{{WSU}}}Id") == token_id
    ]
    if len(tokens) != 1:
        raise HandtekeningFout("het BinarySecurityToken van de handtekening ontbreekt")
    try:
        return x509.load_der_x509_certificate(_b64(tokens[0].text, "het BinarySecurityToken"))
    except ValueError:
        raise HandtekeningFout("het BinarySecurityToken is geen X.509-certificaat") from None


def _check_body_digest(envelope: etree._Element, signed_info: etree._Element) -> None:
    body = envelope.find(f"{{{SOAP_ENV}}}Body")
    body_id = body.get(f"{{{WSU}}}Id") if body is not None else None
    if not body_id:
        raise HandtekeningFout("de Body heeft geen wsu:Id en is dus niet ondertekend")
    references = signed_info.xpath(f"ds:Reference[@URI='#{body_id}']", namespaces=_NS)
    if len(references) != 1:
        raise HandtekeningFout("de handtekening verwijst niet naar de Body")
    reference = references[0]
    transforms = reference.findall(f"{{{DS}}}Transforms/{{{DS}}}Transform")
    if [t.get("Algorithm") for t in transforms] != [EXC_C14N]:
        raise HandtekeningFout("enkel exclusieve canonicalisatie wordt aanvaard als transformatie")
    digest = DIGESTS.get(_one(reference, "ds:DigestMethod", "de DigestMethod").get("Algorithm"))
    if digest is None:
        raise HandtekeningFout("onbekende DigestMethod")
    expected = _b64(reference.findtext(f"{{{DS}}}DigestValue"), "de DigestValue")
    if digest(canonical(body, transforms[0])).digest() != expected:
        raise HandtekeningFout("de Body is gewijzigd na ondertekening (digest klopt niet)")


def _check_signature(
    signed_info: etree._Element, signature: etree._Element, certificate: x509.Certificate
) -> None:
    method = _one(signed_info, "ds:CanonicalizationMethod", "de CanonicalizationMethod").get("Algorithm")
    if method != EXC_C14N:
        raise HandtekeningFout("enkel exclusieve canonicalisatie wordt aanvaard voor SignedInfo")
    algorithm = SIGNATURES.get(_one(signed_info, "ds:SignatureMethod", "de SignatureMethod").get("Algorithm"))
    if algorithm is None:
        raise HandtekeningFout("onbekende SignatureMethod")
    value = _b64(signature.findtext(f"{{{DS}}}SignatureValue"), "de SignatureValue")
    key = certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(value, canonical(signed_info), padding.PKCS1v15(), algorithm())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(value, canonical(signed_info), ec.ECDSA(algorithm()))
        else:
            raise HandtekeningFout("het sleuteltype van het certificaat wordt niet ondersteund")
    except InvalidSignature:
        raise HandtekeningFout("de handtekening klopt niet") from None


def verify(envelope: etree._Element) -> str:
    """The SHA-256 fingerprint of the certificate that validly signed the Body, or HandtekeningFout."""
    security = _one(envelope, "soapenv:Header/wsse:Security", "de wsse:Security-header")
    signature = _one(security, "ds:Signature", "de ds:Signature")
    signed_info = _one(signature, "ds:SignedInfo", "de ds:SignedInfo")
    _check_body_digest(envelope, signed_info)
    certificate = _certificate(security, signature)
    _check_signature(signed_info, signature, certificate)
    return fingerprint_of_der(certificate.public_bytes(Encoding.DER))
