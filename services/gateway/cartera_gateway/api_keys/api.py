"""A tenant's API keys for partners' systems: created with scopes (never more than the creator
holds), shown once, listed by prefix only, revoked at once."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response, status

from cartera_gateway.api_keys import service
from cartera_gateway.api_keys.schemas import ApiKey, ApiKeyCreated, ApiKeyIn, ApiKeyList
from cartera_gateway.auth import ApiKeyCache, scoped
from cartera_gateway.models import api_keys
from cartera_gateway.transaction import Transaction
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset, ListCursor, page_limit

router = APIRouter(prefix="/v1/api-keys", tags=["api keys"], responses=errors())
KeysReader = Annotated[Identity, scoped("api-keys:read")]
KeysWriter = Annotated[Identity, scoped("api-keys:write")]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_api_key(
    body: ApiKeyIn, identity: KeysWriter, session: Transaction
) -> ApiKeyCreated:
    """Create a key; its secret (`api_key`) is in this answer only. A key never gets a scope its
    creator lacks (403); unknown scopes and a bad `expires_at` are 422."""
    service.check_new_key(body, identity)
    return await service.create_key(session, identity, body)


@router.get("")
async def list_api_keys(
    identity: KeysReader,
    session: Transaction,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> ApiKeyList:
    """The tenant's keys, oldest first, revoked ones too, a page at a time (`next_cursor`);
    secrets are never shown again."""
    keyset = Keyset(api_keys.c.created_at, api_keys.c.id, cursor=cursor, name="api-keys")
    return await service.list_keys(session, identity, keyset, limit)


@router.get("/{key_id}", responses=errors(404))
async def get_api_key(key_id: uuid.UUID, identity: KeysReader, session: Transaction) -> ApiKey:
    """One key of the tenant."""
    return ApiKey.model_validate(
        service.key_json(await service.find_key(session, identity, key_id))
    )


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
        prefix = await service.revoke_key(session, identity, key_id)
    cache.forget(prefix)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
