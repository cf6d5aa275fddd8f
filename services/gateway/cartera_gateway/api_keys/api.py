"""A tenant's API keys for partners' systems: created with scopes (never more than the creator
holds), shown once, listed by prefix only, revoked at once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Response, status
from sqlalchemy import func, insert, select, update

from cartera_gateway.api_keys.schemas import ApiKey, ApiKeyCreated, ApiKeyIn, ApiKeyList
from cartera_gateway.api_keys.service import MAX_LIFETIME, find_key, key_json
from cartera_gateway.auth import ApiKeyCache, scoped
from cartera_gateway.keys import generate_key
from cartera_gateway.models import api_keys
from cartera_gateway.scopes import covers, unknown_scopes
from cartera_gateway.transaction import Transaction
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity
from cartera_shared.problems import Forbidden, UnprocessableEntity

router = APIRouter(prefix="/v1/api-keys", tags=["api keys"], responses=errors())
KeysReader = Annotated[Identity, scoped("api-keys:read")]
KeysWriter = Annotated[Identity, scoped("api-keys:write")]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_api_key(
    body: ApiKeyIn, identity: KeysWriter, session: Transaction
) -> ApiKeyCreated:
    """Create a key; its secret (`api_key`) is in this answer only. A key never gets a scope its
    creator lacks (403); unknown scopes and a bad `expires_at` are 422."""
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


@router.get("")
async def list_api_keys(identity: KeysReader, session: Transaction) -> ApiKeyList:
    """The tenant's keys, oldest first, revoked ones too; secrets are never shown again."""
    rows = (
        (
            await session.execute(
                select(api_keys)
                .where(api_keys.c.tenant_id == identity.tenant_id)
                .order_by(api_keys.c.created_at)
            )
        )
        .mappings()
        .all()
    )
    return ApiKeyList.model_validate({"items": [key_json(r) for r in rows]})


@router.get("/{key_id}", responses=errors(404))
async def get_api_key(key_id: uuid.UUID, identity: KeysReader, session: Transaction) -> ApiKey:
    """One key of the tenant."""
    return ApiKey.model_validate(key_json(await find_key(session, identity, key_id)))


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(404),
)
async def revoke_api_key(
    key_id: uuid.UUID,
    identity: KeysWriter,
    runtime: Runtime,
    cache: Annotated[ApiKeyCache, part(ApiKeyCache)],
) -> Response:
    """Revoke a key at once (revoking it again changes nothing)."""
    # Its own transaction: the key is forgotten from the cache only once the revocation is
    # committed, or a request in between could cache the key as still valid.
    async with runtime.sessions() as session, session.begin():
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
    cache.forget(key["prefix"])
    return Response(status_code=status.HTTP_204_NO_CONTENT)
