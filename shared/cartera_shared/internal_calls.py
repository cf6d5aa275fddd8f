"""Calls from one service to another, on behalf of a tenant, as the calling service itself.

Each call carries an internal identity token made for the callee alone (its audience), naming the
subject `service:<caller>` and only the scope the call needs, signed with the caller's current
internal secret. Calls go one way only (collections → invoicing → clients, crm → clients; see
docs/architecture.md), so a secret rotation rolls callees before callers and no cycle can form.

A callee that does not answer, or answers anything but its answer or a 404, is a retryable 503
for whoever called the caller: the caller stops before it writes anything.

The calls go out through aiohttp: on the hot path (issuing asks clients for the recipient's data
in force) it spends a quarter of the CPU httpx spent per call (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp

from cartera_shared.identity import (
    INTERNAL_TOKEN_HEADER,
    Identity,
    InternalKeys,
    issue_internal_token,
)
from cartera_shared.problems import ServiceUnavailable

RETRY_AFTER_SECONDS = 5
# Idle connections are dropped well before the services' own keep-alive (uvicorn's 5 s), so a
# call rarely goes out on a connection the callee is closing.
KEEPALIVE_SECONDS = 2.0


class ConnectionPool:
    """Pooled aiohttp connections to the other services, made on first use: a session belongs
    to the event loop it is made in, and an app is built before its loop runs.

    With `resend_writes=False`, aiohttp does not send a PUT or a DELETE again by itself when a
    kept-alive connection fails (it would, as it does a GET): the callee may have carried it out.
    `relay_raw` leaves a compressed answer as it came, for a caller that relays it byte for byte.
    """

    def __init__(
        self,
        timeout: aiohttp.ClientTimeout,
        *,
        limit: int = 100,
        resend_writes: bool = True,
        relay_raw: bool = False,
    ) -> None:
        self.timeout = timeout
        self.limit = limit
        self.resend_writes = resend_writes
        self.relay_raw = relay_raw
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=self.timeout,
                connector=aiohttp.TCPConnector(
                    limit=self.limit, keepalive_timeout=KEEPALIVE_SECONDS
                ),
                auto_decompress=not self.relay_raw,
            )
            if not self.resend_writes:
                # A private switch, but the one aiohttp's own test utilities use;
                # test_proxy_reused_connections.py fails if it stops working.
                self._session._retry_connection = False
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


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
        # Only GETs go out: aiohttp may send one again on a fresh connection.
        self.pool = ConnectionPool(aiohttp.ClientTimeout(total=timeout))

    async def close(self) -> None:
        await self.pool.close()

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
    ) -> tuple[dict[str, Any], Mapping[str, str]] | None:
        """The callee's answer to `GET path` (its JSON body and its headers, looked up without
        regard to case), or None for a 404.

        `what` names what the answer was needed for, in the 503 that a silent callee becomes.
        """
        try:
            async with self.pool.session().get(
                f"{self.base_url}{path}",
                params=dict(params or {}),
                headers=self.headers(tenant_id, scope),
                allow_redirects=False,
            ) as answer:
                status, headers = answer.status, answer.headers
                content = await answer.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise self.unavailable(f"did not answer, so {what} cannot be confirmed") from exc
        if status == 404:
            return None
        if status != 200:
            raise self.unavailable(f"answered {status} when asked for {what}")
        try:
            body = json.loads(content)
        except ValueError as exc:
            raise self.unavailable(f"answered something unreadable when asked for {what}") from exc
        if not isinstance(body, dict):
            raise self.unavailable(f"answered something unreadable when asked for {what}")
        return body, headers

    def unavailable(self, what_happened: str) -> ServiceUnavailable:
        return ServiceUnavailable(
            f"The {self.callee} service {what_happened}; nothing was written. Try again shortly.",
            retry_after=RETRY_AFTER_SECONDS,
        )
