"""The XAdES-EPES signature of a FacturaE file, under the FacturaE signature policy.

FACe and the other entry points of the public administrations accept only signed FacturaE files
(Ley 25/2013 art. 5 and Orden HAP/1074/2014: an advanced electronic signature based on a qualified
certificate, in the FacturaE format's signature policy). What is built here:

- an enveloped `ds:Signature`, the last child of `fe:Facturae` (the schema's last, optional
  element), whose first reference is the whole document (URI "", enveloped-signature transform);
- XAdES 1.3.2 `SignedProperties`, themselves signed (second reference, type SignedProperties):
  `SigningTime`; `SigningCertificate` with the certificate's SHA-256 digest and its issuer and
  serial number (`IssuerSerial`); `SignaturePolicyIdentifier` with the policy's identifier and the
  SHA-1 digest of the policy document; `SignerRole`/`ClaimedRoles` = "emisor" (the supplier signs
  its own invoice; FacturaE's policy names the roles "emisor", "receptor" and "tercero");
- `KeyInfo` with the certificate chain (and signed as the third reference, as the policy asks for
  the certificate to be protected by the signature).

The library is signxml (`signxml.xades.XAdESSigner`): it writes the XML-DSig and XAdES structure;
this module only chooses the policy, the role, the time and the shape of `SigningCertificate`
(signxml 5 writes the XAdES 1.4.1 `SigningCertificateV2` without `IssuerSerial`, which the
FacturaE policy, written for XAdES 1.3.2, does not know).

The key never leaves this call: it comes decrypted from the certificate store
(`certificates.signing_credentials`) and is dropped after the signature. The signed bytes are
returned as they must be sent: re-serialising them (pretty-printing, another encoding) would break
the signature.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.xades.xades import XAdESDataObjectFormat, XAdESSignaturePolicy, XAdESSigner

# "Política de Firma Formato FacturaE" v3.1, published by the Ministerio de Hacienda on
# facturae.gob.es; XAdES-EPES signatures identify it by this URL and the SHA-1 digest of the PDF.
POLICY_IDENTIFIER = (
    "http://www.facturae.es/politica_de_firma_formato_facturae/"
    "politica_de_firma_formato_facturae_v3_1.pdf"
)
POLICY_DIGEST_SHA1 = "Ohixl6upD6av8N7pEvDABhEL6hM="
POLICY_DESCRIPTION = "Política de Firma FacturaE v3.1"
# The supplier signs its own invoices (InvoiceIssuerType EM in the file).
SIGNER_ROLE = "emisor"
XADES_NAMESPACE = "http://uri.etsi.org/01903/v1.3.2#"
DS_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
DOCUMENT_DESCRIPTION = "Factura electrónica"


class SigningError(Exception):
    """The certificate or key cannot sign (unsupported key type, key and certificate differ)."""


class _FacturaeSigner(XAdESSigner):
    """signxml's XAdES signer with a given signing time and a XAdES 1.3.2 SigningCertificate."""

    def __init__(self, *, signing_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._signing_time = signing_time

    def add_signing_time(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        element = etree.SubElement(signed_signature_properties, xades_tag("SigningTime"))
        element.text = self._signing_time.astimezone(dt.UTC).isoformat(timespec="seconds")

    def add_signing_certificate(
        self, signed_signature_properties: Any, sig_root: Any, signing_settings: Any
    ) -> None:
        # Only the signer's own certificate (the chain's first): the policy identifies the
        # signer by it; the intermediate certificates travel in KeyInfo.
        leaf = _as_certificate(signing_settings.cert_chain[0])
        signing_certificate = etree.SubElement(
            signed_signature_properties, xades_tag("SigningCertificate")
        )
        cert = etree.SubElement(signing_certificate, xades_tag("Cert"))
        digest = etree.SubElement(cert, xades_tag("CertDigest"))
        etree.SubElement(digest, ds_tag("DigestMethod"), Algorithm=DigestAlgorithm.SHA256.value)
        value = etree.SubElement(digest, ds_tag("DigestValue"))
        value.text = certificate_digest(leaf)
        issuer_serial = etree.SubElement(cert, xades_tag("IssuerSerial"))
        etree.SubElement(
            issuer_serial, ds_tag("X509IssuerName")
        ).text = leaf.issuer.rfc4514_string()
        etree.SubElement(issuer_serial, ds_tag("X509SerialNumber")).text = str(leaf.serial_number)


def xades_tag(name: str) -> str:
    return f"{{{XADES_NAMESPACE}}}{name}"


def ds_tag(name: str) -> str:
    return f"{{{DS_NAMESPACE}}}{name}"


def certificate_digest(certificate: x509.Certificate) -> str:
    """Base64 SHA-256 of the certificate's DER, as CertDigest carries it."""
    der = certificate.public_bytes(serialization.Encoding.DER)
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def _as_certificate(value: Any) -> x509.Certificate:
    if isinstance(value, x509.Certificate):
        return value
    return x509.load_pem_x509_certificate(value if isinstance(value, bytes) else value.encode())


def sign_facturae(
    document: bytes,
    *,
    private_key_pem: bytes,
    certificate_chain_pem: bytes,
    signing_time: dt.datetime,
) -> bytes:
    """`document` (an unsigned FacturaE file) with its XAdES-EPES signature, as bytes to send.

    `certificate_chain_pem`: the signer's certificate first, then its issuers."""
    key = serialization.load_pem_private_key(private_key_pem, password=None)
    chain = x509.load_pem_x509_certificates(certificate_chain_pem)
    if not chain:
        raise SigningError("no certificate to sign with")
    if chain[0].public_key().public_numbers() != key.public_key().public_numbers():  # type: ignore[union-attr]
        raise SigningError("the private key is not the certificate's")
    if isinstance(key, rsa.RSAPrivateKey):
        algorithm = SignatureMethod.RSA_SHA256
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        algorithm = SignatureMethod.ECDSA_SHA256
    else:
        raise SigningError(f"a {type(key).__name__} key cannot sign FacturaE (RSA or EC only)")
    signer = _FacturaeSigner(
        signing_time=signing_time,
        signature_policy=XAdESSignaturePolicy(
            Identifier=POLICY_IDENTIFIER,
            Description=POLICY_DESCRIPTION,
            DigestMethod=DigestAlgorithm.SHA1,
            DigestValue=POLICY_DIGEST_SHA1,
        ),
        claimed_roles=[SIGNER_ROLE],
        data_object_format=XAdESDataObjectFormat(
            Description=DOCUMENT_DESCRIPTION, MimeType="text/xml"
        ),
        signature_algorithm=algorithm,
        digest_algorithm=DigestAlgorithm.SHA256,
        # Inclusive C14N 1.0: what every FacturaE validator reads (1.1 is not always supported).
        c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    root = etree.fromstring(document, parser=etree.XMLParser(resolve_entities=False))
    signed = signer.sign(root, key=key, cert=list(chain), always_add_key_value=False)
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))
