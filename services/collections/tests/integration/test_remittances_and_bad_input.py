"""Remittance creation on the real database, through the service's own HTTP API: what is
collected is what each instalment still owes, under each client's mandate; and the bad inputs
of remittances, mandates, payments and bank statements are refused without writing anything."""

from __future__ import annotations

import uuid
from decimal import Decimal

from lxml import etree

from cartera_shared import business_day

from .ledger_events import issue_invoice
from .test_norma43_accounts import OWN_IBAN, account_group, norma43
from .test_reports import days, pay, tenant

TODAY = business_day.today()
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
CREDITOR = {"name": "Talleres SL", "iban": OWN_IBAN, "bic": "CAIXESBBXXX", "nif": "B98765431"}


async def mandate(api, headers, client_id: uuid.UUID, iban: str) -> str:
    reference = f"MND-{uuid.uuid4().hex[:8]}"
    answer = await api.post(
        "/v1/collections/mandates",
        json={
            "client_id": str(client_id),
            "reference": reference,
            "signed_on": days(-30).isoformat(),
            "debtor_name": "Deudor SL",
            "iban": iban,
        },
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return reference


async def test_a_remittance_collects_what_each_instalment_still_owes(app, api):
    headers, (sur, norte, sin_mandato), tenant_id = await tenant(app, "Sur SL", "Norte SA", "X")
    assert (
        await api.put("/v1/collections/sepa/creditor", json=CREDITOR, headers=headers)
    ).is_success
    await mandate(api, headers, sur, "ES7921000813610123456789")
    await mandate(api, headers, norte, "ES7620770024003102575766")
    sur_invoice = await issue_invoice(
        app,
        tenant_id,
        client_id=sur,
        issue_date=days(-40),
        due_dates=[(days(-5), Decimal("100.00")), (days(20), Decimal("150.00"))],
    )
    norte_invoice = await issue_invoice(
        app,
        tenant_id,
        client_id=norte,
        issue_date=days(-30),
        due_dates=[(days(-3), Decimal("80.50"))],
    )
    await pay(api, headers, norte_invoice, "30.50", -1)
    await issue_invoice(  # no mandate: never collected
        app,
        tenant_id,
        client_id=sin_mandato,
        issue_date=days(-30),
        due_dates=[(days(-3), Decimal("70.00"))],
    )

    created = await api.post(
        "/v1/collections/remittances",
        json={"collection_date": days(3).isoformat(), "due_until": TODAY.isoformat()},
        headers=headers,
    )

    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["count"], body["total"], body["status"]) == (2, "150.00", "created")
    assert body["collection_date"] == days(3).isoformat()
    assert body["deferred"] == []
    xml = await api.get(f"/v1/collections/remittances/{body['id']}/xml", headers=headers)
    assert xml.status_code == 200
    assert xml.headers["content-type"].startswith("application/xml")
    document = etree.fromstring(xml.content, etree.XMLParser(no_network=True))
    debits = {
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS): tx.findtext("p:InstdAmt", namespaces=NS)
        for tx in document.iterfind(".//p:DrctDbtTxInf", NS)
    }
    assert debits == {
        f"{sur_invoice['number']}-1": "100.00",  # the instalment due, not the invoice's total
        f"{norte_invoice['number']}-1": "50.00",  # what is still owed after the payment
    }

    # What a remittance waiting for the bank holds is not collected twice.
    again = await api.post(
        "/v1/collections/remittances",
        json={"collection_date": days(3).isoformat(), "due_until": TODAY.isoformat()},
        headers=headers,
    )
    assert again.status_code == 422, again.text

    confirmed = await api.post(f"/v1/collections/remittances/{body['id']}/confirm", headers=headers)
    assert confirmed.json() == {"id": body["id"], "status": "confirmed", "payments": 2}
    receivables = await api.get(
        "/v1/receivables", params={"client_id": str(norte)}, headers=headers
    )
    assert receivables.json()["items"][0]["status"] == "settled"
    twice = await api.post(f"/v1/collections/remittances/{body['id']}/confirm", headers=headers)
    assert twice.status_code == 409


