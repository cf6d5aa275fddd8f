"""Follow-ups: tasks with a due date and an assignee, and each person's agenda.

"Today" is the business's day in CRM_TIMEZONE (Europe/Madrid by default), so a task due today
stays due today until midnight in Spain, not in UTC.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, status
from pydantic import ConfigDict, Field, model_validator
from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.common import (
    Directory,
    ReadIdentity,
    Settings,
    WriteIdentity,
    iso,
    now,
    require_client,
)
from cartera_crm.models import client_requests, follow_ups, interactions
from cartera_crm.schemas import (
    EXAMPLE_CLIENT,
    EXAMPLE_FOLLOW_UP,
    EXAMPLE_INTERACTION,
    Timestamp,
)
from cartera_crm.settings import CrmSettings
from cartera_shared.contract import Answer, errors
from cartera_shared.edge import TenantSession
from cartera_shared.problems import NotFound, UnprocessableEntity
from cartera_shared.text import Input

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-ups"], responses=errors())
FollowUpStatus = Literal["open", "done", "cancelled"]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class FollowUpIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": EXAMPLE_CLIENT,
                    "title": "Enviar el duplicado de la factura",
                    "due_on": "2026-12-04",
                    "assignee": "Luis",
                }
            ]
        },
    )

    client_id: uuid.UUID | None = None
    title: str = Field(min_length=1, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    due_on: dt.date
    assignee: Name | None = None
    interaction_id: uuid.UUID | None = None
    request_id: uuid.UUID | None = None


class FollowUpPatch(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"status": "done"}, {"due_on": "2026-12-09"}]},
    )

    title: str | None = Field(default=None, min_length=1, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    due_on: dt.date | None = None
    assignee: Name | None = None
    status: FollowUpStatus | None = None

    @model_validator(mode="after")
    def _something(self) -> FollowUpPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        for name in ("title", "due_on", "status"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


FOLLOW_UP_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_FOLLOW_UP,
    "client_id": EXAMPLE_CLIENT,
    "title": "Seguimiento: Pide un duplicado de la factura de noviembre",
    "notes": None,
    "due_on": "2026-12-04",
    "assignee": "Luis",
    "status": "open",
    "overdue": False,
    "interaction_id": EXAMPLE_INTERACTION,
    "request_id": None,
    "created_by": "user:luis",
    "created_at": "2026-12-03T09:41:12.372910Z",
    "done_at": None,
}


class FollowUpAnswer(Answer):
    """A task with a due date; `overdue` is judged on the business's day (CRM_TIMEZONE)."""

    model_config = ConfigDict(json_schema_extra={"examples": [FOLLOW_UP_EXAMPLE]})

    id: uuid.UUID
    client_id: uuid.UUID | None
    title: str
    notes: str | None
    due_on: dt.date
    assignee: str | None
    status: FollowUpStatus
    overdue: bool = Field(description="Open and due before today.")
    interaction_id: uuid.UUID | None
    request_id: uuid.UUID | None
    created_by: str
    created_at: Timestamp
    done_at: Timestamp | None


class FollowUpList(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [FOLLOW_UP_EXAMPLE]}]})

    items: list[FollowUpAnswer] = Field(description="By due date, at most `limit`.")


class FollowUpAgendaPerson(Answer):
    assignee: str | None = Field(description="None: the tasks nobody is assigned.")
    due_today: list[FollowUpAnswer]
    overdue: list[FollowUpAnswer]


class FollowUpAgenda(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-12-04",
                    "people": [
                        {"assignee": "Luis", "due_today": [FOLLOW_UP_EXAMPLE], "overdue": []}
                    ],
                }
            ]
        }
    )

    as_of: dt.date = Field(description="Today, in the business's time zone.")
    people: list[FollowUpAgendaPerson] = Field(description="By assignee's name.")


def business_today(settings: CrmSettings) -> dt.date:
    return dt.datetime.now(ZoneInfo(settings.timezone)).date()


def read_model(row: Any, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "client_id": str(row["client_id"]) if row["client_id"] else None,
        "title": row["title"],
        "notes": row["notes"],
        "due_on": row["due_on"].isoformat(),
        "assignee": row["assignee"],
        "status": row["status"],
        "overdue": today is not None and row["status"] == "open" and row["due_on"] < today,
        "interaction_id": str(row["interaction_id"]) if row["interaction_id"] else None,
        "request_id": str(row["request_id"]) if row["request_id"] else None,
        "created_by": row["created_by"],
        "created_at": iso(row["created_at"]),
        "done_at": iso(row["done_at"]),
    }


async def create(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    created_by: str,
    client_id: uuid.UUID | None,
    title: str,
    due_on: dt.date,
    assignee: str | None,
    notes: str | None = None,
    interaction_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> RowMapping:
    row: RowMapping = (
        (
            await session.execute(
                insert(follow_ups)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    client_id=client_id,
                    title=title,
                    notes=notes,
                    due_on=due_on,
                    assignee=assignee,
                    status="open",
                    interaction_id=interaction_id,
                    request_id=request_id,
                    created_by=created_by,
                )
                .returning(follow_ups)
            )
        )
        .mappings()
        .one()
    )
    return row


