"""The client timeline: everything that happened with a client, newest first, on one line."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from cartera_crm.common import Directory, ReadIdentity
from cartera_crm.timeline import service
from cartera_crm.timeline.schemas import Kind, TimelinePage
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(tags=["timeline"], responses=errors())


@router.get("/v1/clients/{client_id}/timeline", response_model=TimelinePage, responses=errors(404))
async def get_client_timeline(
    client_id: uuid.UUID,
    identity: ReadIdentity,
    session: TenantSession,
    directory: Directory,
    kind: Annotated[list[Kind] | None, Query()] = None,
    since: Annotated[AwareDatetime | None, Query()] = None,
    until: Annotated[AwareDatetime | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Everything that happened with a client: contacts, requests, surveys, invoices, payments,
    overdue notices and dunning. Newest first, `limit` entries a page; `next_cursor` fetches the
    next (older) page."""
    return await service.get_client_timeline(
        session,
        directory,
        tenant_id=identity.tenant_id,
        client_id=client_id,
        kind=list(kind) if kind else None,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )
