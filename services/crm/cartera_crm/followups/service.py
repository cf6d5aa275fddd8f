"""Follow-ups: their rows, the checks of what they link to, and each person's agenda.

"Today" is the business's day in CARTERA_CRM_TIMEZONE (Europe/Madrid by default), so a task due
today stays due today until midnight in Spain, not in UTC.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.common import (
    iso,
    now,
    require_client,
)
from cartera_crm.domain import followups as rules
from cartera_crm.followups.schemas import FollowUpIn, FollowUpPatch
from cartera_crm.models import client_requests, follow_ups, interactions
from cartera_crm.settings import CrmSettings
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.pagination import SortKey, SortKeyset, read_day
from cartera_shared.problems import Code, NotFound, UnprocessableEntity


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
        "overdue": rules.is_overdue(row["status"], row["due_on"], today),
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
            code=Code.UNKNOWN_REFERENCE,
            errors=[{"loc": ["body", field], "msg": "unknown", "type": "unknown_reference"}],
        )
    if client_id is not None and owner != client_id:
        raise UnprocessableEntity(
            f"{field}: {row_id} belongs to another client.",
            code=Code.UNKNOWN_REFERENCE,
            errors=[{"loc": ["body", field], "msg": "other client", "type": "other_client"}],
        )
    return uuid.UUID(str(owner))


async def create_follow_up(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    tenant_id: uuid.UUID,
    by: str,
    body: FollowUpIn,
    today: dt.date,
) -> dict[str, Any]:
    """A task for someone, due on a day; linked to an interaction or a request, it takes their
    client."""
    client_id = body.client_id
    if client_id is not None:
        await require_client(session, directory, tenant_id, client_id)
    if body.interaction_id is not None:
        client_id = await _check_link(
            session,
            tenant_id,
            interactions,
            body.interaction_id,
            "interaction_id",
            client_id,
        )
    if body.request_id is not None:
        client_id = await _check_link(
            session,
            tenant_id,
            client_requests,
            body.request_id,
            "request_id",
            client_id,
        )
    row = await create(
        session,
        tenant_id=tenant_id,
        created_by=by,
        client_id=client_id,
        title=body.title,
        notes=body.notes,
        due_on=body.due_on,
        assignee=body.assignee,
        interaction_id=body.interaction_id,
        request_id=body.request_id,
    )
    return read_model(row, today)


async def list_follow_ups(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    today: dt.date,
    assignee: str | None,
    client_id: uuid.UUID | None,
    status: str | None,
    limit: int,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Follow-ups by due date (then id), filtered by assignee, client or status; a page of
    `limit`, `next_cursor` for the next."""
    keyset = by_due_date(cursor)
    query = select(follow_ups).where(follow_ups.c.tenant_id == tenant_id)
    if assignee is not None:
        query = query.where(follow_ups.c.assignee == assignee)
    if client_id is not None:
        query = query.where(follow_ups.c.client_id == client_id)
    if status is not None:
        query = query.where(follow_ups.c.status == status)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {"items": [read_model(r, today) for r in rows], "next_cursor": next_cursor}


def by_due_date(cursor: str | None) -> SortKeyset:
    """The list's keyset (a bad cursor is a 422 before any transaction)."""
    due_on = SortKey(follow_ups.c.due_on, read_day)
    return SortKeyset((due_on,), follow_ups.c.id, "follow-ups", cursor)


async def agenda(
    session: AsyncSession, *, tenant_id: uuid.UUID, today: dt.date, assignee: str | None
) -> dict[str, Any]:
    query = select(follow_ups).where(
        follow_ups.c.tenant_id == tenant_id,
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
    return {
        "as_of": today.isoformat(),
        "people": [
            {
                "assignee": name,
                "due_today": [read_model(row, today) for row in due_today],
                "overdue": [read_model(row, today) for row in overdue],
            }
            for name, due_today, overdue in rules.agenda(rows, today, assignee)
        ],
    }


async def get_follow_up(
    session: AsyncSession, *, tenant_id: uuid.UUID, follow_up_id: uuid.UUID, today: dt.date
) -> dict[str, Any]:
    """One follow-up."""
    row = (
        (
            await session.execute(
                select(follow_ups).where(
                    follow_ups.c.tenant_id == tenant_id,
                    follow_ups.c.id == follow_up_id,
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Follow-up {follow_up_id} does not exist.")
    return read_model(row, today)


async def update_follow_up(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    follow_up_id: uuid.UUID,
    body: FollowUpPatch,
    today: dt.date,
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
                    follow_ups.c.tenant_id == tenant_id,
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
    return read_model(row, today)
