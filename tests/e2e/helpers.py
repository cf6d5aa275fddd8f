"""Small helpers for the cross-service tests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from cartera_shared.testing import eventually, random_cif

REPLICA_HOLDERS = ("invoicing", "collections", "crm", "analytics")
__all__ = ["REPLICA_HOLDERS", "assert_problem", "client_payload", "eventually", "walk_pages"]


def client_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "legal_name": "Talleres Mecánicos Aranda S.L.",
        "trade_name": "Talleres Aranda",
        "kind": "company",
        "tax_id": random_cif(),
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


async def replica_versions(
    stack: Any, tenant_id: uuid.UUID, client_id: uuid.UUID | str
) -> dict[str, int | None]:
    versions: dict[str, int | None] = {}
    async with httpx.AsyncClient(timeout=10) as client:
        for service in REPLICA_HOLDERS:
            answer = await client.get(
                f"{stack.urls[service]}/v1/client-replicas/{client_id}",
                headers=stack.internal_headers(service, tenant_id),
            )
            versions[service] = answer.json()["version"] if answer.status_code == 200 else None
    return versions


async def walk_pages(
    client: httpx.AsyncClient, path: str, *, limit: int = 2, **params: Any
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every item of a paged list, page by page of `limit`, and the cursors it was given."""
    items: list[dict[str, Any]] = []
    cursors: list[str] = []
    while True:
        page = await client.get(
            path, params={"limit": limit, **params, **({"cursor": cursors[-1]} if cursors else {})}
        )
        assert page.status_code == 200, page.text
        assert len(page.json()["items"]) <= limit
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return items, cursors
        cursors.append(cursor)


def assert_problem(answer: httpx.Response, status: int) -> None:
    """The answer is a problem details document (RFC 9457) of this status, titled and told."""
    asked = f"{answer.request.method} {answer.request.url}"
    assert answer.status_code == status, f"{asked}: {answer.status_code} {answer.text}"
    assert answer.headers["content-type"].startswith("application/problem+json"), asked
    body = answer.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
