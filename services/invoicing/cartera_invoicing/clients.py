"""The fiscal data of a client in force on a day, asked of the clients service.

The local replica holds only a client's current state and may lag by a moment; an invoice needs
the state in force on its issue date, exactly. So issuing asks the source (`?as_of=`), with a
service identity of its own; if the clients service does not answer, issuing stops with a
retryable 503 rather than print data that might be stale.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.problems import ServiceUnavailable

# Set by the clients service on every client it answers: the status today, even beside a past state.
CURRENT_STATUS_HEADER = "Cartera-Client-Status"


class ClientsDirectory:
    def __init__(self, base_url: str, secret: str, timeout: float = 5.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret = secret
        self.http = httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        await self.http.aclose()

    async def state(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None = None
    ) -> dict[str, Any] | None:
        """The client's state (on `as_of`), or None if the tenant has no such client."""
        found = await self.state_and_status(tenant_id, client_id, as_of)
        return found[0] if found else None

    async def state_and_status(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None = None
    ) -> tuple[dict[str, Any], str] | None:
        """The client's state (on `as_of`) and its status today, in one call; None if unknown."""
        token = issue_internal_token(
            Identity(
                tenant_id=tenant_id, subject="service:invoicing", scopes=frozenset({"clients:read"})
            ),
            self.secret,
            service="clients",
        )
        params = {"as_of": as_of.isoformat()} if as_of else {}
        try:
            answer = await self.http.get(
                f"{self.base_url}/v1/clients/{client_id}",
                params=params,
                headers={INTERNAL_TOKEN_HEADER: token},
            )
        except httpx.TransportError as exc:
            raise ServiceUnavailable(
                "The clients service did not answer, so the client's fiscal data cannot be "
                "confirmed; nothing was issued. Try again shortly.",
                retry_after=5,
            ) from exc
        if answer.status_code == 404:
            return None
        if answer.status_code != 200:
            raise ServiceUnavailable(
                f"The clients service answered {answer.status_code}; nothing was issued.",
                retry_after=5,
            )
        state: dict[str, Any] = answer.json()
        current_status = answer.headers.get(CURRENT_STATUS_HEADER)
        if current_status is None:
            # A clients service older than the header: ask for today's state as well.
            current = state if as_of is None else await self.state(tenant_id, client_id)
            current_status = current["status"] if current else "archived"
        return state, current_status
