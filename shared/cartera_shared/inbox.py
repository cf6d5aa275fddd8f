"""Idempotent consumer: the inbox insert and the handler's effect commit in one transaction.

The Kafka offset is committed only after that transaction commits, a fraction of a second later
and many at once (`OffsetCommitter`); a message whose processing raised is sought back and read
again. A message delivered twice (a producer retry, a crash, a rebalance) finds its event id
already in the inbox and has no effect. Transient errors are retried with
exponential back-off; a message that cannot ever succeed, or still fails after the last attempt,
goes to `<topic>.dlq` with the error attached, and the partition keeps moving. An unreachable
database spends no attempts: the message waits, retried every few seconds, until it is back, since
the failure says nothing about the message.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from aiokafka import TopicPartition
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from opentelemetry.trace import SpanKind
from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy import Column, DateTime, MetaData, PrimaryKeyConstraint, String, Table, func
from sqlalchemy.dialects.postgresql import UUID, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_shared import telemetry
from cartera_shared.db import database_unavailable, set_tenant
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.topics import dlq
from cartera_shared.logging import tenant_id_var, trace_id_var
from cartera_shared.tracing import span_id_var

log = logging.getLogger(__name__)

# How long a batch subscriber's poll waits for a message on an idle topic; it returns as soon as
# one comes (`poll_without_sleeping`).
IDLE_POLL_MILLISECONDS = 1000

# Messages already fetched that a batched consumer applies in one transaction, at most: under
# load a transaction's begin, tenant scope and commit are paid once per batch instead of once
# per event; on an idle topic a batch is the one message there is.
EVENT_BATCH_SIZE = 200

CONSUMED = Counter(
    "cartera_consumer_messages_total",
    "Messages handled by idempotent consumers, by outcome",
    ["consumer", "topic", "outcome"],
)
DEAD_LETTERED = Counter(
    "cartera_dlq_messages_total", "Messages sent to a dead-letter topic", ["consumer", "topic"]
)

EventHandler = Callable[[AsyncSession, Envelope], Awaitable[None]]
# One tenant's new events of a batch, in the order they were read, applied at once: what the
# handler would do to each in turn, done with set statements (see Consumer.batch_handler).
BatchHandler = Callable[[AsyncSession, uuid.UUID, Sequence[Envelope]], Awaitable[None]]
DeadLetterPublisher = Callable[[str, bytes, bytes | None, dict[str, str]], Awaitable[None]]


class PoisonMessage(Exception):
    """The message can never be processed (malformed, unknown contract): no retry, DLQ at once."""


class DatabaseUnreachable(Exception):
    """The database could not be reached to process a message (the message is not at fault)."""


class Outcome(StrEnum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    NOT_WANTED = "not_wanted"
    DEAD_LETTERED = "dead_lettered"


def inbox_table(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", String(200), nullable=False),
        Column("event_id", UUID(as_uuid=True), nullable=False),
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("consumer", "event_id"),
    )


@dataclass(frozen=True)
class Delivery:
    """Where a message came from, for logs and for the dead-letter headers."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    # The record's headers, for the consumer span's parent (`traceparent`) in a batch.
    headers: Sequence[tuple[str, bytes]] = ()


