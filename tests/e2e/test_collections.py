"""Collections through the gateway: receivables from issued invoices, payments, overdue."""

import asyncio
import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest

from cartera_collections.xml_schemas import PAIN_008_XSD
from cartera_shared import business_day
from cartera_shared.events import topics
from cartera_shared.testing import random_cif, read_topic

from .helpers import assert_problem, client_payload, eventually, walk_pages

TODAY = business_day.today()
# The books open early enough for the dated late-interest cases below.
BOOKS_OPEN = min(TODAY - dt.timedelta(days=400), dt.date(2025, 1, 1))
ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture
async def books(tenant):
    await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Instalaciones Levante S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
            "valid_from": BOOKS_OPEN.isoformat(),
        },
    )
    await tenant.client.post("/v1/series", json={"code": "F", "prefix": "F"})
    await tenant.client.post("/v1/series", json={"code": "R", "prefix": "R", "kind": "rectifying"})
    client = await tenant.client.post(
        "/v1/clients",
        json=client_payload(
            payment_terms={"days": 30, "instalments": 2, "interval_days": 30},
            valid_from=BOOKS_OPEN.isoformat(),
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


async def test_payments_are_listed_a_page_at_a_time_in_the_order_recorded(tenant, books):
    invoice = await issued_invoice(tenant, books["id"])  # 363.00
    await wait_receivable(tenant, invoice["id"])
    recorded = []
    for cents in range(101, 106):
        paid = await tenant.client.post(
            "/v1/payments",
            json={
                "invoice_id": invoice["id"],
                "amount": f"{cents / 100:.2f}",
                "paid_on": TODAY.isoformat(),
            },
        )
        assert paid.status_code == 201, paid.text
        recorded.append(paid.json()["id"])

    async def ids(**params):
        items, cursors = await walk_pages(tenant.client, "/v1/payments", **params)
        return [p["id"] for p in items], cursors

    seen, oldest_cursors = await ids()
    assert (seen, len(oldest_cursors)) == (recorded, 2)  # 2 + 2 + 1
    seen, newest_cursors = await ids(order="newest")
    assert (seen, len(newest_cursors)) == (recorded[::-1], 2)
    whole = (await tenant.client.get("/v1/payments")).json()
    assert ([p["id"] for p in whole["items"]], whole["next_cursor"]) == (recorded, None)
    latest = (
        await tenant.client.get("/v1/payments", params={"order": "newest", "limit": 1})
    ).json()
    assert [p["id"] for p in latest["items"]] == recorded[-1:]
    for bad in (
        {"limit": 0},
        {"limit": 501},
        {"cursor": "not-a-cursor"},
        {"cursor": "x" * 201},
        {"order": "random"},
        # A cursor of one order read in the other would page the wrong way: refused.
        {"cursor": oldest_cursors[0], "order": "newest"},
        {"cursor": newest_cursors[0]},
    ):
        assert_problem(await tenant.client.get("/v1/payments", params=bad), 422)


async def test_receivables_are_listed_a_page_at_a_time_by_status_either_way(tenant, books):
    invoices = [await issued_invoice(tenant, books["id"]) for _ in range(3)]  # 363.00 each
    receivables = {i["id"]: (await wait_receivable(tenant, i["id"]))["id"] for i in invoices}
    settled, partly, untouched = (receivables[i["id"]] for i in invoices)
    for invoice, amount in ((invoices[0], "363.00"), (invoices[1], "50.00")):
        paid = await tenant.client.post(
            "/v1/payments",
            json={"invoice_id": invoice["id"], "amount": amount, "paid_on": TODAY.isoformat()},
        )
        assert paid.status_code == 201, paid.text

    async def pages_of(**params):
        items, cursors = await walk_pages(tenant.client, "/v1/receivables", **params)
        # each with its own instalments, in order
        assert all([i["seq"] for i in r["instalments"]] == [1, 2] for r in items)
        return [r["id"] for r in items], cursors

    oldest, oldest_cursors = await pages_of()
    newest, newest_cursors = await pages_of(order="newest")
    assert sorted(oldest) == sorted(receivables.values())
    assert (newest, len(oldest_cursors)) == (oldest[::-1], 1)
    assert (await pages_of(status="settled"))[0] == [settled]
    owed = (await pages_of(status=["open", "partially_paid"]))[0]
    assert owed == [r for r in oldest if r in (partly, untouched)]
    assert (await pages_of(status="partially_paid", order="newest"))[0] == [partly]
    by_invoice = await tenant.client.get(
        "/v1/receivables", params={"invoice_id": invoices[2]["id"]}
    )
    assert [r["id"] for r in by_invoice.json()["items"]] == [untouched]

    for bad in (
        {"status": "overdue"},
        {"status": ["open", "late"]},
        {"order": "latest"},
        {"limit": 0},
        {"limit": 501},
        {"client_id": "nobody"},
        {"cursor": settled},  # the form cursors had before (a receivable id) is no cursor now
        {"cursor": "x" * 201},
        {"cursor": oldest_cursors[0], "order": "newest"},
        {"cursor": newest_cursors[0]},
    ):
        assert_problem(await tenant.client.get("/v1/receivables", params=bad), 422)


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
    reused = await tenant.client.post("/v1/payments", json={**body, "amount": "11.00"}, headers=key)
    assert reused.status_code == 409  # the same key for another payment is refused
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

    # The notices are listed a page at a time, either way.
    later = await issued_invoice(tenant, books["id"], issue_date=TODAY - dt.timedelta(days=50))
    await wait_receivable(tenant, later["id"])
    await tenant.client.post("/v1/collections/overdue/run")
    assert (await tenant.client.post("/v1/collections/dunning/run")).json()["sent"] == 1
    listed = {}
    for order in ("oldest", "newest"):
        first_page = await tenant.client.get(
            "/v1/collections/dunning/notices", params={"limit": 1, "order": order}
        )
        assert first_page.status_code == 200, first_page.text
        cursor = first_page.json()["next_cursor"]
        rest = await tenant.client.get(
            "/v1/collections/dunning/notices", params={"limit": 1, "order": order, "cursor": cursor}
        )
        assert rest.json()["next_cursor"] is None
        listed[order] = [n["invoice_id"] for n in first_page.json()["items"] + rest.json()["items"]]
        listed[f"{order} cursor"] = cursor
    assert listed["oldest"] == [late["id"], later["id"]]
    assert listed["newest"] == [later["id"], late["id"]]
    for bad in (
        {"limit": 0},
        {"limit": 501},
        {"order": "latest"},
        {"invoice_id": "F2026-1"},
        {"cursor": "not-a-cursor"},
        {"cursor": listed["oldest cursor"], "order": "newest"},
        {"cursor": listed["newest cursor"]},
    ):
        assert_problem(await tenant.client.get("/v1/collections/dunning/notices", params=bad), 422)


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
    schema_path = PAIN_008_XSD
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


# --- Bank statements -----------------------------------------------------------------------------

CLIENT_IBAN = "ES7921000813610123456789"


def n43_record(*fields):
    chars = [" "] * 80
    for start, text in fields:
        chars[start - 1 : start - 1 + len(text)] = text
    return "".join(chars)


def norma43(movements, day=TODAY):
    """A one-account Norma 43 file: movements are (cents, concept text); negative = a charge."""
    yymmdd = day.strftime("%y%m%d")
    opening = 500000
    records = [
        n43_record(
            (1, "11"), (3, "2100"), (7, "0418"), (11, "0200051332"), (21, yymmdd),
            (27, yymmdd), (33, "2"), (34, f"{opening:014d}"), (48, "978"), (51, "3"),
            (52, "INSTALACIONES LEVANTE SL"),
        )
    ]  # fmt: skip
    debits = [-c for c, _ in movements if c < 0]
    credits = [c for c, _ in movements if c > 0]
    for cents, text in movements:
        records.append(
            n43_record(
                (1, "22"), (7, "0418"), (11, yymmdd), (17, yymmdd), (23, "02"), (25, "099"),
                (28, "1" if cents < 0 else "2"), (29, f"{abs(cents):014d}"),
                (43, "0000000000"),
            )
        )  # fmt: skip
        records.append(n43_record((1, "23"), (3, "01"), (5, text[:38]), (43, text[38:76])))
    closing = opening + sum(credits) - sum(debits)
    records.append(
        n43_record(
            (1, "33"), (3, "2100"), (7, "0418"), (11, "0200051332"),
            (21, f"{len(debits):05d}"), (26, f"{sum(debits):014d}"),
            (40, f"{len(credits):05d}"), (45, f"{sum(credits):014d}"),
            (59, "2"), (60, f"{closing:014d}"), (74, "978"),
        )
    )  # fmt: skip
    records.append(n43_record((1, "88"), (3, "9" * 18), (21, f"{len(records):06d}")))
    return ("\r\n".join(records) + "\r\n").encode("latin-1")


def camt053(amount, debtor_iban, remittance="", day=TODAY):
    closing = Decimal("1000.00") + Decimal(amount)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>STMT-{uuid.uuid4().hex[:12]}</MsgId><CreDtTm>{day}T18:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>1</Id><CreDtTm>{day}T18:00:00</CreDtTm>
   <Acct><Id><IBAN>ES9121000418450200051332</IBAN></Id><Ccy>EUR</Ccy></Acct>
   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
   <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{closing}</Amt>
    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>
   <Ntry>
    <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>
    <AcctSvcrRef>BANK-{uuid.uuid4().hex[:10]}</AcctSvcrRef>
    <BkTxCd/>
    <NtryDtls><TxDtls>
     <RltdPties><Dbtr><Nm>Talleres Aranda</Nm></Dbtr>
      <DbtrAcct><Id><IBAN>{debtor_iban}</IBAN></Id></DbtrAcct></RltdPties>
     <RmtInf><Ustrd>{remittance}</Ustrd></RmtInf>
    </TxDtls></NtryDtls>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>""".encode()


async def import_statement(tenant, body, content_type="text/plain", **params):
    return await tenant.client.post(
        "/v1/collections/bank-statements",
        content=body,
        headers={"Content-Type": content_type},
        params=params,
    )


async def test_a_statement_settles_what_it_clearly_pays_and_the_rest_waits(tenant, books):
    exact = await issued_invoice(tenant, books["id"])  # 363.00
    partial = await issued_invoice(tenant, books["id"])
    other = await issued_invoice(tenant, books["id"])
    for invoice in (exact, partial, other):
        await wait_receivable(tenant, invoice["id"])
    statement = norma43(
        [
            (36300, f"TRANSF. TALLERES ARANDA PAGO FRA {exact['number']}"),
            (10000, f"A CUENTA FACTURA {partial['number']}"),
            (5000, "INGRESO EN EFECTIVO SIN CONCEPTO"),
            (-1250, "COMISION MANTENIMIENTO CUENTA"),
        ]
    )
    answer = await import_statement(tenant, statement, filename="n43-hoy.txt")
    assert answer.status_code == 201, answer.text
    imported = answer.json()
    assert imported["format"] == "norma43"
    assert imported["lines"] == {
        "matched": 2, "proposed": 0, "unmatched": 1, "applied": 0, "dismissed": 0, "outgoing": 1,
        "other_account": 0,
    }  # fmt: skip
    assert imported["applied"] is True
    assert [a["applied"] for a in imported["accounts"]] == [True]
    assert (await receivable_of(tenant, exact["id"]))["status"] == "settled"
    part = await receivable_of(tenant, partial["id"])
    assert (part["paid"], part["status"]) == ("100.00", "partially_paid")

    # The same file again changes nothing.
    again = await import_statement(tenant, statement)
    assert again.status_code == 409
    assert again.json()["statement_id"] == imported["id"]
    assert len((await tenant.client.get("/v1/payments", params={"client_id": books["id"]})).json()[
        "items"
    ]) == 2  # fmt: skip

    review = (await tenant.client.get("/v1/collections/bank-statement-lines")).json()["items"]
    assert [(line["amount"], line["status"]) for line in review] == [("50.00", "unmatched")]
    waiting = review[0]
    no_invoice = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{waiting['id']}/apply", json={}
    )
    assert no_invoice.status_code == 422
    applied = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{waiting['id']}/apply",
        json={"invoice_id": other["id"]},
    )
    assert applied.status_code == 200, applied.text
    assert applied.json()["status"] == "applied"
    assert (await receivable_of(tenant, other["id"]))["paid"] == "50.00"
    twice = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{waiting['id']}/apply",
        json={"invoice_id": other["id"]},
    )
    assert twice.status_code == 409
    assert (await receivable_of(tenant, other["id"]))["paid"] == "50.00"
    assert (await tenant.client.get("/v1/collections/bank-statement-lines")).json()["items"] == []


async def test_a_camt053_credit_from_the_clients_iban_is_proposed_not_applied(tenant, books):
    patched = await tenant.client.patch(
        f"/v1/clients/{books['id']}", json={"bank_accounts": [{"iban": CLIENT_IBAN}]}
    )
    assert patched.status_code == 200, patched.text
    invoice = await issued_invoice(tenant, books["id"], unit_price="217.37", quantity="1")

    async def iban_known():
        replicas = (await tenant.client.get(f"/v1/clients/{books['id']}/replicas")).json()
        return replicas["replicas"]["collections"]["version"] == patched.json()["version"]

    await eventually(iban_known)
    await wait_receivable(tenant, invoice["id"])  # 263.02
    answer = await import_statement(
        tenant, camt053("263.02", CLIENT_IBAN.replace("ES79", "ES79 ")), "application/xml"
    )
    assert answer.status_code == 201, answer.text
    line = answer.json()["items"][0]
    assert (line["status"], line["invoice_id"], line["confidence"]) == (
        "proposed",
        invoice["id"],
        "amount_and_account",
    )
    assert (await receivable_of(tenant, invoice["id"]))["paid"] == "0.00"
    confirmed = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{line['id']}/apply", json={}
    )
    assert confirmed.status_code == 200, confirmed.text
    assert (await receivable_of(tenant, invoice["id"]))["status"] == "settled"


async def test_bad_statements_are_refused_whole(tenant, other_tenant, books):
    invoice = await issued_invoice(tenant, books["id"])
    await wait_receivable(tenant, invoice["id"])
    good = norma43([(36300, f"PAGO FRA {invoice['number']}")])
    lines = good.decode("latin-1").split("\r\n")
    short_line = "\r\n".join([lines[0], lines[1][:70], *lines[2:]]).encode("latin-1")
    wrong_total = good.replace(b"2" + f"{500000 + 36300:014d}".encode(), b"2" + b"9" * 14)
    for body, content_type in (
        (short_line, "text/plain"),
        (wrong_total, "text/plain"),
        (b"   \r\n", "text/plain"),
        (b"<Document><unclosed></Document>", "application/xml"),
        (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<Document>&x;</Document>",
            "application/xml",
        ),
        (camt053("-5.00", CLIENT_IBAN), "application/xml"),
    ):
        answer = await import_statement(tenant, body, content_type)
        assert answer.status_code == 422, (answer.status_code, answer.text, body[:60])
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert (await import_statement(tenant, good, "application/json")).status_code == 415
    assert (await import_statement(tenant, good, format="mt940")).status_code == 422
    assert (await tenant.client.get("/v1/collections/bank-statements")).json()["items"] == []
    assert (await receivable_of(tenant, invoice["id"]))["paid"] == "0.00"

    # Another tenant can neither see nor apply this tenant's lines.
    mine = (await import_statement(tenant, norma43([(1234, "SIN REFERENCIA")]))).json()
    line_id = mine["items"][0]["id"]
    assert (
        await other_tenant.client.get(f"/v1/collections/bank-statements/{mine['id']}")
    ).status_code == 404
    stolen = await other_tenant.client.post(
        f"/v1/collections/bank-statement-lines/{line_id}/dismiss", json={"reason": "mío"}
    )
    assert stolen.status_code == 404
    assert (await other_tenant.client.get("/v1/collections/bank-statement-lines")).json()[
        "items"
    ] == []  # fmt: skip
    nothing_owed = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{line_id}/apply",
        json={"invoice_id": str(uuid.uuid4())},
    )
    assert nothing_owed.status_code == 422
    dismissed = await tenant.client.post(
        f"/v1/collections/bank-statement-lines/{line_id}/dismiss", json={"reason": "Devolución IVA"}
    )
    assert dismissed.json()["status"] == "dismissed"


# --- Late interest and payment behaviour ------------------------------------------------------


async def test_late_interest_runs_on_what_was_unpaid_plus_40_euros(tenant, books):
    # Issued 2025-11-01 with 30/60-day instalments: 181.50 due 2025-12-01 and 2025-12-31.
    invoice = await issued_invoice(tenant, books["id"], issue_date=dt.date(2025, 11, 1))
    await wait_receivable(tenant, invoice["id"])
    paid = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "181.50", "paid_on": "2025-12-11"},
    )
    assert paid.status_code == 201
    answer = await tenant.client.get(
        "/v1/collections/late-interest",
        params={"invoice_id": invoice["id"], "until": "2026-01-30"},
    )
    assert answer.status_code == 200, answer.text
    claim = answer.json()
    # 181.50 paid 10 days late at 10.15 %: 0.50; 181.50 unpaid 30 days late: 1.51.
    assert [i["interest"] for i in claim["instalments"]] == ["0.50", "1.51"]
    assert (claim["interest"], claim["compensation"], claim["unpaid"]) == (
        "2.01",
        "40.00",
        "181.50",
    )
    assert claim["claim_total"] == "223.51"

    on_time = await tenant.client.get(
        "/v1/collections/late-interest",
        params={"invoice_id": invoice["id"], "until": "2025-11-30"},
    )
    assert (on_time.json()["interest"], on_time.json()["compensation"]) == ("0.00", "0.00")
    for params in (
        {"invoice_id": invoice["id"], "until": "2025-10-01"},  # before it was issued
        {"invoice_id": invoice["id"], "until": "someday"},
        {"invoice_id": invoice["id"], "until": (TODAY + dt.timedelta(days=800)).isoformat()},
        {"invoice_id": "nope"},
    ):
        assert (
            await tenant.client.get("/v1/collections/late-interest", params=params)
        ).status_code == 422, params
    unknown = await tenant.client.get(
        "/v1/collections/late-interest", params={"invoice_id": str(uuid.uuid4())}
    )
    assert unknown.status_code == 404


async def test_payment_behaviour_per_client(tenant, books):
    punctual = books
    late = (
        await tenant.client.post(
            "/v1/clients",
            json=client_payload(
                legal_name="Reformas Tardías S.L.",
                payment_terms={"days": 30},
                valid_from=BOOKS_OPEN.isoformat(),
            ),
        )
    ).json()
    old_invoice = await issued_invoice(
        tenant, late["id"], unit_price="100.00", quantity="1", issue_date=TODAY - dt.timedelta(80)
    )
    late_invoice = await issued_invoice(
        tenant, late["id"], unit_price="100.00", quantity="1", issue_date=TODAY - dt.timedelta(60)
    )
    on_time_invoice = await issued_invoice(tenant, punctual["id"], issue_date=TODAY)
    for invoice in (on_time_invoice, late_invoice, old_invoice):
        await wait_receivable(tenant, invoice["id"])
    await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": on_time_invoice["id"], "amount": "363.00", "paid_on": str(TODAY)},
    )
    # Due 50 days ago, paid 10 days late.
    await tenant.client.post(
        "/v1/payments",
        json={
            "invoice_id": old_invoice["id"],
            "amount": "121.00",
            "paid_on": str(TODAY - dt.timedelta(days=40)),
        },
    )
    answer = (await tenant.client.get("/v1/collections/behaviour")).json()
    by_client = {c["client_id"]: c for c in answer["clients"]}
    assert by_client[punctual["id"]]["on_time_fraction"] == "1.0000"
    assert by_client[punctual["id"]]["average_days_late"] == "0.0"
    slow = by_client[late["id"]]
    assert slow["on_time_fraction"] == "0.0000"  # one paid late, one overdue and unpaid
    assert slow["average_days_late"] == "10.0"
    assert slow["current_overdue"] == "121.00"
    assert slow["dso"] == "45.0"  # 121.00 owed of 242.00 billed in the last 90 days, x 90
    assert answer["clients"][0]["client_id"] == late["id"]  # most overdue first
    assert answer["total"]["current_overdue"] == "121.00"
    one = (
        await tenant.client.get("/v1/collections/behaviour", params={"client_id": late["id"]})
    ).json()
    assert [c["client_id"] for c in one["clients"]] == [late["id"]]
