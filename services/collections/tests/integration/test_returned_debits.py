"""The returned-debits list on the real database, through the service's own HTTP API: a debit
the bank gave back is listed with its reason and what is owed again, until the instalment goes
out in a new remittance or is paid; another tenant sees none; bad filters, limits and cursors
are refused before anything is read."""

from __future__ import annotations

import uuid
from decimal import Decimal

from cartera_shared import business_day
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import internal_headers

from .ledger_events import issue_invoice
from .test_remittances_and_bad_input import CREDITOR, mandate
from .test_reports import days, pay, tenant

PATH = "/v1/collections/returned-debits"


async def remit_and_confirm(api, headers) -> dict:
    created = await api.post(
        "/v1/collections/remittances",
        json={
            "collection_date": days(2).isoformat(),
            "due_until": business_day.today().isoformat(),
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    remittance = created.json()
    confirmed = await api.post(
        f"/v1/collections/remittances/{remittance['id']}/confirm", headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    return remittance


async def give_back(api, headers, remittance: dict, end_to_end_id: str, reason: str) -> None:
    answer = await api.post(
        f"/v1/collections/remittances/{remittance['id']}/returns",
        json={"end_to_end_id": end_to_end_id, "reason": reason},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text


async def listed(api, headers, **params) -> list[dict]:
    answer = await api.get(PATH, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


async def test_a_returned_debit_waits_for_a_person_until_it_goes_out_again_or_is_paid(app, api):
    headers, (sur, norte), tenant_id = await tenant(app, "Sur SL", "Norte SA")
    assert (
        await api.put("/v1/collections/sepa/creditor", json=CREDITOR, headers=headers)
    ).is_success
    sur_mandate = await mandate(api, headers, sur, "ES7921000813610123456789")
    await mandate(api, headers, norte, "ES7620770024003102575766")
    sur_invoice = await issue_invoice(
        app, tenant_id, client_id=sur, issue_date=days(-20), due_dates=[(days(-2), Decimal("605"))]
    )
    norte_invoice = await issue_invoice(
        app, tenant_id, client_id=norte, issue_date=days(-20), due_dates=[(days(-1), Decimal("80"))]
    )
    assert await listed(api, headers) == []

    first = await remit_and_confirm(api, headers)
    await give_back(api, headers, first, f"{sur_invoice['number']}-1", "AM04 fondos insuficientes")
    await give_back(api, headers, first, f"{norte_invoice['number']}-1", "MD06 disconforme")

    everything = await listed(api, headers)
    assert [d["invoice_number"] for d in everything] == [
        norte_invoice["number"],  # newest return first
        sur_invoice["number"],
    ]
    sur_debit = everything[1]
    assert sur_debit == {
        "remittance_id": first["id"],
        "end_to_end_id": f"{sur_invoice['number']}-1",
        "invoice_id": sur_invoice["id"],
        "invoice_number": sur_invoice["number"],
        "client_id": str(sur),
        "mandate_reference": sur_mandate,
        "amount": "605.00",
        "returned_at": sur_debit["returned_at"],
        "reason": "AM04 fondos insuficientes",
        "still_owed": "605.00",
        "presented_again": False,
    }
    assert sur_debit["returned_at"].endswith("Z")
    assert len(await listed(api, headers, outstanding="true")) == 2
    assert await listed(api, headers, outstanding="false") == []

    # Norte pays by transfer; Sur's debit goes out again in a new remittance.
    await pay(api, headers, norte_invoice, "80.00", 0)
    second = await api.post(
        "/v1/collections/remittances",
        json={"collection_date": days(3).isoformat(), "due_until": days(0).isoformat()},
        headers=headers,
    )
    assert second.status_code == 201, second.text
    assert second.json()["count"] == 1
    assert await listed(api, headers, outstanding="true") == []
    settled = {d["invoice_number"]: d for d in await listed(api, headers, outstanding="false")}
    assert settled[norte_invoice["number"]]["still_owed"] == "0.00"
    assert settled[norte_invoice["number"]]["presented_again"] is False
    assert settled[sur_invoice["number"]]["still_owed"] == "605.00"
    assert settled[sur_invoice["number"]]["presented_again"] is True

    # Returned again: the second return is listed and needs a person; the first one no longer
    # does (a later remittance took it, then came back itself).
    await api.post(f"/v1/collections/remittances/{second.json()['id']}/confirm", headers=headers)
    await give_back(api, headers, second.json(), f"{sur_invoice['number']}-1", "AM04")
    again = await listed(api, headers, outstanding="true")
    assert [(d["remittance_id"], d["reason"]) for d in again] == [(second.json()["id"], "AM04")]

    # Another tenant sees none of it; a credential without collections:read is refused.
    stranger = internal_headers(
        uuid.uuid4(), service="collections", scopes=("*",), subject="user:b"
    )
    assert await listed(api, stranger) == []
    narrow = internal_headers(
        tenant_id, service="collections", scopes=("invoices:read",), subject="user:a"
    )
    assert (await api.get(PATH, headers=narrow)).status_code == 403


async def test_the_list_pages_and_refuses_bad_queries(app, api):
    headers, clients, tenant_id = await tenant(app, *(f"Cliente {n} SL" for n in range(5)))
    assert (
        await api.put("/v1/collections/sepa/creditor", json=CREDITOR, headers=headers)
    ).is_success
    numbers = []
    for client in clients:
        await mandate(api, headers, client, "ES7921000813610123456789")
        invoice = await issue_invoice(
            app,
            tenant_id,
            client_id=client,
            issue_date=days(-9),
            due_dates=[(days(-1), Decimal("10"))],
        )
        numbers.append(invoice["number"])
    remittance = await remit_and_confirm(api, headers)
    for number in numbers:
        await give_back(api, headers, remittance, f"{number}-1", "AC04 cuenta cancelada")

    walked = await walk_pages(api, PATH, headers, limit=2)
    assert sorted(d["invoice_number"] for d in walked) == sorted(numbers)
    assert len({d["end_to_end_id"] for d in walked}) == 5

    first_page = (await api.get(PATH, params={"limit": 2}, headers=headers)).json()
    await assert_refuses_bad_paging(api, PATH, headers, valid=first_page["next_cursor"])
    for params, field in (
        ({"outstanding": "maybe"}, "outstanding"),
        ({"limit": "many"}, "limit"),
        ({"limit": 501}, "limit"),
    ):
        refused = await api.get(PATH, params=params, headers=headers)
        assert refused.status_code == 422, (params, refused.text)
        assert [e["loc"] for e in refused.json()["errors"]] == [["query", field]], refused.text
