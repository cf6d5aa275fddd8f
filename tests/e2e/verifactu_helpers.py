"""Helpers for the VERI*FACTU tests that run the whole system against the AEAT conformance
simulator (docs/verifactu.md, "The conformance simulator"): a tenant with its own issuer NIF
and its own series (so the simulator's rules, keyed by invoice number, touch only its invoices),
a certificate minted by the simulator and uploaded through the gateway, and what the simulator
holds."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import secrets
import string
import time
from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass
from typing import Any

import httpx

from cartera_shared import business_day
from cartera_shared.testing import random_cif

TODAY = business_day.today()
ADDRESS = {"street": "Calle Mayor 3", "postal_code": "28013", "city": "Madrid", "country": "ES"}
ANSWERED = ("accepted", "accepted_with_errors", "rejected")


@dataclass(frozen=True)
class Books:
    nif: str
    name: str
    series: str  # its code, which is also its prefix: unique to the test
    client_id: str


def control(stack: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=stack.aeat_control, timeout=15)


async def scenario(stack: Any, **changes: Any) -> dict[str, Any]:
    """Change the named settings of the simulator's scenario; the settings as they were."""
    async with control(stack) as sim:
        before = (await sim.get("/scenario")).json()
        if changes:
            answer = await sim.put("/scenario", json=changes)
            assert answer.status_code == 200, answer.text
    return dict(before)


@contextlib.asynccontextmanager
async def scenario_set(stack: Any, **changes: Any) -> AsyncIterator[None]:
    """The settings for the block; then each setting back as it was (rules left unspent too:
    they are keyed by this test's own invoice numbers)."""
    before = await scenario(stack, **changes)
    try:
        yield
    finally:
        await scenario(stack, **{name: before[name] for name in changes})


async def counters(stack: Any, nif: str) -> dict[str, int]:
    async with control(stack) as sim:
        found = (await sim.get("/counters")).json()["issuers"].get(nif)
    return dict(found or {})


async def held(stack: Any, nif: str) -> list[dict[str, Any]]:
    """What the simulator holds for the issuer, in the order it first held each invoice."""
    async with control(stack) as sim:
        answer = await sim.get(f"/issuers/{nif}")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["records"])


async def mint(stack: Any, nif: str, name: str, **spec: Any) -> dict[str, Any]:
    async with control(stack) as sim:
        answer = await sim.post(
            "/certificates", json={"nif": nif, "name": name, "kind": "company", **spec}
        )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def upload(client: httpx.AsyncClient, minted: dict[str, Any]) -> httpx.Response:
    return await client.put(
        "/v1/issuer/certificate",
        files={
            "file": ("certificado.p12", base64.b64decode(minted["pkcs12"]), "application/x-pkcs12")
        },
        data={"password": minted["password"]},
    )


async def certify(stack: Any, tenant: Any, books: Books, **spec: Any) -> dict[str, Any]:
    """A certificate of the issuer from the simulator's CA, uploaded through the gateway."""
    minted = await mint(stack, books.nif, books.name, **spec)
    answer = await upload(tenant.client, minted)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def unique_series() -> str:
    return "V" + "".join(secrets.choice(string.ascii_uppercase) for _ in range(5))


async def open_books(tenant: Any, name: str = "Suministros Meseta S.L.") -> Books:
    """The tenant's issuer profile (a NIF of its own), a series of its own and a client."""
    nif = random_cif()
    issuer = await tenant.client.put(
        "/v1/issuer",
        json={
            "legal_name": name,
            "tax_id": nif,
            "fiscal_address": ADDRESS,
            "valid_from": (TODAY - dt.timedelta(days=30)).isoformat(),
        },
    )
    assert issuer.status_code in (200, 201), issuer.text
    series = unique_series()
    made = await tenant.client.post("/v1/series", json={"code": series, "prefix": series})
    assert made.status_code == 201, made.text
    client = await tenant.client.post(
        "/v1/clients",
        json={
            "legal_name": "Talleres Aranda S.L.",
            "kind": "company",
            "tax_id": random_cif(),
            "country": "ES",
            "fiscal_address": {**ADDRESS, "city": "Aranda de Duero", "postal_code": "09400"},
            "email": "administracion@talleresaranda.es",
            "valid_from": (TODAY - dt.timedelta(days=30)).isoformat(),
        },
    )
    assert client.status_code == 201, client.text
    return Books(nif, name, series, str(client.json()["id"]))


async def issue(tenant: Any, books: Books, amount: str = "100.00") -> dict[str, Any]:
    draft = await tenant.client.post(
        "/v1/invoices",
        json={
            "client_id": books.client_id,
            "series": books.series,
            "issue_date": TODAY.isoformat(),
            "lines": [{"description": "Suministro", "quantity": "1", "unit_price": amount}],
        },
    )
    assert draft.status_code == 201, draft.text
    issued = await tenant.client.post(f"/v1/invoices/{draft.json()['id']}/issue")
    assert issued.status_code == 200, issued.text
    return dict(issued.json())


