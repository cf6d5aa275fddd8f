"""When the clients or the invoicing service does not answer, collections says so with a
retryable 503 and writes nothing; what it already holds needs neither of them.

The collections service runs in this process on the real, migrated test database and the real
broker; its CARTERA_CLIENTS_URL and CARTERA_INVOICING_URL point at loopback ports where nothing
listens.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from cartera_collections import ledger
from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant, tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import internal_headers

TODAY = business_day.today()
TABLES = ("receivables", "instalments", "payments", "mandates", "client_replicas")


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:ana")


async def counts(owner, tenant_id) -> dict[str, int]:
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        found = {
            t: await conn.scalar(text(f"SELECT count(*) FROM collections.{t}")) for t in TABLES
        }
        found["idempotency_keys"] = await conn.scalar(
            text("SELECT count(*) FROM collections.idempotency_keys")
        )
        found["outbox"] = await conn.scalar(
            text("SELECT count(*) FROM collections.outbox WHERE tenant_id = :t"), {"t": tenant_id}
        )
        return found


def mandate(client_id):
    return {
        "client_id": str(client_id),
        "reference": f"M-{uuid.uuid4().hex[:8]}",
        "signed_on": TODAY.isoformat(),
        "debtor_name": "Talleres Aranda S.L.",
        "iban": "ES9121000418450200051332",
    }


def payment(invoice_id):
    return {"invoice_id": str(invoice_id), "amount": "10.00", "paid_on": TODAY.isoformat()}


def assert_unavailable(answer, service):
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert int(answer.headers["retry-after"]) > 0
    assert f"The {service} service did not answer" in answer.json()["detail"]


async def test_a_new_client_s_mandate_waits_for_the_clients_service(api, owner):
    tenant_id = uuid.uuid4()
    answer = await api.post(
        "/v1/collections/mandates", json=mandate(uuid.uuid4()), headers=as_tenant(tenant_id)
    )
    assert_unavailable(answer, "clients")
    assert set((await counts(owner, tenant_id)).values()) == {0}


async def test_a_payment_for_an_invoice_not_yet_here_waits_for_the_invoicing_service(api, owner):
    tenant_id = uuid.uuid4()
    answer = await api.post(
        "/v1/payments",
        json=payment(uuid.uuid4()),
        headers={**as_tenant(tenant_id), "Idempotency-Key": "pay-1"},
    )
    assert_unavailable(answer, "invoicing")
    # Not even the idempotency key was spent: the same key works once invoicing answers.
    assert set((await counts(owner, tenant_id)).values()) == {0}


async def test_late_interest_on_an_invoice_not_yet_here_waits_for_the_invoicing_service(api, owner):
    # Not a 404: the invoice may have been issued a moment ago. "Not yet", with Retry-After.
    tenant_id = uuid.uuid4()
    answer = await api.get(
        "/v1/collections/late-interest",
        params={"invoice_id": str(uuid.uuid4())},
        headers=as_tenant(tenant_id),
    )
    assert_unavailable(answer, "invoicing")
    assert answer.json()["code"] == "unavailable"
    assert set((await counts(owner, tenant_id)).values()) == {0}


async def test_what_collections_holds_needs_neither_service(app, api, owner):
    tenant_id, client_id, invoice_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            text(
                "INSERT INTO collections.client_replicas (tenant_id, client_id, version, status, "
                "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                "'Replicada S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
            ),
            {"t": tenant_id, "c": client_id, "s": f'{{"id": "{client_id}"}}', "e": uuid.uuid4()},
        )
    issued = new_envelope(
        type=topics.INVOICE_ISSUED,
        tenant_id=tenant_id,
        producer="invoicing",
        subject=invoice_id,
        sequence=1,
        data={
            "id": str(invoice_id),
            "number": "F2026-00001",
            "client_id": str(client_id),
            "issue_date": TODAY.isoformat(),
            "currency": "EUR",
            "amounts": {"totals": {"total": "121.00"}},
            "due_dates": [{"due_on": TODAY.isoformat(), "amount": "121.00"}],
        },
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await ledger.on_invoice_issued(session, issued)
    made = await api.post(
        "/v1/collections/mandates", json=mandate(client_id), headers=as_tenant(tenant_id)
    )
    assert made.status_code == 201, made.text
    paid = await api.post("/v1/payments", json=payment(invoice_id), headers=as_tenant(tenant_id))
    assert paid.status_code == 201, paid.text
    assert paid.json()["receivable_status"] == "partially_paid"
