"""Who is calling: the operator (admin token) or a tenant's API key."""

from __future__ import annotations

import hmac
import uuid
from datetime import UTC, datetime

from fastapi import Request
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.keys import secret_matches, split_key
from cartera_gateway.models import api_keys, tenants
from cartera_shared.identity import Identity
from cartera_shared.logging import request_id_var, tenant_id_var
from cartera_shared.problems import Unauthorized


def bearer_token(request: Request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Send 'Authorization: Bearer <api key>'.")
    return token.strip()


def require_operator(request: Request, admin_token: str) -> None:
    if not hmac.compare_digest(bearer_token(request).encode(), admin_token.encode()):
        raise Unauthorized("The operator token is not valid.")


async def authenticate_api_key(
    request: Request, sessions: async_sessionmaker[AsyncSession]
) -> Identity:
    token = bearer_token(request)
    parts = split_key(token)
    if parts is None:
        raise Unauthorized("The API key is malformed.")
    prefix, secret = parts
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():
        row = (
            (
                await session.execute(
                    select(api_keys, tenants.c.status.label("tenant_status"))
                    .join(tenants, tenants.c.id == api_keys.c.tenant_id)
                    .where(api_keys.c.prefix == prefix)
                )
            )
            .mappings()
            .first()
        )
        if (
            row is None
            or not secret_matches(secret, row["secret_hash"])
            or row["revoked_at"] is not None
            or (row["expires_at"] is not None and row["expires_at"] <= now)
            or row["tenant_status"] != "active"
        ):
            raise Unauthorized("The API key is unknown, revoked or expired.")
        # Coarse on purpose: one write per key per minute, not one per request.
        if row["last_used_at"] is None or (now - row["last_used_at"]).total_seconds() > 60:
            await session.execute(
                update(api_keys).where(api_keys.c.id == row["id"]).values(last_used_at=now)
            )
    tenant_id_var.set(str(row["tenant_id"]))
    return Identity(
        tenant_id=uuid.UUID(str(row["tenant_id"])),
        subject=f"api_key:{row['id']}",
        scopes=frozenset(row["scopes"]),
        request_id=request_id_var.get(),
    )
