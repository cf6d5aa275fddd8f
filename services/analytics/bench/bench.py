"""Measure the two performance targets on the local infrastructure (not part of the test run).

    python services/analytics/bench/bench.py portfolio --clients 5000 --invoices 500000
    python services/analytics/bench/bench.py replay --events 100000

`portfolio` seeds a throw-away tenant's aggregates with SQL (as the consumers would have left
them for that many invoices over two years), times the portfolio query 50 times and prints the
p50/p95, then deletes the tenant's rows. `replay` publishes synthetic invoice and payment events
to throw-away topics (`bench-<id>.*`), replays them with the rebuild's reader and writer into a
throw-away tenant inside a transaction that is rolled back, and prints events/s.
Uses CARTERA_DATABASE_APP_URL / CARTERA_DATABASE_URL and CARTERA_KAFKA_BOOTSTRAP_SERVERS like the
service.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import os
import statistics
import time
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from aiokafka import AIOKafkaProducer
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.billing.service import portfolio_body
from cartera_analytics.common import client_ref
from cartera_analytics.domain.figures import RankedClient, portfolio
from cartera_analytics.domain.money import ZERO, fmt_money, fmt_ratio
from cartera_analytics.models import READ_MODELS
from cartera_analytics.rebuild import (
    Replay,
    no_cyclic_gc,
    read_models,
    replay_topics,
    write_read_models,
)
from cartera_shared.db import create_engine, session_factory, set_tenant, tenant_transaction
from cartera_shared.events import new_envelope
from cartera_shared.kafka import ensure_topics
from cartera_shared.settings import ServiceSettings


async def bench_portfolio(clients: int, invoices: int) -> None:
    settings = ServiceSettings()
    engine = create_engine(settings.effective_app_url, pool_size=2)
    sessions = session_factory(engine)
    tenant = uuid.uuid4()
    days = 730
    first = dt.date.today() - dt.timedelta(days=days)
    per_day = max(invoices // days, 1)
    try:
        async with tenant_transaction(sessions, tenant) as session:
            # One row per invoice-day and client: `per_day` invoices a day, to random clients.
            await session.execute(
                text(
                    """
                    INSERT INTO analytics.client_days
                        (tenant_id, day, client_id, base, total, invoices)
                    SELECT :t, d, ('00000000-0000-0000-0000-' || lpad(c::text, 12, '0'))::uuid,
                           sum(b), sum(b) * 1.21, count(*)
                    FROM (
                        SELECT CAST(:first AS date) + (i / CAST(:per_day AS int)) AS d,
                               1 + (hashint4(i) & 2147483647) % :clients AS c,
                               round((50 + (hashint4(i * 7) & 1023))::numeric, 2) AS b
                        FROM generate_series(0, :n - 1) AS i
                    ) s
                    GROUP BY d, c
                    """
                ),
                {
                    "t": tenant,
                    "first": first,
                    "per_day": per_day,
                    "clients": clients,
                    "n": invoices,
                },
            )
            for table, key, unit in (
                ("client_months", "month", "month"),
                ("client_quarters", "quarter", "quarter"),
                ("client_years", "year", "year"),
            ):
                await session.execute(
                    text(
                        f"INSERT INTO analytics.{table}"
                        f" (tenant_id, {key}, client_id, base, total, invoices)"
                        f" SELECT tenant_id, date_trunc('{unit}', day)::date, client_id,"
                        " sum(base), sum(total), sum(invoices)"
                        " FROM analytics.client_days WHERE tenant_id = :t GROUP BY 1, 2, 3"
                    ),
                    {"t": tenant},
                )
        if settings.database_url is None:
            raise SystemExit("the benchmark vacuums as the owner: set CARTERA_DATABASE_URL")
        owner = create_engine(settings.database_url, pool_size=1)
        async with owner.connect() as conn:
            # Statistics and the visibility map, as autovacuum keeps them (it vacuums after
            # inserts too): the covering keys are read with index-only scans.
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("client_days", "client_months", "client_quarters", "client_years"):
                await conn.execute(text(f"VACUUM ANALYZE analytics.{table}"))
        await owner.dispose()
        end = dt.date.today() - dt.timedelta(days=20)
        start = end - dt.timedelta(days=364)
        async with tenant_transaction(sessions, tenant) as session:
            page = await queries.portfolio_page(session, tenant, start, end, 100)
            expected = await per_client_in_python(session, tenant, start, end, 100)
        if portfolio_body(start, end, page, 100) != expected:
            raise SystemExit("the SQL portfolio differs from the one computed in Python")
        timings = []
        sql_ms: list[float] = []
        for _ in range(50):
            began = time.perf_counter()
            async with tenant_transaction(sessions, tenant) as session:
                if os.environ.get("BENCH_SETTINGS"):
                    for setting in os.environ["BENCH_SETTINGS"].split(";"):
                        await session.execute(text(f"SET LOCAL {setting}"))
                page = await queries.portfolio_page(session, tenant, start, end, 100)
                sql_ms.append((time.perf_counter() - began) * 1000)
            body = portfolio_body(start, end, page, 100)
            timings.append((time.perf_counter() - began) * 1000)
        timings.sort()
        sql_ms.sort()
        print(f"query alone: p50 {statistics.median(sql_ms):.1f} ms, p95 {sql_ms[46]:.1f} ms")
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"portfolio {start}..{end}: {body['totals']['clients']} clients, "
            f"{body['totals']['invoices']} invoices; "
            f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
        )
    finally:
        async with tenant_transaction(sessions, tenant) as session:
            for table in READ_MODELS:
                await session.execute(delete(table).where(table.c.tenant_id == tenant))
        await engine.dispose()


async def per_client_in_python(
    session: AsyncSession, tenant: uuid.UUID, start: dt.date, end: dt.date, limit: int
) -> dict[str, Any]:
    """The portfolio as it was computed before it moved into SQL (every client's row fetched,
    ranked and summed in Python with Decimal), to check the SQL answers the same."""
    result = portfolio(await queries.revenue_by_client(session, tenant, start, end))
    shown = result.clients[:limit]
    known = await queries.names(session, tenant, [c.revenue.client_id for c in shown])
    classes: dict[str, list[RankedClient]] = defaultdict(list)
    for c in result.clients:
        classes[c.abc].append(c)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "currency": "EUR",
        "totals": {
            "taxable_base": fmt_money(result.base),
            "total": fmt_money(result.total),
            "invoices": result.invoices,
            "clients": len(result.clients),
        },
        "concentration": {
            "top1_share_fraction": fmt_ratio(result.top1_share),
            "top5_share_fraction": fmt_ratio(result.top5_share),
            "hhi_fraction": fmt_ratio(result.hhi),
        },
        "abc": {
            label: {
                "clients": len(classes[label]),
                "taxable_base": fmt_money(sum((c.revenue.base for c in classes[label]), ZERO)),
                "share_fraction": fmt_ratio(sum((c.share for c in classes[label]), ZERO)),
            }
            for label in ("A", "B", "C")
        },
        "items": [
            {
                "rank": c.rank,
                "client_id": client_ref(c.revenue.client_id),
                "legal_name": known.get(c.revenue.client_id, (None, None))[0],
                "tax_id": known.get(c.revenue.client_id, (None, None))[1],
                "taxable_base": fmt_money(c.revenue.base),
                "total": fmt_money(c.revenue.total),
                "invoices": c.revenue.invoices,
                "share_fraction": fmt_ratio(c.share),
                "cumulative_share_fraction": fmt_ratio(c.cumulative),
                "abc": c.abc,
            }
            for c in shown
        ],
        "truncated": len(result.clients) > limit,
    }


def invoice_event(tenant: uuid.UUID, client: uuid.UUID, day: dt.date, n: int) -> bytes:
    invoice_id = uuid.uuid4()
    base = Decimal(100 + n % 900)
    vat = base * Decimal("0.21")
    return new_envelope(
        type="invoice.issued",
        tenant_id=tenant,
        producer="bench",
        subject=invoice_id,
        sequence=1,
        data={
            "id": str(invoice_id),
            "number": f"B-{n}",
            "invoice_type": "F1",
            "issue_date": day.isoformat(),
            "client_id": str(client),
            "currency": "EUR",
            "recipient": {
                "legal_name": f"Client {client.int % 1000}",
                "tax_id": f"B{client.int % 10**8:08d}",
                "country": "ES",
            },
            "amounts": {
                "totals": {
                    "taxable_base": f"{base:.2f}",
                    "vat": f"{vat:.2f}",
                    "surcharge": "0.00",
                    "irpf": "0.00",
                    "total": f"{base + vat:.2f}",
                },
                "withholdings": [],
            },
            "due_dates": [
                {"due_on": (day + dt.timedelta(days=30)).isoformat(), "amount": f"{base + vat:.2f}"}
            ],
        },
    ).to_bytes()


async def bench_replay(events: int) -> None:
    settings = ServiceSettings()
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    topic = f"{prefix}.invoice.issued"
    await ensure_topics(settings.kafka_bootstrap_servers, [topic], partitions=3, with_dlq=False)
    tenant = uuid.uuid4()
    clients = [uuid.uuid4() for _ in range(500)]
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers, linger_ms=20, max_batch_size=1 << 20
    )
    await producer.start()
    try:
        first = dt.date.today() - dt.timedelta(days=700)
        for n in range(events):
            await producer.send(
                topic,
                invoice_event(tenant, clients[n % 500], first + dt.timedelta(days=n % 700), n),
            )
        await producer.flush()
    finally:
        await producer.stop()
    engine = create_engine(settings.effective_app_url, pool_size=1)
    sessions = session_factory(engine)
    replay = Replay(tenant=tenant)
    with no_cyclic_gc():  # as the rebuild does
        began = time.perf_counter()
        await replay_topics(settings.kafka_bootstrap_servers, [topic], replay, io.StringIO(), 5000)
        read = time.perf_counter() - began
        async with sessions() as session:
            await session.begin()
            await set_tenant(session, tenant)
            compute_began = time.perf_counter()
            rows = await write_read_models(session, tenant, replay.tenants[tenant])
            # Computing and writing now overlap (Python computes the next table while
            # PostgreSQL inserts the previous one); what is reported as computing is the
            # same computation on its own, timed afterwards.
            write = time.perf_counter() - compute_began
            await session.rollback()
        total = time.perf_counter() - began
        computing = time.perf_counter()
        read_models(tenant, replay.tenants[tenant])
        compute = time.perf_counter() - computing
    await engine.dispose()
    print(f"read {read:.2f}s, compute and write {write:.2f}s (computing alone {compute:.2f}s)")
    print(
        f"replay of {replay.events} events: read and merged at "
        f"{replay.events / read:,.0f} events/s; with computing and writing {rows} rows: "
        f"{replay.events / total:,.0f} events/s ({total:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("portfolio")
    p.add_argument("--clients", type=int, default=5000)
    p.add_argument("--invoices", type=int, default=500_000)
    r = sub.add_parser("replay")
    r.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    if args.what == "portfolio":
        asyncio.run(bench_portfolio(args.clients, args.invoices))
    else:
        asyncio.run(bench_replay(args.events))


if __name__ == "__main__":
    main()
