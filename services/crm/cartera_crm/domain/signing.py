"""Signatures of inbound webhooks.

The sender signs `<timestamp>.<raw body>` with HMAC-SHA256 and the tenant's inbound secret, and
sends `X-Cartera-Timestamp: <unix seconds>` and `X-Cartera-Signature: sha256=<hex>` (the prefix
is optional). A signature older or newer than five minutes is refused, so a captured request
cannot be replayed later; within the window the message id is what stops a replay (the body it
is in is signed). Mailgun signs only `<timestamp><token>`, so there each token is accepted once.

The secret itself is not stored: it is HMAC-SHA256(server key, "crm-inbound:" + salt), and only
the salt is kept, so a copy of the database alone does not let anyone sign messages.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

MAX_SKEW_SECONDS = 300


class BadSignature(Exception):
    pass


def new_salt() -> str:
    return secrets.token_hex(16)


def derive_secret(server_key: str, salt: str) -> str:
    digest = hmac.new(server_key.encode(), f"crm-inbound:{salt}".encode(), hashlib.sha256)
    return "whsec_" + base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def mac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The generic scheme: HMAC-SHA256 over `<timestamp>.<raw body>`."""
    return mac(secret, timestamp.encode() + b"." + body)


def check_timestamp(timestamp: str | None, now: float) -> str:
    if not timestamp or not timestamp.isdigit() or len(timestamp) > 12:
        raise BadSignature("The signature's timestamp must be the sending time in Unix seconds.")
    if abs(now - int(timestamp)) > MAX_SKEW_SECONDS:
        raise BadSignature(
            f"The signature's timestamp is more than {MAX_SKEW_SECONDS} seconds away from now."
        )
    return timestamp


def verify_mac(secrets_to_try: list[str], message: bytes, signature: str | None) -> None:
    """Constant-time check of a hex HMAC-SHA256 (optionally `sha256=`-prefixed)."""
    if not signature or not signature.strip():
        raise BadSignature("The message is not signed.")
    given = signature.strip().lower()
    if given.startswith("sha256="):
        given = given[len("sha256=") :]
    for secret in secrets_to_try:
        if hmac.compare_digest(mac(secret, message), given):
            return
    raise BadSignature("The signature does not match the message.")


def verify(secrets_to_try: list[str], timestamp: str, body: bytes, signature: str | None) -> None:
    verify_mac(secrets_to_try, timestamp.encode() + b"." + body, signature)
