"""Small helpers for the cross-service tests."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.settings import LOCAL_INTERNAL_SECRET

REPLICA_HOLDERS = ("invoicing", "collections", "crm", "analytics")

# Every character of a valid Spanish CIF, computed, so each test gets a fresh unique one.
_CIF_LETTERS = "JABCDEFGHI"


def valid_cif(org_letter: str = "B") -> str:
    digits = f"{uuid.uuid4().int % 10_000_000:07d}"
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    control = (10 - (odd + even) % 10) % 10
    return f"{org_letter}{digits}{control if org_letter in 'ABEH' else _CIF_LETTERS[control]}"


def client_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "legal_name": "Talleres Mecánicos Aranda S.L.",
        "trade_name": "Talleres Aranda",
        "kind": "company",
        "tax_id": valid_cif(),
        "country": "ES",
        "fiscal_address": {
            "street": "Calle de la Industria 14",
            "postal_code": "09400",
            "city": "Aranda de Duero",
            "province": "Burgos",
            "country": "ES",
        },
        "email": "administracion@talleresaranda.es",
    }
    payload.update(overrides)
    return payload


def internal_headers(tenant_id: uuid.UUID) -> dict[str, str]:
    """What the gateway would send: lets a test ask one service directly."""
    token = issue_internal_token(
        Identity(tenant_id=tenant_id, subject="test", scopes=frozenset({"*"})),
        LOCAL_INTERNAL_SECRET,
    )
    return {INTERNAL_TOKEN_HEADER: token}


async def eventually(
    probe: Callable[[], Awaitable[bool]], *, timeout: float = 15.0, interval: float = 0.05
) -> float:
    """Wait until `probe()` holds; return the seconds it took, or fail after `timeout`."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        if await probe():
            return loop.time() - started
        if loop.time() - started > timeout:
            raise AssertionError(f"condition not reached within {timeout}s")
        await asyncio.sleep(interval)


async def replica_versions(
    urls: dict[str, str], tenant_id: uuid.UUID, client_id: uuid.UUID | str
) -> dict[str, int | None]:
    versions: dict[str, int | None] = {}
    async with httpx.AsyncClient(timeout=10) as client:
        for service in REPLICA_HOLDERS:
            answer = await client.get(
                f"{urls[service]}/v1/client-replicas/{client_id}",
                headers=internal_headers(tenant_id),
            )
            versions[service] = answer.json()["version"] if answer.status_code == 200 else None
    return versions