class IdempotentConsumer:
    def __init__(
        self,
        *,
        name: str,
        sessions: async_sessionmaker[AsyncSession],
        inbox: Table,
        handler: EventHandler,
        dead_letter: DeadLetterPublisher,
        max_attempts: int = 5,
        backoff_seconds: float = 0.2,
        accepted_versions: Sequence[int] = (1,),
        wanted: Callable[[Envelope], Awaitable[bool]] | None = None,
        group_id: str | None = None,
        batch_handler: BatchHandler | None = None,
    ) -> None:
        self.name = name
        self.batch_handler = batch_handler
        self.group_id = group_id
        self.sessions = sessions
        self.inbox = inbox
        self.handler = handler
        self.dead_letter = dead_letter
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.accepted_versions = tuple(accepted_versions)
        # A cheap look before the transaction: False when the handler would certainly do nothing
        # with this event (then it is not even recorded in the inbox).
        self.wanted = wanted

    async def process(self, delivery: Delivery) -> Outcome:
        try:
            envelope = Envelope.from_bytes(delivery.value)
        except ValidationError as exc:
            return await self._to_dlq(delivery, f"malformed envelope: {exc}", attempts=1)
        if envelope.version not in self.accepted_versions:
            return await self._to_dlq(
                delivery, f"unsupported contract version {envelope.version}", attempts=1
            )
        trace_id_var.set(envelope.trace_id)
        tenant_id_var.set(str(envelope.tenant_id))
        if self.wanted is not None and not await self._wanted(envelope):
            CONSUMED.labels(self.name, delivery.topic, Outcome.NOT_WANTED.value).inc()
            return Outcome.NOT_WANTED

        attempt = outage = 0
        while True:
            attempt += 1
            try:
                outcome = await self._apply_once(delivery, envelope)
            except (PoisonMessage, ValidationError) as exc:
                return await self._to_dlq(delivery, f"{type(exc).__name__}: {exc}", attempt)
            except Exception as exc:
                if isinstance(exc, DatabaseUnreachable) or database_unavailable(exc):
                    attempt -= 1
                    outage += 1
                    log.warning(
                        "database unavailable, waiting",
                        extra={"consumer": self.name, "event_id": str(envelope.id)},
                    )
                    await asyncio.sleep(min(self.backoff_seconds * 2**outage, 5.0))
                    continue
                if attempt >= self.max_attempts:
                    return await self._to_dlq(delivery, f"{type(exc).__name__}: {exc}", attempt)
                delay = self.backoff_seconds * 2 ** (attempt - 1)
                log.warning(
                    "handler failed, retrying",
                    extra={"consumer": self.name, "event_id": str(envelope.id), "attempt": attempt},
                    exc_info=True,
                )
                await asyncio.sleep(delay)
                continue
            CONSUMED.labels(self.name, delivery.topic, outcome.value).inc()
            return outcome

    async def process_batch(self, deliveries: Sequence[Delivery]) -> list[Outcome]:
        """Messages read together, applied in one transaction: a burst (the thousands of client
        events of an import) costs one commit, not one per message.

        Only the plain case is batched. A message that does not parse or has a version not
        accepted, or a handler or the database failing anywhere in the batch, rolls the whole
        transaction back, and the batch goes through `process` one message at a time, with its
        retries and dead letters: the outcome is the same as if it had never been batched.
        """
        if len(deliveries) == 1:
            return await self._one_by_one(deliveries)
        try:
            envelopes = [Envelope.from_bytes(delivery.value) for delivery in deliveries]
        except ValidationError:
            return await self._one_by_one(deliveries)
        if any(envelope.version not in self.accepted_versions for envelope in envelopes):
            return await self._one_by_one(deliveries)
        wanted = [self.wanted is None or await self._wanted(envelope) for envelope in envelopes]
        try:
            items = list(zip(deliveries, envelopes, wanted, strict=True))
            outcomes = await self._apply_batch(items)
        except Exception:
            log.info(
                "a batch of %d messages failed; processing them one by one",
                len(deliveries),
                extra={"consumer": self.name},
                exc_info=True,
            )
            return await self._one_by_one(deliveries)
        for delivery, outcome in zip(deliveries, outcomes, strict=True):
            CONSUMED.labels(self.name, delivery.topic, outcome.value).inc()
        return outcomes

    async def _one_by_one(self, deliveries: Sequence[Delivery]) -> list[Outcome]:
        outcomes = []
        for delivery in deliveries:
            with consumer_span(delivery, self.group_id):
                outcomes.append(await self.process(delivery))
        return outcomes

    async def _apply_batch(self, items: Sequence[tuple[Delivery, Envelope, bool]]) -> list[Outcome]:
        if self.batch_handler is not None:
            return await self._apply_by_tenant(items, self.batch_handler)
        outcomes: list[Outcome] = []
        async with self.sessions() as session, session.begin():
            for delivery, envelope, wanted in items:
                trace_id_var.set(envelope.trace_id)
                tenant_id_var.set(str(envelope.tenant_id))
                if not wanted:
                    outcomes.append(Outcome.NOT_WANTED)
                    continue
                with consumer_span(delivery, self.group_id):
                    # Each message in its own tenant's scope: a batch may hold several tenants.
                    await set_tenant(session, envelope.tenant_id)
                    if await self._record(session, delivery, envelope):
                        await self.handler(session, envelope)
                        outcomes.append(Outcome.PROCESSED)
                    else:
                        outcomes.append(Outcome.DUPLICATE)
        return outcomes

    async def _apply_by_tenant(
        self, items: Sequence[tuple[Delivery, Envelope, bool]], batch_handler: BatchHandler
    ) -> list[Outcome]:
        """Each tenant's events recorded in the inbox with one statement and handed over
        together. Tenants are independent, so grouping by tenant keeps every order that
        matters: a tenant's events stay in the order they were read."""
        outcomes: list[Outcome] = [Outcome.NOT_WANTED] * len(items)
        by_tenant: dict[uuid.UUID, list[int]] = {}
        for index, (_, envelope, wanted) in enumerate(items):
            if wanted:
                by_tenant.setdefault(envelope.tenant_id, []).append(index)
        async with self.sessions() as session, session.begin():
            for tenant_id, indexes in by_tenant.items():
                first = items[indexes[0]]
                trace_id_var.set(first[1].trace_id)
                tenant_id_var.set(str(tenant_id))
                with consumer_span(first[0], self.group_id):
                    await set_tenant(session, tenant_id)
                    recorded = await self._record_many(session, [items[i][:2] for i in indexes])
                    fresh = []
                    for index in indexes:
                        envelope = items[index][1]
                        if envelope.id in recorded:
                            # A copy later in the same batch is a duplicate.
                            recorded.discard(envelope.id)
                            outcomes[index] = Outcome.PROCESSED
                            fresh.append(envelope)
                        else:
                            outcomes[index] = Outcome.DUPLICATE
                    if fresh:
                        await batch_handler(session, tenant_id, fresh)
        return outcomes

    async def _record_many(
        self, session: AsyncSession, items: Sequence[tuple[Delivery, Envelope]]
    ) -> set[uuid.UUID]:
        """Record events in the inbox; returns the ids that were not there yet."""
        inserted = await session.execute(
            _inbox_insert(self.inbox),
            [
                {
                    "consumer": self.name,
                    "event_id": envelope.id,
                    "tenant_id": envelope.tenant_id,
                    "topic": delivery.topic,
                }
                for delivery, envelope in items
            ],
        )
        return set(inserted.scalars())

    async def _wanted(self, envelope: Envelope) -> bool:
        assert self.wanted is not None
        try:
            return await self.wanted(envelope)
        except Exception:
            # Cannot tell (the database is away?): the whole path decides, with its retries.
            log.warning("could not tell whether an event is wanted", exc_info=True)
            return True

    async def _apply_once(self, delivery: Delivery, envelope: Envelope) -> Outcome:
        async with self.sessions() as session, session.begin():
            try:
                # The transaction's first statement: failing here is the database, not the message.
                await set_tenant(session, envelope.tenant_id)
            except (OSError, DBAPIError) as exc:
                raise DatabaseUnreachable(str(exc)) from exc
            if not await self._record(session, delivery, envelope):
                return Outcome.DUPLICATE
            await self.handler(session, envelope)
        return Outcome.PROCESSED

    async def _record(self, session: AsyncSession, delivery: Delivery, envelope: Envelope) -> bool:
        """Record the event in the inbox; False when it was already there (a redelivery)."""
        return envelope.id in await self._record_many(session, [(delivery, envelope)])

    async def _to_dlq(self, delivery: Delivery, error: str, attempts: int) -> Outcome:
        headers = {
            "x-error": error[:4000],
            "x-consumer": self.name,
            "x-original-topic": delivery.topic,
            "x-original-partition": str(delivery.partition),
            "x-original-offset": str(delivery.offset),
            "x-attempts": str(attempts),
        }
        await self.dead_letter(dlq(delivery.topic), delivery.value, delivery.key, headers)
        DEAD_LETTERED.labels(self.name, delivery.topic).inc()
        CONSUMED.labels(self.name, delivery.topic, Outcome.DEAD_LETTERED.value).inc()
        log.error(
            "message dead-lettered",
            extra={
                "consumer": self.name,
                "topic": delivery.topic,
                "partition": delivery.partition,
                "offset": delivery.offset,
                "error": error[:500],
            },
        )
        return Outcome.DEAD_LETTERED


