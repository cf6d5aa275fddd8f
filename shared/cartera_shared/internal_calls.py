"""Calls from one service to another, on behalf of a tenant, as the calling service itself.

Each call carries an internal identity token made for the callee alone (its audience), naming the
subject `service:<caller>` and only the scope the call needs, signed with the caller's current
internal secret. Calls go one way only (collections → invoicing → clients, crm → clients; see
docs/architecture.md), so a secret rotation rolls callees before callers and no cycle can form.

A callee that does not answer, or answers anything but its answer or a 404, is a retryable 503
for whoever called the caller: the caller stops before it writes anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from cartera_shared.identity import (
    INTERNAL_TOKEN_HEADER,
    Identity,
    InternalKeys,
    issue_internal_token,
)
from cartera_shared.problems import ServiceUnavailable

RETRY_AFTER_SECONDS = 5


class InternalClient:
    """One callee service, reached as `caller`."""

    def __init__(
        self,
        *,
        callee: str,
        base_url: str,
        caller: str,
        internal_keys: Callable[[], InternalKeys],
        timeout: float = 5.0,
    ) -> None:
        self.callee = callee
        self.base_url = base_url.rstrip("/")
        self.caller = caller
        # Read at each call, so the key the service signs with is the one its app holds now.
        self.internal_keys = internal_keys
        self.http = httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        await self.http.aclose()

    def headers(self, tenant_id: uuid.UUID, scope: str) -> dict[str, str]:
        identity = Identity(
            tenant_id=tenant_id, subject=f"service:{self.caller}", scopes=frozenset({scope})
        )
        token = issue_internal_token(identity, self.internal_keys().current, service=self.callee)
        return {INTERNAL_TOKEN_HEADER: token}

    async def get(
        self,
        tenant_id: uuid.UUID,
        path: str,
        *,
        scope: str,
        what: str,
        params: Mapping[str, str] | None = None,
    ) -> tuple[dict[str, Any], httpx.Headers] | None:
        """The callee's answer to `GET path` (its JSON body and headers), or None for a 404.

        `what` names what the answer was needed for, in the 503 that a silent callee becomes.
        """
        try:
            answer = await self.http.get(
                f"{self.base_url}{path}",
                params=dict(params or {}),
                headers=self.headers(tenant_id, scope),
            )
        except httpx.TransportError as exc:
            raise self.unavailable(f"did not answer, so {what} cannot be confirmed") from exc
        if answer.status_code == 404:
            return None
        if answer.status_code != 200:
            raise self.unavailable(f"answered {answer.status_code} when asked for {what}")
        try:
            body = answer.json()
        except ValueError as exc:
            raise self.unavailable(f"answered something unreadable when asked for {what}") from exc
        if not isinstance(body, dict):
            raise self.unavailable(f"answered something unreadable when asked for {what}")
        return body, answer.headers

    def unavailable(self, what_happened: str) -> ServiceUnavailable:
        return ServiceUnavailable(
            f"The {self.callee} service {what_happened}; nothing was written. Try again shortly.",
            retry_after=RETRY_AFTER_SECONDS,
        )
