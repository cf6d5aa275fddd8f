"""How many VERI*FACTU records per second one issuer's worker sends to the AEAT simulator.

A tenant issues a backlog of invoices while it has no certificate, so its records wait
`pending`. Then the certificate (minted by the simulator, as a real one is bought) is uploaded
and the invoicing worker drains the backlog: 1,000 records a request, in chain order, one request
after the other while 1,000 or more are waiting (the AEAT's flow control lets a full request go
before TiempoEsperaEnvio has passed). The backlog is a multiple of 1,000 so that no request has to
wait those 60 s.

Measured from the simulator's side (its per-issuer counters, read every 50 ms):
- the steady rate: records registered between the end of the first request and the end of the
  last, over that time (the worker's database work, building the envelope, mutual TLS, the
  simulator's schema validation and huella checks, storing the answers);
- the drain time: from the upload's answer until every record is registered, which adds the
  upload's wake-up of the worker and its first request;
- that Cartera agrees: no record of the tenant left pending or sent, all accepted.

Everything shares the machine's cores: the simulator validating 1,000 records against
SuministroLR.xsd is part of what is measured, as the AEAT's own time would be.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx

from cartera_shared.testing import random_cif

BATCH = 1000
ADDRESS = {"street": "Avenida 1", "postal_code": "46015", "city": "Valencia", "country": "ES"}


@dataclass
class VerifactuRun:
    records: int
    requests: int
    steady_seconds: float  # end of the first request to end of the last
    drain_seconds: float  # upload answered to last record registered
    accepted_in_cartera: int

    @property
    def steady_rate(self) -> float:
        if self.steady_seconds <= 0:
            return 0.0
        return (self.records - BATCH) / self.steady_seconds

    @property
    def drain_rate(self) -> float:
        return self.records / self.drain_seconds if self.drain_seconds else 0.0


async def _backlog(
    http: httpx.AsyncClient, key: dict[str, str], nif: str, records: int, concurrency: int
) -> None:
    (
        await http.put(
            "/v1/issuer",
            json={"legal_name": "Bench Verifactu S.L.", "tax_id": nif, "fiscal_address": ADDRESS},
            headers=key,
        )
    ).raise_for_status()
    (
        await http.post("/v1/series", json={"code": "V", "prefix": "V"}, headers=key)
    ).raise_for_status()
    client = await http.post(
        "/v1/clients",
        json={
            "legal_name": "Cliente Verifactu S.L.",
            "kind": "company",
            "tax_id": random_cif(),
            "country": "ES",
            "fiscal_address": {**ADDRESS, "street": "Calle Mayor 1"},
            "payment_terms": {"days": 30},
        },
        headers=key,
    )
    client.raise_for_status()
    body = {
        "client_id": client.json()["id"],
        "series": "V",
        "lines": [{"description": "Mantenimiento", "quantity": "1", "unit_price": "100.00"}],
    }
    await asyncio.sleep(2)  # the client's replica reaches invoicing
    queue = list(range(records))

    async def caller() -> None:
        while queue:
            queue.pop()
            for attempt in range(5):
                answer = await http.post(
                    "/v1/invoices", params={"issue": "true"}, json=body, headers=key
                )
                if answer.status_code < 500:
                    break
                await asyncio.sleep(0.5 * (attempt + 1))
            answer.raise_for_status()

    await asyncio.gather(*(caller() for _ in range(concurrency)))


async def _registered(control: httpx.AsyncClient, nif: str) -> int:
    answer = await control.get("/counters")
    answer.raise_for_status()
    issuer: dict[str, Any] = answer.json().get("issuers", {}).get(nif, {})
    return int(issuer.get("correct", 0)) + int(issuer.get("accepted_with_errors", 0))


async def _waiting_in_cartera(http: httpx.AsyncClient, key: dict[str, str]) -> int:
    waiting = 0
    for state in ("pending", "sent"):
        answer = await http.get("/v1/verifactu/records", params={"status": state}, headers=key)
        answer.raise_for_status()
        waiting += len(answer.json()["items"])
    return waiting


async def _accepted_in_cartera(http: httpx.AsyncClient, key: dict[str, str]) -> int:
    accepted, cursor = 0, None
    while True:
        params = {"status": "accepted", "limit": "200", **({"cursor": cursor} if cursor else {})}
        answer = await http.get("/v1/verifactu/records", params=params, headers=key)
        answer.raise_for_status()
        page = answer.json()
        accepted += len(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return accepted


async def measure(
    http: httpx.AsyncClient,
    control: httpx.AsyncClient,
    key: dict[str, str],
    records: int,
    *,
    concurrency: int = 8,
    deadline_seconds: float = 600,
) -> VerifactuRun:
    """Issue `records` invoices (a multiple of 1,000) with sending off, then upload the
    certificate and time the worker draining them into the simulator."""
    if records % BATCH or records < 2 * BATCH:
        raise ValueError("the backlog must be a multiple of 1,000, at least 2,000")
    nif = random_cif()
    await _backlog(http, key, nif, records, concurrency)
    password = secrets.token_urlsafe(12)
    minted = await control.post(
        "/certificates",
        json={"nif": nif, "name": "Bench Verifactu S.L.", "kind": "company", "password": password},
    )
    minted.raise_for_status()
    upload = await http.put(
        "/v1/issuer/certificate",
        files={
            "file": (
                "certificado.p12",
                base64.b64decode(minted.json()["pkcs12"]),
                "application/x-pkcs12",
            )
        },
        data={"password": password},
        headers=key,
    )
    upload.raise_for_status()
    started = time.perf_counter()
    first_done: float | None = None
    seen = 0
    while seen < records:
        if time.perf_counter() - started > deadline_seconds:
            raise TimeoutError(f"{seen} of {records} records registered in {deadline_seconds} s")
        await asyncio.sleep(0.05)
        seen = await _registered(control, nif)
        if first_done is None and seen >= BATCH:
            first_done = time.perf_counter()
    last_done = time.perf_counter()
    assert first_done is not None
    # Cartera stores the answer right after the simulator has registered the records.
    for _ in range(200):
        if await _waiting_in_cartera(http, key) == 0:
            break
        await asyncio.sleep(0.1)
    return VerifactuRun(
        records=records,
        requests=records // BATCH,
        steady_seconds=last_done - first_done,
        drain_seconds=last_done - started,
        accepted_in_cartera=await _accepted_in_cartera(http, key),
    )
