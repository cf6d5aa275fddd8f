"""Client requests (tickets): opened, worked on, resolved, closed, reopened; with an SLA.

The rules (states, moves, SLA) are in `domain/requests.py`. Each change is one transaction with
its history row, its timeline entry and its event: `request.opened` when opened,
`request.closed` when closed (with whether the SLA was kept), and closing also creates the
CSAT survey, whose one-time link comes back in the answer.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.common import (
    add_timeline,
    iso,
    not_in_future,
    now,
    publish,
    require_client,
)
from cartera_crm.domain import requests as rules
from cartera_crm.models import client_requests, idempotency_keys, request_history, sla_policies
from cartera_crm.requests.schemas import (
    RequestAnswer,
    RequestIn,
    RequestPatch,
    SlaPolicyIn,
    StatusIn,
)
from cartera_crm.settings import CrmSettings
from cartera_crm.surveys import service as surveys
from cartera_shared import idempotency
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity

STATUS_TITLES = {
    "open": "abierta",
    "in_progress": "en curso",
    "waiting_on_client": "a la espera del cliente",
    "resolved": "resuelta",
    "closed": "cerrada",
}


def read_model(row: Any, at: dt.datetime | None = None) -> dict[str, Any]:
    moment = at or now()
    return {
        "id": str(row["id"]),
        "client_id": str(row["client_id"]),
        "subject": row["subject"],
        "description": row["description"],
        "priority": row["priority"],
        "status": row["status"],
        "channel": row["channel"],
        "assignee": row["assignee"],
        "opened_at": iso(row["opened_at"]),
        "sla_due_at": iso(row["sla_due_at"]),
        "sla_breached": rules.breached(row["sla_due_at"], row["resolved_at"], moment),
        "resolved_at": iso(row["resolved_at"]),
        "closed_at": iso(row["closed_at"]),
        "reopened_count": row["reopened_count"],
        "version": row["version"],
        "created_by": row["created_by"],
        "updated_at": iso(row["updated_at"]),
    }


async def policy_of(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, int]:
    rows = (
        await session.execute(
            select(sla_policies.c.priority, sla_policies.c.resolve_hours).where(
                sla_policies.c.tenant_id == tenant_id
            )
        )
    ).all()
    return {**rules.DEFAULT_RESOLVE_HOURS, **{str(p): int(h) for p, h in rows}}


async def _history(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    request_id: uuid.UUID,
    from_status: str | None,
    to_status: str,
    by: str,
    note: str | None,
    at: dt.datetime,
) -> None:
    await session.execute(
        insert(request_history).values(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            request_id=request_id,
            from_status=from_status,
            to_status=to_status,
            changed_by=by,
            note=note,
            changed_at=at,
        )
    )


async def open_request(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    tenant_id: uuid.UUID,
    data: RequestIn,
    created_by: str,
    opened_at: dt.datetime | None = None,
) -> RowMapping:
    await require_client(session, directory, tenant_id, data.client_id)
    policy = await policy_of(session, tenant_id)
    opened = opened_at or data.opened_at or now()
    row: RowMapping = (
        (
            await session.execute(
                insert(client_requests)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    client_id=data.client_id,
                    subject=data.subject,
                    description=data.description,
                    priority=data.priority,
                    status="open",
                    channel=data.channel,
                    assignee=data.assignee,
                    opened_at=opened,
                    sla_due_at=rules.sla_due_at(opened, data.priority, policy),
                    created_by=created_by,
                )
                .returning(client_requests)
            )
        )
        .mappings()
        .one()
    )
    await _history(session, tenant_id, row["id"], None, "open", created_by, None, opened)
    await publish(
        session,
        tenant_id,
        topics.REQUEST_OPENED,
        row["id"],
        {
            "request_id": str(row["id"]),
            "client_id": str(row["client_id"]),
            "subject": row["subject"],
            "priority": row["priority"],
            "opened_at": iso(row["opened_at"]),
            "sla_due_at": iso(row["sla_due_at"]),
        },
        sequence=row["version"],
    )
    await add_timeline(
        session,
        tenant_id=tenant_id,
        client_id=row["client_id"],
        kind="request_opened",
        occurred_at=row["opened_at"],
        title=f"Solicitud abierta: {row['subject'][:200]}",
        details={
            "priority": row["priority"],
            "channel": row["channel"],
            "sla_due_at": iso(row["sla_due_at"]),
        },
        ref={"type": "request", "id": str(row["id"])},
        dedup_key=f"request:{row['id']}:opened",
    )
    return row


async def _locked(session: AsyncSession, tenant_id: uuid.UUID, request_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(client_requests)
                .where(client_requests.c.tenant_id == tenant_id, client_requests.c.id == request_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Request {request_id} does not exist.")
    return row


async def change_status(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    request_id: uuid.UUID,
    wanted: str,
    by: str,
    note: str | None,
    survey_ttl_days: int,
    at: dt.datetime | None = None,
) -> tuple[RowMapping, tuple[RowMapping, str] | None]:
    current = await _locked(session, tenant_id, request_id)
    try:
        rules.check_transition(current["status"], wanted)
    except rules.InvalidTransition as exc:
        raise Conflict(
            str(exc), code=Code.INVALID_STATE, current_status=exc.current, allowed=exc.allowed
        ) from exc
    moment = now()
    if at is not None:
        last = await session.scalar(
            select(func.max(request_history.c.changed_at)).where(
                request_history.c.request_id == request_id
            )
        )
        floor = max(current["opened_at"], last or current["opened_at"])
        if at < floor or at > moment + dt.timedelta(minutes=5):
            raise UnprocessableEntity(
                "at: a change happens after the request's last change and not in the future.",
                code=Code.DATE_OUT_OF_ORDER,
                errors=[{"loc": ["body", "at"], "msg": "out of order", "type": "value_error"}],
            )
        moment = at
    values: dict[str, Any] = {
        "status": wanted,
        "version": current["version"] + 1,
        "updated_at": moment,
    }
    if wanted == "resolved":
        values["resolved_at"] = moment
    if wanted == "closed":
        values["closed_at"] = moment
    if rules.is_reopen(current["status"], wanted):
        values.update(
            resolved_at=None, closed_at=None, reopened_count=current["reopened_count"] + 1
        )
    row: RowMapping = (
        (
            await session.execute(
                update(client_requests)
                .where(client_requests.c.id == request_id)
                .values(**values)
                .returning(client_requests)
            )
        )
        .mappings()
        .one()
    )
    await _history(session, tenant_id, request_id, current["status"], wanted, by, note, moment)
    survey = None
    ref = {"type": "request", "id": str(request_id)}
    if wanted == "closed":
        kept = not rules.breached(row["sla_due_at"], row["resolved_at"], moment)
        await publish(
            session,
            tenant_id,
            topics.REQUEST_CLOSED,
            request_id,
            {
                "request_id": str(request_id),
                "client_id": str(row["client_id"]),
                "priority": row["priority"],
                "opened_at": iso(row["opened_at"]),
                "closed_at": iso(row["closed_at"]),
                "sla_breached": not kept,
            },
            sequence=row["version"],
        )
        await surveys.supersede_pending(session, tenant_id, request_id)
        survey = await surveys.create(
            session,
            tenant_id=tenant_id,
            client_id=row["client_id"],
            kind="csat",
            request_id=request_id,
            ttl_days=survey_ttl_days,
        )
    if wanted in ("resolved", "closed") or rules.is_reopen(current["status"], wanted):
        kind = "request_reopened" if wanted == "open" else f"request_{wanted}"
        title = "reabierta" if wanted == "open" else STATUS_TITLES[wanted]
        await add_timeline(
            session,
            tenant_id=tenant_id,
            client_id=row["client_id"],
            kind=kind,
            occurred_at=moment,
            title=f"Solicitud {title}: {row['subject'][:200]}",
            details={
                "priority": row["priority"],
                "note": note,
                "sla_breached": rules.breached(row["sla_due_at"], row["resolved_at"], moment),
            },
            ref=ref,
            dedup_key=f"request:{request_id}:{row['version']}",
        )
    return row, survey


async def create_request(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    tenant_id: uuid.UUID,
    by: str,
    body: RequestIn,
    idempotency_key: str | None,
) -> JSONResponse:
    """Open a request; its SLA due time comes from the tenant's policy for its priority. With an
    `Idempotency-Key`, a repeat gets the first answer."""
    if body.opened_at is not None:
        not_in_future(body.opened_at, "opened_at")

    async def work() -> dict[str, Any]:
        row = await open_request(
            session,
            directory,
            tenant_id=tenant_id,
            data=body,
            created_by=by,
        )
        return RequestAnswer.model_validate(read_model(row)).model_dump(mode="json")

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=tenant_id,
        key=idempotency_key,
        operation="open-request",
        payload=body,
        work=work,
        answer_model=RequestAnswer,
    )


async def list_requests(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID | None,
    status: str | None,
    priority: str | None,
    assignee: str | None,
    breached: bool | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """Newest first; `breached=true` lists those past their SLA (resolved late, or still not)."""
    t = client_requests.c
    keyset = Keyset(t.opened_at, t.id, "newest", cursor)
    query = select(client_requests).where(t.tenant_id == tenant_id)
    if client_id is not None:
        query = query.where(t.client_id == client_id)
    if status is not None:
        query = query.where(t.status == status)
    if priority is not None:
        query = query.where(t.priority == priority)
    if assignee is not None:
        query = query.where(t.assignee == assignee)
    if breached is not None:
        late = func.coalesce(t.resolved_at, func.now()) > t.sla_due_at
        query = query.where(late if breached else ~late)
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {"items": [read_model(r) for r in page], "next_cursor": next_cursor}


async def get_request(
    session: AsyncSession, *, tenant_id: uuid.UUID, request_id: uuid.UUID
) -> dict[str, Any]:
    """One request with the history of its status."""
    row = await _locked(session, tenant_id, request_id)
    history = (
        (
            await session.execute(
                select(request_history)
                .where(request_history.c.request_id == request_id)
                .order_by(request_history.c.changed_at, request_history.c.id)
            )
        )
        .mappings()
        .all()
    )
    return {
        **read_model(row),
        "history": [
            {
                "from": h["from_status"],
                "to": h["to_status"],
                "by": h["changed_by"],
                "note": h["note"],
                "at": iso(h["changed_at"]),
            }
            for h in history
        ],
    }


async def update_request(
    session: AsyncSession, *, tenant_id: uuid.UUID, request_id: uuid.UUID, body: RequestPatch
) -> dict[str, Any]:
    """Subject, description, priority (which moves the SLA due time) or assignee."""
    current = await _locked(session, tenant_id, request_id)
    if not rules.editable(current["status"]):
        raise Conflict(
            f"Request {request_id} is closed; reopen it to change it.", code=Code.INVALID_STATE
        )
    values: dict[str, Any] = {k: getattr(body, k) for k in body.model_fields_set}
    if "priority" in values and values["priority"] != current["priority"]:
        policy = await policy_of(session, tenant_id)
        values["sla_due_at"] = rules.sla_due_at(current["opened_at"], values["priority"], policy)
    row = (
        (
            await session.execute(
                update(client_requests)
                .where(client_requests.c.id == request_id)
                .values(**values, version=current["version"] + 1, updated_at=now())
                .returning(client_requests)
            )
        )
        .mappings()
        .one()
    )
    return read_model(row)


async def change_request_status(
    session: AsyncSession,
    settings: CrmSettings,
    *,
    tenant_id: uuid.UUID,
    by: str,
    request_id: uuid.UUID,
    body: StatusIn,
) -> dict[str, Any]:
    """Move a request along its lifecycle; an impossible move is 409 with the allowed ones."""
    row, survey = await change_status(
        session,
        tenant_id=tenant_id,
        request_id=request_id,
        wanted=body.status,
        by=by,
        note=body.note,
        survey_ttl_days=settings.survey_ttl_days,
        at=body.at,
    )
    answer = read_model(row)
    if survey is not None:
        survey_row, token = survey
        answer["survey"] = {
            **surveys.read_model(survey_row),
            "link": surveys.link_of(settings, token),
        }
    return answer


def _policy_answer(policy: Mapping[str, int]) -> dict[str, Any]:
    return {
        "resolve_hours": {p: policy[p] for p in ("urgent", "high", "normal", "low")},
        "defaults": dict(rules.DEFAULT_RESOLVE_HOURS),
    }


async def get_sla_policy(session: AsyncSession, *, tenant_id: uuid.UUID) -> dict[str, Any]:
    """The tenant's resolution targets per priority, and Cartera's defaults."""
    return _policy_answer(await policy_of(session, tenant_id))


async def set_sla_policy(
    session: AsyncSession, *, tenant_id: uuid.UUID, body: SlaPolicyIn
) -> dict[str, Any]:
    """Resolution targets in hours per priority, for requests opened from now on."""
    await session.execute(delete(sla_policies).where(sla_policies.c.tenant_id == tenant_id))
    for priority, hours in body.model_dump().items():
        await session.execute(
            insert(sla_policies).values(tenant_id=tenant_id, priority=priority, resolve_hours=hours)
        )
    return _policy_answer(await policy_of(session, tenant_id))
