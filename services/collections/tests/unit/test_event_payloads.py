"""ledger.payment_data, the one function that writes the data of payment.recorded and
payment.reversed, follows the shared contracts; the other collections events are checked at the
outbox by the integration tests."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from cartera_collections import ledger
from cartera_shared.events import topics
from cartera_shared.events.registry import ContractBroken, check_data


def payment(**changes):
    row = {
        "id": uuid.uuid4(),
        "invoice_id": uuid.uuid4(),
        "client_id": uuid.uuid4(),
        "amount": Decimal("150.00"),
        "applied": Decimal("121.00"),
        "credit": Decimal("29.00"),
        "paid_on": dt.date(2026, 3, 20),
        "method": "transfer",
        "allocations": [{"seq": 1, "amount": "60.50"}, {"seq": 2, "amount": "60.50"}],
        "reversed_at": None,
    }
    return {**row, **changes}


RECEIVABLE = {"invoice_number": "F2026-000042", "currency": "EUR"}


def test_a_recorded_payment_follows_its_contract():
    check_data(topics.PAYMENT_RECORDED, ledger.payment_data(payment(), RECEIVABLE, "settled"))
    # A payment of a simplified invoice's receivable has no client.
    check_data(
        topics.PAYMENT_RECORDED,
        ledger.payment_data(payment(client_id=None), RECEIVABLE, "partially_paid"),
    )


def test_a_reversed_payment_follows_its_contract_and_needs_its_reason():
    reversed_row = payment(reversed_at=dt.datetime.now(dt.UTC))
    data = ledger.payment_data(reversed_row, RECEIVABLE, "open")
    assert data["reversed"] is True
    check_data(topics.PAYMENT_REVERSED, {**data, "reason": "Recibo devuelto"})
    with pytest.raises(ContractBroken, match="reason"):
        check_data(topics.PAYMENT_REVERSED, data)


def test_a_dunning_hold_placed_and_released_follows_its_contract():
    from cartera_collections.dunning.service import hold_data

    on_invoice = {"id": uuid.uuid4(), "client_id": None, "invoice_id": uuid.uuid4(),
                  "until": dt.date(2026, 5, 31), "reason": "Importe en disputa"}  # fmt: skip
    placed = hold_data(on_invoice, False)
    check_data(topics.DUNNING_HOLD_CHANGED, placed)
    assert (placed["client_id"], placed["until"], placed["released"]) == (None, "2026-05-31", False)
    on_client = {**on_invoice, "client_id": uuid.uuid4(), "invoice_id": None, "until": None}
    check_data(topics.DUNNING_HOLD_CHANGED, hold_data(on_client, True))
    with pytest.raises(ContractBroken, match="reason"):
        check_data(topics.DUNNING_HOLD_CHANGED, {**placed, "reason": None})
