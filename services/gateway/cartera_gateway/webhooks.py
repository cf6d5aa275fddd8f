"""Webhooks for partners: subscriptions to event types, fed from the Kafka topics, delivered at
least once, signed, retried with exponential back-off, logged, redeliverable by hand, and a
subscription disabled after repeated failures.

Each delivery is a POST of the event envelope (JSON) with these headers:

- ``Cartera-Event-Id`` (the envelope id: deduplicate on it), ``Cartera-Event-Type``,
  ``Cartera-Delivery-Id``, ``Cartera-Timestamp`` (Unix seconds);
- ``Cartera-Signature: v1=<hex>``, the HMAC-SHA256 with the subscription's secret over
  ``<timestamp>.<raw body>``. Receivers should refuse timestamps older than five minutes.

The secret is shown once, when the subscription is made, and kept encrypted
(cartera_shared.data_keys).

Only public addresses are delivered to; loopback and private networks only when
``WEBHOOKS_ALLOW_PRIVATE`` is set (tests, local runs). The name is resolved once per attempt, off
the event loop, every address it resolves to is checked (with the IPv4 address carried inside
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
import secrets
import socket
import ssl
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, Query, Response, status
from pydantic import ConfigDict, Field
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_gateway.people import scoped
from cartera_gateway.transaction import Transaction
from cartera_shared.app_factory import ServiceRuntime
from cartera_shared.data_keys import DataKeyError, DataKeys
from cartera_shared.edge import Runtime, part
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.identity import Identity
from cartera_shared.inbox import Consumer
from cartera_shared.jobs import Job
from cartera_shared.problems import Conflict, NotFound, UnprocessableEntity
from cartera_shared.text import Input

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
HooksReader = Annotated[Identity, scoped("webhooks:read")]
HooksWriter = Annotated[Identity, scoped("webhooks:write")]

EVENT_TYPES = frozenset(t for t in topics.ALL_TOPICS if t != topics.TENANT_CREATED)
SIGNATURE_HEADER = "Cartera-Signature"
# Shown for a stored `pending` delivery that has failed at least once and waits for its retry.
RETRYING = "retrying"
MAX_SUBSCRIPTIONS = 50


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


class SubscribedTenants:
    """The tenants with an active subscription, re-read at most every `ttl_seconds`.

    Most events belong to tenants without webhooks; asking this set first spares each of them
    the inbox transaction. A subscription made through this gateway is seen at once (`forget`);
    one made through another replica within `ttl_seconds`.
    """

    def __init__(self, ttl_seconds: float) -> None:
        self.ttl_seconds = ttl_seconds
        self.tenants: frozenset[uuid.UUID] = frozenset()
        self.loaded_at = float("-inf")
        self.changes = 0

    def forget(self) -> None:
        self.changes += 1
        self.loaded_at = float("-inf")

    async def wants(self, sessions: async_sessionmaker[AsyncSession], envelope: Envelope) -> bool:
        if time.monotonic() - self.loaded_at > self.ttl_seconds:
            started, changes = time.monotonic(), self.changes
            async with sessions() as session:
                found = await session.scalars(
                    select(webhook_subscriptions.c.tenant_id)
                    .where(webhook_subscriptions.c.active.is_(True))
                    .distinct()
                )
                self.tenants = frozenset(found.all())
            if changes == self.changes:  # else a subscription came meanwhile: read again next time
                self.loaded_at = started
        return envelope.tenant_id in self.tenants


Policy = Annotated[DeliveryPolicy, part(DeliveryPolicy)]
Subscribed = Annotated[SubscribedTenants, part(SubscribedTenants)]


class SubscriptionIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = Field(min_length=8, max_length=2000, examples=["https://erp.example.com/hooks"])
    event_types: list[str] = Field(
        min_length=1, max_length=40, examples=[["invoice.issued", "payment.recorded"]]
    )
    description: str | None = Field(default=None, max_length=200)


class SubscriptionPatch(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str | None = Field(default=None, min_length=8, max_length=2000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=200)
    active: bool | None = Field(default=None, description="true re-enables a disabled one.")


async def _validate(policy: DeliveryPolicy, url: str | None, event_types: list[str] | None) -> None:
    if url is not None:
        try:
            await resolve_target(url, policy)
        except UnsafeAddress as exc:
            raise UnprocessableEntity(str(exc)) from exc
    if event_types is not None:
        unknown = sorted(set(event_types) - EVENT_TYPES - {"*"})
        if unknown:
            raise UnprocessableEntity(
                f"event_types: unknown {unknown}; known: {sorted(EVENT_TYPES)} or '*'.",
                unknown=unknown,
            )


def _subscription(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "url": row["url"],
        "event_types": list(row["event_types"]),
        "description": row["description"],
        "active": row["active"],
        "disabled_reason": row["disabled_reason"],
        "consecutive_failures": row["consecutive_failures"],
        "created_at": row["created_at"].isoformat(),
    }


def shown_status(stored: str, attempts: int) -> str:
    """What the delivery log says of a delivery. A pending delivery that was tried and failed is
    `retrying`: a partner reading the log tells a receiver's 500 from a delivery not yet tried."""
    return RETRYING if stored == "pending" and attempts > 0 else stored


