"""Client replicas keep the newest state whatever order the events arrive in."""

import uuid

import pytest
from sqlalchemy import select, text

from cartera_shared.db import service_metadata, tenant_transaction
from cartera_shared.events import new_envelope
from cartera_shared.events.clients import ClientState
from cartera_shared.inbox import PoisonMessage
from cartera_shared.replicas import (
    client_replica_batch_handler,
    client_replica_handler,
    client_replica_table,
)
from cartera_shared.tenancy import enable_tenant_rls_sql, grant_app_role_sql


@pytest.fixture
async def replicas(lab):
    metadata = service_metadata(lab.schema)
    table = client_replica_table(metadata)
    async with lab.owner.begin() as conn:
        await conn.run_sync(metadata.create_all)
        for statement in (
            *enable_tenant_rls_sql(lab.schema, "client_replicas"),
            *grant_app_role_sql(lab.schema, lab.role),
        ):
            await conn.execute(text(statement))
    return table


def client_event(tenant, client_id, version, name="Acme S.L.", status="active"):
    return new_envelope(
        type="client.updated",
        tenant_id=tenant,
        producer="clients",
        subject=client_id,
        sequence=version,
        data={
            "id": str(client_id),
            "version": version,
            "legal_name": name,
            "kind": "company",
            "tax_id": "B12345674",
            "country": "ES",
            "status": status,
            "some_future_field": [1, 2],
        },
    )


async def apply(lab, table, envelope):
    async with tenant_transaction(lab.sessions, envelope.tenant_id) as session:
        await client_replica_handler(table)(session, envelope)


async def apply_together(lab, table, tenant, envelopes):
    async with tenant_transaction(lab.sessions, tenant) as session:
        await client_replica_batch_handler(table)(session, tenant, envelopes)


async def stored(lab, table, tenant, client_id):
    async with tenant_transaction(lab.sessions, tenant) as session:
        return (
            await session.execute(
                select(table.c.version, table.c.legal_name, table.c.status).where(
                    table.c.client_id == client_id
                )
            )
        ).one()


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 2, 1), (2, 3, 1), (1, 3, 2), (3, 1, 2)])
async def test_the_newest_version_wins_in_any_arrival_order(lab, replicas, order):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    for version in order:
        await apply(lab, replicas, client_event(tenant, client_id, version, name=f"v{version}"))
    assert await stored(lab, replicas, tenant, client_id) == (3, "v3", "active")


async def test_archiving_is_carried_in_the_state(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    await apply(lab, replicas, client_event(tenant, client_id, 2, status="archived"))
    assert (await stored(lab, replicas, tenant, client_id)).status == "archived"


async def test_an_event_whose_subject_is_another_client_is_poison(lab, replicas):
    event = client_event(uuid.uuid4(), uuid.uuid4(), 1)
    forged = event.model_copy(update={"subject": str(uuid.uuid4())})
    with pytest.raises(PoisonMessage):
        await apply(lab, replicas, forged)


async def test_an_event_without_the_client_state_is_refused(lab, replicas):
    event = client_event(uuid.uuid4(), uuid.uuid4(), 1)
    with pytest.raises(ValueError, match="validation error"):
        await apply(lab, replicas, event.model_copy(update={"data": {"id": event.subject}}))


async def test_a_batch_keeps_what_one_by_one_would_keep(lab, replicas):
    tenant = uuid.uuid4()
    first, second, third = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await apply(lab, replicas, client_event(tenant, third, 5, name="already newer"))
    newest_of_first = client_event(tenant, first, 3, name="first v3", status="archived")
    await apply_together(
        lab,
        replicas,
        tenant,
        [
            client_event(tenant, first, 2, name="first v2"),
            client_event(tenant, second, 1, name="second v1"),
            newest_of_first,
            client_event(tenant, first, 1, name="first v1"),
            client_event(tenant, second, 1, name="second v1, again"),
            client_event(tenant, third, 4, name="third v4"),
        ],
    )
    assert await stored(lab, replicas, tenant, first) == (3, "first v3", "archived")
    assert await stored(lab, replicas, tenant, second) == (1, "second v1", "active")
    assert await stored(lab, replicas, tenant, third) == (5, "already newer", "active")
    async with tenant_transaction(lab.sessions, tenant) as session:
        state = await session.scalar(select(replicas.c.state).where(replicas.c.client_id == first))
    assert state == ClientState.model_validate(newest_of_first.data).model_dump(mode="json")


async def test_a_batch_with_a_forged_subject_is_refused_whole(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    forged = client_event(tenant, uuid.uuid4(), 1).model_copy(update={"subject": str(client_id)})
    with pytest.raises(PoisonMessage):
        await apply_together(lab, replicas, tenant, [client_event(tenant, client_id, 1), forged])
    async with tenant_transaction(lab.sessions, tenant) as session:
        assert (await session.execute(select(replicas.c.client_id))).first() is None
