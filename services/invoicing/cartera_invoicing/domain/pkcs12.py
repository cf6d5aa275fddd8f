"""Opening a PKCS#12 file (`.p12`, `.pfx`) and deciding whether it can serve as the client
certificate of VERI*FACTU submissions: every refusal names the form field to fix and says why.

Checked, in this order: the bytes are a PKCS#12 at all (its outer DER shape, RFC 7292 section 4);
its key-derivation work is bounded (see below); the password opens it; it holds one private key
and the certificate of that key; the certificate is valid now; it may authenticate a TLS client
(key usage and extended key usage, RFC 5280 sections 4.2.1.3 and 4.2.1.12, when present); and
a Spanish NIF can be read from its subject (domain/nif.py). Whose NIF it must be is the store's
question (certificates.py), since it depends on the tenant.

A PKCS#12 file chooses how many times its password is hashed. A hostile one asking for two
billion rounds would hold a worker for many minutes before failing, so the iteration counts
written in the clear (the MAC's and every password-based encryption's) are read first and a file
over MAX_ITERATIONS is refused unopened. Counts inside encrypted bags cannot be seen before the
outer layer is opened; the outer ones bound the work in practice (real files use 2,000-10,000).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID

from cartera_invoicing.domain.nif import Holder, holder_of

Field = Literal["file", "password"]
MAX_ITERATIONS = 1_000_000
_MAX_DEPTH = 24
_MAX_NODES = 20_000

# RFC 7292: PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData OPTIONAL }, the
# ContentInfo of type data (1.2.840.113549.1.7.1) or signedData (...7.2).
_VERSION_3 = bytes.fromhex("020103")
_CONTENT_TYPES = (
    bytes.fromhex("06092a864886f70d010701"),
    bytes.fromhex("06092a864886f70d010702"),
)
_SEQUENCE, _INTEGER, _OCTET_STRING, _OCTET_STRING_CONSTRUCTED = 0x30, 0x02, 0x04, 0x24


class CertificateRefused(Exception):
    """The upload cannot be the tenant's certificate; `field` is the form field to fix and
    `code` names the reason for programs (the problem's `errors[].type`)."""

    def __init__(self, field: Field, message: str, *, code: str) -> None:
        super().__init__(message)
        self.field: Field = field
        self.message = message
        self.code = code


@dataclass(frozen=True)
class OpenedCertificate:
    """What a PKCS#12 file held, checked. `private_key_pem` is unencrypted PKCS#8: it lives in
    memory until the store encrypts it, and is never logged or returned."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # the others in the file, leaf's issuer first
    holder: Holder
    private_key_pem: bytes

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()

    @property
    def serial(self) -> str:
        return format(self.certificate.serial_number, "X")

    @property
    def fingerprint_sha256(self) -> str:
        return fingerprint(self.certificate)

    @property
    def not_before(self) -> dt.datetime:
        return self.certificate.not_valid_before_utc

    @property
    def not_after(self) -> dt.datetime:
        return self.certificate.not_valid_after_utc

    @property
    def chain_pem(self) -> str:
        return "".join(
            c.public_bytes(serialization.Encoding.PEM).decode()
            for c in (self.certificate, *self.chain)
        )


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


# ------------------------------------------------------------------ the file's shape


def _header(data: bytes, at: int) -> tuple[int, int, int | None]:
    """(tag, offset of the content, length or None when indefinite) of the element at `at`."""
    if at + 2 > len(data):
        raise ValueError("truncated")
    tag, first = data[at], data[at + 1]
    if tag & 0x1F == 0x1F:
        raise ValueError("high tag numbers are not used by PKCS#12")
    if first < 0x80:
        return tag, at + 2, first
    if first == 0x80:
        return tag, at + 2, None
    size = first & 0x7F
    if size > 4 or at + 2 + size > len(data):
        raise ValueError("bad length")
    return tag, at + 2 + size, int.from_bytes(data[at + 2 : at + 2 + size], "big")


def _elements(data: bytes, start: int, end: int | None) -> list[tuple[int, bytes, bool]]:
    """The elements from `start` to `end` (or to an end-of-contents mark), as (tag, content,
    constructed); indefinite lengths (BER, which some tools write) are followed."""
    found: list[tuple[int, bytes, bool]] = []
    at = start
    while end is None or at < end:
        if end is None and data[at : at + 2] == b"\x00\x00":
            return found
        tag, content, length = _header(data, at)
        if length is None:
            if not tag & 0x20:
                raise ValueError("indefinite primitive")
            inner = _span_of_indefinite(data, content)
            found.append((tag, data[content:inner], True))
            at = inner + 2
        else:
            if content + length > (len(data) if end is None else end):
                raise ValueError("element overruns its container")
            found.append((tag, data[content : content + length], bool(tag & 0x20)))
            at = content + length
    if at != end:
        raise ValueError("trailing bytes")
    return found


def _span_of_indefinite(data: bytes, start: int, depth: int = 0) -> int:
    """Where the end-of-contents mark of an indefinite element starting at `start` is."""
    if depth > _MAX_DEPTH:
        raise ValueError("nested too deep")
    at = start
    while data[at : at + 2] != b"\x00\x00":
        if at >= len(data):
            raise ValueError("no end-of-contents mark")
        _, content, length = _header(data, at)
        at = (
            _span_of_indefinite(data, content, depth + 1) + 2
            if length is None
            else content + length
        )
        if at > len(data):
            raise ValueError("element overruns the file")
    return at


def looks_like_pkcs12(data: bytes) -> bool:
    """The outer shape of a PFX: a SEQUENCE that starts with version 3 and a ContentInfo of type
    data or signedData. Enough to tell a PKCS#12 opened with a wrong password from another file."""
    try:
        tag, content, _ = _header(data, 0)
        if tag != _SEQUENCE or data[content : content + 3] != _VERSION_3:
            return False
        tag, inner, _ = _header(data, content + 3)
    except (ValueError, IndexError):
        return False
    return tag == _SEQUENCE and data[inner : inner + 11] in _CONTENT_TYPES


def iteration_counts(data: bytes) -> list[int]:
    """Every iteration count written in the clear: the MAC's (MacData ::= SEQUENCE { mac, macSalt
    OCTET STRING, iterations INTEGER }) and those of the password-based schemes (PKCS#12 PBE and
    PBKDF2 parameters both begin with the salt, an OCTET STRING, then the count, an INTEGER).
    Octet strings that hold DER are searched too: that is where PKCS#12 nests its bags."""
    counts: list[int] = []
    budget = [_MAX_NODES]

    def integer(content: bytes) -> int:
        # Anything longer than 4 bytes is a count no real file has: read it as too many.
        return int.from_bytes(content, "big") if len(content) <= 4 else MAX_ITERATIONS + 1

    def walk(blob: bytes, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise ValueError("nested too deep")
        try:
            children = _elements(blob, 0, len(blob))
        except (ValueError, IndexError):
            return  # not DER inside: an ordinary octet string (a salt, a key id, ciphertext)
        budget[0] -= len(children)
        if budget[0] < 0:
            raise ValueError("too many elements")
        tags = [tag for tag, _, _ in children]
        if tags[:2] == [_OCTET_STRING, _INTEGER]:
            counts.append(integer(children[1][1]))
        if tags[:3] == [_SEQUENCE, _OCTET_STRING, _INTEGER]:
            counts.append(integer(children[2][1]))
        for tag, content, constructed in children:
            if tag == _OCTET_STRING_CONSTRUCTED:
                pieces = _elements(content, 0, len(content)) if content else []
                walk(b"".join(piece for _, piece, _ in pieces), depth + 1)
            elif constructed or tag == _OCTET_STRING:
                walk(content, depth + 1)

    _, content, length = _header(data, 0)
    end = _span_of_indefinite(data, content) if length is None else content + length
    if end > len(data):
        raise ValueError("the file ends before its outer element does")
    walk(data[content:end], 0)
    return counts


# ------------------------------------------------------------------ opening and checking


def open_pkcs12(data: bytes, password: str, *, now: dt.datetime) -> OpenedCertificate:
    """The certificate and key of `data`, checked; CertificateRefused says what is wrong."""
    if not data:
        raise CertificateRefused("file", "The file is empty.", code="empty_file")
    if data.lstrip().startswith(b"-----BEGIN"):
        raise CertificateRefused(
            "file",
            "The file is PEM text, not a PKCS#12 file: export the certificate with its private "
            "key as .p12 or .pfx.",
            code="not_pkcs12",
        )
    if not looks_like_pkcs12(data):
        raise CertificateRefused(
            "file", "The file is not a PKCS#12 (.p12 or .pfx) file.", code="not_pkcs12"
        )
    try:
        rounds = max(iteration_counts(data), default=1)
    except (ValueError, IndexError, RecursionError) as exc:
        raise CertificateRefused(
            "file", "The PKCS#12 file is damaged or truncated.", code="damaged"
        ) from exc
    if rounds > MAX_ITERATIONS:
        raise CertificateRefused(
            "file",
            f"The PKCS#12 file asks for {rounds:,} password iterations; at most "
            f"{MAX_ITERATIONS:,} are accepted. Export it again with the usual settings.",
            code="too_many_iterations",
        )
    try:
        opened = pkcs12.load_pkcs12(data, password.encode() if password else None)
    except ValueError as exc:
        raise CertificateRefused(
            "password", "The password does not open the PKCS#12 file.", code="wrong_password"
        ) from exc
    except Exception as exc:  # the library's own errors for a file it cannot read
        raise CertificateRefused(
            "file", "The PKCS#12 file cannot be read.", code="damaged"
        ) from exc
    key = opened.key
    others = [c.certificate for c in opened.additional_certs]
    if key is None:
        raise CertificateRefused(
            "file",
            "The file holds no private key: export the certificate together with its key.",
            code="no_private_key",
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateRefused(
            "file",
            "The private key is of a kind the AEAT's TLS does not take (only RSA or EC).",
            code="unsupported_key",
        )
    if opened.cert is None:
        if others:
            raise CertificateRefused(
                "file",
                "The private key does not match any certificate in the file.",
                code="key_mismatch",
            )
        raise CertificateRefused("file", "The file holds no certificate.", code="no_certificate")
    certificate = opened.cert.certificate
    check_key_matches(certificate, key)
    check_validity(certificate, now)
    check_client_authentication(certificate)
    holder = holder_of(certificate.subject)
    if holder is None:
        raise CertificateRefused(
            "file",
            "No Spanish NIF can be read from the certificate's subject (serialNumber, "
            "organizationIdentifier or common name).",
            code="no_nif",
        )
    return OpenedCertificate(
        certificate=certificate,
        chain=tuple(_chain_order(certificate, others)),
        holder=holder,
        private_key_pem=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def check_key_matches(
    certificate: x509.Certificate, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
) -> None:
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != certificate.public_key().public_bytes(*spki):
        raise CertificateRefused(
            "file", "The private key does not match the certificate.", code="key_mismatch"
        )


def check_validity(certificate: x509.Certificate, now: dt.datetime) -> None:
    if now < certificate.not_valid_before_utc:
        raise CertificateRefused(
            "file",
            f"The certificate is not valid yet: from "
            f"{certificate.not_valid_before_utc.isoformat()} on.",
            code="not_yet_valid",
        )
    if now > certificate.not_valid_after_utc:
        raise CertificateRefused(
            "file",
            f"The certificate expired on {certificate.not_valid_after_utc.isoformat()}.",
            code="expired",
        )


def check_client_authentication(certificate: x509.Certificate) -> None:
    """A TLS client proves itself with a signature (RFC 5280 4.2.1.3: digitalSignature), and an
    extended key usage, when there is one, must name client authentication (4.2.1.12)."""
    extensions = certificate.extensions
    try:
        constraints = extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is not None and constraints.ca:
        raise CertificateRefused(
            "file",
            "The certificate is a certification authority's, not a holder's.",
            code="ca_certificate",
        )
    try:
        usage = extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not usage.digital_signature:
        raise CertificateRefused(
            "file",
            "The certificate is not meant for client authentication: its key usage lacks "
            "digitalSignature.",
            code="not_client_authentication",
        )
    try:
        purposes = extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not {ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE} & set(
        purposes
    ):
        raise CertificateRefused(
            "file",
            "The certificate is not meant for client authentication: its extended key usage "
            "does not include clientAuth.",
            code="not_client_authentication",
        )


def _chain_order(leaf: x509.Certificate, others: list[x509.Certificate]) -> list[x509.Certificate]:
    """The other certificates from the leaf's issuer upwards; any that are not on its path
    follow, as the file gave them."""
    remaining = list(others)
    ordered: list[x509.Certificate] = []
    current = leaf
    while True:
        parent = next(
            (c for c in remaining if c.subject == current.issuer and c.subject != current.subject),
            None,
        )
        if parent is None:
            break
        ordered.append(parent)
        remaining.remove(parent)
        current = parent
    return ordered + remaining
