"""Collections through the gateway: receivables from issued invoices, payments, overdue."""

import asyncio
import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from cartera_shared.events import topics
from cartera_shared.testing import random_cif, read_topic

from .helpers import client_payload, eventually

TODAY = dt.datetime.now(dt.UTC).date()
ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture
async def books(tenant):
    await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Instalaciones Levante S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
            "valid_from": (TODAY - dt.timedelta(days=400)).isoformat(),
        },
    )
    await tenant.client.post("/v1/series", json={"code": "F", "prefix": "F"})
    await tenant.client.post("/v1/series", json={"code": "R", "prefix": "R", "kind": "rectifying"})
    client = await tenant.client.post(
        "/v1/clients",
        json=client_payload(
            payment_terms={"days": 30, "instalments": 2, "interval_days": 30},
            valid_from=(TODAY - dt.timedelta(days=400)).isoformat(),
        ),
    )
    return client.json()


async def issued_invoice(tenant, client_id, *, unit_price="150.00", quantity="2", issue_date=None):
    body = {
        "client_id": client_id,
        "series": "F",
        "lines": [{"description": "Servicio", "quantity": quantity, "unit_price": unit_price}],
    }
    if issue_date:
        body["issue_date"] = issue_date.isoformat()
    draft = (await tenant.client.post("/v1/invoices", json=body)).json()
    issued = await tenant.client.post(f"/v1/invoices/{draft['id']}/issue")
    assert issued.status_code == 200, issued.text
    return issued.json()


async def receivable_of(tenant, invoice_id):
    answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice_id})
    items = answer.json()["items"]
    return items[0] if items else None


async def wait_receivable(tenant, invoice_id):
    async def present():
        return await receivable_of(tenant, invoice_id) is not None

    await eventually(present)
    return await receivable_of(tenant, invoice_id)


async def test_a_receivable_reconciles_with_the_invoice_to_the_cent(tenant, books):
    invoice = await issued_invoice(tenant, books["id"], unit_price="33.33", quantity="3")
    receivable = await wait_receivable(tenant, invoice["id"])
    assert receivable["amount"] == invoice["totals"]["total"] == "120.99"
    assert [i["amount"] for i in receivable["instalments"]] == [
        d["amount"] for d in invoice["due_dates"]
    ]
    assert sum(Decimal(i["amount"]) for i in receivable["instalments"]) == Decimal("120.99")
    assert [i["due_on"] for i in receivable["instalments"]] == [
        d["due_on"] for d in invoice["due_dates"]
    ]
    assert receivable["status"] == "open"


async def test_partial_full_overpaid_and_reversed_payments(tenant, books, kafka_bootstrap):
    invoice = await issued_invoice(tenant, books["id"])  # 363.00 in two instalments
    await wait_receivable(tenant, invoice["id"])

    def pay(amount, **extra):
        return tenant.client.post(
            "/v1/payments",
            json={
                "invoice_id": invoice["id"],
                "amount": amount,
                "paid_on": TODAY.isoformat(),
                **extra,
            },
        )

    first = await pay("100.00")
    assert first.status_code == 201, first.text
    assert first.json()["allocations"] == [{"seq": 1, "amount": "100.00"}]
    too_much = await pay("300.00")
    assert too_much.status_code == 422
    assert too_much.json()["outstanding"] == "263.00"
    rest = await pay("300.00", confirm_overpayment=True)
    assert rest.status_code == 201
    assert (rest.json()["applied"], rest.json()["credit"]) == ("263.00", "37.00")
    settled = await receivable_of(tenant, invoice["id"])
    assert (settled["status"], settled["outstanding"]) == ("settled", "0.00")

    reversed_ = await tenant.client.post(
        f"/v1/payments/{rest.json()['id']}/reverse", json={"reason": "Recibo devuelto"}
    )
    assert reversed_.status_code == 200
    reopened = await receivable_of(tenant, invoice["id"])
    assert (reopened["status"], reopened["outstanding"]) == ("partially_paid", "263.00")
    again = await tenant.client.post(
        f"/v1/payments/{rest.json()['id']}/reverse", json={"reason": "otra vez"}
    )
    assert again.status_code == 409

    events = await read_topic(
        kafka_bootstrap,
        topics.RECEIVABLE_SETTLED,
        until=lambda rs: any(invoice["id"].encode() in r.value for r in rs),
    )
    assert any(json.loads(r.value)["data"]["invoice_id"] == invoice["id"] for r in events)
    recorded = await read_topic(
        kafka_bootstrap,
        topics.PAYMENT_RECORDED,
        until=lambda rs: sum(invoice["id"].encode() in r.value for r in rs) >= 2,
    )
    assert sum(invoice["id"].encode() in r.value for r in recorded) == 2


