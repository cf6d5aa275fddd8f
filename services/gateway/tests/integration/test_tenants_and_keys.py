"""Tenant creation and API-key authentication on the real database."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from cartera_gateway.auth import ApiKeyCache
from cartera_gateway.main import create_app
from cartera_gateway.models import api_keys, outbox, tenants
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        # Nothing listens there: calls routed to services must fail cleanly.
        CARTERA_CLIENTS_URL="http://127.0.0.1:1",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def test_a_tenant_is_created_with_a_hashed_key_and_its_event(api, owner):
    answer = await api.post("/v1/admin/tenants", json={"name": "Bar Pepe S.L."}, headers=ADMIN)
    assert answer.status_code == 201
    body = answer.json()
    tenant_id = uuid.UUID(body["tenant_id"])
    async with owner.connect() as conn:
        name = await conn.scalar(select(tenants.c.name).where(tenants.c.id == tenant_id))
        stored_hash = await conn.scalar(
            select(api_keys.c.secret_hash).where(api_keys.c.tenant_id == tenant_id)
        )
        event = await conn.scalar(select(outbox.c.type).where(outbox.c.key == str(tenant_id)))
    assert name == "Bar Pepe S.L."
    assert body["api_key"].split("_", 2)[2] not in stored_hash
    assert event == "tenant.created"


async def test_a_tenant_without_a_name_gets_one(api):
    answer = await api.post("/v1/admin/tenants", headers=ADMIN)
    assert answer.status_code == 201
    assert answer.json()["name"].startswith("Tenant ")


@pytest.mark.parametrize("body", [{"name": "x" * 201}, {"name": 5}, {"nombre": "x"}, [1]])
async def test_bad_tenant_bodies_are_refused(api, body):
    assert (await api.post("/v1/admin/tenants", json=body, headers=ADMIN)).status_code == 422


async def test_revoked_and_expired_keys_and_suspended_tenants_are_refused(api, app, owner):
    """Changes made in the database by someone else (an operator, another gateway replica) are
    seen once this gateway's memory of the key is older than
    CARTERA_GATEWAY_API_KEY_CACHE_SECONDS."""
    cache = app.state.runtime.part(ApiKeyCache)
    remembered = cache.ttl_seconds
    cache.ttl_seconds = 0.3

    async def fresh():
        body = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
        return body["tenant_id"], {"Authorization": f"Bearer {body['api_key']}"}

    async def change(statement):
        async with owner.begin() as conn:
            await conn.execute(statement)
        await asyncio.sleep(0.4)

    # A working key reaches the routing step; the clients service is unreachable here: 503.
    tenant_id, headers = await fresh()
    reached = await api.get("/v1/clients", headers=headers)
    assert reached.status_code == 503
    assert reached.json()["service"] == "clients"

    await change(
        update(api_keys)
        .where(api_keys.c.tenant_id == tenant_id)
        .values(revoked_at=datetime.now(UTC))
    )
    assert (await api.get("/v1/clients", headers=headers)).status_code == 401

    tenant_id, headers = await fresh()
    await change(
        update(api_keys)
        .where(api_keys.c.tenant_id == tenant_id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    assert (await api.get("/v1/clients", headers=headers)).status_code == 401

    tenant_id, headers = await fresh()
    assert (await api.get("/v1/clients", headers=headers)).status_code == 503  # now remembered
    await change(update(tenants).where(tenants.c.id == tenant_id).values(status="suspended"))
    assert (await api.get("/v1/clients", headers=headers)).status_code == 401
    cache.ttl_seconds = remembered


async def test_a_key_revoked_through_the_api_is_refused_at_once(api, app):
    """The gateway that revokes a key forgets what it remembered of it at once."""
    assert app.state.runtime.part(ApiKeyCache).ttl_seconds >= 1
    body = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
    headers = {"Authorization": f"Bearer {body['api_key']}"}
    keys = await api.get("/v1/api-keys", headers=headers)
    assert keys.status_code == 200, keys.text
    assert (await api.get("/v1/clients", headers=headers)).status_code == 503  # remembered
    key_id = keys.json()["items"][0]["id"]
    second = await api.post(
        "/v1/api-keys", json={"name": "second", "scopes": ["clients:read"]}, headers=headers
    )
    assert second.status_code == 201, second.text
    other = {"Authorization": f"Bearer {second.json()['api_key']}"}
    assert (await api.delete(f"/v1/api-keys/{key_id}", headers=other)).status_code == 403
    revoked = await api.delete(f"/v1/api-keys/{second.json()['id']}", headers=headers)
    assert revoked.status_code == 204
    assert (await api.get("/v1/clients", headers=other)).status_code == 401
    # A made-up secret with a known prefix is refused even while the prefix is remembered.
    prefix = body["api_key"].rsplit("_", 1)[0]
    forged = {"Authorization": f"Bearer {prefix}_{'x' * 43}"}
    assert (await api.get("/v1/clients", headers=forged)).status_code == 401


async def test_key_use_is_recorded(api, owner):
    body = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
    await api.get("/v1/clients", headers={"Authorization": f"Bearer {body['api_key']}"})
    async with owner.connect() as conn:
        used = await conn.scalar(
            text("SELECT last_used_at FROM gateway.api_keys WHERE tenant_id = :t"),
            {"t": body["tenant_id"]},
        )
    assert used is not None
