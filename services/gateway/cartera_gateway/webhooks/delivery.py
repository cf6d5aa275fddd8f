"""Webhooks for partners: subscriptions to event types, fed from the Kafka topics, delivered at
least once, signed, retried with exponential back-off, logged, redeliverable by hand, and a
subscription disabled after repeated failures.

Each delivery is a POST of the event envelope (JSON) with these headers:

- ``Cartera-Event-Id`` (the envelope id: deduplicate on it), ``Cartera-Event-Type``,
  ``Cartera-Delivery-Id``, ``Cartera-Timestamp`` (Unix seconds);
- ``Cartera-Mode``: ``test`` for an event of a sandbox tenant (made with a test API key; its
  body also says ``"test": true``), else ``live``;
- ``Cartera-Signature: v1=<hex>``, the HMAC-SHA256 with the subscription's secret over
  ``<timestamp>.<raw body>``. Receivers should refuse timestamps older than five minutes.

The secret is shown once, when the subscription is made, and kept encrypted
(cartera_shared.data_keys).

Only public addresses are delivered to; loopback and private networks only when
``CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE`` is set (tests, local runs). The name is resolved once
per attempt, off the event loop, every address it resolves to is checked (with the IPv4 address
carried inside
IPv6 forms: IPv4-mapped and -compatible, NAT64, 6to4; Teredo, local-use NAT64 and site-local
refused whole), and the connection goes to the checked address, with the name kept for the Host
header and for TLS (SNI and certificate verification): a second resolution, which DNS rebinding
would answer with an internal address, never happens. Redirects are not followed.

The delivery log records what a partner needs and no more: an answer's status code (only public
addresses are ever connected to) or one coarse class of failure (`FAILURE_CLASSES`), never an
exception's text, which told an internal service's 401 from a closed port.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import ipaddress
import json
import logging
import random
import socket
import ssl
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_shared.app_factory import ServiceRuntime
from cartera_shared.data_keys import DataKeyError, DataKeys
from cartera_shared.jobs import Job
from cartera_shared.tenancy import mode_of

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "Cartera-Signature"


# host, port -> the addresses it resolves to now.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    """The system's resolver, in the event loop's thread pool (getaddrinfo blocks)."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True)
class DeliveryPolicy:
    allow_private: bool
    base_backoff_seconds: float = 10.0
    max_backoff_seconds: float = 3600.0
    max_attempts: int = 8
    disable_after_failures: int = 20
    timeout_seconds: float = 10.0
    poll_seconds: float = 1.0
    resolver: Resolver = system_resolver
    # Opens the stored signing secrets; without it no delivery can be signed.
    data_keys: DataKeys | None = None


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def backoff(policy: DeliveryPolicy, attempts: int) -> float:
    """Seconds before the next attempt: exponential with full jitter, capped."""
    ceiling = min(policy.max_backoff_seconds, policy.base_backoff_seconds * 2.0 ** (attempts - 1))
    return float(ceiling / 2 + random.uniform(0, ceiling / 2))


class UnsafeAddress(ValueError):
    pass


