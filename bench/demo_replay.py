"""The demo tenant's history without a running system, for the backtests (bench/forecast.py,
bench/risk.py): deploy/local/seed_demo.py's own code, with its fixed random seed, run against a
stand-in for the gateway that answers its calls as the services would (each invoice's total
with VAT and recargo, its due dates by invoicing's own `due_dates` from the client's payment
terms). It makes the same clients, invoices and payment habits as the seed on a live stack; the
real gateway may list the receivables in another order than the stand-in's (issue order), so
single payment delays, drawn in that order, may differ; never a client's habit."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "local"))

from cartera_invoicing.domain.terms import due_dates, payment_ceiling  # noqa: E402

SEED = 2016  # seed_demo.main's random seed


@dataclass(frozen=True)
class Instalment:
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    issued_on: dt.date
    due_on: dt.date
    amount: Decimal
    paid_on: dt.date | None  # None: still unpaid at the end of the history


class DemoGateway:
    """Answers the calls seed_demo makes, as the services would, and keeps what it was sent.
    Ids are numbered, so that two replays are equal."""

    def __init__(self) -> None:
        self.clients: dict[str, dict[str, Any]] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        self.receivables: list[dict[str, Any]] = []
        self.payments: list[dict[str, Any]] = []
        self._ids = 0

    def _new_id(self) -> str:
        self._ids += 1
        return str(uuid.UUID(int=self._ids))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        body = json.loads(request.content) if request.content else {}
        if method == "POST" and path == "/v1/clients":
            new = self._new_id()
            self.clients[new] = body
            return httpx.Response(201, json={"id": new})
        if method == "POST" and path == "/v1/invoices":
            new = self._new_id()
            self.drafts[new] = body
            return httpx.Response(201, json={"id": new})
        issued = re.fullmatch(r"/v1/invoices/([^/]+)/issue", path)
        if method == "POST" and issued:
            self.issue(issued.group(1))
            return httpx.Response(200, json={})
        if method == "GET" and path == "/v1/receivables":
            return httpx.Response(200, json={"items": self.receivables, "next_cursor": None})
        if method == "POST" and path == "/v1/payments":
            self.payments.append(body)
            return httpx.Response(201, json={})
        return httpx.Response(200, json={})  # series, issuer, client changes, the overdue run

    def issue(self, draft_id: str) -> None:
        draft = self.drafts[draft_id]
        client = self.clients[draft["client_id"]]
        total = Decimal(0)
        for line in draft["lines"]:
            rate = Decimal(line["vat_rate"]) + Decimal(line.get("surcharge_rate", "0"))
            amount = Decimal(line["quantity"]) * Decimal(line["unit_price"])
            total += (amount * (1 + rate / 100)).quantize(Decimal("0.01"))
        terms = client.get("payment_terms") or {}
        issue_date = dt.date.fromisoformat(draft["issue_date"])
        dues = due_dates(
            issue_date,
            total,
            days=int(terms.get("days", 30)),
            instalments=int(terms.get("instalments", 1)),
            interval_days=int(terms.get("interval_days", 30)),
            fixed_day=terms.get("fixed_day"),
            max_days=payment_ceiling(str(client.get("kind"))),
        )
        self.receivables.append(
            {
                "invoice_id": draft_id,
                "client_id": draft["client_id"],
                "issue_date": issue_date.isoformat(),
                "instalments": [
                    {"due_on": d.due_on.isoformat(), "outstanding": str(d.amount)} for d in dues
                ],
            }
        )


def replay(today: dt.date) -> list[Instalment]:
    """The demo's instalments as seed_demo.main makes them for `today`: issued, due, paid."""
    import seed_demo  # deploy/local, on the path above; reads this checkout's local secrets

    fake = DemoGateway()
    headers: dict[str, str] = {}
    rng = random.Random(SEED)
    with httpx.Client(base_url="http://demo", transport=httpx.MockTransport(fake)) as http:
        created = []
        for client in seed_demo.demo_clients(rng):
            client["valid_from"] = (today - dt.timedelta(days=rng.randint(200, 730))).isoformat()
            answer = http.post("/v1/clients", json=client)
            created.append({**client, "id": answer.json()["id"]})
        seed_demo.cif("B", rng)  # the plumber's new CIF, drawn before the invoices
        invoices = seed_demo.seed_invoices(http, headers, created, rng, today)
        seed_demo.seed_payments(http, headers, created, invoices, rng, today)
    # Payments settle their receivable's instalments in due order (the seed pays each one's
    # outstanding amount in turn).
    paid: dict[str, list[dt.date]] = {}
    for payment in fake.payments:
        paid.setdefault(payment["invoice_id"], []).append(dt.date.fromisoformat(payment["paid_on"]))
    history = []
    for receivable in fake.receivables:
        days = sorted(paid.get(receivable["invoice_id"], []))
        for k, instalment in enumerate(receivable["instalments"]):
            history.append(
                Instalment(
                    uuid.UUID(receivable["invoice_id"]),
                    uuid.UUID(receivable["client_id"]),
                    dt.date.fromisoformat(receivable["issue_date"]),
                    dt.date.fromisoformat(instalment["due_on"]),
                    Decimal(instalment["outstanding"]),
                    days[k] if k < len(days) else None,
                )
            )
    return history
