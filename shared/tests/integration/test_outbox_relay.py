"""The outbox relay against the real PostgreSQL and Kafka: nothing lost, in order, once."""

import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid

from aiokafka.errors import OutOfOrderSequenceNumber
from sqlalchemy import func, select, update

from cartera_shared.db import tenant_transaction
from cartera_shared.events import Envelope, new_envelope
from cartera_shared.kafka import ensure_topics
from cartera_shared.outbox import OutboxRelay, add_event
from cartera_shared.testing import eventually, header, read_topic


def event(tenant, subject, sequence):
    return new_envelope(
        type="lab.happened",
        tenant_id=tenant,
        producer="lab",
        subject=subject,
        sequence=sequence,
        data={"n": sequence},
    )


async def write_events(lab, topic, envelopes):
    async with tenant_transaction(lab.sessions, envelopes[0].tenant_id) as session:
        for envelope in envelopes:
            await add_event(session, lab.outbox, envelope, topic=topic)


def relay_for(lab, kafka_bootstrap, app_url, **kwargs):
    return OutboxRelay(
        database_url=app_url,
        schema=lab.schema,
        bootstrap_servers=kafka_bootstrap,
        service="lab",
        poll_seconds=kwargs.pop("poll_seconds", 5.0),
        **kwargs,
    )


async def unpublished(lab):
    async with lab.sessions() as session:
        return await session.scalar(
            select(func.count()).select_from(lab.outbox).where(lab.outbox.c.published_at.is_(None))
        )


async def test_committed_events_are_published_in_order_with_their_id(
    lab, kafka_bootstrap, app_url, unique
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    tenant, subject = uuid.uuid4(), str(uuid.uuid4())
    envelopes = [event(tenant, subject, n) for n in range(1, 6)]
    relay = relay_for(lab, kafka_bootstrap, app_url)
    await relay.start()
    try:
        await write_events(lab, topic, envelopes)
        # The poll interval is 5 s: arriving sooner proves LISTEN/NOTIFY woke the relay.
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 5, timeout=4)
    finally:
        await relay.stop()
    received = [Envelope.from_bytes(r.value) for r in records]
    assert [e.id for e in received] == [e.id for e in envelopes]
    assert [header(r, "event_id") for r in records] == [str(e.id) for e in envelopes]
    assert {r.key for r in records} == {subject.encode()}
    assert await unpublished(lab) == 0


async def test_an_event_of_a_rolled_back_transaction_never_leaves(
    lab, kafka_bootstrap, app_url, unique
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    tenant = uuid.uuid4()
    doomed, kept = event(tenant, "a", 1), event(tenant, "b", 1)
    try:
        async with tenant_transaction(lab.sessions, tenant) as session:
            await add_event(session, lab.outbox, doomed, topic=topic)
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    await write_events(lab, topic, [kept])
    relay = relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.2)
    await relay.start()
    try:
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1)
        await asyncio.sleep(1)  # time for anything else to (wrongly) appear
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: False, timeout=2)
    finally:
        await relay.stop()
    assert [Envelope.from_bytes(r.value).id for r in records] == [kept.id]


