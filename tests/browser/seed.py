"""A small business with fourteen months of history, made through the gateway as people would.

`seed_business(gateway)` creates a tenant with its owner (who signs in to the web app), the
issuer and two series, eight clients (one of them big enough to trip the concentration warning),
invoices dated over the last fourteen months, payments (most on time, some late, one client who
stopped paying), the overdue scan, a document, and the CRM history of the demo seed
(interactions, requests through their states, surveys, follow-ups).

Run it on its own against a running gateway to look at the app by hand:
    .venv/bin/python tests/browser/seed.py http://127.0.0.1:48000
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))
from seed_crm import seed_crm

from cartera_shared import business_day
from cartera_shared.testing import random_cif

PASSWORD = "Huerta-de-Valencia-2026"

# (legal name, kind, invoice every n days, lines' size, payment habit: days late (low, high))
CLIENTS: list[tuple[str, str, int, int, tuple[int, int]]] = [
    ("Hoteles Malvarrosa S.A.", "company", 30, 9, (-2, 0)),
    ("Construcciones Turia S.L.", "company", 30, 3, (5, 25)),
    ("Clínica Dental Benimaclet S.L.P.", "company", 45, 2, (-3, 0)),
    ("Panadería La Espiga S.L.", "company", 60, 1, (0, 3)),
    ("Talleres Albufera S.L.", "company", 30, 2, (-999, -999)),
    ("Gestoría Martínez y Asociados S.L.", "company", 90, 2, (15, 45)),
    ("Bodegas Utiel-Requena S.A.", "company", 60, 2, (-1, 0)),
    ("Academia de Idiomas Babel S.L.", "company", 120, 1, (0, 0)),
]
LINES = [
    ("Mantenimiento preventivo mensual", "180.00"),
    ("Revisión de climatización", "95.00"),
    ("Reparación de avería (horas)", "38.50"),
    ("Instalación eléctrica: cuadro y cableado", "640.00"),
    ("Material de fontanería", "72.40"),
]
CITIES = [
    ("Calle de Colón 12", "46004", "Valencia", "Valencia"),
    ("Avenida del Puerto 88", "46023", "Valencia", "Valencia"),
    ("Calle Mayor 3", "46900", "Torrent", "Valencia"),
    ("Calle de la Paz 21", "03001", "Alicante", "Alicante"),
]


@dataclass
class Business:
    gateway: str
    tenant_id: str
    api_key: str
    email: str
    password: str
    clients: dict[str, str] = field(default_factory=dict)  # legal name -> id
    invoices: int = 0


def client_body(name: str, kind: str, rng: random.Random, since: dt.date) -> dict[str, Any]:
    street, postal, city, province = rng.choice(CITIES)
    slug = "".join(ch for ch in name.lower().split(" s.")[0] if ch.isalnum())[:16]
    return {
        "legal_name": name,
        "trade_name": name.rsplit(" S.", 1)[0],
        "kind": kind,
        "tax_id": random_cif(),
        "country": "ES",
        "fiscal_address": {
            "street": street,
            "postal_code": postal,
            "city": city,
            "province": province,
            "country": "ES",
        },
        "email": f"administracion@{slug}.es",
        "phone": f"+34 96{rng.randrange(10**7):07d}",
        "payment_terms": {"days": 30},
        "tags": rng.sample(["mantenimiento", "instalaciones", "urgencias", "contrato anual"], 2),
        "valid_from": since.isoformat(),
    }


async def _ok(answer: httpx.Response) -> dict[str, Any]:
    if answer.status_code >= 400:
        raise RuntimeError(f"{answer.request.method} {answer.request.url}: {answer.text}")
    body: dict[str, Any] = answer.json() if answer.content else {}
    return body


async def seed_business(gateway: str, *, admin_token: str, crm: bool = True) -> Business:
    rng = random.Random(2016)
    today = business_day.today()
    email = f"duena-{uuid.uuid4().hex[:8]}@levante-pruebas.es"
    async with httpx.AsyncClient(base_url=gateway, timeout=60) as admin:
        tenant = await _ok(
            await admin.post(
                "/v1/admin/tenants",
                json={
                    "name": "Instalaciones Levante S.L.",
                    "owner": {"email": email, "name": "Ana García", "password": PASSWORD},
                },
                headers={"Authorization": f"Bearer {admin_token}"},
            )
        )
    business = Business(gateway, tenant["tenant_id"], tenant["api_key"], email, PASSWORD)
    headers = {"Authorization": f"Bearer {business.api_key}"}
    async with httpx.AsyncClient(base_url=gateway, timeout=60, headers=headers) as http:
        await _ok(
            await http.put(
                "/v1/issuer",
                json={
                    "legal_name": "Instalaciones Levante S.L.",
                    "tax_id": "B98765431",
                    "fiscal_address": {
                        "street": "Avenida de las Cortes Valencianas 39",
                        "postal_code": "46015",
                        "city": "Valencia",
                        "country": "ES",
                    },
                    "valid_from": (today - dt.timedelta(days=800)).isoformat(),
                },
            )
        )
        for code, kind in (("F", "ordinary"), ("R", "rectifying")):
            await _ok(
                await http.post("/v1/series", json={"code": code, "prefix": code, "kind": kind})
            )
        since = today - dt.timedelta(days=430)
        plan: list[tuple[dt.date, str, list[dict[str, Any]]]] = []
        habits: dict[str, tuple[int, int]] = {}
        for name, kind, every, size, habit in CLIENTS:
            made = await _ok(
                await http.post("/v1/clients", json=client_body(name, kind, rng, since))
            )
            business.clients[name] = made["id"]
            habits[made["id"]] = habit
            day = since + dt.timedelta(days=rng.randint(0, 25))
            while day < today - dt.timedelta(days=3):
                lines = [
                    {
                        "description": description,
                        "quantity": str(rng.choice([1, 2, 3]) * size),
                        "unit_price": price,
                        "vat_rate": "21",
                    }
                    for description, price in rng.sample(LINES, rng.randint(1, 2))
                ]
                plan.append((day, made["id"], lines))
                day += dt.timedelta(days=every + rng.randint(-4, 4))
        plan.sort(key=lambda item: item[0])
        for day, client_id, lines in plan:
            draft = await _ok(
                await http.post(
                    "/v1/invoices",
                    json={
                        "client_id": client_id,
                        "series": "F",
                        "issue_date": day.isoformat(),
                        "lines": lines,
                    },
                )
            )
            await _ok(await http.post(f"/v1/invoices/{draft['id']}/issue"))
        business.invoices = len(plan)
        receivables = await _all_receivables(http, len(plan))
        stopped = today - dt.timedelta(days=150)
        for receivable in receivables:
            low, high = habits[receivable["client_id"]]
            for instalment in receivable["instalments"]:
                due_on = dt.date.fromisoformat(instalment["due_on"])
                if low == -999 and due_on > stopped:
                    continue
                delay = rng.randint(10, 40) if low == -999 else rng.randint(low, high)
                paid_on = max(
                    due_on + dt.timedelta(days=delay),
                    dt.date.fromisoformat(receivable["issue_date"]),
                )
                if paid_on >= today or (
                    due_on > today - dt.timedelta(days=40) and rng.random() < 0.3
                ):
                    continue
                await _ok(
                    await http.post(
                        "/v1/payments",
                        json={
                            "invoice_id": receivable["invoice_id"],
                            "amount": instalment["outstanding"],
                            "paid_on": paid_on.isoformat(),
                            "method": rng.choice(["transfer", "transfer", "direct_debit", "card"]),
                        },
                    )
                )
        await _ok(await http.post("/v1/collections/overdue/run"))
        first = next(iter(business.clients.values()))
        await _ok(
            await http.post(
                f"/v1/clients/{first}/documents",
                data={"kind": "contract", "title": "Contrato de mantenimiento 2026"},
                files={
                    "file": ("contrato.txt", b"Contrato de mantenimiento anual.\n", "text/plain")
                },
            )
        )
        if crm:
            await seed_crm(http, list(business.clients.values()), today, rng)
        await _analytics_caught_up(http, since - dt.timedelta(days=1), today, len(plan))
    return business


async def _analytics_caught_up(
    http: httpx.AsyncClient, start: dt.date, end: dt.date, invoices: int
) -> None:
    """Analytics follows the invoice events: a test that reads a figure before and after its own
    change must not start while the seed's events are still arriving."""
    params = {"from": start.isoformat(), "to": end.isoformat(), "limit": 1}
    for _ in range(240):
        totals = (await _ok(await http.get("/v1/analytics/portfolio", params=params)))["totals"]
        if totals["invoices"] >= invoices:
            return
        await asyncio.sleep(0.5)
    raise RuntimeError(f"analytics saw {totals['invoices']} of {invoices} invoices")


async def _all_receivables(http: httpx.AsyncClient, expected: int) -> list[dict[str, Any]]:
    """Receivables are made from `invoice.issued` by collections: wait until all are there."""
    found: list[dict[str, Any]] = []
    for _ in range(240):
        found, cursor = [], None
        while True:
            params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            page = await _ok(await http.get("/v1/receivables", params=params))
            found.extend(page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
        if len(found) >= expected:
            return found
        await asyncio.sleep(0.5)
    raise RuntimeError(f"only {len(found)} of {expected} receivables appeared")


if __name__ == "__main__":
    made = asyncio.run(
        seed_business(
            sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:48000",
            admin_token=os.environ["CARTERA_GATEWAY_ADMIN_TOKEN"],
        )
    )
    print(made)
