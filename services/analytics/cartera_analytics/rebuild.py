"""Rebuild the read models from scratch by replaying the topics from their first offset.

    python -m cartera_analytics.rebuild [--tenant TENANT_ID] [--batch 5000]

How it stays correct while the service runs (docs/analytics.md, "Rebuild"):

1. One transaction takes `EXCLUSIVE` locks on the inbox and every read-model table. Readers go
   on reading the old figures (`EXCLUSIVE` admits plain SELECTs); the live consumers' next write
   waits for the lock, so they pause without being stopped.
2. With the locks held it reads each topic's end offsets, then replays every partition from
   offset 0 up to those ends with its own group-less consumer (the service's offsets are left
   alone), reading the events in batches and keeping the facts in memory.
3. It computes the read models with the same pure functions the live consumers use, deletes the
   tenant's rows, bulk-inserts the new ones, and replaces the read-model consumer's inbox rows
   with the ids of the events it applied. Then it commits: readers see the old figures until the
   commit and the new ones after, never half a rebuild.
4. The paused live consumers resume: an event the rebuild applied finds its id in the inbox and
   is skipped; an event after the end offsets is applied as usual. Nothing twice, nothing lost.

Alerts and settings are the service's own state, not projections: a rebuild keeps them and
raises nothing (alerts raised before stay raised, once). Client replicas are version-guarded
upserts kept by their own consumer, and are left as they are.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pydantic import ValidationError
from sqlalchemy import Numeric, Table, delete, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import facts
from cartera_analytics.consumers import READ_MODELS_CONSUMER
from cartera_analytics.domain.invoices import (
    InvalidFact,
    InvoiceDoc,
    PaymentFact,
    chain_contributions,
    doc_from_event,
    instalment_schedule,
    payment_from_event,
)
from cartera_analytics.models import (
    CLIENT_PERIODS,
    READ_MODELS,
    SCHEMA,
    dunning_notices,
    inbox,
    instalments,
    interactions,
    invoice_documents,
    m347_quarters,
    month_judgements,
    payments,
    satisfaction_answers,
    support_requests,
)
from cartera_analytics.projector import (
    Sums,
    contribution_values,
    instalment_row,
    quarter_of,
    rollups,
)
from cartera_shared.db import create_engine, session_factory, set_tenant
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.kafka import ensure_topics, kafka_options
from cartera_shared.settings import ServiceSettings

ZERO = Decimal(0)
DIALECT: Any = postgresql.dialect()  # type: ignore[no-untyped-call]
ACCEPTED_VERSIONS = (1,)
CHAINS_PER_PIECE = 10_000  # invoice chains computed and written at a time (iter_read_models)


@dataclass
class TenantFacts:
    docs: dict[uuid.UUID, InvoiceDoc] = field(default_factory=dict)
    payments: dict[uuid.UUID, PaymentFact] = field(default_factory=dict)
    answers: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    requests: dict[str, dict[str, Any]] = field(default_factory=dict)
    interactions: dict[str, dict[str, Any]] = field(default_factory=dict)
    dunning: dict[str, dict[str, Any]] = field(default_factory=dict)
    applied: list[tuple[uuid.UUID, str]] = field(default_factory=list)  # (event id, topic)
    seen: set[uuid.UUID] = field(default_factory=set)


@dataclass
class Replay:
    """The facts of every event replayed, merged exactly as the live upserts merge them."""

    tenant: uuid.UUID | None = None
    tenants: dict[uuid.UUID, TenantFacts] = field(default_factory=lambda: defaultdict(TenantFacts))
    events: int = 0
    skipped: int = 0

    def add(self, topic: str, raw: bytes | None) -> None:
        self.events += 1
        try:
            envelope = Envelope.from_bytes(raw or b"")
        except ValidationError:
            self.skipped += 1  # the live consumer dead-letters it too
            return
        if self.tenant is not None and envelope.tenant_id != self.tenant:
            return
        if envelope.version not in ACCEPTED_VERSIONS:
            self.skipped += 1
            return
        state = self.tenants[envelope.tenant_id]
        if envelope.id in state.seen:
            return  # a duplicate delivery: the inbox would skip it
        try:
            self.apply(state, envelope)
        except InvalidFact:
            self.skipped += 1
            return
        state.seen.add(envelope.id)
        state.applied.append((envelope.id, topic))

    def apply(self, state: TenantFacts, envelope: Envelope) -> None:
        tenant_id, data, kind = envelope.tenant_id, envelope.data, envelope.type
        if kind in facts.INVOICE_TOPICS:
            doc = doc_from_event(kind, data)
            known = state.docs.setdefault(doc.invoice_id, doc)
            if doc.cancelled and not known.cancelled:  # as the live upsert marks it
                state.docs[doc.invoice_id] = dataclasses.replace(known, cancelled=True)
        elif kind in facts.PAYMENT_TOPICS:
            payment = payment_from_event(kind, data, envelope.occurred_at.date())
            held = state.payments.get(payment.payment_id)
            if held is None:
                state.payments[payment.payment_id] = payment
            elif payment.reversed and (not held.reversed or held.reversed_on is None):
                state.payments[payment.payment_id] = PaymentFact(
                    **{
                        **held.__dict__,
                        "reversed": True,
                        "reversed_on": held.reversed_on or payment.reversed_on,
                        "reversal_reason": held.reversal_reason or payment.reversal_reason,
                    }
                )
        elif kind == topics.DUNNING_SENT:
            row = facts.dunning_row(tenant_id, data, envelope.occurred_at)
            state.dunning.setdefault(row["notice_id"], row)
        elif kind == topics.SATISFACTION_RECORDED:
            row = facts.satisfaction_row(tenant_id, data)
            state.answers.setdefault(row["survey_id"], row)
        elif kind in (topics.REQUEST_OPENED, topics.REQUEST_CLOSED):
            row = facts.request_row(tenant_id, kind, data)
            state.requests[row["request_id"]] = facts.merge_request(
                state.requests.get(row["request_id"]), row, kind
            )
        elif kind == topics.INTERACTION_LOGGED:
            row = facts.interaction_row(tenant_id, data)
            state.interactions.setdefault(row["interaction_id"], row)
        # receivable.overdue changes no read model (only the alert rules look at it)


def read_models(tenant_id: uuid.UUID, state: TenantFacts) -> dict[Table, list[dict[str, Any]]]:
    """The rows of every read model of one tenant, computed as the live path computes them."""
    tables: dict[Table, list[dict[str, Any]]] = {}
    for table, rows in iter_read_models(tenant_id, state):
        tables.setdefault(table, []).extend(rows)
    return tables


def iter_read_models(
    tenant_id: uuid.UUID, state: TenantFacts
) -> Iterator[tuple[Table, list[dict[str, Any]]]]:
    """`read_models` in pieces: the invoice documents and instalments of `CHAINS_PER_PIECE`
    invoice chains at a time, then the aggregates and the other tables. `write_read_models`
    computes the next piece while PostgreSQL inserts the previous one."""
    chains: dict[uuid.UUID, list[InvoiceDoc]] = defaultdict(list)
    for doc in state.docs.values():
        chains[doc.root_id].append(doc)
    paid: dict[uuid.UUID, list[PaymentFact]] = defaultdict(list)
    for payment in state.payments.values():
        paid[payment.invoice_id].append(payment)
    days: Sums = defaultdict(lambda: [ZERO, ZERO, 0])
    quarters: dict[tuple[int, str, int], list[Any]] = defaultdict(lambda: [ZERO, ""])
    every_chain = list(chains.items())
    for start in range(0, len(every_chain), CHAINS_PER_PIECE):
        piece = every_chain[start : start + CHAINS_PER_PIECE]
        doc_rows: list[dict[str, Any]] = []
        for _, docs in piece:
            contributions = chain_contributions(docs)
            for doc in docs:
                c = contributions[doc.invoice_id]
                row = facts.doc_row(tenant_id, doc)
                row.update(contribution_values(c))
                doc_rows.append(row)
                if c.amounts.base or c.amounts.total or c.invoices:
                    day = days[(doc.issue_date, doc.client_id)]
                    day[0] += c.amounts.base
                    day[1] += c.amounts.total
                    day[2] += c.invoices
                if c.m347 and doc.recipient_tax_id:
                    q = quarters[
                        (doc.issue_date.year, doc.recipient_tax_id, quarter_of(doc.issue_date))
                    ]
                    q[0] += c.m347
                    q[1] = max(q[1], doc.recipient_name or "")
        yield invoice_documents, doc_rows
        yield (
            instalments,
            [
                instalment_row(tenant_id, i)
                for root_id, docs in piece
                for i in instalment_schedule(docs, paid.get(root_id, []))
            ],
        )

    def aggregate(key: str, values: Sums) -> list[dict[str, Any]]:
        return [
            {
                "tenant_id": tenant_id,
                key: when,
                "client_id": client,
                "base": base,
                "total": total,
                "invoices": count,
            }
            for (when, client), (base, total, count) in values.items()
            if base or total or count
        ]

    for level, sums in rollups(days).items():
        yield CLIENT_PERIODS[level][0], aggregate(CLIENT_PERIODS[level][1], sums)
    yield (
        m347_quarters,
        [
            {
                "tenant_id": tenant_id,
                "year": year,
                "tax_id": tax_id,
                "quarter": quarter,
                "name": name,
                "amount": amount,
            }
            for (year, tax_id, quarter), (amount, name) in quarters.items()
            if amount
        ],
    )
    yield payments, [facts.payment_row(tenant_id, p) for p in state.payments.values()]
    yield satisfaction_answers, list(state.answers.values())
    yield support_requests, list(state.requests.values())
    yield interactions, list(state.interactions.values())
    yield dunning_notices, list(state.dunning.values())


def _numeric_text(value: Any) -> str | None:
    # A nullable amount (invoice_documents.m347_gross) stays NULL, not the text "None".
    return None if value is None else str(value)


async def bulk_insert(
    session: AsyncSession,
    table: Table,
    rows: Sequence[dict[str, Any]],
    batch: int = 0,
    *,
    wait: bool = True,
) -> asyncio.Future[Any] | None:
    """COPY the rows into a temporary staging table, then `INSERT ... SELECT` them into the
    table. PostgreSQL refuses `COPY FROM` into a table under row-level security, but not into a
    temporary table of the session's own (no policy there); the `INSERT` is then checked against
    the policy row by row like any other. Amounts and JSON are staged as text and cast by the
    server (Python's binary encoding of `Decimal` is the slow part of a COPY). About twice as
    fast as what this did before, inserting column arrays (`INSERT ... SELECT FROM unnest`).
    (`batch` is kept for the callers: COPY streams the rows, whatever their number.) With
    `wait=False` it returns once the rows are staged, with the insert still running."""
    if not rows:
        return None
    columns = [c for c in table.columns if c.name in rows[0]]
    staged: list[str] = []
    selected: list[str] = []
    converters: list[Callable[[Any], str | None] | None] = []
    for column in columns:
        name = f'"{column.name}"'
        if isinstance(column.type, JSONB):
            staged.append(f"{name} text")
            selected.append(f"{name}::jsonb")
            converters.append(json.dumps)
        elif isinstance(column.type, Numeric):
            staged.append(f"{name} text")
            selected.append(f"{name}::numeric")
            converters.append(_numeric_text)
        else:
            staged.append(f"{name} {column.type.compile(dialect=DIALECT)}")
            selected.append(name)
            converters.append(None)
    names = [c.name for c in columns]
    plain = all(f is None for f in converters)
    records = (
        tuple(r[n] for n in names)
        if plain
        else tuple(r[n] if f is None else f(r[n]) for n, f in zip(names, converters, strict=True))
        for r in rows
    )
    stage = f"rebuild_{table.name}"
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection  # asyncpg's
    await raw.execute(f"CREATE TEMPORARY TABLE {stage} ({', '.join(staged)}) ON COMMIT DROP")
    await raw.copy_records_to_table(stage, records=records, columns=names)
    into = ", ".join(f'"{n}"' for n in names)
    # One simple-protocol round trip: the insert, then the stage dropped.
    inserting: asyncio.Future[Any] = asyncio.ensure_future(
        raw.execute(
            f'INSERT INTO "{table.schema}"."{table.name}" ({into})'
            f" SELECT {', '.join(selected)} FROM {stage}; DROP TABLE {stage}"
        )
    )
    if not wait:
        await asyncio.sleep(0)  # the statement is on its way; the caller computes meanwhile
        return inserting
    await inserting
    return None


async def write_read_models(session: AsyncSession, tenant_id: uuid.UUID, state: TenantFacts) -> int:
    """Insert every read model of the tenant; while PostgreSQL inserts one table (from its
    stage), Python computes the next. Returns the number of rows written."""
    written = 0
    inserting: asyncio.Future[Any] | None = None
    for table, rows in iter_read_models(tenant_id, state):
        if inserting is not None:
            await inserting
            inserting = None
        if rows:
            inserting = await bulk_insert(session, table, rows, wait=False)
            written += len(rows)
    if inserting is not None:
        await inserting
    return written


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Keep Python's cyclic garbage collector out of a replay: it would scan the growing
    in-memory facts again and again (a third of the replay's CPU time on 100,000 events).
    What a replay allocates is freed by reference counting (a full collection at the end,
    with every fact still alive, would only cost seconds)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def replay_topics(
    bootstrap: str, names: Iterable[str], replay: Replay, out: TextIO, batch: int
) -> dict[str, int]:
    """Read every partition of the topics from offset 0 to the end offsets taken now."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=8 * 1024 * 1024,
        fetch_max_bytes=64 * 1024 * 1024,
        **kafka_options(),
    )
    await consumer.start()
    try:
        partitions = await topic_partitions(bootstrap, names)
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        pending = {tp for tp, end in ends.items() if end > 0}
        positions = dict.fromkeys(partitions, 0)
        started = last = time.monotonic()
        while pending:
            batches = await consumer.getmany(*pending, timeout_ms=1000, max_records=batch)
            for tp, records in batches.items():
                for record in records:
                    if record.offset < ends[tp]:
                        replay.add(tp.topic, record.value)
                    positions[tp] = record.offset + 1
                if positions[tp] >= ends[tp]:
                    pending.discard(tp)
            now = time.monotonic()
            if now - last >= 1.0 or not pending:
                last = now
                progress(out, replay, positions, ends, now - started)
    finally:
        await consumer.stop()
    per_topic: dict[str, int] = defaultdict(int)
    for tp, end in ends.items():
        per_topic[tp.topic] += end
    return dict(per_topic)


