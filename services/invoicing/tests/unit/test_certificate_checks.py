"""Opening a PKCS#12 and reading the NIF of a Spanish certificate: each refusal names the field
and the reason, and a hostile file costs nothing. Certificates are made with `cryptography`."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from cartera_invoicing.certificates.samples import (
    PASSWORD,
    issue,
    make_ca,
    new_key,
    pkcs12_file,
    spanish_subject,
)
from cartera_invoicing.domain.nif import holder_of, spanish_nif
from cartera_invoicing.domain.pkcs12 import (
    MAX_ITERATIONS,
    CertificateRefused,
    check_key_matches,
    iteration_counts,
    looks_like_pkcs12,
    open_pkcs12,
)

PERSON = "12345678Z"
COMPANY = "B12345674"
NIE = "X1234567L"
CA = make_ca()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def name(*attributes: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attributes])


def refused(data: bytes, password: str = PASSWORD) -> CertificateRefused:
    with pytest.raises(CertificateRefused) as caught:
        open_pkcs12(data, password, now=now())
    return caught.value


# ------------------------------------------------------------------ the NIF of a subject


@pytest.mark.parametrize(
    ("subject", "nif", "kind"),
    [
        # FNMT natural person today: serialNumber IDCES-, "SURNAMES NAME - NIF" as CN.
        (spanish_subject(PERSON, style="person"), PERSON, "person"),
        # Older certificates: the bare NIF, "- NIF <nif>" in the common name.
        (spanish_subject(PERSON, style="person_old"), PERSON, "person"),
        # A legal person's representative: the entity is who the AEAT sees.
        (
            spanish_subject(PERSON, style="representative", entity_nif=COMPANY),
            COMPANY,
            "entity",
        ),
        # A seal: the entity's CIF as serialNumber.
        (spanish_subject(COMPANY, style="entity_seal"), COMPANY, "entity"),
        (name((NameOID.SERIAL_NUMBER, f"TINES-{NIE}"), (NameOID.COMMON_NAME, "X")), NIE, "person"),
        (name((NameOID.COMMON_NAME, f"GARCIA LOPEZ ANA - NIF:{PERSON}")), PERSON, "person"),
        (name((NameOID.COMMON_NAME, f"GARCIA LOPEZ ANA - {PERSON}")), PERSON, "person"),
        (
            name((NameOID.COMMON_NAME, f"{PERSON} GARCIA LOPEZ ANA (R: {COMPANY})")),
            COMPANY,
            "entity",
        ),
        (name((NameOID.COMMON_NAME, f"{PERSON} GARCIA LOPEZ ANA")), PERSON, "person"),
        (name((NameOID.ORGANIZATION_IDENTIFIER, f"VATES-{COMPANY}")), COMPANY, "entity"),
        (name((NameOID.SERIAL_NUMBER, f"idces-{PERSON.lower()}")), PERSON, "person"),
    ],
)
def test_the_nif_is_read_where_spanish_providers_write_it(subject, nif, kind):
    holder = holder_of(subject)
    assert holder is not None
    assert (holder.nif, holder.kind) == (nif, kind)
    assert holder.name


def test_the_holders_name_comes_from_the_subject():
    person = holder_of(spanish_subject(PERSON, style="person", name="ANA GARCÍA LÓPEZ"))
    assert person is not None
    assert person.name == "ANA GARCÍA LÓPEZ"
    entity = holder_of(
        spanish_subject(
            PERSON, style="representative", entity_nif=COMPANY, entity_name="LEVANTE SL"
        )
    )
    assert entity is not None
    assert entity.name == "LEVANTE SL"
    old = holder_of(name((NameOID.COMMON_NAME, f"GARCIA LOPEZ ANA - NIF {PERSON}")))
    assert old is not None
    assert old.name == "GARCIA LOPEZ ANA"


@pytest.mark.parametrize(
    "subject",
    [
        name((NameOID.COMMON_NAME, "www.example.com")),
        name((NameOID.SERIAL_NUMBER, "IDCES-12345678A")),  # wrong control letter
        name((NameOID.COMMON_NAME, "GARCIA LOPEZ ANA - NIF 12345678A")),
        name((NameOID.ORGANIZATION_IDENTIFIER, "VATFR-12345678901")),  # another country's
        name((NameOID.SERIAL_NUMBER, "PASES-AB123456")),  # a passport names no NIF
        x509.Name([]),
    ],
)
def test_no_valid_spanish_nif_is_no_holder(subject):
    assert holder_of(subject) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12345678z", PERSON),
        ("ES B-1234567-4", COMPANY),
        (" x1234567l ", NIE),
        ("ESB12345674", COMPANY),
    ],
)
def test_nifs_are_stored_normalised(typed, stored):
    assert spanish_nif(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345678A", "B12345675", "ÑÑÑ", "1" * 40, "FERNANDEZ"])
def test_invalid_nifs_are_none(typed):
    assert spanish_nif(typed) is None


# ------------------------------------------------------------------ opening a PKCS#12


def test_a_valid_file_gives_its_certificate_chain_holder_and_key():
    intermediate = issue(
        name((NameOID.COMMON_NAME, "AC INTERMEDIA")), ca=CA, is_ca=True, purposes=None
    )
    leaf = issue(spanish_subject(PERSON), ca=intermediate, key=new_key("rsa"))
    # The chain given root first: it comes back leaf, intermediate, root.
    data = pkcs12_file(leaf.key, leaf.certificate, chain=[CA.certificate, intermediate.certificate])
    opened = open_pkcs12(data, PASSWORD, now=now())
    assert opened.holder.nif == PERSON
    assert opened.subject == leaf.certificate.subject.rfc4514_string()
    assert opened.issuer == "CN=AC INTERMEDIA"
    assert opened.serial == format(leaf.certificate.serial_number, "X")
    assert len(opened.fingerprint_sha256) == 64
    pems = [
        x509.load_pem_x509_certificate(block.encode() + b"-----END CERTIFICATE-----\n")
        for block in opened.chain_pem.split("-----END CERTIFICATE-----\n")
        if block.strip()
    ]
    assert pems == [leaf.certificate, intermediate.certificate, CA.certificate]
    key = serialization.load_pem_private_key(opened.private_key_pem, password=None)
    assert opened.private_key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS#8
    check_key_matches(leaf.certificate, key)  # type: ignore[arg-type]


def test_a_wrong_password_names_the_password_field():
    data = pkcs12_file(*_pair())
    for wrong in ("otra-contraseña", "", PASSWORD.upper()):
        refusal = refused(data, wrong)
        assert (refusal.field, refusal.code) == ("password", "wrong_password")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"\x00" * 100, "not_pkcs12"),
        (b"PK\x03\x04 a zip file, not a certificate", "not_pkcs12"),
        (b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "not_pkcs12"),
        (b"\x30\x80" * 5000, "not_pkcs12"),
    ],
)
def test_what_is_not_a_pkcs12_names_the_file_field(data, code):
    refusal = refused(data)
    assert (refusal.field, refusal.code) == ("file", code)


def test_a_truncated_file_is_damaged_not_a_wrong_password():
    data = pkcs12_file(*_pair())
    assert looks_like_pkcs12(data[:100])
    refusal = refused(data[: len(data) // 2])
    assert (refusal.field, refusal.code) == ("file", "damaged")


def test_a_file_nested_to_exhaust_the_reader_is_refused_at_once():
    """A PFX header followed by thousands of nested indefinite-length elements."""
    header = bytes.fromhex("3080020103308006092a864886f70d010701")
    hostile = header + b"\xa0\x80" * 20_000
    started = time.perf_counter()
    refusal = refused(hostile)
    assert refusal.field == "file"
    assert time.perf_counter() - started < 1


def test_a_file_asking_for_too_many_password_rounds_is_refused_unopened():
    key, certificate = _pair()
    heavy = pkcs12_file(key, certificate, rounds=MAX_ITERATIONS + 1)
    assert max(iteration_counts(heavy)) == MAX_ITERATIONS + 1
    started = time.perf_counter()
    refusal = refused(heavy)
    assert (refusal.field, refusal.code) == ("file", "too_many_iterations")
    # Opening it would derive keys a million times over; refusing it reads a few bytes.
    assert time.perf_counter() - started < 0.2
    ordinary = pkcs12_file(key, certificate, rounds=2048)
    assert set(iteration_counts(ordinary)) == {2048}
    assert open_pkcs12(ordinary, PASSWORD, now=now()).holder.nif == PERSON


def test_a_file_without_its_private_key_is_refused():
    _, certificate = _pair()
    refusal = refused(pkcs12_file(None, certificate))
    assert (refusal.field, refusal.code) == ("file", "no_private_key")


def test_a_file_with_a_key_and_no_certificate_is_refused():
    key, _ = _pair()
    refusal = refused(pkcs12_file(key, None))
    assert (refusal.field, refusal.code) == ("file", "no_certificate")


def test_a_key_that_belongs_to_another_certificate_is_refused():
    key, _ = _pair()
    _, someone_elses = _pair()
    # A key and a certificate that is not its own: the file cannot name the pair.
    refusal = refused(pkcs12_file(key, None, chain=[someone_elses]))
    assert (refusal.field, refusal.code) == ("file", "key_mismatch")
    with pytest.raises(CertificateRefused, match="does not match"):
        check_key_matches(someone_elses, key)


def test_an_expired_certificate_is_refused():
    expired = issue(spanish_subject(PERSON), ca=CA, valid_from_days=-400, days_left=-1)
    refusal = refused(pkcs12_file(expired.key, expired.certificate))
    assert (refusal.field, refusal.code) == ("file", "expired")
    assert "expired on" in refusal.message


def test_a_certificate_not_valid_yet_is_refused():
    early = issue(spanish_subject(PERSON), ca=CA, valid_from_days=2, days_left=400)
    refusal = refused(pkcs12_file(early.key, early.certificate))
    assert (refusal.field, refusal.code) == ("file", "not_yet_valid")


@pytest.mark.parametrize(
    "overrides",
    [
        {"purposes": (ExtendedKeyUsageOID.SERVER_AUTH,)},  # a web server's certificate
        {"purposes": (ExtendedKeyUsageOID.CODE_SIGNING,)},
        {"signature": False},  # key usage without digitalSignature: encryption only
        {"is_ca": True},
    ],
)
def test_a_certificate_not_meant_for_client_authentication_is_refused(overrides):
    issued = issue(spanish_subject(PERSON), ca=CA, **overrides)
    refusal = refused(pkcs12_file(issued.key, issued.certificate))
    assert refusal.field == "file"
    assert refusal.code in {"not_client_authentication", "ca_certificate"}


def test_without_extended_key_usage_or_with_any_purpose_it_is_accepted():
    for purposes in (None, (ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,)):
        issued = issue(spanish_subject(PERSON), ca=CA, purposes=purposes)
        opened = open_pkcs12(pkcs12_file(issued.key, issued.certificate), PASSWORD, now=now())
        assert opened.holder.nif == PERSON


def test_a_certificate_naming_no_spanish_nif_is_refused():
    issued = issue(name((NameOID.COMMON_NAME, "cliente.example.com")), ca=CA)
    refusal = refused(pkcs12_file(issued.key, issued.certificate))
    assert (refusal.field, refusal.code) == ("file", "no_nif")


def test_a_key_tls_cannot_use_is_refused():
    key = ed25519.Ed25519PrivateKey.generate()
    certificate = issue(spanish_subject(PERSON), ca=CA, key=key).certificate  # type: ignore[arg-type]
    data = pkcs12_file(key, certificate)  # type: ignore[arg-type]
    refusal = refused(data)
    assert (refusal.field, refusal.code) == ("file", "unsupported_key")


def test_company_and_representative_certificates_open_with_the_entitys_nif():
    for subject in (
        spanish_subject(COMPANY, style="entity_seal"),
        spanish_subject(PERSON, style="representative", entity_nif=COMPANY),
    ):
        issued = issue(subject, ca=CA)
        opened = open_pkcs12(pkcs12_file(issued.key, issued.certificate), PASSWORD, now=now())
        assert (opened.holder.nif, opened.holder.kind) == (COMPANY, "entity")


def test_a_refusal_never_carries_the_password_or_the_key():
    key, certificate = _pair()
    data = pkcs12_file(key, certificate)
    secret_word = "una-contraseña-que-no-es"
    refusal = refused(data, secret_word)
    assert secret_word not in str(refusal)
    assert secret_word not in repr(refusal.__cause__)


def _pair() -> tuple[object, x509.Certificate]:
    issued = issue(spanish_subject(PERSON), ca=CA)
    return issued.key, issued.certificate