async def test_payments_are_idempotent_and_bad_ones_refused(tenant, other_tenant, books):
    invoice = await issued_invoice(tenant, books["id"])
    await wait_receivable(tenant, invoice["id"])
    body = {"invoice_id": invoice["id"], "amount": "10.00", "paid_on": TODAY.isoformat()}
    key = {"Idempotency-Key": f"pay-{uuid.uuid4()}"}
    one = await tenant.client.post("/v1/payments", json=body, headers=key)
    two = await tenant.client.post("/v1/payments", json=body, headers=key)
    assert one.json()["id"] == two.json()["id"]
    for bad in (
        {**body, "amount": "-5"},
        {**body, "amount": "0"},
        {**body, "amount": "1.234"},
        {**body, "invoice_id": str(uuid.uuid4())},
        {**body, "paid_on": (TODAY + dt.timedelta(days=1)).isoformat()},
        {**body, "method": "bitcoin"},
    ):
        assert (await tenant.client.post("/v1/payments", json=bad)).status_code == 422, bad
    assert (await other_tenant.client.post("/v1/payments", json=body)).status_code == 422
    paid = await receivable_of(tenant, invoice["id"])
    assert paid["paid"] == "10.00"


async def test_a_rectification_adjusts_the_receivable(tenant, books):
    invoice = await issued_invoice(tenant, books["id"])
    await wait_receivable(tenant, invoice["id"])
    credit = await tenant.client.post(
        f"/v1/invoices/{invoice['id']}/rectify",
        json={
            "series": "R",
            "reason": "Devolución",
            "lines": [{"description": "Devolución", "quantity": "-1", "unit_price": "150.00"}],
        },
    )
    assert credit.status_code == 201, credit.text

    async def adjusted():
        receivable = await receivable_of(tenant, invoice["id"])
        return receivable["amount"] == "181.50"

    await eventually(adjusted)
    receivable = await receivable_of(tenant, invoice["id"])
    assert sum(Decimal(i["amount"]) for i in receivable["instalments"]) == Decimal("181.50")


async def test_overdue_instalments_are_announced_once_and_age(tenant, books, kafka_bootstrap):
    old = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=100))
    await wait_receivable(tenant, old["id"])
    runs = await asyncio.gather(
        *(tenant.client.post("/v1/collections/overdue/run") for _ in range(3))
    )
    assert all(r.status_code == 200 for r in runs), [(r.status_code, r.text) for r in runs]
    again = await tenant.client.post("/v1/collections/overdue/run")
    assert again.json()["marked"] == 0
    receivable = await receivable_of(tenant, old["id"])
    assert [i["status"] for i in receivable["instalments"]] == ["overdue", "overdue"]

    events = await read_topic(
        kafka_bootstrap,
        topics.RECEIVABLE_OVERDUE,
        until=lambda rs: sum(old["id"].encode() in r.value for r in rs) >= 2,
        timeout=10,
    )
    assert sum(old["id"].encode() in r.value for r in events) == 2  # once per instalment

    aging = (await tenant.client.get("/v1/collections/aging")).json()
    assert aging["total"]["61-90"] == "181.50"  # the first instalment, due 70 days ago
    assert aging["total"]["31-60"] == "181.50"
    defaulters = (
        await tenant.client.get("/v1/collections/defaulters", params={"min_days": 30})
    ).json()
    assert [d["client_id"] for d in defaulters["items"]] == [books["id"]]
    assert defaulters["items"][0]["overdue"] == "363.00"


