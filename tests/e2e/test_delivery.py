"""Delivery guarantees of the running services on the real broker and database."""

import asyncio
import uuid

from sqlalchemy import text

from cartera_shared.db import create_engine
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import header, publish_raw, random_cif, read_topic

from .helpers import REPLICA_HOLDERS, eventually, replica_versions


def client_event(topic, tenant_id, client_id, version, legal_name):
    return new_envelope(
        type=topic,
        tenant_id=tenant_id,
        producer="clients",
        subject=client_id,
        sequence=version,
        data={
            "id": str(client_id),
            "version": version,
            "legal_name": legal_name,
            "kind": "company",
            "tax_id": random_cif(),
            "country": "ES",
            "status": "active",
        },
    )


async def test_an_update_that_arrives_before_its_create_still_ends_right(
    stack, kafka_bootstrap, owner_url
):
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    created = client_event(topics.CLIENT_CREATED, tenant_id, client_id, 1, "Old name S.L.")
    updated = client_event(topics.CLIENT_UPDATED, tenant_id, client_id, 2, "New name S.L.")
    key = str(client_id).encode()
    await publish_raw(kafka_bootstrap, topics.CLIENT_UPDATED, [(key, updated.to_bytes())])

    async def all_at(version):
        versions = await replica_versions(stack, tenant_id, client_id)
        return set(versions.values()) == {version}

    await eventually(lambda: all_at(2))
    await publish_raw(kafka_bootstrap, topics.CLIENT_CREATED, [(key, created.to_bytes())])
    # The late create must be consumed and ignored: wait until every inbox has it.
    await eventually(lambda: inbox_count_is(owner_url, created.id, 1))
    assert set((await replica_versions(stack, tenant_id, client_id)).values()) == {2}


async def inbox_count_is(owner_url, event_id, expected):
    counts = await inbox_counts(owner_url, event_id)
    return all(c == expected for c in counts.values())


async def inbox_counts(owner_url, event_id):
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return {
                service: await conn.scalar(
                    text(f"SELECT count(*) FROM {service}.inbox WHERE event_id = :id"),
                    {"id": event_id},
                )
                for service in REPLICA_HOLDERS
            }
    finally:
        await engine.dispose()


async def test_a_duplicated_delivery_has_exactly_one_effect(stack, kafka_bootstrap, owner_url):
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    event = client_event(topics.CLIENT_CREATED, tenant_id, client_id, 1, "Twice Sent S.A.")
    key = str(client_id).encode()
    await publish_raw(
        kafka_bootstrap, topics.CLIENT_CREATED, [(key, event.to_bytes()), (key, event.to_bytes())]
    )
    await eventually(lambda: inbox_count_is(owner_url, event.id, 1))
    await asyncio.sleep(1.0)  # let the second copy be consumed too
    assert set((await inbox_counts(owner_url, event.id)).values()) == {1}
    assert set((await replica_versions(stack, tenant_id, client_id)).values()) == {1}


async def test_a_poison_message_is_dead_lettered_and_the_partition_keeps_moving(
    stack, kafka_bootstrap
):
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    key = str(client_id).encode()
    marker = uuid.uuid4().hex.encode()
    poison = b'{"not": "an envelope", "marker": "' + marker + b'"}'
    bad_data = client_event(topics.CLIENT_UPDATED, tenant_id, client_id, 2, "x")
    bad_data = bad_data.model_copy(update={"data": {"id": "not-a-uuid"}})
    good = client_event(topics.CLIENT_UPDATED, tenant_id, client_id, 3, "After Poison S.L.")
    # Same key, so the same partition, in this order.
    await publish_raw(
        kafka_bootstrap,
        topics.CLIENT_UPDATED,
        [(key, poison), (key, bad_data.to_bytes()), (key, good.to_bytes())],
    )

    async def all_at_three():
        return set((await replica_versions(stack, tenant_id, client_id)).values()) == {3}

    await eventually(all_at_three)

    dlq = f"{topics.CLIENT_UPDATED}.dlq"
    dead = await read_topic(
        kafka_bootstrap,
        dlq,
        until=lambda rs: (
            len([r for r in rs if marker in r.value]) >= 5
            and len([r for r in rs if str(bad_data.id).encode() in r.value]) >= 4
        ),
    )
    unreadable = [r for r in dead if marker in r.value]
    invalid = [r for r in dead if str(bad_data.id).encode() in r.value]
    # Every consumer of the topic gives up on the unreadable one (the gateway's webhook
    # fan-out too); the well-formed but invalid one only troubles the replicas.
    assert {header(r, "x-consumer") for r in unreadable} == {
        *(f"{s}.client-replica" for s in REPLICA_HOLDERS),
        "gateway.webhooks",
    }
    assert {header(r, "x-consumer") for r in invalid} == {
        f"{s}.client-replica" for s in REPLICA_HOLDERS
    }
    assert all("ValidationError" in header(r, "x-error") for r in invalid)
