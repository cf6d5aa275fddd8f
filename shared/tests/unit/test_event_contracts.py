"""The event contracts (cartera_shared.events.registry): one per topic, each with an example that
follows it, tolerant of added fields, strict about what it requires; and the AsyncAPI rewrite
that puts them into the bus document."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from pydantic import ValidationError

from cartera_shared.events import new_envelope, topics
from cartera_shared.events.asyncapi import (
    envelope_schema,
    example_data,
    example_envelope,
    typed_bus_document,
)
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import (
    CONTRACTS,
    REGISTRY,
    ContractBroken,
    canonical_data,
    check_outgoing,
    contract_of,
)

ALL = sorted(CONTRACTS.values(), key=lambda c: c.topic)


def envelope_of(topic: str, data: dict, **changes) -> Envelope:
    contract = contract_of(topic)
    fields = {
        "type": topic,
        "version": contract.version,
        "tenant_id": uuid.uuid4(),
        "producer": contract.producer,
        "subject": str(data.get(contract.subject)),
        "sequence": 1,
        "data": data,
    }
    return new_envelope(**{**fields, **changes})


def test_every_topic_has_exactly_one_contract():
    assert set(CONTRACTS) == set(topics.ALL_TOPICS)
    assert {t: (c.model, c.version) for t, c in CONTRACTS.items()} == REGISTRY
    with pytest.raises(KeyError):
        contract_of("invoice.paid")


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.topic)
def test_the_example_follows_the_contract_as_a_published_event(contract):
    data = example_data(contract)
    contract.parse(data)
    check_outgoing(envelope_of(contract.topic, data))
    # The typed envelope's own example is a valid envelope of that type.
    assert Envelope.model_validate(example_envelope(contract)).type == contract.topic


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.topic)
def test_a_reader_ignores_fields_added_later(contract):
    parsed = contract.parse({**example_data(contract), "added_later": {"any": "thing"}})
    assert not hasattr(parsed, "added_later")


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.topic)
def test_each_required_field_is_required(contract):
    required = contract.model.model_json_schema().get("required", [])
    assert required, f"{contract.topic}: a contract that requires nothing checks nothing"
    for name in required:
        data = {k: v for k, v in example_data(contract).items() if k != name}
        with pytest.raises(ValidationError):
            contract.parse(data)


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.topic)
def test_every_field_says_its_type(contract):
    schema = contract.model.model_json_schema()
    for name, prop in schema["properties"].items():
        assert {"type", "$ref", "anyOf", "const"} & set(prop), f"{contract.topic}.{name}"


def test_decimals_are_read_from_strings_and_refused_when_not_numbers():
    data = example_data(contract_of(topics.PAYMENT_RECORDED))
    assert str(contract_of(topics.PAYMENT_RECORDED).parse(data).amount) == "121.00"  # type: ignore[attr-defined]
    with pytest.raises(ValidationError):
        contract_of(topics.PAYMENT_RECORDED).parse({**data, "amount": "a lot"})


def test_an_outgoing_event_that_breaks_its_contract_is_refused():
    data = example_data(contract_of(topics.RECEIVABLE_SETTLED))
    check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, data))
    with pytest.raises(ContractBroken, match="version 2"):
        check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, data, version=2))
    with pytest.raises(ContractBroken, match="does not describe: \\['surprise'\\]"):
        check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, {**data, "surprise": 1}))
    with pytest.raises(ContractBroken, match=r"is not data\.invoice_id"):
        check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, data, subject=str(uuid.uuid4())))
    with pytest.raises(ContractBroken, match="settled_on"):
        check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, {**data, "settled_on": "soon"}))
    # A type without a contract (a test's own) is not the registry's business.
    check_outgoing(envelope_of(topics.RECEIVABLE_SETTLED, data, type="lab.happened"))


def test_the_typed_envelope_fixes_type_and_version_and_points_data_at_the_model():
    contract = contract_of(topics.INVOICE_ISSUED)
    schema = envelope_schema(contract)
    assert schema["title"] == "InvoiceIssuedEvent"
    assert schema["properties"]["type"]["const"] == "invoice.issued"
    assert schema["properties"]["version"]["const"] == contract.version
    assert schema["properties"]["data"]["$ref"] == "#/components/schemas/InvoiceIssued"
    assert "data" in schema["required"]


def faststream_like_document() -> dict:
    """What FastStream writes for a service: a published topic with a bare Envelope, a consumed
    one with no payload, and a channel whose address has no contract."""

    def channel(address: str, message: str) -> dict:
        return {
            "address": address,
            "messages": {"Message": {"$ref": f"#/components/messages/{message}"}},
        }

    return {
        "asyncapi": "3.0.0",
        "channels": {
            "collections:payment.recorded": channel("payment.recorded", "pub"),
            "crm.timeline:invoice.issued": channel("invoice.issued", "sub"),
            "lab:lab.happened": channel("lab.happened", "lab"),
        },
        "components": {
            "messages": {
                "pub": {"payload": {"$ref": "#/components/schemas/Envelope"}},
                "sub": {"payload": {"$ref": "#/components/schemas/EmptyPayload"}},
                "lab": {"payload": {"$ref": "#/components/schemas/Envelope"}},
            },
            "schemas": {"Envelope": {}, "EmptyPayload": {}},
        },
    }


def test_the_bus_document_gets_each_topics_typed_payload():
    document = faststream_like_document()
    before = copy.deepcopy(document)
    typed = typed_bus_document(document)
    assert document == before, "the input is left as it was"
    messages = typed["components"]["messages"]
    assert messages["pub"]["payload"] == {"$ref": "#/components/schemas/PaymentRecordedEvent"}
    assert messages["sub"]["payload"] == {"$ref": "#/components/schemas/InvoiceIssuedEvent"}
    assert messages["sub"]["name"] == "invoice.issued"
    assert messages["lab"]["payload"] == {"$ref": "#/components/schemas/Envelope"}
    schemas = typed["components"]["schemas"]
    assert {"PaymentRecorded", "InvoiceIssued", "Party", "InvoiceLine"} <= set(schemas)
    assert "EmptyPayload" not in schemas  # no message uses it any more
    assert typed_bus_document(typed) == typed


# ------------------------------------------------------------------ canonical values at the source


def test_a_producer_writes_the_wire_formats_into_the_event():
    """Whatever the producer hands over (a Decimal, "21", a +00:00 or naive-looking text with an
    offset), the event carries the wire's spelling: the contracts type their values with
    `cartera_shared.wire`, and `new_envelope` writes `data` through the contract."""
    data = copy.deepcopy(example_data(contract_of(topics.INVOICE_ISSUED)))
    data["lines"][0].update(vat_rate=Decimal("21"), quantity=Decimal("2"), unit_price="50")
    data["amounts"]["totals"]["total"] = Decimal("121")
    data["due_dates"] = [{"due_on": "2026-04-01", "amount": 121}]
    data["added_later"] = {"vat_rate": "21"}  # not the contract's: left as it came
    written = json.loads(envelope_of(topics.INVOICE_ISSUED, data).to_bytes())["data"]
    line = written["lines"][0]
    assert (line["vat_rate"], line["quantity"], line["unit_price"]) == ("21.00", "2.00", "50.00")
    assert written["amounts"]["totals"]["total"] == "121.00"
    assert written["due_dates"] == [{"due_on": "2026-04-01", "amount": "121.00"}]
    assert written["added_later"] == {"vat_rate": "21"}

    answered = copy.deepcopy(example_data(contract_of(topics.SATISFACTION_RECORDED)))
    answered["answered_at"] = dt.datetime(
        2026, 12, 6, 11, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    written = json.loads(envelope_of(topics.SATISFACTION_RECORDED, answered).to_bytes())["data"]
    assert written["answered_at"] == "2026-12-06T10:15:00.000000Z"


@pytest.mark.parametrize("contract", ALL, ids=lambda c: c.topic)
def test_canonical_data_adds_nothing_and_is_its_own_fixed_point(contract):
    data = example_data(contract)
    once = canonical_data(contract.topic, data)
    assert set(once) == set(data)  # no member added, none dropped
    assert json.dumps(canonical_data(contract.topic, once)) == json.dumps(once)
    check_outgoing(envelope_of(contract.topic, once))


def test_data_that_breaks_its_contract_is_left_for_the_check_to_refuse():
    data = {**example_data(contract_of(topics.PAYMENT_RECORDED)), "amount": "a lot"}
    assert canonical_data(topics.PAYMENT_RECORDED, data) == data
    assert canonical_data("tests.own", {"amount": "1"}) == {"amount": "1"}
