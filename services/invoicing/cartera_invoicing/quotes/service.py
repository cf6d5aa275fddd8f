"""Quotes (presupuestos): their numbers, their states (draft, sent, then accepted or rejected
before they expire) and the draft invoice an accepted one becomes. `quote.accepted` is published
when a client accepts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_invoicing.domain.serialize import to_json
from cartera_invoicing.invoices import service
from cartera_invoicing.invoices.schemas import InvoiceCreate, LineIn
from cartera_invoicing.models import outbox, quotes
from cartera_invoicing.quotes.schemas import DEFAULT_VALIDITY_DAYS, QuoteIn
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import new_envelope, topics
from cartera_shared.outbox import add_event
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, NotFound


def effective_status(row: RowMapping) -> str:
    """A sent quote past its validity is expired, whether or not anyone has looked since."""
    if row["status"] == "sent" and row["valid_until"] < service.today():
        return "expired"
    return str(row["status"])


def read(row: RowMapping) -> dict[str, Any]:
    amounts = to_json(service.amounts_of(row["lines"]))
    return {
        "id": str(row["id"]),
        "number": row["number"],
        "client_id": str(row["client_id"]),
        "status": effective_status(row),
        "quote_date": row["quote_date"].isoformat(),
        "valid_until": row["valid_until"].isoformat(),
        "currency": row["currency"],
        "lines": row["lines"],
        "notes": row["notes"],
        "totals": {
            k: amounts["totals"][k] for k in ("taxable_base", "vat", "surcharge", "irpf", "total")
        },
        "breakdown": amounts["breakdown"],
        "invoice_id": str(row["invoice_id"]) if row["invoice_id"] else None,
        "sent_at": row["sent_at"].isoformat() if row["sent_at"] else None,
        "decided_at": row["decided_at"].isoformat() if row["decided_at"] else None,
        "created_at": row["created_at"].isoformat(),
    }


async def get(session: AsyncSession, tenant_id: uuid.UUID, quote_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(quotes)
                .where(quotes.c.tenant_id == tenant_id, quotes.c.id == quote_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Quote {quote_id} does not exist.")
    return row


async def _next_number(session: AsyncSession, tenant_id: uuid.UUID, day: dt.date) -> str:
    # Quotes are not fiscal documents: numbers need not be gapless, only unique and readable.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"quotes:{tenant_id}"},
    )
    prefix = f"P{day.year}-"
    count = await session.scalar(
        select(func.count()).where(
            quotes.c.tenant_id == tenant_id, quotes.c.number.like(f"{prefix}%")
        )
    )
    return f"{prefix}{int(count or 0) + 1:05d}"


async def create(
    session: AsyncSession, directory: ClientsDirectory, tenant_id: uuid.UUID, body: QuoteIn
) -> RowMapping:
    """A new draft quote for an active client."""
    day = body.quote_date or service.today()
    lines = [line.model_dump(mode="json") for line in body.lines]
    amounts = service.check_lines(lines, day)
    await service.check_client(
        session,
        directory,
        tenant_id,
        body.client_id,
        "ordinary",
    )
    row: RowMapping = (
        (
            await session.execute(
                insert(quotes)
                .values(
                    id=uuid.uuid4(),
                    tenant_id=tenant_id,
                    number=await _next_number(session, tenant_id, day),
                    client_id=body.client_id,
                    status="draft",
                    quote_date=day,
                    valid_until=body.valid_until or day + dt.timedelta(days=DEFAULT_VALIDITY_DAYS),
                    lines=lines,
                    notes=body.notes,
                    **service.totals_values(amounts),
                )
                .returning(quotes)
            )
        )
        .mappings()
        .one()
    )
    return row


async def all_quotes(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID | None,
    keyset: Keyset,
    limit: int,
) -> tuple[list[RowMapping], str | None]:
    """A page of the tenant's quotes in the order they were made, and the next page's cursor."""
    query = select(quotes).where(quotes.c.tenant_id == tenant_id)
    if client_id:
        query = query.where(quotes.c.client_id == client_id)
    return await keyset.fetch(session, query, limit)


TRANSITIONS = {
    "send": ("draft", "sent"),
    "accept": ("sent", "accepted"),
    "reject": ("sent", "rejected"),
}


async def move(
    session: AsyncSession, tenant_id: uuid.UUID, quote_id: uuid.UUID, action: str
) -> RowMapping:
    """Send, accept or reject a quote, from the one state that allows it."""
    before, after = TRANSITIONS[action]
    row = await get(session, tenant_id, quote_id)
    current = effective_status(row)
    if current != before:
        raise Conflict(
            f"Quote {row['number']} is {current}; only a {before} quote can be {action}ed.",
            code=Code.INVALID_STATE,
        )
    stamp = {"sent_at": func.now()} if action == "send" else {"decided_at": func.now()}
    moved: RowMapping = (
        (
            await session.execute(
                update(quotes)
                .where(quotes.c.id == quote_id)
                .values(status=after, updated_at=func.now(), **stamp)
                .returning(quotes)
            )
        )
        .mappings()
        .one()
    )
    if after == "accepted":
        await add_event(
            session,
            outbox,
            new_envelope(
                type=topics.QUOTE_ACCEPTED,
                tenant_id=tenant_id,
                producer="invoicing",
                subject=quote_id,
                sequence=1,
                data=read(moved),
            ),
            topic=topics.QUOTE_ACCEPTED,
        )
    return moved


async def convert(
    session: AsyncSession,
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    quote_id: uuid.UUID,
    series: str,
) -> RowMapping:
    """The draft invoice an accepted quote becomes (once)."""
    row = await get(session, tenant_id, quote_id)
    if effective_status(row) != "accepted":
        raise Conflict(
            f"Quote {row['number']} is {effective_status(row)}; only an accepted quote is "
            "invoiced.",
            code=Code.INVALID_STATE,
        )
    if row["invoice_id"] is not None:
        raise Conflict(
            f"Quote {row['number']} was already turned into invoice {row['invoice_id']}.",
            code=Code.INVALID_STATE,
        )
    draft = await service.create_draft(
        session,
        tenant_id=tenant_id,
        data=InvoiceCreate(
            client_id=row["client_id"],
            series=series,
            lines=[LineIn.model_validate(line) for line in row["lines"]],
            notes=f"Según presupuesto {row['number']}"
            + (f". {row['notes']}" if row["notes"] else ""),
        ),
        directory=directory,
    )
    await session.execute(
        update(quotes)
        .where(quotes.c.id == quote_id)
        .values(invoice_id=draft["id"], updated_at=func.now())
    )
    created = await service.get(session, tenant_id=tenant_id, invoice_id=draft["id"])
    return created
