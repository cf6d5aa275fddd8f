"""GET /v1/analytics/late-payment-risk on the real database, its history projected from the
events analytics consumes (invoice.issued, payment.recorded), and what it adds to the
clients-at-risk list. Another tenant's history, however loud, never enters a tenant's model."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from cartera_analytics.consumers import handle
from cartera_shared.db import tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import internal_headers

AS_OF = dt.date(2026, 11, 15)
PATH = "/v1/analytics/late-payment-risk"


def issued(client_id: str, day: dt.date, total: str = "1210.00") -> dict[str, Any]:
    base = (Decimal(total) / Decimal("1.21")).quantize(Decimal("0.01"))
    return {
        "id": str(uuid.uuid4()),
        "number": f"F-{uuid.uuid4().hex[:8]}",
        "series": "F",
        "invoice_type": "F1",
        "issue_date": day.isoformat(),
        "client_id": client_id,
        "currency": "EUR",
        "recipient": {"legal_name": "Cliente", "tax_id": "B12345674", "country": "ES"},
        "lines": [],
        "amounts": {
            "totals": {
                "taxable_base": str(base),
                "vat": str(Decimal(total) - base),
                "surcharge": "0.00",
                "irpf": "0.00",
                "total": total,
            },
            "withholdings": [],
        },
        "due_dates": [{"due_on": (day + dt.timedelta(days=30)).isoformat(), "amount": total}],
    }


def paid(invoice: dict[str, Any], day: dt.date) -> dict[str, Any]:
    total = invoice["amounts"]["totals"]["total"]
    return {
        "id": str(uuid.uuid4()), "invoice_id": invoice["id"], "client_id": invoice["client_id"],
        "amount": total, "applied": total, "method": "transfer", "paid_on": day.isoformat(),
        "allocations": [{"seq": 1, "amount": total}],
    }  # fmt: skip


@pytest.fixture
def project(app):
    sessions = app.state.runtime.sessions

    async def send(tenant_id: uuid.UUID, kind: str, data: dict[str, Any]) -> None:
        envelope = new_envelope(
            type=kind, tenant_id=tenant_id, producer="test", subject=data["id"], sequence=1,
            data=data,
        )  # fmt: skip
        async with tenant_transaction(sessions, tenant_id) as session:
            await handle(session, envelope)

    return send


async def history(project, tenant_id: uuid.UUID, client: str, late_days: int, n: int) -> str:
    """`n` monthly invoices of the client, each paid `late_days` after its due date, and one
    more still open (due 10 days before AS_OF): the open invoice's id."""
    for k in range(n):
        day = AS_OF - dt.timedelta(days=40 + 30 * (n - k) + late_days)
        invoice = issued(client, day)
        await project(tenant_id, topics.INVOICE_ISSUED, invoice)
        await project(
            tenant_id, topics.PAYMENT_RECORDED, paid(invoice, day + dt.timedelta(30 + late_days))
        )
    open_one = issued(client, AS_OF - dt.timedelta(days=40))
    await project(tenant_id, topics.INVOICE_ISSUED, open_one)
    return str(open_one["id"])


def headers(tenant_id: uuid.UUID, scopes: tuple[str, ...] = ("analytics:read",)) -> dict:
    return internal_headers(tenant_id, service="analytics", scopes=scopes)


@pytest.mark.slow  # about 10 s: fifty events projected one transaction each
async def test_scores_explain_themselves_and_feed_the_clients_at_risk(api, project):
    tenant, other = uuid.uuid4(), uuid.uuid4()
    late, punctual = str(uuid.uuid4()), str(uuid.uuid4())
    late_invoice = await history(project, tenant, late, 55, 10)
    punctual_invoice = await history(project, tenant, punctual, 0, 10)
    # Another tenant: the same client ids, every instalment of both paid very late. Were its
    # rows read, the punctual client's record and the model's counts would change.
    for client in (late, punctual):
        await history(project, other, client, 90, 5)

    # A simplified invoice without a client, never paid: no one to score, nothing to learn.
    anonymous = issued(str(uuid.uuid4()), AS_OF - dt.timedelta(days=200))
    del anonymous["client_id"]
    await project(tenant, topics.INVOICE_ISSUED, anonymous)

    answer = await api.get(PATH, params={"as_of": AS_OF.isoformat()}, headers=headers(tenant))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["model"]["fitted"] is True
    assert body["model"]["outcomes"] == 20  # its own 20 settled instalments, no more
    assert body["model"]["late_outcomes"] == 10
    clients = {c["client_id"]: c for c in body["clients"]}
    assert set(clients) == {late, punctual}
    assert Decimal(clients[late]["probability_fraction"]) > Decimal("0.5")
    assert Decimal(clients[punctual]["probability_fraction"]) < Decimal("0.5")
    assert [i["invoice_id"] for i in body["invoices"]] == [late_invoice, punctual_invoice]
    for item in body["clients"] + body["invoices"]:
        total = Decimal(item["base_log_odds"]) + sum(
            Decimal(r["contribution"]) for r in item["reasons"]
        )
        assert abs(total - Decimal(item["log_odds"])) <= Decimal("0.0005") * 6
        assert {r["feature"] for r in item["reasons"]} == {
            "history", "trend", "amount", "overdue", "reminders"
        }  # fmt: skip
    late_reasons = clients[late]["reasons"]
    assert late_reasons[0]["feature"] == "history"
    assert "10 of its 10 instalments" in late_reasons[0]["detail"]
    assert body["invoices"][0]["days_overdue"] == 10
    assert body["invoices"][0]["outstanding"] == "1210.00"

    one = await api.get(
        PATH, params={"as_of": AS_OF.isoformat(), "client_id": punctual}, headers=headers(tenant)
    )
    assert [c["client_id"] for c in one.json()["clients"]] == [punctual]
    assert [i["invoice_id"] for i in one.json()["invoices"]] == [punctual_invoice]

    at_risk = await api.get(
        "/v1/analytics/clients-at-risk",
        params={"as_of": AS_OF.isoformat()},
        headers=headers(tenant),
    )
    rows = {r["client_id"]: r for r in at_risk.json()["items"]}
    assert "late_payment_risk" in {r["rule"] for r in rows[late]["reasons"]}
    assert rows[late]["late_payment_probability_fraction"] == clients[late]["probability_fraction"]
    assert rows[late]["late_payment_top_reason"]["feature"] == "history"
    assert punctual not in rows

    # A tenant with nothing: the default model, no scores.
    empty = (await api.get(PATH, headers=headers(uuid.uuid4()))).json()
    assert empty["model"]["fitted"] is False
    assert empty["clients"] == []
    assert empty["invoices"] == []


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"as_of": "2026-13-01"}, 422),
        ({"as_of": "1999-12-31"}, 422),
        ({"as_of": "'; drop table analytics.instalments; --"}, 422),
        ({"client_id": "not-a-uuid"}, 422),
    ],
)
async def test_refuses_bad_queries_with_a_problem(api, params, status):
    answer = await api.get(PATH, params=params, headers=headers(uuid.uuid4()))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_needs_the_read_scope(api):
    answer = await api.get(PATH, headers=headers(uuid.uuid4(), scopes=("crm:read",)))
    assert answer.status_code == 403
