"""The webhook subscription routes: /v1/webhooks (subscriptions, the delivery log,
redelivery). The delivery itself is in `delivery.py`, the fan-out of events in `service.py`."""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import func, insert, select, update

from cartera_gateway.auth import scoped
from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_gateway.transaction import Transaction
from cartera_gateway.webhooks.delivery import DeliveryPolicy
from cartera_gateway.webhooks.schemas import SubscriptionIn, SubscriptionPatch
from cartera_gateway.webhooks.service import (
    MAX_SUBSCRIPTIONS,
    RETRYING,
    SubscribedTenants,
    delivery_json,
    owned_subscription,
    subscription_json,
    validate_subscription,
)
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity
from cartera_shared.problems import Conflict, NotFound, UnprocessableEntity

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
HooksReader = Annotated[Identity, scoped("webhooks:read")]
HooksWriter = Annotated[Identity, scoped("webhooks:write")]
Policy = Annotated[DeliveryPolicy, part(DeliveryPolicy)]
Subscribed = Annotated[SubscribedTenants, part(SubscribedTenants)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_subscription(
    body: SubscriptionIn,
    identity: HooksWriter,
    runtime: Runtime,
    policy: Policy,
    subscribed: Subscribed,
) -> Any:
    """Subscribe a URL to event types; the signing `secret` is in this answer only."""
    await validate_subscription(policy, body.url, body.event_types)
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
    return subscription_json(row) | {"secret": secret}


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
    return {"items": [subscription_json(r) for r in rows]}


@router.get("/{subscription_id}")
async def get_subscription(
    subscription_id: uuid.UUID, identity: HooksReader, session: Transaction
) -> Any:
    return subscription_json(await owned_subscription(session, identity, subscription_id))


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
    await validate_subscription(policy, body.url, body.event_types)
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
    subscribed.forget()
    return subscription_json(row)


@router.delete("/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_subscription(
    subscription_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Response:
    """Stop deliveries for good (the log is kept; the subscription is only deactivated)."""
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
    rows = (
        (await session.execute(query.order_by(webhook_deliveries.c.created_at.desc()).limit(limit)))
        .mappings()
        .all()
    )
    return {"items": [delivery_json(r) for r in rows]}


@router.post("/{subscription_id}/deliveries/{delivery_id}/redeliver")
async def redeliver(
    subscription_id: uuid.UUID, delivery_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Any:
    """Send a delivery again now (a failed one, or one the partner lost)."""
    subscription = await owned_subscription(session, identity, subscription_id)
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
    return delivery_json(row)
