"""Analytics reads other services' events through narrow models of the fields its rows use: each
contract's example parses, a field a producer adds later is ignored, and a missing or malformed
field a row needs is an InvalidFact naming it, which the consumer dead-letters at once."""

from __future__ import annotations

import uuid

import pytest

from cartera_analytics import facts
from cartera_analytics.consumers import handle
from cartera_analytics.domain.invoices import (
    NO_CLIENT,
    InvalidFact,
    doc_from_event,
    payment_from_event,
)
from cartera_analytics.event_models import (
    AboutAClient,
    DunningFact,
    InteractionFact,
    InvoiceDocEvent,
    PaymentEvent,
    RequestClosedFact,
    RequestFact,
    SatisfactionFact,
)
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.registry import CONTRACTS
from cartera_shared.inbox import PoisonMessage

TENANT = uuid.uuid4()
MODELS = {
    topics.SATISFACTION_RECORDED: SatisfactionFact,
    topics.REQUEST_OPENED: RequestFact,
    topics.REQUEST_CLOSED: RequestClosedFact,
    topics.INTERACTION_LOGGED: InteractionFact,
    topics.DUNNING_SENT: DunningFact,
    topics.PAYMENT_RECORDED: PaymentEvent,
    topics.PAYMENT_REVERSED: PaymentEvent,
    topics.RECEIVABLE_OVERDUE: AboutAClient,
    topics.INVOICE_ISSUED: InvoiceDocEvent,
    topics.INVOICE_RECTIFIED: InvoiceDocEvent,
    topics.INVOICE_CANCELLED: InvoiceDocEvent,
}
# A field each row cannot do without.
NEEDED = {
    topics.SATISFACTION_RECORDED: "score",
    topics.REQUEST_OPENED: "request_id",
    topics.REQUEST_CLOSED: "closed_at",
    topics.INTERACTION_LOGGED: "occurred_at",
    topics.DUNNING_SENT: "notice_id",
    topics.PAYMENT_RECORDED: "paid_on",
    topics.PAYMENT_REVERSED: "invoice_id",
    topics.INVOICE_ISSUED: "issue_date",
    topics.INVOICE_RECTIFIED: "rectifies",
    topics.INVOICE_CANCELLED: "amounts",
}


def example(topic):
    return {**example_data(CONTRACTS[topic]), "added_later": {"a": [1]}}


def row_of(topic, data):
    if topic == topics.SATISFACTION_RECORDED:
        return facts.satisfaction_row(TENANT, data)
    if topic in (topics.REQUEST_OPENED, topics.REQUEST_CLOSED):
        return facts.request_row(TENANT, topic, data)
    if topic == topics.INTERACTION_LOGGED:
        return facts.interaction_row(TENANT, data)
    if topic == topics.DUNNING_SENT:
        return facts.dunning_row(TENANT, data, new_envelope_at())
    if topic in facts.INVOICE_TOPICS:
        return facts.doc_row(TENANT, doc_from_event(topic, data))
    return facts.payment_row(TENANT, payment_from_event(topic, data))


def new_envelope_at():
    return envelope(topics.DUNNING_SENT, {}).occurred_at


def envelope(topic, data):
    return new_envelope(
        type=topic, tenant_id=TENANT, producer="test", subject="x", sequence=1, data=data
    )


def test_every_topic_analytics_reads_has_a_narrow_model():
    assert set(facts.READ_MODEL_TOPICS) == set(MODELS)


@pytest.mark.parametrize("topic", sorted(MODELS))
def test_every_field_a_model_needs_is_in_the_contract(topic):
    data = example_data(CONTRACTS[topic])
    contract = CONTRACTS[topic].model.model_fields
    for name, field in MODELS[topic].model_fields.items():
        if field.is_required():
            # Required here only where the contract requires it: a stricter reader would
            # dead-letter events the producer may rightly send.
            assert name in data, (topic, name)
            assert contract[name].is_required(), (topic, name)


@pytest.mark.parametrize("topic", sorted(NEEDED))
def test_the_contracts_example_makes_a_row_whatever_is_added(topic):
    data = example(topic)
    row = row_of(topic, data)
    assert row["client_id"] == uuid.UUID(data["client_id"])
    assert "added_later" not in row


@pytest.mark.parametrize("topic", sorted(NEEDED))
def test_a_missing_field_is_an_invalid_fact_naming_it(topic):
    data = example(topic)
    del data[NEEDED[topic]]
    with pytest.raises(InvalidFact) as refused:
        row_of(topic, data)
    assert NEEDED[topic] in str(refused.value)


def test_a_payment_keeps_the_readings_of_old_events():
    data = example(topics.PAYMENT_RECORDED)
    for name in ("applied", "allocations", "method"):
        del data[name]
    payment = payment_from_event(topics.PAYMENT_RECORDED, {**data, "client_id": None})
    assert (payment.applied, payment.allocations, payment.method) == (payment.amount, (), "other")
    assert payment.client_id == NO_CLIENT


def test_a_naive_moment_is_taken_as_utc():
    data = {**example(topics.INTERACTION_LOGGED), "occurred_at": "2026-03-20T10:00:00"}
    assert facts.interaction_row(TENANT, data)["occurred_at"].utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    ("topic", "field", "bad"),
    [
        (topics.DUNNING_SENT, "level", "first"),
        (topics.SATISFACTION_RECORDED, "answered_at", "yesterday"),
        (topics.SATISFACTION_RECORDED, "survey_id", "S-1"),
        (topics.RECEIVABLE_OVERDUE, "client_id", "not-a-client"),
        (topics.PAYMENT_RECORDED, "amount", "NaN"),
        (topics.INVOICE_ISSUED, "amounts", {"totals": {"total": "121.00"}}),
        (topics.INVOICE_RECTIFIED, "rectifies", {"number": "F2026-000041"}),
        (topics.INVOICE_CANCELLED, "due_dates", [{"due_on": "2026-04-01"}]),
    ],
)
async def test_a_malformed_field_is_poison_for_the_consumer(topic, field, bad):
    data = {**example(topic), field: bad}
    # Refused before the session is touched: PoisonMessage goes to the DLQ at once.
    with pytest.raises(PoisonMessage) as refused:
        await handle(None, envelope(topic, data))  # type: ignore[arg-type]
    assert field in str(refused.value)
