"""Who is calling: the operator (admin token), a tenant's API key, or a signed-in person.

- API keys (`Authorization: Bearer ck_...`) are for partners' systems.
- People sign in (`POST /v1/auth/sign-in`) and get a session: a cookie for the web app, whose
  unsafe requests must echo the session's CSRF token in `X-CSRF-Token`, or the same session
  token as a bearer token (`cs_...`) for scripts, which needs no CSRF token.

Every authenticated request counts against the tenant's and the credential's rate limits.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.keys import secret_matches, split_key
from cartera_gateway.models import api_keys, memberships, sessions, tenants, users
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.scopes import ROLES
from cartera_shared.edge import runtime_of
from cartera_shared.identity import Identity
from cartera_shared.logging import request_id_var, tenant_id_var
from cartera_shared.problems import Code, Forbidden, NotFound, Unauthorized
from cartera_shared.tenancy import is_test_tenant

SESSION_COOKIE = "cartera_session"
SESSION_PREFIX = "cs_"
CSRF_HEADER = "X-CSRF-Token"
# Every answer to an authenticated call says which data it acted on: `live`, or `test` for a test
# API key (its tenant's sandbox twin). Set by `authenticate`, written by `ModeHeader`.
MODE_HEADER = "Cartera-Mode"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_token(request: Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "Send 'Authorization: Bearer <api key>' or sign in.", code=Code.MISSING_CREDENTIAL
        )
    return token.strip()


def require_operator(request: Request, admin_token: str) -> None:
    if not hmac.compare_digest(bearer_token(request).encode(), admin_token.encode()):
        raise Unauthorized("The operator token is not valid.", code=Code.INVALID_CREDENTIAL)


def metrics_guard(token: str | None) -> Callable[[Request], None]:
    """Who may read the gateway's /metrics: the bearer of CARTERA_GATEWAY_METRICS_TOKEN. Without one
    configured the gateway has no /metrics at all, since it faces the Internet."""

    def check(request: Request) -> None:
        if token is None:
            raise NotFound("Nothing is served at this address.")
        header = request.headers.get("Authorization", "")
        scheme, _, sent = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            sent.strip().encode(), token.encode()
        ):
            raise Unauthorized("Send 'Authorization: Bearer <CARTERA_GATEWAY_METRICS_TOKEN>'.")

    return check


def new_session_token() -> str:
    return SESSION_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def authenticate(request: Request) -> Identity:
    """The caller's identity, checked against its rate limits."""
    header = request.headers.get("Authorization")
    runtime = runtime_of(request)
    sessions_factory = runtime.sessions
    if header is None and SESSION_COOKIE in request.cookies:
        identity, limits = await _session_identity(
            request, sessions_factory, request.cookies[SESSION_COOKIE], from_cookie=True
        )
    else:
        token = bearer_token(request)
        if token.startswith(SESSION_PREFIX):
            identity, limits = await _session_identity(
                request, sessions_factory, token, from_cookie=False
            )
        else:
            identity, limits = await _api_key_identity(
                request, sessions_factory, runtime.part(ApiKeyCache), token
            )
    # Before the rate limits: a 429 answers a recognised credential too.
    request.state.cartera_mode = identity.mode
    await runtime.part(RateLimits).check(
        str(identity.tenant_id),
        identity.subject,
        credential_per_minute=limits.credential_per_minute,
        tenant_per_minute=limits.tenant_per_minute,
    )
    return identity


@dataclass(frozen=True)
class Limits:
    """A credential's own request rates; None: the gateway's defaults."""

    credential_per_minute: int | None = None
    tenant_per_minute: int | None = None


