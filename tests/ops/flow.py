"""Business data made through the gateway, for the operations tests: books, clients, invoices
and payments."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from cartera_shared import business_day
from cartera_shared.testing import random_cif

# "Today" is read when it is used: a drill may cross midnight in Madrid.
OPEN = business_day.today() - dt.timedelta(days=60)
ADDRESS = {"street": "Calle Mayor 3", "postal_code": "28013", "city": "Madrid", "country": "ES"}


async def eventually(
    probe: Callable[[], Awaitable[bool]], *, timeout: float = 15.0, interval: float = 0.1
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not await probe():
        if loop.time() - started > timeout:
            raise AssertionError(f"condition not reached within {timeout}s")
        await asyncio.sleep(interval)


def client_payload(name: str) -> dict[str, Any]:
    return {
        "legal_name": name,
        "kind": "company",
        "tax_id": random_cif(),
        "country": "ES",
        "fiscal_address": {**ADDRESS, "province": "Madrid"},
        "email": "admin@example.es",
        "valid_from": OPEN.isoformat(),
    }


async def open_books(tenant: Any) -> None:
    answer = await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": "Suministros Centro S.L.",
            "tax_id": random_cif(),
            "fiscal_address": ADDRESS,
            "valid_from": OPEN.isoformat(),
        },
    )
    assert answer.status_code in (200, 201), answer.text
    answer = await tenant.client.post("/v1/series", json={"code": "F", "prefix": "F"})
    assert answer.status_code == 201, answer.text


async def new_client(tenant: Any, name: str) -> dict[str, Any]:
    answer = await tenant.client.post(
        "/v1/clients",
        json=client_payload(name),
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def issue(tenant: Any, client_id: str, unit_price: str) -> dict[str, Any]:
    draft = await tenant.client.post(
        "/v1/invoices",
        json={
            "client_id": client_id,
            "series": "F",
            "lines": [{"description": "Material", "quantity": "1", "unit_price": unit_price}],
        },
    )
    assert draft.status_code == 201, draft.text
    issued = await tenant.client.post(f"/v1/invoices/{draft.json()['id']}/issue")
    assert issued.status_code == 200, issued.text
    return dict(issued.json())


async def receivable(tenant: Any, invoice_id: str) -> dict[str, Any]:
    async def present() -> bool:
        answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice_id})
        return bool(answer.json()["items"])

    await eventually(present, timeout=30)
    answer = await tenant.client.get("/v1/receivables", params={"invoice_id": invoice_id})
    return dict(answer.json()["items"][0])


async def pay(tenant: Any, invoice_id: str, amount: str) -> dict[str, Any]:
    answer = await tenant.client.post(
        "/v1/payments",
        json={
            "invoice_id": invoice_id,
            "amount": amount,
            "paid_on": business_day.today().isoformat(),
        },
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def all_pages(tenant: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
        answer = await tenant.client.get(path, params=query)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        items.extend(body["items"])
        cursor = body.get("next_cursor")
        if not cursor:
            return items


async def figures(tenant: Any) -> dict[str, Any]:
    """What the three owners of the money say: invoicing, collections and analytics."""
    invoices = [i for i in await all_pages(tenant, "/v1/invoices") if i["status"] != "draft"]
    receivables = await all_pages(tenant, "/v1/receivables")
    payments = await all_pages(tenant, "/v1/payments")
    answer = await tenant.client.get(
        "/v1/analytics/portfolio",
        params={"from": OPEN.isoformat(), "to": business_day.today().isoformat()},
    )
    assert answer.status_code == 200, answer.text
    return {
        "invoices": sorted(i["id"] for i in invoices),
        "invoiced": sum(Decimal(i["totals"]["total"]) for i in invoices),
        "taxable": sum(Decimal(i["totals"]["taxable_base"]) for i in invoices),
        "receivables": sorted(r["invoice_id"] for r in receivables),
        "receivable": sum(Decimal(r["amount"]) for r in receivables),
        "outstanding": sum(Decimal(r["outstanding"]) for r in receivables),
        "paid": sum(Decimal(p["amount"]) for p in payments if not p["reversed"]),
        "analytics": answer.json()["totals"],
    }
