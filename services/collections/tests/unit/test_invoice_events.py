"""Collections reads invoicing's events through narrow models of the fields its receivables use:
each contract's example parses, a field invoicing adds later is ignored, and a missing or
malformed field a receivable needs is poison (dead-lettered at once, naming the field)."""

from __future__ import annotations

import uuid

import pytest

from cartera_collections import cancellations, ledger
from cartera_collections.invoice_events import InvoiceRectification, InvoiceToOpen
from cartera_collections.ledger import InvoiceToCollect
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.registry import CONTRACTS
from cartera_shared.inbox import PoisonMessage

ADDED_LATER = {"added_later": {"nested": [1, 2]}, "amounts_v2": "whatever"}


def envelope(topic, data):
    return new_envelope(
        type=topic, tenant_id=uuid.uuid4(), producer="invoicing", subject="x", sequence=1, data=data
    )


@pytest.mark.parametrize(
    "topic", [topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED, topics.INVOICE_CANCELLED]
)
def test_the_contracts_example_makes_a_receivable_whatever_is_added(topic):
    data = {**example_data(CONTRACTS[topic]), **ADDED_LATER}
    invoice = InvoiceToCollect.from_event(data)
    assert invoice.invoice_id == uuid.UUID(data["id"])
    assert invoice.total == sum((amount for _, amount in invoice.due_dates), invoice.total * 0)


def test_the_rectified_example_names_its_original_and_its_kind():
    data = {**example_data(CONTRACTS[topics.INVOICE_RECTIFIED]), **ADDED_LATER}
    rectification = InvoiceRectification.model_validate(data)
    assert str(rectification.rectifies.id) == data["rectifies"]["id"]
    assert rectification.rectification_kind == data["rectification_kind"]


@pytest.mark.parametrize("topic", [topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED])
def test_every_field_the_models_need_is_in_the_contract(topic):
    data = example_data(CONTRACTS[topic])
    models = [InvoiceToOpen] + ([InvoiceRectification] if topic == topics.INVOICE_RECTIFIED else [])
    for model in models:
        for name, field in model.model_fields.items():
            if field.is_required():
                assert name in data, (topic, model.__name__, name)


@pytest.mark.parametrize(
    ("topic", "model"),
    [
        (topics.INVOICE_ISSUED, InvoiceToOpen),
        (topics.INVOICE_CANCELLED, InvoiceToOpen),
        (topics.INVOICE_RECTIFIED, InvoiceRectification),
    ],
)
def test_a_field_the_contract_makes_optional_is_not_required_here(topic, model):
    """A narrow model stricter than the contract would dead-letter events the producer may
    rightly send (due_dates aside: a receivable is made of them, and was always refused
    without)."""
    contract = CONTRACTS[topic].model.model_fields
    for name, field in model.model_fields.items():
        if field.is_required() and name != "due_dates":
            assert contract[name].is_required(), (topic, name)


def test_a_rectification_without_a_kind_is_of_differences():
    data = example_data(CONTRACTS[topics.INVOICE_RECTIFIED])
    data.pop("rectification_kind", None)
    assert InvoiceRectification.model_validate(data).rectification_kind is None


@pytest.mark.parametrize("missing", ["id", "number", "issue_date", "due_dates", "amounts"])
async def test_an_issued_invoice_missing_a_needed_field_is_poison(missing):
    data = example_data(CONTRACTS[topics.INVOICE_ISSUED])
    del data[missing]
    with pytest.raises(PoisonMessage) as refused:
        await ledger.on_invoice_issued(None, envelope(topics.INVOICE_ISSUED, data))  # type: ignore[arg-type]
    assert missing in str(refused.value)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("rectifies", {"number": "F2026-000041"}),  # no id
        ("rectifies", None),
        ("rectification_kind", 7),
        ("amounts", {"totals": {"total": "a lot"}}),
    ],
)
async def test_a_rectification_without_its_original_or_amounts_is_poison(field, bad):
    data = {**example_data(CONTRACTS[topics.INVOICE_RECTIFIED]), field: bad}
    with pytest.raises(PoisonMessage) as refused:
        await ledger.on_invoice_rectified(None, envelope(topics.INVOICE_RECTIFIED, data))  # type: ignore[arg-type]
    assert field in str(refused.value)


async def test_a_cancellation_whose_due_dates_are_malformed_is_poison():
    data = example_data(CONTRACTS[topics.INVOICE_CANCELLED])
    data["due_dates"] = [{"due_on": "soon", "amount": "1.00"}]
    with pytest.raises(PoisonMessage) as refused:
        await cancellations.on_invoice_cancelled(None, envelope(topics.INVOICE_CANCELLED, data))  # type: ignore[arg-type]
    assert "due_dates" in str(refused.value)
