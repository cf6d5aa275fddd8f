"""Transactional outbox: the event row is written in the same transaction as the change, and a
relay publishes it to Kafka and marks it published.

The relay wakes on LISTEN/NOTIFY (a trigger notifies on insert) and also polls, so a lost
notification only delays an event. Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of
relay replicas can run; the producer is idempotent with acks=all. A relay that dies after the
commit and before publishing leaves its rows unpublished, and the next relay sends them: at least
once, and consumers deduplicate by event id.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import Sequence
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.errors import (
    InvalidProducerEpoch,
    OutOfOrderSequenceNumber,
    ProducerFenced,
    UnknownProducerId,
)
from prometheus_client import Counter, Gauge
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    func,
    insert,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from cartera_shared.db import to_libpq_url
from cartera_shared.events.envelope import Envelope
from cartera_shared.kafka import kafka_options
from cartera_shared.tracing import TRACEPARENT, new_span_id, span_id_var, traceparent

log = logging.getLogger(__name__)

OUTBOX_PUBLISHED = Counter(
    "cartera_outbox_published_total", "Outbox events published to Kafka", ["service", "topic"]
)
OUTBOX_BACKLOG = Gauge("cartera_outbox_backlog", "Unpublished outbox rows", ["service"])
OUTBOX_OLDEST_AGE = Gauge(
    "cartera_outbox_oldest_age_seconds", "Age of the oldest unpublished outbox row", ["service"]
)
OUTBOX_FAILURES = Counter(
    "cartera_outbox_publish_failures_total", "Failed outbox publish attempts", ["service"]
)
# Statements of 5,000 rows a purge may run in one relay cycle (50,000 rows at most).
PURGE_STATEMENTS_PER_CYCLE = 10


def outbox_table(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("position", BigInteger, Identity(always=True), primary_key=True),
        Column("id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("type", String(200), nullable=False),
        Column("version", Integer, nullable=False),
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("headers", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True), nullable=True),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text, nullable=True),
        Index(
            "ix_outbox_unpublished",
            "position",
            postgresql_where=text("published_at IS NULL"),
        ),
    )


def notify_channel(schema: str) -> str:
    return f"{schema}_outbox"


def outbox_notify_trigger_sql(schema: str) -> list[str]:
    """Wake the relay when rows land; one NOTIFY per statement, delivered at commit."""
    channel = notify_channel(schema)
    return [
        f"""
        CREATE OR REPLACE FUNCTION "{schema}".notify_outbox() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{channel}', '');
            RETURN NULL;
        END
        $$
        """,
        f'DROP TRIGGER IF EXISTS outbox_notify ON "{schema}".outbox',
        f"""
        CREATE TRIGGER outbox_notify AFTER INSERT ON "{schema}".outbox
        FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".notify_outbox()
        """,
    ]


def _trace_headers(trace_id: str | None) -> dict[str, str]:
    if not trace_id:
        return {}
    headers = {"trace_id": trace_id}
    if len(trace_id) == 32:
        headers[TRACEPARENT] = traceparent(trace_id, span_id_var.get() or new_span_id())
    return headers


def _outbox_row(envelope: Envelope, topic: str) -> dict[str, Any]:
    return {
        "id": envelope.id,
        "topic": topic,
        "key": envelope.subject,
        "type": envelope.type,
        "version": envelope.version,
        "tenant_id": envelope.tenant_id,
        "payload": json.loads(envelope.model_dump_json()),
        "headers": _trace_headers(envelope.trace_id),
    }


def outbox_row(envelope: Envelope, topic: str) -> dict[str, Any]:
    """An event's outbox row, its trace headers naming the span of the current context (for
    `add_rows`)."""
    return _outbox_row(envelope, topic)  # looked up at each call: events/testing.py wraps it


async def add_event(session: AsyncSession, table: Table, envelope: Envelope, *, topic: str) -> None:
    """Record an event in the caller's transaction; it is published only if that commits."""
    # The row as parameters, not as the statement's values: SQLAlchemy then finds the statement
    # in its cache instead of walking every value to build a cache key.
    await session.execute(insert(table), _outbox_row(envelope, topic))


def event_insert(table: Table, prefix: str) -> Insert:
    """An outbox row's insert with its values bound as `prefix` + column name
    (`event_parameters`), made to ride in another statement as a data-modifying WITH: the
    event is then written in the same round trip as what it announces."""
    return insert(table).values(
        {name: bindparam(prefix + name, type_=table.c[name].type) for name in _OUTBOX_COLUMNS}
    )


def event_parameters(envelope: Envelope, topic: str, prefix: str) -> dict[str, Any]:
    """The parameters of `event_insert(table, prefix)` for an event."""
    return {prefix + name: value for name, value in _outbox_row(envelope, topic).items()}


# What `_outbox_row` gives; the table's other columns have defaults.
_OUTBOX_COLUMNS = ("id", "topic", "key", "type", "version", "tenant_id", "payload", "headers")


