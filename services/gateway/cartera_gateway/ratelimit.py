"""Request rate limits per tenant and per credential, shared between gateway replicas when
`CARTERA_GATEWAY_REDIS_URL` is set (in memory otherwise).

The `limits` library's sliding-window counter: two counters per key (this window and the last,
weighted by how much of it still overlaps). A moving window kept one entry per request for a
whole minute (tens of thousands under load, the gateway's largest memory) and its in-memory
store swept them in a thread many times a second.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string

from cartera_shared.problems import TooManyRequests


class RateLimits:
    def __init__(
        self,
        *,
        redis_url: str | None,
        per_tenant: str,
        per_credential: str,
        sign_in: str = "10/minute",
        inbound: str = "300/minute",
        inbound_address: str = "600/minute",
    ) -> None:
        # limits names its asyncio Redis backend "async+redis://".
        storage: Storage = (
            storage_from_string(f"async+{redis_url}")  # type: ignore[assignment]
            if redis_url
            else MemoryStorage()
        )
        self.shared = bool(redis_url)
        self._limiter = SlidingWindowCounterRateLimiter(storage)
        self._per_tenant = parse(per_tenant)
        self._per_credential = parse(per_credential)
        self._sign_in = parse(sign_in)
        self._public = parse("60/minute")
        self._inbound = parse(inbound)
        self._inbound_address = parse(inbound_address)

    async def _hit(self, item: RateLimitItem, *key: str) -> None:
        if await self._limiter.hit(item, *key):
            return
        stats = await self._limiter.get_window_stats(item, *key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyRequests(
            f"More than {item} requests for this {key[0]}; retry in {retry_after} s.",
            retry_after=retry_after,
            limit=str(item),
        )

    async def check(
        self,
        tenant_id: str,
        credential: str,
        *,
        credential_per_minute: int | None = None,
        tenant_per_minute: int | None = None,
    ) -> None:
        """One request of a tenant's credential; 429 with Retry-After past either limit. A
        tenant's or key's own rate replaces the default (its counter is then its own: a new
        rate starts counting afresh)."""
        tenant_item = (
            RateLimitItemPerMinute(tenant_per_minute) if tenant_per_minute else self._per_tenant
        )
        await self._hit(tenant_item, "tenant", tenant_id)
        item = (
            RateLimitItemPerMinute(credential_per_minute)
            if credential_per_minute
            else self._per_credential
        )
        await self._hit(item, "credential", credential)

    @property
    def default_per_tenant(self) -> int:
        """The default tenant rate, per minute (what a tenant without its own rate gets)."""
        return int(self._per_tenant.amount * 60 / self._per_tenant.get_expiry())

    async def check_public(self, client_address: str) -> None:
        """Calls to public routes (survey links) from one address."""
        await self._hit(self._public, "address", f"public:{client_address}")

    async def check_inbound(self, tenant_id: str, provider: str, client_address: str) -> None:
        """An unauthenticated inbound message (its signature is checked later, by crm): counted
        per source address and per tenant and provider, never in the tenant's API budget, so
        whoever knows a tenant's id can at worst delay that tenant's messages from that provider,
        not its API nor another tenant's messages."""
        await self._hit(self._inbound_address, "address", f"inbound:{client_address}")
        await self._hit(self._inbound, "tenant and provider", f"inbound:{tenant_id}:{provider}")

    async def check_sign_in(self, client_address: str) -> None:
        """Password attempts from one address: sign-ins and own-password changes (the lock-out
        per account and address is in the database, see people.py)."""
        await self._hit(self._sign_in, "address", client_address)

    async def check_password_reset(self, client_address: str) -> None:
        """Reset tokens tried from one address, with the sign-in's budget but counted apart, so
        a person who just failed to sign in can still use the link they were sent."""
        await self._hit(self._sign_in, "address", f"password-reset:{client_address}")