CRASHING_RELAY = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from cartera_shared.outbox import OutboxRelay

    class DiesBeforePublishing(OutboxRelay):
        async def _send(self, rows):
            print("claimed", len(rows), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    async def main():
        relay = DiesBeforePublishing(
            database_url=sys.argv[1], schema=sys.argv[2], bootstrap_servers=sys.argv[3],
            service="lab-crash", poll_seconds=0.2,
        )
        await relay.start()
        await asyncio.sleep(60)

    asyncio.run(main())
    """
)


async def test_a_relay_killed_after_the_commit_and_before_publishing_loses_nothing(
    lab, kafka_bootstrap, app_url, unique
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    envelope = event(uuid.uuid4(), "x", 1)
    await write_events(lab, topic, [envelope])

    crashing = subprocess.run(
        [sys.executable, "-c", CRASHING_RELAY, app_url, lab.schema, kafka_bootstrap],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ,
    )
    assert crashing.returncode == -signal.SIGKILL, crashing.stderr
    assert "claimed 1" in crashing.stdout  # it held the row when it died
    assert await unpublished(lab) == 1

    relay = relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.2)
    await relay.start()
    try:
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1)
        await asyncio.sleep(1)
    finally:
        await relay.stop()
    assert [Envelope.from_bytes(r.value).id for r in records] == [envelope.id]
    assert await unpublished(lab) == 0


async def test_a_broker_outage_keeps_events_until_it_is_back(lab, kafka_bootstrap, app_url, unique):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    envelope = event(uuid.uuid4(), "x", 1)
    await write_events(lab, topic, [envelope])
    # A relay whose broker is unreachable cannot even start; the row waits.
    dead = relay_for(lab, "127.0.0.1:1", app_url, poll_seconds=0.2)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(dead.start(), timeout=30)
    assert await unpublished(lab) == 1
    relay = relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.2)
    await relay.start()
    try:
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1)
    finally:
        await relay.stop()
    assert [json.loads(r.value)["id"] for r in records] == [str(envelope.id)]


async def attempts_and_error(lab, event_id):
    async with lab.sessions() as session:
        row = (
            await session.execute(
                select(
                    lab.outbox.c.published_at, lab.outbox.c.attempts, lab.outbox.c.last_error
                ).where(lab.outbox.c.id == event_id)
            )
        ).one()
    return row.published_at is not None, row.attempts, row.last_error


async def test_a_failed_send_is_rolled_back_and_counted_on_the_rows(
    lab, kafka_bootstrap, app_url, unique
):
    """The batch is claimed and marked published by one statement: a send that fails after it
    must leave the rows unpublished, with the attempt and the error, for the next cycle."""
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    envelope = event(uuid.uuid4(), "x", 1)
    await write_events(lab, topic, [envelope])
    relay = relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.2)
    sending = relay._send
    refused = []

    async def broker_refuses(rows):
        refused.append(len(rows))
        raise ConnectionError("the broker went away")

    async def refused_twice():
        return len(refused) >= 2

    relay._send = broker_refuses
    await relay.start()
    try:
        await eventually(refused_twice, timeout=10)
        published, attempts, error = await attempts_and_error(lab, envelope.id)
        assert not published
        assert attempts >= 2
        assert error == "ConnectionError: the broker went away"
        relay._send = sending
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1)
    finally:
        await relay.stop()
    assert [json.loads(r.value)["id"] for r in records] == [str(envelope.id)]
    published, attempts, error = await attempts_and_error(lab, envelope.id)
    assert published
    assert attempts == len(refused) + 1
    assert error is None


async def test_a_producer_the_broker_refuses_for_its_sequence_is_replaced(
    lab, kafka_bootstrap, app_url, unique
):
    """After OutOfOrderSequenceNumber (a broker that restarted and forgot the producer's
    sequence) every send of that producer fails: aiokafka does not take a new producer id.
    The relay starts a new producer, and the event goes out."""
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    envelope = event(uuid.uuid4(), "x", 1)
    await write_events(lab, topic, [envelope])
    relay = relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.2)
    await relay.start()
    spoilt = relay._producer
    sending = relay._send

    async def refused_for_the_sequence(rows):
        if relay._producer is spoilt:
            raise OutOfOrderSequenceNumber()
        await sending(rows)

    relay._send = refused_for_the_sequence
    try:
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 1)
    finally:
        await relay.stop()
    assert [json.loads(r.value)["id"] for r in records] == [str(envelope.id)]
    assert relay._producer is not spoilt
    assert relay.producers_started == 1
    published, attempts, error = await attempts_and_error(lab, envelope.id)
    assert published
    assert attempts == 2
    assert error is None


async def test_concurrent_relays_publish_each_event_once(lab, kafka_bootstrap, app_url, unique):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    tenant = uuid.uuid4()
    envelopes = [event(tenant, f"s{n % 7}", n) for n in range(300)]
    relays = [
        relay_for(lab, kafka_bootstrap, app_url, poll_seconds=0.1, batch_size=20) for _ in range(3)
    ]
    for relay in relays:
        await relay.start()
    try:
        for chunk in range(0, 300, 50):
            await write_events(lab, topic, envelopes[chunk : chunk + 50])
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 300)
        await asyncio.sleep(1)
        records = await read_topic(kafka_bootstrap, topic, until=lambda r: False, timeout=3)
    finally:
        for relay in relays:
            await relay.stop()
    ids = [Envelope.from_bytes(r.value).id for r in records]
    assert len(ids) == 300
    assert set(ids) == {e.id for e in envelopes}
    assert sum(r.published for r in relays) == 300


async def test_rows_published_long_ago_are_purged_and_nothing_else(
    lab, kafka_bootstrap, app_url, unique
):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    tenant, subject = uuid.uuid4(), str(uuid.uuid4())
    await write_events(lab, topic, [event(tenant, subject, n) for n in range(1, 9)])
    relay = relay_for(lab, kafka_bootstrap, app_url, retention=None)
    await relay.start()
    try:
        assert await relay.publish_batch() == 8
        async with lab.sessions() as session:
            positions = list(
                await session.scalars(select(lab.outbox.c.position).order_by(lab.outbox.c.position))
            )
        async with lab.owner.begin() as conn:
            # The oldest five were published eight days ago, except the third: stuck
            # unpublished since then (it must stay, and not stop the purge past it).
            await conn.execute(
                update(lab.outbox)
                .where(lab.outbox.c.position.in_(positions[:5]))
                .values(published_at=func.now() - dt.timedelta(days=8))
            )
            await conn.execute(
                update(lab.outbox)
                .where(lab.outbox.c.position == positions[2])
                .values(published_at=None, created_at=func.now() - dt.timedelta(days=8))
            )
        # Batches of two: the oldest two go; then the stuck row stays and the fourth goes; then
        # the fifth goes; then the stuck row and the sixth (recent) both stay: done.
        # A purge held to one statement stops there, and says it did not finish.
        assert await relay.purge_published(dt.timedelta(days=7), batch=2, max_statements=1) == (
            2,
            False,
        )
        assert await relay.purge_published(dt.timedelta(days=7), batch=2) == (2, True)
        assert await relay.purge_published(dt.timedelta(days=7), batch=2) == (0, True)
    finally:
        await relay.stop()
    async with lab.sessions() as session:
        left = (
            await session.execute(
                select(lab.outbox.c.position, lab.outbox.c.published_at).order_by(
                    lab.outbox.c.position
                )
            )
        ).all()
    assert [p for p, _ in left] == [positions[2], *positions[5:]]
    assert left[0].published_at is None


async def test_the_relay_purges_on_its_own_while_it_runs(lab, kafka_bootstrap, app_url, unique):
    topic = f"lab.{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=1, with_dlq=False)
    tenant, subject = uuid.uuid4(), str(uuid.uuid4())
    await write_events(lab, topic, [event(tenant, subject, n) for n in range(1, 4)])
    # Retention of a tenth of a second, a purge every half second.
    relay = relay_for(
        lab,
        kafka_bootstrap,
        app_url,
        poll_seconds=0.1,
        retention=dt.timedelta(seconds=0.1),
        purge_every_seconds=0.5,
    )
    await relay.start()
    try:
        await read_topic(kafka_bootstrap, topic, until=lambda r: len(r) >= 3, timeout=10)

        async def purged() -> bool:
            async with lab.sessions() as session:
                return await session.scalar(select(func.count()).select_from(lab.outbox)) == 0

        await eventually(purged, timeout=10, interval=0.2)
    finally:
        await relay.stop()
    assert relay.published == 3