def broker_dead_letter(broker: KafkaBroker) -> DeadLetterPublisher:
    async def publish(topic: str, value: bytes, key: bytes | None, headers: dict[str, str]) -> None:
        await broker.publish(value, topic, key=key, headers=headers)

    return publish


class OffsetCommitter:
    """Commits the offsets of processed messages a moment later, many in one request.

    Committing after every message was one request to the broker per message and consumer
    group, awaited before the next message. Only offsets of messages already processed are
    committed (a partition's messages are processed in order), so a crash can only make the
    last moment's messages be read again, and the inbox turns those into duplicates without
    effect. A commit refused during a rebalance is dropped for the same reason.
    """

    def __init__(self, delay_seconds: float = 0.2) -> None:
        self.delay_seconds = delay_seconds
        self.pending: dict[TopicPartition, int] = {}
        self.consumer: Any = None
        self.task: asyncio.Task[None] | None = None
        # Set when the process stops (`stop_consuming`): from then on each processed message is
        # committed at once, while its consumer is still open.
        self.stopping = False

    def processed(self, consumer: Any, topic: str, partition: int, offset: int) -> None:
        self.consumer = consumer
        self.pending[TopicPartition(topic, partition)] = offset + 1
        if self.stopping:
            return  # the caller flushes at once
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._commit_soon())

    async def _commit_soon(self) -> None:
        await asyncio.sleep(self.delay_seconds)
        await self.flush()

    async def flush(self) -> None:
        """Commit what is processed and not committed yet, now."""
        offsets, self.pending = self.pending, {}
        if not offsets or self.consumer is None:
            return
        try:
            await self.consumer.commit(offsets)
        except Exception as exc:
            log.info("processed offsets not committed (%s); they will be read again", exc)


