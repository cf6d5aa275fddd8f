"""API keys as stored and as shown: found by the caller's tenant, listed by prefix only."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.keys import KEY_PREFIX
from cartera_gateway.models import api_keys
from cartera_shared.identity import Identity
from cartera_shared.problems import NotFound

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
