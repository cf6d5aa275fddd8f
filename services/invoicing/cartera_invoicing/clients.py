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
        token = issue_internal_token(
            Identity(
                tenant_id=tenant_id, subject="service:invoicing", scopes=frozenset({"clients:read"})
            ),
            self.secret,
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
        return state
