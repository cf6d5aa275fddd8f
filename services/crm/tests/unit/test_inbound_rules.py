"""Inbound signatures and sender matching, as pure rules."""

import hashlib
import hmac

import pytest

from cartera_crm.domain import contacts, signing

NOW = 1_790_000_000.0


def test_a_signature_over_timestamp_and_body_verifies_and_any_change_breaks_it():
    secret = signing.derive_secret("server-key", "salt-1")
    body = b'{"message_id": "1"}'
    signature = hmac.new(secret.encode(), b"1790000000." + body, hashlib.sha256).hexdigest()
    signing.verify([secret], "1790000000", body, f"sha256={signature}")
    signing.verify(["other", secret], "1790000000", body, signature.upper())
    for args in (
        ([secret], "1790000001", body, signature),
        ([secret], "1790000000", body + b" ", signature),
        (["whsec_other"], "1790000000", body, signature),
        ([secret], "1790000000", body, None),
        ([secret], "1790000000", body, ""),
        ([], "1790000000", body, signature),
    ):
        with pytest.raises(signing.BadSignature):
            signing.verify(*args)


def test_secrets_are_derived_per_salt_and_key():
    one = signing.derive_secret("server-key", "salt-1")
    assert one == signing.derive_secret("server-key", "salt-1")
    assert one != signing.derive_secret("server-key", "salt-2")
    assert one != signing.derive_secret("another-key", "salt-1")
    assert one.startswith("whsec_")
    assert len(signing.new_salt()) == 32


@pytest.mark.parametrize("stamp", [None, "", "abc", "-5", "1.5", "9" * 13])
def test_timestamps_must_be_unix_seconds(stamp):
    with pytest.raises(signing.BadSignature):
        signing.check_timestamp(stamp, NOW)


def test_timestamps_older_or_newer_than_five_minutes_are_refused():
    assert signing.check_timestamp(str(int(NOW) - 300), NOW) == str(int(NOW) - 300)
    assert signing.check_timestamp(str(int(NOW) + 300), NOW)
    for stamp in (int(NOW) - 301, int(NOW) + 301):
        with pytest.raises(signing.BadSignature):
            signing.check_timestamp(str(stamp), NOW)


@pytest.mark.parametrize(
    ("sender", "email"),
    [
        ("Marta Gil <Marta.Gil@Ferreteriasol.es>", "marta.gil@ferreteriasol.es"),
        ("  compras@ferreteriasol.es ", "compras@ferreteriasol.es"),
        ("+34 600 111 222", None),
        ("not an address", None),
        ("a@b", None),
    ],
)
def test_email_of(sender, email):
    assert contacts.email_of(sender) == email


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("+34 600 111 222", "600111222"),
        ("0034600111222", "600111222"),
        ("whatsapp:+34600111222", "600111222"),
        ("600-11-12-22", "600111222"),
        ("tel:912345678", "912345678"),
        ("12345", None),
        ("ana@x.es", None),
        ("llámame", None),
    ],
)
def test_phone_key(value, key):
    assert contacts.phone_key(value) == key
