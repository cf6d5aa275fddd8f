"""Billing figures from the billing read models: each client's share of the portfolio, the
monthly evolution and the revenue bridge between two periods. Money is written in euros with
two decimals; shares, changes and the HHI are fractions of 1 with four decimals."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.common import client_ref
from cartera_analytics.domain import figures
from cartera_analytics.domain.money import ZERO, fmt_money, fmt_ratio
from cartera_analytics.domain.periods import same_days_last_month, shift_month


def trend_json(t: figures.Trend) -> dict[str, Any]:
    return {
        "direction": t.direction,
        "slope_per_month": fmt_money(t.slope),
        "relative_slope_fraction": fmt_ratio(t.relative),
    }


async def portfolio(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date, limit: int
) -> dict[str, Any]:
    page = await queries.portfolio_page(session, tenant_id, start, end, limit)
    return portfolio_body(start, end, page, limit)


def portfolio_body(
    start: dt.date, end: dt.date, page: figures.PortfolioPage, limit: int
) -> dict[str, Any]:
    sums, positive = page.sums, page.sums.positive
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "currency": "EUR",
        "totals": {
            "taxable_base": fmt_money(sums.base),
            "total": fmt_money(sums.total),
            "invoices": sums.invoices,
            "clients": sums.clients,
        },
        "concentration": {
            "top1_share_fraction": str(figures.exact_ratio(sums.top1, positive)),
            "top5_share_fraction": str(figures.exact_ratio(sums.top5, positive)),
            "hhi_fraction": str(figures.portfolio_hhi(sums)),
        },
        "abc": {
            label: {
                "clients": count,
                "taxable_base": fmt_money(base),
                "share_fraction": str(figures.exact_ratio(in_class, positive)),
            }
            for label, (count, base, in_class) in sums.classes.items()
        },
        "items": [
            {
                "rank": rank,
                "client_id": client_ref(client_id),
                "legal_name": legal_name,
                "tax_id": tax_id,
                "taxable_base": fmt_money(base),
                "total": fmt_money(total),
                "invoices": invoices,
                "share_fraction": str(figures.exact_ratio(max(base, ZERO), positive)),
                "cumulative_share_fraction": str(figures.exact_ratio(through, positive)),
                "abc": abc,
            }
            for rank, (client_id, base, total, invoices, through, abc, legal_name, tax_id) in (
                enumerate(page.clients, start=1)
            )
        ],
        "truncated": sums.clients > limit,
    }


def series(
    months: list[dt.date], values: dict[dt.date, tuple[Decimal, Decimal, int]]
) -> list[dict[str, Any]]:
    out = []
    for month in months:
        base, total, count = values.get(month, (ZERO, ZERO, 0))
        prev = values.get(shift_month(month, -1), (ZERO, ZERO, 0))[0]
        year_ago = values.get(shift_month(month, -12), (ZERO, ZERO, 0))[0]
        out.append(
            {
                "month": month.strftime("%Y-%m"),
                "taxable_base": fmt_money(base),
                "total": fmt_money(total),
                "invoices": count,
                "mom_change_fraction": fmt_ratio(figures.change(base, prev)),
                "yoy_change_fraction": fmt_ratio(figures.change(base, year_ago)),
            }
        )
    return out


async def evolution(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    first: dt.date,
    last: dt.date,
    months: list[dt.date],
    client_id: uuid.UUID | None,
    top: int,
    day: dt.date,
) -> dict[str, Any]:
    """`months` from `first` to `last`, compared with the year before; and `day`'s month so
    far against the same days of last month."""
    lookback = shift_month(first, -12)
    totals = await queries.monthly_totals(session, tenant_id, lookback, last)
    if client_id is not None:
        chosen = [client_id]
    else:
        in_range = await queries.monthly(session, tenant_id, first, last)
        by_client: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
        for row in in_range:
            by_client[row.client_id] += row.base
        chosen = [
            c for c, _ in sorted(by_client.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]
        ]
    rows = await queries.monthly(session, tenant_id, lookback, last, chosen) if chosen else []
    known = await queries.names(session, tenant_id, chosen)
    per_client: dict[uuid.UUID, dict[dt.date, tuple[Decimal, Decimal, int]]] = defaultdict(dict)
    for row in rows:
        per_client[row.client_id][row.month] = (row.base, row.total, row.invoices)

    def bases(values: dict[dt.date, tuple[Decimal, Decimal, int]]) -> list[Decimal]:
        return [values.get(m, (ZERO, ZERO, 0))[0] for m in months]

    return {
        "from": first.strftime("%Y-%m"),
        "to": last.strftime("%Y-%m"),
        "currency": "EUR",
        "total": {
            "months": series(months, totals),
            "trend": trend_json(figures.trend(bases(totals))),
        },
        "month_to_date": await month_to_date(session, tenant_id, day, client_id),
        "clients": [
            {
                "client_id": client_ref(c),
                "legal_name": known.get(c, (None, None))[0],
                "months": series(months, per_client[c]),
                "trend": trend_json(figures.trend(bases(per_client[c]))),
            }
            for c in chosen
        ],
    }


async def month_to_date(
    session: AsyncSession, tenant_id: uuid.UUID, day: dt.date, client_id: uuid.UUID | None
) -> dict[str, Any]:
    async def base(start: dt.date, end: dt.date) -> Decimal:
        rows = await queries.revenue_by_client(session, tenant_id, start, end)
        return sum((r.base for r in rows if client_id is None or r.client_id == client_id), ZERO)

    compare_from, compare_to = same_days_last_month(day)
    now = await base(day.replace(day=1), day)
    before = await base(compare_from, compare_to)
    return {
        "from": day.replace(day=1).isoformat(),
        "to": day.isoformat(),
        "taxable_base": fmt_money(now),
        "compare_from": compare_from.isoformat(),
        "compare_to": compare_to.isoformat(),
        "compare_taxable_base": fmt_money(before),
        "change_fraction": fmt_ratio(figures.change(now, before)),
    }


async def revenue_bridge(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    start: dt.date,
    end: dt.date,
    compare_from: dt.date,
    compare_to: dt.date,
) -> dict[str, Any]:
    now = await queries.revenue_by_client(session, tenant_id, start, end)
    before = await queries.revenue_by_client(session, tenant_id, compare_from, compare_to)
    result = figures.bridge(
        {r.client_id: r.base for r in before}, {r.client_id: r.base for r in now}
    )
    everyone = {r.client_id for r in now} | {r.client_id for r in before}
    known = await queries.names(session, tenant_id, everyone)

    def group(lines: list[figures.BridgeLine]) -> dict[str, Any]:
        return {
            "clients": len(lines),
            "amount": fmt_money(sum((b.change for b in lines), ZERO)),
            "items": [
                {
                    "client_id": client_ref(b.client_id),
                    "legal_name": known.get(b.client_id, (None, None))[0],
                    "compare": fmt_money(b.compare),
                    "current": fmt_money(b.current),
                    "change": fmt_money(b.change),
                }
                for b in lines
            ],
        }

    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "compare_period": {"from": compare_from.isoformat(), "to": compare_to.isoformat()},
        "measure": "taxable_base",
        "currency": "EUR",
        "opening": fmt_money(result.opening),
        "new": group(result.new),
        "growth": group(result.growth),
        "shrinkage": group(result.shrinkage),
        "lost": group(result.lost),
        "unchanged": group(result.unchanged),
        "closing": fmt_money(result.closing),
    }
