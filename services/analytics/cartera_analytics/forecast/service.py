"""The cash forecast from the read models: the open instalments, each client's settled ones
(their days late), and what is left out (returned direct debits, dunning holds)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.domain import cash_forecast as maths
from cartera_analytics.domain.money import ZERO, fmt_money
from cartera_analytics.models import dunning_holds, instalments, payments

# Habits change: the days late of the last two years make the distributions.
HISTORY_DAYS = 730


async def returned_direct_debits(
    session: AsyncSession, tenant_id: uuid.UUID
) -> set[tuple[uuid.UUID, int]]:
    """(invoice, instalment) pairs a direct debit paid and the bank returned (payment.reversed):
    while they stay open, they are owed again and out of the forecast."""
    rows = await session.execute(
        select(payments.c.invoice_id, payments.c.allocations).where(
            payments.c.tenant_id == tenant_id,
            payments.c.reversed.is_(True),
            payments.c.method == "direct_debit",
        )
    )
    return {(r.invoice_id, int(a["seq"])) for r in rows for a in r.allocations or ()}


async def holds(
    session: AsyncSession, tenant_id: uuid.UUID, day: dt.date
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """Clients and invoices under a dunning hold in force on `day`."""
    rows = await session.execute(
        select(dunning_holds.c.client_id, dunning_holds.c.invoice_id).where(
            dunning_holds.c.tenant_id == tenant_id,
            dunning_holds.c.released.is_(False),
            or_(dunning_holds.c.until.is_(None), dunning_holds.c.until >= day),
        )
    )
    clients: set[uuid.UUID] = set()
    invoices: set[uuid.UUID] = set()
    for r in rows:
        if r.invoice_id is not None:
            invoices.add(r.invoice_id)
        elif r.client_id is not None:
            clients.add(r.client_id)
    return clients, invoices


async def cash_forecast(
    session: AsyncSession, tenant_id: uuid.UUID, day: dt.date, weeks: int
) -> dict[str, Any]:
    settled = await session.execute(
        select(instalments.c.client_id, instalments.c.due_on, instalments.c.settled_on).where(
            instalments.c.tenant_id == tenant_id,
            instalments.c.settled_on.is_not(None),
            instalments.c.settled_on < day,
            instalments.c.settled_on >= day - dt.timedelta(days=HISTORY_DAYS),
            instalments.c.amount > 0,
        )
    )
    history: dict[uuid.UUID, list[int]] = defaultdict(list)
    for s in settled:
        history[s.client_id].append((s.settled_on - s.due_on).days)
    still_open = await session.execute(
        select(
            instalments.c.invoice_id,
            instalments.c.seq,
            instalments.c.client_id,
            instalments.c.due_on,
            instalments.c.amount,
            instalments.c.paid,
        ).where(
            instalments.c.tenant_id == tenant_id,
            instalments.c.settled_on.is_(None),
            instalments.c.amount > instalments.c.paid,
        )
    )
    returned = await returned_direct_debits(session, tenant_id)
    held_clients, held_invoices = await holds(session, tenant_id, day)
    items = []
    left_out = {"returned_direct_debit": ZERO, "disputed": ZERO}
    for r in still_open:
        owed = Decimal(r.amount) - Decimal(r.paid)
        if r.invoice_id in held_invoices or r.client_id in held_clients:
            left_out["disputed"] += owed
        elif (r.invoice_id, r.seq) in returned:
            left_out["returned_direct_debit"] += owed
        else:
            items.append(maths.OpenItem(r.client_id, r.due_on, owed))
    made = maths.forecast(items, history, day, weeks)
    return {
        "as_of": day.isoformat(),
        "currency": "EUR",
        "open": fmt_money(made.open_amount),
        "weeks": [
            {
                "week_start": w.start.isoformat(),
                "week_end": (w.start + dt.timedelta(days=6)).isoformat(),
                "expected": fmt_money(w.expected),
                "low": fmt_money(w.low),
                "high": fmt_money(w.high),
            }
            for w in made.weeks
        ],
        "later": fmt_money(made.later),
        "excluded": {k: fmt_money(v) for k, v in left_out.items()},
        "clients_with_history": len(history),
        "settled_instalments": sum(len(v) for v in history.values()),
        "basis": "client_distribution" if history else "default_distribution",
    }
