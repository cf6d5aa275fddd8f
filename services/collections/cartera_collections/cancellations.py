"""A cancelled invoice (`invoice.cancelled`): nothing is owed on it any more.

Its receivable keeps its row (and `invoiced`, what the invoice asked for) with status
"cancelled": its amount and its instalments come to zero, so every query of what is owed,
overdue, remitted or matched passes it by, and the overdue and dunning jobs have nothing to
chase. Money already received on it is never lost: each payment's applied part becomes the
client's credit (`payments.credit`), the payment row staying as it was recorded otherwise.

The event carries the invoice as issued: if it comes before `invoice.issued` (they travel on
different topics), the receivable is made from it first, by the code `invoice.issued` runs, and
then cancelled; the issue, when it comes, finds it and does nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from pydantic import ValidationError
from sqlalchemy import delete, func, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import ledger
from cartera_collections.models import dunning_queue, instalments, payments, receivables
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.invoices import InvoiceCancelled
from cartera_shared.inbox import PoisonMessage

ZERO = ledger.ZERO


async def on_invoice_event(session: AsyncSession, envelope: Envelope) -> None:
    """The receivables consumer: issued and rectified invoices (ledger), cancelled ones here."""
    if envelope.type == topics.INVOICE_CANCELLED:
        await on_invoice_cancelled(session, envelope)
    else:
        await ledger.on_invoice_event(session, envelope)


async def on_invoice_events(
    session: AsyncSession, tenant_id: uuid.UUID, envelopes: Sequence[Envelope]
) -> None:
    """A tenant's invoice events of one batch: runs of issued invoices open their receivables
    together (`ledger.open_receivables`); a rectification or a cancellation goes one by one,
    after the issues read before it."""
    run: list[ledger.InvoiceToCollect] = []
    for envelope in envelopes:
        if envelope.type == topics.INVOICE_ISSUED:
            try:
                run.append(ledger.InvoiceToCollect.from_event(envelope.data))
            except ledger.UnusableInvoice as exc:
                raise PoisonMessage(
                    f"invoice.issued without what a receivable needs: {exc}"
                ) from exc
            continue
        await ledger.open_receivables(session, tenant_id, run)
        run.clear()
        await on_invoice_event(session, envelope)
    await ledger.open_receivables(session, tenant_id, run)


async def on_invoice_cancelled(session: AsyncSession, envelope: Envelope) -> None:
    try:
        event = InvoiceCancelled.model_validate(envelope.data)
        invoice = ledger.InvoiceToCollect.from_event(envelope.data)
    except (ValidationError, ledger.UnusableInvoice) as exc:
        raise PoisonMessage(f"invoice.cancelled without what collections needs: {exc}") from exc
    receivable = await ledger.find(session, envelope.tenant_id, invoice.invoice_id, lock=True)
    if receivable is None:
        await ledger.open_receivable(session, envelope.tenant_id, invoice)
        receivable = await ledger.find(session, envelope.tenant_id, invoice.invoice_id, lock=True)
        assert receivable is not None  # made just now
    await cancel_receivable(session, envelope.tenant_id, receivable, event)


async def cancel_receivable(
    session: AsyncSession, tenant_id: uuid.UUID, receivable: RowMapping, event: InvoiceCancelled
) -> None:
    if receivable["status"] == "cancelled":
        return
    # Each payment's applied part becomes credit; it no longer pays any instalment.
    await session.execute(
        update(payments)
        .where(
            payments.c.receivable_id == receivable["id"],
            payments.c.reversed_at.is_(None),
            payments.c.applied > 0,
        )
        .values(credit=payments.c.credit + payments.c.applied, applied=ZERO, allocations=[])
    )
    closed = (
        (
            await session.execute(
                update(instalments)
                .where(instalments.c.receivable_id == receivable["id"])
                .values(amount=ZERO, paid=ZERO, status="cancelled", settled_on=None)
                .returning(instalments)
            )
        )
        .mappings()
        .all()
    )
    for row in closed:
        await ledger.track(session, tenant_id, row)
    await session.execute(
        delete(dunning_queue).where(dunning_queue.c.receivable_id == receivable["id"])
    )
    await session.execute(
        update(receivables)
        .where(receivables.c.id == receivable["id"])
        .values(
            amount=ZERO,
            paid=ZERO,
            status="cancelled",
            cancelled_at=event.cancellation.cancelled_at,
            cancellation_reason=event.cancellation.reason,
            updated_at=func.now(),
        )
    )


__all__ = ["cancel_receivable", "on_invoice_cancelled", "on_invoice_event"]
