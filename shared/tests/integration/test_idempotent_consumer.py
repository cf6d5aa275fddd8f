"""The idempotent consumer on the real broker: once per event, poison to the DLQ, keep moving.

Every case runs twice: one message per transaction, and batched (`batch_size`), where a batch
holding anything out of the ordinary falls back to one message at a time with the same outcome.
"""

import asyncio
import json
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient
from faststream.kafka import KafkaBroker
from sqlalchemy import insert, select

from cartera_shared.db import tenant_transaction
from cartera_shared.events import Envelope, new_envelope
from cartera_shared.inbox import (
    IdempotentConsumer,
    OffsetCommitter,
    PoisonMessage,
    broker_dead_letter,
    stop_consuming,
    subscribe,
)
from cartera_shared.kafka import ensure_topics
from cartera_shared.testing import header, publish_raw, read_topic


@pytest.fixture(params=[1, 50], ids=["one-by-one", "batched"])
def batch_size(request):
    return request.param


def make_event(tenant, note, version=1):
    return new_envelope(
        type="lab.happened",
        version=version,
        tenant_id=tenant,
        producer="lab",
        subject="k",
        sequence=1,
        data={"note": note},
    )


async def effects(lab, tenant):
    async with tenant_transaction(lab.sessions, tenant) as session:
        rows = (await session.execute(select(lab.effects.c.note))).scalars().all()
    return sorted(rows)


class Harness:
    """A real FastStream broker consuming one topic through an IdempotentConsumer, wired as
    the services wire theirs: `committers` for `stop_consuming`, the messages in hand finished
    on stop, an optional static `group_instance_id`."""

    def __init__(
        self,
        lab,
        kafka_bootstrap,
        topic,
        handler,
        batch_size=1,
        group_id=None,
        group_instance_id=None,
        **kwargs,
    ):
        self.broker = KafkaBroker(
            kafka_bootstrap, acks="all", enable_idempotence=True, graceful_timeout=10
        )
        self.consumer = IdempotentConsumer(
            name=f"lab.{topic}",
            sessions=lab.sessions,
            inbox=lab.inbox,
            handler=handler,
            dead_letter=broker_dead_letter(self.broker),
            max_attempts=kwargs.get("max_attempts", 3),
            backoff_seconds=0.05,
            accepted_versions=kwargs.get("accepted_versions", (1,)),
        )
        self.batches: list[int] = []
        process_batch = self.consumer.process_batch

        async def counted(deliveries):
            self.batches.append(len(deliveries))
            return await process_batch(deliveries)

        self.consumer.process_batch = counted
        self.committers: list[OffsetCommitter] = []
        subscribe(
            self.broker,
            self.consumer,
            topic,
            group_id=group_id or f"lab-{topic}",
            batch_size=batch_size,
            committers=self.committers,
            group_instance_id=group_instance_id,
        )

    async def __aenter__(self):
        await self.broker.start()
        return self

    async def __aexit__(self, *exc):
        await self.broker.stop()


def recording_handler(lab, fail_times=0, poison_notes=()):
    calls = {"n": 0}

    async def handler(session, envelope):
        calls["n"] += 1
        note = envelope.data["note"]
        if note in poison_notes:
            raise PoisonMessage(f"cannot handle {note}")
        if calls["n"] <= fail_times:
            raise ConnectionError("transient")
        await session.execute(
            insert(lab.effects).values(id=uuid.uuid4(), tenant_id=envelope.tenant_id, note=note)
        )

    return handler, calls


async def wait_for(predicate, timeout=20.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        if await predicate():
            return True
        await asyncio.sleep(0.2)
    return False


async def test_a_duplicated_delivery_has_exactly_one_effect(
    lab, kafka_bootstrap, unique, batch_size
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    first, other = make_event(tenant, "once"), make_event(tenant, "after")
    # The same event three times (a producer retry, a relay re-run), then another event.
    await publish_raw(
        kafka_bootstrap,
        topic,
        [
            (b"k", first.to_bytes()),
            (b"k", first.to_bytes()),
            (b"k", first.to_bytes()),
            (b"k", other.to_bytes()),
        ],
    )
    handler, _ = recording_handler(lab)
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size):
        assert await wait_for(lambda: _has(lab, tenant, ["after", "once"]))
        await asyncio.sleep(0.5)
    assert await effects(lab, tenant) == ["after", "once"]


async def _has(lab, tenant, expected):
    return await effects(lab, tenant) == expected


async def test_a_redelivery_after_a_restart_has_no_second_effect(
    lab, kafka_bootstrap, unique, batch_size
):
    """Offsets are committed after the transaction: a second group run re-reads nothing twice."""
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "one").to_bytes())])
    handler, calls = recording_handler(lab)
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size):
        assert await wait_for(lambda: _has(lab, tenant, ["one"]))
    await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "two").to_bytes())])
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size):
        assert await wait_for(lambda: _has(lab, tenant, ["one", "two"]))
        await asyncio.sleep(0.5)
    assert calls["n"] == 2  # the committed message was not handed to the handler again