async def test_dunning_sends_each_notice_once_by_email_and_respects_holds(
    tenant, books, mailbox, kafka_bootstrap
):
    late = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=50))
    await wait_receivable(tenant, late["id"])
    assert (await tenant.client.post("/v1/collections/overdue/run")).status_code == 200
    before = len(mailbox.messages)
    first = await tenant.client.post("/v1/collections/dunning/run")
    assert first.json()["sent"] == 1, first.text
    second = await tenant.client.post("/v1/collections/dunning/run")
    assert second.json()["sent"] == 0
    mine = [m for m in mailbox.messages[before:] if late["number"] in m["Subject"]]
    assert len(mine) == 1
    message = mine[0]
    assert message["To"] == books["email"]
    assert message["Subject"].startswith("Requerimiento de pago")  # 20 days late: level 2
    body = message.get_content()
    assert "Factura " + late["number"] in body
    assert "Total pendiente: 181,50 €" in body
    notices = (
        await tenant.client.get(
            "/v1/collections/dunning/notices", params={"invoice_id": late["id"]}
        )
    ).json()["items"]
    assert [(n["level"], n["status"]) for n in notices] == [(2, "sent")]
    events = await read_topic(
        kafka_bootstrap,
        topics.DUNNING_SENT,
        until=lambda rs: any(late["id"].encode() in r.value for r in rs),
    )
    assert sum(late["id"].encode() in r.value for r in events) == 1

    held = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=50))
    await wait_receivable(tenant, held["id"])
    hold = await tenant.client.post(
        "/v1/collections/dunning/holds", json={"invoice_id": held["id"], "reason": "En disputa"}
    )
    assert hold.status_code == 201
    await tenant.client.post("/v1/collections/overdue/run")
    assert (await tenant.client.post("/v1/collections/dunning/run")).json()["sent"] == 0
    assert not [m for m in mailbox.messages if held["number"] in m["Subject"]]


async def test_bad_dunning_settings_are_refused(tenant, books):
    for body in (
        {"levels": []},
        {
            "levels": [
                {"days_after_due": 15, "tone": "formal"},
                {"days_after_due": 3, "tone": "friendly"},
            ]
        },
        {"levels": [{"days_after_due": 0, "tone": "friendly"}]},
        {"levels": [{"days_after_due": 5, "tone": "rude"}]},
    ):
        answer = await tenant.client.put("/v1/collections/dunning/levels", json=body)
        assert answer.status_code == 422, body
    both = {"client_id": books["id"], "invoice_id": str(uuid.uuid4()), "reason": "x"}
    assert (await tenant.client.post("/v1/collections/dunning/holds", json=both)).status_code == 422
    assert (await tenant.client.get("/v1/collections/dunning/levels")).json()["levels"][0] == {
        "level": 1,
        "days_after_due": 3,
        "tone": "friendly",
    }


async def test_a_direct_debit_remittance_is_valid_pain008_collects_and_returns(tenant, books):
    from lxml import etree

    invoice = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=40))
    await wait_receivable(tenant, invoice["id"])
    assert (
        await tenant.client.post(
            "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}
        )
    ).status_code == 422  # no creditor yet
    creditor = await tenant.client.put(
        "/v1/collections/sepa/creditor",
        json={
            "name": "Instalaciones Levante S.L.",
            "iban": "ES9121000418450200051332",
            "bic": "CAIXESBBXXX",
            "nif": "B98765431",
        },
    )
    assert creditor.status_code == 200, creditor.text
    assert creditor.json()["creditor_id"].startswith("ES")
    mandate = {
        "client_id": books["id"],
        "reference": f"MND-{uuid.uuid4().hex[:8]}",
        "signed_on": (TODAY - dt.timedelta(days=60)).isoformat(),
        "debtor_name": books["legal_name"],
        "iban": "ES7921000813610123456789",
    }
    assert (await tenant.client.post("/v1/collections/mandates", json=mandate)).status_code == 201
    assert (await tenant.client.post("/v1/collections/mandates", json=mandate)).status_code == 409
    bad_iban = {**mandate, "reference": "OTRO-1", "iban": "ES0000000000000000000000"}
    assert (await tenant.client.post("/v1/collections/mandates", json=bad_iban)).status_code == 422

    remittance = await tenant.client.post(
        "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}
    )
    assert remittance.status_code == 201, remittance.text
    assert (remittance.json()["count"], remittance.json()["total"]) == (1, "181.50")
    xml = await tenant.client.get(f"/v1/collections/remittances/{remittance.json()['id']}/xml")
    schema_path = (
        Path(__file__).resolve().parents[2].parent
        / "shared"
        / "schemas"
        / "sepa"
        / "pain.008.001.02.xsd"
    )
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(schema_path), parser))
    assert schema.validate(etree.fromstring(xml.content, parser)), schema.error_log

    confirmed = await tenant.client.post(
        f"/v1/collections/remittances/{remittance.json()['id']}/confirm"
    )
    assert confirmed.status_code == 200, confirmed.text
    assert (await receivable_of(tenant, invoice["id"]))["paid"] == "181.50"
    again = await tenant.client.post(
        f"/v1/collections/remittances/{remittance.json()['id']}/confirm"
    )
    assert again.status_code == 409

    returned = await tenant.client.post(
        f"/v1/collections/remittances/{remittance.json()['id']}/returns",
        json={"end_to_end_id": f"{invoice['number']}-1", "reason": "AM04 fondos insuficientes"},
    )
    assert returned.status_code == 200, returned.text
    assert (await receivable_of(tenant, invoice["id"]))["paid"] == "0.00"


