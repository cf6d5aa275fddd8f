"""Passwords of people: argon2id hashes (argon2-cffi), never the passwords themselves."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified when the e-mail is unknown, so the answer takes as long as for a known one.
_DUMMY_HASH = _hasher.hash("not a password anybody has")

MIN_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, stored_hash: str | None) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def weakness(password: str, email: str) -> str | None:
    """Why a password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(set(password)) < 5:
        return "too few different characters"
    if email.split("@")[0].lower() in password.lower():
        return "it contains the e-mail address"
    return None