async def test_a_poison_message_goes_to_the_dlq_and_the_partition_keeps_moving(
    lab, kafka_bootstrap, unique, batch_size
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    good_before, good_after = make_event(tenant, "before"), make_event(tenant, "after")
    unreadable = b"{this is not json"
    unhandleable = make_event(tenant, "poison")
    await publish_raw(
        kafka_bootstrap,
        topic,
        [
            (b"k", good_before.to_bytes()),
            (b"k", unreadable),
            (b"k", unhandleable.to_bytes()),
            (b"k", good_after.to_bytes()),
        ],
    )
    handler, _ = recording_handler(lab, poison_notes=("poison",))
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size):
        assert await wait_for(lambda: _has(lab, tenant, ["after", "before"]))
    dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", until=lambda r: len(r) >= 2)
    assert [r.value for r in dead] == [unreadable, unhandleable.to_bytes()]
    assert "malformed envelope" in header(dead[0], "x-error")
    assert "PoisonMessage" in header(dead[1], "x-error")
    assert header(dead[1], "x-original-topic") == topic
    assert header(dead[1], "x-original-offset") == "2"
    assert header(dead[1], "x-attempts") == "1"


async def test_transient_failures_are_retried_then_succeed(
    lab, kafka_bootstrap, unique, batch_size
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "eventually").to_bytes())])
    handler, calls = recording_handler(lab, fail_times=2)
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size, max_attempts=3):
        assert await wait_for(lambda: _has(lab, tenant, ["eventually"]))
    assert calls["n"] == 3


async def test_a_message_failing_every_attempt_ends_in_the_dlq(
    lab, kafka_bootstrap, unique, batch_size
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    doomed, later = make_event(tenant, "doomed"), make_event(tenant, "later")
    await publish_raw(kafka_bootstrap, topic, [(b"k", doomed.to_bytes()), (b"k", later.to_bytes())])

    async def handler(session, envelope):
        if envelope.data["note"] == "doomed":
            raise ConnectionError("still down")
        await session.execute(
            insert(lab.effects).values(
                id=uuid.uuid4(), tenant_id=envelope.tenant_id, note=envelope.data["note"]
            )
        )

    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size, max_attempts=3):
        assert await wait_for(lambda: _has(lab, tenant, ["later"]))
    dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", until=lambda r: len(r) >= 1)
    assert [Envelope.from_bytes(r.value).id for r in dead] == [doomed.id]
    assert header(dead[0], "x-attempts") == "3"
    assert "still down" in header(dead[0], "x-error")


async def test_an_unsupported_contract_version_is_dead_lettered(
    lab, kafka_bootstrap, unique, batch_size
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    future = make_event(tenant, "v9", version=9)
    await publish_raw(kafka_bootstrap, topic, [(b"k", future.to_bytes())])
    handler, calls = recording_handler(lab)
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size, accepted_versions=(1, 2)):
        dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", until=lambda r: len(r) >= 1)
    assert json.loads(dead[0].value)["version"] == 9
    assert calls["n"] == 0


async def test_an_unreachable_database_spends_no_attempts(lab, kafka_bootstrap, unique, batch_size):
    """While the database cannot be reached the message waits; it is never dead-lettered."""
    from cartera_shared.db import create_engine, session_factory
    from cartera_shared.testing import free_tcp_port

    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "waited").to_bytes())])
    nowhere = create_engine(f"postgresql+asyncpg://nobody@127.0.0.1:{free_tcp_port()}/none")
    handler, calls = recording_handler(lab)
    harness = Harness(lab, kafka_bootstrap, topic, handler, batch_size, max_attempts=1)
    harness.consumer.sessions = session_factory(nowhere)
    async with harness:
        # Many times the one attempt allowed: with a failing handler it would be in the DLQ.
        await asyncio.sleep(3)
        assert calls["n"] == 0
        harness.consumer.sessions = lab.sessions
        assert await wait_for(lambda: _has(lab, tenant, ["waited"]))
    await nowhere.dispose()
    dead = await read_topic(kafka_bootstrap, f"{topic}.dlq", until=lambda r: False, timeout=2)
    assert dead == []


