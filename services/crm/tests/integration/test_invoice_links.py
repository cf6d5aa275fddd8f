"""An interaction links invoices (`invoice_ids`), and the answer is final, never "retry shortly".

crm learns of invoices from their events (`invoice_refs`). An invoice issued a moment ago, whose
`invoice.issued` has not reached crm, is asked of the invoicing service (the real one, served on
loopback, which reads its clients from the real clients service): issued and of this client, it
is linked and kept; anything else (no such invoice, another tenant's, another client's, a draft)
is a 422 `unknown_reference` naming the entry (`["body", "invoice_ids", i]`), and nothing is
written. Invoicing not answering is a "not yet" 503 with Retry-After.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import text

from cartera_crm.main import create_app
from cartera_crm.settings import CrmSettings
from cartera_shared.contract import ProblemDetails
from cartera_shared.db import set_tenant
from cartera_shared.testing import free_tcp_port, internal_headers, random_cif, secret_settings

from .tenants import as_tenant

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
NOW = dt.datetime.now(dt.UTC)


class Books:
    """One tenant's clients (in the clients service) and invoices (in invoicing)."""

    def __init__(self, clients_url: str, invoicing_url: str) -> None:
        self.tenant = uuid.uuid4()
        self.clients = httpx.AsyncClient(base_url=clients_url)
        self.invoicing = httpx.AsyncClient(base_url=invoicing_url)

    def headers(self, service: str) -> dict[str, str]:
        return internal_headers(self.tenant, service=service, scopes=("*",), subject="user:ana")

    async def open(self) -> None:
        issuer = {
            "legal_name": "Bar Levante S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
        }
        put = await self.invoicing.put("/v1/issuer", json=issuer, headers=self.headers("invoicing"))
        assert put.status_code == 200, put.text
        series = {"code": "F", "prefix": "F", "kind": "ordinary"}
        made = await self.invoicing.post(
            "/v1/series", json=series, headers=self.headers("invoicing")
        )
        assert made.status_code == 201, made.text

    async def client(self) -> str:
        body = {
            "legal_name": "Cliente S.L.",
            "kind": "company",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
        }
        made = await self.clients.post("/v1/clients", json=body, headers=self.headers("clients"))
        assert made.status_code == 201, made.text
        return str(made.json()["id"])

    async def invoice(self, client_id: str, *, issue: bool = True) -> str:
        line = {"description": "Reparación", "quantity": "1", "unit_price": "100.00"}
        body = {"series": "F", "client_id": client_id, "lines": [line]}
        headers = self.headers("invoicing")
        made = await self.invoicing.post("/v1/invoices", json=body, headers=headers)
        assert made.status_code == 201, made.text
        invoice_id = str(made.json()["id"])
        if issue:
            issued = await self.invoicing.post(f"/v1/invoices/{invoice_id}/issue", headers=headers)
            assert issued.status_code == 200, issued.text
        return invoice_id

    async def close(self) -> None:
        await self.clients.aclose()
        await self.invoicing.aclose()


@pytest.fixture
async def books(known_clients_url, invoicing_url) -> AsyncIterator[Books]:
    opened = Books(known_clients_url, invoicing_url)
    await opened.open()
    yield opened
    await opened.close()


def a_call(client_id: str, invoice_ids: list[str]) -> dict[str, object]:
    return {
        "client_id": client_id,
        "channel": "phone",
        "direction": "outbound",
        "occurred_at": (NOW - dt.timedelta(minutes=5)).isoformat(),
        "summary": "Llamada sobre la factura",
        "outcome": "resolved",
        "invoice_ids": invoice_ids,
    }


async def linked(owner, tenant: uuid.UUID) -> tuple[int, int]:
    """Interactions and invoice_refs rows of the tenant."""
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        interactions = await conn.scalar(text("SELECT count(*) FROM crm.interactions"))
        refs = await conn.scalar(text("SELECT count(*) FROM crm.invoice_refs"))
    return int(interactions or 0), int(refs or 0)


