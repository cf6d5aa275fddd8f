"""The FacturaE signature: XAdES-EPES under the FacturaE signature policy v3.1, checked by a
verifier Cartera did not write (`xmlsec1`) and by reading the signed properties.

Rules (docs/compliance.md, "FacturaE"): an enveloped signature, last child of fe:Facturae, still
valid against the FacturaE 3.2.2 schema; SignedProperties with SigningTime, SigningCertificate
(digest of the signer's certificate, issuer and serial number), SignaturePolicyIdentifier (the
policy's URL and the SHA-1 digest of the policy document) and SignerRole "emisor"; any change
after signing breaks it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from lxml import etree

from cartera_invoicing.certificates import samples as samples_of_certificates
from cartera_invoicing.domain.facturae import face_centres, facturae_xml
from cartera_invoicing.invoices.signing import SigningError, sign_facturae
from cartera_invoicing.xml_schemas import FACTURAE_XSD

from . import invoice_samples
from .facturae_checks import sha256_digest, signed_properties, verify_with_xmlsec1
from .test_facturae import load_schema

# What the policy document says of itself (facturae.gob.es, "Política de firma formato
# FacturaE" v3.1): typed here from the rule, not imported from the code under test.
POLICY_URL = (
    "http://www.facturae.es/politica_de_firma_formato_facturae/"
    "politica_de_firma_formato_facturae_v3_1.pdf"
)
POLICY_SHA1 = "Ohixl6upD6av8N7pEvDABhEL6hM="
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SIGNED_AT = dt.datetime(2026, 12, 6, 10, 15, 30, tzinfo=dt.UTC)
CENTRES = face_centres(
    oficina_contable="L01280053", organo_gestor="L01280053", unidad_tramitadora="LA0012345"
)


def pem(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def key_pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


class Signer:
    def __init__(self, kind: str) -> None:
        self.ca = samples_of_certificates.make_ca()
        self.leaf = samples_of_certificates.issue(
            samples_of_certificates.spanish_subject("B12345674", style="entity_seal"),
            ca=self.ca,
            key=samples_of_certificates.new_key(kind),  # type: ignore[arg-type]
        )

    def sign(self, document: bytes) -> bytes:
        return sign_facturae(
            document,
            private_key_pem=key_pem(self.leaf.key),
            certificate_chain_pem=pem(self.leaf.certificate) + pem(self.ca.certificate),
            signing_time=SIGNED_AT,
        )


@pytest.fixture(scope="module", params=["rsa", "ec"])
def signer(request) -> Signer:
    return Signer(request.param)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    return facturae_xml(invoice_samples.public_body_invoice(), administrative_centres=CENTRES)


@pytest.fixture(scope="module")
def signed(signer, unsigned) -> bytes:
    return signer.sign(unsigned)


def test_xmlsec1_verifies_the_signature_against_the_issuing_ca(signer, signed):
    verdict = verify_with_xmlsec1(signed, pem(signer.ca.certificate))
    assert verdict.ok, verdict.output
    assert "SignedInfo References (ok/all): 3/3" in verdict.output


def test_a_file_changed_after_signing_fails_xmlsec1(signer, signed):
    root = etree.fromstring(signed)
    total = root.find(".//InvoiceTotals/InvoiceTotal")
    assert total is not None
    total.text = "1.00"
    altered = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    verdict = verify_with_xmlsec1(altered, pem(signer.ca.certificate))
    assert not verdict.ok, verdict.output


def test_a_changed_signed_property_fails_xmlsec1(signer, signed):
    changed = signed.replace(b">emisor<", b">tercero<")
    assert changed != signed
    verdict = verify_with_xmlsec1(changed, pem(signer.ca.certificate))
    assert not verdict.ok, verdict.output


def test_another_ca_is_not_trusted(signed):
    verdict = verify_with_xmlsec1(signed, pem(samples_of_certificates.make_ca().certificate))
    assert not verdict.ok, verdict.output


def test_the_signed_properties_say_what_the_policy_asks(signer, signed):
    said = signed_properties(signed)
    assert said.signed_properties_referenced
    assert said.policy_identifier == POLICY_URL
    assert said.policy_digest_method == SHA1
    assert said.policy_digest == POLICY_SHA1
    assert said.claimed_roles == ("emisor",)
    assert said.signing_time is not None
    assert dt.datetime.fromisoformat(said.signing_time) == SIGNED_AT
    certificate = signer.leaf.certificate
    assert said.certificate_digest_method == SHA256
    assert said.certificate_digest == sha256_digest(certificate)
    assert said.serial_number == str(certificate.serial_number)
    assert said.issuer_name == certificate.issuer.rfc4514_string()


def test_the_signed_file_is_still_valid_facturae_with_the_signature_last(signed, unsigned):
    schema = load_schema(FACTURAE_XSD)
    root = etree.fromstring(signed)
    assert schema.validate(root), schema.error_log
    assert root[-1].tag == "{http://www.w3.org/2000/09/xmldsig#}Signature"
    # The invoice itself is untouched: the file minus the signature is the unsigned one.
    root.remove(root[-1])
    assert etree.tostring(root, method="c14n") == etree.tostring(
        etree.fromstring(unsigned), method="c14n"
    )


def test_a_key_that_is_not_the_certificates_is_refused(unsigned):
    ca = samples_of_certificates.make_ca()
    leaf = samples_of_certificates.issue(
        samples_of_certificates.spanish_subject("B12345674", style="entity_seal"), ca=ca
    )
    with pytest.raises(SigningError, match="not the certificate's"):
        sign_facturae(
            unsigned,
            private_key_pem=key_pem(samples_of_certificates.new_key()),
            certificate_chain_pem=pem(leaf.certificate),
            signing_time=SIGNED_AT,
        )