async def test_remittance_bad_inputs(app, api):
    headers, (sur,), tenant_id = await tenant(app, "Sur SL")
    no_creditor = await api.post(
        "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}, headers=headers
    )
    assert no_creditor.status_code == 422
    assert "Set the creditor first" in no_creditor.json()["detail"]

    assert (
        await api.put("/v1/collections/sepa/creditor", json=CREDITOR, headers=headers)
    ).is_success
    nothing_due = await api.post(
        "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}, headers=headers
    )
    assert nothing_due.status_code == 422
    assert nothing_due.json()["deferred"] == []

    for body in (
        {"collection_date": "31/12/2026"},
        {},
        {"collection_date": TODAY.isoformat(), "extra": 1},
    ):
        refused = await api.post("/v1/collections/remittances", json=body, headers=headers)
        assert refused.status_code == 422, (body, refused.text)

    unknown = uuid.uuid4()
    for method, path, payload in (
        ("get", f"/v1/collections/remittances/{unknown}/xml", None),
        ("post", f"/v1/collections/remittances/{unknown}/confirm", None),
        (
            "post",
            f"/v1/collections/remittances/{unknown}/returns",
            {"end_to_end_id": "X", "reason": "AM04"},
        ),
    ):
        answer = await api.request(method, path, json=payload, headers=headers)
        assert answer.status_code == 404, (path, answer.text)

    # A debit of a remittance not confirmed yet cannot be returned; one it lacks is not found.
    await mandate(api, headers, sur, "ES7921000813610123456789")
    invoice = await issue_invoice(
        app,
        tenant_id,
        client_id=sur,
        issue_date=days(-10),
        due_dates=[(days(-1), Decimal("10.00"))],
    )
    created = await api.post(
        "/v1/collections/remittances", json={"collection_date": TODAY.isoformat()}, headers=headers
    )
    assert created.status_code == 201, created.text
    path = f"/v1/collections/remittances/{created.json()['id']}/returns"
    early = await api.post(
        path, json={"end_to_end_id": f"{invoice['number']}-1", "reason": "AM04"}, headers=headers
    )
    assert early.status_code == 409
    missing = await api.post(
        path, json={"end_to_end_id": "NOPE-1", "reason": "AM04"}, headers=headers
    )
    assert missing.status_code == 404


async def test_mandate_and_creditor_bad_inputs(app, api):
    headers, (sur,), _ = await tenant(app, "Sur SL")
    for creditor in (
        CREDITOR | {"iban": "ES0000000000000000000000"},  # check digits
        CREDITOR | {"bic": "NOTABIC!"},
        CREDITOR | {"suffix": "ab"},
    ):
        refused = await api.put("/v1/collections/sepa/creditor", json=creditor, headers=headers)
        assert refused.status_code == 422, (creditor, refused.text)
    bad_iban = await api.post(
        "/v1/collections/mandates",
        json={
            "client_id": str(sur),
            "reference": "MND-1",
            "signed_on": TODAY.isoformat(),
            "debtor_name": "Sur SL",
            "iban": "ES0000000000000000000000",
        },
        headers=headers,
    )
    assert bad_iban.status_code == 422
    reference = await mandate(api, headers, sur, "ES7921000813610123456789")
    duplicate = await api.post(
        "/v1/collections/mandates",
        json={
            "client_id": str(sur),
            "reference": reference,
            "signed_on": TODAY.isoformat(),
            "debtor_name": "Sur SL",
            "iban": "ES7921000813610123456789",
        },
        headers=headers,
    )
    assert duplicate.status_code == 409
    future = await api.post(
        "/v1/collections/mandates",
        json={
            "client_id": str(sur),
            "reference": "MND-future",
            "signed_on": days(1).isoformat(),
            "debtor_name": "Sur SL",
            "iban": "ES7921000813610123456789",
        },
        headers=headers,
    )
    assert future.status_code == 422


