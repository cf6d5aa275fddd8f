"""Webhook subscriptions fed from the Kafka topics: the fan-out consumer that turns each event
into deliveries, and what the subscription routes read and write."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_gateway.webhooks.delivery import DeliveryPolicy, UnsafeAddress, resolve_target
from cartera_gateway.webhooks.schemas import (
    Delivery,
    DeliveryList,
    Subscription,
    SubscriptionCreated,
    SubscriptionIn,
    SubscriptionList,
    SubscriptionPatch,
)
from cartera_shared.app_factory import ServiceRuntime
from cartera_shared.data_keys import DataKeys
from cartera_shared.events import topics
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import canonical_data
from cartera_shared.identity import Identity
from cartera_shared.inbox import EVENT_BATCH_SIZE, Consumer
from cartera_shared.pagination import Keyset
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity, field_error

EVENT_TYPES = frozenset(t for t in topics.ALL_TOPICS if t != topics.TENANT_CREATED)
# Shown for a stored `pending` delivery that has failed at least once and waits for its retry.
RETRYING = "retrying"
MAX_SUBSCRIPTIONS = 50


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


async def validate_subscription(
    policy: DeliveryPolicy, url: str | None, event_types: list[str] | None
) -> None:
    if url is not None:
        try:
            await resolve_target(url, policy)
        except UnsafeAddress as exc:
            raise UnprocessableEntity(
                str(exc), errors=field_error("body", "url", msg=str(exc))
            ) from exc
    if event_types is not None:
        unknown = sorted(set(event_types) - EVENT_TYPES - {"*"})
        if unknown:
            raise UnprocessableEntity(
                f"event_types: unknown {unknown}; known: {sorted(EVENT_TYPES)} or '*'.",
                errors=field_error("body", "event_types", msg=f"unknown {unknown}"),
                unknown=unknown,
            )


def subscription_json(row: Any) -> dict[str, Any]:
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


def delivery_json(row: Any) -> dict[str, Any]:
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


async def owned_subscription(
    session: AsyncSession, identity: Identity, subscription_id: uuid.UUID
) -> Any:
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


# --- Fan-out: events -> deliveries ---------------------------------------------------------------


def webhook_payload(envelope: Envelope) -> dict[str, Any]:
    """The envelope as a partner receives it. Producers write the wire's formats into their
    outbox (`new_envelope` reads `data` through the topic's contract), so this forwards `data` as
    it came. Reading it through the contract once more is a guard for events published before
    producers did (still in Kafka or replayed): it changes nothing in canonical data."""
    payload: dict[str, Any] = json.loads(envelope.model_dump_json())
    payload["data"] = canonical_data(envelope.type, payload["data"])
    return payload


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
    payload = webhook_payload(envelope)
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
            # Every event of every service passes here, and nearly all are not wanted (their
            # tenant has no subscription): taken in batches, the subscriber's own cost is paid
            # once per poll rather than once per event.
            batch_size=EVENT_BATCH_SIZE,
        )
    ]


async def add_subscription(
    session: AsyncSession, identity: Identity, body: SubscriptionIn, keys: DataKeys
) -> SubscriptionCreated:
    secret = "whsec_" + secrets.token_urlsafe(32)
    subscription_id = uuid.uuid4()
    count = await session.scalar(
        select(func.count()).where(webhook_subscriptions.c.tenant_id == identity.tenant_id)
    )
    if (count or 0) >= MAX_SUBSCRIPTIONS:
        raise Conflict(
            f"A tenant has at most {MAX_SUBSCRIPTIONS} webhook subscriptions.",
            code=Code.LIMIT_REACHED,
        )
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
    return SubscriptionCreated.model_validate(subscription_json(row) | {"secret": secret})


async def list_subscriptions(
    session: AsyncSession, identity: Identity, keyset: Keyset, limit: int
) -> SubscriptionList:
    query = select(webhook_subscriptions).where(
        webhook_subscriptions.c.tenant_id == identity.tenant_id
    )
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return SubscriptionList.model_validate(
        {"items": [subscription_json(r) for r in rows], "next_cursor": next_cursor}
    )


def subscription_changes(body: SubscriptionPatch) -> dict[str, Any]:
    """The columns a PATCH sets: what was sent, less nulls; re-enabling clears the failures."""
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise UnprocessableEntity("Nothing to change.")
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
    return changes


async def change_subscription(
    session: AsyncSession, identity: Identity, subscription_id: uuid.UUID, changes: dict[str, Any]
) -> Subscription:
    await owned_subscription(session, identity, subscription_id)
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
    return Subscription.model_validate(subscription_json(row))


async def delete_subscription(
    session: AsyncSession, identity: Identity, subscription_id: uuid.UUID
) -> None:
    await owned_subscription(session, identity, subscription_id)
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


async def list_deliveries(
    session: AsyncSession,
    identity: Identity,
    subscription_id: uuid.UUID,
    delivery_status: str | None,
    keyset: Keyset,
    limit: int,
) -> DeliveryList:
    await owned_subscription(session, identity, subscription_id)
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
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return DeliveryList.model_validate(
        {"items": [delivery_json(r) for r in rows], "next_cursor": next_cursor}
    )


async def redeliver(
    session: AsyncSession, identity: Identity, subscription_id: uuid.UUID, delivery_id: uuid.UUID
) -> Delivery:
    subscription = await owned_subscription(session, identity, subscription_id)
    if not subscription["active"]:
        raise Conflict(
            "The subscription is disabled; re-enable it first (active: true).",
            code=Code.INVALID_STATE,
        )
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
    return Delivery.model_validate(delivery_json(row))
