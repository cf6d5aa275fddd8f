"""What a partner receives is the event as its producer wrote it: the producers write the wire's
formats (through the topic's contract), and the gateway keeps no table of key names."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from cartera_gateway.webhooks import service
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.envelope import Envelope, new_envelope
from cartera_shared.events.registry import webhook_contracts


def _published(contract, data):
    return new_envelope(
        type=contract.topic,
        version=contract.version,
        tenant_id=uuid.uuid4(),
        producer=contract.producer,
        subject=str(data.get(contract.subject)),
        sequence=1,
        data=data,
    )


@pytest.mark.parametrize("contract", webhook_contracts(), ids=lambda c: c.topic)
def test_the_payload_is_the_published_event_byte_for_byte(contract):
    envelope = _published(contract, example_data(contract))
    payload = service.webhook_payload(envelope)
    assert json.dumps(payload) == json.dumps(json.loads(envelope.model_dump_json()))


def test_the_gateway_has_no_key_table():
    assert not hasattr(service, "EVENT_VALUES")
    assert not hasattr(service, "ALERT_VALUES")


def test_an_event_published_before_producers_wrote_the_wire_formats_is_still_canonical():
    """Kept as a guard for events still in Kafka from before (a replay): read through the
    topic's contract, not by key name. An unknown member named like money is left alone."""
    contract = next(c for c in webhook_contracts() if c.topic == "payment.recorded")
    data = {**example_data(contract), "amount": "121", "applied": "121.0", "total": "7"}
    old = Envelope(
        id=uuid.uuid4(),
        type=contract.topic,
        version=contract.version,
        tenant_id=uuid.uuid4(),
        occurred_at=dt.datetime.now(dt.UTC),
        producer=contract.producer,
        subject=str(data[contract.subject]),
        sequence=1,
        data=data,
    )
    written = service.webhook_payload(old)["data"]
    assert (written["amount"], written["applied"]) == ("121.00", "121.00")
    assert written["total"] == "7"
