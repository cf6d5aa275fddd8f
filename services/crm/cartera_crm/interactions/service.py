"""Interactions: each contact with a client, on any channel, and what came of it.

An interaction whose outcome is `follow_up` also creates the follow-up task (due on
`follow_up_on`, assigned to whoever handled the contact), so nothing promised is forgotten.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.common import (
    add_timeline,
    iso,
    not_in_future,
    publish,
    require_client,
)
from cartera_crm.followups import service as followups
from cartera_crm.interactions.schemas import InteractionAnswer, InteractionIn
from cartera_crm.models import client_requests, idempotency_keys, interactions, invoice_refs
from cartera_shared import idempotency
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, NotFound, UnprocessableEntity, field_error

INVOICES_READ = "invoices:read"
# The "client" of a simplified invoice, which names none.
NO_CLIENT = uuid.UUID(int=0)

CHANNEL_NAMES = {
    "email": "Email",
    "phone": "Llamada",
    "whatsapp": "WhatsApp",
    "web_form": "Formulario web",
    "in_person": "En persona",
    "video_call": "Videollamada",
    "other": "Otro canal",
}


def read_model(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "client_id": str(row["client_id"]),
        "channel": row["channel"],
        "direction": row["direction"],
        "occurred_at": iso(row["occurred_at"]),
        "contact_name": row["contact_name"],
        "handled_by": row["handled_by"],
        "summary": row["summary"],
        "outcome": row["outcome"],
        "follow_up_on": iso(row["follow_up_on"]),
        "request_id": str(row["request_id"]) if row["request_id"] else None,
        "document_ids": row["document_ids"],
        "invoice_ids": row["invoice_ids"],
        "source": row["source"],
        "recorded_by": row["recorded_by"],
        "created_at": iso(row["created_at"]),
    }


async def _check_links(
    session: AsyncSession,
    invoicing: InternalClient | None,
    tenant_id: uuid.UUID,
    data: InteractionIn,
) -> None:
    if data.request_id is not None:
        owner = await session.scalar(
            select(client_requests.c.client_id).where(
                client_requests.c.tenant_id == tenant_id, client_requests.c.id == data.request_id
            )
        )
        if owner != data.client_id:
            raise UnprocessableEntity(
                f"request_id: request {data.request_id} is not a request of this client.",
                code=Code.UNKNOWN_REFERENCE,
                errors=[{"loc": ["body", "request_id"], "msg": "unknown", "type": "unknown"}],
            )
    if data.invoice_ids:
        await _check_invoices(session, invoicing, tenant_id, data)


async def _check_invoices(
    session: AsyncSession,
    invoicing: InternalClient | None,
    tenant_id: uuid.UUID,
    data: InteractionIn,
) -> None:
    """Each linked invoice is an issued invoice of the interaction's client. crm learns of
    invoices from their events (`invoice_refs`); one issued a moment ago, whose event is still
    on its way, is asked of the invoicing service and kept as its event would keep it, so the
    answer is final: accepted, or a 422 that no retry changes."""
    rows = (
        await session.execute(
            select(invoice_refs.c.invoice_id, invoice_refs.c.client_id).where(
                invoice_refs.c.tenant_id == tenant_id,
                invoice_refs.c.invoice_id.in_(data.invoice_ids),
            )
        )
    ).all()
    known: dict[uuid.UUID, uuid.UUID | None] = {r.invoice_id: r.client_id for r in rows}
    for position, invoice_id in enumerate(data.invoice_ids):
        if invoice_id not in known and invoicing is not None:
            invoice = await _issued_invoice(session, invoicing, tenant_id, invoice_id)
            if invoice is not None:
                known[invoice_id] = invoice
        if invoice_id not in known:
            # Another tenant's invoice, or a draft, is as unknown as one that never existed.
            raise _not_linkable(position, f"there is no issued invoice {invoice_id}", "unknown")
        if known[invoice_id] != data.client_id:
            raise _not_linkable(
                position, f"invoice {invoice_id} is not an invoice of this client", "other_client"
            )


async def _issued_invoice(
    session: AsyncSession, invoicing: InternalClient, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> uuid.UUID | None:
    """The client of the tenant's invoice when it is issued (or since cancelled), now kept in
    `invoice_refs`; None when invoicing has no such invoice of the tenant, or only a draft. A
    simplified invoice names no client: NO_CLIENT, and it is not kept (its events are not)."""
    found = await invoicing.get(
        tenant_id, f"/v1/invoices/{invoice_id}", scope=INVOICES_READ, what=f"invoice {invoice_id}"
    )
    if found is None:
        return None
    invoice, _ = found
    if invoice.get("status") not in ("issued", "cancelled") or not invoice.get("number"):
        return None
    if str(invoice.get("id")) != str(invoice_id):
        raise invoicing.unavailable(f"answered another invoice when asked for {invoice_id}")
    if not invoice.get("client_id"):
        return NO_CLIENT
    client_id = uuid.UUID(str(invoice["client_id"]))
    # The same row invoice.issued writes: the event, when it comes, finds it and adds nothing.
    await session.execute(
        pg_insert(invoice_refs)
        .values(
            tenant_id=tenant_id,
            invoice_id=invoice_id,
            client_id=client_id,
            number=str(invoice["number"]),
        )
        .on_conflict_do_nothing()
    )
    return client_id


def _not_linkable(position: int, why: str, kind: str) -> UnprocessableEntity:
    return UnprocessableEntity(
        f"invoice_ids[{position}]: {why}.",
        code=Code.UNKNOWN_REFERENCE,
        errors=field_error("body", "invoice_ids", position, msg=why, type=kind),
    )


async def log_interaction(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    invoicing: InternalClient | None = None,
    tenant_id: uuid.UUID,
    data: InteractionIn,
    recorded_by: str,
    source: str = "manual",
) -> RowMapping:
    """Record an interaction with its event, timeline entry and follow-up (one transaction)."""
    await require_client(session, directory, tenant_id, data.client_id)
    await _check_links(session, invoicing, tenant_id, data)
    row: RowMapping = (
        (
            await session.execute(
                insert(interactions)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    client_id=data.client_id,
                    channel=data.channel,
                    direction=data.direction,
                    occurred_at=data.occurred_at,
                    contact_name=data.contact_name,
                    handled_by=data.handled_by,
                    summary=data.summary,
                    outcome=data.outcome,
                    follow_up_on=data.follow_up_on,
                    request_id=data.request_id,
                    document_ids=[str(d) for d in data.document_ids],
                    invoice_ids=[str(i) for i in data.invoice_ids],
                    source=source,
                    recorded_by=recorded_by,
                )
                .returning(interactions)
            )
        )
        .mappings()
        .one()
    )
    await publish(
        session,
        tenant_id,
        topics.INTERACTION_LOGGED,
        row["id"],
        {
            "interaction_id": str(row["id"]),
            "client_id": str(row["client_id"]),
            "channel": row["channel"],
            "direction": row["direction"],
            "occurred_at": iso(row["occurred_at"]),
            "outcome": row["outcome"],
            "summary": row["summary"],
        },
    )
    arrow = "de" if row["direction"] == "inbound" else "a"
    await add_timeline(
        session,
        tenant_id=tenant_id,
        client_id=row["client_id"],
        kind="interaction",
        occurred_at=row["occurred_at"],
        title=f"{CHANNEL_NAMES[row['channel']]} ({arrow} cliente): {row['summary'][:200]}",
        details={
            "channel": row["channel"],
            "direction": row["direction"],
            "outcome": row["outcome"],
            "follow_up_on": iso(row["follow_up_on"]),
            "contact_name": row["contact_name"],
            "handled_by": row["handled_by"],
        },
        ref={"type": "interaction", "id": str(row["id"])},
        dedup_key=f"interaction:{row['id']}",
    )
    if data.outcome == "follow_up" and data.follow_up_on is not None:
        await followups.create(
            session,
            tenant_id=tenant_id,
            created_by=recorded_by,
            client_id=data.client_id,
            title=f"Seguimiento: {data.summary[:280]}",
            due_on=data.follow_up_on,
            assignee=data.handled_by,
            interaction_id=row["id"],
            request_id=data.request_id,
        )
    return row


async def create_interaction(
    session: AsyncSession,
    directory: ClientsDirectory,
    invoicing: InternalClient,
    *,
    tenant_id: uuid.UUID,
    by: str,
    body: InteractionIn,
    idempotency_key: str | None,
) -> JSONResponse:
    """Log a contact with a client. The outcome `follow_up` also creates the follow-up task,
    due on `follow_up_on`. With an `Idempotency-Key`, a repeat gets the first answer."""
    not_in_future(body.occurred_at, "occurred_at")

    async def work() -> dict[str, Any]:
        row = await log_interaction(
            session,
            directory,
            invoicing=invoicing,
            tenant_id=tenant_id,
            data=body,
            recorded_by=by,
        )
        return InteractionAnswer.model_validate(read_model(row)).model_dump(mode="json")

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=tenant_id,
        key=idempotency_key,
        operation="log-interaction",
        payload=body,
        work=work,
        answer_model=InteractionAnswer,
    )


async def list_interactions(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID | None,
    channel: str | None,
    outcome: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """Newest first, `limit` at a time; pass `next_cursor` back for the next page."""
    keyset = Keyset(interactions.c.occurred_at, interactions.c.id, "newest", cursor)
    query = select(interactions).where(interactions.c.tenant_id == tenant_id)
    if client_id is not None:
        query = query.where(interactions.c.client_id == client_id)
    if channel is not None:
        query = query.where(interactions.c.channel == channel)
    if outcome is not None:
        query = query.where(interactions.c.outcome == outcome)
    if since is not None:
        query = query.where(interactions.c.occurred_at >= since)
    if until is not None:
        query = query.where(interactions.c.occurred_at < until)
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {"items": [read_model(r) for r in page], "next_cursor": next_cursor}


async def get_interaction(
    session: AsyncSession, *, tenant_id: uuid.UUID, interaction_id: uuid.UUID
) -> dict[str, Any]:
    """One interaction."""
    row = (
        (
            await session.execute(
                select(interactions).where(
                    interactions.c.tenant_id == tenant_id,
                    interactions.c.id == interaction_id,
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Interaction {interaction_id} does not exist.")
    return read_model(row)
