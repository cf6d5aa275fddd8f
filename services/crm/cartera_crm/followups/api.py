"""Follow-ups: tasks with a due date and an assignee, and each person's agenda."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from cartera_crm.common import Directory, ReadIdentity, Settings, WriteIdentity
from cartera_crm.followups import service
from cartera_crm.followups.schemas import (
    FollowUpAgenda,
    FollowUpAnswer,
    FollowUpIn,
    FollowUpList,
    FollowUpPatch,
    FollowUpStatus,
)
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.pagination import ListCursor

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-ups"], responses=errors())


@router.post("", status_code=status.HTTP_201_CREATED, response_model=FollowUpAnswer)
async def create_follow_up(
    body: FollowUpIn,
    identity: WriteIdentity,
    session: TenantSession,
    directory: Directory,
    settings: Settings,
) -> dict[str, Any]:
    """A task for someone, due on a day; linked to an interaction or a request, it takes their
    client."""
    return await service.create_follow_up(
        session,
        directory,
        tenant_id=identity.tenant_id,
        by=identity.subject,
        body=body,
        today=service.business_today(settings),
    )


@router.get("", response_model=FollowUpList)
async def list_follow_ups(
    identity: ReadIdentity,
    session: TenantSession,
    settings: Settings,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[FollowUpStatus | None, Query()] = None,
    limit: Annotated[
        int,
        Query(
            ge=1, le=500, description="How many items on the page: 1 to 500, 100 when not given."
        ),
    ] = 100,
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """Follow-ups by due date (then id), filtered by assignee, client or status, a page at a
    time: `next_cursor` asks for the next page (null on the last)."""
    service.by_due_date(cursor)  # a bad cursor is refused before the transaction does anything
    return await service.list_follow_ups(
        session,
        tenant_id=identity.tenant_id,
        today=service.business_today(settings),
        assignee=assignee,
        client_id=client_id,
        status=status,
        limit=limit,
        cursor=cursor,
    )


@router.get("/agenda", response_model=FollowUpAgenda)
async def get_follow_up_agenda(
    identity: ReadIdentity,
    session: TenantSession,
    settings: Settings,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """What is due today and what is overdue, for one person or for everyone by person."""
    return await service.agenda(
        session,
        tenant_id=identity.tenant_id,
        today=service.business_today(settings),
        assignee=assignee,
    )


@router.get("/{follow_up_id}", response_model=FollowUpAnswer, responses=errors(404))
async def get_follow_up(
    follow_up_id: uuid.UUID, identity: ReadIdentity, session: TenantSession, settings: Settings
) -> dict[str, Any]:
    """One follow-up."""
    return await service.get_follow_up(
        session,
        tenant_id=identity.tenant_id,
        follow_up_id=follow_up_id,
        today=service.business_today(settings),
    )


@router.patch("/{follow_up_id}", response_model=FollowUpAnswer, responses=errors(404))
async def update_follow_up(
    follow_up_id: uuid.UUID,
    body: FollowUpPatch,
    identity: WriteIdentity,
    session: TenantSession,
    settings: Settings,
) -> dict[str, Any]:
    """Change a follow-up; `status: done` stamps `done_at`."""
    return await service.update_follow_up(
        session,
        tenant_id=identity.tenant_id,
        follow_up_id=follow_up_id,
        body=body,
        today=service.business_today(settings),
    )