async def sepa_ready(tenant, client):
    await tenant.client.put(
        "/v1/collections/sepa/creditor",
        json={
            "name": "Instalaciones Levante S.L.",
            "iban": "ES9121000418450200051332",
            "bic": "CAIXESBBXXX",
            "nif": "B98765431",
        },
    )
    mandate = await tenant.client.post(
        "/v1/collections/mandates",
        json={
            "client_id": client["id"],
            "reference": f"MND-{uuid.uuid4().hex[:8]}",
            "signed_on": (TODAY - dt.timedelta(days=60)).isoformat(),
            "debtor_name": client["legal_name"],
            "iban": "ES7921000813610123456789",
        },
    )
    assert mandate.status_code == 201, mandate.text


async def test_a_debit_collected_after_a_transfer_keeps_every_euro(tenant, books):
    invoice = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=40))
    await wait_receivable(tenant, invoice["id"])
    await sepa_ready(tenant, books)
    remittance = (
        await tenant.client.post(
            "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}
        )
    ).json()
    # Meanwhile the client also paid most of the invoice by transfer.
    transfer = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "250.00", "paid_on": TODAY.isoformat()},
    )
    assert transfer.status_code == 201
    confirmed = await tenant.client.post(f"/v1/collections/remittances/{remittance['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    debits = [
        p
        for p in (
            await tenant.client.get("/v1/payments", params={"invoice_id": invoice["id"]})
        ).json()["items"]
        if p["method"] == "direct_debit"
    ]
    assert [(p["amount"], p["applied"], p["credit"]) for p in debits] == [
        ("181.50", "113.00", "68.50")
    ]
    assert (await receivable_of(tenant, invoice["id"]))["status"] == "settled"


async def test_a_returned_debit_of_a_late_invoice_is_chased_again(tenant, books, mailbox):
    invoice = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=40))
    await wait_receivable(tenant, invoice["id"])
    await tenant.client.post("/v1/collections/overdue/run")  # instalment 1: 10 days late
    await sepa_ready(tenant, books)
    remittance = (
        await tenant.client.post(
            "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}
        )
    ).json()
    await tenant.client.post(f"/v1/collections/remittances/{remittance['id']}/confirm")
    paid = await tenant.client.post("/v1/collections/dunning/run")
    assert paid.json()["sent"] == 0  # settled for now: nobody is chased
    returned = await tenant.client.post(
        f"/v1/collections/remittances/{remittance['id']}/returns",
        json={"end_to_end_id": f"{invoice['number']}-1", "reason": "AM04"},
    )
    assert returned.status_code == 200
    chased = await tenant.client.post("/v1/collections/dunning/run")
    assert chased.json()["sent"] == 1
    assert any(invoice["number"] in m["Subject"] for m in mailbox.messages)
