"""Corrections of Verifactu records and cancellations of invoices, through the gateway, on the
real services, database and broker: what the anulación does to the chain, to what is owed, to
every analytics figure (to the cent, and again after a rebuild by replay) and to the client's
timeline; the refusals; idempotent retries; the event on the broker.

The AEAT's answer to a record is written where the submission worker writes it
(`invoicing.verifactu_records.status`), by `aeat_answers`.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from decimal import Decimal
from typing import Any

import asyncpg

from cartera_shared.events import topics
from cartera_shared.events.invoices import InvoiceCancelled
from cartera_shared.testing import read_topic

from .helpers import assert_problem, eventually
from .test_analytics import (
    TODAY,
    WIDE,
    figures_of,
    get,
    issue,
    line,
    new_client,
    open_books,
    portfolio,
    run_rebuild,
    until_analytics,
    wait_receivable,
)


async def aeat_answers(owner_url: str, tenant_id: uuid.UUID, invoice_id: str, status: str) -> None:
    """The AEAT's answer to the invoice's last record."""
    conn = await asyncpg.connect(owner_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            done = await conn.execute(
                "UPDATE invoicing.verifactu_records SET status = $1 "
                "WHERE invoice_id = $2 AND position = (SELECT max(position) FROM "
                "invoicing.verifactu_records WHERE invoice_id = $2)",
                status,
                uuid.UUID(invoice_id),
            )
            assert done == "UPDATE 1"
    finally:
        await conn.close()


async def receivable_of(tenant, invoice_id: str) -> dict[str, Any]:
    await wait_receivable(tenant, invoice_id)
    answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice_id})
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["items"][0])


async def cancel(tenant, invoice_id: str, reason: str = "Emitida por error", **headers: str):
    return await tenant.client.post(
        f"/v1/invoices/{invoice_id}/cancel", json={"reason": reason}, headers=headers
    )


async def published(kafka: str, invoice_id: str) -> list[dict[str, Any]]:
    """Every `invoice.cancelled` event of the invoice on the broker (waits for at least one)."""
    records = await read_topic(
        kafka,
        topics.INVOICE_CANCELLED,
        until=lambda rs: any(invoice_id.encode() in r.value for r in rs),
    )
    return [json.loads(r.value) for r in records if invoice_id.encode() in r.value]


async def test_a_record_is_corrected_as_the_aeat_answered_it(tenant, owner_url):
    await open_books(tenant)
    client = await new_client(tenant, "Correcciones Norte S.L.")
    invoice = await issue(tenant, client, TODAY, line("250.00"))
    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"

    assert_problem(await tenant.client.post(path), 409)  # no answer from the AEAT yet
    await aeat_answers(owner_url, tenant.id, invoice["id"], "rejected")
    key = {"Idempotency-Key": f"fix-{uuid.uuid4()}"}
    corrected = await tenant.client.post(path, headers=key)
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["operation"] == "ALTA POR RECHAZO"
    assert corrected.json()["flags"] == {"Subsanacion": "S", "RechazoPrevio": "X"}
    again = await tenant.client.post(path, headers=key)
    assert (again.status_code, again.json()) == (201, corrected.json())
    records = (await tenant.client.get(f"/v1/invoices/{invoice['id']}/verifactu/records")).json()
    assert [(r["kind"], r["status"]) for r in records["records"]] == [
        ("alta", "rejected"),
        ("alta", "pending"),
    ]

    await aeat_answers(owner_url, tenant.id, invoice["id"], "accepted")
    nothing = await tenant.client.post(path)
    assert_problem(nothing, 409)
    assert nothing.json()["reason"] == "nothing_to_correct"

    verified = (await tenant.client.get("/v1/verifactu/chain/verify")).json()
    assert verified["ok"] is True
    assert verified["chains"][0]["records"] == 2
    # The invoice never changed; its printout is still the one it was issued with.
    again_read = (await tenant.client.get(f"/v1/invoices/{invoice['id']}")).json()
    assert (again_read["status"], again_read["totals"]) == ("issued", invoice["totals"])
    assert (await tenant.client.get(f"/v1/invoices/{invoice['id']}/pdf")).status_code == 200


async def test_cancelling_an_unpaid_invoice_takes_it_out_of_every_figure(
    tenant, owner_url, kafka_bootstrap, service_app_url
):
    await open_books(tenant)
    kept_client = await new_client(tenant, "Aguas Claras S.L.")
    gone_client = await new_client(tenant, "Bosques Altos S.L.")
    kept = await issue(tenant, kept_client, TODAY, line("1000.00"))
    gone = await issue(tenant, gone_client, TODAY, line("3000.00"), line("0.33"))
    await until_analytics(tenant, 2, "4000.33")
    before = await portfolio(tenant, *WIDE)
    assert before["totals"]["total"] == "4840.40"  # 1210.00 + 3630.40
    m347 = await get(tenant, "modelo-347", year=TODAY.year)
    assert [i["name"] for i in m347["items"]] == ["Bosques Altos S.L."]  # 3630.40 > 3005.06
    await receivable_of(tenant, gone["id"])

    key = {"Idempotency-Key": f"cancel-{uuid.uuid4()}"}
    done = await cancel(tenant, gone["id"], "Pedido anulado antes de servirse", **key)
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["number"]) == ("cancelled", gone["number"])
    retried = await cancel(tenant, gone["id"], "Pedido anulado antes de servirse", **key)
    assert (retried.status_code, retried.json()) == (200, done.json())

    # The chain goes on after the anulación.
    records = (await tenant.client.get(f"/v1/invoices/{gone['id']}/verifactu/records")).json()
    assert [r["kind"] for r in records["records"]] == ["alta", "anulacion"]
    after = await issue(tenant, kept_client, TODAY, line("10.00"))
    verified = (await tenant.client.get("/v1/verifactu/chain/verify")).json()
    assert (verified["ok"], verified["chains"][0]["records"]) == (True, 4)
    after_records = (await tenant.client.get(f"/v1/invoices/{after['id']}/verifactu")).json()
    assert after_records["fields"]["HuellaAnterior"] == records["records"][1]["huella"]

    # Once on the broker, with the invoice as issued and why it was cancelled.
    events = await published(kafka_bootstrap, gone["id"])
    assert len(events) == 1
    contract = InvoiceCancelled.model_validate(events[0]["data"])
    assert (contract.number, str(contract.amounts.totals.total)) == (gone["number"], "3630.40")
    assert contract.cancellation.reason == "Pedido anulado antes de servirse"

    # Collections: nothing owed, instalments closed.
    async def receivable_cancelled() -> bool:
        found = await receivable_of(tenant, gone["id"])
        return found["status"] == "cancelled"

    await eventually(receivable_cancelled, timeout=30)
    owed = await receivable_of(tenant, gone["id"])
    assert (owed["amount"], owed["outstanding"], owed["invoiced"]) == ("0.00", "0.00", "3630.40")
    assert {i["status"] for i in owed["instalments"]} == {"cancelled"}
    still_owed = await receivable_of(tenant, kept["id"])
    assert (still_owed["status"], still_owed["outstanding"]) == ("open", "1210.00")

    # Analytics: billing drops by exactly the cancelled invoice, to the cent; 347 excludes it.
    await until_analytics(tenant, 2, "1010.00")
    now = await portfolio(tenant, *WIDE)
    assert now["totals"]["total"] == "1222.10"
    assert [i["client_id"] for i in now["items"]] == [kept_client]
    evolution = await get(tenant, "evolution", **{"from": f"{TODAY:%Y-%m}", "to": f"{TODAY:%Y-%m}"})
    assert evolution["total"]["months"][0]["taxable_base"] == "1010.00"
    assert evolution["total"]["months"][0]["invoices"] == 2
    assert (await get(tenant, "modelo-347", year=TODAY.year))["items"] == []
    behaviour = await get(tenant, "payment-behaviour")
    assert Decimal(behaviour["total"]["outstanding"]) == Decimal("1222.10")

    # A rebuild by replay gives the same figures.
    snapshot = await figures_of(tenant)
    rebuilt = run_rebuild(tenant.id, owner_url, service_app_url("analytics"), kafka_bootstrap)
    assert rebuilt.returncode == 0, rebuilt.stderr + rebuilt.stdout
    assert "invoice.cancelled=" in rebuilt.stdout
    assert await figures_of(tenant) == snapshot

    # CRM: the client's timeline shows the cancellation beside the issue.
    async def on_the_timeline() -> bool:
        answer = await tenant.client.get(f"/v1/clients/{gone_client}/timeline")
        return "invoice_cancelled" in {e["kind"] for e in answer.json()["items"]}

    await eventually(on_the_timeline, timeout=30)
    entries = (await tenant.client.get(f"/v1/clients/{gone_client}/timeline")).json()["items"]
    by_kind = {e["kind"]: e for e in entries}
    assert set(by_kind) >= {"invoice_issued", "invoice_cancelled"}
    cancelled_entry = by_kind["invoice_cancelled"]
    assert cancelled_entry["ref"] == {"type": "invoice", "id": gone["id"]}
    assert cancelled_entry["details"]["reason"] == "Pedido anulado antes de servirse"
    assert gone["number"] in cancelled_entry["title"]
    assert "anulada" in cancelled_entry["title"]


async def test_cancelling_a_partly_paid_invoice_keeps_the_payment_as_credit(tenant):
    await open_books(tenant)
    client = await new_client(tenant, "Pagos Parciales S.L.")
    invoice = await issue(tenant, client, TODAY, line("500.00"))
    await wait_receivable(tenant, invoice["id"])
    paid = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "200.00", "paid_on": TODAY.isoformat()},
        headers={"Idempotency-Key": f"pay-{uuid.uuid4()}"},
    )
    assert paid.status_code == 201, paid.text
    assert paid.json()["receivable_status"] == "partially_paid"

    assert (await cancel(tenant, invoice["id"])).status_code == 200

    async def credited() -> bool:
        items = (
            await tenant.client.get("/v1/payments", params={"invoice_id": invoice["id"]})
        ).json()["items"]
        return [(p["applied"], p["credit"]) for p in items] == [("0.00", "200.00")]

    await eventually(credited, timeout=30)
    owed = await receivable_of(tenant, invoice["id"])
    assert (owed["status"], owed["paid"], owed["outstanding"]) == ("cancelled", "0.00", "0.00")
    again = await tenant.client.post(
        "/v1/payments",
        json={"invoice_id": invoice["id"], "amount": "1.00", "paid_on": TODAY.isoformat()},
    )
    assert_problem(again, 409)
    await until_analytics(tenant, 0, "0.00")
    behaviour = await get(tenant, "payment-behaviour")
    assert Decimal(behaviour["total"]["outstanding"]) == 0


async def test_what_cannot_be_cancelled_is_refused(tenant, other_tenant, http):
    await open_books(tenant)
    client = await new_client(tenant, "Rechazos Sur S.L.")
    first = await issue(tenant, client, TODAY, line("100.00"))
    assert (await cancel(tenant, first["id"])).status_code == 200
    twice = await cancel(tenant, first["id"])
    assert_problem(twice, 409)
    assert twice.json()["reason"] == "cancelled"
    for document in ("pdf", "facturae"):
        assert_problem(await tenant.client.get(f"/v1/invoices/{first['id']}/{document}"), 409)
    refused_rectification = await tenant.client.post(
        f"/v1/invoices/{first['id']}/rectify",
        json={"series": "R", "reason": "x", "lines": [line("-10.00")]},
    )
    assert_problem(refused_rectification, 409)

    rectified = await issue(tenant, client, TODAY, line("100.00"))
    credit = await tenant.client.post(
        f"/v1/invoices/{rectified['id']}/rectify",
        json={"series": "R", "reason": "Devolución", "lines": [line("-10.00")]},
    )
    assert credit.status_code == 201, credit.text
    assert (await cancel(tenant, rectified["id"])).json()["reason"] == "rectified"
    assert (await cancel(tenant, credit.json()["id"])).json()["reason"] == "rectifying"

    draft = await tenant.client.post(
        "/v1/invoices", json={"client_id": client, "series": "F", "lines": [line("5.00")]}
    )
    assert (await cancel(tenant, draft.json()["id"])).json()["reason"] == "draft"

    open_invoice = await issue(tenant, client, TODAY, line("100.00"))
    path = f"/v1/invoices/{open_invoice['id']}/cancel"
    for body in ({}, {"reason": ""}, {"reason": "x" * 501}, {"reason": 7}, {"why": "x"}):
        assert_problem(await tenant.client.post(path, json=body), 422)
    assert_problem(await other_tenant.client.post(path, json={"reason": "x"}), 404)
    made = await tenant.client.post(
        "/v1/api-keys", json={"name": "lector", "scopes": ["invoices:read"]}
    )
    reader = {"Authorization": f"Bearer {made.json()['api_key']}"}
    assert (await http.post(path, json={"reason": "x"}, headers=reader)).status_code == 403
    correction = f"/v1/invoices/{open_invoice['id']}/verifactu/correction"
    assert (await http.post(correction, headers=reader)).status_code == 403
    assert (await other_tenant.client.post(correction)).status_code == 404
    still = (await tenant.client.get(f"/v1/invoices/{open_invoice['id']}")).json()
    assert still["status"] == "issued"


async def test_concurrent_cancellations_with_one_key_cancel_once_and_publish_once(
    tenant, kafka_bootstrap
):
    await open_books(tenant)
    client = await new_client(tenant, "Concurrencia S.L.")
    invoice = await issue(tenant, client, TODAY, line("80.00"))
    key = f"same-{uuid.uuid4()}"
    answers = await asyncio.gather(
        *(cancel(tenant, invoice["id"], **{"Idempotency-Key": key}) for _ in range(4))
    )
    assert [a.status_code for a in answers] == [200] * 4, [a.text for a in answers]
    assert len({json.dumps(a.json(), sort_keys=True) for a in answers}) == 1
    assert_problem(await cancel(tenant, invoice["id"]), 409)
    records = (await tenant.client.get(f"/v1/invoices/{invoice['id']}/verifactu/records")).json()
    assert [r["kind"] for r in records["records"]] == ["alta", "anulacion"]
    await asyncio.sleep(2)  # the relay publishes within a second; a duplicate would be there
    assert len(await published(kafka_bootstrap, invoice["id"])) == 1
