"""The read-model consumer applies a burst of events in one transaction (`batch_size`), runs of
invoices with set statements (`batch_handler`): the figures, instalments and Modelo 347
quarters it leaves are exactly those of the same events applied one at a time, and it raises the
same alerts, on the real database, through the consumer the service runs.

An alert's figures are those it was raised on: one at a time, a month's concentration is raised
by its first invoice; a batch judges the month as the whole batch leaves it. So alerts compare
by what they are about (kind, client, cause, period), not by the figures they quote."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Table, select

from cartera_analytics import facts, models, projector
from cartera_analytics.consumers import READ_MODELS_CONSUMER, consumers
from cartera_analytics.domain.invoices import doc_from_event
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.events.topics import dlq
from cartera_shared.inbox import IdempotentConsumer, Outcome
from cartera_shared.testing import event_delivery, no_dead_letters

LAST_MONTH = business_day.today().replace(day=1) - dt.timedelta(days=20)
CLIENTS = (uuid.uuid4(), uuid.uuid4())

# Every table the read-model consumer writes for invoices and payments, and the columns that
# are the consumer's own bookkeeping (ids and clocks), left out of the comparison.
READ_MODELS = (
    models.invoice_documents,
    models.client_days,
    models.client_months,
    models.client_quarters,
    models.client_years,
    models.m347_quarters,
    models.payments,
    models.instalments,
)
ALERT_IDENTITY = ("kind", "client_id", "cause", "period")
BOOKKEEPING = {"tenant_id", "id", "created_at", "updated_at", "raised_at", "projected_at"}


def invoice(
    invoice_id: uuid.UUID, client: uuid.UUID, base: str, *, number: str, **extra: Any
) -> dict[str, Any]:
    net = Decimal(base)
    vat = (net * Decimal("0.21")).quantize(Decimal("0.01"))
    data: dict[str, Any] = {
        "id": str(invoice_id),
        "number": number,
        "invoice_type": "F1",
        "issue_date": LAST_MONTH.isoformat(),
        "client_id": str(client),
        "currency": "EUR",
        "recipient": {"legal_name": f"Cliente {client.hex[:6]}", "tax_id": "B12345674",
                      "country": "ES"},
        "amounts": {
            "totals": {"taxable_base": str(net), "vat": str(vat), "surcharge": "0.00",
                       "irpf": "0.00", "total": str(net + vat)},
            "withholdings": [],
        },
        "due_dates": [{"due_on": (LAST_MONTH + dt.timedelta(days=30)).isoformat(),
                       "amount": str(net + vat)}],
    }  # fmt: skip
    data.update(extra)
    return data


def burst() -> list[tuple[str, dict[str, Any]]]:
    """Issues to two clients, one later rectified and one cancelled, and a payment: the
    rectification, cancellation and payment land in the same batch as what they change."""
    first, second, third, credit = (uuid.uuid4() for _ in range(4))
    issued = [
        invoice(first, CLIENTS[0], "1000.00", number="F-1"),
        invoice(second, CLIENTS[1], "250.00", number="F-2"),
        invoice(third, CLIENTS[0], "7000.00", number="F-3"),
    ]
    rectified = invoice(
        credit,
        CLIENTS[0],
        "-100.00",
        number="R-1",
        invoice_type="R1",
        rectifies={"id": str(first), "number": "F-1"},
        rectification_kind="I",
    )
    cancelled = {
        **issued[1],
        "cancellation": {
            "reason": "Emitida por error",
            "cancelled_at": f"{LAST_MONTH.isoformat()}T10:00:00+00:00",
            "verifactu_huella": "A" * 64,
        },
    }
    paid = {
        "id": str(uuid.uuid4()),
        "invoice_id": str(third),
        "client_id": str(CLIENTS[0]),
        "amount": "8470.00",
        "applied": "8470.00",
        "method": "transfer",
        "paid_on": LAST_MONTH.isoformat(),
        "allocations": [],
    }
    return [
        *((topics.INVOICE_ISSUED, data) for data in issued),
        (topics.INVOICE_RECTIFIED, rectified),
        (topics.INVOICE_CANCELLED, cancelled),
        (topics.PAYMENT_RECORDED, paid),
    ]


@pytest.fixture
def consumer(app) -> IdempotentConsumer:
    declared = next(c for c in consumers() if c.name == READ_MODELS_CONSUMER)
    assert declared.batch_size > 1, "the read-model consumer is meant to apply bursts in batches"
    # Built as the service builds it, but for what it would dead-letter.
    consumer: IdempotentConsumer = app.state.runtime.idempotent_consumer(declared)
    consumer.dead_letter = no_dead_letters
    return consumer


async def rows_of(
    app, table: Table, tenant_id: uuid.UUID, only: tuple[str, ...] = ()
) -> list[tuple[Any, ...]]:
    columns = [
        column
        for column in table.c
        if column.name not in BOOKKEEPING and (not only or column.name in only)
    ]
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        found = await session.execute(select(*columns).where(table.c.tenant_id == tenant_id))
    return sorted((tuple(map(str, row)) for row in found), key=str)


async def compare(
    app, one_by_one: uuid.UUID, batched: uuid.UUID, *, alerts: bool = True
) -> dict[str, int]:
    """Asserts both tenants' read models (and alerts) are the same; returns the rows compared."""
    compared = {}
    for table in READ_MODELS:
        expected = await rows_of(app, table, one_by_one)
        assert await rows_of(app, table, batched) == expected, table.name
        compared[table.name] = len(expected)
    if not alerts:
        return compared
    expected = await rows_of(app, models.alerts, one_by_one, ALERT_IDENTITY)
    assert await rows_of(app, models.alerts, batched, ALERT_IDENTITY) == expected
    compared["alerts"] = len(expected)
    return compared


