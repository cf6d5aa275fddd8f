"""GET /v1/analytics/cash-forecast on the real database, its history fed through the consumers
as the events come: each client's days late, returned direct debits and dunning holds left out,
another tenant's receivables never counted, and the bad inputs a partner may send."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from cartera_analytics.consumers import handle
from cartera_analytics.forecast.holds import handle_hold
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import internal_headers

TODAY = business_day.today()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())


def invoice(client_id: str, issued: dt.date, due: dt.date, total: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "number": f"F-{uuid.uuid4().hex[:6]}",
        "series": "F",
        "invoice_type": "F1",
        "issue_date": issued.isoformat(),
        "client_id": client_id,
        "currency": "EUR",
        "lines": [],
        "amounts": {
            "totals": {"taxable_base": total, "vat": "0.00", "irpf": "0.00", "total": total},
            "withholdings": [],
        },
        "due_dates": [{"due_on": due.isoformat(), "amount": total}],
    }


def payment(issued: dict[str, Any], day: dt.date, method: str = "transfer") -> dict[str, Any]:
    total = issued["amounts"]["totals"]["total"]
    return {
        "id": str(uuid.uuid4()),
        "invoice_id": issued["id"],
        "client_id": issued["client_id"],
        "amount": total,
        "applied": total,
        "method": method,
        "paid_on": day.isoformat(),
        "allocations": [{"seq": 1, "amount": total}],
    }


@pytest.fixture
def tenants(app):
    sessions = app.state.runtime.sessions

    def make() -> tuple[uuid.UUID, Any]:
        tenant_id = uuid.uuid4()

        async def feed(kind: str, data: dict[str, Any], subject: str = "") -> None:
            envelope = new_envelope(
                type=kind, tenant_id=tenant_id, producer="test",
                subject=subject or data.get("id", "x"), sequence=1, data=data,
            )  # fmt: skip
            handler = handle_hold if kind == topics.DUNNING_HOLD_CHANGED else handle
            async with tenant_transaction(sessions, tenant_id) as session:
                await handler(session, envelope)

        return tenant_id, feed

    return make


async def forecast(api, tenant_id: uuid.UUID, **params: Any) -> Any:
    headers = internal_headers(tenant_id, service="analytics", scopes=("analytics:read",))
    return await api.get("/v1/analytics/cash-forecast", params=params, headers=headers)


def money(value: str) -> Decimal:
    return Decimal(value)


async def test_the_forecast_follows_the_clients_habit_and_leaves_out_what_is_held_or_returned(
    api, tenants
):
    tenant_id, feed = tenants()
    late_payer = str(uuid.uuid4())
    # Six settled instalments, each paid exactly 21 days late: its habit.
    for k in range(6):
        due = TODAY - dt.timedelta(days=200 - 20 * k)
        settled = invoice(late_payer, due - dt.timedelta(days=30), due, "100.00")
        await feed(topics.INVOICE_ISSUED, settled)
        await feed(topics.PAYMENT_RECORDED, payment(settled, due + dt.timedelta(days=21)))
    # Open: 1,000 due on this week's Monday. The naive forecast says this week; the client's
    # habit says three weeks on.
    due_now = invoice(late_payer, MONDAY - dt.timedelta(days=30), MONDAY, "1000.00")
    await feed(topics.INVOICE_ISSUED, due_now)
    # A direct debit paid 200, and the bank returned it: owed again, not forecast.
    debited = invoice(
        late_payer, TODAY - dt.timedelta(days=10), TODAY + dt.timedelta(days=20), "200.00"
    )
    await feed(topics.INVOICE_ISSUED, debited)
    returned = payment(debited, TODAY - dt.timedelta(days=2), method="direct_debit")
    await feed(topics.PAYMENT_RECORDED, returned)
    await feed(topics.PAYMENT_REVERSED, {**returned, "reversed": True, "reason": "AC04"})
    # 300 under a dunning hold (disputed): not forecast while the hold lasts.
    disputed = invoice(
        late_payer, TODAY - dt.timedelta(days=5), TODAY + dt.timedelta(days=25), "300.00"
    )
    await feed(topics.INVOICE_ISSUED, disputed)
    hold = {"hold_id": str(uuid.uuid4()), "client_id": None, "invoice_id": disputed["id"],
            "until": None, "reason": "Importe en disputa", "released": False}  # fmt: skip
    await feed(topics.DUNNING_HOLD_CHANGED, hold, subject=hold["hold_id"])

    # Another tenant's receivables, due the same day, are never counted here.
    other_id, other_feed = tenants()
    await other_feed(
        topics.INVOICE_ISSUED,
        invoice(late_payer, MONDAY - dt.timedelta(days=9), MONDAY, "99999.00"),
    )

    answer = await forecast(api, tenant_id)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert len(body["weeks"]) == 13
    assert body["weeks"][0]["week_start"] == MONDAY.isoformat()
    assert body["weeks"][0]["week_end"] == (MONDAY + dt.timedelta(days=6)).isoformat()
    assert body["open"] == "1000.00"
    assert body["excluded"] == {"returned_direct_debit": "200.00", "disputed": "300.00"}
    assert (body["clients_with_history"], body["settled_instalments"], body["basis"]) == (
        1,
        6,
        "client_distribution",
    )
    expected = [money(w["expected"]) for w in body["weeks"]]
    assert abs(sum(expected) + money(body["later"]) - Decimal("1000.00")) <= Decimal("0.13")
    # 21 days late from this Monday is three weeks on: most of it lands there, not this week.
    assert expected[3] > Decimal("500.00")
    assert expected[3] == max(expected)
    for w in body["weeks"]:
        assert money(w["low"]) <= money(w["expected"]) <= money(w["high"])

    other = (await forecast(api, other_id, weeks=2)).json()
    assert other["open"] == "99999.00"
    assert other["basis"] == "default_distribution"  # no history: the default alone

    # The hold released: the disputed 300 is forecast again.
    await feed(topics.DUNNING_HOLD_CHANGED, {**hold, "released": True}, subject=hold["hold_id"])
    again = (await forecast(api, tenant_id, weeks=52)).json()
    assert len(again["weeks"]) == 52
    assert again["open"] == "1300.00"
    assert again["excluded"] == {"returned_direct_debit": "200.00", "disputed": "0.00"}
    # A placement delivered again after the release does not bring the hold back.
    await feed(topics.DUNNING_HOLD_CHANGED, hold, subject=hold["hold_id"])
    assert (await forecast(api, tenant_id, weeks=1)).json()["excluded"]["disputed"] == "0.00"


async def test_nothing_open_is_zeros(api, tenants):
    tenant_id, _ = tenants()
    body = (await forecast(api, tenant_id, weeks=3)).json()
    assert body["open"] == "0.00"
    assert [w["expected"] for w in body["weeks"]] == ["0.00"] * 3
    assert body["basis"] == "default_distribution"


@pytest.mark.parametrize("weeks", ["0", "53", "-1", "x", "1.5", "999999999999"])
async def test_weeks_out_of_range_is_a_problem(api, tenants, weeks):
    tenant_id, _ = tenants()
    answer = await forecast(api, tenant_id, weeks=weeks)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"][0]["loc"][-1] == "weeks"


async def test_the_forecast_needs_analytics_read(api, tenants):
    tenant_id, _ = tenants()
    headers = internal_headers(tenant_id, service="analytics", scopes=("collections:read",))
    answer = await api.get("/v1/analytics/cash-forecast", headers=headers)
    assert answer.status_code == 403


async def test_the_month_so_far_is_compared_with_the_same_days_of_last_month(api, tenants):
    # (The billing evolution's month_to_date, which the dashboard's "Facturado este mes" shows.)
    from cartera_analytics.domain.periods import same_days_last_month

    tenant_id, feed = tenants()
    client = str(uuid.uuid4())
    compare_from, compare_to = same_days_last_month(TODAY)
    await feed(topics.INVOICE_ISSUED, invoice(client, TODAY.replace(day=1), TODAY, "150.00"))
    await feed(topics.INVOICE_ISSUED, invoice(client, compare_to, compare_to, "100.00"))
    last_of_previous = TODAY.replace(day=1) - dt.timedelta(days=1)
    if compare_to < last_of_previous:  # later in last month: outside the comparison
        await feed(topics.INVOICE_ISSUED, invoice(client, last_of_previous, TODAY, "900.00"))
    _, other_feed = tenants()
    await other_feed(topics.INVOICE_ISSUED, invoice(client, compare_from, compare_to, "5000.00"))
    headers = internal_headers(tenant_id, service="analytics", scopes=("analytics:read",))
    answer = await api.get("/v1/analytics/evolution", params={"top": 0}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["month_to_date"] == {
        "from": TODAY.replace(day=1).isoformat(),
        "to": TODAY.isoformat(),
        "taxable_base": "150.00",
        "compare_from": compare_from.isoformat(),
        "compare_to": compare_to.isoformat(),
        "compare_taxable_base": "100.00",
        "change_fraction": "0.5000",
    }
