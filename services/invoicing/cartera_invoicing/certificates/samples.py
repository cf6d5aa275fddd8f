"""Certificates and PKCS#12 files made in code, shaped as Spanish providers shape theirs (for the
tests, the local demo and anything that needs a certificate it can throw away).

Nothing here is a real certificate: each is signed by a test CA made on the spot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
Style = Literal["person", "person_old", "representative", "entity_seal"]
PASSWORD = "Contraseña-de-prueba-1"


def new_key(kind: Literal["ec", "rsa"] = "ec") -> PrivateKey:
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def spanish_subject(
    nif: str,
    *,
    style: Style = "person",
    name: str = "ESPAÑOL ESPAÑOL JUAN",
    entity_nif: str | None = None,
    entity_name: str = "TALLERES ARANDA SL",
) -> x509.Name:
    """A subject as the FNMT and other Spanish providers write it, for each kind of holder."""
    attribute = x509.NameAttribute
    if style == "person":  # today's FNMT natural-person certificate
        given, _, surnames = name.partition(" ")
        return x509.Name(
            [
                attribute(NameOID.COUNTRY_NAME, "ES"),
                attribute(NameOID.SERIAL_NUMBER, f"IDCES-{nif}"),
                attribute(NameOID.GIVEN_NAME, given),
                attribute(NameOID.SURNAME, surnames),
                attribute(NameOID.COMMON_NAME, f"{surnames} {given} - {nif}"),
            ]
        )
    if style == "person_old":  # older ones: the bare NIF, and "NIF" in the common name
        return x509.Name(
            [
                attribute(NameOID.COUNTRY_NAME, "ES"),
                attribute(NameOID.SERIAL_NUMBER, nif),
                attribute(NameOID.COMMON_NAME, f"NOMBRE {name} - NIF {nif}"),
            ]
        )
    if style == "representative":  # a legal person's representative: the entity is the holder
        assert entity_nif is not None
        return x509.Name(
            [
                attribute(NameOID.COUNTRY_NAME, "ES"),
                attribute(NameOID.ORGANIZATION_NAME, entity_name),
                attribute(NameOID.ORGANIZATION_IDENTIFIER, f"VATES-{entity_nif}"),
                attribute(NameOID.SERIAL_NUMBER, f"IDCES-{nif}"),
                attribute(NameOID.COMMON_NAME, f"{nif} {name} (R: {entity_nif})"),
            ]
        )
    # An entity's seal: the CIF as serialNumber, the entity's name.
    return x509.Name(
        [
            attribute(NameOID.COUNTRY_NAME, "ES"),
            attribute(NameOID.ORGANIZATION_NAME, entity_name),
            attribute(NameOID.SERIAL_NUMBER, nif),
            attribute(NameOID.COMMON_NAME, f"SELLO {entity_name}"),
        ]
    )


@dataclass(frozen=True)
class Issued:
    key: PrivateKey
    certificate: x509.Certificate


def make_ca(name: str = "AC CARTERA PRUEBAS") -> Issued:
    key = new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ES"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "CARTERA PRUEBAS"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=3650))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return Issued(key, certificate)


def _usage(*, signature: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signature,
        content_commitment=signature,
        key_encipherment=True,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def issue(
    subject: x509.Name,
    *,
    ca: Issued,
    days_left: float = 365,
    valid_from_days: float = -30,
    key: PrivateKey | None = None,
    signature: bool = True,
    purposes: Sequence[x509.ObjectIdentifier] | None = (
        ExtendedKeyUsageOID.CLIENT_AUTH,
        ExtendedKeyUsageOID.EMAIL_PROTECTION,
    ),
    is_ca: bool = False,
) -> Issued:
    """A certificate for `subject`, signed by `ca`, valid from `valid_from_days` (negative: in
    the past) until `days_left` days from now."""
    key = key or new_key()
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=valid_from_days))
        .not_valid_after(now + dt.timedelta(days=days_left))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(_usage(signature=signature), critical=True)
    )
    if purposes is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(purposes)), critical=False)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def pkcs12_file(
    key: PrivateKey | None,
    certificate: x509.Certificate | None,
    *,
    chain: Sequence[x509.Certificate] = (),
    password: str = PASSWORD,
    rounds: int | None = None,
) -> bytes:
    """A PKCS#12 as a provider's export makes one (AES-256 and SHA-256 when `rounds` is given)."""
    if rounds is None:
        protection: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password.encode())
        )
    else:
        protection = (
            serialization.PrivateFormat.PKCS12.encryption_builder()
            .kdf_rounds(rounds)
            .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
            .hmac_hash(hashes.SHA256())
            .build(password.encode())
        )
    return pkcs12.serialize_key_and_certificates(
        b"cartera", key, certificate, list(chain) or None, protection
    )


def certificate_file(
    nif: str,
    *,
    ca: Issued | None = None,
    style: Style = "person",
    entity_nif: str | None = None,
    days_left: float = 365,
    password: str = PASSWORD,
) -> bytes:
    """A ready PKCS#12 of a certificate for `nif`, with its CA in the chain."""
    ca = ca or make_ca()
    issued = issue(
        spanish_subject(nif, style=style, entity_nif=entity_nif), ca=ca, days_left=days_left
    )
    return pkcs12_file(issued.key, issued.certificate, chain=[ca.certificate], password=password)
