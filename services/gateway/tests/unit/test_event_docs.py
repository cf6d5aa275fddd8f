"""What partners read about webhooks (cartera_gateway.event_docs) is what the gateway does: every
event type has its payload, the signature recipe is the one `webhooks.sign` and a real delivery
attempt use, the retry waits are the ones `webhooks.backoff` draws, and the committed documents
are the generated ones."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from pathlib import Path

import httpx
import pytest

from cartera_gateway import event_docs
from cartera_gateway.export_docs import CATALOGUE_FILE, WEBHOOKS_FILE, render
from cartera_gateway.webhooks import delivery
from cartera_gateway.webhooks.service import EVENT_TYPES
from cartera_shared.data_keys import DataKeys
from cartera_shared.events.asyncapi import example_envelope
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import CONTRACTS, check_outgoing

API_DOCS = Path(__file__).resolve().parents[4] / "docs" / "api"


@pytest.fixture(scope="module")
def document() -> dict:
    return event_docs.webhooks_document()


def resolve(document: dict, reference: str) -> dict:
    node: dict = document
    for part in reference.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_event_type_a_subscription_can_ask_for_has_a_typed_payload(document):
    assert set(document["channels"]) == set(EVENT_TYPES)
    assert "tenant.created" not in document["channels"]
    for event_type in EVENT_TYPES:
        channel = document["channels"][event_type]
        message = resolve(document, channel["messages"]["event"]["$ref"])
        assert message["payload"] is not None, event_type
        envelope = resolve(document, message["payload"]["$ref"])
        assert envelope["properties"]["type"]["const"] == event_type
        data = resolve(document, envelope["properties"]["data"]["$ref"])
        assert data["properties"], f"{event_type}: data without fields"
        assert resolve(document, message["headers"]["$ref"])["properties"]
    for operation in document["operations"].values():
        assert operation["action"] == "send"
        resolve(document, operation["channel"]["$ref"])
        for reference in operation["messages"]:
            resolve(document, reference["$ref"])


def test_the_documented_signature_recipe_is_the_one_the_gateway_signs_with(document):
    body = b'{"id":"x","data":{"name":"Se\\u00f1or"}}'
    assert event_docs.documented_signature("whsec_abc", 1700000000, body) == delivery.sign(
        "whsec_abc", 1700000000, body
    )
    example = document["x-cartera-signature"]["example"]
    expected = hmac.new(
        example["secret"].encode(),
        f"{example['timestamp']}.{example['body']}".encode(),
        hashlib.sha256,
    ).hexdigest()
    assert example["signature"] == f"v1={expected}"
    assert example["signature"] == delivery.sign(
        example["secret"], example["timestamp"], example["body"].encode()
    )


async def test_a_real_delivery_attempt_sends_the_documented_headers_and_a_contract_body(
    document,
):
    """`webhooks._attempt` against a receiver that records what it got (no network)."""
    keys = DataKeys("k" * 64)
    subscription_id = uuid.uuid4()
    secret = "whsec_" + "s" * 43
    event = Envelope.model_validate(example_envelope(CONTRACTS["payment.recorded"]))
    received: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(204)

    row = {
        "id": uuid.uuid4(),
        "subscription_id": subscription_id,
        "secret_encrypted": keys.encrypt(secret, bound_to=str(subscription_id)),
        "url": "http://127.0.0.1:9/hooks",
        "event_id": event.id,
        "event_type": event.type,
        # As fan_out stores it.
        "payload": json.loads(event.model_dump_json()),
    }
    policy = delivery.DeliveryPolicy(allow_private=True, data_keys=keys)
    async with httpx.AsyncClient(transport=httpx.MockTransport(receiver)) as client:
        assert await delivery._attempt(client, policy, row) == (204, None)
    (request,) = received
    documented = resolve(document, "#/components/schemas/DeliveryHeaders")["properties"]
    transport_headers = {"host", "content-length", "accept", "accept-encoding", "connection"}
    sent = {k.lower() for k in request.headers} - transport_headers
    assert sent == {h.lower() for h in documented}
    assert request.headers["Cartera-Event-Type"] == "payment.recorded"
    assert request.headers["Cartera-Event-Id"] == str(event.id)
    assert request.headers["User-Agent"] == documented["User-Agent"]["const"]
    timestamp = int(request.headers["Cartera-Timestamp"])
    signature = request.headers[delivery.SIGNATURE_HEADER]
    assert signature == event_docs.documented_signature(secret, timestamp, request.content)
    assert request.content == event_docs.delivery_body(row["payload"])
    check_outgoing(Envelope.model_validate_json(request.content))


def test_the_documented_waits_are_the_extremes_backoff_draws(monkeypatch):
    rules = event_docs.retry_rules()
    policy = delivery.DeliveryPolicy(
        allow_private=False,
        base_backoff_seconds=rules.base_backoff_seconds,
        max_attempts=rules.max_attempts,
        disable_after_failures=rules.disable_after_failures,
    )
    assert rules.max_backoff_seconds == policy.max_backoff_seconds
    windows = rules.windows()
    assert [n for n, _, _ in windows] == list(range(1, policy.max_attempts))
    for attempt, low, high in windows:
        monkeypatch.setattr(delivery.random, "uniform", lambda a, b: a)
        assert delivery.backoff(policy, attempt) == low
        monkeypatch.setattr(delivery.random, "uniform", lambda a, b: b)
        assert delivery.backoff(policy, attempt) == high


async def test_the_gateway_serves_the_generated_document_without_a_credential(document):
    from cartera_gateway.main import create_app
    from cartera_gateway.settings import GatewaySettings
    from cartera_shared.testing import unstarted_settings

    app = create_app(GatewaySettings.model_validate(unstarted_settings()))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        answer = await client.get(event_docs.WEBHOOKS_ASYNCAPI_PATH)
    assert answer.status_code == 200
    assert answer.json() == json.loads(json.dumps(document))


def test_the_committed_webhooks_document_and_event_catalogue_are_not_stale(document):
    assert (API_DOCS / WEBHOOKS_FILE).read_text() == render(document), (
        f"docs/api/{WEBHOOKS_FILE} out of date: run `make docs`"
    )
    assert CATALOGUE_FILE.read_text() == event_docs.catalogue(), (
        "docs/partners/events.md out of date: run `make docs`"
    )


def test_the_catalogue_lists_every_topic_with_its_fields():
    text = event_docs.catalogue()
    for topic, contract in CONTRACTS.items():
        assert f"### {topic}" in text
        for field in contract.model.model_fields:
            assert f"| `{field}` |" in text, f"{topic}.{field}"