async def test_a_burst_applied_in_one_batch_leaves_what_one_by_one_leaves(app, consumer):
    events = burst()
    one_by_one, batched = uuid.uuid4(), uuid.uuid4()
    for offset, (kind, data) in enumerate(events):
        assert await consumer.process(event_delivery(one_by_one, kind, data, offset)) == (
            Outcome.PROCESSED
        )
    deliveries = [
        event_delivery(batched, kind, data, offset) for offset, (kind, data) in enumerate(events)
    ]
    # The first event delivered again inside the same batch is recognised as a duplicate.
    deliveries.append(deliveries[0])
    outcomes = await consumer.process_batch(deliveries)
    assert outcomes == [Outcome.PROCESSED] * len(events) + [Outcome.DUPLICATE]

    compared = await compare(app, one_by_one, batched)
    # The burst reached every read model, the alerts included: not an empty comparison.
    assert all(compared.values()), compared
    months = await rows_of(app, models.client_months, batched)
    # 1000 - 100 for the first client plus 7000 (the second client's invoice was cancelled).
    assert [row[2:4] for row in months] == [("7900.00", "9559.00")], months


async def test_a_batch_with_an_unusable_event_falls_back_and_loses_nothing(app, consumer):
    """One event the projector refuses: the batch is rolled back and replayed one by one; the
    refused event is dead-lettered and every other event is projected exactly once."""
    letters: list[str] = []

    async def keep(topic: str, value: bytes, key: bytes | None, headers: Any) -> None:
        letters.append(topic)

    consumer.dead_letter = keep
    tenant_id = uuid.uuid4()
    events = burst()
    unusable = invoice(uuid.uuid4(), CLIENTS[1], "10.00", number="F-9")
    unusable["amounts"] = {"totals": "not an object"}
    events.insert(2, (topics.INVOICE_ISSUED, unusable))
    deliveries = [
        event_delivery(tenant_id, kind, data, offset) for offset, (kind, data) in enumerate(events)
    ]
    outcomes = await consumer.process_batch(deliveries)
    assert outcomes.count(Outcome.PROCESSED) == len(events) - 1
    assert outcomes[2] is Outcome.DEAD_LETTERED
    assert letters == [dlq(topics.INVOICE_ISSUED)]
    months = await rows_of(app, models.client_months, tenant_id)
    assert [row[2:4] for row in months] == [("7900.00", "9559.00")], months