async def _check_link(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    table: Any,
    row_id: uuid.UUID,
    field: str,
    client_id: uuid.UUID | None,
) -> uuid.UUID:
    owner = await session.scalar(
        select(table.c.client_id).where(table.c.tenant_id == tenant_id, table.c.id == row_id)
    )
    if owner is None:
        raise UnprocessableEntity(
            f"{field}: {row_id} does not exist.",
            errors=[{"loc": ["body", field], "msg": "unknown", "type": "unknown_reference"}],
        )
    if client_id is not None and owner != client_id:
        raise UnprocessableEntity(
            f"{field}: {row_id} belongs to another client.",
            errors=[{"loc": ["body", field], "msg": "other client", "type": "other_client"}],
        )
    return uuid.UUID(str(owner))


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
    client_id = body.client_id
    if client_id is not None:
        await require_client(session, directory, identity.tenant_id, client_id)
    if body.interaction_id is not None:
        client_id = await _check_link(
            session,
            identity.tenant_id,
            interactions,
            body.interaction_id,
            "interaction_id",
            client_id,
        )
    if body.request_id is not None:
        client_id = await _check_link(
            session,
            identity.tenant_id,
            client_requests,
            body.request_id,
            "request_id",
            client_id,
        )
    row = await create(
        session,
        tenant_id=identity.tenant_id,
        created_by=identity.subject,
        client_id=client_id,
        title=body.title,
        notes=body.notes,
        due_on=body.due_on,
        assignee=body.assignee,
        interaction_id=body.interaction_id,
        request_id=body.request_id,
    )
    return read_model(row, business_today(settings))


@router.get("", response_model=FollowUpList)
async def list_follow_ups(
    identity: ReadIdentity,
    session: TenantSession,
    settings: Settings,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
    client_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[FollowUpStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """Follow-ups by due date, filtered by assignee, client or status."""
    query = select(follow_ups).where(follow_ups.c.tenant_id == identity.tenant_id)
    if assignee is not None:
        query = query.where(follow_ups.c.assignee == assignee)
    if client_id is not None:
        query = query.where(follow_ups.c.client_id == client_id)
    if status is not None:
        query = query.where(follow_ups.c.status == status)
    rows = (
        (await session.execute(query.order_by(follow_ups.c.due_on, follow_ups.c.id).limit(limit)))
        .mappings()
        .all()
    )
    today = business_today(settings)
    return {"items": [read_model(r, today) for r in rows]}


@router.get("/agenda", response_model=FollowUpAgenda)
async def get_follow_up_agenda(
    identity: ReadIdentity,
    session: TenantSession,
    settings: Settings,
    assignee: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """What is due today and what is overdue, for one person or for everyone by person."""
    today = business_today(settings)
    query = select(follow_ups).where(
        follow_ups.c.tenant_id == identity.tenant_id,
        follow_ups.c.status == "open",
        follow_ups.c.due_on <= today,
    )
    if assignee is not None:
        query = query.where(follow_ups.c.assignee == assignee)
    rows = (
        (await session.execute(query.order_by(follow_ups.c.due_on, follow_ups.c.id)))
        .mappings()
        .all()
    )
    people: dict[str | None, dict[str, list[dict[str, Any]]]] = {}
    if assignee is not None:
        people[assignee] = {"due_today": [], "overdue": []}
    for row in rows:
        lists = people.setdefault(row["assignee"], {"due_today": [], "overdue": []})
        lists["due_today" if row["due_on"] == today else "overdue"].append(read_model(row, today))
    return {
        "as_of": today.isoformat(),
        "people": [
            {"assignee": name, **lists}
            for name, lists in sorted(people.items(), key=lambda item: item[0] or "")
        ],
    }


@router.get("/{follow_up_id}", response_model=FollowUpAnswer, responses=errors(404))
async def get_follow_up(
    follow_up_id: uuid.UUID, identity: ReadIdentity, session: TenantSession, settings: Settings
) -> dict[str, Any]:
    """One follow-up."""
    row = (
        (
            await session.execute(
                select(follow_ups).where(
                    follow_ups.c.tenant_id == identity.tenant_id,
                    follow_ups.c.id == follow_up_id,
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Follow-up {follow_up_id} does not exist.")
    return read_model(row, business_today(settings))


@router.patch("/{follow_up_id}", response_model=FollowUpAnswer, responses=errors(404))
async def update_follow_up(
    follow_up_id: uuid.UUID,
    body: FollowUpPatch,
    identity: WriteIdentity,
    session: TenantSession,
    settings: Settings,
) -> dict[str, Any]:
    """Change a follow-up; `status: done` stamps `done_at`."""
    changes: dict[str, Any] = {k: getattr(body, k) for k in body.model_fields_set}
    if "status" in changes:
        changes["done_at"] = now() if changes["status"] == "done" else None
    row = (
        (
            await session.execute(
                update(follow_ups)
                .where(
                    follow_ups.c.tenant_id == identity.tenant_id,
                    follow_ups.c.id == follow_up_id,
                )
                .values(**changes)
                .returning(follow_ups)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Follow-up {follow_up_id} does not exist.")
    return read_model(row, business_today(settings))
