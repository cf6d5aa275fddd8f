"""The walking skeleton: a client created through the gateway reaches every service's replica."""

import time
import uuid

import httpx
from sqlalchemy import text

from cartera_shared.db import create_engine, set_tenant

from .helpers import REPLICA_HOLDERS, client_payload, eventually


async def all_current(tenant, client_id, version):
    answer = await tenant.client.get(f"/v1/clients/{client_id}/replicas")
    assert answer.status_code == 200, answer.text
    replicas = answer.json()["replicas"]
    return all(replicas[s]["version"] == version for s in REPLICA_HOLDERS)


async def test_tenant_creation_gives_an_id_and_a_working_key(tenant):
    answer = await tenant.client.get("/v1/clients")
    assert answer.status_code == 200
    assert answer.json()["items"] == []


async def test_a_new_client_is_stored_published_and_replicated_within_a_second(tenant, owner_url):
    started = time.perf_counter()
    created = await tenant.client.post("/v1/clients", json=client_payload())
    assert created.status_code == 201, created.text
    client = created.json()
    assert client["version"] == 1
    assert created.headers["location"] == f"/v1/clients/{client['id']}"

    await eventually(lambda: all_current(tenant, client["id"], 1), timeout=10)
    elapsed = time.perf_counter() - started
    print(f"\nclient replicated to 4 services in {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0, f"replication took {elapsed:.2f}s"

    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant.id)
            stored = (
                await conn.execute(
                    text("SELECT legal_name, version FROM clients.clients WHERE id = :id"),
                    {"id": client["id"]},
                )
            ).one()
            published = await conn.scalar(
                text(
                    "SELECT count(*) FROM clients.outbox WHERE key = :id "
                    "AND type = 'client.created' AND published_at IS NOT NULL"
                ),
                {"id": client["id"]},
            )
    finally:
        await engine.dispose()
    assert stored == (client["legal_name"], 1)
    assert published == 1


async def test_changes_and_archiving_reach_the_replicas(tenant):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    patched = await tenant.client.patch(
        f"/v1/clients/{client['id']}", json={"legal_name": "Talleres Aranda Hermanos S.L."}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["version"] == 2
    await eventually(lambda: all_current(tenant, client["id"], 2))

    archived = await tenant.client.post(f"/v1/clients/{client['id']}/archive")
    assert archived.json()["status"] == "archived"
    await eventually(lambda: all_current(tenant, client["id"], 3))
    replicas = (await tenant.client.get(f"/v1/clients/{client['id']}/replicas")).json()
    assert replicas["version"] == 3
    assert {r["status"] for r in replicas["replicas"].values()} == {"current"}


async def test_replicas_of_an_unknown_client_are_a_404(tenant):
    answer = await tenant.client.get(f"/v1/clients/{uuid.uuid4()}/replicas")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_services_refuse_calls_that_bypass_the_gateway(stack):
    async with httpx.AsyncClient(timeout=10) as client:
        for service in ("clients", *REPLICA_HOLDERS):
            path = "/v1/clients" if service == "clients" else f"/v1/client-replicas/{uuid.uuid4()}"
            answer = await client.get(f"{stack.urls[service]}{path}")
            assert answer.status_code == 401, service
            forged = await client.get(
                f"{stack.urls[service]}{path}", headers={"X-Cartera-Identity": "forged.token.x"}
            )
            assert forged.status_code == 401, service


async def test_health_readiness_and_metrics_answer_on_every_service(stack):
    async with httpx.AsyncClient(timeout=10) as client:
        for service, url in stack.urls.items():
            assert (await client.get(f"{url}/health")).status_code == 200, service
            ready = await client.get(f"{url}/ready")
            assert ready.json()["checks"] == {"database": "ok", "kafka": "ok"}, service
            # The gateway's metrics are behind its token (the services' only on the inside).
            token = stack.secrets["CARTERA_GATEWAY_METRICS_TOKEN"] if service == "gateway" else None
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            metrics = await client.get(f"{url}/metrics", headers=headers)
            assert "cartera_http_request_duration_seconds" in metrics.text, service