def refused_at(answer: httpx.Response, position: int, kind: str) -> dict[str, object]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "Retry-After" not in answer.headers  # final: no retry changes it
    body: dict[str, object] = answer.json()
    ProblemDetails.model_validate(body)
    assert body["code"] == "unknown_reference", body
    errors = body["errors"]
    assert isinstance(errors, list)
    assert [(e["loc"], e["type"]) for e in errors] == [(["body", "invoice_ids", position], kind)]
    assert "retry" not in str(body["detail"]).lower()
    return body


async def forget_the_event(owner, tenant: uuid.UUID, invoice_id: str) -> None:
    """crm as it is before `invoice.issued` arrives. crm's consumers run here and the event may
    come at any moment: once it has been taken in, its row is removed (the event is not sent
    twice), so the link is decided by asking invoicing and by nothing else."""
    for _ in range(300):
        async with owner.begin() as conn:
            await set_tenant(conn, tenant)
            gone = await conn.execute(
                text("DELETE FROM crm.invoice_refs WHERE invoice_id = :i"), {"i": invoice_id}
            )
        if gone.rowcount:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"invoice.issued of {invoice_id} never reached crm")


async def test_an_invoice_issued_a_moment_ago_is_linked_and_kept(crm, books, owner):
    client_id = await books.client()
    invoice_id = await books.invoice(client_id)
    await forget_the_event(owner, books.tenant, invoice_id)
    assert await linked(owner, books.tenant) == (0, 0)
    answer = await crm.post(
        "/v1/interactions", json=a_call(client_id, [invoice_id]), headers=as_tenant(books.tenant)
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["invoice_ids"] == [invoice_id]
    assert await linked(owner, books.tenant) == (1, 1)  # kept, as its event would keep it
    # Known now: linked again without asking, and without another row.
    again = await crm.post(
        "/v1/interactions", json=a_call(client_id, [invoice_id]), headers=as_tenant(books.tenant)
    )
    assert again.status_code == 201, again.text
    assert await linked(owner, books.tenant) == (2, 1)


async def test_what_is_not_an_issued_invoice_of_this_client_is_a_final_422(
    crm, books, owner, known_clients_url, invoicing_url
):
    client_id = await books.client()
    other_client = await books.client()
    mine = await books.invoice(client_id)
    of_the_other_client = await books.invoice(other_client)
    draft = await books.invoice(client_id, issue=False)
    stranger = Books(known_clients_url, invoicing_url)
    await stranger.open()
    try:
        of_another_tenant = await stranger.invoice(await stranger.client())
    finally:
        await stranger.close()
    headers = as_tenant(books.tenant)
    cases = [
        ([mine, str(uuid.uuid4())], 1, "unknown"),
        ([of_another_tenant], 0, "unknown"),
        ([mine, draft], 1, "unknown"),
        ([of_the_other_client], 0, "other_client"),
    ]
    for invoice_ids, position, kind in cases:
        answer = await crm.post(
            "/v1/interactions", json=a_call(client_id, invoice_ids), headers=headers
        )
        refused_at(answer, position, kind)
    # Asked twice, the same answer: an invoice known to crm by now, of another client.
    answer = await crm.post(
        "/v1/interactions", json=a_call(client_id, [of_the_other_client]), headers=headers
    )
    refused_at(answer, 0, "other_client")
    interactions, _ = await linked(owner, books.tenant)
    assert interactions == 0


@pytest.fixture(scope="module")
async def crm_without_invoicing(
    owner_url, app_url, kafka_bootstrap, known_clients_url
) -> AsyncIterator[httpx.AsyncClient]:
    settings = CrmSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=known_clients_url,
        CARTERA_INVOICING_URL=f"http://127.0.0.1:{free_tcp_port()}",  # nothing listens there
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://crm") as client:
            yield client


async def test_an_invoicing_service_that_does_not_answer_is_not_yet(
    crm_without_invoicing, books, owner
):
    client_id = await books.client()
    # An id crm has never heard of: only invoicing could say whether it exists.
    answer = await crm_without_invoicing.post(
        "/v1/interactions",
        json=a_call(client_id, [str(uuid.uuid4())]),
        headers=as_tenant(books.tenant),
    )
    assert answer.status_code == 503, answer.text
    body = answer.json()
    assert body["code"] == "unavailable"
    assert answer.headers["Retry-After"] == str(body["retry_after"])
    assert await linked(owner, books.tenant) == (0, 0)
