"""The internal identity the gateway forwards: a short-lived signed token every service checks.

Services are not meant to be reachable from outside; this token is the second wall. It names the
tenant, the subject (a user or an API key), its scopes and the request id, and lives one minute.

- **Audience per service.** A token names the one service it is for (`aud` = `cartera-<service>`),
  so a token seen on its way to invoicing cannot be replayed against clients.
- **Rotation.** A service signs with its current secret and accepts the current one and, until a
  configured instant, the previous one (`InternalKeys`), so changing the secret causes no 401s as
  long as callees are rolled before their callers (see docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated

import jwt
from fastapi import Depends, Header, Request

from cartera_shared.logging import request_id_var, tenant_id_var
from cartera_shared.problems import Forbidden, Unauthorized
from cartera_shared.tenancy import is_test_tenant

INTERNAL_TOKEN_HEADER = "X-Cartera-Identity"
ISSUER = "cartera-gateway"
TOKEN_TTL_SECONDS = 60
ALGORITHM = "HS256"
# Every secret that signs or encrypts is at least this long (RFC 7518 §3.2: an HS256 key is at
# least as long as the hash, 256 bits).
MIN_SECRET_BYTES = 32


def audience(service: str) -> str:
    """The `aud` claim of a token meant for `service`."""
    return f"cartera-{service}"


def key_id(secret: str) -> str:
    """A short public fingerprint of a secret: tells which key signed a token, reveals nothing."""
    return hashlib.sha256(b"cartera-internal-key:" + secret.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class InternalKeys:
    """The secret this process signs with, and the ones it accepts."""

    current: str
    previous: str | None = None
    # The previous secret is accepted until then (None: as long as it is configured).
    previous_until: dt.datetime | None = None

    def accepted(self, now: dt.datetime | None = None) -> dict[str, str]:
        keys = {key_id(self.current): self.current}
        if self.previous is not None:
            now = now or dt.datetime.now(dt.UTC)
            if self.previous_until is None or now < self.previous_until:
                keys.setdefault(key_id(self.previous), self.previous)
        return keys


@dataclass(frozen=True)
class Identity:
    tenant_id: uuid.UUID
    subject: str
    scopes: frozenset[str] = field(default_factory=frozenset)
    request_id: str | None = None

    @property
    def test(self) -> bool:
        """A test API key's identity: its tenant is a sandbox (cartera_shared.tenancy)."""
        return is_test_tenant(self.tenant_id)

    @property
    def mode(self) -> str:
        return "test" if self.test else "live"

    def allows(self, scope: str) -> bool:
        resource = scope.split(":", 1)[0]
        return scope in self.scopes or f"{resource}:*" in self.scopes or "*" in self.scopes


def issue_internal_token(
    identity: Identity, secret: str, *, service: str, ttl: int = TOKEN_TTL_SECONDS
) -> str:
    """A token for one call to `service`, signed with `secret`."""
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": audience(service),
        "iat": now,
        "exp": now + ttl,
        "tenant_id": str(identity.tenant_id),
        "sub": identity.subject,
        "scopes": sorted(identity.scopes),
        "rid": identity.request_id,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM, headers={"kid": key_id(secret)})


def verify_internal_token(
    token: str, keys: InternalKeys | str | Sequence[str], *, service: str
) -> Identity:
    """The identity in `token` if one of `keys` signed it for `service`; else 401."""
    if isinstance(keys, str):
        accepted = {key_id(keys): keys}
    elif isinstance(keys, InternalKeys):
        accepted = keys.accepted()
    else:
        accepted = {key_id(k): k for k in keys}
    try:
        kid = jwt.get_unverified_header(token).get("kid")
        # A token without a known key id is tried against every accepted key: there are at
        # most two, and the signature check is what decides.
        candidates = [accepted[kid]] if kid in accepted else list(accepted.values())
        last_error: Exception | None = None
        for secret in candidates:
            try:
                claims = jwt.decode(
                    token,
                    secret,
                    algorithms=[ALGORITHM],
                    audience=audience(service),
                    issuer=ISSUER,
                    options={"require": ["exp", "iat", "aud", "tenant_id", "sub"]},
                )
            except jwt.InvalidSignatureError as exc:
                last_error = exc
                continue
            return Identity(
                tenant_id=uuid.UUID(claims["tenant_id"]),
                subject=str(claims["sub"]),
                scopes=frozenset(claims.get("scopes") or ()),
                request_id=claims.get("rid"),
            )
        raise last_error or jwt.InvalidSignatureError("no key")
    except (jwt.PyJWTError, ValueError, TypeError, AttributeError) as exc:
        raise Unauthorized("The internal identity token is missing, expired or invalid.") from exc


async def current_identity(
    request: Request,
    token: Annotated[
        str | None, Header(alias=INTERNAL_TOKEN_HEADER, include_in_schema=False)
    ] = None,
) -> Identity:
    if not token:
        raise Unauthorized("Calls to this service must come through the gateway.")
    keys: InternalKeys = request.app.state.internal_keys
    identity = verify_internal_token(token, keys, service=request.app.state.runtime.name)
    tenant_id_var.set(str(identity.tenant_id))
    if identity.request_id:
        request_id_var.set(identity.request_id)
    return identity


class ScopeCheck:
    """The dependency `require_scope` makes: a class rather than a closure, so a test can walk
    every route of an app and tell which scope (if any) guards it."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    async def __call__(self, identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
        if not identity.allows(self.scope):
            raise Forbidden(f"This credential lacks the scope '{self.scope}'.")
        return identity


def require_scope(scope: str) -> object:
    return Depends(ScopeCheck(scope))
