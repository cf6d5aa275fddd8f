"""POST /v1/invoices/batch through the gateway, on the real services: up to 1,000 invoices made
and issued in one call, all or none, numbered in the order sent, each carrying its client's
fiscal data from the clients service; a refusal names the invoice and leaves nothing behind (no
invoice, no number used); an Idempotency-Key answers a repeat with the first answer."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from cartera_invoicing.invoices.schemas import BATCH_MAX_INVOICES, BATCH_MAX_LINES
from cartera_shared import business_day

from .helpers import assert_problem, client_payload, eventually, walk_pages

TODAY = business_day.today()
YEAR_AGO = (TODAY - dt.timedelta(days=365)).isoformat()
ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
LINE = {"description": "Cuota mensual", "quantity": "1", "unit_price": "100.00"}


@pytest.fixture
async def books(tenant) -> dict[str, Any]:
    """A tenant with an issuer, series F and two clients of different payment terms."""
    issuer = {"legal_name": "Gestoría Turia S.L.", "tax_id": "B98765431", "fiscal_address": ADDRESS}
    assert (await tenant.client.put("/v1/issuer", json=issuer)).status_code == 200
    series = {"code": "F", "prefix": "F"}
    assert (await tenant.client.post("/v1/series", json=series)).status_code == 201
    clients = []
    for name, days in (("Panadería Ruzafa S.L.", 30), ("Talleres Benimaclet S.L.", 60)):
        made = await tenant.client.post(
            "/v1/clients",
            json=client_payload(legal_name=name, payment_terms={"days": days}, valid_from=YEAR_AGO),
        )
        assert made.status_code == 201, made.text
        clients.append(made.json())
    return {"clients": clients}


def batch_of(client_ids: list[str], count: int, **extra: Any) -> dict[str, Any]:
    return {
        "invoices": [
            {"client_id": client_ids[n % len(client_ids)], "series": "F", "lines": [LINE], **extra}
            for n in range(count)
        ]
    }


async def issued_count(tenant) -> int:
    items, _ = await walk_pages(tenant.client, "/v1/invoices", limit=500)
    return len(items)


async def issue_one(tenant, client_id: str) -> dict[str, Any]:
    single = {"client_id": client_id, "series": "F", "lines": [LINE]}
    answer = await tenant.client.post("/v1/invoices", params={"issue": "true"}, json=single)
    assert answer.status_code == 201, answer.text
    made: dict[str, Any] = answer.json()
    return made


async def test_a_batch_is_issued_in_order_with_each_clients_data_and_reaches_collections(
    tenant, books
):
    clients = books["clients"]
    before = await issue_one(tenant, clients[0]["id"])
    answer = await tenant.client.post(
        "/v1/invoices/batch", json=batch_of([c["id"] for c in clients], 6)
    )
    assert answer.status_code == 201, answer.text
    made = answer.json()["invoices"]
    after = await issue_one(tenant, clients[1]["id"])
    numbers = [i["number"] for i in (before, *made, after)]
    assert numbers == [f"F{TODAY.year}-{n:05d}" for n in range(1, 9)]
    # The batch's VERI*FACTU records are chained to the invoice issued before it, in order, and
    # the one issued after is chained to the batch's last.
    chain = await tenant.client.get("/v1/verifactu/chain/verify")
    assert chain.status_code == 200, chain.text
    assert chain.json()["ok"], chain.json()
    assert [c["records"] for c in chain.json()["chains"]] == [8]
    assert {i["status"] for i in made} == {"issued"}
    for n, invoice in enumerate(made):
        client = clients[n % 2]
        assert invoice["client_id"] == client["id"]
        assert invoice["totals"]["total"] == "121.00"
        # The answer sums each invoice up; the invoice itself carries its client's data.
        whole = (await tenant.client.get(f"/v1/invoices/{invoice['id']}")).json()
        assert whole["number"] == invoice["number"]
        assert whole["recipient"]["legal_name"] == client["legal_name"]
        assert whole["recipient"]["tax_id"] == client["tax_id"]
        assert set(invoice) < set(whole)
        # Each client's own payment terms: 30 and 60 days.
        due = dt.date.fromisoformat(invoice["due_dates"][0]["due_on"])
        assert (due - TODAY).days == (30 if n % 2 == 0 else 60)

    # Every invoice's event went out: collections opened a receivable for each.
    async def receivables() -> bool:
        owed, _ = await walk_pages(tenant.client, "/v1/receivables", limit=500)
        return {r["invoice_id"] for r in owed} == {i["id"] for i in (before, *made, after)}

    await eventually(receivables, timeout=60)


async def test_an_idempotency_key_answers_a_repeated_batch_with_the_first_answer(tenant, books):
    ids = [c["id"] for c in books["clients"]]
    key = {"Idempotency-Key": f"batch-{uuid.uuid4()}"}
    first = await tenant.client.post("/v1/invoices/batch", json=batch_of(ids, 3), headers=key)
    assert first.status_code == 201, first.text
    again = await tenant.client.post("/v1/invoices/batch", json=batch_of(ids, 3), headers=key)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert await issued_count(tenant) == 3
    # The same key with another batch is refused, and issues nothing.
    other = await tenant.client.post("/v1/invoices/batch", json=batch_of(ids, 2), headers=key)
    assert_problem(other, 409)
    assert other.json()["code"] == "idempotency_key_reused"
    assert await issued_count(tenant) == 3


@pytest.mark.parametrize(
    ("bad_item", "why"),
    [
        ({"client_id": str(uuid.uuid4())}, "does not exist"),
        ({"series": "NOPE"}, "NOPE"),
        ({"lines": []}, "without lines"),
        ({"issue_date": (TODAY + dt.timedelta(days=5)).isoformat()}, "future"),
    ],
    ids=["unknown-client", "unknown-series", "no-lines", "future-date"],
)
async def test_a_refused_invoice_is_named_and_nothing_of_the_batch_is_kept(
    tenant, books, bad_item, why
):
    ids = [c["id"] for c in books["clients"]]
    batch = batch_of(ids, 4)
    batch["invoices"][2] = {**batch["invoices"][2], **bad_item}
    refused = await tenant.client.post("/v1/invoices/batch", json=batch)
    assert_problem(refused, 422)
    problem = refused.json()
    assert problem["item"] == 2, problem
    assert problem["detail"].startswith("Invoice 2 of the batch:"), problem
    assert why in problem["detail"], problem
    assert all(error["loc"][:3] == ["body", "invoices", 2] for error in problem["errors"])
    assert await issued_count(tenant) == 0
    # No number was used: the next invoice of the series is the first.
    fine = await tenant.client.post("/v1/invoices/batch", json=batch_of(ids, 1))
    assert fine.status_code == 201, fine.text
    assert fine.json()["invoices"][0]["number"] == f"F{TODAY.year}-00001"


async def test_another_tenants_client_is_refused_by_index(tenant, other_tenant, books):
    theirs = await other_tenant.client.post("/v1/clients", json=client_payload(valid_from=YEAR_AGO))
    assert theirs.status_code == 201, theirs.text
    batch = batch_of([books["clients"][0]["id"]], 3)
    batch["invoices"][1]["client_id"] = theirs.json()["id"]
    refused = await tenant.client.post("/v1/invoices/batch", json=batch)
    assert_problem(refused, 422)
    assert refused.json()["item"] == 1
    assert await issued_count(tenant) == 0


async def test_malformed_and_oversized_batches_are_refused_before_anything_is_done(tenant, books):
    ids = [c["id"] for c in books["clients"]]
    empty = await tenant.client.post("/v1/invoices/batch", json={"invoices": []})
    assert_problem(empty, 422)
    too_many = await tenant.client.post(
        "/v1/invoices/batch", json=batch_of(ids, BATCH_MAX_INVOICES + 1)
    )
    assert_problem(too_many, 422)
    lines_each = 500
    invoices = BATCH_MAX_LINES // lines_each + 1
    too_long = await tenant.client.post(
        "/v1/invoices/batch",
        json={"invoices": [{"series": "F", "client_id": ids[0], "lines": [LINE] * lines_each}]
              * invoices},
    )  # fmt: skip
    assert_problem(too_long, 422)
    assert str(BATCH_MAX_LINES) in too_long.text
    # A field wrong in one invoice: the error's place names it.
    batch = batch_of(ids, 3)
    batch["invoices"][1]["lines"] = [{**LINE, "quantity": "mucho"}]
    malformed = await tenant.client.post("/v1/invoices/batch", json=batch)
    assert_problem(malformed, 422)
    assert any(e["loc"][:3] == ["body", "invoices", 1] for e in malformed.json()["errors"])
    unknown_member = await tenant.client.post(
        "/v1/invoices/batch", json={**batch_of(ids, 1), "issue": False}
    )
    assert_problem(unknown_member, 422)
    not_a_list = await tenant.client.post("/v1/invoices/batch", json={"invoices": "all"})
    assert_problem(not_a_list, 422)
    assert await issued_count(tenant) == 0


async def test_a_batch_of_a_thousand_is_one_call(tenant, books):
    ids = [c["id"] for c in books["clients"]]
    answer = await tenant.client.post(
        "/v1/invoices/batch", json=batch_of(ids, BATCH_MAX_INVOICES), timeout=180
    )
    assert answer.status_code == 201, answer.text
    made = answer.json()["invoices"]
    assert len(made) == BATCH_MAX_INVOICES
    assert made[-1]["number"] == f"F{TODAY.year}-{BATCH_MAX_INVOICES:05d}"
    # Written a hundred at a time within the transaction, the records still make one chain.
    chain = (await tenant.client.get("/v1/verifactu/chain/verify")).json()
    assert chain["ok"], chain
    assert [c["records"] for c in chain["chains"]] == [BATCH_MAX_INVOICES]
    assert sum(Decimal(i["totals"]["total"]) for i in made) == Decimal("121.00") * len(made)


async def test_a_batch_over_two_series_and_single_issues_beside_it_all_succeed(tenant, books):
    """The batch locks both its series before the issuer's chain: taken as its invoices came,
    it held series A and the chain while a single issue in series B held B and waited for the
    chain, and the batch's first invoice of B waited for that issue (PostgreSQL ended one)."""
    made = await tenant.client.post("/v1/series", json={"code": "B", "prefix": "B"})
    assert made.status_code == 201, made.text
    client_id = books["clients"][0]["id"]
    batch = {
        "invoices": [
            {"client_id": client_id, "series": "F" if n < 150 else "B", "lines": [LINE]}
            for n in range(300)
        ]
    }
    sent = asyncio.create_task(tenant.client.post("/v1/invoices/batch", json=batch, timeout=180))
    await asyncio.sleep(0.3)  # the batch is issuing series F, holding the chain

    async def single() -> httpx.Response:
        body = {"client_id": client_id, "series": "B", "lines": [LINE]}
        return await tenant.client.post("/v1/invoices", params={"issue": "true"}, json=body)

    singles = await asyncio.gather(*(single() for _ in range(3)))
    answer = await sent
    assert answer.status_code == 201, answer.text
    assert [s.status_code for s in singles] == [201, 201, 201], [s.text for s in singles]
    numbers = sorted(
        int(i["number"].split("-")[-1])
        for i in [*answer.json()["invoices"], *(s.json() for s in singles)]
        if i["series"] == "B"
    )
    assert numbers == list(range(1, 154))  # gapless in B, whoever went first