# IPv6 forms that carry an IPv4 address, which is what the connection reaches.
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
# Refused whole: local-use NAT64 (RFC 8215) maps to any network the operator chose; Teredo
# hides its client address; site-local is a deprecated private range Python calls global.
_REFUSED_V6 = (
    ipaddress.IPv6Network("64:ff9b:1::/48"),
    ipaddress.IPv6Network("2001::/32"),
    ipaddress.IPv6Network("fec0::/10"),
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _IPV4_COMPATIBLE or address in _IPV4_TRANSLATED or address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refused_address(address: IPAddress) -> bool:
    """True for any address a webhook must not reach: not globally routable, multicast,
    reserved, or an IPv6 form whose IPv4 address is one of those."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local or any(address in net for net in _REFUSED_V6):
            return True
        carried = embedded_ipv4(address)
        if carried is not None:
            # The IPv4 address is what is reached (these prefixes are all "reserved" to Python).
            return refused_address(carried)
    if address.is_multicast or address.is_reserved or address.is_unspecified:
        return True
    return not address.is_global or address.is_loopback or address.is_link_local


@dataclass(frozen=True)
class Target:
    """Where one attempt goes: the checked address, and the name it was reached by."""

    url: httpx.URL
    host_header: str
    extensions: dict[str, Any]


def _syntax(url: str, allow_private: bool) -> httpx.URL:
    """Refuse what a partner must not make the gateway call: non-HTTP(S), credentials in the URL,
    plain http (unless private addresses are allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeAddress("url: an absolute http(s) URL is needed.")
    if parts.username or parts.password:
        raise UnsafeAddress("url: no credentials in the URL; verify the signature instead.")
    if not allow_private and parts.scheme != "https":
        raise UnsafeAddress("url: webhooks are delivered over https only.")
    try:
        parts.port  # noqa: B018 (a port out of range raises here)
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise UnsafeAddress("url: not a valid URL.") from exc
    return parsed


async def resolve_target(url: str, policy: DeliveryPolicy) -> Target:
    """Resolve the URL's host once and check every address; UnsafeAddress if any is refused."""
    parsed = _syntax(url, policy.allow_private)
    host = parsed.host
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses: list[IPAddress] = [literal]
    else:
        try:
            found = await policy.resolver(host, port)
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        except (OSError, UnicodeError, ValueError) as exc:
            raise UnsafeAddress(f"url: {host} does not resolve.") from exc
        if not addresses:
            raise UnsafeAddress(f"url: {host} does not resolve.")
    if not policy.allow_private and any(refused_address(a) for a in addresses):
        raise UnsafeAddress(f"url: {host} is not a public address.")
    extensions: dict[str, Any] = {}
    if literal is None and parsed.scheme == "https":
        # TLS names the host and checks the certificate for it, not for the address.
        extensions["sni_hostname"] = host
    return Target(
        url=parsed.copy_with(host=str(addresses[0])),
        host_header=parsed.netloc.decode("ascii"),
        extensions=extensions,
    )


# What the delivery log may say of a failed attempt (an answer is logged by its status code).
ADDRESS_REFUSED = "address refused"
TIMEOUT = "timeout"
TLS_FAILED = "tls failed"
CONNECTION_FAILED = "connection failed"
INVALID_ANSWER = "invalid answer"
SECRET_UNREADABLE = "secret unreadable"  # the gateway's keys, not the partner's endpoint
FAILURE_CLASSES = (
    ADDRESS_REFUSED,
    TIMEOUT,
    TLS_FAILED,
    CONNECTION_FAILED,
    INVALID_ANSWER,
    SECRET_UNREADABLE,
)


def failure_class(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return TIMEOUT
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError | ssl.CertificateError):
            return TLS_FAILED
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return INVALID_ANSWER
    return CONNECTION_FAILED


def delivery_client(policy: DeliveryPolicy, **options: Any) -> httpx.AsyncClient:
    """The client deliveries go through. No connection is kept: a pooled one is found by
    address, and would carry a request for one name over TLS checked for another. No proxy from
    the environment: it would resolve the name again."""
    return httpx.AsyncClient(
        timeout=policy.timeout_seconds,
        follow_redirects=False,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
        **options,
    )


# --- Delivery worker --------------------------------------------------------------------------

LEASE = timedelta(minutes=2)
# Deliveries a worker has in hand at once; of one subscription it takes at most
# PLACES_PER_SUBSCRIPTION at a time, and none while it holds that many: a slow receiver keeps a
# few of the places, and every other subscription's deliveries go on in the rest.
WORKER_PLACES = 20
PLACES_PER_SUBSCRIPTION = 4


async def _claim(
    sessions: async_sessionmaker[AsyncSession],
    batch: int,
    *,
    per_subscription: int | None = None,
    busy: Sequence[uuid.UUID] = (),
) -> list[Any]:
    """Take due deliveries for a while (a lease), so replicas never send one twice at once and a
    crashed worker's deliveries come back when the lease ends. At most `per_subscription` of
    each subscription, none of the `busy` ones (those with enough in hand already)."""
    async with sessions() as session, session.begin():
        # Taken in turns: every subscription's oldest due delivery, then every one's second,
        # and so on. Oldest first overall, a tenant with a backlog (a burst, an endpoint that was
        # down) filled every round, and the other tenants' deliveries waited behind all of it.
        place = (
            func.row_number()
            .over(
                partition_by=webhook_deliveries.c.subscription_id,
                order_by=(webhook_deliveries.c.next_attempt_at, webhook_deliveries.c.id),
            )
            .label("place")
        )
        ranked = (
            select(webhook_deliveries.c.id, webhook_deliveries.c.next_attempt_at, place)
            .where(
                webhook_deliveries.c.status == "pending",
                webhook_deliveries.c.next_attempt_at <= func.now(),
                webhook_deliveries.c.subscription_id.not_in(busy),
            )
            .subquery()
        )
        turns = select(ranked.c.id).order_by(ranked.c.place, ranked.c.next_attempt_at)
        if per_subscription is not None:
            turns = turns.where(ranked.c.place <= per_subscription)
        turns = turns.limit(batch)
        due = (
            select(webhook_deliveries.c.id)
            .where(
                webhook_deliveries.c.id.in_(turns),
                # Read again under the lock: another replica may have taken it meanwhile.
                webhook_deliveries.c.status == "pending",
                webhook_deliveries.c.next_attempt_at <= func.now(),
            )
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        rows = (
            await session.execute(
                update(webhook_deliveries)
                .where(webhook_deliveries.c.id.in_(due))
                .values(next_attempt_at=func.now() + LEASE)
                .returning(
                    webhook_deliveries,
                    select(webhook_subscriptions.c.url)
                    .where(webhook_subscriptions.c.id == webhook_deliveries.c.subscription_id)
                    .scalar_subquery()
                    .label("url"),
                    select(webhook_subscriptions.c.secret_encrypted)
                    .where(webhook_subscriptions.c.id == webhook_deliveries.c.subscription_id)
                    .scalar_subquery()
                    .label("secret_encrypted"),
                )
            )
        ).mappings()
        return list(rows.all())


async def _attempt(
    client: httpx.AsyncClient, policy: DeliveryPolicy, delivery: Any
) -> tuple[int | None, str | None]:
    body = json.dumps(delivery["payload"], separators=(",", ":")).encode()
    timestamp = int(time.time())
    try:
        if policy.data_keys is None:
            raise DataKeyError("the delivery worker has no CARTERA_DATA_KEY")
        secret = policy.data_keys.decrypt(
            delivery["secret_encrypted"], bound_to=str(delivery["subscription_id"])
        )
    except DataKeyError as exc:
        # The operator's to fix (docs/operations.md, "Rotating keys"); the tenant sees the class.
        log.error(
            "webhook secret unreadable: %s",
            exc,
            extra={"delivery_id": str(delivery["id"])},
        )
        return None, SECRET_UNREADABLE
    try:
        target = await resolve_target(delivery["url"], policy)
    except UnsafeAddress:
        return None, ADDRESS_REFUSED
    try:
        answer = await client.post(
            target.url,
            content=body,
            headers={
                "Host": target.host_header,
                "Content-Type": "application/json",
                "User-Agent": "Cartera-Webhooks/1",
                "Cartera-Event-Id": str(delivery["event_id"]),
                "Cartera-Event-Type": delivery["event_type"],
                "Cartera-Delivery-Id": str(delivery["id"]),
                "Cartera-Timestamp": str(timestamp),
                "Cartera-Mode": mode_of(delivery["payload"].get("tenant_id")),
                SIGNATURE_HEADER: sign(secret, timestamp, body),
            },
            extensions=target.extensions,
        )
    except httpx.HTTPError as exc:
        log.info(
            "webhook attempt failed",
            extra={"delivery_id": str(delivery["id"]), "exception": type(exc).__name__},
        )
        return None, failure_class(exc)
    if 200 <= answer.status_code < 300:
        return answer.status_code, None
    return answer.status_code, f"HTTP {answer.status_code}"


async def _record(
    sessions: async_sessionmaker[AsyncSession],
    policy: DeliveryPolicy,
    delivery: Any,
    status_code: int | None,
    error: str | None,
) -> None:
    attempts = delivery["attempts"] + 1
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():
        if error is None:
            await session.execute(
                update(webhook_deliveries)
                .where(webhook_deliveries.c.id == delivery["id"])
                .values(
                    status="delivered",
                    attempts=attempts,
                    last_status_code=status_code,
                    last_error=None,
                    delivered_at=now,
                )
            )
            await session.execute(
                update(webhook_subscriptions)
                .where(webhook_subscriptions.c.id == delivery["subscription_id"])
                .values(consecutive_failures=0)
            )
            return
        gave_up = attempts >= policy.max_attempts
        await session.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery["id"])
            .values(
                status="failed" if gave_up else "pending",
                attempts=attempts,
                last_status_code=status_code,
                last_error=error,
                next_attempt_at=None
                if gave_up
                else now + timedelta(seconds=backoff(policy, attempts)),
            )
        )
        failures = (
            await session.execute(
                update(webhook_subscriptions)
                .where(webhook_subscriptions.c.id == delivery["subscription_id"])
                .values(consecutive_failures=webhook_subscriptions.c.consecutive_failures + 1)
                .returning(webhook_subscriptions.c.consecutive_failures)
            )
        ).scalar_one()
        if failures >= policy.disable_after_failures:
            await session.execute(
                update(webhook_subscriptions)
                .where(
                    webhook_subscriptions.c.id == delivery["subscription_id"],
                    webhook_subscriptions.c.active.is_(True),
                )
                .values(
                    active=False,
                    disabled_reason=f"disabled after {failures} failed attempts in a row; "
                    f"last: {error}",
                )
            )
            await session.execute(
                update(webhook_deliveries)
                .where(
                    webhook_deliveries.c.subscription_id == delivery["subscription_id"],
                    webhook_deliveries.c.status == "pending",
                )
                .values(status="failed", next_attempt_at=None)
            )


async def _deliver_one(
    sessions: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    policy: DeliveryPolicy,
    delivery: Any,
) -> None:
    status_code, error = await _attempt(client, policy, delivery)
    await _record(sessions, policy, delivery, status_code, error)
    if error:
        log.warning(
            "webhook delivery failed",
            extra={"delivery_id": str(delivery["id"]), "error": error},
        )


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    policy: DeliveryPolicy,
    batch: int = WORKER_PLACES,
) -> int:
    """Deliver what is due now, one round, all at once; returns how many attempts were made."""
    due = await _claim(sessions, batch)
    await asyncio.gather(*(_deliver_one(sessions, client, policy, d) for d in due))
    return len(due)