# A static member's session: a process restarted within it takes its partitions back with no
# rebalance (longer than a restart, short enough that a member gone for good is replaced soon).
STATIC_SESSION_SECONDS = 45.0
# aiokafka's default for a dynamic member, which leaves its group when it closes.
DYNAMIC_SESSION_SECONDS = 10.0

# How long a stopping process waits for the messages in hand to be processed (FastStream's
# graceful_timeout) before it closes its consumers anyway.
STOP_WAIT_SECONDS = 15.0


async def stop_consuming(broker: KafkaBroker, committers: Sequence[OffsetCommitter]) -> None:
    """Stop a broker's consumers with every processed offset committed: what was processed is
    committed now, the messages in hand finish (the broker's graceful_timeout) and are committed
    as they do, and only then are the consumers closed. A restarted process then reads nothing
    twice (the inbox would make it harmless, not free)."""
    for committer in committers:
        committer.stopping = True
    for committer in committers:
        # A commit already on its way is let through (cancelling it mid-request would drop the
        # offsets it carries), then whatever is left goes now.
        if committer.task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await committer.task
        await committer.flush()
    await broker.stop()


@contextlib.contextmanager
def consumer_span(delivery: Delivery, group_id: str | None) -> Iterator[None]:
    """With OpenTelemetry on, one consumer span per message, child of the span that published
    it (the `traceparent` header); events the handler publishes are its children."""
    attributes: dict[str, str | int] = {
        "messaging.system": "kafka",
        "messaging.destination.name": delivery.topic,
        "messaging.kafka.offset": delivery.offset,
    }
    if group_id is not None:
        attributes["messaging.consumer.group.name"] = group_id
    with telemetry.span(
        f"{delivery.topic} process",
        kind=SpanKind.CONSUMER,
        parent=telemetry.message_parent(delivery.headers),
        attributes=attributes,
    ) as current:
        if current is not None:
            span_id_var.set(telemetry.span_id_of(current))
        yield


def delivery_of(record: Any) -> Delivery:
    return Delivery(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value if record.value is not None else b"",
        headers=tuple(record.headers or ()),
    )


