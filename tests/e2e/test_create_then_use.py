"""What a partner meets first: create something, then use it in the very next call.

Events reach the other services a moment after each write; a partner does not wait for them.
Every call below is made once, straight after the one that created what it names, and must
succeed the first time. Then, once the events have been consumed, nothing may be doubled: one
receivable per invoice with the invoice's own instalments, replicas at the client's version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import text

from cartera_shared.db import create_engine
from cartera_shared.testing import random_cif

from .helpers import REPLICA_HOLDERS, assert_problem, client_payload, eventually, replica_versions

N = 20
NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.date()
ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
IBAN = "ES9121000418450200051332"
TERMS = {"days": 20, "instalments": 3, "interval_days": 20}


async def created(tenant, path, body, method="POST"):
    answer = await tenant.client.request(method, path, json=body)
    assert answer.status_code in (200, 201), f"{method} {path}: {answer.status_code} {answer.text}"
    return answer.json()


async def new_client(tenant, **overrides):
    return await created(
        tenant, "/v1/clients", client_payload(tax_id=random_cif(), payment_terms=TERMS, **overrides)
    )


def interaction(client_id):
    return {
        "client_id": client_id,
        "channel": "phone",
        "direction": "inbound",
        "occurred_at": (NOW - dt.timedelta(minutes=1)).isoformat(),
        "summary": "Llama nada más darse de alta",
        "outcome": "resolved",
    }


def request_for(client_id):
    return {"client_id": client_id, "subject": "Alta", "description": "Primera consulta"}


def mandate(client_id):
    return {
        "client_id": client_id,
        "reference": f"M-{uuid.uuid4().hex[:12]}",
        "signed_on": TODAY.isoformat(),
        "debtor_name": "Talleres Aranda S.L.",
        "iban": IBAN,
    }


def invoice_for(client_id, series):
    return {
        "client_id": client_id,
        "series": series,
        "lines": [{"description": "Revisión", "quantity": "3", "unit_price": "33.33"}],
    }


def issuer(n):
    return {"legal_name": f"Levante {n} S.L.", "tax_id": random_cif(), "fiscal_address": ADDRESS}


async def consumed(owner_url, tenant_id, consumer, topic):
    """How many events of `topic` for the tenant `consumer` has handled (its inbox)."""
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            schema = consumer.split(".", 1)[0]
            count: int = await conn.scalar(
                text(
                    f"SELECT count(*) FROM {schema}.inbox "
                    "WHERE tenant_id = :t AND consumer = :c AND topic = :topic"
                ),
                {"t": tenant_id, "c": consumer, "topic": topic},
            )
            return count
    finally:
        await engine.dispose()


async def wait_consumed(owner_url, tenant_id, consumer, topic, expected):
    async def done():
        return await consumed(owner_url, tenant_id, consumer, topic) >= expected

    await eventually(done, timeout=60, interval=0.3)
    assert await consumed(owner_url, tenant_id, consumer, topic) == expected


async def test_what_was_created_is_usable_in_the_very_next_call(stack, tenant, owner_url):
    clients = []
    for _ in range(N):
        client = await new_client(tenant)
        await created(tenant, "/v1/interactions", interaction(client["id"]))
        clients.append(client)
    for _ in range(N):
        client = await new_client(tenant)
        await created(tenant, "/v1/requests", request_for(client["id"]))
        clients.append(client)
    for _ in range(N):
        client = await new_client(tenant)
        await created(tenant, "/v1/collections/mandates", mandate(client["id"]))
        clients.append(client)
    invoices = []
    for n in range(N):
        # A new issuer version, a new series and a new client, each used at once.
        await created(tenant, "/v1/issuer", issuer(n), method="PUT")
        await created(tenant, "/v1/series", {"code": f"S{n}", "prefix": f"S{n}-"})
        client = await new_client(tenant)
        clients.append(client)
        if n % 2:
            invoice = await created(
                tenant, "/v1/invoices?issue=true", invoice_for(client["id"], f"S{n}")
            )
        else:
            draft = await created(tenant, "/v1/invoices", invoice_for(client["id"], f"S{n}"))
            invoice = await created(tenant, f"/v1/invoices/{draft['id']}/issue", None)
        assert invoice["status"] == "issued"
        assert invoice["recipient"]["tax_id"] == client["tax_id"]
        assert invoice["issuer"]["legal_name"] == f"Levante {n} S.L."
        paid = await created(
            tenant,
            "/v1/payments",
            {"invoice_id": invoice["id"], "amount": "10.00", "paid_on": TODAY.isoformat()},
        )
        assert paid["receivable_status"] == "partially_paid"
        invoices.append(invoice)

    # Now let the events arrive: every replica holder has consumed every client.created, and
    # collections every invoice.issued, which found the receivables already made.
    for service in REPLICA_HOLDERS:
        await wait_consumed(
            owner_url, tenant.id, f"{service}.client-replica", "client.created", len(clients)
        )
    await wait_consumed(
        owner_url, tenant.id, "collections.receivables", "invoice.issued", len(invoices)
    )

    for client in clients:
        versions = await replica_versions(stack, tenant.id, client["id"])
        assert versions == dict.fromkeys(REPLICA_HOLDERS, client["version"]), client["id"]
    for invoice in invoices:
        answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice["id"]})
        [receivable] = answer.json()["items"]
        assert receivable["invoice_number"] == invoice["number"]
        assert receivable["client_id"] == invoice["client_id"]
        assert receivable["issue_date"] == invoice["issue_date"]
        assert receivable["currency"] == invoice["currency"]
        assert Decimal(receivable["invoiced"]) == Decimal(invoice["totals"]["total"])
        assert Decimal(receivable["amount"]) == Decimal(invoice["totals"]["total"])
        assert Decimal(receivable["paid"]) == Decimal("10.00")
        assert [(i["due_on"], Decimal(i["amount"])) for i in receivable["instalments"]] == [
            (d["due_on"], Decimal(d["amount"])) for d in invoice["due_dates"]
        ]
        assert len(receivable["instalments"]) == TERMS["instalments"]
        payments = await tenant.client.get("/v1/payments", params={"invoice_id": invoice["id"]})
        assert len(payments.json()["items"]) == 1
    every = await tenant.client.get("/v1/receivables", params={"limit": 500})
    assert len(every.json()["items"]) == len(invoices)
    logged = await tenant.client.get("/v1/interactions", params={"limit": 200})
    assert len(logged.json()["items"]) == N
    opened = await tenant.client.get("/v1/requests", params={"limit": 200})
    assert len(opened.json()["items"]) == N


async def test_what_does_not_exist_or_is_not_yours_is_refused_and_never_revealed(
    tenant, other_tenant
):
    await created(tenant, "/v1/issuer", issuer(0), method="PUT")
    await created(tenant, "/v1/series", {"code": "F", "prefix": "F"})
    await created(tenant, "/v1/series", {"code": "R", "prefix": "R", "kind": "rectifying"})
    theirs = (await new_client(other_tenant))["id"]
    nobody = str(uuid.uuid4())
    for client_id in (nobody, theirs):
        refusals = [
            await tenant.client.post("/v1/interactions", json=interaction(client_id)),
            await tenant.client.post("/v1/requests", json=request_for(client_id)),
            await tenant.client.post("/v1/collections/mandates", json=mandate(client_id)),
            await tenant.client.post("/v1/invoices", json=invoice_for(client_id, "F")),
            await tenant.client.post("/v1/invoices?issue=true", json=invoice_for(client_id, "F")),
            await tenant.client.post(
                "/v1/follow-ups",
                json={"client_id": client_id, "title": "Llamar", "due_on": TODAY.isoformat()},
            ),
            await tenant.client.post("/v1/surveys", json={"client_id": client_id, "kind": "csat"}),
        ]
        for answer in refusals:
            assert_problem(answer, 422)
            # Another tenant's client reads exactly as one that never existed.
            assert answer.json()["detail"] == f"client_id: there is no client {client_id}."
        timeline = await tenant.client.get(f"/v1/clients/{client_id}/timeline")
        assert_problem(timeline, 404)
    for path in ("/v1/interactions", "/v1/requests", "/v1/invoices", "/v1/receivables"):
        assert (await tenant.client.get(path)).json()["items"] == [], path

    # Payments: an invoice that does not exist, another tenant's, a draft, a rectifying one.
    mine = await new_client(tenant)
    draft = await created(tenant, "/v1/invoices", invoice_for(mine["id"], "F"))
    issued = await created(tenant, "/v1/invoices?issue=true", invoice_for(mine["id"], "F"))
    rectifying = await created(
        tenant,
        f"/v1/invoices/{issued['id']}/rectify",
        {
            "series": "R",
            "reason": "Precio mal aplicado",
            "lines": [{"description": "Descuento", "quantity": "-1", "unit_price": "10.00"}],
        },
    )
    await created(other_tenant, "/v1/issuer", issuer(1), method="PUT")
    await created(other_tenant, "/v1/series", {"code": "F", "prefix": "F"})
    their_invoice = await created(other_tenant, "/v1/invoices?issue=true", invoice_for(theirs, "F"))
    for invoice_id, says in (
        (nobody, f"there is no invoice {nobody}"),
        (their_invoice["id"], f"there is no invoice {their_invoice['id']}"),
        (draft["id"], "is a draft"),
        (rectifying["id"], f"rectifies invoice {issued['id']}"),
    ):
        answer = await tenant.client.post(
            "/v1/payments",
            json={"invoice_id": invoice_id, "amount": "10.00", "paid_on": TODAY.isoformat()},
        )
        assert_problem(answer, 422)
        assert says in answer.json()["detail"]
    assert (await tenant.client.get("/v1/payments")).json()["items"] == []
    # The other tenant's invoice was not touched: no receivable was made for it from here.
    assert (
        await tenant.client.get("/v1/receivables", params={"invoice_id": their_invoice["id"]})
    ).json()["items"] == []


async def test_a_rectification_before_either_event_still_ends_at_the_net_total(tenant, owner_url):
    """Issue, rectify and pay in three calls: whichever of the payment and the events reaches
    collections first, the receivable ends at the original's total as rectified."""
    await created(tenant, "/v1/issuer", issuer(0), method="PUT")
    await created(tenant, "/v1/series", {"code": "F", "prefix": "F"})
    await created(tenant, "/v1/series", {"code": "R", "prefix": "R", "kind": "rectifying"})
    client = await new_client(tenant)
    originals = []
    for _ in range(5):
        original = await created(tenant, "/v1/invoices?issue=true", invoice_for(client["id"], "F"))
        await created(
            tenant,
            f"/v1/invoices/{original['id']}/rectify",
            {
                "series": "R",
                "reason": "Descuento pactado",
                "lines": [{"description": "Descuento", "quantity": "-1", "unit_price": "10.00"}],
            },
        )
        await created(
            tenant,
            "/v1/payments",
            {"invoice_id": original["id"], "amount": "5.00", "paid_on": TODAY.isoformat()},
        )
        originals.append(original)
    await wait_consumed(owner_url, tenant.id, "collections.receivables", "invoice.issued", 5)
    await wait_consumed(owner_url, tenant.id, "collections.receivables", "invoice.rectified", 5)
    for original in originals:
        net = (await tenant.client.get(f"/v1/invoices/{original['id']}")).json()["net_total"]
        answer = await tenant.client.get("/v1/receivables", params={"invoice_id": original["id"]})
        [receivable] = answer.json()["items"]
        assert Decimal(receivable["invoiced"]) == Decimal(original["totals"]["total"])
        assert Decimal(receivable["amount"]) == Decimal(net) == Decimal("108.89")
        assert Decimal(receivable["paid"]) == Decimal("5.00")
        assert sum(Decimal(i["amount"]) for i in receivable["instalments"]) == Decimal(net)
