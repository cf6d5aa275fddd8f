"""The client timeline: everything that happened with a client, newest first, on one line.

Entries come from two places. This service writes its own (interactions, requests opened,
resolved, closed and reopened, surveys answered) in the transaction of the change. Consumers
write the others from events: `invoice.issued`, `invoice.rectified`, `invoice.cancelled`
(invoicing), `payment.recorded`, `payment.reversed`, `receivable.overdue`, `dunning.sent`
(collections).
Each fact has a `dedup_key`, so a redelivered or replayed event adds nothing.

When an event carries a business date that is not the day it was published (an invoice issued
with an earlier date, a payment recorded days after it arrived), the entry is placed on that
date, at 12:00 UTC; otherwise at the event's own time.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.common import iso, timeline_row
from cartera_crm.domain.timeline import TONES, money, placed_at
from cartera_crm.models import client_replicas, invoice_refs, timeline_entries
from cartera_crm.timeline.events import (
    AboutAClient,
    DunningFact,
    InvoiceFact,
    OverdueFact,
    PaymentFact,
)
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.invoices import InvoiceCancelled
from cartera_shared.inbox import PoisonMessage
from cartera_shared.pagination import Keyset
from cartera_shared.problems import NotFound

FOREIGN_TOPICS = (
    topics.INVOICE_ISSUED,
    topics.INVOICE_RECTIFIED,
    topics.INVOICE_CANCELLED,
    topics.PAYMENT_RECORDED,
    topics.PAYMENT_REVERSED,
    topics.RECEIVABLE_OVERDUE,
    topics.DUNNING_SENT,
)


@dataclass
class Writes:
    """What events add (invoice references and timeline entries), each kind written in one
    statement: every row is added once per key (`on_conflict_do_nothing`), so rows of many
    events written together leave what they leave written event by event."""

    refs: list[dict[str, Any]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)

    def ref(self, **values: Any) -> None:
        self.refs.append(values)

    def entry(self, **values: Any) -> None:
        self.entries.append(timeline_row(**values))

    async def write(self, session: AsyncSession) -> None:
        if self.refs:
            await session.execute(pg_insert(invoice_refs).on_conflict_do_nothing(), self.refs)
        if self.entries:
            await session.execute(
                pg_insert(timeline_entries).on_conflict_do_nothing(), self.entries
            )


async def on_event(session: AsyncSession, envelope: Envelope) -> None:
    """Consumer `crm.timeline`: one entry per fact of another service about a client."""
    writes = Writes()
    collect(envelope, writes)
    await writes.write(session)


async def on_events(
    session: AsyncSession, tenant_id: uuid.UUID, envelopes: Sequence[Envelope]
) -> None:
    """`on_event` for a tenant's events of one batch, their rows written together."""
    writes = Writes()
    for envelope in envelopes:
        collect(envelope, writes)
    await writes.write(session)


def collect(envelope: Envelope, writes: Writes) -> None:
    try:
        _collect(envelope, writes)
    except (KeyError, ValueError, TypeError, InvalidOperation) as exc:
        raise PoisonMessage(
            f"{envelope.type} without what a timeline entry needs: {exc!r}"
        ) from exc


