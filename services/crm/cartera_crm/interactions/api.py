"""Interactions: each contact with a client, on any channel, and what came of it."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from cartera_crm.common import Directory, Invoicing, ReadIdentity, WriteIdentity
from cartera_crm.interactions import service
from cartera_crm.interactions.schemas import (
    InteractionAnswer,
    InteractionIn,
    InteractionPage,
    Outcome,
)
from cartera_crm.schemas import Channel
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.idempotency import IdempotencyKey

router = APIRouter(prefix="/v1/interactions", tags=["interactions"], responses=errors())


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=InteractionAnswer,
    responses=errors(409),
)
async def create_interaction(
    body: InteractionIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    invoicing: Invoicing,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Log a contact with a client. The outcome `follow_up` also creates the follow-up task,
    due on `follow_up_on`. With an `Idempotency-Key`, a repeat gets the first answer."""
    return await service.create_interaction(
        session,
        directory,
        invoicing,
        tenant_id=identity.tenant_id,
        by=identity.subject,
        body=body,
        idempotency_key=idempotency_key,
    )


@router.get("", response_model=InteractionPage)
async def list_interactions(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    outcome: Annotated[Outcome | None, Query()] = None,
    since: Annotated[AwareDatetime | None, Query()] = None,
    until: Annotated[AwareDatetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Newest first, `limit` at a time; pass `next_cursor` back for the next page."""
    return await service.list_interactions(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        channel=channel,
        outcome=outcome,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )


@router.get("/{interaction_id}", response_model=InteractionAnswer, responses=errors(404))
async def get_interaction(
    interaction_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """One interaction."""
    return await service.get_interaction(
        session, tenant_id=identity.tenant_id, interaction_id=interaction_id
    )
