"""The timeline reads each foreign event through a narrow model of the fields it uses: the
contract's own example parses, a field a producer adds later is ignored, and a field it needs
that is missing or malformed is refused (the consumer makes that a dead letter)."""

from __future__ import annotations

import uuid

import pytest
from pydantic import BaseModel, ValidationError

from cartera_crm.timeline.events import DunningFact, InvoiceFact, OverdueFact, PaymentFact
from cartera_crm.timeline.service import FOREIGN_TOPICS, on_event
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.registry import CONTRACTS
from cartera_shared.inbox import PoisonMessage

MODELS: dict[str, type[BaseModel]] = {
    topics.INVOICE_ISSUED: InvoiceFact,
    topics.INVOICE_RECTIFIED: InvoiceFact,
    topics.PAYMENT_RECORDED: PaymentFact,
    topics.PAYMENT_REVERSED: PaymentFact,
    topics.RECEIVABLE_OVERDUE: OverdueFact,
    topics.DUNNING_SENT: DunningFact,
}
# What each entry cannot do without (a sample; every required field of the models counts).
NEEDED = {
    topics.INVOICE_ISSUED: "number",
    topics.INVOICE_RECTIFIED: "issue_date",
    topics.PAYMENT_RECORDED: "invoice_number",
    topics.PAYMENT_REVERSED: "amount",
    topics.RECEIVABLE_OVERDUE: "instalment",
    topics.DUNNING_SENT: "notice_id",
}


def test_every_topic_the_timeline_reads_has_a_narrow_model():
    # invoice.cancelled is read through the shared narrow InvoiceCancelled.
    assert set(FOREIGN_TOPICS) == {*MODELS, topics.INVOICE_CANCELLED}


@pytest.mark.parametrize("topic", sorted(MODELS))
def test_the_contracts_example_parses_and_added_fields_are_ignored(topic):
    data = example_data(CONTRACTS[topic])
    parsed = MODELS[topic].model_validate({**data, "added_later": {"any": ["thing"]}})
    assert not hasattr(parsed, "added_later")
    # What the entry echoes is what the producer wrote.
    for name in ("amount", "outstanding", "invoice_number", "number"):
        if name in data and name in type(parsed).model_fields:
            assert getattr(parsed, name) == data[name]


@pytest.mark.parametrize("topic", sorted(MODELS))
def test_every_field_a_model_needs_is_one_the_contract_has(topic):
    """A narrow model that required a field the producer does not promise would dead-letter
    every event; the example carries each field the contract defines."""
    data = example_data(CONTRACTS[topic])
    contract = CONTRACTS[topic].model.model_fields
    for name, field in MODELS[topic].model_fields.items():
        if field.is_required():
            # Required here only where the contract requires it: a stricter reader would
            # dead-letter events the producer may rightly send.
            assert name in data, (topic, name)
            assert contract[name].is_required(), (topic, name)


@pytest.mark.parametrize("topic", sorted(MODELS))
def test_a_missing_field_is_refused_naming_it(topic):
    data = example_data(CONTRACTS[topic])
    del data[NEEDED[topic]]
    with pytest.raises(ValidationError) as refused:
        MODELS[topic].model_validate(data)
    assert NEEDED[topic] in str(refused.value)


@pytest.mark.parametrize(
    ("topic", "field", "bad"),
    [
        (topics.PAYMENT_RECORDED, "amount", "12,10"),
        (topics.PAYMENT_RECORDED, "amount", 12.1),
        (topics.PAYMENT_RECORDED, "paid_on", "20th March"),
        (topics.RECEIVABLE_OVERDUE, "invoice_id", "F2026-000042"),
        (topics.DUNNING_SENT, "level", "first"),
        (topics.INVOICE_ISSUED, "amounts", {"totals": {}}),
    ],
)
async def test_a_malformed_field_is_poison_for_the_consumer(topic, field, bad):
    data = {**example_data(CONTRACTS[topic]), field: bad, "client_id": str(uuid.uuid4())}
    event = new_envelope(
        type=topic, tenant_id=uuid.uuid4(), producer="test", subject="x", sequence=1, data=data
    )
    # As it might come off the bus from a producer that skipped its contract (new_envelope would
    # write a number such as 12.1 as "12.10").
    event = event.model_copy(update={"data": data})
    # Refused before the session is touched: PoisonMessage goes to the DLQ at once.
    with pytest.raises(PoisonMessage) as refused:
        await on_event(None, event)  # type: ignore[arg-type]
    assert field in str(refused.value)
