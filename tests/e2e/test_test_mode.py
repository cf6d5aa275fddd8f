"""Test mode end to end, through the gateway: a live tenant makes a test API key; with it a
partner sets up the sandbox (the live issuer's own NIF, and a certificate for it from the AEAT
simulator's CA, so that only test mode stands between its records and the AEAT), makes a client,
issues an invoice and records a payment. The answers and the webhook delivery say `test`; the AEAT
simulator never receives the sandbox's record while it did receive the live one; and the live
tenant's lists, analytics and Modelo 347 are what they were."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import json
import os
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from pypdf import PdfReader
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cartera_shared.tenancy import is_test_tenant, sandbox_twin
from cartera_shared.testing import eventually

from .verifactu_helpers import (
    ADDRESS,
    TODAY,
    certify,
    counters,
    held,
    issue,
    open_books,
    record,
    scenario,
    unique_series,
    until_status,
)

WIDE = {"from": (TODAY - dt.timedelta(days=500)).isoformat(), "to": TODAY.isoformat()}


class Receiver:
    """An HTTP endpoint that keeps every delivery, by the name in its path."""

    def __init__(self) -> None:
        self.received: dict[str, list[tuple[dict[str, str], dict]]] = {}

    async def hook(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.received.setdefault(request.path_params["name"], []).append(
            (dict(request.headers), body)
        )
        return Response(status_code=204)


@pytest.fixture(scope="module")
async def receiver():
    port = int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000")) + 33
    box = Receiver()
    app = Starlette(routes=[Route("/hooks/{name}", box.hook, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    box.url = f"http://127.0.0.1:{port}/hooks"  # type: ignore[attr-defined]
    yield box
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await task


@pytest.fixture(autouse=True, scope="module")
async def short_wait(stack):
    before = await scenario(stack, wait_seconds=1)
    yield
    await scenario(stack, wait_seconds=before["wait_seconds"])


async def ids(client: httpx.AsyncClient, path: str, **params) -> list[str]:
    answer = await client.get(path, params={"limit": 100, **params})
    assert answer.status_code == 200, answer.text
    return sorted(item["id"] for item in answer.json()["items"])


async def live_view(tenant) -> dict:
    """What the live tenant sees of its own business."""
    portfolio = await tenant.client.get("/v1/analytics/portfolio", params=WIDE)
    assert portfolio.status_code == 200, portfolio.text
    m347 = await tenant.client.get("/v1/analytics/modelo-347", params={"year": TODAY.year})
    assert m347.status_code == 200, m347.text
    return {
        "clients": await ids(tenant.client, "/v1/clients"),
        "invoices": await ids(tenant.client, "/v1/invoices"),
        "receivables": await ids(tenant.client, "/v1/receivables"),
        "payments": await ids(tenant.client, "/v1/payments"),
        "portfolio": portfolio.json()["totals"],
        "347": m347.json()["items"],
    }


@pytest.mark.timeout(240)
async def test_a_test_key_runs_a_whole_flow_that_never_leaves_cartera(stack, tenant, receiver):
    # The live tenant's business, with its record accepted at the AEAT simulator.
    books = await open_books(tenant)
    await certify(stack, tenant, books)
    live_invoice = await issue(tenant, books, "100.00")
    assert (await until_status(tenant, live_invoice["id"], timeout=30))["status"] == "accepted"
    sent_to_aeat = await counters(stack, books.nif)
    live_client = (await tenant.client.get(f"/v1/clients/{books.client_id}")).json()

    async def analytics_has_the_live_invoice() -> bool:
        got = await tenant.client.get("/v1/analytics/portfolio", params=WIDE)
        return got.json()["totals"]["invoices"] == 1

    await eventually(analytics_has_the_live_invoice, timeout=30)
    before = await live_view(tenant)
    live_subscription = await tenant.client.post(
        "/v1/webhooks",
        json={"url": f"{receiver.url}/live-{tenant.id.hex[:8]}", "event_types": ["*"]},
    )
    assert live_subscription.status_code == 201, live_subscription.text

    # A test key, made by the live tenant.
    made = await tenant.client.post(
        "/v1/api-keys", json={"name": "sandbox", "scopes": ["*"], "mode": "test"}
    )
    assert made.status_code == 201, made.text
    assert made.headers["Cartera-Mode"] == "live"
    key = made.json()["api_key"]
    assert key.startswith("ck_test_")
    async with httpx.AsyncClient(
        base_url=stack.gateway, timeout=30, headers={"Authorization": f"Bearer {key}"}
    ) as client:
        sandbox = SimpleNamespace(id=sandbox_twin(tenant.id), client=client)
        me = await client.get("/v1/auth/me")
        assert me.status_code == 200, me.text
        assert me.headers["Cartera-Mode"] == "test"

        # The sandbox as the demo's is: the live issuer's own NIF, and a certificate for it.
        issuer = await client.put(
            "/v1/issuer",
            json={
                "legal_name": books.name,
                "tax_id": books.nif,
                "fiscal_address": ADDRESS,
                "valid_from": (TODAY - dt.timedelta(days=30)).isoformat(),
            },
        )
        assert issuer.status_code in (200, 201), issuer.text
        assert issuer.headers["Cartera-Mode"] == "test"
        series = unique_series()
        assert (
            await client.post("/v1/series", json={"code": series, "prefix": series})
        ).status_code == 201
        await certify(stack, sandbox, books)
        # The live tenant's client, by the same tax id: a 347 leak would show under it.
        same = {
            k: live_client[k]
            for k in ("legal_name", "kind", "tax_id", "country", "fiscal_address", "email")
        }
        test_client = await client.post(
            "/v1/clients", json={**same, "valid_from": (TODAY - dt.timedelta(days=30)).isoformat()}
        )
        assert test_client.status_code == 201, test_client.text
        assert test_client.headers["Cartera-Mode"] == "test"
        test_books = type(books)(books.nif, books.name, series, test_client.json()["id"])
        hook = await client.post(
            "/v1/webhooks",
            json={"url": f"{receiver.url}/test-{tenant.id.hex[:8]}", "event_types": ["*"]},
        )
        assert hook.status_code == 201, hook.text

        # An invoice over the 347 threshold, and its payment.
        invoice = await issue(sandbox, test_books, "4000.00")
        test_record = await record(sandbox, invoice["id"])
        assert test_record["status"] == "test"
        assert test_record["fields"]["IDEmisorFactura"] == books.nif

        async def receivable_there() -> bool:
            got = await client.get("/v1/receivables", params={"invoice_id": invoice["id"]})
            return bool(got.json()["items"])

        await eventually(receivable_there, timeout=30)
        paid = await client.post(
            "/v1/payments",
            json={
                "invoice_id": invoice["id"],
                "amount": invoice["totals"]["total"],
                "paid_on": TODAY.isoformat(),
            },
        )
        assert paid.status_code == 201, paid.text
        assert paid.headers["Cartera-Mode"] == "test"

        # The webhook of the sandbox says test, in its header and its body.
        test_name, live_name = f"test-{tenant.id.hex[:8]}", f"live-{tenant.id.hex[:8]}"

        async def payment_delivered() -> bool:
            return any(
                body["type"] == "payment.recorded"
                for _, body in receiver.received.get(test_name, [])
            )

        await eventually(payment_delivered, timeout=30)
        for headers, body in receiver.received[test_name]:
            assert body["test"] is True
            assert headers["cartera-mode"] == "test"
            assert is_test_tenant(body["tenant_id"])
            assert body["tenant_id"] == str(sandbox.id)

        # A PDF that says what it is.
        pdf = await client.get(f"/v1/invoices/{invoice['id']}/pdf")
        assert pdf.status_code == 200
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        assert "PRUEBA" in text
        assert "sin validez fiscal" in text

        # Hostile crossings: neither side reaches the other's things, by id or by body.
        live_invoice_path = f"/v1/invoices/{live_invoice['id']}"
        assert (await client.get(live_invoice_path)).status_code == 404
        assert (await client.get(f"/v1/clients/{books.client_id}")).status_code == 404
        assert (
            await client.patch(f"/v1/clients/{books.client_id}", json={"legal_name": "X S.L."})
        ).status_code == 404
        stolen = await client.post(
            "/v1/payments",
            json={"invoice_id": live_invoice["id"], "amount": "1.00", "paid_on": TODAY.isoformat()},
        )
        assert stolen.status_code in (404, 422), stolen.text
        assert (await tenant.client.get(f"/v1/invoices/{invoice['id']}")).status_code == 404
        assert (
            await tenant.client.get(f"/v1/clients/{test_client.json()['id']}")
        ).status_code == 404
        # A live key dressed as a test one is no key at all.
        dressed = tenant.api_key.replace("ck_", "ck_test_", 1)
        assert (
            await client.get("/v1/clients", headers={"Authorization": f"Bearer {dressed}"})
        ).status_code == 401

        # Analytics took the sandbox's invoice in, for the sandbox.
        async def sandbox_analytics() -> bool:
            got = await client.get("/v1/analytics/portfolio", params=WIDE)
            return got.json()["totals"]["invoices"] == 1

        await eventually(sandbox_analytics, timeout=30)

        # The AEAT never heard of it: a sender would have sent it at once (a valid certificate
        # for its issuer was uploaded, and the simulator asks one second between requests).
        await asyncio.sleep(6)
        assert (await record(sandbox, invoice["id"]))["status"] == "test"
        assert await counters(stack, books.nif) == sent_to_aeat
        at_the_aeat = json.dumps(await held(stack, books.nif))
        assert live_invoice["number"] in at_the_aeat
        assert invoice["number"] not in at_the_aeat

    # The live tenant's business is as it was; its webhook got none of the sandbox's events.
    assert await live_view(tenant) == before
    assert not any(
        body["tenant_id"] != str(tenant.id) for _, body in receiver.received.get(live_name, [])
    )
    assert all(body["test"] is False for _, body in receiver.received.get(live_name, []))
