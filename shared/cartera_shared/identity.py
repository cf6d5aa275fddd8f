"""The internal identity the gateway forwards: a short-lived signed token every service checks.

Services are not meant to be reachable from outside; this token is the second wall. It names the
tenant, the subject (a user or an API key), its scopes and the request id, and lives one minute.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Annotated

import jwt
from fastapi import Depends, Header, Request

from cartera_shared.logging import request_id_var, tenant_id_var
from cartera_shared.problems import Forbidden, Unauthorized

INTERNAL_TOKEN_HEADER = "X-Cartera-Identity"
ISSUER = "cartera-gateway"
AUDIENCE = "cartera-internal"
TOKEN_TTL_SECONDS = 60
ALGORITHM = "HS256"


@dataclass(frozen=True)
class Identity:
    tenant_id: uuid.UUID
    subject: str
    scopes: frozenset[str] = field(default_factory=frozenset)
    request_id: str | None = None

    def allows(self, scope: str) -> bool:
        resource = scope.split(":", 1)[0]
        return scope in self.scopes or f"{resource}:*" in self.scopes or "*" in self.scopes


def issue_internal_token(identity: Identity, secret: str, ttl: int = TOKEN_TTL_SECONDS) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + ttl,
        "tenant_id": str(identity.tenant_id),
        "sub": identity.subject,
        "scopes": sorted(identity.scopes),
        "rid": identity.request_id,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_internal_token(token: str, secret: str) -> Identity:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "tenant_id", "sub"]},
        )
        return Identity(
            tenant_id=uuid.UUID(claims["tenant_id"]),
            subject=str(claims["sub"]),
            scopes=frozenset(claims.get("scopes") or ()),
            request_id=claims.get("rid"),
        )
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise Unauthorized("The internal identity token is missing, expired or invalid.") from exc


async def current_identity(
    request: Request,
    token: Annotated[
        str | None, Header(alias=INTERNAL_TOKEN_HEADER, include_in_schema=False)
    ] = None,
) -> Identity:
    if not token:
        raise Unauthorized("Calls to this service must come through the gateway.")
    secret: str = request.app.state.internal_secret
    identity = verify_internal_token(token, secret)
    tenant_id_var.set(str(identity.tenant_id))
    if identity.request_id:
        request_id_var.set(identity.request_id)
    return identity


def require_scope(scope: str) -> object:
    async def check(identity: Annotated[Identity, Depends(current_identity)]) -> Identity:
        if not identity.allows(scope):
            raise Forbidden(f"This credential lacks the scope '{scope}'.")
        return identity

    return Depends(check)
