"""Passwords of people: argon2id hashes (argon2-cffi), never the passwords themselves."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's argon2id setting (19 MiB, two passes, one lane). A hash holds its memory while it runs:
# the library's default (64 MiB) made every sign-in a 64 MiB spike, the gateway's peak memory.
# Hashes made with other settings carry them and still verify; a sign-in replaces them.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the e-mail is unknown, so the answer takes as long as for a known one.
_DUMMY_HASH = _hasher.hash("not a password anybody has")
# Hashing runs off the event loop (argon2 releases the GIL) in two threads of its own: a burst of
# sign-ins waits in their queue, neither stalling every other request nor multiplying the memory.
_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="argon2")

MIN_LENGTH = 12


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, _hasher.hash, password)


def _verify(password: str, stored_hash: str | None) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password: str, stored_hash: str | None) -> bool:
    return await asyncio.get_running_loop().run_in_executor(
        _HASHING, _verify, password, stored_hash
    )


def needs_rehash(stored_hash: str) -> bool:
    """Whether a hash that just verified was made with other settings than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def weakness(password: str, email: str) -> str | None:
    """Why a password is refused, or None."""
    if len(password) < MIN_LENGTH:
        return f"at least {MIN_LENGTH} characters"
    if len(set(password)) < 5:
        return "too few different characters"
    if email.split("@")[0].lower() in password.lower():
        return "it contains the e-mail address"
    return None
