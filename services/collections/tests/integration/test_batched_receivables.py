"""The receivables consumer applies a burst of invoice events in one transaction, runs of issued
invoices with set statements (`batch_handler`): the receivables, instalments, Ley 3/2004 scopes
and overdue index it leaves are exactly those of the same events applied one at a time, on the
real database, through the consumer the service runs."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from cartera_collections import models
from cartera_collections.consumers import consumers
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.events.clients import ClientState
from cartera_shared.events.topics import dlq
from cartera_shared.inbox import IdempotentConsumer, Outcome
from cartera_shared.replicas import upsert_client_replica
from cartera_shared.testing import event_delivery, no_dead_letters

RECEIVABLES = "collections.receivables"
DAY = dt.date(2026, 10, 5)
# A receivable's columns but its id, tenant and clocks.
RECEIVABLE_COLUMNS = tuple(
    c.name
    for c in models.receivables.c
    if c.name not in ("id", "tenant_id", "created_at", "updated_at")
)


def issued(client_id: uuid.UUID | None, dues: list[str], n: int) -> dict[str, Any]:
    invoice_id = uuid.uuid4()
    total = sum((Decimal(amount) for amount in dues), Decimal("0.00"))
    return {
        "id": str(invoice_id),
        "number": f"F2026-{n:05d}",
        "series": "F",
        "invoice_type": "F1" if client_id else "F2",
        "client_id": str(client_id) if client_id else None,
        "issue_date": DAY.isoformat(),
        "currency": "EUR",
        "amounts": {"totals": {"taxable_base": str(total), "vat": "0.00", "total": str(total)}},
        "due_dates": [
            {"due_on": (DAY + dt.timedelta(days=30 * (k + 1))).isoformat(), "amount": amount}
            for k, amount in enumerate(dues)
        ],
    }


@pytest.fixture
def consumer(app) -> IdempotentConsumer:
    declared = next(c for c in consumers() if c.name == RECEIVABLES)
    assert declared.batch_size > 1
    assert declared.batch_handler is not None
    # Built as the service builds it, but for what it would dead-letter.
    consumer: IdempotentConsumer = app.state.runtime.idempotent_consumer(declared)
    consumer.dead_letter = no_dead_letters
    return consumer


async def known_clients(app, tenant_id: uuid.UUID, clients: dict[uuid.UUID, str]) -> None:
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        for client_id, kind in clients.items():
            state = ClientState(
                id=client_id, version=4, legal_name=f"Cliente {kind}", kind=kind,
                tax_id="B12345674", country="ES",
            )  # fmt: skip
            await upsert_client_replica(
                session, models.client_replicas, tenant_id, state, uuid.uuid4()
            )


async def ledger_of(app, tenant_id: uuid.UUID) -> dict[str, list[tuple[str, ...]]]:
    """The tenant's receivables, instalments and overdue index, by invoice (not by their ids)."""
    r, i, o = models.receivables, models.instalments, models.open_instalments
    kept = [r.c[name] for name in RECEIVABLE_COLUMNS]
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        receivables = await session.execute(select(*kept).where(r.c.tenant_id == tenant_id))
        instalments = await session.execute(
            select(r.c.invoice_id, i.c.seq, i.c.due_on, i.c.amount, i.c.paid, i.c.status)
            .join(r, r.c.id == i.c.receivable_id)
            .where(i.c.tenant_id == tenant_id)
        )
        tracked = await session.execute(
            select(r.c.invoice_id, i.c.seq, o.c.due_on)
            .join(i, i.c.id == o.c.instalment_id)
            .join(r, r.c.id == i.c.receivable_id)
            .where(o.c.tenant_id == tenant_id)
        )
        return {
            name: sorted(tuple(map(str, row)) for row in rows)
            for name, rows in (
                ("receivables", receivables),
                ("instalments", instalments),
                ("open_instalments", tracked),
            )
        }