async def topic_partitions(bootstrap: str, names: Iterable[str]) -> list[TopicPartition]:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="analytics-rebuild", **kafka_options()
    )
    await admin.start()
    try:
        described = await admin.describe_topics(sorted(names))
    finally:
        await admin.close()
    return [
        TopicPartition(topic["topic"], partition["partition"])
        for topic in described
        for partition in sorted(topic["partitions"], key=lambda p: p["partition"])
    ]


def progress(
    out: TextIO,
    replay: Replay,
    positions: dict[TopicPartition, int],
    ends: dict[TopicPartition, int],
    elapsed: float,
) -> None:
    by_topic: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for tp, end in ends.items():
        by_topic[tp.topic][0] += min(positions.get(tp, 0), end)
        by_topic[tp.topic][1] += end
    rate = replay.events / elapsed if elapsed > 0 else 0.0
    offsets = " ".join(f"{t}={done}/{end}" for t, (done, end) in sorted(by_topic.items()) if end)
    print(f"[rebuild] read {replay.events} events, {rate:,.0f} events/s  {offsets}", file=out)
    out.flush()


async def known_tenants(session: AsyncSession) -> set[uuid.UUID]:
    """Tenants the live consumer has applied events of (the inbox is not tenant-scoped)."""
    rows = await session.execute(
        select(inbox.c.tenant_id).where(inbox.c.consumer == READ_MODELS_CONSUMER).distinct()
    )
    return {r.tenant_id for r in rows}


