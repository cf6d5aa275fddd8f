"""Test mode on the real database: test API keys (`ck_test_...`) act on the tenant's sandbox twin,
every answer says which mode it is, and neither side ever reaches the other's data.

A stand-in upstream reads the internal identity the gateway forwards, so the tests see which
tenant a service would act on; the webhook fan-out and delivery run for real against a receiver
on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid

import jwt
import pytest
import uvicorn
from sqlalchemy import select, update

from cartera_gateway.auth import ApiKeyCache
from cartera_gateway.main import create_app
from cartera_gateway.models import api_keys, tenants, webhook_deliveries
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.webhooks.delivery import DeliveryPolicy, deliver_due, delivery_client
from cartera_gateway.webhooks.service import fan_out
from cartera_shared.data_keys import DataKeys
from cartera_shared.db import create_engine, session_factory
from cartera_shared.events import new_envelope
from cartera_shared.identity import INTERNAL_TOKEN_HEADER
from cartera_shared.tenancy import is_test_tenant, sandbox_twin
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
CLIENT = uuid.uuid4()


class Upstream:
    """Stands in for the clients service: answers with the tenant the forwarded identity names."""

    async def __call__(self, scope, receive, send):
        assert scope["type"] == "http"
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        while (await receive()).get("more_body"):
            pass
        token = headers.get(INTERNAL_TOKEN_HEADER.lower(), "")
        claims = jwt.decode(token, options={"verify_signature": False})
        body = json.dumps({"tenant_id": claims["tenant_id"], "sub": claims["sub"]}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                # An upstream cannot choose the mode: the gateway's header replaces this one.
                "headers": [(b"content-type", b"application/json"), (b"cartera-mode", b"live")],
            }
        )
        await send({"type": "http.response.body", "body": body})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
async def upstream():
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(Upstream(), host="127.0.0.1", port=port, log_config=None, lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, upstream):
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=upstream,
        CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE="true",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def new_tenant(api) -> tuple[uuid.UUID, str]:
    made = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
    return uuid.UUID(made["tenant_id"]), made["api_key"]


async def make_test_key(api, live_key: str, **extra) -> dict:
    answer = await api.post(
        "/v1/api-keys",
        json={"name": "sandbox", "scopes": ["*"], "mode": "test", **extra},
        headers=bearer(live_key),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_a_test_key_acts_on_the_sandbox_twin_and_says_so(api, owner):
    live_id, live_key = await new_tenant(api)
    made = await make_test_key(api, live_key)
    assert made["mode"] == "test"
    assert made["api_key"].startswith("ck_test_")
    assert made["prefix"].startswith("ck_test_")
    assert made["api_key"].startswith(made["prefix"] + "_")
    twin = sandbox_twin(live_id)
    async with owner.connect() as conn:
        stored_tenant = await conn.scalar(
            select(api_keys.c.tenant_id).where(api_keys.c.id == uuid.UUID(made["id"]))
        )
        link = (
            await conn.execute(
                select(tenants.c.live_tenant_id, tenants.c.status).where(tenants.c.id == twin)
            )
        ).one()
    assert stored_tenant == twin
    assert tuple(link) == (live_id, "active")

    # What a service is told: the twin for the test key, the live tenant for the live one.
    as_test = await api.get(f"/v1/clients/{CLIENT}", headers=bearer(made["api_key"]))
    assert as_test.status_code == 200
    assert as_test.json()["tenant_id"] == str(twin)
    assert as_test.headers["Cartera-Mode"] == "test"
    as_live = await api.get(f"/v1/clients/{CLIENT}", headers=bearer(live_key))
    assert as_live.json()["tenant_id"] == str(live_id)
    assert as_live.headers["Cartera-Mode"] == "live"
    # The gateway's own answers, and errors, are marked too.
    assert (await api.get("/v1/api-keys", headers=bearer(made["api_key"]))).headers[
        "Cartera-Mode"
    ] == "test"
    missing = await api.get(f"/v1/api-keys/{uuid.uuid4()}", headers=bearer(made["api_key"]))
    assert (missing.status_code, missing.headers["Cartera-Mode"]) == (404, "test")
    # No credential recognised, no mode claimed.
    assert "Cartera-Mode" not in (await api.get("/v1/api-keys")).headers
    assert "Cartera-Mode" not in (await api.get("/v1/api-keys", headers=bearer("ck_x_y"))).headers

    # A second test key shares the same sandbox.
    again = await make_test_key(api, live_key, name="second")
    second = await api.get(f"/v1/clients/{CLIENT}", headers=bearer(again["api_key"]))
    assert second.json()["tenant_id"] == str(twin)


async def test_forged_labels_are_refused(api):
    _, live_key = await new_tenant(api)
    made = await make_test_key(api, live_key)
    # A live key dressed as a test one, and a test key with its label taken off: both 401,
    # never the other mode's data.
    dressed = live_key.replace("ck_", "ck_test_", 1)
    undressed = made["api_key"].replace("ck_test_", "ck_", 1)
    for forged in (dressed, undressed, "ck_test_test_" + made["api_key"][8:], "ck_test_"):
        answer = await api.get(f"/v1/clients/{CLIENT}", headers=bearer(forged))
        assert answer.status_code == 401, forged
        assert "Cartera-Mode" not in answer.headers


async def test_key_management_across_modes(api):
    _, live_key = await new_tenant(api)
    _, other_key = await new_tenant(api)
    made = await make_test_key(api, live_key)
    key = made["api_key"]

    # The live side sees both its keys and its sandbox's, each with its mode.
    listed = (await api.get("/v1/api-keys", headers=bearer(live_key))).json()["items"]
    assert sorted(k["mode"] for k in listed) == ["live", "test"]
    live_key_id = next(k["id"] for k in listed if k["mode"] == "live")

    # The test key sees only the sandbox's keys: the live key is not found, nor revocable.
    seen = (await api.get("/v1/api-keys", headers=bearer(key))).json()["items"]
    assert [k["id"] for k in seen] == [made["id"]]
    assert (await api.get(f"/v1/api-keys/{live_key_id}", headers=bearer(key))).status_code == 404
    assert (await api.delete(f"/v1/api-keys/{live_key_id}", headers=bearer(key))).status_code == 404
    assert (await api.get("/v1/api-keys", headers=bearer(live_key))).status_code == 200

    # A test key makes test keys only: asked for live, 403; unsaid, test.
    refused = await api.post(
        "/v1/api-keys",
        json={"name": "escape", "scopes": ["clients:read"], "mode": "live"},
        headers=bearer(key),
    )
    assert refused.status_code == 403
    child = await api.post(
        "/v1/api-keys", json={"name": "child", "scopes": ["clients:read"]}, headers=bearer(key)
    )
    assert child.status_code == 201
    assert child.json()["mode"] == "test"
    assert child.json()["api_key"].startswith("ck_test_")
    # Scopes work the same: no more than the creator holds.
    narrow = child.json()["api_key"]
    beyond = await api.post(
        "/v1/api-keys",
        json={"name": "more", "scopes": ["invoices:write"]},
        headers=bearer(narrow),
    )
    assert beyond.status_code == 403
    assert (await api.get("/v1/api-keys", headers=bearer(narrow))).status_code == 403
    # Unknown modes are 422.
    bad = await api.post(
        "/v1/api-keys",
        json={"name": "x", "scopes": ["clients:read"], "mode": "sandbox"},
        headers=bearer(live_key),
    )
    assert bad.status_code == 422

    # Another tenant sees none of it.
    others = (await api.get("/v1/api-keys", headers=bearer(other_key))).json()["items"]
    assert made["id"] not in {k["id"] for k in others}
    assert (
        await api.delete(f"/v1/api-keys/{made['id']}", headers=bearer(other_key))
    ).status_code == 404

    # The live side revokes a test key at once.
    assert (
        await api.delete(f"/v1/api-keys/{made['id']}", headers=bearer(live_key))
    ).status_code == 204
    assert (await api.get(f"/v1/clients/{CLIENT}", headers=bearer(key))).status_code == 401


async def test_a_test_key_has_no_people_and_no_operator_power(api):
    _, live_key = await new_tenant(api)
    key = (await make_test_key(api, live_key))["api_key"]
    people = await api.get("/v1/users", headers=bearer(key))
    assert people.status_code == 200
    assert people.json()["items"] == []  # the live tenant's people are not the sandbox's
    added = await api.post(
        "/v1/users",
        json={"email": "x@example.com", "name": "X", "role": "admin", "password": "p" * 16},
        headers=bearer(key),
    )
    assert added.status_code == 403
    assert (await api.post("/v1/admin/tenants", headers=bearer(key))).status_code == 401


async def test_a_suspended_tenant_suspends_its_sandbox(api, app, owner):
    live_id, live_key = await new_tenant(api)
    key = (await make_test_key(api, live_key))["api_key"]
    assert (await api.get(f"/v1/clients/{CLIENT}", headers=bearer(key))).status_code == 200
    async with owner.begin() as conn:
        await conn.execute(
            update(tenants).where(tenants.c.id == live_id).values(status="suspended")
        )
    app.state.runtime.part(ApiKeyCache).forget(key.split("_")[2])
    try:
        assert (await api.get(f"/v1/clients/{CLIENT}", headers=bearer(key))).status_code == 401
    finally:
        async with owner.begin() as conn:
            await conn.execute(
                update(tenants).where(tenants.c.id == live_id).values(status="active")
            )


class Receiver:
    """A bare HTTP server on loopback that keeps each request."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    async def __aenter__(self) -> Receiver:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, reader, writer) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append({"headers": headers, "body": json.loads(body)})
            writer.write(
                b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            await writer.drain()
        finally:
            writer.close()


async def test_webhooks_of_the_sandbox_get_only_its_events_marked_test(api, owner, app_url):
    live_id, live_key = await new_tenant(api)
    key = (await make_test_key(api, live_key))["api_key"]
    twin = sandbox_twin(live_id)
    async with Receiver() as receiver:
        url = f"http://127.0.0.1:{receiver.port}/in"
        made = {}
        for name, credential in (("live", live_key), ("test", key)):
            answer = await api.post(
                "/v1/webhooks", json={"url": url, "event_types": ["*"]}, headers=bearer(credential)
            )
            assert answer.status_code == 201, answer.text
            made[name] = answer.json()["id"]
        # Each side lists its own subscription only.
        for name, credential in (("live", live_key), ("test", key)):
            listed = (await api.get("/v1/webhooks", headers=bearer(credential))).json()["items"]
            assert [s["id"] for s in listed] == [made[name]]
        for credential, theirs in ((key, made["live"]), (live_key, made["test"])):
            assert (
                await api.get(f"/v1/webhooks/{theirs}", headers=bearer(credential))
            ).status_code == 404
            assert (
                await api.delete(f"/v1/webhooks/{theirs}", headers=bearer(credential))
            ).status_code == 404

        engine = create_engine(app_url, pool_size=2)
        sessions = session_factory(engine)
        try:
            events = {
                tenant: new_envelope(
                    type="payment.recorded",
                    tenant_id=tenant,
                    producer="collections",
                    subject=uuid.uuid4(),
                    sequence=1,
                    data={"forged": True},
                )
                for tenant in (live_id, twin)
            }
            for event in events.values():
                async with sessions() as session, session.begin():
                    await fan_out(session, event)
            async with owner.connect() as conn:
                rows = (
                    await conn.execute(
                        select(
                            webhook_deliveries.c.subscription_id, webhook_deliveries.c.event_id
                        ).where(webhook_deliveries.c.tenant_id.in_([live_id, twin]))
                    )
                ).all()
            # One delivery each, to its own side's subscription.
            assert {(str(s), e) for s, e in rows} == {
                (made["live"], events[live_id].id),
                (made["test"], events[twin].id),
            }
            policy = DeliveryPolicy(
                allow_private=True,
                timeout_seconds=5,
                data_keys=DataKeys(secret_settings()["CARTERA_DATA_KEY"]),
            )
            async with delivery_client(policy) as client:
                for _ in range(20):
                    await deliver_due(sessions, client, policy)
                    got = {r["body"]["id"] for r in receiver.requests}
                    if {str(e.id) for e in events.values()} <= got:
                        break
                    await asyncio.sleep(0.2)
        finally:
            await engine.dispose()
        by_event = {r["body"]["id"]: r for r in receiver.requests}
        sandbox = by_event[str(events[twin].id)]
        assert sandbox["body"]["test"] is True
        assert sandbox["headers"]["cartera-mode"] == "test"
        assert is_test_tenant(sandbox["body"]["tenant_id"])
        live = by_event[str(events[live_id].id)]
        assert live["body"]["test"] is False
        assert live["headers"]["cartera-mode"] == "live"
