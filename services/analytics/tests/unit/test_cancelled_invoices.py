"""A cancelled invoice counts for nothing: not in billing, shares, evolution, Modelo 347 or
instalments; the same whichever of its issue and its cancellation arrives first, live or in a
rebuild by replay."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from decimal import Decimal
from typing import Any

import pytest

from cartera_analytics.domain.invoices import (
    InvalidFact,
    PaymentFact,
    chain_contributions,
    doc_from_event,
    instalment_schedule,
)
from cartera_analytics.models import client_days, invoice_documents, m347_quarters
from cartera_analytics.rebuild import Replay, read_models
from cartera_shared.events import new_envelope, topics

from .test_invoices import CLIENT, payload

TENANT = uuid.uuid4()


def issued_data(invoice_id: uuid.UUID, base: str, vat: str) -> dict[str, Any]:
    return payload(
        invoice_id,
        base=base,
        vat=vat,
        due_dates=[{"due_on": "2026-04-09", "amount": str(Decimal(base) + Decimal(vat))}],
    )


def cancelled_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        **data,
        "cancellation": {
            "reason": "Emitida por error",
            "cancelled_at": "2026-03-11T10:00:00+00:00",
            "verifactu_huella": "A" * 64,
        },
    }


def test_a_cancelled_invoice_contributes_nothing_and_owes_nothing():
    invoice_id = uuid.uuid4()
    data = issued_data(invoice_id, "5000.00", "1050.00")
    issued = doc_from_event(topics.INVOICE_ISSUED, data)
    cancelled = doc_from_event(topics.INVOICE_CANCELLED, cancelled_data(data))
    assert (issued.cancelled, cancelled.cancelled) == (False, True)
    assert cancelled.amounts == issued.amounts  # the cancellation carries the invoice as issued
    before = chain_contributions([issued])[invoice_id]
    assert (before.amounts.base, before.m347, before.invoices) == (
        Decimal("5000.00"),
        Decimal("6050.00"),
        1,
    )
    after = chain_contributions([cancelled])[invoice_id]
    assert (after.amounts.base, after.amounts.total, after.m347, after.invoices) == (0, 0, 0, 0)
    paid = PaymentFact(
        payment_id=uuid.uuid4(),
        invoice_id=invoice_id,
        client_id=CLIENT,
        amount=Decimal("100.00"),
        applied=Decimal("100.00"),
        method="transfer",
        paid_on=dt.date(2026, 3, 20),
        allocations=((1, Decimal("100.00")),),
        reversed=False,
    )
    assert len(instalment_schedule([issued], [paid])) == 1
    assert instalment_schedule([cancelled], [paid]) == []


def test_a_cancellation_without_its_cancellation_is_refused():
    data = issued_data(uuid.uuid4(), "10.00", "2.10")
    with pytest.raises(InvalidFact):
        doc_from_event(topics.INVOICE_CANCELLED, data)
    with pytest.raises(InvalidFact):
        doc_from_event(
            topics.INVOICE_CANCELLED, {**cancelled_data(data), "cancellation": {"reason": " "}}
        )


def envelope(kind: str, data: dict[str, Any]) -> tuple[str, bytes]:
    event = new_envelope(
        type=kind,
        tenant_id=TENANT,
        producer="invoicing",
        subject=data["id"],
        sequence=2 if kind == topics.INVOICE_CANCELLED else 1,
        data=data,
    )
    return kind, event.to_bytes()


def figures(events: list[tuple[str, bytes]]) -> dict[str, Any]:
    replay = Replay()
    for topic, raw in events:
        replay.add(topic, raw)
    assert replay.skipped == 0
    tables = read_models(TENANT, replay.tenants[TENANT])
    return {
        "days": sorted(
            (r["day"], r["base"], r["total"], r["invoices"]) for r in tables[client_days]
        ),
        "m347": sorted((r["tax_id"], r["quarter"], r["amount"]) for r in tables[m347_quarters]),
        "cancelled": sorted(
            str(r["invoice_id"]) for r in tables[invoice_documents] if r["cancelled"]
        ),
    }


def test_a_rebuild_gives_the_same_figures_whatever_the_order_of_issue_and_cancellation():
    kept, gone = uuid.uuid4(), uuid.uuid4()
    kept_data = issued_data(kept, "1000.00", "210.00")
    gone_data = issued_data(gone, "5000.00", "1050.00")
    events = [
        envelope(topics.INVOICE_ISSUED, kept_data),
        envelope(topics.INVOICE_ISSUED, gone_data),
        envelope(topics.INVOICE_CANCELLED, cancelled_data(gone_data)),
        envelope(topics.INVOICE_CANCELLED, cancelled_data(gone_data)),  # published twice
    ]
    results = [figures(list(order)) for order in itertools.permutations(events)]
    assert all(r == results[0] for r in results)
    only_kept = figures([envelope(topics.INVOICE_ISSUED, kept_data)])
    assert (
        results[0]["days"]
        == only_kept["days"]
        == [(dt.date(2026, 3, 10), Decimal("1000.00"), Decimal("1210.00"), 1)]
    )
    assert results[0]["m347"] == only_kept["m347"]
    assert results[0]["cancelled"] == [str(gone)]