def subscribe(
    broker: KafkaBroker,
    consumer: IdempotentConsumer,
    *topics: str,
    group_id: str,
    description: str | None = None,
    start_from: Literal["earliest", "latest"] = "earliest",
    batch_size: int = 1,
    committers: list[OffsetCommitter] | None = None,
    group_instance_id: str | None = None,
) -> None:
    """Wire an idempotent consumer to topics: offsets committed only after processing (its
    committer is added to `committers`, for `stop_consuming`).

    With `batch_size` above 1 the messages already fetched, up to that many, are applied in one
    transaction (`IdempotentConsumer.process_batch`).

    `start_from` only matters for a group with no committed offsets yet: read models start from
    the beginning of the topics; a consumer that only cares about what happens from now on (a
    notifier) starts from the end.

    `group_instance_id` makes the consumer a static member of its group (KIP-345): closing it
    does not leave the group, and the same id coming back within STATIC_SESSION_SECONDS gets
    its partitions back without a rebalance, so the group's other members never stop. The id
    must be stable across restarts and unique in the group (a StatefulSet's pod name); a member
    that never comes back holds its partitions until the session times out.
    """
    committer = OffsetCommitter()
    if committers is not None:
        committers.append(committer)  # flushed by stop_consuming

    async def on_message(message: KafkaMessage) -> None:
        raw = message.raw_message
        records = raw if isinstance(raw, tuple) else (raw,)
        deliveries = [delivery_of(record) for record in records]
        try:
            if batch_size > 1:
                await consumer.process_batch(deliveries)
            else:
                with consumer_span(deliveries[0], group_id):
                    await consumer.process(deliveries[0])
        except BaseException:
            # Not processed (the dead-letter topic could not be written, or shutdown): read it
            # again from here (from the batch's first message of each partition).
            await message.nack()
            raise
        # A partition's records come in offset order: the last one of each is what counts.
        for record in records:
            committer.processed(message.consumer, record.topic, record.partition, record.offset)
        if committer.stopping:
            await committer.flush()

    on_message.__name__ = consumer.name.replace(".", "_").replace("-", "_")
    subscriber = broker.subscriber(
        *topics,
        group_id=group_id,
        auto_offset_reset=start_from,
        # Offsets are committed by the OffsetCommitter, only after processing.
        ack_policy=AckPolicy.MANUAL,
        title=consumer.name,
        description=description,
        batch=batch_size > 1,
        # What is already fetched, up to this many: a lone event is not held back.
        max_records=batch_size if batch_size > 1 else None,
        batch_timeout_ms=IDLE_POLL_MILLISECONDS,
        group_instance_id=group_instance_id,
        session_timeout_ms=int(
            (STATIC_SESSION_SECONDS if group_instance_id else DYNAMIC_SESSION_SECONDS) * 1000
        ),
    )
    if batch_size > 1:
        poll_without_sleeping(subscriber)
    subscriber(on_message)


def poll_without_sleeping(subscriber: Any) -> None:
    """Make a FastStream batch subscriber wait for messages instead of sleeping between polls.

    FastStream's batch subscriber polls for `batch_timeout_ms` and, finding nothing, sleeps as
    long before it polls again. With a short poll (it was 20 ms here, so that the sleep delayed
    an event on an idle topic little), every idle consumer woke 25 times a second, all the time
    (the six services idle used 9.5 % of a core between them, 5.7 % since). With a long one, an
    event arriving during the sleep would wait for it. aiokafka's `getmany` returns
    as soon as a message is fetched, so this poll waits up to IDLE_POLL_MILLISECONDS and goes
    straight back to waiting: an idle consumer wakes about once a second, and an event is
    handed over as it comes. (A test of the idempotent consumer fails if FastStream stops
    calling `get_msg`.)"""
    max_records = subscriber.max_records

    async def get_msg(consumer: Any) -> tuple[Any, ...]:
        fetched = await consumer.getmany(timeout_ms=IDLE_POLL_MILLISECONDS, max_records=max_records)
        return tuple(itertools.chain.from_iterable(fetched.values()))

    subscriber.get_msg = get_msg


@functools.cache
def _inbox_insert(inbox: Table) -> Any:
    """A consumer's inbox insert, built once per inbox table: every batch runs it."""
    return insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id)


@dataclass(frozen=True)
class Consumer:
    """An idempotent consumer as a service declares it to `create_service_app(consumers=...)`:
    the factory builds it with the service's sessions, inbox, dead-letter topic and retry
    settings, and subscribes it with offsets committed after processing."""

    name: str
    handler: EventHandler
    topics: tuple[str, ...]
    group_id: str
    description: str | None = None
    start_from: Literal["earliest", "latest"] = "earliest"
    accepted_versions: tuple[int, ...] = (1,)
    # A cheap look before the transaction (see IdempotentConsumer.wanted), given the runtime so
    # it can use the service's parts.
    wanted: Callable[[Any, Envelope], Awaitable[bool]] | None = None
    # Above 1: up to this many messages already fetched are applied in one transaction. For
    # consumers that meet bursts and whose handler only writes its own schema: a failed batch is
    # rolled back and run again one message at a time, so any other effect would happen twice.
    batch_size: int = 1
    # With batch_size above 1: applies a tenant's new events of a batch at once, instead of
    # `handler` on each (the inbox records them with one statement). It must leave what
    # `handler` applied to each in turn would leave; a batch it fails is rolled back and run
    # through `handler` one message at a time.
    batch_handler: BatchHandler | None = None
