"""An `invoice.issued` event handed to the ledger as the consumer would, for the integration
tests that need a receivable without running invoicing."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cartera_collections import ledger
from cartera_shared.db import set_tenant, tenant_transaction
from cartera_shared.events import new_envelope, topics


async def issue_invoice(
    app: Any,
    tenant_id: uuid.UUID,
    *,
    client_id: uuid.UUID | None,
    issue_date: dt.date,
    due_dates: list[tuple[dt.date, Decimal]],
) -> dict[str, Any]:
    """Open the receivable of a new invoice (total: the sum of `due_dates`); its event data."""
    invoice_id = uuid.uuid4()
    total = sum((amount for _, amount in due_dates), Decimal("0.00"))
    data: dict[str, Any] = {
        "id": str(invoice_id),
        "number": f"F{issue_date.year}-{uuid.uuid4().int % 10**6:06d}",
        "client_id": str(client_id) if client_id else None,
        "issue_date": issue_date.isoformat(),
        "currency": "EUR",
        "amounts": {"totals": {"total": str(total)}},
        "due_dates": [
            {"due_on": due.isoformat(), "amount": str(amount)} for due, amount in due_dates
        ],
    }
    envelope = new_envelope(
        type=topics.INVOICE_ISSUED,
        tenant_id=tenant_id,
        producer="invoicing",
        subject=str(invoice_id),
        sequence=1,
        data=data,
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await ledger.on_invoice_issued(session, envelope)
    return data


async def queue_for_dunning(owner: AsyncEngine, tenant_id: uuid.UUID, invoice_id: Any) -> None:
    """Put an invoice's receivable in the dunning queue, as the overdue job does."""
    async with owner.begin() as connection:
        await set_tenant(connection, tenant_id)
        await connection.execute(
            text(
                "INSERT INTO collections.dunning_queue (receivable_id, tenant_id) "
                "SELECT id, tenant_id FROM collections.receivables WHERE invoice_id = :id"
            ),
            {"id": invoice_id},
        )


async def ran(job: Any, *args: Any, **kwargs: Any) -> int:
    """Run a periodic job once it gets its lock (another run may hold it a moment)."""
    for _ in range(50):
        got, count = await job(*args, **kwargs)
        if got:
            return int(count or 0)
        await asyncio.sleep(0.1)
    raise AssertionError(f"{job.__name__} never got its lock")
