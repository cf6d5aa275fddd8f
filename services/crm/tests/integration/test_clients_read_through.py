"""The crm service accepts a client created a moment ago, asking the clients service itself; a
clients service that does not answer is a retryable 503 and nothing is written.

Both services run in this process on the real, migrated test database and the real broker; the
crm service reaches the clients service over HTTP on loopback, as it does in production.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text

from cartera_clients.main import create_app as create_clients_app
from cartera_clients.settings import ClientsSettings
from cartera_crm.main import create_app as create_crm_app
from cartera_crm.settings import CrmSettings
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.testing import (
    free_tcp_port,
    internal_headers,
    random_cif,
    secret_settings,
    serving,
)

NOW = dt.datetime.now(dt.UTC)
CRM_TABLES = (
    "interactions",
    "requests",
    "follow_ups",
    "surveys",
    "outbox",
    "client_replicas",
)


def crm_settings(owner_url, app_url, kafka_bootstrap, clients_url) -> CrmSettings:
    return CrmSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=clients_url,
    )


@pytest.fixture(scope="module")
async def clients_url(
    owner_url, service_app_url, kafka_bootstrap, tmp_path_factory
) -> AsyncIterator[str]:
    settings = ClientsSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=service_app_url("clients"),  # the clients service's own role
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_DOCUMENTS_PATH=str(tmp_path_factory.mktemp("documents")),
    )
    app = create_clients_app(settings)
    async with app.router.lifespan_context(app), serving(app, idle_seconds=10) as port:
        yield f"http://127.0.0.1:{port}"


async def running_crm(settings: CrmSettings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_crm_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://crm") as client:
            yield client


@pytest.fixture(scope="module")
async def crm(owner_url, app_url, kafka_bootstrap, clients_url) -> AsyncIterator[httpx.AsyncClient]:
    async for client in running_crm(crm_settings(owner_url, app_url, kafka_bootstrap, clients_url)):
        yield client


@pytest.fixture(scope="module")
async def crm_without_clients(
    owner_url, app_url, kafka_bootstrap
) -> AsyncIterator[httpx.AsyncClient]:
    closed = f"http://127.0.0.1:{free_tcp_port()}"  # nothing listens there
    async for client in running_crm(crm_settings(owner_url, app_url, kafka_bootstrap, closed)):
        yield client


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


def as_tenant(tenant_id, service="crm"):
    return internal_headers(tenant_id, service=service, scopes=("*",), subject="user:ana")


async def new_client(clients_url, tenant_id) -> str:
    async with httpx.AsyncClient(base_url=clients_url) as clients:
        answer = await clients.post(
            "/v1/clients",
            json={
                "legal_name": "Recién Llegada S.L.",
                "kind": "company",
                "tax_id": random_cif(),
                "fiscal_address": {
                    "street": "Calle Mayor 3",
                    "postal_code": "28013",
                    "city": "Madrid",
                },
            },
            headers=as_tenant(tenant_id, "clients"),
        )
    assert answer.status_code == 201, answer.text
    client_id: str = answer.json()["id"]
    return client_id


async def counts(owner, tenant_id) -> dict[str, int]:
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        found = {}
        for table in CRM_TABLES:
            if table == "outbox":  # infrastructure without RLS: counted by what it names
                found[table] = await conn.scalar(
                    text("SELECT count(*) FROM crm.outbox WHERE tenant_id = :t"),
                    {"t": tenant_id},
                )
            else:
                found[table] = await conn.scalar(text(f"SELECT count(*) FROM crm.{table}"))
        return found


def writes(client_id):
    """Every crm write that names a client, as a partner sends it."""
    return [
        (
            "/v1/interactions",
            {
                "client_id": client_id,
                "channel": "phone",
                "direction": "inbound",
                "occurred_at": (NOW - dt.timedelta(minutes=5)).isoformat(),
                "summary": "Llama para confirmar el pedido",
                "outcome": "resolved",
            },
        ),
        ("/v1/requests", {"client_id": client_id, "subject": "Duda", "description": "¿Plazo?"}),
        (
            "/v1/follow-ups",
            {"client_id": client_id, "title": "Llamar", "due_on": NOW.date().isoformat()},
        ),
        ("/v1/surveys", {"client_id": client_id, "kind": "csat"}),
    ]


async def test_a_client_created_a_moment_ago_is_accepted_everywhere_at_once(
    crm, clients_url, owner
):
    tenant_id = uuid.uuid4()
    for path, body in writes(None):
        client_id = await new_client(clients_url, tenant_id)  # its event is still on its way
        answer = await crm.post(
            path, json={**body, "client_id": client_id}, headers=as_tenant(tenant_id)
        )
        assert answer.status_code == 201, (path, answer.text)
    timeline_client = await new_client(clients_url, tenant_id)
    timeline = await crm.get(
        f"/v1/clients/{timeline_client}/timeline", headers=as_tenant(tenant_id)
    )
    assert timeline.status_code == 200, timeline.text
    replica = await crm.get(f"/v1/client-replicas/{timeline_client}", headers=as_tenant(tenant_id))
    assert replica.json()["version"] == 1
    written = await counts(owner, tenant_id)
    assert written["interactions"] == written["requests"] == written["surveys"] == 1
    assert written["outbox"] >= 2  # interaction.logged, request.opened


async def test_another_tenant_s_client_reads_as_one_that_never_existed(crm, clients_url, owner):
    tenant_id, other = uuid.uuid4(), uuid.uuid4()
    theirs = await new_client(clients_url, other)
    nobody = str(uuid.uuid4())
    for path, body in writes(None):
        for client_id in (theirs, nobody):
            answer = await crm.post(
                path, json={**body, "client_id": client_id}, headers=as_tenant(tenant_id)
            )
            assert answer.status_code == 422, (path, answer.text)
            assert answer.json()["detail"] == f"client_id: there is no client {client_id}."
    assert set((await counts(owner, tenant_id)).values()) == {0}


async def test_when_the_clients_service_is_down_a_new_client_is_a_503_and_nothing_is_written(
    crm_without_clients, owner
):
    tenant_id = uuid.uuid4()
    for path, body in writes(str(uuid.uuid4())):
        answer = await crm_without_clients.post(
            path, json=body, headers={**as_tenant(tenant_id), "Idempotency-Key": "k-1"}
        )
        assert answer.status_code == 503, (path, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert int(answer.headers["retry-after"]) > 0
        assert "clients service did not answer" in answer.json()["detail"]
    assert set((await counts(owner, tenant_id)).values()) == {0}
    # The idempotency key was not spent on the failed try either.
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        assert await conn.scalar(text("SELECT count(*) FROM crm.idempotency_keys")) == 0


async def test_a_client_the_replica_holds_needs_no_clients_service(crm_without_clients, owner):
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            text(
                "INSERT INTO crm.client_replicas (tenant_id, client_id, version, status, "
                "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                "'Replicada S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
            ),
            {"t": tenant_id, "c": client_id, "s": f'{{"id": "{client_id}"}}', "e": uuid.uuid4()},
        )
    for path, body in writes(str(client_id)):
        answer = await crm_without_clients.post(path, json=body, headers=as_tenant(tenant_id))
        assert answer.status_code == 201, (path, answer.text)
