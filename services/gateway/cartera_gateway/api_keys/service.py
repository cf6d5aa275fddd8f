"""API keys as stored and as shown: found by the caller's tenant, listed by prefix only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyList
from cartera_gateway.keys import KEY_PREFIX, generate_key
from cartera_gateway.models import api_keys
from cartera_gateway.scopes import covers, unknown_scopes
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Forbidden, NotFound, UnprocessableEntity

MAX_LIFETIME = timedelta(days=2 * 365)


def key_json(row: Any) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": str(row["id"]),
        "name": row["name"],
        "prefix": f"{KEY_PREFIX}_{row['prefix']}",
        "scopes": list(row["scopes"]),
        "created_at": iso(row["created_at"]),
        "created_by": row["created_by"],
        "expires_at": iso(row["expires_at"]),
        "revoked_at": iso(row["revoked_at"]),
        "last_used_at": iso(row["last_used_at"]),
        "rate_limit_per_minute": row["rate_limit_per_minute"],
    }


async def find_key(session: AsyncSession, identity: Identity, key_id: uuid.UUID) -> Any:
    row = (
        (
            await session.execute(
                select(api_keys).where(
                    api_keys.c.tenant_id == identity.tenant_id, api_keys.c.id == key_id
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"API key {key_id} does not exist.")
    return row


def check_new_key(body: ApiKeyIn, identity: Identity) -> None:
    """Known scopes the creator holds, and an expiry with a zone at most two years ahead."""
    unknown = unknown_scopes(body.scopes)
    if unknown:
        raise UnprocessableEntity(f"scopes: unknown scopes {unknown}.", unknown=unknown)
    beyond = covers(identity.scopes, body.scopes)
    if beyond:
        raise Forbidden(f"A key cannot get scopes its creator lacks: {beyond}.", missing=beyond)
    now = datetime.now(UTC)
    if body.expires_at is not None:
        if body.expires_at.tzinfo is None:
            raise UnprocessableEntity("expires_at: give a time zone (e.g. 2027-01-31T00:00:00Z).")
        if not now < body.expires_at <= now + MAX_LIFETIME:
            raise UnprocessableEntity("expires_at: in the future and at most two years ahead.")


async def create_key(session: AsyncSession, identity: Identity, body: ApiKeyIn) -> ApiKeyCreated:
    key = generate_key()
    row = (
        (
            await session.execute(
                insert(api_keys)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=identity.tenant_id,
                    name=body.name,
                    prefix=key.prefix,
                    secret_hash=key.secret_hash,
                    scopes=sorted(set(body.scopes)),
                    expires_at=body.expires_at,
                    created_by=identity.subject,
                    rate_limit_per_minute=body.rate_limit_per_minute,
                )
                .returning(api_keys)
            )
        )
        .mappings()
        .one()
    )
    return ApiKeyCreated.model_validate(key_json(row) | {"api_key": key.plaintext})


async def list_keys(
    session: AsyncSession, identity: Identity, keyset: Keyset, limit: int
) -> ApiKeyList:
    query = select(api_keys).where(api_keys.c.tenant_id == identity.tenant_id)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return ApiKeyList.model_validate(
        {"items": [key_json(r) for r in rows], "next_cursor": next_cursor}
    )


async def revoke_key(session: AsyncSession, identity: Identity, key_id: uuid.UUID) -> str:
    """Revoke the key (again: nothing changes); returns its prefix."""
    key = await find_key(session, identity, key_id)
    await session.execute(
        update(api_keys)
        .where(
            api_keys.c.tenant_id == identity.tenant_id,
            api_keys.c.id == key_id,
            api_keys.c.revoked_at.is_(None),
        )
        .values(revoked_at=func.now())
    )
    prefix: str = key["prefix"]
    return prefix
