"""The conformance simulator's certificates: its test CA, its server certificate, and client
certificates shaped like the Spanish ones the AEAT accepts. Test material only.

Spanish qualified certificates carry the holder's NIF in the subject (ETSI EN 319 412-1 semantic
identifiers, as the FNMT issues them): a natural person's as `serialNumber` "IDCES-<NIF>", a
legal entity's as `organizationIdentifier` "VATES-<NIF>" (on a representative's certificate,
`serialNumber` is then the representative's own NIF). The AEAT identifies who sends by that NIF.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
SERVER_CERT = "server.pem"
SERVER_KEY = "server-key.pem"
PERSON_PREFIX = "IDCES-"
COMPANY_PREFIX = "VATES-"


@dataclass(frozen=True)
class Authority:
    certificate: x509.Certificate
    key: PrivateKey


@dataclass(frozen=True)
class ClientCertificate:
    certificate: x509.Certificate
    key: PrivateKey
    chain: tuple[x509.Certificate, ...]

    @property
    def certificate_pem(self) -> bytes:
        return b"".join(
            c.public_bytes(serialization.Encoding.PEM) for c in (self.certificate, *self.chain)
        )

    @property
    def private_key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def pkcs12(self, password: bytes, friendly_name: bytes = b"cartera-test") -> bytes:
        return pkcs12.serialize_key_and_certificates(
            friendly_name,
            self.key,
            self.certificate,
            list(self.chain) or None,
            serialization.BestAvailableEncryption(password),
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, replacing any file there."""
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def _key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _new_key(kind: str = "ec") -> PrivateKey:
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def new_authority(common_name: str = "Cartera AEAT simulator test CA") -> Authority:
    key = _new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ES"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cartera (test only)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
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
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def load_or_create_authority(state_dir: Path) -> Authority:
    """The CA kept in `state_dir` (ca.pem, ca-key.pem), made on first use: clients that trust
    ca.pem keep trusting the simulator across restarts."""
    state_dir.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = state_dir / CA_CERT, state_dir / CA_KEY
    if cert_path.is_file() and key_path.is_file():
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) and (
            certificate.not_valid_after_utc > _now() + dt.timedelta(days=30)
        ):
            return Authority(certificate, key)
    authority = new_authority()
    _write_private(key_path, _key_pem(authority.key))
    cert_path.write_bytes(authority.certificate.public_bytes(serialization.Encoding.PEM))
    return authority


def _leaf_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=True,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _leaf(
    authority: Authority,
    subject: x509.Name,
    key: PrivateKey,
    *,
    not_before: dt.datetime,
    not_after: dt.datetime,
    server: bool,
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_leaf_usage(), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.IPAddress(ipaddress.ip_address("::1")),
                ]
            ),
            critical=False,
        )
    return builder.sign(authority.key, hashes.SHA256())


def server_files(state_dir: Path, authority: Authority) -> tuple[Path, Path]:
    """The server certificate for 127.0.0.1 / localhost and its key, reused while valid."""
    cert_path, key_path = state_dir / SERVER_CERT, state_dir / SERVER_KEY
    if cert_path.is_file() and key_path.is_file():
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if (
            certificate.issuer == authority.certificate.subject
            and certificate.not_valid_after_utc > _now() + dt.timedelta(days=1)
        ):
            try:
                certificate.verify_directly_issued_by(authority.certificate)
            except (ValueError, TypeError, InvalidSignature):
                pass
            else:
                return cert_path, key_path
    key = _new_key()
    now = _now()
    certificate = _leaf(
        authority,
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]),
        key,
        not_before=now - dt.timedelta(hours=1),
        not_after=now + dt.timedelta(days=365),
        server=True,
    )
    _write_private(key_path, _key_pem(key))
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def mint_client(
    authority: Authority,
    *,
    nif: str,
    name: str,
    company: bool = False,
    representative_nif: str | None = None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    key_type: str = "rsa",
) -> ClientCertificate:
    """A client certificate naming `nif` as Spanish certificates do.

    A person's: serialNumber IDCES-<nif>, CN "<name> - <nif>". A company's (a representative's
    certificate for a legal entity): organizationIdentifier VATES-<nif>, O <name>, and the
    representative's own serialNumber when given. The default window is valid from an hour ago
    for two years; pass one in the past or the future to get an expired or not yet valid one.
    """
    now = _now()
    start = not_before or now - dt.timedelta(hours=1)
    end = not_after or now + dt.timedelta(days=730)
    if end <= start:
        raise ValueError("a certificate must end after it starts")
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ES")]
    if company:
        attributes += [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, COMPANY_PREFIX + nif),
        ]
        if representative_nif:
            attributes.append(
                x509.NameAttribute(NameOID.SERIAL_NUMBER, PERSON_PREFIX + representative_nif)
            )
        attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, f"{name} (R: {nif})"[:64]))
    else:
        attributes += [
            x509.NameAttribute(NameOID.SERIAL_NUMBER, PERSON_PREFIX + nif),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name} - {nif}"[:64]),
        ]
    key = _new_key(key_type)
    certificate = _leaf(
        authority, x509.Name(attributes), key, not_before=start, not_after=end, server=False
    )
    return ClientCertificate(certificate, key, (authority.certificate,))


def nif_of(certificate: x509.Certificate) -> str | None:
    """The NIF a certificate's holder is: the entity's for a representative's certificate."""
    subject = certificate.subject
    for attribute in subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER):
        value = str(attribute.value).strip().upper()
        if value.startswith(COMPANY_PREFIX):
            return value[len(COMPANY_PREFIX) :]
    for attribute in subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        value = str(attribute.value).strip().upper()
        for prefix in (PERSON_PREFIX, "IDESP-"):
            if value.startswith(prefix):
                value = value[len(prefix) :]
        if len(value) == 9 and value.isalnum():
            return value
    return None
