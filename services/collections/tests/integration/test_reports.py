"""The collection reports on the real database, through the service's own HTTP API: aging
buckets at their boundaries, defaulters by days and amount, and payment behaviour with DSO;
and the bad parameters they refuse."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from cartera_collections.models import client_replicas
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events.clients import ClientState
from cartera_shared.replicas import upsert_client_replica
from cartera_shared.testing import internal_headers

from .ledger_events import issue_invoice

TODAY = business_day.today()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


async def tenant(app, *names: str) -> tuple[dict[str, str], list[uuid.UUID], uuid.UUID]:
    """A tenant with a client replica per name; its headers, the client ids, the tenant id."""
    tenant_id = uuid.uuid4()
    headers = internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:a")
    ids = []
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        for name in names:
            client_id = uuid.uuid4()
            state = ClientState(
                id=client_id, version=1, legal_name=name, kind="company", tax_id="B1", country="ES"
            )
            await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
            ids.append(client_id)
    return headers, ids, tenant_id


async def owe(app, tenant_id, client_id, issued: int, due: int, amount: str) -> dict:
    return await issue_invoice(
        app,
        tenant_id,
        client_id=client_id,
        issue_date=days(issued),
        due_dates=[(days(due), Decimal(amount))],
    )


async def pay(api, headers, invoice: dict, amount: str, on: int) -> None:
    answer = await api.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": amount, "paid_on": days(on).isoformat()},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text


async def test_aging_puts_each_unpaid_amount_in_its_bucket_at_the_boundaries(app, api):
    headers, (sur, norte), tenant_id = await tenant(app, "Ferretería Sur SL", "Norte SA")
    await owe(app, tenant_id, sur, -5, 0, "100.00")  # due today: current
    partly = await owe(app, tenant_id, sur, -20, -1, "200.00")  # 1 day late
    await owe(app, tenant_id, sur, -40, -30, "50.00")
    await owe(app, tenant_id, sur, -40, -31, "300.00")
    await owe(app, tenant_id, sur, -100, -90, "400.00")
    await owe(app, tenant_id, sur, -100, -91, "500.00")
    await owe(app, tenant_id, norte, -120, -100, "1000.00")
    settled = await owe(app, tenant_id, norte, -120, -95, "999.00")
    await pay(api, headers, partly, "120.00", -1)
    await pay(api, headers, settled, "999.00", -2)

    answer = await api.get("/v1/collections/aging", headers=headers)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["as_of"] == TODAY.isoformat()
    assert body["total"] == {
        "current": "100.00",
        "1-30": "130.00",  # 80 still owed of 200, and 50
        "31-60": "300.00",
        "61-90": "400.00",
        "over_90": "1500.00",  # what was paid in full is owed no more
    }
    # Most owed first, each with its name.
    assert body["clients"] == [
        {
            "client_id": str(sur),
            "legal_name": "Ferretería Sur SL",
            "current": "100.00",
            "1-30": "130.00",
            "31-60": "300.00",
            "61-90": "400.00",
            "over_90": "500.00",
        },
        {
            "client_id": str(norte),
            "legal_name": "Norte SA",
            "current": "0.00",
            "1-30": "0.00",
            "31-60": "0.00",
            "61-90": "0.00",
            "over_90": "1000.00",
        },
    ]


async def test_aging_of_a_tenant_that_is_owed_nothing_is_all_zero(app, api):
    headers, _, _ = await tenant(app)
    answer = await api.get("/v1/collections/aging", headers=headers)
    assert answer.status_code == 200, answer.text
    assert set(answer.json()["total"].values()) == {"0.00"}
    assert answer.json()["clients"] == []


async def test_defaulters_are_chosen_by_days_late_and_amount(app, api):
    headers, (sur, norte), tenant_id = await tenant(app, "Ferretería Sur SL", "Norte SA")
    first = await owe(app, tenant_id, sur, -100, -91, "500.00")
    second = await owe(app, tenant_id, sur, -50, -31, "700.00")
    await owe(app, tenant_id, sur, -40, -30, "9000.00")  # exactly 30 days: not more than 30
    norte_owes = await owe(app, tenant_id, norte, -120, -100, "1000.00")

    answer = await api.get("/v1/collections/defaulters", headers=headers)

    assert answer.status_code == 200, answer.text
    assert answer.json()["items"] == [
        {
            "client_id": str(sur),
            "legal_name": "Ferretería Sur SL",
            "overdue": "1200.00",
            "oldest_due_on": days(-91).isoformat(),
            "invoices": sorted([first["number"], second["number"]]),
            "days_late": 91,
        },
        {
            "client_id": str(norte),
            "legal_name": "Norte SA",
            "overdue": "1000.00",
            "oldest_due_on": days(-100).isoformat(),
            "invoices": [norte_owes["number"]],
            "days_late": 100,
        },
    ]

    above = await api.get(
        "/v1/collections/defaulters", params={"min_amount": "1100"}, headers=headers
    )
    assert [d["client_id"] for d in above.json()["items"]] == [str(sur)]
    later = await api.get("/v1/collections/defaulters", params={"min_days": 95}, headers=headers)
    assert [d["client_id"] for d in later.json()["items"]] == [str(norte)]


async def test_defaulters_refuse_bad_thresholds(app, api):
    headers, _, _ = await tenant(app)
    for params in ({"min_days": 0}, {"min_days": 3651}, {"min_amount": "-1"}, {"min_days": "x"}):
        answer = await api.get("/v1/collections/defaulters", params=params, headers=headers)
        assert answer.status_code == 422, (params, answer.text)


async def test_behaviour_counts_on_time_days_late_and_dso(app, api):
    headers, (sur, norte), tenant_id = await tenant(app, "Ferretería Sur SL", "Norte SA")
    # Paid on its due date, billed long ago (outside DSO's 90 days).
    on_time = await owe(app, tenant_id, sur, -200, -190, "100.00")
    await pay(api, headers, on_time, "100.00", -190)
    # Paid 10 days late.
    late = await owe(app, tenant_id, sur, -60, -50, "200.00")
    await pay(api, headers, late, "200.00", -40)
    # Overdue, 400 of 1000 paid.
    open_one = await owe(app, tenant_id, sur, -20, -10, "1000.00")
    await pay(api, headers, open_one, "400.00", -5)
    # Another client, to see the filter and the order (it owes less overdue).
    await owe(app, tenant_id, norte, -10, 20, "300.00")

    answer = await api.get("/v1/collections/behaviour", headers=headers)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    first = body["clients"][0]
    assert first == {
        "client_id": str(sur),
        "legal_name": "Ferretería Sur SL",
        "instalments_settled": 2,
        "instalments_paid_on_time": 1,
        "instalments_overdue": 1,
        "on_time_fraction": "0.3333",  # 1 on time of 2 settled + 1 overdue
        "average_days_late": "6.7",  # (100 x 0 + 200 x 10) / 300
        "outstanding": "600.00",
        "current_overdue": "600.00",
        "billed_last_90_days": "1200.00",
        "dso": "45.0",  # 600 / 1200 x 90
    }
    assert body["clients"][1]["client_id"] == str(norte)
    assert body["clients"][1]["dso"] == "90.0"  # all it was billed is still owed
    assert body["clients"][1]["on_time_fraction"] is None  # nothing settled, nothing overdue
    assert body["total"]["outstanding"] == "900.00"
    assert body["total"]["billed_last_90_days"] == "1500.00"
    assert body["total"]["dso"] == "54.0"

    only = await api.get(
        "/v1/collections/behaviour", params={"client_id": str(norte)}, headers=headers
    )
    assert [c["client_id"] for c in only.json()["clients"]] == [str(norte)]
    assert only.json()["total"]["outstanding"] == "300.00"


async def test_behaviour_of_an_unknown_client_is_empty_and_a_bad_id_is_refused(app, api):
    headers, _, _ = await tenant(app)
    unknown = await api.get(
        "/v1/collections/behaviour", params={"client_id": str(uuid.uuid4())}, headers=headers
    )
    assert unknown.status_code == 200, unknown.text
    assert unknown.json()["clients"] == []
    assert unknown.json()["total"]["dso"] is None
    assert unknown.json()["total"]["average_days_late"] is None
    bad = await api.get("/v1/collections/behaviour", params={"client_id": "42"}, headers=headers)
    assert bad.status_code == 422
