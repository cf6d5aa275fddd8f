"""What the crm integration tests share: a tenant with clients in crm's replica, the headers the
gateway sends, and checks of problem answers."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from cartera_shared.db import set_tenant
from cartera_shared.testing import internal_headers

# What the gateway grants a public survey call: no tenant, the survey scope alone.
NO_TENANT = uuid.UUID(int=0)


@dataclass
class Tenant:
    """A fresh tenant with one client in crm's replica; `headers` act as one of its people."""

    id: uuid.UUID
    client_id: uuid.UUID
    owner: AsyncEngine

    @property
    def headers(self) -> dict[str, str]:
        return as_tenant(self.id)

    async def add_client(self, **state: object) -> uuid.UUID:
        client_id = uuid.uuid4()
        async with self.owner.begin() as conn:
            await set_tenant(conn, self.id)
            await conn.execute(
                text(
                    "INSERT INTO crm.client_replicas (tenant_id, client_id, version, status, "
                    "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                    "'Cliente S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
                ),
                {
                    "t": self.id,
                    "c": client_id,
                    "s": json.dumps({"id": str(client_id), **state}),
                    "e": uuid.uuid4(),
                },
            )
        return client_id

    async def count(self, table: str, where: str = "true") -> int:
        async with self.owner.begin() as conn:
            await set_tenant(conn, self.id)
            found = await conn.scalar(
                text(f"SELECT count(*) FROM crm.{table} WHERE tenant_id = :t AND {where}"),
                {"t": self.id},
            )
        return int(found or 0)

    async def execute(self, statement: str, **values: object) -> None:
        async with self.owner.begin() as conn:
            await set_tenant(conn, self.id)
            await conn.execute(text(statement), values)


def as_tenant(tenant_id: uuid.UUID, scopes: tuple[str, ...] = ("*",)) -> dict[str, str]:
    return internal_headers(tenant_id, service="crm", scopes=scopes, subject="user:ana")


def public() -> dict[str, str]:
    return internal_headers(NO_TENANT, service="crm", scopes=("crm:survey",), subject="public")


def problem(answer: httpx.Response, status: int) -> dict[str, object]:
    """The problem-details body of an answer that must have `status`."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = answer.json()
    return body


def field_of(body: dict[str, object]) -> list[object]:
    """The `loc`s a 422 names."""
    return [error["loc"] for error in body.get("errors", [])]  # type: ignore[attr-defined,index]