def _collect(envelope: Envelope, writes: Writes) -> None:
    data = envelope.data
    tenant_id = envelope.tenant_id
    client_id = AboutAClient.model_validate(data).client_id
    if client_id is None:
        return  # simplified invoices and their payments name no client: no timeline to join
    kind: str
    if envelope.type in (topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED):
        invoice = InvoiceFact.model_validate(data)
        total = invoice.amounts.totals.total
        writes.ref(
            tenant_id=tenant_id,
            invoice_id=invoice.id,
            client_id=client_id,
            number=invoice.number,
        )
        details: dict[str, Any] = {
            "number": invoice.number,
            "issue_date": invoice.issue_date.isoformat(),
            "total": total,
            "currency": invoice.currency,
            "due_dates": invoice.due_dates,
        }
        if envelope.type == topics.INVOICE_RECTIFIED:
            kind = "invoice_rectified"
            original = invoice.rectifies or {}
            details["rectifies"] = original
            title = (
                f"Factura rectificativa {invoice.number} de {original.get('number', '?')}: "
                f"{money(total, invoice.currency)}"
            )
        else:
            kind = "invoice_issued"
            title = f"Factura {invoice.number} emitida: {money(total, invoice.currency)}"
        writes.entry(
            tenant_id=tenant_id,
            client_id=client_id,
            kind=kind,
            occurred_at=placed_at(envelope, invoice.issue_date.isoformat()),
            title=title,
            details=details,
            ref={"type": "invoice", "id": str(invoice.id)},
            dedup_key=f"{envelope.type}:{invoice.id}",
        )
    elif envelope.type == topics.INVOICE_CANCELLED:
        _invoice_cancelled(envelope, client_id, writes)
    elif envelope.type in (topics.PAYMENT_RECORDED, topics.PAYMENT_REVERSED):
        payment = PaymentFact.model_validate(data)
        amount = money(payment.amount, payment.currency)
        if envelope.type == topics.PAYMENT_REVERSED:
            kind = "payment_reversed"
            title = f"Pago anulado: {amount} (factura {payment.invoice_number})"
            when = envelope.occurred_at
        else:
            kind = "payment_recorded"
            title = f"Pago recibido: {amount} (factura {payment.invoice_number})"
            when = placed_at(envelope, payment.paid_on.isoformat())
        writes.entry(
            tenant_id=tenant_id,
            client_id=client_id,
            kind=kind,
            occurred_at=when,
            title=title,
            details={
                "amount": payment.amount,
                "currency": payment.currency,
                "paid_on": payment.paid_on.isoformat(),
                "method": payment.method,
                "invoice_id": str(payment.invoice_id),
                "invoice_number": payment.invoice_number,
                **({"reason": payment.reason} if kind == "payment_reversed" else {}),
            },
            ref={"type": "payment", "id": str(payment.id)},
            dedup_key=f"{envelope.type}:{payment.id}",
        )
    elif envelope.type == topics.RECEIVABLE_OVERDUE:
        overdue = OverdueFact.model_validate(data)
        writes.entry(
            tenant_id=tenant_id,
            client_id=client_id,
            kind="receivable_overdue",
            occurred_at=envelope.occurred_at,
            title=(
                f"Vencimiento impagado: factura {overdue.invoice_number}, plazo "
                f"{overdue.instalment} ({money(overdue.outstanding, overdue.currency)})"
            ),
            details={
                "invoice_id": str(overdue.invoice_id),
                "invoice_number": overdue.invoice_number,
                "instalment": overdue.instalment,
                "due_on": overdue.due_on.isoformat(),
                "overdue_since": overdue.overdue_since.isoformat(),
                "outstanding": overdue.outstanding,
                "currency": overdue.currency,
            },
            ref={"type": "invoice", "id": str(overdue.invoice_id)},
            dedup_key=(
                f"{envelope.type}:{overdue.receivable_id}:{overdue.instalment}:"
                f"{overdue.overdue_since.isoformat()}"
            ),
        )
    elif envelope.type == topics.DUNNING_SENT:
        notice = DunningFact.model_validate(data)
        writes.entry(
            tenant_id=tenant_id,
            client_id=client_id,
            kind="dunning_sent",
            occurred_at=envelope.occurred_at,
            title=(
                f"Aviso de cobro ({TONES.get(notice.tone, notice.tone)}, nivel {notice.level}): "
                f"factura {notice.invoice_number}, {money(notice.outstanding)} pendientes"
            ),
            details={
                "invoice_id": str(notice.invoice_id),
                "invoice_number": notice.invoice_number,
                "level": notice.level,
                "tone": notice.tone,
                "to": notice.to,
                "outstanding": notice.outstanding,
                "days_late": notice.days_late,
            },
            ref={"type": "dunning_notice", "id": str(notice.notice_id)},
            dedup_key=f"{envelope.type}:{notice.notice_id}",
        )


def _invoice_cancelled(envelope: Envelope, client_id: uuid.UUID, writes: Writes) -> None:
    """Placed when it was cancelled: the invoice itself keeps its entry on its issue date."""
    event = InvoiceCancelled.model_validate(envelope.data)  # a ValidationError is a ValueError
    writes.ref(
        tenant_id=envelope.tenant_id,
        invoice_id=event.id,
        client_id=client_id,
        number=event.number,
    )
    total = f"{event.amounts.totals.total:.2f}"
    writes.entry(
        tenant_id=envelope.tenant_id,
        client_id=client_id,
        kind="invoice_cancelled",
        occurred_at=event.cancellation.cancelled_at,
        title=(
            f"Factura {event.number} anulada ({money(total, event.currency)}): "
            f"{event.cancellation.reason}"
        ),
        details={
            "number": event.number,
            "issue_date": event.issue_date.isoformat(),
            "total": total,
            "currency": event.currency,
            "reason": event.cancellation.reason,
            "cancelled_at": iso(event.cancellation.cancelled_at),
        },
        ref={"type": "invoice", "id": str(event.id)},
        dedup_key=f"{envelope.type}:{event.id}",
    )


async def get_client_timeline(
    session: AsyncSession,
    directory: ClientsDirectory,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    kind: list[str] | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """Everything that happened with a client: contacts, requests, surveys, invoices, payments,
    overdue notices and dunning. Newest first, `limit` entries a page; `next_cursor` fetches the
    next (older) page."""
    t = timeline_entries.c
    keyset = Keyset(t.occurred_at, t.id, "newest", cursor)
    known = await directory.known_client(session, client_replicas, tenant_id, client_id)
    if known is None:
        raise NotFound(f"Client {client_id} does not exist.")
    query = select(timeline_entries).where(t.tenant_id == tenant_id, t.client_id == client_id)
    if kind:
        query = query.where(t.kind.in_(kind))
    if since is not None:
        query = query.where(t.occurred_at >= since)
    if until is not None:
        query = query.where(t.occurred_at < until)
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {
        "client_id": str(client_id),
        "items": [
            {
                "id": str(r["id"]),
                "kind": r["kind"],
                "occurred_at": iso(r["occurred_at"]),
                "title": r["title"],
                # Stored as the events carried them; the answer's model (TimelineDetails) writes
                # them in the wire's formats.
                "details": r["details"],
                "ref": r["ref"],
            }
            for r in page
        ],
        "next_cursor": next_cursor,
    }