async def record(tenant: Any, invoice_id: str) -> dict[str, Any]:
    answer = await tenant.client.get(f"/v1/invoices/{invoice_id}/verifactu")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def records_of(tenant: Any, invoice_id: str) -> list[dict[str, Any]]:
    answer = await tenant.client.get(f"/v1/invoices/{invoice_id}/verifactu/records")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["records"])


async def all_records(tenant: Any) -> list[dict[str, Any]]:
    """The tenant's records in chain order."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = await tenant.client.get("/v1/verifactu/records", params=params)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return sorted(items, key=lambda r: r["position"])


async def until_status(
    tenant: Any,
    invoice_id: str,
    wanted: Collection[str] = ANSWERED,
    timeout: float = 20.0,
) -> dict[str, Any]:
    """The invoice's last record once its status is one of `wanted`."""
    deadline = time.monotonic() + timeout
    while True:
        found = await record(tenant, invoice_id)
        if found["status"] in wanted:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"still {found['status']} after {timeout} s: {found}")
        await _pause()


async def until_last(
    tenant: Any,
    invoice_id: str,
    wanted: Collection[str] = ANSWERED,
    timeout: float = 20.0,
) -> dict[str, Any]:
    """The invoice's newest record (a correction, an anulación), as the tenant's list of
    records shows it (with its huella and position), once its status is one of `wanted`."""
    deadline = time.monotonic() + timeout
    while True:
        mine = [r for r in await all_records(tenant) if r["invoice_id"] == invoice_id]
        if mine and mine[-1]["status"] in wanted:
            return mine[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"not answered after {timeout} s: {mine}")
        await _pause()


async def until_all_answered(tenant: Any, timeout: float = 20.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        found = await all_records(tenant)
        if all(r["status"] in ANSWERED for r in found):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"not all answered after {timeout} s: {found}")
        await _pause()


async def _pause() -> None:
    await asyncio.sleep(0.2)


async def assert_chain_sound(
    stack: Any, tenant: Any, books: Books, *, resent: int = 0, duplicates: int = 0
) -> None:
    """No record lost, none sent twice except as a correction, the chain never forked.

    Cartera's records, in chain order, and what the simulator holds and counted for the issuer:
    - each record Cartera calls accepted is held there with its huella (the last accepted
      record of each invoice, an accepted anulación as Anulada), and the simulator holds
      nothing Cartera does not call accepted;
    - the simulator saw each huella once (no record resent, no duplicate, unless the test
      made it lose an answer: then `resent` and `duplicates`) and as many records as Cartera
      has;
    - the simulator checks every record's link against the last record it saw of the issuer
      (2003, accepted with errors, when it is not): no record was answered with a chain code,
      so the chain it saw is Cartera's, unforked; and Cartera's own check of it passes.
    """
    ours = await all_records(tenant)
    assert all(r["status"] in ANSWERED for r in ours), ours
    there = {(h["number"], h["issue_date"]): h for h in await held(stack, books.nif)}
    believed: dict[tuple[str, str], dict[str, Any]] = {}
    altas: dict[tuple[str, str], set[str]] = {}
    for row in ours:
        if row["status"] in ("accepted", "accepted_with_errors"):
            day = dt.date.fromisoformat(row["issue_date"]).strftime("%d-%m-%Y")
            believed[(row["number"], day)] = row
            if row["kind"] == "alta":
                altas.setdefault((row["number"], day), set()).add(row["huella"])
    assert set(there) == set(believed), (sorted(there), sorted(believed))
    for key, row in believed.items():
        # A cancelled invoice is held with the huella of the alta it cancelled.
        allowed = altas.get(key, set()) if row["kind"] == "anulacion" else {row["huella"]}
        assert there[key]["huella"] in allowed, (key, there[key], row)
        if row["kind"] == "anulacion":
            expected = "Anulada"
        else:
            expected = "Correcta" if row["status"] == "accepted" else "AceptadaConErrores"
        assert there[key]["status"] == expected, (key, there[key], row)
    count = await counters(stack, books.nif)
    assert count["records"] == len(ours) + resent, (count, len(ours))
    assert (count["resent"], count["duplicates"]) == (resent, duplicates), count
    chain_codes = {2000, 2002, 2003, 2007, 2008}
    assert not [r for r in ours if (r.get("error") or {}).get("code") in chain_codes], ours
    assert all(h["error_code"] not in chain_codes for h in there.values()), there
    verified = (await tenant.client.get("/v1/verifactu/chain/verify")).json()
    assert verified["ok"] is True, verified