async def test_payment_bad_amounts_and_ids_are_refused_and_nothing_is_paid(app, api):
    headers, (sur,), tenant_id = await tenant(app, "Sur SL")
    invoice = await issue_invoice(
        app,
        tenant_id,
        client_id=sur,
        issue_date=days(-10),
        due_dates=[(days(5), Decimal("100.00"))],
    )
    base = {"invoice_id": invoice["id"], "paid_on": TODAY.isoformat()}
    for payment in (
        base | {"amount": "0"},
        base | {"amount": "-5.00"},
        base | {"amount": "10.001"},  # cents only
        base | {"amount": "100.01"},  # more than owed, not confirmed as credit
        base | {"amount": "10.00", "paid_on": days(1).isoformat()},
        base | {"amount": "10.00", "invoice_id": "not-a-uuid"},
        base | {"amount": "10.00", "method": "bitcoin"},
    ):
        refused = await api.post("/v1/payments", json=payment, headers=headers)
        assert refused.status_code == 422, (payment, refused.text)
    listed = await api.get("/v1/payments", params={"invoice_id": invoice["id"]}, headers=headers)
    assert listed.json()["items"] == []

    unknown = await api.post(
        f"/v1/payments/{uuid.uuid4()}/reverse", json={"reason": "x"}, headers=headers
    )
    assert unknown.status_code == 404
    paid = await api.post("/v1/payments", json=base | {"amount": "40.00"}, headers=headers)
    assert paid.status_code == 201, paid.text
    assert paid.json()["receivable_status"] == "partially_paid"
    path = f"/v1/payments/{paid.json()['id']}/reverse"
    reversed_ = await api.post(path, json={"reason": "Adeudo devuelto"}, headers=headers)
    assert reversed_.status_code == 200
    assert (reversed_.json()["reversed"], reversed_.json()["receivable_status"]) == (True, "open")
    assert (await api.post(path, json={"reason": "again"}, headers=headers)).status_code == 409


async def test_malformed_statement_files_are_refused_whole(app, api):
    headers, _, tenant_id = await tenant(app)
    await issue_invoice(
        app, tenant_id, client_id=None, issue_date=days(-10), due_dates=[(TODAY, Decimal("500.00"))]
    )
    good = norma43(account_group("0200051332", 50000, "SIN REFERENCIA"))
    path = "/v1/collections/bank-statements"
    text = {"content-type": "text/plain"}

    wrong_type = await api.post(
        path, content=good, headers=headers | {"content-type": "application/json"}
    )
    assert wrong_type.status_code == 415
    empty = await api.post(path, content=b"  \r\n", headers=headers | text)
    assert empty.status_code == 422
    broken = good.replace(b"\r\n22", b"\r\n77", 1)  # an unknown record code on line 2
    bad_record = await api.post(path, content=broken, headers=headers | text)
    assert bad_record.status_code == 422
    assert bad_record.json()["line"] == 2
    truncated = await api.post(path, content=good[:-90], headers=headers | text)  # no 88 record
    assert truncated.status_code == 422
    not_camt = await api.post(
        path,
        content=b"<Document><nope/></Document>",
        headers=headers | {"content-type": "application/xml"},
    )
    assert not_camt.status_code == 422
    listed = await api.get(path, headers=headers)
    assert listed.json()["items"] == []  # nothing of the refused files was kept

    imported = await api.post(
        path, content=good, params={"filename": "a.n43"}, headers=headers | text
    )
    assert imported.status_code == 201, imported.text
    again = await api.post(path, content=good, headers=headers | text)
    assert again.status_code == 409
    assert again.json()["statement_id"] == imported.json()["id"]

    line = uuid.uuid4()
    for action, payload in (("apply", {}), ("dismiss", {"reason": "x"})):
        unknown = await api.post(
            f"/v1/collections/bank-statement-lines/{line}/{action}", json=payload, headers=headers
        )
        assert unknown.status_code == 404
    unknown_statement = await api.get(f"{path}/{uuid.uuid4()}", headers=headers)
    assert unknown_statement.status_code == 404