def _delivery(row: Any) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    status = shown_status(row["status"], row["attempts"])
    return {
        "id": str(row["id"]),
        "event_id": str(row["event_id"]),
        "event_type": row["event_type"],
        "status": status,
        "attempts": row["attempts"],
        "last_status_code": row["last_status_code"],
        "last_error": row["last_error"],
        "next_attempt_at": iso(row["next_attempt_at"]) if row["status"] == "pending" else None,
        "delivered_at": iso(row["delivered_at"]),
        "created_at": iso(row["created_at"]),
    }


async def _owned(session: AsyncSession, identity: Identity, subscription_id: uuid.UUID) -> Any:
    row = (
        (
            await session.execute(
                select(webhook_subscriptions).where(
                    webhook_subscriptions.c.tenant_id == identity.tenant_id,
                    webhook_subscriptions.c.id == subscription_id,
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Webhook subscription {subscription_id} does not exist.")
    return row


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_subscription(
    body: SubscriptionIn,
    identity: HooksWriter,
    runtime: Runtime,
    policy: Policy,
    subscribed: Subscribed,
) -> Any:
    """Subscribe a URL to event types; the signing `secret` is in this answer only."""
    await _validate(policy, body.url, body.event_types)
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription_id = uuid.uuid4()
    keys = policy.data_keys
    if keys is None:
        raise RuntimeError("the gateway was built without CARTERA_DATA_KEY")
    # Its own transaction: the fan-out's memory of subscribed tenants is dropped once the
    # subscription is committed, so the next read sees it.
    async with runtime.sessions() as session, session.begin():
        count = await session.scalar(
            select(func.count()).where(webhook_subscriptions.c.tenant_id == identity.tenant_id)
        )
        if (count or 0) >= MAX_SUBSCRIPTIONS:
            raise Conflict(f"A tenant has at most {MAX_SUBSCRIPTIONS} webhook subscriptions.")
        row = (
            (
                await session.execute(
                    insert(webhook_subscriptions)
                    .values(
                        id=subscription_id,
                        tenant_id=identity.tenant_id,
                        url=body.url,
                        event_types=sorted(set(body.event_types)),
                        # Shown once, in this answer; kept only encrypted.
                        secret_encrypted=keys.encrypt(secret, bound_to=str(subscription_id)),
                        description=body.description,
                    )
                    .returning(webhook_subscriptions)
                )
            )
            .mappings()
            .one()
        )
    subscribed.forget()
    return _subscription(row) | {"secret": secret}


@router.get("")
async def list_subscriptions(identity: HooksReader, session: Transaction) -> Any:
    rows = (
        (
            await session.execute(
                select(webhook_subscriptions)
                .where(webhook_subscriptions.c.tenant_id == identity.tenant_id)
                .order_by(webhook_subscriptions.c.created_at)
            )
        )
        .mappings()
        .all()
    )
    return {"items": [_subscription(r) for r in rows]}


@router.get("/{subscription_id}")
async def get_subscription(
    subscription_id: uuid.UUID, identity: HooksReader, session: Transaction
) -> Any:
    return _subscription(await _owned(session, identity, subscription_id))


@router.patch("/{subscription_id}")
async def change_subscription(
    subscription_id: uuid.UUID,
    body: SubscriptionPatch,
    identity: HooksWriter,
    runtime: Runtime,
    policy: Policy,
    subscribed: Subscribed,
) -> Any:
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise UnprocessableEntity("Nothing to change.")
    await _validate(policy, body.url, body.event_types)
    if changes.get("url") is None:
        changes.pop("url", None)
    if changes.get("event_types") is None:
        changes.pop("event_types", None)
    else:
        changes["event_types"] = sorted(set(changes["event_types"]))
    if changes.get("active") is None:
        changes.pop("active", None)
    elif changes["active"]:
        changes.update(consecutive_failures=0, disabled_reason=None)
    # Its own transaction, for the same reason as create_subscription's.
    async with runtime.sessions() as session, session.begin():
        await _owned(session, identity, subscription_id)
        row = (
            (
                await session.execute(
                    update(webhook_subscriptions)
                    .where(webhook_subscriptions.c.id == subscription_id)
                    .values(**changes)
                    .returning(webhook_subscriptions)
                )
            )
            .mappings()
            .one()
        )
    subscribed.forget()
    return _subscription(row)


@router.delete("/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_subscription(
    subscription_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Response:
    """Stop deliveries for good (the log is kept; the subscription is only deactivated)."""
    await _owned(session, identity, subscription_id)
    await session.execute(
        update(webhook_subscriptions)
        .where(webhook_subscriptions.c.id == subscription_id)
        .values(active=False, disabled_reason="deleted by the tenant")
    )
    await session.execute(
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.subscription_id == subscription_id,
            webhook_deliveries.c.status == "pending",
        )
        .values(status="cancelled")
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{subscription_id}/deliveries")
async def list_deliveries(
    subscription_id: uuid.UUID,
    identity: HooksReader,
    session: Transaction,
    delivery_status: Annotated[
        str | None,
        Query(alias="status", pattern="^(pending|retrying|delivered|failed|cancelled)$"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Any:
    """The delivery log, newest first."""
    await _owned(session, identity, subscription_id)
    query = select(webhook_deliveries).where(
        webhook_deliveries.c.subscription_id == subscription_id
    )
    if delivery_status == RETRYING:
        query = query.where(
            webhook_deliveries.c.status == "pending", webhook_deliveries.c.attempts > 0
        )
    elif delivery_status == "pending":
        query = query.where(
            webhook_deliveries.c.status == "pending", webhook_deliveries.c.attempts == 0
        )
    elif delivery_status:
        query = query.where(webhook_deliveries.c.status == delivery_status)
    rows = (
        (await session.execute(query.order_by(webhook_deliveries.c.created_at.desc()).limit(limit)))
        .mappings()
        .all()
    )
    return {"items": [_delivery(r) for r in rows]}


@router.post("/{subscription_id}/deliveries/{delivery_id}/redeliver")
async def redeliver(
    subscription_id: uuid.UUID, delivery_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Any:
    """Send a delivery again now (a failed one, or one the partner lost)."""
    subscription = await _owned(session, identity, subscription_id)
    if not subscription["active"]:
        raise Conflict("The subscription is disabled; re-enable it first (active: true).")
    row = (
        (
            await session.execute(
                update(webhook_deliveries)
                .where(
                    webhook_deliveries.c.id == delivery_id,
                    webhook_deliveries.c.subscription_id == subscription_id,
                )
                .values(status="pending", next_attempt_at=func.now(), attempts=0)
                .returning(webhook_deliveries)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Delivery {delivery_id} does not exist.")
    return _delivery(row)


# --- Fan-out: events -> deliveries ---------------------------------------------------------------


async def fan_out(session: AsyncSession, envelope: Envelope) -> None:
    """One pending delivery per active subscription of the event's tenant that wants it."""
    subscriptions = (
        (
            await session.execute(
                select(webhook_subscriptions.c.id).where(
                    webhook_subscriptions.c.tenant_id == envelope.tenant_id,
                    webhook_subscriptions.c.active.is_(True),
                    webhook_subscriptions.c.event_types.overlap([envelope.type, "*"]),
                    # A subscription receives what happens after it was made, never older events
                    # that a catching-up consumer reads late.
                    webhook_subscriptions.c.created_at <= envelope.occurred_at,
                )
            )
        )
        .scalars()
        .all()
    )
    if not subscriptions:
        return  # most events of most tenants: nothing to write, nobody to wake
    payload = json.loads(envelope.model_dump_json())
    for subscription_id in subscriptions:
        await session.execute(
            pg_insert(webhook_deliveries)
            .values(
                id=uuid.uuid4(),
                tenant_id=envelope.tenant_id,
                subscription_id=subscription_id,
                event_id=envelope.id,
                event_type=envelope.type,
                payload=payload,
                status="pending",
                next_attempt_at=func.now(),
            )
            .on_conflict_do_nothing(index_elements=["subscription_id", "event_id"])
        )
    # Wake the delivery worker at once rather than at its next poll.
    await session.execute(text("SELECT pg_notify('gateway_webhooks', '')"))


async def _wanted(runtime: ServiceRuntime, envelope: Envelope) -> bool:
    return await runtime.part(SubscribedTenants).wants(runtime.sessions, envelope)


def consumers() -> list[Consumer]:
    return [
        Consumer(
            name="gateway.webhooks",
            handler=fan_out,
            topics=tuple(sorted(EVENT_TYPES)),
            group_id="gateway.webhooks",
            description="Turns every event into deliveries for the tenant's webhook subscriptions.",
            start_from="latest",
            wanted=_wanted,
        )
    ]


# --- Delivery worker --------------------------------------------------------------------------

LEASE = timedelta(minutes=2)


async def _claim(sessions: async_sessionmaker[AsyncSession], batch: int) -> list[Any]:
    """Take due deliveries for a while (a lease), so replicas never send one twice at once and a
    crashed worker's deliveries come back when the lease ends."""
    async with sessions() as session, session.begin():
        due = (
            select(webhook_deliveries.c.id)
            .where(
                webhook_deliveries.c.status == "pending",
                webhook_deliveries.c.next_attempt_at <= func.now(),
            )
            .order_by(webhook_deliveries.c.next_attempt_at)
            .limit(batch)
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


async def deliver_due(
    sessions: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
    policy: DeliveryPolicy,
    batch: int = 20,
) -> int:
    """Deliver what is due now; returns how many attempts were made."""
    due = await _claim(sessions, batch)

    async def one(delivery: Any) -> None:
        status_code, error = await _attempt(client, policy, delivery)
        await _record(sessions, policy, delivery, status_code, error)
        if error:
            log.warning(
                "webhook delivery failed",
                extra={"delivery_id": str(delivery["id"]), "error": error},
            )

    await asyncio.gather(*(one(d) for d in due))
    return len(due)


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
            while True:
                try:
                    while await deliver_due(sessions, client, policy):
                        pass
                except Exception:
                    log.exception("webhook delivery round failed")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout=policy.poll_seconds)
                wake.clear()
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