async def test_a_burst_of_invoices_in_one_batch_leaves_what_one_by_one_leaves(app, consumer):
    """Issues to a company, a public body and a consumer the replica knows, to a client it does
    not know yet and to nobody (a simplified invoice); one in three instalments, one for
    nothing; a rectification and a cancellation in the middle; the same invoice twice under two
    event ids."""
    company, public_body, person, unknown = (uuid.uuid4() for _ in range(4))
    kinds = {company: "company", public_body: "public_administration", person: "individual"}
    debtors = [company, public_body, person, unknown, None]
    invoices = [issued(debtors[n % 5], ["121.00"], n) for n in range(20)]
    invoices[1] = issued(public_body, ["300.00", "300.00", "400.00"], 1)
    invoices[7] = issued(company, ["0.00"], 7)
    rectifying = {
        **issued(company, ["-21.00"], 90),
        "invoice_type": "R1",
        "rectifies": {"id": invoices[0]["id"], "number": invoices[0]["number"]},
        "rectification_kind": "I",
    }
    cancelled = {
        **invoices[2],
        "cancellation": {
            "reason": "Emitida por error",
            "cancelled_at": f"{DAY.isoformat()}T10:00:00+00:00",
            "verifactu_huella": "C" * 64,
        },
    }
    events = [
        *((topics.INVOICE_ISSUED, data) for data in invoices[:10]),
        (topics.INVOICE_RECTIFIED, rectifying),
        (topics.INVOICE_CANCELLED, cancelled),
        *((topics.INVOICE_ISSUED, data) for data in invoices[10:]),
    ]
    one_by_one, batched = uuid.uuid4(), uuid.uuid4()
    for tenant_id in (one_by_one, batched):
        await known_clients(app, tenant_id, kinds)
    for offset, (kind, data) in enumerate(events):
        assert await consumer.process(event_delivery(one_by_one, kind, data, offset)) == (
            Outcome.PROCESSED
        )
    deliveries = [
        event_delivery(batched, kind, data, offset) for offset, (kind, data) in enumerate(events)
    ]
    again = event_delivery(batched, topics.INVOICE_ISSUED, invoices[4], len(events))
    outcomes = await consumer.process_batch([*deliveries, deliveries[0], again])
    assert outcomes == [Outcome.PROCESSED] * len(events) + [Outcome.DUPLICATE, Outcome.PROCESSED]

    expected = await ledger_of(app, one_by_one)
    assert await ledger_of(app, batched) == expected
    receivables = expected["receivables"]
    assert len(receivables) == 20
    assert len(expected["instalments"]) == 22
    # Two instalments fewer: the cancelled invoice's and the one for nothing.
    assert len(expected["open_instalments"]) == 20
    rows = [dict(zip(RECEIVABLE_COLUMNS, row, strict=True)) for row in receivables]
    scopes = {row["client_id"]: row["late_payment_law_applies"] for row in rows}
    # Undecided (kept for later) for the client the replica does not know yet; decided for
    # the others, a public body's debt under Ley 3/2004 and a consumer's not.
    assert scopes[str(unknown)] == "None", scopes
    assert scopes[str(public_body)] == "True", scopes
    assert scopes[str(person)] == "False", scopes
    statuses = sorted(row["status"] for row in rows)
    assert statuses.count("cancelled") == 1, statuses
    assert statuses.count("settled") == 1, statuses


async def test_an_unusable_invoice_in_a_batch_is_dead_lettered_alone(app, consumer):
    """An invoice whose due dates miss its total: the batch falls back to one by one, that
    invoice is dead-lettered and every other one gets its receivable, once."""
    letters: list[str] = []

    async def keep(topic: str, value: bytes, key: bytes | None, headers: Any) -> None:
        letters.append(topic)

    consumer.dead_letter = keep
    tenant_id = uuid.uuid4()
    invoices = [issued(None, ["121.00"], n) for n in range(5)]
    invoices[2]["due_dates"][0]["amount"] = "100.00"  # of 121.00
    outcomes = await consumer.process_batch(
        [
            event_delivery(tenant_id, topics.INVOICE_ISSUED, data, n)
            for n, data in enumerate(invoices)
        ]
    )
    assert outcomes[2] is Outcome.DEAD_LETTERED
    assert outcomes.count(Outcome.PROCESSED) == 4
    assert letters == [dlq(topics.INVOICE_ISSUED)]
    kept = {row[0] for row in (await ledger_of(app, tenant_id))["receivables"]}
    assert kept == {data["id"] for n, data in enumerate(invoices) if n != 2}
