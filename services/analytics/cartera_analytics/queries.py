"""Reads of the pre-aggregated tables; every query is scoped to the tenant (and RLS holds)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.domain.figures import ClientRevenue, PortfolioPage, PortfolioSums
from cartera_analytics.domain.invoices import Instalment
from cartera_analytics.domain.periods import cover
from cartera_analytics.models import (
    CLIENT_PERIODS,
    client_months,
    client_replicas,
    instalments,
    satisfaction_answers,
)

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


# The portfolio ranked and summed in SQL: one row comes back, with the exact sums the figures
# are made of (docs/analytics.md, "Share", "ABC", "Concentration") and the page shown as arrays.
# `before` is the sum of the positive bases ranked ahead of a client, so "the cumulative share
# before it is below 80 %" is `before < 0.80 * positive`, compared exactly.
PORTFOLIO_SQL = """
WITH per AS (
    SELECT client_id, sum(base) AS base, sum(total) AS total, sum(invoices) AS invoices
    FROM ({pieces}) AS pieces
    GROUP BY client_id
    HAVING sum(base) <> 0 OR sum(total) <> 0 OR sum(invoices) <> 0
), whole AS (
    SELECT coalesce(sum(base) FILTER (WHERE base > 0), 0) AS positive FROM per
), ranked AS (
    SELECT r.*,
           CASE WHEN r.base <= 0 THEN 'C'
                WHEN r.through - r.base < 0.80 * w.positive THEN 'A'
                WHEN r.through - r.base < 0.95 * w.positive THEN 'B'
                ELSE 'C' END AS abc
    FROM (
        SELECT client_id, base, total, invoices,
               row_number() OVER w AS rank,
               sum(greatest(base, 0)) OVER (w ROWS UNBOUNDED PRECEDING) AS through
        FROM per
        WINDOW w AS (ORDER BY base DESC, client_id)
    ) AS r CROSS JOIN whole AS w
)
SELECT s.*, p.*
FROM (
    SELECT count(*) AS clients,
           coalesce(sum(base), 0) AS base,
           coalesce(sum(total), 0) AS total,
           coalesce(sum(invoices), 0) AS invoices,
           (SELECT positive FROM whole) AS positive,
           coalesce(sum(base * base) FILTER (WHERE base > 0), 0) AS squares,
           coalesce(sum(greatest(base, 0)) FILTER (WHERE rank = 1), 0) AS top1,
           coalesce(sum(greatest(base, 0)) FILTER (WHERE rank <= 5), 0) AS top5,
           count(*) FILTER (WHERE abc = 'A') AS a_clients,
           coalesce(sum(base) FILTER (WHERE abc = 'A'), 0) AS a_base,
           coalesce(sum(greatest(base, 0)) FILTER (WHERE abc = 'A'), 0) AS a_positive,
           count(*) FILTER (WHERE abc = 'B') AS b_clients,
           coalesce(sum(base) FILTER (WHERE abc = 'B'), 0) AS b_base,
           coalesce(sum(greatest(base, 0)) FILTER (WHERE abc = 'B'), 0) AS b_positive,
           count(*) FILTER (WHERE abc = 'C') AS c_clients,
           coalesce(sum(base) FILTER (WHERE abc = 'C'), 0) AS c_base,
           coalesce(sum(greatest(base, 0)) FILTER (WHERE abc = 'C'), 0) AS c_positive
    FROM ranked
) AS s, (
    SELECT array_agg(r.client_id ORDER BY r.rank) AS ids,
           array_agg(r.base ORDER BY r.rank) AS bases,
           array_agg(r.total ORDER BY r.rank) AS totals,
           array_agg(r.invoices ORDER BY r.rank) AS counts,
           array_agg(r.through ORDER BY r.rank) AS throughs,
           array_agg(r.abc ORDER BY r.rank) AS classes,
           array_agg(c.legal_name ORDER BY r.rank) AS names,
           array_agg(c.tax_id ORDER BY r.rank) AS tax_ids
    FROM ranked AS r
    LEFT JOIN analytics.client_replicas AS c
        ON c.tenant_id = :tenant AND c.client_id = r.client_id
    WHERE r.rank <= :limit
) AS p
"""


async def portfolio_page(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date, limit: int
) -> PortfolioPage:
    """The portfolio of issue dates start..end: its exact sums, and the first `limit` clients
    with their names. Ranking, classes and sums happen in PostgreSQL, so only the page shown
    crosses the wire (not one row per client of the tenant)."""
    params: dict[str, Any] = {"tenant": tenant_id, "limit": limit}
    pieces = []
    for n, (level, first, last) in enumerate(cover(start, end)):
        table, key = CLIENT_PERIODS[level]
        pieces.append(
            f"SELECT client_id, base, total, invoices FROM analytics.{table.name}"
            f" WHERE tenant_id = :tenant AND {key} >= :first{n} AND {key} < :last{n}"
        )
        params[f"first{n}"], params[f"last{n}"] = first, last
    statement = text(PORTFOLIO_SQL.format(pieces=" UNION ALL ".join(pieces)))
    row = (await session.execute(statement, params)).one()
    return PortfolioPage(
        sums=PortfolioSums(
            clients=row.clients,
            base=row.base,
            total=row.total,
            invoices=int(row.invoices),
            positive=row.positive,
            squares=row.squares,
            top1=row.top1,
            top5=row.top5,
            classes={
                label: (
                    getattr(row, f"{label.lower()}_clients"),
                    getattr(row, f"{label.lower()}_base"),
                    getattr(row, f"{label.lower()}_positive"),
                )
                for label in ("A", "B", "C")
            },
        ),
        clients=list(
            zip(
                row.ids or [],
                row.bases or [],
                row.totals or [],
                row.counts or [],
                row.throughs or [],
                row.classes or [],
                row.names or [],
                row.tax_ids or [],
                strict=True,
            )
        ),
    )


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


async def survey_answers(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date
) -> list[Any]:
    """The CSAT and NPS answers given from `start` to `end` (both days included)."""
    lower = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    upper = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    return list(
        (
            await session.execute(
                select(
                    satisfaction_answers.c.client_id,
                    satisfaction_answers.c.kind,
                    satisfaction_answers.c.score,
                    satisfaction_answers.c.answered_at,
                ).where(
                    satisfaction_answers.c.tenant_id == tenant_id,
                    satisfaction_answers.c.answered_at >= lower,
                    satisfaction_answers.c.answered_at < upper,
                )
            )
        ).all()
    )
