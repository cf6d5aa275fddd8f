"""A cancelled invoice (`invoice.cancelled`) in collections: nothing owed, instalments closed,
payments kept as the client's credit, the overdue and dunning jobs passing it by; whichever of
the issue and the cancellation comes first, and however often.

The collections service runs in this process on the real, migrated test database (as its own
role) and the real broker; events are handed to the receivables consumer's handler, inside the
transaction the consumer would open.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from cartera_collections import cancellations
from cartera_collections.dunning.service import send_due
from cartera_collections.overdue import mark_overdue
from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant, tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.inbox import PoisonMessage
from cartera_shared.mail import SmtpSettings
from cartera_shared.testing import internal_headers

TODAY = business_day.today()
# The first instalment (30 days) overdue, the second (60 days) still to come.
LONG_AGO = TODAY - dt.timedelta(days=45)


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:ana")


def document(invoice_id, client_id, issue_date=LONG_AGO) -> dict[str, Any]:
    """The invoice as `invoice.issued` carries it: 242.00 in two instalments."""
    return {
        "id": str(invoice_id),
        "number": f"F{issue_date.year}-{uuid.uuid4().int % 10**5:05d}",
        "series": "F",
        "invoice_type": "F1",
        "client_id": str(client_id),
        "issue_date": issue_date.isoformat(),
        "currency": "EUR",
        "amounts": {"totals": {"taxable_base": "200.00", "total": "242.00"}},
        "due_dates": [
            {"due_on": (issue_date + dt.timedelta(days=30)).isoformat(), "amount": "121.00"},
            {"due_on": (issue_date + dt.timedelta(days=60)).isoformat(), "amount": "121.00"},
        ],
    }


def event(kind, tenant_id, data):
    return new_envelope(
        type=kind,
        tenant_id=tenant_id,
        producer="invoicing",
        subject=data["id"],
        sequence=1 if kind == topics.INVOICE_ISSUED else 2,
        data=data,
    )


def cancelled(data, reason="Emitida por error"):
    return {
        **data,
        "cancellation": {
            "reason": reason,
            "cancelled_at": dt.datetime.now(dt.UTC).isoformat(),
            "cancelled_by": "user:ana",
            "verifactu_huella": "A" * 64,
        },
    }


async def ran(job, *args, **kwargs) -> int:
    """A single-runner job's count, once this call got its lock (the app's own loop of the same
    job may hold it for a moment)."""
    for _ in range(50):
        got, count = await job(*args, **kwargs)
        if got:
            return int(count or 0)
        await asyncio.sleep(0.1)
    raise AssertionError(f"{job.__name__} never got its lock")


async def handle(app, envelope):
    async with tenant_transaction(app.state.runtime.sessions, envelope.tenant_id) as session:
        await cancellations.on_invoice_event(session, envelope)


async def receivable(api, tenant_id, invoice_id) -> dict[str, Any]:
    found = await api.get(
        "/v1/receivables", params={"invoice_id": str(invoice_id)}, headers=as_tenant(tenant_id)
    )
    assert found.status_code == 200, found.text
    (item,) = found.json()["items"]
    return item


async def pay(api, tenant_id, invoice_id, amount, **extra):
    return await api.post(
        "/v1/payments",
        json={
            "invoice_id": str(invoice_id),
            "amount": amount,
            "paid_on": TODAY.isoformat(),
            "method": "transfer",
            **extra,
        },
        headers=as_tenant(tenant_id),
    )


async def tracked(owner, tenant_id) -> dict[str, int]:
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        return {
            table: await conn.scalar(
                text(f"SELECT count(*) FROM collections.{table} WHERE tenant_id = :t"),
                {"t": tenant_id},
            )
            for table in ("open_instalments", "dunning_queue")
        }


async def test_an_unpaid_invoice_cancelled_is_owed_no_more_and_never_chased(app, api, owner):
    tenant_id, invoice_id, client_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    data = document(invoice_id, client_id)
    await handle(app, event(topics.INVOICE_ISSUED, tenant_id, data))
    # The first instalment is overdue and queued for a reminder before the cancellation.
    assert await ran(mark_overdue, app.state.runtime.sessions, tenant_id=tenant_id) == 1
    assert await tracked(owner, tenant_id) == {"open_instalments": 1, "dunning_queue": 1}

    await handle(app, event(topics.INVOICE_CANCELLED, tenant_id, cancelled(data)))
    item = await receivable(api, tenant_id, invoice_id)
    assert (item["status"], item["amount"], item["paid"], item["outstanding"]) == (
        "cancelled",
        "0.00",
        "0.00",
        "0.00",
    )
    assert item["invoiced"] == "242.00"  # what the invoice asked for stays in its history
    assert item["cancellation_reason"] == "Emitida por error"
    assert item["cancelled_at"]
    assert [(i["status"], i["outstanding"]) for i in item["instalments"]] == [
        ("cancelled", "0.00"),
        ("cancelled", "0.00"),
    ]
    assert await tracked(owner, tenant_id) == {"open_instalments": 0, "dunning_queue": 0}
    # The jobs have nothing to chase, even a year later.
    later = TODAY + dt.timedelta(days=365)
    sessions = app.state.runtime.sessions
    assert await ran(mark_overdue, sessions, tenant_id=tenant_id, today=later) == 0
    assert (
        await ran(
            send_due,
            sessions,
            app.state.runtime.part(SmtpSettings),
            tenant_id=tenant_id,
            today=later,
        )
        == 0
    )
    for view in ("aging", "defaulters", "behaviour"):
        answer = await api.get(f"/v1/collections/{view}", headers=as_tenant(tenant_id))
        assert answer.status_code == 200, answer.text
        assert str(invoice_id) not in answer.text
    behaviour = (await api.get("/v1/collections/behaviour", headers=as_tenant(tenant_id))).json()
    assert behaviour["total"]["outstanding"] == "0.00"
    listed = await api.get(
        "/v1/receivables", params={"status": "cancelled"}, headers=as_tenant(tenant_id)
    )
    assert [r["invoice_id"] for r in listed.json()["items"]] == [str(invoice_id)]
    owed = await api.get(
        "/v1/receivables",
        params=[("status", "open"), ("status", "partially_paid")],
        headers=as_tenant(tenant_id),
    )
    assert owed.json()["items"] == []


async def test_payments_on_a_cancelled_invoice_become_the_client_s_credit(app, api, owner):
    tenant_id, invoice_id, client_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    data = document(invoice_id, client_id, issue_date=TODAY)
    await handle(app, event(topics.INVOICE_ISSUED, tenant_id, data))
    first = await pay(api, tenant_id, invoice_id, "150.00")
    assert first.status_code == 201, first.text
    assert first.json()["receivable_status"] == "partially_paid"

    await handle(app, event(topics.INVOICE_CANCELLED, tenant_id, cancelled(data)))
    payments = (
        await api.get(
            "/v1/payments", params={"invoice_id": str(invoice_id)}, headers=as_tenant(tenant_id)
        )
    ).json()["items"]
    assert [(p["amount"], p["applied"], p["credit"], p["allocations"]) for p in payments] == [
        ("150.00", "0.00", "150.00", [])
    ]
    item = await receivable(api, tenant_id, invoice_id)
    assert (item["status"], item["paid"], item["outstanding"]) == ("cancelled", "0.00", "0.00")

    # Nothing is owed: a new payment is refused unless kept as credit, all of it.
    refused = await pay(api, tenant_id, invoice_id, "10.00")
    assert refused.status_code == 409, refused.text
    assert refused.json()["reason"] == "cancelled"
    kept = await pay(api, tenant_id, invoice_id, "10.00", confirm_overpayment=True)
    assert kept.status_code == 201, kept.text
    assert (kept.json()["applied"], kept.json()["credit"]) == ("0.00", "10.00")
    assert kept.json()["receivable_status"] == "cancelled"

    # Reversing the credited payment (a returned transfer) leaves the receivable cancelled.
    reversed_ = await api.post(
        f"/v1/payments/{first.json()['id']}/reverse",
        json={"reason": "devuelto"},
        headers=as_tenant(tenant_id),
    )
    assert reversed_.status_code == 200, reversed_.text
    assert reversed_.json()["receivable_status"] == "cancelled"
    item = await receivable(api, tenant_id, invoice_id)
    assert (item["status"], item["amount"], item["paid"]) == ("cancelled", "0.00", "0.00")
    assert all(i["paid"] == "0.00" for i in item["instalments"])


async def test_a_cancellation_before_its_issue_and_twice_ends_the_same(app, api):
    tenant_id, invoice_id, client_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    data = document(invoice_id, client_id)
    cancellation = event(topics.INVOICE_CANCELLED, tenant_id, cancelled(data))
    await handle(app, cancellation)
    first = await receivable(api, tenant_id, invoice_id)
    await handle(app, event(topics.INVOICE_ISSUED, tenant_id, data))
    await handle(app, event(topics.INVOICE_CANCELLED, tenant_id, cancelled(data, "otra vez")))
    after = await receivable(api, tenant_id, invoice_id)
    assert after == first
    assert (after["status"], after["amount"], after["invoiced"]) == ("cancelled", "0.00", "242.00")
    assert after["cancellation_reason"] == "Emitida por error"


@pytest.mark.parametrize(
    "broken",
    [
        lambda d: {k: v for k, v in d.items() if k != "cancellation"},
        lambda d: {**d, "cancellation": {**d["cancellation"], "reason": ""}},
        lambda d: {**d, "id": "not-a-uuid"},
        lambda d: {**d, "due_dates": [{"due_on": "2026-01-01", "amount": "1.00"}]},
    ],
)
async def test_a_cancellation_without_what_collections_needs_is_a_poison_message(app, broken):
    tenant_id, invoice_id = uuid.uuid4(), uuid.uuid4()
    data = broken(cancelled(document(invoice_id, uuid.uuid4())))
    with pytest.raises(PoisonMessage):
        await handle(app, event(topics.INVOICE_CANCELLED, tenant_id, data))
