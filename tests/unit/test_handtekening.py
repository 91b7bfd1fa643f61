"""WS-Security signatures of the Body: valid ones name their certificate, anything else is refused."""

from __future__ import annotations

import pytest
from lxml import etree
from tests.messages import geef_bewijs
from tests.signing import fingerprint, key_and_certificate, sign

from led_gateway.wire.handtekening import HandtekeningFout, verify


@pytest.fixture(scope="module")
def signer():
    return key_and_certificate("afnemer-test")


def test_a_valid_signature_names_its_certificate(signer):
    key, certificate = signer
    signed = etree.fromstring(sign(geef_bewijs("85073112345"), key, certificate))
    assert verify(signed) == fingerprint(certificate)


def test_a_body_changed_after_signing_is_refused(signer):
    signed = sign(geef_bewijs("85073112345"), *signer).replace(b"85073112345", b"85073112346")
    with pytest.raises(HandtekeningFout, match="digest"):
        verify(etree.fromstring(signed))


def test_a_signature_by_another_key_is_refused(signer):
    _, certificate = signer
    other_key, _ = key_and_certificate("iemand-anders")
    with pytest.raises(HandtekeningFout, match="klopt niet"):
        verify(etree.fromstring(sign(geef_bewijs("85073112345"), other_key, certificate)))


def test_an_unsigned_message_is_refused():
    with pytest.raises(HandtekeningFout, match="Security"):
        verify(etree.fromstring(geef_bewijs("85073112345")))


def test_a_signature_that_does_not_cover_the_body_is_refused(signer):
    signed = sign(geef_bewijs("85073112345"), *signer).replace(b'URI="#id-body"', b'URI="#iets-anders"')
    with pytest.raises(HandtekeningFout, match="Body"):
        verify(etree.fromstring(signed))


def test_whitespace_and_prefixes_that_c14n_ignores_do_not_matter(signer):
    signed = etree.fromstring(sign(geef_bewijs("85073112345"), *signer))
    reparsed = etree.fromstring(etree.tostring(signed))
    assert verify(reparsed) == fingerprint(signer[1])
