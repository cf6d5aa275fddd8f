"""The client timeline through the crm app: entries of its own and from other services' events,
filtered and paged; a client crm does not know has no timeline."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.timeline.service import FOREIGN_TOPICS, on_event, on_events
from cartera_shared.db import set_tenant
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.registry import CONTRACTS

from .tenants import Tenant, as_tenant, problem

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


async def test_a_batch_of_events_leaves_the_timeline_one_by_one_leaves(owner, tenant):
    """The consumer's batch path (`on_events`, rows written together) against the same events
    delivered one at a time: every kind of event, one delivered twice under two event ids, an
    invoice and its cancellation (one invoice reference), one about no client."""
    other = Tenant(id=uuid.uuid4(), client_id=uuid.uuid4(), owner=owner)
    other.client_id = await other.add_client(email="compras@otro.es")
    invoice = {**example_data(CONTRACTS[topics.INVOICE_ISSUED]), "id": str(uuid.uuid4())}

    def burst(client_id: uuid.UUID) -> list[tuple[str, dict[str, object]]]:
        about = {"client_id": str(client_id)}
        events = [(topic, {**example_data(CONTRACTS[topic]), **about}) for topic in FOREIGN_TOPICS]
        return [
            *events,
            (topics.INVOICE_ISSUED, {**invoice, **about}),
            (topics.INVOICE_CANCELLED, {**events[2][1], **about, "id": invoice["id"]}),
            (topics.INVOICE_ISSUED, {**invoice, **about}),
            (topics.PAYMENT_RECORDED, {**events[3][1], "client_id": None, "id": str(uuid.uuid4())}),
        ]

    one_by_one = [
        new_envelope(type=topic, tenant_id=tenant.id, producer="x", subject="x", sequence=1,
                     data=data)
        for topic, data in burst(tenant.client_id)
    ]  # fmt: skip
    # The same events, to the other tenant's client (their times too: some entries take it).
    batched = [
        envelope.model_copy(update={"id": uuid.uuid4(), "tenant_id": other.id, "data": data})
        for envelope, (_, data) in zip(one_by_one, burst(other.client_id), strict=True)
    ]
    for envelope in one_by_one:
        async with owner.connect() as conn, conn.begin():
            await set_tenant(conn, tenant.id)
            await on_event(AsyncSession(bind=conn), envelope)
    async with owner.connect() as conn, conn.begin():
        await set_tenant(conn, other.id)
        await on_events(AsyncSession(bind=conn), other.id, batched)

    async def timeline(of: Tenant) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        async with owner.connect() as conn, conn.begin():
            await set_tenant(conn, of.id)
            entries = await conn.execute(
                text(
                    "SELECT kind, occurred_at, title, details, ref, dedup_key"
                    " FROM crm.timeline_entries WHERE tenant_id = :t"
                ),
                {"t": of.id},
            )
            refs = await conn.execute(
                text("SELECT invoice_id, number FROM crm.invoice_refs WHERE tenant_id = :t"),
                {"t": of.id},
            )
            return sorted(tuple(map(str, r)) for r in entries), sorted(
                tuple(map(str, r)) for r in refs
            )

    expected = await timeline(tenant)
    assert await timeline(other) == expected
    entries, refs = expected
    # One entry per fact: the seven kinds and the second invoice's issue and cancellation.
    assert len(entries) == len(FOREIGN_TOPICS) + 2, entries
    assert len(refs) == 3, refs  # the example issue, the rectification, the second invoice