class ModeHeader:
    """Writes `Cartera-Mode` on the answer of every call whose credential was recognised, also
    on its errors (a 404 of a test key is a test answer). Pure ASGI: the proxy's answers are
    streamed, and the mode is read from the request's state, shared with the route."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_mode(message: Any) -> None:
            if message["type"] == "http.response.start":
                mode = state.get("cartera_mode")
                if mode is not None:
                    name = MODE_HEADER.lower().encode()
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != name]
                    headers.append((name, str(mode).encode()))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_mode)


class ApiKeyCache:
    """What the database said about each recently used API key, for a few seconds.

    A partner's system sends many requests with one key; looking the key up in PostgreSQL each
    time was a whole transaction per request (the largest share of the gateway's work under
    load). The secret is still checked against the stored hash on every request, and expiry
    against the clock; only revocation and tenant suspension take up to `ttl_seconds` to reach
    a gateway replica other than the one that revoked the key (that one forgets it at once).
    Unknown keys are never cached, so a made-up key cannot fill the cache.
    """

    def __init__(self, ttl_seconds: float = 5.0, max_entries: int = 10_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._rows: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()

    def get(self, prefix: str) -> dict[str, Any] | None:
        entry = self._rows.get(prefix)
        if entry is None:
            return None
        fetched, row = entry
        if time.monotonic() - fetched > self.ttl_seconds:
            del self._rows[prefix]
            return None
        self._rows.move_to_end(prefix)
        return row

    def put(self, prefix: str, row: dict[str, Any]) -> None:
        if self.ttl_seconds <= 0:
            return
        self._rows[prefix] = (time.monotonic(), row)
        self._rows.move_to_end(prefix)
        while len(self._rows) > self.max_entries:
            self._rows.popitem(last=False)

    def forget(self, prefix: str) -> None:
        self._rows.pop(prefix, None)

    def forget_tenant(self, tenant_id: uuid.UUID) -> None:
        """Every key of a tenant and of its sandbox twin (its terms changed)."""
        stale = [
            prefix
            for prefix, (_, row) in self._rows.items()
            if tenant_id in (row["tenant_id"], row.get("live_tenant_id"))
        ]
        for prefix in stale:
            del self._rows[prefix]


async def _api_key_row(
    sessions_factory: async_sessionmaker[AsyncSession], cache: ApiKeyCache, prefix: str
) -> dict[str, Any] | None:
    row = cache.get(prefix)
    if row is not None:
        return row
    live = tenants.alias("live_tenants")
    async with sessions_factory() as session:
        found = (
            (
                await session.execute(
                    select(
                        api_keys,
                        tenants.c.status.label("tenant_status"),
                        live.c.status.label("live_tenant_status"),
                        tenants.c.live_tenant_id,
                        # A sandbox twin has the rate its live tenant was given, counted apart.
                        func.coalesce(
                            tenants.c.rate_limit_per_minute, live.c.rate_limit_per_minute
                        ).label("tenant_rate_limit_per_minute"),
                    )
                    .join(tenants, tenants.c.id == api_keys.c.tenant_id)
                    # A sandbox twin lives and is suspended with its live tenant.
                    .outerjoin(live, live.c.id == tenants.c.live_tenant_id)
                    .where(api_keys.c.prefix == prefix)
                )
            )
            .mappings()
            .first()
        )
    if found is None:
        return None
    row = dict(found)
    cache.put(prefix, row)
    return row


async def _api_key_identity(
    request: Request,
    sessions_factory: async_sessionmaker[AsyncSession],
    cache: ApiKeyCache,
    token: str,
) -> tuple[Identity, Limits]:
    sent = split_key(token)
    if sent is None:
        raise Unauthorized("The API key is malformed.", code=Code.INVALID_CREDENTIAL)
    now = datetime.now(UTC)
    row = await _api_key_row(sessions_factory, cache, sent.prefix)
    if (
        row is None
        or not secret_matches(sent.secret, row["secret_hash"])
        # The label must say what the key is: a live key never passes for a test one.
        or sent.test != is_test_tenant(row["tenant_id"])
        or row["revoked_at"] is not None
        or (row["expires_at"] is not None and row["expires_at"] <= now)
        or row["tenant_status"] != "active"
        or row["live_tenant_status"] not in (None, "active")
    ):
        raise Unauthorized(
            "The API key is unknown, revoked or expired.", code=Code.INVALID_CREDENTIAL
        )
    # Coarse on purpose: one write per key per minute, not one per request.
    if row["last_used_at"] is None or (now - row["last_used_at"]).total_seconds() > 60:
        row["last_used_at"] = now
        async with sessions_factory() as session, session.begin():
            await session.execute(
                update(api_keys).where(api_keys.c.id == row["id"]).values(last_used_at=now)
            )
    tenant_id_var.set(str(row["tenant_id"]))
    identity = Identity(
        tenant_id=uuid.UUID(str(row["tenant_id"])),
        subject=f"api_key:{row['id']}",
        scopes=frozenset(row["scopes"]),
        request_id=request_id_var.get(),
    )
    return identity, Limits(row["rate_limit_per_minute"], row["tenant_rate_limit_per_minute"])


async def _session_identity(
    request: Request,
    sessions_factory: async_sessionmaker[AsyncSession],
    token: str,
    *,
    from_cookie: bool,
) -> tuple[Identity, Limits]:
    now = datetime.now(UTC)
    async with sessions_factory() as session:
        row = (
            (
                await session.execute(
                    select(
                        sessions,
                        users.c.role,
                        users.c.tenant_id.label("home_tenant_id"),
                        users.c.status.label("user_status"),
                        tenants.c.status.label("tenant_status"),
                        tenants.c.rate_limit_per_minute.label("tenant_rate_limit_per_minute"),
                        memberships.c.role.label("member_role"),
                        memberships.c.status.label("member_status"),
                    )
                    .join(users, users.c.id == sessions.c.user_id)
                    .join(tenants, tenants.c.id == sessions.c.tenant_id)
                    .outerjoin(
                        memberships,
                        and_(
                            memberships.c.user_id == sessions.c.user_id,
                            memberships.c.tenant_id == sessions.c.tenant_id,
                        ),
                    )
                    .where(sessions.c.token_hash == token_hash(token))
                )
            )
            .mappings()
            .first()
        )
    role = None if row is None else session_role(row)
    if (
        row is None
        or role is None
        or row["revoked_at"] is not None
        or row["expires_at"] <= now
        or row["user_status"] != "active"
        or row["tenant_status"] != "active"
    ):
        raise Unauthorized(
            "The session is unknown, signed out or expired; sign in again.",
            code=Code.INVALID_CREDENTIAL,
        )
    if from_cookie and request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), row["csrf_token"].encode()):
            raise Forbidden(
                f"Send the session's CSRF token in {CSRF_HEADER}.", code=Code.CSRF_TOKEN_MISSING
            )
    tenant_id_var.set(str(row["tenant_id"]))
    identity = Identity(
        tenant_id=uuid.UUID(str(row["tenant_id"])),
        subject=f"user:{row['user_id']}",
        scopes=ROLES[role],
        request_id=request_id_var.get(),
    )
    return identity, Limits(tenant_per_minute=row["tenant_rate_limit_per_minute"])


def session_role(row: Any) -> str | None:
    """The person's role in the session's tenant, checked on every request (a revoked membership
    ends its sessions at once): a membership row decides when there is one, else the account's
    own tenant gives the account's role; any other tenant gives none."""
    if row["member_status"] is not None:
        return str(row["member_role"]) if row["member_status"] == "active" else None
    if row["home_tenant_id"] == row["tenant_id"]:
        return str(row["role"])
    return None


Caller = Annotated[Identity, Depends(authenticate)]


def need(identity: Identity, scope: str) -> None:
    if not identity.allows(scope):
        raise Forbidden(f"This credential lacks the scope '{scope}'.", code=Code.MISSING_SCOPE)


def scoped(scope: str, *, live_only: bool = False) -> Any:
    """A caller holding `scope`, checked before the request body is even read. `live_only`:
    refused to a test API key too, for what only the live tenant has (its people)."""

    async def check(identity: Caller) -> Identity:
        need(identity, scope)
        if live_only and identity.test:
            raise Forbidden(
                "A test API key cannot do this: people belong to the live tenant. Use a live "
                "key or sign in."
            )
        return identity

    return Depends(check)