async def add_events(
    session: AsyncSession, table: Table, events: Sequence[tuple[Envelope, str]]
) -> None:
    """Record many events (envelope, topic) in one statement, in order, in the caller's
    transaction: a thousand answers to store cost one round trip, not a thousand."""
    await add_rows(session, table, [_outbox_row(e, t) for e, t in events])


async def add_rows(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`add_events` for rows made earlier by `outbox_row` (in the context of the request each
    announces, when one transaction writes the events of several)."""
    for start in range(0, len(rows), 1000):  # far below PostgreSQL's 65,535 parameters
        await session.execute(insert(table).values(list(rows[start : start + 1000])))


def new_idempotent_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        **kafka_options(),
    )


# A producer whose sequence the broker no longer accepts (after a broker restart, or once the
# broker forgot the producer) fails every later send: the Java client then takes a new producer
# id, aiokafka does not. The relay starts a new producer instead; what the broker may hold of the
# failed batch comes again, and the consumers' inboxes drop the repeats.
PRODUCER_STATE_ERRORS = (
    OutOfOrderSequenceNumber,
    UnknownProducerId,
    InvalidProducerEpoch,
    ProducerFenced,
)

# How often the relay measures its backlog (the OUTBOX_BACKLOG and OUTBOX_OLDEST_AGE gauges).
BACKLOG_MEASURE_SECONDS = 1.0


async def _keep_session(connection: asyncpg.Connection) -> None:
    """The relay's pool gives a connection back as it is: the relay sets nothing on a session
    (no setting, LISTEN or advisory lock; its LISTEN has a connection of its own), so asyncpg's
    reset (four commands, one more round trip per batch) would clear nothing. An open
    transaction is still rolled back by asyncpg before this is called."""


class OutboxRelay:
    """Publishes a schema's outbox rows in order of insertion, batch by batch."""

    def __init__(
        self,
        *,
        database_url: str,
        schema: str,
        bootstrap_servers: str,
        service: str,
        poll_seconds: float = 1.0,
        batch_size: int = 200,
        retention: dt.timedelta | None = dt.timedelta(days=7),
        purge_every_seconds: float = 3600.0,
    ) -> None:
        self.database_url = to_libpq_url(database_url)
        self.schema = schema
        self.bootstrap_servers = bootstrap_servers
        self.service = service
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        # Published rows are only history once Kafka has the event; kept a while for whoever
        # investigates, then deleted, so the table does not grow for ever. None keeps them all.
        self.retention = retention
        self.purge_every_seconds = purge_every_seconds
        self._next_purge = 0.0
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._producer: AIOKafkaProducer | None = None
        self._listen_conn: asyncpg.Connection | None = None
        self._pool: asyncpg.Pool | None = None
        self._next_measure = 0.0
        self._producer_spoilt = False
        self.producers_started = 0
        self.published = 0
        # The oldest unpublished rows, marked published: the transaction that runs it commits
        # only after Kafka has them (publish_batch).
        self._claim = f"""
            UPDATE "{schema}".outbox
            SET published_at = now(), attempts = attempts + 1, last_error = NULL
            WHERE position IN (
                SELECT position FROM "{schema}".outbox
                WHERE published_at IS NULL
                ORDER BY position
                LIMIT $1
                FOR UPDATE SKIP LOCKED
            )
            RETURNING position, id, topic, key, payload, headers
        """

    async def start(self) -> None:
        self._producer = new_idempotent_producer(self.bootstrap_servers, f"{self.service}-relay")
        await self._producer.start()
        self._pool = await asyncpg.create_pool(
            self.database_url, min_size=1, max_size=2, reset=_keep_session
        )
        await self._listen()
        self._task = asyncio.create_task(self._run(), name=f"{self.service}-outbox-relay")

    async def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            await self._task
        if self._listen_conn is not None:
            with contextlib.suppress(Exception):
                await self._listen_conn.close()
        if self._pool is not None:
            await self._pool.close()
        if self._producer is not None:
            await self._producer.stop()

    async def _listen(self) -> None:
        try:
            self._listen_conn = await asyncpg.connect(self.database_url)
            await self._listen_conn.add_listener(
                notify_channel(self.schema), lambda *_: self._wake.set()
            )
        except (OSError, asyncpg.PostgresError):
            # Polling still works without the notification channel; we retry LISTEN later.
            log.warning("outbox LISTEN unavailable, polling only", exc_info=True)
            self._listen_conn = None

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                if self._listen_conn is None or self._listen_conn.is_closed():
                    await self._listen()
                if self._producer_spoilt:
                    await self._renew_producer()
                sent = await self.publish_batch()
                if time.monotonic() >= self._next_measure:
                    # A gauge, read once a second: once per cycle, it was a statement more for
                    # every batch published under load.
                    self._next_measure = time.monotonic() + BACKLOG_MEASURE_SECONDS
                    await self._measure_backlog()
                if self.retention is not None and time.monotonic() >= self._next_purge:
                    # A long history (the first purge after months) is taken a slice per cycle,
                    # so publishing never waits long behind it.
                    purged, finished = await self.purge_published(
                        self.retention, max_statements=PURGE_STATEMENTS_PER_CYCLE
                    )
                    if finished:
                        self._next_purge = time.monotonic() + self.purge_every_seconds
                    if purged:
                        log.info("purged %d outbox rows older than %s", purged, self.retention)
            except asyncio.CancelledError:
                raise
            except Exception as failure:
                OUTBOX_FAILURES.labels(self.service).inc()
                log.exception("outbox relay cycle failed; retrying")
                if isinstance(failure, PRODUCER_STATE_ERRORS):
                    self._producer_spoilt = True
                sent = 0
                await asyncio.sleep(self.poll_seconds)
            if sent >= self.batch_size:
                continue  # more rows are waiting
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)
            self._wake.clear()

    async def _renew_producer(self) -> None:
        """A new producer in place of the spoilt one; if it cannot start (the broker is away), the
        next cycle tries again."""
        if self._producer is not None:
            with contextlib.suppress(Exception):
                await self._producer.stop()
        self._producer = new_idempotent_producer(self.bootstrap_servers, f"{self.service}-relay")
        await self._producer.start()
        self._producer_spoilt = False
        self.producers_started += 1
        log.warning("outbox relay started a new Kafka producer", extra={"service": self.service})

    async def publish_batch(self) -> int:
        """Claim, publish and mark one batch; returns how many rows went out.

        The rows are claimed and marked published in one statement, in a transaction committed
        only once Kafka has them all: a failed send rolls the mark back, and the failure is then
        counted on the rows, which stay for the next try."""
        assert self._pool is not None
        assert self._producer is not None
        claimed: list[asyncpg.Record] = []
        async with self._pool.acquire() as conn:
            try:
                async with conn.transaction():
                    claimed = await conn.fetch(self._claim, self.batch_size)
                    rows = sorted(claimed, key=lambda row: row["position"])
                    await self._send(rows)
            except Exception as failure:
                if claimed:
                    await conn.execute(
                        f"""
                        UPDATE "{self.schema}".outbox
                        SET attempts = attempts + 1, last_error = $2
                        WHERE position = ANY($1::bigint[])
                        """,
                        [row["position"] for row in claimed],
                        f"{type(failure).__name__}: {failure}"[:2000],
                    )
                raise
        for row in rows:
            OUTBOX_PUBLISHED.labels(self.service, row["topic"]).inc()
        self.published += len(rows)
        return len(rows)

    async def purge_published(
        self, older_than: dt.timedelta, batch: int = 5000, max_statements: int | None = None
    ) -> tuple[int, bool]:
        """Delete the rows published longer ago than `older_than`; returns how many, and
        whether it finished (False if it stopped at `max_statements` with more to look at).

        Each statement looks only at the `batch` oldest rows (a walk of the primary key that
        stops there, not a scan of the table) and deletes those among them that are old enough
        and published. It goes on while a statement deletes something: an unpublished row
        stays, and does not stop the purge of the published rows after it.
        """
        assert self._pool is not None
        purged = statements = 0
        while max_statements is None or statements < max_statements:
            statements += 1
            status = await self._pool.execute(
                f"""
                DELETE FROM "{self.schema}".outbox
                WHERE position IN (
                    SELECT position FROM "{self.schema}".outbox ORDER BY position LIMIT $2
                )
                AND published_at < now() - $1::interval
                """,
                older_than,
                batch,
            )
            deleted = int(status.split()[-1])
            purged += deleted
            if deleted == 0:
                return purged, True
        return purged, False

    async def _send(self, rows: list[asyncpg.Record]) -> None:
        assert self._producer is not None
        futures = []
        for row in rows:
            headers: dict[str, Any] = json.loads(row["headers"]) if row["headers"] else {}
            kafka_headers = [
                ("event_id", str(row["id"]).encode()),
                *((k, str(v).encode()) for k, v in headers.items()),
            ]
            futures.append(
                await self._producer.send(
                    row["topic"],
                    value=row["payload"].encode(),
                    key=row["key"].encode(),
                    headers=kafka_headers,
                )
            )
        await asyncio.gather(*futures)

    async def _measure_backlog(self) -> None:
        assert self._pool is not None
        row = await self._pool.fetchrow(
            f"""
            SELECT count(*) AS backlog, min(created_at) AS oldest
            FROM "{self.schema}".outbox WHERE published_at IS NULL
            """
        )
        if row is None:
            return
        OUTBOX_BACKLOG.labels(self.service).set(row["backlog"])
        oldest = row["oldest"]
        OUTBOX_OLDEST_AGE.labels(self.service).set(
            time.time() - oldest.timestamp() if oldest is not None else 0.0
        )
