"""Independent checks of a signed FacturaE file: test code, the service never runs it.

The XML signature is checked by `xmlsec1` (Debian's package `xmlsec1`, the XML Security Library's
command line), a verifier Cartera did not write: it recomputes every reference's digest (the
document, the signed properties, the key info) and the signature value, and checks the signer's
certificate against the CA given as trusted. The XAdES signed properties are read with lxml and
compared with what the FacturaE signature policy asks for.

`make test` installs xmlsec1 when missing (deploy/local/test.sh); a missing xmlsec1 fails the tests
that need it (XmlsecMissing says how to install it), never skips them, so a signature never goes
unchecked silently.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
NAMESPACES = {"ds": DS, "xades": XADES}


class XmlsecMissing(Exception):
    """xmlsec1 is not installed."""


def xmlsec1() -> str:
    found = shutil.which("xmlsec1")
    if found is None:
        raise XmlsecMissing(
            "xmlsec1 is not installed (Debian: apt-get install xmlsec1; make test installs it)"
        )
    return found


@dataclass(frozen=True)
class Verification:
    ok: bool
    output: str


def verify_with_xmlsec1(document: bytes, trusted_ca_pem: bytes) -> Verification:
    """Run `xmlsec1 --verify` on `document`, trusting only `trusted_ca_pem`.

    The XAdES references point at elements by their `Id` attribute (SignedProperties, KeyInfo):
    `--id-attr` tells xmlsec1 which attribute is an ID, since no DTD declares it."""
    with tempfile.TemporaryDirectory() as folder:
        signed = Path(folder) / "signed.xsig"
        ca = Path(folder) / "ca.pem"
        signed.write_bytes(document)
        ca.write_bytes(trusted_ca_pem)
        # The program is xmlsec1 found on PATH, the arguments are this function's own.
        run = subprocess.run(
            [
                xmlsec1(),
                "--verify",
                "--trusted-pem",
                str(ca),
                "--id-attr:Id",
                f"{XADES}:SignedProperties",
                "--id-attr:Id",
                f"{DS}:KeyInfo",
                str(signed),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
    return Verification(run.returncode == 0, run.stdout + run.stderr)


@dataclass(frozen=True)
class SignedProperties:
    signing_time: str | None
    certificate_digest_method: str | None
    certificate_digest: str | None
    issuer_name: str | None
    serial_number: str | None
    policy_identifier: str | None
    policy_digest_method: str | None
    policy_digest: str | None
    claimed_roles: tuple[str, ...]
    signed_properties_referenced: bool


def signed_properties(document: bytes) -> SignedProperties:
    """What the signature's XAdES SignedProperties say, and whether SignedInfo references them."""
    root = etree.fromstring(document)
    signature = root[-1]
    assert signature.tag == f"{{{DS}}}Signature", "the signature is the root's last child"
    properties = signature.find(
        "ds:Object/xades:QualifyingProperties/xades:SignedProperties", NAMESPACES
    )
    assert properties is not None, "no xades:SignedProperties"

    def text(path: str) -> str | None:
        found = properties.find(path, NAMESPACES)
        return None if found is None else found.text

    base = "xades:SignedSignatureProperties/"
    cert = base + "xades:SigningCertificate/xades:Cert/"
    policy = base + "xades:SignaturePolicyIdentifier/xades:SignaturePolicyId/"
    digest_method = properties.find(cert + "xades:CertDigest/ds:DigestMethod", NAMESPACES)
    policy_method = properties.find(policy + "xades:SigPolicyHash/ds:DigestMethod", NAMESPACES)
    references = {
        (r.get("URI"), r.get("Type"))
        for r in signature.findall("ds:SignedInfo/ds:Reference", NAMESPACES)
    }
    return SignedProperties(
        signing_time=text(base + "xades:SigningTime"),
        certificate_digest_method=None if digest_method is None else digest_method.get("Algorithm"),
        certificate_digest=text(cert + "xades:CertDigest/ds:DigestValue"),
        issuer_name=text(cert + "xades:IssuerSerial/ds:X509IssuerName"),
        serial_number=text(cert + "xades:IssuerSerial/ds:X509SerialNumber"),
        policy_identifier=text(policy + "xades:SigPolicyId/xades:Identifier"),
        policy_digest_method=None if policy_method is None else policy_method.get("Algorithm"),
        policy_digest=text(policy + "xades:SigPolicyHash/ds:DigestValue"),
        claimed_roles=tuple(
            r.text or ""
            for r in properties.findall(
                base + "xades:SignerRole/xades:ClaimedRoles/xades:ClaimedRole", NAMESPACES
            )
        ),
        signed_properties_referenced=(
            f"#{properties.get('Id')}",
            "http://uri.etsi.org/01903#SignedProperties",
        )
        in references,
    )


def sha256_digest(certificate: x509.Certificate) -> str:
    """Base64 SHA-256 of a certificate's DER, computed here, not by the signing code."""
    der = certificate.public_bytes(serialization.Encoding.DER)
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")
