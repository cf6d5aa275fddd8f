"""The collection reports' queries: the unpaid instalments and each client's payment figures,
read in one transaction, then shaped by the rules of :mod:`cartera_collections.domain.aging`."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections.domain import aging as rules
from cartera_collections.models import client_replicas, instalments, receivables


async def _client_names(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, str]:
    rows = await session.execute(
        select(client_replicas.c.client_id, client_replicas.c.legal_name).where(
            client_replicas.c.tenant_id == tenant_id
        )
    )
    return {str(c): n for c, n in rows.all()}


async def _unpaid(session: AsyncSession, tenant_id: uuid.UUID) -> list[rules.UnpaidInstalment]:
    rows = await session.execute(
        select(instalments, receivables.c.client_id, receivables.c.invoice_number)
        .join(receivables, receivables.c.id == instalments.c.receivable_id)
        .where(instalments.c.tenant_id == tenant_id, instalments.c.paid < instalments.c.amount)
    )
    return [
        rules.UnpaidInstalment(
            client_id=str(row["client_id"]),
            invoice_number=row["invoice_number"],
            due_on=row["due_on"],
            outstanding=row["amount"] - row["paid"],
        )
        for row in rows.mappings()
    ]


async def aging(session: AsyncSession, tenant_id: uuid.UUID, today: dt.date) -> dict[str, Any]:
    unpaid = await _unpaid(session, tenant_id)
    names = await _client_names(session, tenant_id)
    total, per_client = rules.aging(unpaid, today)
    return {
        "as_of": today.isoformat(),
        "total": {k: str(v) for k, v in total.items()},
        "clients": [
            {"client_id": c, "legal_name": names.get(c), **{k: str(v) for k, v in b.items()}}
            for c, b in per_client
        ],
    }


async def defaulters(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    today: dt.date,
    min_days: int,
    min_amount: Decimal,
) -> dict[str, Any]:
    unpaid = await _unpaid(session, tenant_id)
    names = await _client_names(session, tenant_id)
    return {
        "items": [
            {
                "client_id": e.client_id,
                "legal_name": names.get(e.client_id),
                "overdue": str(e.overdue),
                "oldest_due_on": e.oldest_due_on.isoformat(),
                "invoices": sorted(e.invoices),
                "days_late": e.days_late(today),
            }
            for e in rules.defaulters(unpaid, today, min_days, min_amount)
        ]
    }


async def behaviour(
    session: AsyncSession, tenant_id: uuid.UUID, today: dt.date, client_id: uuid.UUID | None
) -> dict[str, Any]:
    settled = instalments.c.settled_on.is_not(None) & (instalments.c.paid >= instalments.c.amount)
    unpaid = instalments.c.paid < instalments.c.amount
    late_open = unpaid & (instalments.c.due_on < today)
    query = (
        select(
            receivables.c.client_id,
            func.sum(instalments.c.amount - instalments.c.paid).filter(unpaid).label("outstanding"),
            func.sum(instalments.c.amount - instalments.c.paid).filter(late_open).label("overdue"),
            func.count().filter(settled).label("settled"),
            func.count()
            .filter(settled & (instalments.c.settled_on <= instalments.c.due_on))
            .label("on_time"),
            func.count().filter(late_open).label("late_open"),
            func.sum(
                instalments.c.amount
                * func.greatest(instalments.c.settled_on - instalments.c.due_on, 0)
            )
            .filter(settled)
            .label("weighted_days"),
            func.sum(instalments.c.amount).filter(settled).label("settled_amount"),
        )
        .join(receivables, receivables.c.id == instalments.c.receivable_id)
        .where(instalments.c.tenant_id == tenant_id, instalments.c.amount > 0)
        .group_by(receivables.c.client_id)
    )
    sales_query = (
        select(receivables.c.client_id, func.sum(receivables.c.amount))
        .where(
            receivables.c.tenant_id == tenant_id,
            receivables.c.issue_date > today - dt.timedelta(days=rules.DSO_WINDOW_DAYS),
        )
        .group_by(receivables.c.client_id)
    )
    if client_id:
        query = query.where(receivables.c.client_id == client_id)
        sales_query = sales_query.where(receivables.c.client_id == client_id)
    rows = (await session.execute(query)).mappings().all()
    sales: dict[Any, Decimal] = dict((await session.execute(sales_query)).tuples().all())
    names = await _client_names(session, tenant_id)
    clients = [
        {"client_id": str(r["client_id"]), "legal_name": names.get(str(r["client_id"]))}
        | rules.behaviour(r, sales.get(r["client_id"], Decimal("0.00")))
        for r in rows
    ]
    clients.sort(key=lambda c: (-Decimal(c["current_overdue"]), c["legal_name"] or ""))
    return {
        "as_of": today.isoformat(),
        "total": rules.behaviour(
            rules.behaviour_totals(rows), sum(sales.values(), Decimal("0.00"))
        ),
        "clients": clients,
    }