async def rebuild(
    settings: ServiceSettings,
    *,
    tenant: uuid.UUID | None = None,
    batch: int = 5000,
    out: TextIO = sys.stdout,
) -> dict[str, Any]:
    await ensure_topics(
        settings.kafka_bootstrap_servers,
        facts.READ_MODEL_TOPICS,
        partitions=settings.kafka_topic_partitions,
    )
    engine = create_engine(settings.effective_app_url, pool_size=1, application_name="rebuild")
    sessions = session_factory(engine)
    started = time.monotonic()
    replay = Replay(tenant=tenant)
    try:
        with no_cyclic_gc():
            async with sessions() as session, session.begin():
                locked = ", ".join(f'"{SCHEMA}"."{t.name}"' for t in (inbox, *READ_MODELS))
                print("[rebuild] locking the read models (live consumers pause)", file=out)
                await session.execute(text(f"LOCK TABLE {locked} IN EXCLUSIVE MODE"))
                ends = await replay_topics(
                    settings.kafka_bootstrap_servers, facts.READ_MODEL_TOPICS, replay, out, batch
                )
                read_seconds = time.monotonic() - started
                tenants = set(replay.tenants)
                if tenant is None:
                    tenants |= await known_tenants(session)
                else:
                    tenants = {tenant}
                written = 0
                for tenant_id in sorted(tenants, key=str):
                    state = replay.tenants.get(tenant_id) or TenantFacts()
                    await set_tenant(session, tenant_id)
                    for table in READ_MODELS:
                        await session.execute(delete(table).where(table.c.tenant_id == tenant_id))
                    # The next event judges the rebuilt months whole (alerts/raising.py).
                    await session.execute(
                        delete(month_judgements).where(month_judgements.c.tenant_id == tenant_id)
                    )
                    await session.execute(
                        delete(inbox).where(
                            inbox.c.consumer == READ_MODELS_CONSUMER, inbox.c.tenant_id == tenant_id
                        )
                    )
                    written += await write_read_models(session, tenant_id, state)
                    await bulk_insert(
                        session,
                        inbox,
                        [
                            {
                                "consumer": READ_MODELS_CONSUMER,
                                "event_id": event_id,
                                "tenant_id": tenant_id,
                                "topic": topic,
                            }
                            for event_id, topic in state.applied
                        ],
                        batch,
                    )
                print("[rebuild] committing", file=out)
    finally:
        await engine.dispose()
    seconds = time.monotonic() - started
    summary = {
        "events": replay.events,
        "applied": sum(len(s.applied) for t, s in replay.tenants.items() if t in tenants),
        "skipped": replay.skipped,
        "tenants": len(tenants),
        "rows_written": written,
        "read_seconds": round(read_seconds, 3),
        "seconds": round(seconds, 3),
        "events_per_second": round(replay.events / seconds) if seconds > 0 else None,
        "end_offsets": ends,
    }
    print(
        f"[rebuild] done: {summary['events']} events read, {summary['applied']} applied, "
        f"{summary['skipped']} skipped, {written} rows written for {len(tenants)} tenant(s) in "
        f"{seconds:.2f}s ({summary['events_per_second']} events/s)",
        file=out,
    )
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cartera_analytics.rebuild",
        description="Rebuild the analytics read models by replaying the topics from offset 0.",
    )
    parser.add_argument("--tenant", type=uuid.UUID, help="rebuild one tenant only")
    parser.add_argument("--batch", type=int, default=5000, help="events per fetch, rows per insert")
    args = parser.parse_args(argv)
    asyncio.run(rebuild(ServiceSettings(), tenant=args.tenant, batch=args.batch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
