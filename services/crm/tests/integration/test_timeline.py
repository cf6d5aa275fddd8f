"""The client timeline through the crm app: entries of its own and from other services' events,
filtered and paged; a client crm does not know has no timeline."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.timeline.service import on_event
from cartera_shared.db import set_tenant
from cartera_shared.events import new_envelope, topics

from .tenants import as_tenant, problem

NOW = dt.datetime.now(dt.UTC)


async def deliver(tenant, topic, data):
    """What the `crm.timeline` consumer does with an event, in a transaction of the tenant."""
    envelope = new_envelope(
        type=topic, tenant_id=tenant.id, producer="collections", subject="x", sequence=1, data=data
    )
    async with tenant.owner.connect() as conn, conn.begin():
        await set_tenant(conn, tenant.id)
        await on_event(AsyncSession(bind=conn), envelope)


def a_payment(tenant, payment_id, paid_on):
    return {
        "id": str(payment_id),
        "client_id": str(tenant.client_id),
        "amount": "1210.00",
        "currency": "EUR",
        "paid_on": paid_on.isoformat(),
        "method": "transfer",
        "invoice_id": str(uuid.uuid4()),
        "invoice_number": "F-2026-0142",
    }


async def test_a_payment_event_is_one_entry_on_its_day_however_often_it_comes(crm, tenant):
    payment_id = uuid.uuid4()
    paid_on = (NOW - dt.timedelta(days=3)).date()
    for _ in range(2):  # redelivered
        await deliver(tenant, topics.PAYMENT_RECORDED, a_payment(tenant, payment_id, paid_on))
    page = (
        await crm.get(f"/v1/clients/{tenant.client_id}/timeline", headers=tenant.headers)
    ).json()
    [entry] = page["items"]
    assert entry["kind"] == "payment_recorded"  # the timeline's kinds, not the event's type
    assert entry["occurred_at"] == f"{paid_on.isoformat()}T12:00:00.000000Z"
    assert entry["title"] == "Pago recibido: 1.210,00 € (factura F-2026-0142)"
    assert entry["details"]["amount"] == "1210.00"
    assert entry["ref"] == {"type": "payment", "id": str(payment_id)}


async def test_kinds_filter_and_pages_go_back_in_time(crm, tenant):
    await deliver(tenant, topics.PAYMENT_RECORDED, a_payment(tenant, uuid.uuid4(), NOW.date()))
    for hours in (2, 1):
        logged = await crm.post(
            "/v1/interactions",
            json={
                "client_id": str(tenant.client_id),
                "channel": "email",
                "direction": "outbound",
                "occurred_at": (NOW - dt.timedelta(hours=hours)).isoformat(),
                "summary": "Envío del duplicado",
                "outcome": "resolved",
            },
            headers=tenant.headers,
        )
        assert logged.status_code == 201, logged.text
    path = f"/v1/clients/{tenant.client_id}/timeline"
    only = await crm.get(path, params={"kind": "interaction"}, headers=tenant.headers)
    assert [e["kind"] for e in only.json()["items"]] == ["interaction", "interaction"]
    first = (await crm.get(path, params={"limit": 2}, headers=tenant.headers)).json()
    rest = (
        await crm.get(
            path, params={"limit": 2, "cursor": first["next_cursor"]}, headers=tenant.headers
        )
    ).json()
    moments = [e["occurred_at"] for e in first["items"] + rest["items"]]
    assert len(moments) == 3
    assert moments == sorted(moments, reverse=True)
    assert rest["next_cursor"] is None


async def test_unknown_clients_and_bad_filters_are_refused(crm, tenant):
    problem(await crm.get(f"/v1/clients/{uuid.uuid4()}/timeline", headers=tenant.headers), 404)
    # Another tenant's client is as unknown as one that never existed.
    stranger = as_tenant(uuid.uuid4())
    problem(await crm.get(f"/v1/clients/{tenant.client_id}/timeline", headers=stranger), 404)
    path = f"/v1/clients/{tenant.client_id}/timeline"
    for params in (
        {"kind": "payment.recorded"},
        {"limit": 0},
        {"cursor": "not-a-cursor"},
        {"since": "2026-12-01T10:00:00"},
    ):
        problem(await crm.get(path, params=params, headers=tenant.headers), 422)
    problem(await crm.get(path, headers=as_tenant(tenant.id, scopes=("crm:survey",))), 403)
