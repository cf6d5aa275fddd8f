"""VERI*FACTU for real: invoices issued through the gateway reach the AEAT's conformance
simulator over mutual TLS (the stack's invoicing worker, its certificate store, PostgreSQL and
Kafka), and what the AEAT answers shows through the gateway: accepted with the CSV, rejected
and corrected, accepted with errors and corrected, cancelled, the waiting time it asks for, the
reconciliation, and nothing sent without a certificate.

Each test has its own tenant, issuer NIF (so its own chain and counters at the simulator) and
series (the simulator's rules are keyed by invoice number). The simulator's waiting time is
lowered to one second for the module and put back after it (docs/verifactu.md, "The
conformance simulator")."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from pypdf import PdfReader

from cartera_shared.events import topics
from cartera_shared.testing import read_topic

from .helpers import assert_problem
from .verifactu_helpers import (
    TODAY,
    assert_chain_sound,
    certify,
    counters,
    held,
    issue,
    open_books,
    record,
    records_of,
    scenario,
    scenario_set,
    until_all_answered,
    until_last,
    until_status,
)


@pytest.fixture(autouse=True, scope="module")
async def short_wait(stack) -> AsyncIterator[None]:
    before = await scenario(stack, wait_seconds=1)
    yield
    await scenario(stack, wait_seconds=before["wait_seconds"])


async def pdf_text(tenant, invoice_id: str) -> str:
    answer = await tenant.client.get(f"/v1/invoices/{invoice_id}/pdf")
    assert answer.status_code == 200, answer.text
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)


async def test_issued_invoices_reach_the_aeat_and_are_accepted_in_chain_order(stack, tenant):
    books = await open_books(tenant)
    first = await issue(tenant, books, "120.00")
    # No certificate yet: the record waits, and the printout promises no AEAT check.
    text = await pdf_text(tenant, first["id"])
    assert "VERI*FACTU" not in text
    assert "QR tributario" not in text
    await asyncio.sleep(1.5)
    assert (await record(tenant, first["id"]))["status"] == "pending"
    assert await counters(stack, books.nif) == {}

    await certify(stack, tenant, books)
    # Sent at once after the upload (not at the sender's next look a minute later).
    accepted = await until_status(tenant, first["id"], timeout=10)
    assert accepted["status"] == "accepted", accepted
    assert accepted["csv"]
    assert accepted["error"] is None
    assert accepted["attempts"] == 1
    assert accepted["last_failure"] is None
    assert accepted["answered_at"]
    second = await issue(tenant, books, "80.00")
    third = await issue(tenant, books, "35.50")
    for invoice in (second, third):
        done = await until_status(tenant, invoice["id"])
        assert (done["status"], bool(done["csv"])) == ("accepted", True), done

    text = await pdf_text(tenant, first["id"])
    assert "VERI*FACTU" in text
    assert "QR tributario" in text

    holds = await held(stack, books.nif)
    assert [h["number"] for h in holds] == [first["number"], second["number"], third["number"]]
    assert {h["status"] for h in holds} == {"Correcta"}
    assert {h["presenter_nif"] for h in holds} == {books.nif}
    assert [h["huella"] for h in holds] == [
        (await record(tenant, i["id"]))["fields"]["Huella"] for i in (first, second, third)
    ]
    assert (await counters(stack, books.nif))["early_requests"] == 0
    await assert_chain_sound(stack, tenant, books)


async def test_a_rejected_record_is_told_announced_and_corrected(stack, tenant, kafka_bootstrap):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    number = f"{books.series}{TODAY.year}-00001"
    async with scenario_set(stack, reject={number: {"code": 1108, "times": 1}}):
        invoice = await issue(tenant, books, "250.00")
        assert invoice["number"] == number
        rejected = await until_status(tenant, invoice["id"])
    assert rejected["status"] == "rejected", rejected
    assert rejected["error"]["code"] == 1108
    assert rejected["error"]["description"]
    assert rejected["csv"] is None  # a request whose every record was refused has no CSV
    listed = await tenant.client.get("/v1/verifactu/records", params={"status": "rejected"})
    assert [r["invoice_id"] for r in listed.json()["items"]] == [invoice["id"]]

    events = await read_topic(
        kafka_bootstrap,
        topics.VERIFACTU_REJECTED,
        until=lambda rs: any(invoice["id"].encode() in r.value for r in rs),
    )
    [event] = [json.loads(r.value) for r in events if invoice["id"].encode() in r.value]
    assert event["tenant_id"] == str(tenant.id)
    assert event["subject"] == invoice["id"]

    # The next invoice goes on with the chain: a refused record is part of it.
    after = await issue(tenant, books, "10.00")
    assert (await until_status(tenant, after["id"]))["status"] == "accepted"

    path = f"/v1/invoices/{invoice['id']}/verifactu/correction"
    corrected = await tenant.client.post(path, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["operation"] == "ALTA POR RECHAZO"
    assert corrected.json()["flags"] == {"Subsanacion": "S", "RechazoPrevio": "X"}
    fixed = await until_last(tenant, invoice["id"])
    assert (fixed["status"], fixed["error"], bool(fixed["csv"])) == ("accepted", None, True)
    # The invoice now stands as its correction's answer says, not as the refused alta's.
    now = await record(tenant, invoice["id"])
    assert (now["status"], now["error"], now["csv"]) == ("accepted", None, fixed["csv"])
    assert now["answer_of"] == {
        "record_id": fixed["record_id"],
        "kind": "alta",
        "position": fixed["position"],
    }
    assert now["record_id"] != fixed["record_id"]  # the registration record shown is the first
    assert [(r["kind"], r["status"]) for r in await records_of(tenant, invoice["id"])] == [
        ("alta", "rejected"),
        ("alta", "accepted"),
    ]
    holds = {h["number"]: h for h in await held(stack, books.nif)}
    assert holds[number]["correction"] is True
    assert holds[number]["huella"] == fixed["huella"]
    # An accepted record whose rebuild is the same has nothing to correct.
    again = await tenant.client.post(path)
    assert_problem(again, 409)
    assert again.json()["reason"] == "nothing_to_correct"
    await assert_chain_sound(stack, tenant, books)


async def test_accepted_with_errors_is_shown_and_corrected_by_a_subsanacion(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    number = f"{books.series}{TODAY.year}-00001"
    async with scenario_set(stack, warn={number: {"code": 2004, "times": 1}}):
        invoice = await issue(tenant, books, "99.99")
        warned = await until_status(tenant, invoice["id"])
    assert warned["status"] == "accepted_with_errors", warned
    assert warned["error"]["code"] == 2004
    assert warned["csv"]

    corrected = await tenant.client.post(f"/v1/invoices/{invoice['id']}/verifactu/correction")
    assert corrected.status_code == 201, corrected.text
    assert corrected.json()["operation"] == "ALTA DE SUBSANACIÓN"
    assert corrected.json()["flags"] == {"Subsanacion": "S"}
    fixed = await until_last(tenant, invoice["id"])
    assert (fixed["status"], fixed["error"], bool(fixed["csv"])) == ("accepted", None, True)
    [holding] = await held(stack, books.nif)
    assert (holding["status"], holding["correction"]) == ("Correcta", True)
    await assert_chain_sound(stack, tenant, books)


async def test_a_cancellation_reaches_the_aeat_and_the_chain_goes_on(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    gone = await issue(tenant, books, "300.00")
    await until_status(tenant, gone["id"])
    cancelled = await tenant.client.post(
        f"/v1/invoices/{gone['id']}/cancel", json={"reason": "Emitida por error"}
    )
    assert cancelled.status_code == 200, cancelled.text
    after = await issue(tenant, books, "45.00")
    await until_all_answered(tenant)
    kinds = [(r["kind"], r["status"]) for r in await records_of(tenant, gone["id"])]
    assert kinds == [("alta", "accepted"), ("anulacion", "accepted")]
    standing = await record(tenant, gone["id"])
    assert (standing["status"], standing["answer_of"]["kind"]) == ("accepted", "anulacion")
    assert (await record(tenant, after["id"]))["status"] == "accepted"
    holds = {h["number"]: h for h in await held(stack, books.nif)}
    assert (holds[gone["number"]]["status"], holds[after["number"]]["status"]) == (
        "Anulada",
        "Correcta",
    )
    await assert_chain_sound(stack, tenant, books)
    # Reconciled: the AEAT holds what Cartera believes, the cancellation included.
    report = await tenant.client.get(
        "/v1/verifactu/reconciliation", params={"year": TODAY.year, "month": TODAY.month}
    )
    assert report.status_code == 200, report.text
    assert report.json()["differences"] == 0, report.json()


async def test_the_worker_waits_the_time_the_aeat_asks_between_requests(stack, tenant):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    first = await issue(tenant, books)
    await until_status(tenant, first["id"])
    async with scenario_set(stack, wait_seconds=3):
        second = await issue(tenant, books)  # answered with a wait of 1 s: goes at once
        await until_status(tenant, second["id"])
        loop = asyncio.get_running_loop()
        answered_at = loop.time()
        third = await issue(tenant, books)  # must wait the 3 s the second answer asked for
        fourth = await issue(tenant, books)
        await asyncio.sleep(1.5)
        assert (await record(tenant, third["id"]))["status"] == "pending"
        await until_status(tenant, third["id"], timeout=10)
        assert loop.time() - answered_at >= 2.5
        await until_status(tenant, fourth["id"], timeout=10)
    count = await counters(stack, books.nif)
    assert count["early_requests"] == 0, count
    # The two waiting records went together, in one request.
    holds = {h["number"]: h for h in await held(stack, books.nif)}
    assert holds[third["number"]]["request_id"] == holds[fourth["number"]]["request_id"]
    assert count["requests"] == 3, count
    await assert_chain_sound(stack, tenant, books)


async def set_status(owner_url: str, tenant_id: uuid.UUID, invoice_id: str, value: str) -> None:
    conn = await asyncpg.connect(owner_url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with conn.transaction():
            await conn.execute("SELECT set_config('app.tenant_id', $1, true)", str(tenant_id))
            done = await conn.execute(
                "UPDATE invoicing.verifactu_records SET status = $1 WHERE invoice_id = $2",
                value,
                uuid.UUID(invoice_id),
            )
            assert done == "UPDATE 1"
    finally:
        await conn.close()


async def test_reconciliation_names_a_difference_and_none_when_in_sync(stack, tenant, owner_url):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    invoices = [await issue(tenant, books, amount) for amount in ("10.00", "20.00")]
    await until_all_answered(tenant)
    params = {"year": TODAY.year, "month": TODAY.month}

    report = await tenant.client.get("/v1/verifactu/reconciliation", params=params)
    assert report.status_code == 200, report.text
    assert report.json()["differences"] == 0, report.json()
    [issuer] = report.json()["issuers"]
    assert (issuer["issuer_tax_id"], issuer["queried"], issuer["held_at_aeat"]) == (
        books.nif,
        True,
        2,
    )

    # Cartera believes the AEAT refused what it holds.
    await set_status(owner_url, tenant.id, invoices[1]["id"], "rejected")
    report = await tenant.client.get("/v1/verifactu/reconciliation", params=params)
    assert report.json()["differences"] == 1, report.json()
    [difference] = report.json()["issuers"][0]["differences"]
    assert (difference["kind"], difference["number"]) == (
        "held_not_accepted",
        invoices[1]["number"],
    )
    await set_status(owner_url, tenant.id, invoices[1]["id"], "accepted")
    report = await tenant.client.get("/v1/verifactu/reconciliation", params=params)
    assert report.json()["differences"] == 0, report.json()


async def test_without_a_certificate_nothing_is_sent(stack, tenant):
    books = await open_books(tenant)
    invoices = [await issue(tenant, books) for _ in range(2)]
    mode = (await tenant.client.get("/v1/issuer/verifactu")).json()
    assert mode["submission_enabled"] is False
    await asyncio.sleep(2)
    for invoice in invoices:
        found = await record(tenant, invoice["id"])
        assert (found["status"], found["attempts"], found["csv"]) == ("pending", 0, None)
    assert await counters(stack, books.nif) == {}
    assert await held(stack, books.nif) == []
    report = await tenant.client.get(
        "/v1/verifactu/reconciliation", params={"year": TODAY.year, "month": TODAY.month}
    )
    [issuer] = report.json()["issuers"]
    assert issuer["queried"] is False


async def test_bad_inputs_are_refused(stack, tenant, other_tenant, http):
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    invoice = await issue(tenant, books)
    path = f"/v1/invoices/{invoice['id']}"

    # Nothing to correct while the record waits for its answer... or once it was accepted.
    await until_status(tenant, invoice["id"])
    accepted = await tenant.client.post(f"{path}/verifactu/correction")
    assert_problem(accepted, 409)
    assert accepted.json()["reason"] == "nothing_to_correct"

    missing = uuid.uuid4()
    for url in (
        f"/v1/invoices/{missing}/verifactu",
        f"/v1/invoices/{missing}/verifactu/records",
        f"/v1/invoices/{missing}/pdf",
    ):
        assert_problem(await tenant.client.get(url), 404)
    assert_problem(await tenant.client.post(f"/v1/invoices/{missing}/verifactu/correction"), 404)
    assert (await tenant.client.get("/v1/invoices/not-an-id/verifactu")).status_code == 422
    for url in (f"{path}/verifactu", f"{path}/verifactu/records", f"{path}/pdf"):
        assert_problem(await other_tenant.client.get(url), 404)
    assert_problem(await other_tenant.client.post(f"{path}/verifactu/correction"), 404)
    assert_problem(await other_tenant.client.post(f"{path}/cancel", json={"reason": "x"}), 404)

    reconciliation = "/v1/verifactu/reconciliation"
    for params in (
        {},
        {"year": TODAY.year},
        {"year": 1999, "month": 1},
        {"year": 2026, "month": 13},
    ):
        assert (await tenant.client.get(reconciliation, params=params)).status_code == 422
    assert (
        await tenant.client.get("/v1/verifactu/records", params={"status": "lost"})
    ).status_code == 422

    made = await tenant.client.post(
        "/v1/api-keys", json={"name": "solo clientes", "scopes": ["clients:read"]}
    )
    assert made.status_code == 201, made.text
    stranger = {"Authorization": f"Bearer {made.json()['api_key']}"}
    for url in (f"{path}/verifactu", reconciliation + f"?year={TODAY.year}&month=1"):
        assert_problem(await http.get(url, headers=stranger), 403)
    made = await tenant.client.post(
        "/v1/api-keys", json={"name": "lector", "scopes": ["invoices:read"]}
    )
    reader = {"Authorization": f"Bearer {made.json()['api_key']}"}
    assert_problem(await http.post(f"{path}/verifactu/correction", headers=reader), 403)
    assert (await http.get(f"{path}/verifactu", headers=reader)).status_code == 200
