"""Reads of the pre-aggregated tables; every query is scoped to the tenant (and RLS holds)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.domain.figures import ClientRevenue
from cartera_analytics.domain.invoices import Instalment
from cartera_analytics.domain.periods import cover
from cartera_analytics.models import CLIENT_PERIODS, client_months, client_replicas, instalments

ONE_DAY = dt.timedelta(days=1)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


async def revenue_by_client(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date
) -> list[ClientRevenue]:
    """Net billing per client, issue dates start..end, from the coarsest aggregates that fit:
    each piece is an index range scan on (tenant_id, period start)."""
    parts = []
    for level, first, last in cover(start, end):
        table, key = CLIENT_PERIODS[level]
        parts.append(
            select(table.c.client_id, table.c.base, table.c.total, table.c.invoices).where(
                table.c.tenant_id == tenant_id, table.c[key] >= first, table.c[key] < last
            )
        )
    rows = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    query = select(
        rows.c.client_id,
        func.sum(rows.c.base).label("base"),
        func.sum(rows.c.total).label("total"),
        func.sum(rows.c.invoices).label("invoices"),
    ).group_by(rows.c.client_id)
    result = await session.execute(query)
    return [
        ClientRevenue(r.client_id, r.base, r.total, int(r.invoices))
        for r in result
        if r.base != 0 or r.total != 0 or r.invoices != 0
    ]


async def monthly(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    first: dt.date,
    last: dt.date,
    clients: Iterable[uuid.UUID] | None = None,
) -> list[Any]:
    """(month, client, base, total, invoices) rows for months first..last inclusive."""
    query = select(
        client_months.c.month,
        client_months.c.client_id,
        client_months.c.base,
        client_months.c.total,
        client_months.c.invoices,
    ).where(
        client_months.c.tenant_id == tenant_id,
        client_months.c.month >= first,
        client_months.c.month <= last,
    )
    if clients is not None:
        query = query.where(client_months.c.client_id.in_(list(clients)))
    return list((await session.execute(query)).all())


async def monthly_totals(
    session: AsyncSession, tenant_id: uuid.UUID, first: dt.date, last: dt.date
) -> dict[dt.date, tuple[Decimal, Decimal, int]]:
    query = (
        select(
            client_months.c.month,
            func.sum(client_months.c.base),
            func.sum(client_months.c.total),
            func.sum(client_months.c.invoices),
        )
        .where(
            client_months.c.tenant_id == tenant_id,
            client_months.c.month >= first,
            client_months.c.month <= last,
        )
        .group_by(client_months.c.month)
    )
    return {r[0]: (r[1], r[2], int(r[3])) for r in await session.execute(query)}


async def names(
    session: AsyncSession, tenant_id: uuid.UUID, clients: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    wanted = list(clients)
    if not wanted:
        return {}
    rows = await session.execute(
        select(client_replicas.c.client_id, client_replicas.c.legal_name, client_replicas.c.tax_id)
        .where(client_replicas.c.tenant_id == tenant_id)
        .where(client_replicas.c.client_id.in_(wanted))
    )
    return {r.client_id: (r.legal_name, r.tax_id) for r in rows}


async def all_instalments(
    session: AsyncSession, tenant_id: uuid.UUID, client_id: uuid.UUID | None = None
) -> list[Instalment]:
    query = select(instalments).where(instalments.c.tenant_id == tenant_id)
    if client_id is not None:
        query = query.where(instalments.c.client_id == client_id)
    rows = (await session.execute(query)).mappings()
    return [
        Instalment(
            invoice_id=r["invoice_id"],
            client_id=r["client_id"],
            seq=r["seq"],
            due_on=r["due_on"],
            amount=r["amount"],
            paid=r["paid"],
            settled_on=r["settled_on"],
        )
        for r in rows
    ]


async def billed_since(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date
) -> dict[uuid.UUID, Decimal]:
    """Invoice totals (to pay) per client, issue dates start..end: the denominator of DSO."""
    return {r.client_id: r.total for r in await revenue_by_client(session, tenant_id, start, end)}
