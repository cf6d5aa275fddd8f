import json
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from cartera_shared.events import Envelope, new_envelope
from cartera_shared.events.topics import dlq
from cartera_shared.tenancy import sandbox_twin


def test_round_trip_keeps_every_field():
    envelope = new_envelope(
        type="client.created",
        tenant_id=uuid.uuid4(),
        producer="clients",
        subject=uuid.uuid4(),
        sequence=3,
        data={"amount": "12.30", "currency": "EUR"},
    )
    assert Envelope.from_bytes(envelope.to_bytes()) == envelope


def test_unknown_fields_are_ignored_by_a_tolerant_reader():
    raw = new_envelope(
        type="x.y", tenant_id=uuid.uuid4(), producer="p", subject="s", sequence=1, data={}
    ).model_dump(mode="json")
    raw["added_later"] = True
    assert Envelope.model_validate(raw).type == "x.y"


@pytest.mark.parametrize(
    "broken",
    [
        b"",
        b"not json",
        b"[]",
        b'{"id": "nope"}',
        b'{"id": "00000000-0000-0000-0000-000000000001", "type": "", "version": 1}',
    ],
)
def test_malformed_envelopes_are_refused(broken):
    with pytest.raises(ValidationError):
        Envelope.from_bytes(broken)


def test_version_and_sequence_must_be_sensible():
    base = {
        "id": str(uuid.uuid4()),
        "type": "client.created",
        "tenant_id": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(),
        "producer": "clients",
        "subject": "x",
        "data": {},
    }
    with pytest.raises(ValidationError):
        Envelope.model_validate({**base, "version": 0, "sequence": 1})
    with pytest.raises(ValidationError):
        Envelope.model_validate({**base, "version": 1, "sequence": -1})


def test_dead_letter_topic_name():
    assert dlq("client.created") == "client.created.dlq"


def test_an_event_of_a_sandbox_tenant_says_test_whatever_its_producer_wrote():
    live = uuid.uuid4()
    made = {
        tenant: new_envelope(
            type="client.created",
            tenant_id=tenant,
            producer="clients",
            subject=uuid.uuid4(),
            sequence=1,
            data={},
        )
        for tenant in (live, sandbox_twin(live))
    }
    assert made[live].test is False
    assert made[sandbox_twin(live)].test is True
    # On the wire, and read back: a forged flag is overruled by the tenant id.
    for envelope in made.values():
        wire = json.loads(envelope.to_bytes())
        assert wire["test"] is envelope.test
        forged = json.dumps({**wire, "test": not envelope.test}).encode()
        assert Envelope.from_bytes(forged).test is envelope.test
    # An event written before the field existed reads as what its tenant is.
    old = {k: v for k, v in json.loads(made[sandbox_twin(live)].to_bytes()).items() if k != "test"}
    assert Envelope.model_validate(old).test is True
