"""The read-through to the clients service keeps the replica right whatever comes first: the
source's answer or the events, in any order. The database is real; the clients service is
played by a handler that answers as it does (its own tests cover it)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from sqlalchemy import select, text

from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.db import service_metadata, tenant_transaction
from cartera_shared.events import new_envelope
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, InternalKeys, verify_internal_token
from cartera_shared.problems import ServiceUnavailable
from cartera_shared.replicas import (
    READ_FROM_SOURCE,
    client_replica_handler,
    client_replica_table,
)
from cartera_shared.tenancy import enable_tenant_rls_sql, grant_app_role_sql
from cartera_shared.testing import free_tcp_port, http_stub

KEYS = InternalKeys(current="k-" + uuid.uuid4().hex + uuid.uuid4().hex)


@pytest.fixture
async def replicas(lab):
    metadata = service_metadata(lab.schema)
    table = client_replica_table(metadata)
    async with lab.owner.begin() as conn:
        await conn.run_sync(metadata.create_all)
        for statement in (
            *enable_tenant_rls_sql(lab.schema, "client_replicas"),
            *grant_app_role_sql(lab.schema, "cartera_app"),
        ):
            await conn.execute(text(statement))
    return table


def state(client_id, version, name="Acme S.L.", status="active"):
    """A client as the clients service answers it (more fields than a replica keeps)."""
    return {
        "id": str(client_id),
        "version": version,
        "legal_name": name,
        "trade_name": None,
        "kind": "company",
        "tax_id": "B12345674",
        "country": "ES",
        "territory": "peninsula",
        "status": status,
        "notes": "only the clients service keeps notes",
        "created_at": "2026-12-06T10:00:00Z",
        "updated_at": "2026-12-06T10:00:00Z",
    }


def event(tenant, client_id, version, name="Acme S.L.", status="active"):
    return new_envelope(
        type="client.updated",
        tenant_id=tenant,
        producer="clients",
        subject=client_id,
        sequence=version,
        data=state(client_id, version, name, status),
    )


class Source:
    """The clients service as seen through HTTP: a list of what it was asked. `answer=None`:
    nothing listens where it should be."""

    def __init__(self, answer):
        self.answer = answer
        self.asked: list[httpx.Request] = []


@asynccontextmanager
async def directory(source: Source) -> AsyncIterator[ClientsDirectory]:
    if source.answer is None:
        url = f"http://127.0.0.1:{free_tcp_port()}"
        found = ClientsDirectory(url, caller="crm", internal_keys=lambda: KEYS)
        yield found
        await found.close()
        return
    async with http_stub(source.answer) as stub:
        source.asked = stub.asked
        found = ClientsDirectory(stub.url, caller="crm", internal_keys=lambda: KEYS)
        try:
            yield found
        finally:
            await found.close()


def answering(body, status=200):
    async def answer(request):
        return httpx.Response(status, json=body)

    return answer


async def known(lab, table, source, tenant, client_id, **options):
    async with directory(source) as clients, tenant_transaction(lab.sessions, tenant) as session:
        return await clients.known_client(session, table, tenant, client_id, **options)


async def stored(lab, table, tenant, client_id):
    async with tenant_transaction(lab.sessions, tenant) as session:
        return (
            (await session.execute(select(table).where(table.c.client_id == client_id)))
            .mappings()
            .first()
        )


async def apply(lab, table, envelope):
    async with tenant_transaction(lab.sessions, envelope.tenant_id) as session:
        await client_replica_handler(table)(session, envelope)


async def test_a_client_the_replica_lacks_is_asked_of_the_source_and_kept(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    source = Source(answering(state(client_id, 1, "Recién Creada S.L.")))
    row = await known(lab, replicas, source, tenant, client_id)
    assert (row["version"], row["legal_name"], row["status"]) == (1, "Recién Creada S.L.", "active")
    kept = await stored(lab, replicas, tenant, client_id)
    assert kept["version"] == 1
    assert kept["last_event_id"] == READ_FROM_SOURCE  # read, not carried by an event
    assert "notes" not in kept["state"]  # the replica keeps the event contract's fields only
    [asked] = source.asked
    assert asked.url.path == f"/v1/clients/{client_id}"
    assert "as_of" not in asked.url.params
    identity = verify_internal_token(asked.headers[INTERNAL_TOKEN_HEADER], KEYS, service="clients")
    assert (identity.tenant_id, identity.subject) == (tenant, "service:crm")
    assert identity.scopes == frozenset({"clients:read"})


async def test_a_client_the_replica_holds_costs_no_call(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    await apply(lab, replicas, event(tenant, client_id, 2, status="archived"))
    source = Source(answering({}, status=500))
    row = await known(lab, replicas, source, tenant, client_id)
    assert (row["version"], row["status"]) == (2, "archived")  # existing is all that was asked
    assert source.asked == []


async def test_the_late_event_of_the_version_read_changes_nothing_and_a_newer_one_applies(
    lab, replicas
):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    clients = Source(answering(state(client_id, 1, "Leída S.L.")))
    await known(lab, replicas, clients, tenant, client_id)
    await apply(lab, replicas, event(tenant, client_id, 1, "Leída S.L."))
    same = await stored(lab, replicas, tenant, client_id)
    assert (same["version"], same["last_event_id"]) == (1, READ_FROM_SOURCE)
    newer = event(tenant, client_id, 2, "Renombrada S.L.")
    await apply(lab, replicas, newer)
    after = await stored(lab, replicas, tenant, client_id)
    assert (after["version"], after["legal_name"], after["last_event_id"]) == (
        2,
        "Renombrada S.L.",
        uuid.UUID(str(newer.id)),
    )


async def test_an_earlier_event_never_moves_a_read_replica_backwards(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    clients = Source(answering(state(client_id, 3, "Tercera S.L.")))
    await known(lab, replicas, clients, tenant, client_id)
    for version in (1, 2):
        await apply(lab, replicas, event(tenant, client_id, version, f"v{version}"))
    kept = await stored(lab, replicas, tenant, client_id)
    assert (kept["version"], kept["legal_name"]) == (3, "Tercera S.L.")


async def test_a_source_answer_older_than_the_replica_never_moves_it_backwards(lab, replicas):
    """An event committed while the source was being asked: its newer version stays."""
    tenant, client_id = uuid.uuid4(), uuid.uuid4()

    async def answer_after_an_event_lands(request):
        await apply(lab, replicas, event(tenant, client_id, 2, "Evento S.L."))
        return httpx.Response(200, json=state(client_id, 1, "Respuesta S.L."))

    clients = Source(answer_after_an_event_lands)
    row = await known(lab, replicas, clients, tenant, client_id)
    assert (row["version"], row["legal_name"]) == (2, "Evento S.L.")
    assert (await stored(lab, replicas, tenant, client_id))["version"] == 2


async def test_an_archived_replica_is_asked_again_when_an_active_client_is_needed(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    await apply(lab, replicas, event(tenant, client_id, 2, status="archived"))
    restored = Source(answering(state(client_id, 3, status="active")))
    row = await known(lab, replicas, restored, tenant, client_id, need_active=True)
    assert (row["version"], row["status"]) == (3, "active")
    assert len(restored.asked) == 1


async def test_an_archived_client_stays_archived_when_the_source_says_so(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    await apply(lab, replicas, event(tenant, client_id, 2, status="archived"))
    source = Source(answering(state(client_id, 2, status="archived")))
    row = await known(lab, replicas, source, tenant, client_id, need_active=True)
    assert (row["version"], row["status"]) == (2, "archived")


async def test_a_client_the_source_does_not_know_is_none_and_nothing_is_kept(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    source = Source(answering({"status": 404}, status=404))
    assert await known(lab, replicas, source, tenant, client_id) is None
    assert await stored(lab, replicas, tenant, client_id) is None


@pytest.mark.parametrize(
    "answer",
    [
        None,  # nothing listens
        answering({"status": 500}, status=500),
        answering({"status": 401}, status=401),
        answering(["not", "a", "client"]),
        answering({"id": "not even an id"}),
    ],
    ids=["no answer", "500", "401", "not an object", "not a client"],
)
async def test_a_source_that_fails_is_a_retryable_503_and_nothing_is_kept(lab, replicas, answer):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    with pytest.raises(ServiceUnavailable) as stopped:
        await known(lab, replicas, Source(answer), tenant, client_id)
    assert stopped.value.status == 503
    assert stopped.value.retry_after > 0
    assert "nothing was written" in stopped.value.detail
    assert await stored(lab, replicas, tenant, client_id) is None


async def test_an_answer_about_another_client_is_refused(lab, replicas):
    tenant, client_id = uuid.uuid4(), uuid.uuid4()
    source = Source(answering(state(uuid.uuid4(), 1)))
    with pytest.raises(ServiceUnavailable):
        await known(lab, replicas, source, tenant, client_id)
    assert await stored(lab, replicas, tenant, client_id) is None