class _Worker:
    """Attempts in hand, each in its own task: a place that frees is taken again at once, so a
    slow receiver delays only its own deliveries (rounds that waited for their slowest attempt
    held every tenant's next deliveries back for up to the 10 s timeout)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        client: httpx.AsyncClient,
        policy: DeliveryPolicy,
    ) -> None:
        self.sessions, self.client, self.policy = sessions, client, policy
        self.in_hand: dict[asyncio.Task[Any], uuid.UUID] = {}

    async def fill(self, *, looked_for: bool) -> None:
        """Take due deliveries for the free places. After an attempt ends (not `looked_for`:
        no announcement, no poll), only once a few places are free: each claim ranks every due
        delivery, which is worth doing for several, not for each."""
        free = WORKER_PLACES - len(self.in_hand)
        if free <= 0 or (not looked_for and free < PLACES_PER_SUBSCRIPTION):
            return
        held = Counter(self.in_hand.values())
        busy = [s for s, count in held.items() if count >= PLACES_PER_SUBSCRIPTION]
        due = await _claim(self.sessions, free, per_subscription=PLACES_PER_SUBSCRIPTION, busy=busy)
        for delivery in due:
            task = asyncio.create_task(
                _deliver_one(self.sessions, self.client, self.policy, delivery)
            )
            self.in_hand[task] = delivery["subscription_id"]

    async def wait(self, wake: asyncio.Event) -> bool:
        """Until an attempt ends, a delivery is announced, or `poll_seconds` have passed; True
        for the last two (time to look for due deliveries)."""
        woken = asyncio.create_task(wake.wait())
        try:
            done, _ = await asyncio.wait(
                {*self.in_hand, woken},
                timeout=self.policy.poll_seconds,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            woken.cancel()
        for task in done - {woken}:
            del self.in_hand[task]
            if not task.cancelled() and task.exception() is not None:
                log.error("webhook delivery attempt failed", exc_info=task.exception())
        return woken in done or not done

    async def close(self) -> None:
        # Their leases run out and the deliveries come back to whichever worker is there.
        for task in self.in_hand:
            task.cancel()
        await asyncio.gather(*self.in_hand, return_exceptions=True)


async def run_forever(
    sessions: async_sessionmaker[AsyncSession], database_url: str, policy: DeliveryPolicy
) -> None:
    """Deliver as events arrive (LISTEN) and at least every `poll_seconds`."""
    import asyncpg

    wake = asyncio.Event()
    listener = None
    with contextlib.suppress(Exception):
        listener = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
        await listener.add_listener("gateway_webhooks", lambda *_: wake.set())
    try:
        async with delivery_client(policy) as client:
            worker = _Worker(sessions, client, policy)
            looked_for = True
            try:
                while True:
                    # Cleared before the claim: an announcement during it is kept for the next.
                    wake.clear()
                    try:
                        await worker.fill(looked_for=looked_for)
                    except Exception:
                        log.exception("webhook deliveries could not be claimed")
                    looked_for = await worker.wait(wake)
            finally:
                await worker.close()
    finally:
        if listener is not None:
            await listener.close()


def delivery_job() -> Job:
    """The delivery worker, run by the gateway from start-up to shutdown."""

    async def run(runtime: ServiceRuntime) -> None:
        await run_forever(
            runtime.sessions, runtime.settings.effective_app_url, runtime.part(DeliveryPolicy)
        )

    return Job(name="webhook-deliveries", run=run)
