"""A rolling restart of every service under load fails no request.

While partners issue invoices in one call, record payments and read lists through the gateway,
`stack.py roll` restarts each service in turn, the gateway included: the new process starts on
the old one's port and takes every new connection once it listens; the old one is stopped with
SIGTERM, stays out of sight for its drain (its answers closing their connections), finishes the
requests in hand and commits what its consumers processed. No caller retries anything here, and
the writes carry no Idempotency-Key: every request must be answered with success the first time.
Afterwards every invoice has its receivable and analytics' totals match, so the consumers handed
over their partitions without losing an event.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from decimal import Decimal
from typing import Any

import httpx
import pytest

from cartera_shared import business_day
from cartera_shared.testing import eventually, random_cif

TODAY = business_day.today()
# Between two calls of one caller: five callers stay under the per-key limit of the test stack
# (1,200 a minute), which would otherwise answer 429.
PAUSE = 0.3
ADDRESS = {"street": "Calle Mayor 1", "postal_code": "46001", "city": "Valencia", "country": "ES"}


class Load:
    """Callers that never retry: every answer but a success is a failure, kept with its time."""

    def __init__(self, http: httpx.AsyncClient, client_ids: list[str]) -> None:
        self.http = http
        self.client_ids = client_ids
        self.stop = asyncio.Event()
        self.began = time.monotonic()
        self.failures: list[str] = []
        self.answered: list[float] = []
        self.issued: list[dict[str, Any]] = []
        self.paid: set[str] = set()

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any] | None:
        at = time.monotonic() - self.began
        try:
            answer = await self.http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.failures.append(f"{at:6.2f}s {method} {path}: {exc!r}")
            return None
        if answer.status_code >= 300:
            self.failures.append(f"{at:6.2f}s {method} {path}: {answer.status_code} {answer.text}")
            return None
        self.answered.append(at)
        body: dict[str, Any] = answer.json()
        return body

    async def issuing(self, which: int) -> None:
        while not self.stop.is_set():
            client_id = self.client_ids[(which + len(self.issued)) % len(self.client_ids)]
            invoice = await self.call(
                "POST",
                "/v1/invoices",
                params={"issue": "true"},
                json={
                    "client_id": client_id,
                    "series": "F",
                    "lines": [{"description": "Revisión", "quantity": "1", "unit_price": "80.00"}],
                },
            )
            if invoice is not None:
                self.issued.append(invoice)
            await asyncio.sleep(PAUSE)

    async def paying(self) -> None:
        while not self.stop.is_set():
            unpaid = [i for i in self.issued if i["id"] not in self.paid]
            if unpaid:
                invoice = unpaid[0]
                self.paid.add(invoice["id"])
                await self.call(
                    "POST",
                    "/v1/payments",
                    json={
                        "invoice_id": invoice["id"],
                        "amount": "10.00",
                        "paid_on": invoice["issue_date"],
                    },
                )
            await asyncio.sleep(PAUSE)

    async def reading(self) -> None:
        while not self.stop.is_set():
            await self.call("GET", "/v1/invoices", params={"limit": 5})
            await self.call("GET", f"/v1/clients/{self.client_ids[0]}")
            await asyncio.sleep(PAUSE)


async def all_pages(http: httpx.AsyncClient, path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await http.get(path, params={"limit": 500, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return items


@pytest.mark.timeout(600)
async def test_a_rolling_restart_of_every_service_fails_no_request(stack, stack_script):
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as admin:
        made = await admin.post(
            "/v1/admin/tenants",
            json={"name": "Relevos S.L."},
            headers={"Authorization": f"Bearer {stack.admin_token}"},
        )
        assert made.status_code == 201, made.text
    key = {"Authorization": f"Bearer {made.json()['api_key']}"}
    # A partner's pool lets idle connections go sooner than a stopped process drains (3 s in
    # the local stack; see docs/operations.md), as the gateway's own pool does.
    limits = httpx.Limits(max_connections=20, keepalive_expiry=2.0)
    async with httpx.AsyncClient(
        base_url=stack.gateway, timeout=30, headers=key, limits=limits
    ) as http:
        since = (TODAY - dt.timedelta(days=30)).isoformat()
        issuer = {"legal_name": "Relevos S.L.", "tax_id": random_cif(), "valid_from": since}
        answer = await http.put("/v1/issuer", json={**issuer, "fiscal_address": ADDRESS})
        assert answer.status_code == 200, answer.text
        answer = await http.post("/v1/series", json={"code": "F", "prefix": "F"})
        assert answer.status_code == 201, answer.text
        client_ids = []
        for n in range(3):
            answer = await http.post(
                "/v1/clients",
                json={
                    "legal_name": f"Cliente {n} S.L.",
                    "kind": "company",
                    "tax_id": random_cif(),
                    "country": "ES",
                    "fiscal_address": ADDRESS,
                    "valid_from": since,
                },
            )
            assert answer.status_code == 201, answer.text
            client_ids.append(answer.json()["id"])

        load = Load(http, client_ids)
        callers = [
            *(asyncio.create_task(load.issuing(n)) for n in range(3)),
            asyncio.create_task(load.paying()),
            asyncio.create_task(load.reading()),
        ]
        try:
            await asyncio.sleep(2)
            rolled_from = time.monotonic() - load.began
            await asyncio.to_thread(stack_script.roll, "test", 240.0)
            rolled_until = time.monotonic() - load.began
            await asyncio.sleep(2)
        finally:
            load.stop.set()
            await asyncio.gather(*callers)

        assert load.failures == [], "\n".join(load.failures[:20])
        during = [at for at in load.answered if rolled_from <= at <= rolled_until]
        print(
            f"roll of {rolled_until - rolled_from:.0f} s: {len(load.answered)} answers, "
            f"{len(during)} during the roll, {len(load.issued)} invoices, {len(load.paid)} paid"
        )
        # Served all along: at least one answer in every two seconds of the roll.
        seconds = range(int(rolled_from), int(rolled_until) - 1, 2)
        assert all(any(s <= at < s + 2 for at in during) for s in seconds)
        assert len(load.issued) > 50

        # Nothing lost on the way: every invoice reached collections, every payment applied,
        # and analytics counted every euro.
        issued = {invoice["id"]: invoice for invoice in load.issued}
        invoiced = sum(Decimal(i["totals"]["total"]) for i in issued.values())

        async def collections_caught_up() -> bool:
            owed = await all_pages(http, "/v1/receivables")
            return {r["invoice_id"] for r in owed} == set(issued) and sum(
                Decimal(r["paid"]) for r in owed
            ) == Decimal("10.00") * len(load.paid)

        await eventually(collections_caught_up, timeout=180, interval=1)

        async def analytics_caught_up() -> bool:
            answer = await http.get(
                "/v1/analytics/portfolio",
                params={
                    "from": (TODAY - dt.timedelta(days=1)).isoformat(),
                    "to": (TODAY + dt.timedelta(days=1)).isoformat(),  # a run may cross midnight
                },
            )
            total = answer.json()["totals"]["total"] if answer.status_code == 200 else None
            return total is not None and Decimal(total) == invoiced

        await eventually(analytics_caught_up, timeout=180, interval=1)
