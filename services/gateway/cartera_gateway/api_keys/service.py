"""API keys as stored and as shown: found by the caller's tenant, listed by prefix only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyList
from cartera_gateway.keys import generate_key, shown_prefix
from cartera_gateway.models import api_keys, tenants
from cartera_gateway.scopes import covers, unknown_scopes
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Forbidden, NotFound, UnprocessableEntity, field_error
from cartera_shared.tenancy import is_test_tenant, sandbox_twin

MAX_LIFETIME = timedelta(days=2 * 365)


def key_json(row: Any) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": str(row["id"]),
        "name": row["name"],
        "prefix": shown_prefix(row["prefix"], test=is_test_tenant(row["tenant_id"])),
        "scopes": list(row["scopes"]),
        "created_at": iso(row["created_at"]),
        "created_by": row["created_by"],
        "expires_at": iso(row["expires_at"]),
        "revoked_at": iso(row["revoked_at"]),
        "last_used_at": iso(row["last_used_at"]),
        "rate_limit_per_minute": row["rate_limit_per_minute"],
        "mode": "test" if is_test_tenant(row["tenant_id"]) else "live",
    }


def visible_keys(identity: Identity) -> ColumnElement[bool]:
    """The keys a caller manages: a live caller its tenant's keys and its sandbox's test keys; a
    test key only the sandbox's."""
    if identity.test:
        return api_keys.c.tenant_id == identity.tenant_id
    return api_keys.c.tenant_id.in_([identity.tenant_id, sandbox_twin(identity.tenant_id)])


async def ensure_sandbox(session: AsyncSession, live_tenant_id: uuid.UUID) -> uuid.UUID:
    """The live tenant's sandbox twin, made the first time a test key is."""
    twin = sandbox_twin(live_tenant_id)
    name = (
        await session.execute(select(tenants.c.name).where(tenants.c.id == live_tenant_id))
    ).scalar_one()
    await session.execute(
        pg_insert(tenants)
        .values(id=twin, name=f"{name} (test)"[:200], live_tenant_id=live_tenant_id)
        .on_conflict_do_nothing(index_elements=[tenants.c.id])
    )
    return twin


async def find_key(session: AsyncSession, identity: Identity, key_id: uuid.UUID) -> Any:
    row = (
        (
            await session.execute(
                select(api_keys).where(visible_keys(identity), api_keys.c.id == key_id)
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
        raise UnprocessableEntity(
            f"scopes: unknown scopes {unknown}.",
            errors=field_error("body", "scopes", msg=f"unknown scopes {unknown}"),
            unknown=unknown,
        )
    beyond = covers(identity.scopes, body.scopes)
    if beyond:
        raise Forbidden(
            f"A key cannot get scopes its creator lacks: {beyond}.",
            code=Code.MISSING_SCOPE,
            missing=beyond,
        )
    now = datetime.now(UTC)
    if body.expires_at is not None:
        if body.expires_at.tzinfo is None:
            raise UnprocessableEntity(
                "expires_at: give a time zone (e.g. 2027-01-31T00:00:00Z).",
                errors=field_error("body", "expires_at", msg="no time zone"),
            )
        if not now < body.expires_at <= now + MAX_LIFETIME:
            raise UnprocessableEntity(
                "expires_at: in the future and at most two years ahead.",
                errors=field_error("body", "expires_at", msg="out of range"),
            )


async def create_key(session: AsyncSession, identity: Identity, body: ApiKeyIn) -> ApiKeyCreated:
    if identity.test and body.mode == "live":
        raise Forbidden("A test API key makes test keys only.")
    test = identity.test or body.mode == "test"
    if identity.test or not test:
        tenant_id = identity.tenant_id
    else:
        tenant_id = await ensure_sandbox(session, identity.tenant_id)
    key = generate_key(test=test)
    row = (
        (
            await session.execute(
                insert(api_keys)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
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
    query = select(api_keys).where(visible_keys(identity))
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return ApiKeyList.model_validate(
        {"items": [key_json(r) for r in rows], "next_cursor": next_cursor}
    )


async def revoke_key(session: AsyncSession, identity: Identity, key_id: uuid.UUID) -> str:
    """Revoke the key (again: nothing changes); returns its prefix."""
    key = await find_key(session, identity, key_id)
    await session.execute(
        update(api_keys)
        .where(visible_keys(identity), api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
        .values(revoked_at=func.now())
    )
    prefix: str = key["prefix"]
    return prefix
