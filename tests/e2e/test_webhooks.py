"""Partners' webhooks: events from Kafka delivered to a real HTTP receiver on loopback, signed,
retried with back-off, logged, redelivered by hand, and disabled after repeated failures."""

import asyncio
import contextlib
import hashlib
import hmac
import json
import os
import time

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .helpers import client_payload, eventually


class Receiver:
    """An HTTP endpoint that keeps every request and answers what the test tells it to."""

    def __init__(self) -> None:
        self.received: dict[str, list[tuple[dict[str, str], bytes]]] = {}
        self.failures_left: dict[str, int] = {}

    async def hook(self, request: Request) -> Response:
        name = request.path_params["name"]
        self.received.setdefault(name, []).append((dict(request.headers), await request.body()))
        left = self.failures_left.get(name, 0)
        if left:
            self.failures_left[name] = left - 1
            return Response("not now", status_code=503)
        return Response(status_code=204)


@pytest.fixture(scope="module")
async def receiver():
    port = int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000")) + 31
    box = Receiver()
    app = Starlette(routes=[Route("/hooks/{name}", box.hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    box.url = f"http://127.0.0.1:{port}/hooks"  # type: ignore[attr-defined]
    yield box
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await task


def verified(secret: str, headers: dict[str, str], body: bytes) -> bool:
    timestamp = headers["cartera-timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(headers["cartera-signature"], f"v1={expected.hexdigest()}")


async def subscribe(tenant, url, event_types):
    answer = await tenant.client.post("/v1/webhooks", json={"url": url, "event_types": event_types})
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.mark.timeout(120)
async def test_events_arrive_signed_with_their_id_and_are_redelivered_on_request(tenant, receiver):
    name = f"ok-{tenant.id.hex[:8]}"
    subscription = await subscribe(tenant, f"{receiver.url}/{name}", ["client.created"])
    assert subscription["secret"].startswith("whsec_")
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    await tenant.client.patch(f"/v1/clients/{client['id']}", json={"legal_name": "Otro S.L."})

    async def arrived():
        return len(receiver.received.get(name, [])) >= 1

    await eventually(arrived, timeout=20)
    await asyncio.sleep(1)  # client.updated is not subscribed: nothing more may come
    assert len(receiver.received[name]) == 1
    headers, body = receiver.received[name][0]
    assert verified(subscription["secret"], headers, body)
    assert abs(int(headers["cartera-timestamp"]) - time.time()) < 60
    event = json.loads(body)
    assert (event["type"], event["data"]["id"]) == ("client.created", client["id"])
    assert headers["cartera-event-id"] == event["id"]
    assert headers["cartera-event-type"] == "client.created"

    log = (await tenant.client.get(f"/v1/webhooks/{subscription['id']}/deliveries")).json()
    assert [(d["status"], d["attempts"]) for d in log["items"]] == [("delivered", 1)]
    again = await tenant.client.post(
        f"/v1/webhooks/{subscription['id']}/deliveries/{log['items'][0]['id']}/redeliver"
    )
    assert again.status_code == 200

    async def redelivered():
        return len(receiver.received[name]) == 2

    await eventually(redelivered, timeout=20)
    assert receiver.received[name][1][0]["cartera-event-id"] == event["id"]  # same event id


@pytest.mark.timeout(120)
async def test_failed_deliveries_are_retried_with_back_off(tenant, receiver):
    name = f"flaky-{tenant.id.hex[:8]}"
    receiver.failures_left[name] = 2
    subscription = await subscribe(tenant, f"{receiver.url}/{name}", ["*"])
    await tenant.client.post("/v1/clients", json=client_payload())

    async def delivered():
        log = await tenant.client.get(f"/v1/webhooks/{subscription['id']}/deliveries")
        return any(d["status"] == "delivered" for d in log.json()["items"])

    await eventually(delivered, timeout=30)
    log = (await tenant.client.get(f"/v1/webhooks/{subscription['id']}/deliveries")).json()
    first = log["items"][0]
    assert (first["attempts"], first["last_status_code"]) == (3, 204)
    stamps = [int(h["cartera-timestamp"]) for h, _ in receiver.received[name]]
    assert stamps == sorted(stamps)
    ids = {h["cartera-event-id"] for h, _ in receiver.received[name]}
    assert len(ids) == 1  # the same event three times, for the receiver to deduplicate


@pytest.mark.timeout(120)
async def test_a_subscription_that_keeps_failing_is_disabled(tenant, receiver):
    name = f"down-{tenant.id.hex[:8]}"
    receiver.failures_left[name] = 10_000
    subscription = await subscribe(tenant, f"{receiver.url}/{name}", ["client.created"])
    for _ in range(2):
        await tenant.client.post("/v1/clients", json=client_payload())

    async def disabled():
        answer = await tenant.client.get(f"/v1/webhooks/{subscription['id']}")
        return not answer.json()["active"]

    await eventually(disabled, timeout=60)
    state = (await tenant.client.get(f"/v1/webhooks/{subscription['id']}")).json()
    assert "failed attempts in a row" in state["disabled_reason"]
    log = (await tenant.client.get(f"/v1/webhooks/{subscription['id']}/deliveries")).json()
    assert {d["status"] for d in log["items"]} == {"failed"}
    redeliver = await tenant.client.post(
        f"/v1/webhooks/{subscription['id']}/deliveries/{log['items'][0]['id']}/redeliver"
    )
    assert redeliver.status_code == 409  # re-enable first
    enabled = await tenant.client.patch(f"/v1/webhooks/{subscription['id']}", json={"active": True})
    assert (enabled.json()["active"], enabled.json()["consecutive_failures"]) == (True, 0)


async def test_bad_subscriptions_are_refused_and_tenants_stay_apart(tenant, other_tenant, receiver):
    for body in (
        {"url": "ftp://127.0.0.1/x", "event_types": ["client.created"]},
        {"url": "http://user:secret@127.0.0.1/x", "event_types": ["client.created"]},
        {"url": "not a url at all", "event_types": ["client.created"]},
        {"url": f"{receiver.url}/x", "event_types": []},
        {"url": f"{receiver.url}/x", "event_types": ["client.exploded"]},
        {"url": f"{receiver.url}/x", "event_types": ["tenant.created"]},
        {"url": f"{receiver.url}/x", "event_types": ["client.created"], "secret": "mine"},
    ):
        answer = await tenant.client.post("/v1/webhooks", json=body)
        assert answer.status_code == 422, (body, answer.text)
    mine = await subscribe(tenant, f"{receiver.url}/x", ["client.created"])
    assert (await other_tenant.client.get(f"/v1/webhooks/{mine['id']}")).status_code == 404
    assert (await other_tenant.client.delete(f"/v1/webhooks/{mine['id']}")).status_code == 404
    assert (await other_tenant.client.get("/v1/webhooks")).json()["items"] == []
    listed = (await tenant.client.get("/v1/webhooks")).json()["items"]
    assert [s["id"] for s in listed] == [mine["id"]]
    assert "secret" not in listed[0]
