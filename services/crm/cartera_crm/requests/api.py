"""Client requests (tickets) and the tenant's SLA policy."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse

from cartera_crm.common import Directory, ReadIdentity, Settings, WriteIdentity
from cartera_crm.domain import requests as rules
from cartera_crm.requests import service
from cartera_crm.requests.schemas import (
    RequestAnswer,
    RequestIn,
    RequestPage,
    RequestPatch,
    RequestStatusAnswer,
    RequestWithHistory,
    SlaPolicyAnswer,
    SlaPolicyIn,
    StatusIn,
)
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.idempotency import IdempotencyKey

router = APIRouter(prefix="/v1/requests", tags=["requests"], responses=errors())
settings_router = APIRouter(prefix="/v1/crm", tags=["requests"], responses=errors())


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=RequestAnswer, responses=errors(409)
)
async def create_request(
    body: RequestIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Open a request; its SLA due time comes from the tenant's policy for its priority. With an
    `Idempotency-Key`, a repeat gets the first answer."""
    return await service.create_request(
        session,
        directory,
        tenant_id=identity.tenant_id,
        by=identity.subject,
        body=body,
        idempotency_key=idempotency_key,
    )


@router.get("", response_model=RequestPage)
async def list_requests(
    identity: ReadIdentity,
    session: TenantSession,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[rules.Status | None, Query()] = None,
    priority: Annotated[rules.Priority | None, Query()] = None,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
    breached: Annotated[bool | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Newest first; `breached=true` lists those past their SLA (resolved late, or still not)."""
    return await service.list_requests(
        session,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        status=status,
        priority=priority,
        assignee=assignee,
        breached=breached,
        limit=limit,
        cursor=cursor,
    )


@router.get("/{request_id}", response_model=RequestWithHistory, responses=errors(404))
async def get_request(
    request_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """One request with the history of its status."""
    return await service.get_request(session, tenant_id=identity.tenant_id, request_id=request_id)


@router.patch("/{request_id}", response_model=RequestAnswer, responses=errors(404, 409))
async def update_request(
    request_id: uuid.UUID, body: RequestPatch, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Subject, description, priority (which moves the SLA due time) or assignee."""
    return await service.update_request(
        session, tenant_id=identity.tenant_id, request_id=request_id, body=body
    )


@router.post(
    "/{request_id}/status",
    response_model=RequestStatusAnswer,
    response_model_exclude_unset=True,  # `survey` only when the move closed the request
    responses=errors(404, 409),
)
async def change_request_status(
    request_id: uuid.UUID,
    body: StatusIn,
    identity: WriteIdentity,
    session: TenantSession,
    settings: Settings,
) -> dict[str, Any]:
    """Move a request along its lifecycle; an impossible move is 409 with the allowed ones."""
    return await service.change_request_status(
        session,
        settings,
        tenant_id=identity.tenant_id,
        by=identity.subject,
        request_id=request_id,
        body=body,
    )


@settings_router.get("/sla-policy", response_model=SlaPolicyAnswer)
async def get_sla_policy(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """The tenant's resolution targets per priority, and Cartera's defaults."""
    return await service.get_sla_policy(session, tenant_id=identity.tenant_id)


@settings_router.put("/sla-policy", response_model=SlaPolicyAnswer)
async def set_sla_policy(
    body: SlaPolicyIn, identity: WriteIdentity, session: TenantSession
) -> dict[str, Any]:
    """Resolution targets in hours per priority, for requests opened from now on."""
    return await service.set_sla_policy(session, tenant_id=identity.tenant_id, body=body)