async def test_a_burst_of_two_tenants_is_applied_in_batches_each_in_its_tenants_scope(
    lab, kafka_bootstrap, unique
):
    """Each message is written under its own tenant (row-level security checks every row), and
    a burst goes in far fewer transactions than messages."""
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=3)
    tenants = [uuid.uuid4(), uuid.uuid4()]
    events = [make_event(tenants[n % 2], f"n{n:03d}") for n in range(300)]
    await publish_raw(
        kafka_bootstrap, topic, [(str(n % 7).encode(), e.to_bytes()) for n, e in enumerate(events)]
    )
    handler, calls = recording_handler(lab)
    expected = {
        tenant: sorted(e.data["note"] for e in events if e.tenant_id == tenant)
        for tenant in tenants
    }
    async with Harness(lab, kafka_bootstrap, topic, handler, batch_size=100) as harness:
        for tenant in tenants:
            assert await wait_for(lambda t=tenant: _has(lab, t, expected[t]))
    assert calls["n"] == 300
    assert sum(harness.batches) == 300
    assert max(harness.batches) > 1, harness.batches
    assert len(harness.batches) < 100, harness.batches


async def committed_offsets(kafka_bootstrap, group, topic):
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == topic}


async def test_a_stopping_consumer_finishes_the_message_in_hand_and_commits_all_it_processed(
    lab, kafka_bootstrap, unique, batch_size
):
    """What a process does on SIGTERM (app_factory's shutdown): the message being handled when
    the stop comes is finished, and every processed offset is committed before the consumer
    closes, also those the committer would otherwise have sent a moment later."""
    topic = f"lab.{unique}"
    group = f"lab-{topic}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    notes = [f"n{i}" for i in range(6)]
    await publish_raw(
        kafka_bootstrap, topic, [(b"k", make_event(tenant, n).to_bytes()) for n in notes]
    )
    in_hand = asyncio.Event()
    record, _ = recording_handler(lab)

    async def slow_last(session, envelope):
        await record(session, envelope)
        if envelope.data["note"] == notes[-1]:
            in_hand.set()
            await asyncio.sleep(1.0)

    harness = Harness(lab, kafka_bootstrap, topic, slow_last, batch_size, group_id=group)
    await harness.broker.start()
    try:
        await asyncio.wait_for(in_hand.wait(), timeout=20)
    finally:
        await stop_consuming(harness.broker, harness.committers)

    assert await effects(lab, tenant) == sorted(notes)
    assert await committed_offsets(kafka_bootstrap, group, topic) == {0: len(notes)}


async def test_an_idle_batched_consumer_waits_for_events_instead_of_polling(
    lab, kafka_bootstrap, unique, monkeypatch
):
    """FastStream's batch subscriber sleeps between empty polls; the services' batched
    consumers wait in aiokafka's `getmany` instead (`inbox.poll_without_sleeping`), which
    returns when an event comes. Idle, a consumer polls about once a second (it was 25 times),
    and an event that comes to an idle topic is handed over at once, not after a sleep."""
    polls = {"n": 0}
    getmany = AIOKafkaConsumer.getmany

    async def counted_getmany(self, *partitions, **kwargs):
        polls["n"] += 1
        return await getmany(self, *partitions, **kwargs)

    monkeypatch.setattr(AIOKafkaConsumer, "getmany", counted_getmany)
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1)
    tenant = uuid.uuid4()
    record, _ = recording_handler(lab)
    handled: dict[str, float] = {}

    async def timed(session, envelope):
        await record(session, envelope)
        handled[envelope.data["note"]] = asyncio.get_running_loop().time()

    async with Harness(lab, kafka_bootstrap, topic, timed, batch_size=50):
        await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "first").to_bytes())])
        assert await wait_for(lambda: _has(lab, tenant, ["first"]))
        polls["n"] = 0
        await asyncio.sleep(3.0)
        assert 1 <= polls["n"] <= 6, polls
        sent = asyncio.get_running_loop().time()
        await publish_raw(kafka_bootstrap, topic, [(b"k", make_event(tenant, "later").to_bytes())])
        assert await wait_for(lambda: _has(lab, tenant, ["first", "later"]))
        assert handled["later"] - sent < 0.8, handled["later"] - sent
