"""Correcting an invoice's Verifactu records and cancelling an invoice, through the invoicing
service's API on the real, migrated database (as the service's own role) and the real broker.

Simplified invoices (F2) are used: they name no client, so nothing here needs the clients
service. The AEAT's answers are written where the submission worker writes them
(`verifactu_records.status`), by `answer()`, the one place to change if that moves.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from lxml import etree
from sqlalchemy import text

from cartera_invoicing.domain.verifactu import SF_NS
from cartera_invoicing.xml_schemas import VERIFACTU
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.events.invoices import InvoiceCancelled
from cartera_shared.testing import internal_headers, random_cif

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
NS = {"sf": SF_NS}


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(VERIFACTU / "SuministroLR.xsd")))


def as_tenant(tenant_id, **extra):
    return {
        **internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana"),
        **extra,
    }


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    issuer = {"legal_name": "Levante S.L.", "tax_id": random_cif(), "fiscal_address": ADDRESS}
    assert (await api.put("/v1/issuer", json=issuer, headers=as_tenant(tenant_id))).is_success
    for body in (
        {"code": "T", "prefix": "T", "kind": "simplified"},
        {"code": "R", "prefix": "R", "kind": "rectifying"},
    ):
        made = await api.post("/v1/series", json=body, headers=as_tenant(tenant_id))
        assert made.status_code == 201, made.text
    return tenant_id


async def issued(api, tenant_id, amount: str = "80.00") -> dict[str, Any]:
    answer = await api.post(
        "/v1/invoices?issue=true",
        json={
            "series": "T",
            "lines": [{"description": "Revisión", "quantity": "1", "unit_price": amount}],
        },
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def answer(owner, tenant_id, invoice_id, status: str, position: int = -1) -> None:
    """Write the AEAT's answer to one of the invoice's records (the last one by default)."""
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        positions = (
            await conn.execute(
                text(
                    "SELECT position FROM invoicing.verifactu_records WHERE invoice_id = :i "
                    "ORDER BY position"
                ),
                {"i": invoice_id},
            )
        ).scalars()
        chosen = list(positions)[position]
        await conn.execute(
            text(
                "UPDATE invoicing.verifactu_records SET status = :s "
                "WHERE invoice_id = :i AND position = :p"
            ),
            {"s": status, "i": invoice_id, "p": chosen},
        )


async def records(api, tenant_id, invoice_id) -> list[dict[str, Any]]:
    path = f"/v1/invoices/{invoice_id}/verifactu/records"
    found = await api.get(path, headers=as_tenant(tenant_id))
    assert found.status_code == 200, found.text
    return found.json()["records"]


async def chain_ok(api, tenant_id) -> dict[str, Any]:
    verified = (await api.get("/v1/verifactu/chain/verify", headers=as_tenant(tenant_id))).json()
    assert verified["ok"] is True, verified
    return verified


async def outbox_events(owner, tenant_id, topic: str) -> list[dict[str, Any]]:
    async with owner.begin() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT payload FROM invoicing.outbox WHERE tenant_id = :t AND topic = :k "
                    "ORDER BY position"
                ),
                {"t": tenant_id, "k": topic},
            )
        ).scalars()
        return list(rows)


def problem(
    answer: httpx.Response, status: int, reason: str | None = None, code: str | None = None
) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    if reason is not None:
        assert body.get("reason") == reason, body
    if code is not None:
        assert body["code"] == code, body
    # Only "not yet" carries Retry-After: every refusal here but a pending record is final.
    assert ("Retry-After" in answer.headers) == (body["code"] == "verifactu_pending"), body
    return body


# --- corrections ----------------------------------------------------------------------------


async def test_a_correction_waits_for_the_aeat_and_follows_its_answers(api, owner, tenant, schema):
    invoice = await issued(api, tenant)
    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"
    # No answer yet: what corrects it depends on the answer. Not yet: the same call succeeds
    # once the answer has come, and the answer says so (a code of its own and Retry-After).
    waiting = await api.post(path, headers=as_tenant(tenant))
    body = problem(waiting, 409, "pending", "verifactu_pending")
    assert waiting.headers["Retry-After"] == str(body["retry_after"])
    assert int(body["retry_after"]) > 0

    # Refused by the AEAT: it holds nothing, so "alta por rechazo" (Subsanacion S, X).
    await answer(owner, tenant, invoice["id"], "rejected")
    key = f"k-{uuid.uuid4()}"
    first = await api.post(path, headers=as_tenant(tenant, **{"Idempotency-Key": key}))
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["operation"] == "ALTA POR RECHAZO"
    assert (body["kind"], body["status"]) == ("alta", "pending")
    assert body["flags"] == {"Subsanacion": "S", "RechazoPrevio": "X"}
    assert body["fields"]["NumSerieFactura"] == invoice["number"]
    schema.assertValid(etree.fromstring(body["xml"].encode()))
    # The retry with the same key is the same answer, and no second record.
    again = await api.post(path, headers=as_tenant(tenant, **{"Idempotency-Key": key}))
    assert (again.status_code, again.json()) == (201, body)
    history = await records(api, tenant, invoice["id"])
    assert [(r["kind"], r["status"]) for r in history] == [
        ("alta", "rejected"),
        ("alta", "pending"),
    ]
    assert history[1]["fields"]["HuellaAnterior"] == history[0]["huella"]
    # The invoice itself never changed.
    after = (await api.get(f"/v1/invoices/{invoice['id']}", headers=as_tenant(tenant))).json()
    assert (after["status"], after["number"], after["totals"]) == (
        "issued",
        invoice["number"],
        invoice["totals"],
    )

    # Accepted without errors and nothing new to say: nothing to correct.
    await answer(owner, tenant, invoice["id"], "accepted")
    problem(
        await api.post(path, headers=as_tenant(tenant)),
        409,
        "nothing_to_correct",
        "nothing_to_correct",
    )

    # The issuer fixes its name: the rebuilt record differs, "alta de subsanación" (N).
    fixed = {"legal_name": "Levante Instalaciones S.L.", "reason": "typo in the name"}
    current = (await api.get("/v1/issuer", headers=as_tenant(tenant))).json()
    put = await api.put(
        "/v1/issuer",
        json={**fixed, "tax_id": current["tax_id"], "fiscal_address": ADDRESS},
        headers=as_tenant(tenant),
    )
    assert put.status_code == 200, put.text
    renamed = await api.post(path, headers=as_tenant(tenant))
    assert renamed.status_code == 201, renamed.text
    assert renamed.json()["operation"] == "ALTA DE SUBSANACIÓN"
    assert renamed.json()["flags"] == {"Subsanacion": "S"}
    document = etree.fromstring(renamed.json()["xml"].encode())
    schema.assertValid(document)
    assert document.findtext(".//sf:NombreRazonEmisor", namespaces=NS) == fixed["legal_name"]
    # The printed invoice keeps the name it was issued with.
    kept = (await api.get(f"/v1/invoices/{invoice['id']}", headers=as_tenant(tenant))).json()
    assert kept["issuer"]["legal_name"] == "Levante S.L."
    await chain_ok(api, tenant)


async def test_a_refused_correction_of_a_held_record_says_rechazo_previo_s(api, owner, tenant):
    invoice = await issued(api, tenant)
    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"
    # The worker's words: accepted with errors is corrected (RechazoPrevio left out).
    await answer(owner, tenant, invoice["id"], "accepted_with_errors")
    made = await api.post(path, headers=as_tenant(tenant))
    assert made.status_code == 201, made.text
    assert made.json()["flags"] == {"Subsanacion": "S"}
    await answer(owner, tenant, invoice["id"], "rejected")
    again = await api.post(path, headers=as_tenant(tenant))
    assert again.status_code == 201, again.text
    assert again.json()["operation"] == "ALTA POR RECHAZO DE SUBSANACIÓN"
    assert again.json()["flags"] == {"Subsanacion": "S", "RechazoPrevio": "S"}
    await chain_ok(api, tenant)


async def test_corrections_are_refused_for_drafts_unknown_and_other_tenants_invoices(
    api, owner, tenant
):
    draft = await api.post(
        "/v1/invoices",
        json={"series": "T", "lines": [{"description": "x", "quantity": "1", "unit_price": "1"}]},
        headers=as_tenant(tenant),
    )
    path = "/v1/invoices/{}/verifactu/correction"
    problem(
        await api.post(path.format(draft.json()["id"]), headers=as_tenant(tenant)),
        409,
        code="invoice_draft",
    )
    problem(await api.post(path.format(uuid.uuid4()), headers=as_tenant(tenant)), 404)
    invoice = await issued(api, tenant)
    await answer(owner, tenant, invoice["id"], "rejected")
    stranger = uuid.uuid4()
    problem(await api.post(path.format(invoice["id"]), headers=as_tenant(stranger)), 404)
    read_only = internal_headers(tenant, service="invoicing", scopes=("invoices:read",))
    assert (await api.post(path.format(invoice["id"]), headers=read_only)).status_code == 403
    assert len(await records(api, tenant, invoice["id"])) == 1
    bad_key = as_tenant(tenant, **{"Idempotency-Key": "x" * 201})
    problem(await api.post(path.format(invoice["id"]), headers=bad_key), 422)


async def test_concurrent_corrections_append_one_record(api, owner, tenant):
    invoice = await issued(api, tenant)
    await answer(owner, tenant, invoice["id"], "rejected")
    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"
    answers = await asyncio.gather(*(api.post(path, headers=as_tenant(tenant)) for _ in range(5)))
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409]
    assert len(await records(api, tenant, invoice["id"])) == 2
    await chain_ok(api, tenant)


# --- cancellations --------------------------------------------------------------------------


async def test_cancelling_appends_an_anulacion_and_publishes_the_invoice(
    api, owner, tenant, schema
):
    invoice = await issued(api, tenant, "100.00")
    key = f"k-{uuid.uuid4()}"
    path = f"/v1/invoices/{invoice['id']}/cancel"
    reason = {"reason": "Emitida por error: el pedido se anuló antes de servirse"}
    done = await api.post(path, json=reason, headers=as_tenant(tenant, **{"Idempotency-Key": key}))
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["status"], body["number"]) == ("cancelled", invoice["number"])
    assert body["cancellation"]["reason"] == reason["reason"]
    assert body["cancellation"]["cancelled_by"] == "user:ana"
    assert body["cancelled_at"]
    # A retry with the same key answers the same; the same key for another reason is refused.
    again = await api.post(path, json=reason, headers=as_tenant(tenant, **{"Idempotency-Key": key}))
    assert (again.status_code, again.json()) == (200, body)
    other = await api.post(
        path, json={"reason": "otra"}, headers=as_tenant(tenant, **{"Idempotency-Key": key})
    )
    problem(other, 409)
    # Without the key, a second cancellation is refused.
    problem(
        await api.post(path, json=reason, headers=as_tenant(tenant)),
        409,
        "cancelled",
        "invoice_cancelled",
    )

    history = await records(api, tenant, invoice["id"])
    assert [r["kind"] for r in history] == ["alta", "anulacion"]
    # The alta waits for its answer: the AEAT will hold it, so a plain anulación.
    assert history[1]["flags"] == {}
    assert history[1]["fields"]["NumSerieFacturaAnulada"] == invoice["number"]
    assert history[1]["fields"]["HuellaAnterior"] == history[0]["huella"]
    schema.assertValid(etree.fromstring(history[1]["xml"].encode()))
    assert body["cancellation"]["verifactu_huella"] == history[1]["huella"]

    events = await outbox_events(owner, tenant, "invoice.cancelled")
    assert len(events) == 1
    event = events[0]
    assert (event["type"], event["subject"], event["version"]) == (
        "invoice.cancelled",
        invoice["id"],
        1,
    )
    contract = InvoiceCancelled.model_validate(event["data"])
    assert str(contract.amounts.totals.total) == "121.00"
    assert contract.cancellation.reason == reason["reason"]
    assert contract.cancellation.verifactu_huella == history[1]["huella"]

    # The chain goes on: the next invoice follows the anulación.
    following = await issued(api, tenant)
    later = await records(api, tenant, following["id"])
    assert later[0]["fields"]["HuellaAnterior"] == history[1]["huella"]
    verified = await chain_ok(api, tenant)
    assert verified["chains"][0]["records"] == 3


async def test_a_cancelled_invoice_is_no_longer_printed_sent_or_rectified(api, tenant):
    invoice = await issued(api, tenant)
    path = f"/v1/invoices/{invoice['id']}"
    headers = as_tenant(tenant)
    assert (await api.post(f"{path}/cancel", json={"reason": "error"}, headers=headers)).is_success
    for document in ("pdf", "facturae"):
        refused = problem(await api.get(f"{path}/{document}", headers=headers), 409, "cancelled")
        assert "cancelled" in refused["detail"]
    rectify = await api.post(
        f"{path}/rectify",
        json={
            "series": "R",
            "type": "R5",
            "reason": "x",
            "lines": [{"description": "x", "quantity": "1", "unit_price": "-1"}],
        },
        headers=headers,
    )
    problem(rectify, 409, "cancelled", "invoice_cancelled")
    problem(await api.patch(path, json={"notes": "x"}, headers=headers), 409)
    problem(await api.delete(path, headers=headers), 409)
    # Its records stay readable, and it is listed as cancelled, its number used.
    assert (await api.get(f"{path}/verifactu", headers=headers)).status_code == 200
    listed = await api.get("/v1/invoices", params={"status": "cancelled"}, headers=headers)
    assert [i["number"] for i in listed.json()["items"]] == [invoice["number"]]
    following = await issued(api, tenant)
    sequence = int(invoice["number"].rsplit("-", 1)[1])
    assert following["number"].endswith(f"-{sequence + 1:05d}")


async def test_what_cannot_be_cancelled_is_refused_and_nothing_written(api, owner, tenant):
    headers = as_tenant(tenant)
    draft = await api.post(
        "/v1/invoices",
        json={"series": "T", "lines": [{"description": "x", "quantity": "1", "unit_price": "1"}]},
        headers=headers,
    )
    cancel = "/v1/invoices/{}/cancel"
    why = {"reason": "x"}

    async def cancelling(invoice_id, body=why, as_who=headers):
        return await api.post(cancel.format(invoice_id), json=body, headers=as_who)

    problem(await cancelling(draft.json()["id"]), 409, "draft", "invoice_draft")
    problem(await cancelling(uuid.uuid4()), 404, code="not_found")

    original = await issued(api, tenant, "100.00")
    rectifying = await api.post(
        f"/v1/invoices/{original['id']}/rectify",
        json={
            "series": "R",
            "type": "R5",
            "reason": "Descuento",
            "lines": [{"description": "Descuento", "quantity": "1", "unit_price": "-10"}],
        },
        headers=headers,
    )
    assert rectifying.status_code == 201, rectifying.text
    problem(await cancelling(original["id"]), 409, "rectified", "invoice_rectified")
    problem(await cancelling(rectifying.json()["id"]), 409, "rectifying", "invoice_rectifying")

    invoice = await issued(api, tenant)
    for body in ({}, {"reason": ""}, {"reason": "x" * 501}, {"reason": "bell\x07"}, None):
        problem(await cancelling(invoice["id"], body), 422)
    problem(await cancelling(invoice["id"], as_who=as_tenant(uuid.uuid4())), 404)
    reader = internal_headers(tenant, service="invoicing", scopes=("invoices:read",))
    assert (await cancelling(invoice["id"], as_who=reader)).status_code == 403
    still = (await api.get(f"/v1/invoices/{invoice['id']}", headers=headers)).json()
    assert still["status"] == "issued"
    assert len(await records(api, tenant, invoice["id"])) == 1
    assert await outbox_events(owner, tenant, "invoice.cancelled") == []


async def test_a_rejected_alta_is_cancelled_without_prior_record_and_a_refused_anulacion_corrected(
    api, owner, tenant
):
    invoice = await issued(api, tenant)
    await answer(owner, tenant, invoice["id"], "rejected")
    done = await api.post(
        f"/v1/invoices/{invoice['id']}/cancel", json={"reason": "error"}, headers=as_tenant(tenant)
    )
    assert done.status_code == 200, done.text
    history = await records(api, tenant, invoice["id"])
    assert history[-1]["flags"] == {"SinRegistroPrevio": "S"}
    # The AEAT refuses the anulación: it is corrected by another, RechazoPrevio S.
    await answer(owner, tenant, invoice["id"], "rejected")
    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"
    corrected = await api.post(path, headers=as_tenant(tenant))
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["kind"] == "anulacion"
    assert corrected.json()["operation"] == "ANULACIÓN POR RECHAZO SIN REGISTRO PREVIO"
    assert corrected.json()["flags"] == {"SinRegistroPrevio": "S", "RechazoPrevio": "S"}
    # Once the AEAT holds the anulación, there is nothing left to correct.
    await answer(owner, tenant, invoice["id"], "accepted")
    problem(await api.post(path, headers=as_tenant(tenant)), 409, "cancelled")
    await chain_ok(api, tenant)


async def test_issues_cancellations_and_corrections_at_once_never_fork_the_chain(
    api, owner, tenant
):
    invoices = [await issued(api, tenant) for _ in range(6)]
    for invoice in invoices[3:]:
        await answer(owner, tenant, invoice["id"], "rejected")
    headers = as_tenant(tenant)
    calls = [
        *(
            api.post(f"/v1/invoices/{i['id']}/cancel", json={"reason": "error"}, headers=headers)
            for i in invoices[:3]
        ),
        *(
            api.post(f"/v1/invoices/{i['id']}/verifactu/correction", headers=headers)
            for i in invoices[3:]
        ),
        *(
            api.post(
                "/v1/invoices?issue=true",
                json={
                    "series": "T",
                    "lines": [{"description": "x", "quantity": "1", "unit_price": "5"}],
                },
                headers=headers,
            )
            for _ in range(6)
        ),
    ]
    answers = await asyncio.gather(*calls)
    assert all(a.is_success for a in answers), [a.text for a in answers if not a.is_success]
    verified = await chain_ok(api, tenant)
    assert verified["chains"][0]["records"] == 6 + 3 + 3 + 6