async def test_a_run_of_invoices_out_of_order_leaves_what_one_by_one_leaves(app, consumer):
    """The set path's hard cases in one run: rectifications read before the invoices they
    rectify (one by substitution, one by differences), the same invoice under a second event
    id, a payment read before its invoice, a 347 client above the threshold, a client billed
    across several days, and a cancellation in the middle of the run.

    Alerts differ here, on purpose: one at a time, the month's first invoices each made their
    client more than 40 % of it for a moment, and raised alerts the month as a whole does not
    justify; the batch judges the month as it leaves it."""
    clients = [uuid.uuid4() for _ in range(6)]
    originals = [uuid.uuid4() for _ in range(30)]
    issued = [
        invoice(
            originals[n],
            clients[n % 6],
            f"{1000 + 37 * n}.00",
            number=f"F-{n}",
            issue_date=(LAST_MONTH - dt.timedelta(days=n % 4)).isoformat(),
        )
        for n in range(30)
    ]
    by_substitution = invoice(
        uuid.uuid4(), clients[0], "400.00", number="R-1", invoice_type="R1",
        rectifies={"id": str(originals[0]), "number": "F-0"}, rectification_kind="S",
    )  # fmt: skip
    by_differences = invoice(
        uuid.uuid4(), clients[1], "-300.00", number="R-2", invoice_type="R1",
        rectifies={"id": str(originals[1]), "number": "F-1"}, rectification_kind="I",
    )  # fmt: skip
    early_payment = {
        "id": str(uuid.uuid4()), "invoice_id": str(originals[2]), "client_id": str(clients[2]),
        "amount": "500.00", "applied": "500.00", "method": "transfer",
        "paid_on": LAST_MONTH.isoformat(), "allocations": [],
    }  # fmt: skip
    cancelled = {
        **issued[3],
        "cancellation": {
            "reason": "Emitida por error",
            "cancelled_at": f"{LAST_MONTH.isoformat()}T10:00:00+00:00",
            "verifactu_huella": "B" * 64,
        },
    }
    events = [
        (topics.INVOICE_RECTIFIED, by_substitution),
        (topics.INVOICE_RECTIFIED, by_differences),
        (topics.PAYMENT_RECORDED, early_payment),
        *((topics.INVOICE_ISSUED, data) for data in issued[:10]),
        (topics.INVOICE_CANCELLED, cancelled),
        *((topics.INVOICE_ISSUED, data) for data in issued[10:]),
    ]
    one_by_one, batched = uuid.uuid4(), uuid.uuid4()
    for offset, (kind, data) in enumerate(events):
        assert await consumer.process(event_delivery(one_by_one, kind, data, offset)) == (
            Outcome.PROCESSED
        )
    deliveries = [
        event_delivery(batched, kind, data, offset) for offset, (kind, data) in enumerate(events)
    ]
    # The 6th invoice again, under an event id of its own: the same fact, applied once.
    again = event_delivery(batched, topics.INVOICE_ISSUED, issued[5], len(events))
    outcomes = await consumer.process_batch([*deliveries, again])
    assert outcomes == [Outcome.PROCESSED] * (len(events) + 1)

    compared = await compare(app, one_by_one, batched, alerts=False)
    assert compared["invoice_documents"] == 32, compared
    assert compared["instalments"] == 29, compared
    assert compared["m347_quarters"] > 0, compared
    assert compared["payments"] == 1, compared
    months = await rows_of(app, models.client_months, batched)
    bases = [Decimal(row[2]) for row in months]
    # Every invoice but the cancelled one; F-0 replaced by 400.00, F-1 lowered by 300.00.
    expected = sum(1000 + 37 * n for n in range(30)) - (1000 + 37 * 3) - 1000 + 400 - 300
    assert sum(bases) == expected, months
    # The alerts the month as the batch left it justifies: no client above 40 % of it.
    assert len(bases) == 6, months
    assert max(bases) / sum(bases) < Decimal("0.40"), months
    assert await rows_of(app, models.alerts, batched, ALERT_IDENTITY) == []


async def test_a_new_invoice_alone_in_its_chain_is_told_apart_from_one_with_kin(app):
    """The insert tells which new documents are their chain's only one (`projector.alone`):
    those skip reading their chain back and deleting its instalments. A rectification read
    before its original is alone; the original that follows is not, and neither is a second
    rectification; an unrelated invoice inserted with them is; a document already stored is not
    returned at all. Another tenant's document of the same chain changes nothing."""
    original, unrelated = uuid.uuid4(), uuid.uuid4()
    rectification = invoice(
        uuid.uuid4(), CLIENTS[0], "-10.00", number="R-1", invoice_type="R1",
        rectifies={"id": str(original), "number": "F-1"}, rectification_kind="I",
    )  # fmt: skip
    second = {**rectification, "id": str(uuid.uuid4()), "number": "R-2"}

    def doc(tenant_id, kind, data):
        return facts.doc_row(tenant_id, doc_from_event(kind, data))

    tenant, other = uuid.uuid4(), uuid.uuid4()
    async with tenant_transaction(app.state.runtime.sessions, other) as session:
        await session.execute(
            projector._insert_new_documents(), [doc(other, topics.INVOICE_RECTIFIED, rectification)]
        )
    async with tenant_transaction(app.state.runtime.sessions, tenant) as session:

        async def insert(*docs):
            stored = (
                (await session.execute(projector._insert_new_documents(), list(docs)))
                .mappings()
                .all()
            )
            return {row["invoice_id"]: row["has_kin"] for row in stored}, projector.alone(stored)

        kin, alone = await insert(doc(tenant, topics.INVOICE_RECTIFIED, rectification))
        assert kin == {uuid.UUID(rectification["id"]): False}
        assert list(alone) == [original]
        issued = invoice(original, CLIENTS[0], "100.00", number="F-1")
        other_issued = invoice(unrelated, CLIENTS[1], "50.00", number="F-2")
        kin, alone = await insert(
            doc(tenant, topics.INVOICE_ISSUED, issued),
            doc(tenant, topics.INVOICE_ISSUED, other_issued),
        )
        assert kin == {original: True, unrelated: False}
        assert list(alone) == [unrelated]
        kin, alone = await insert(
            doc(tenant, topics.INVOICE_RECTIFIED, second),
            doc(tenant, topics.INVOICE_ISSUED, other_issued),
        )
        assert kin == {uuid.UUID(second["id"]): True}
        assert alone == {}
