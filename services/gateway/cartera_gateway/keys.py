"""API keys: `ck_<prefix>_<secret>` (live) and `ck_test_<prefix>_<secret>` (test mode, acting on
the tenant's sandbox twin). Only a SHA-256 of the secret is stored.

The `test` label is only a reading aid: which tenant a key acts on is stored with the key, and a
key whose label does not match what was stored (a live key sent as `ck_test_…`, or a test key with
the label taken off) is refused whole.

A fast hash is right here (unlike for passwords): the secret is 32 random bytes, so there is
nothing to brute-force, and every request checks one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

KEY_PREFIX = "ck"
TEST_LABEL = "test"


@dataclass(frozen=True)
class NewKey:
    prefix: str
    secret_hash: str
    plaintext: str


@dataclass(frozen=True)
class SentKey:
    prefix: str
    secret: str
    test: bool


def shown_prefix(prefix: str, *, test: bool) -> str:
    """How a key begins, as listed: `ck_<prefix>` or `ck_test_<prefix>`."""
    return f"{KEY_PREFIX}_{TEST_LABEL}_{prefix}" if test else f"{KEY_PREFIX}_{prefix}"


def generate_key(*, test: bool = False) -> NewKey:
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return NewKey(
        prefix=prefix,
        secret_hash=hash_secret(secret),
        plaintext=f"{shown_prefix(prefix, test=test)}_{secret}",
    )


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_key(plaintext: str) -> SentKey | None:
    """The parts of a key as sent; None if it has not the shape of one. A prefix is 12 hex
    digits, so `test` is never one and the two shapes cannot be confused."""
    head, _, rest = plaintext.partition("_")
    if head != KEY_PREFIX:
        return None
    test = rest.startswith(TEST_LABEL + "_")
    if test:
        rest = rest[len(TEST_LABEL) + 1 :]
    prefix, _, secret = rest.partition("_")
    if not prefix or not secret or prefix == TEST_LABEL:
        return None
    return SentKey(prefix=prefix, secret=secret, test=test)


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
