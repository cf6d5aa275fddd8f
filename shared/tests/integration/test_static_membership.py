"""Static group membership on the real broker: a consumer wired by `subscribe` with a
`group_instance_id` and restarted takes its partitions back without a rebalance, so the other
member of its group is never stopped; the same restart of a dynamic member does make the other
one give up its partitions (the control that shows the observation would see a rebalance)."""

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener

from cartera_shared.inbox import stop_consuming
from cartera_shared.kafka import ensure_topics
from cartera_shared.testing import publish_raw

from .test_idempotent_consumer import Harness, _has, make_event, recording_handler, wait_for

pytestmark = pytest.mark.timeout(120)
# Longer than aiokafka's heartbeat interval (3 s): a rebalance started by the restart would
# have reached the other member by then.
SETTLE_SECONDS = 5.0


class Rebalances(ConsumerRebalanceListener):
    def __init__(self) -> None:
        self.revoked = 0

    async def on_partitions_revoked(self, revoked):
        if revoked:
            self.revoked += 1

    async def on_partitions_assigned(self, assigned):
        pass


def member(lab, kafka_bootstrap, topic, group, instance):
    handler, _ = recording_handler(lab)
    harness = Harness(
        lab, kafka_bootstrap, topic, handler, group_id=group, group_instance_id=instance
    )
    return harness.broker, harness.committers


def assigned(broker):
    (subscriber,) = broker.subscribers
    consumer = subscriber.consumer
    return set() if consumer is None else {tp.partition for tp in consumer.assignment()}


@pytest.mark.parametrize("static", [True, False], ids=["static", "dynamic"])
async def test_a_restarted_member_takes_its_partitions_back_without_stopping_the_other(
    lab, kafka_bootstrap, unique, static
):
    topic = f"lab.{unique}"
    group = f"lab-{unique}"
    await ensure_topics(kafka_bootstrap, [topic], partitions=2)
    # The other member, started first (so it leads the group), counting its revocations.
    rebalances = Rebalances()
    other = AIOKafkaConsumer(
        bootstrap_servers=kafka_bootstrap,
        group_id=group,
        group_instance_id=f"other-{uuid.uuid4().hex[:6]}",
        session_timeout_ms=45_000,
        enable_auto_commit=False,
    )
    other.subscribe([topic], listener=rebalances)
    await other.start()

    async def poll():
        while True:
            await other.getmany(timeout_ms=100)

    polling = asyncio.create_task(poll())
    instance = f"node-{uuid.uuid4().hex[:6]}" if static else None
    first, committers = member(lab, kafka_bootstrap, topic, group, instance)
    second = None
    try:
        await first.start()
        assert await wait_for(lambda: _settled(other, first), timeout=30)
        mine = assigned(first)
        revoked_before = rebalances.revoked

        await stop_consuming(first, committers)
        second, committers = member(lab, kafka_bootstrap, topic, group, instance)
        await second.start()
        assert await wait_for(lambda: _settled(other, second), timeout=60)
        # The restarted member works: an event on its partition is applied.
        tenant = uuid.uuid4()
        (partition,) = assigned(second)
        await publish_raw(
            kafka_bootstrap,
            topic,
            [(b"k", make_event(tenant, "after restart").to_bytes())],
            partition=partition,
        )
        assert await wait_for(lambda: _has(lab, tenant, ["after restart"]), timeout=30)
        await asyncio.sleep(SETTLE_SECONDS)

        if static:
            assert rebalances.revoked == revoked_before
            assert assigned(second) == mine
        else:
            assert rebalances.revoked > revoked_before
    finally:
        polling.cancel()
        if second is not None:
            await second.stop()
        await other.stop()


async def _settled(other, broker):
    """Each member holds one of the two partitions."""
    return len(other.assignment()) == 1 and len(assigned(broker)) == 1
