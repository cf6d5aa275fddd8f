"""The webhook subscription routes: /v1/webhooks (subscriptions, the delivery log,
redelivery). The delivery itself is in `delivery.py`, the fan-out of events in `service.py`."""

from __future__ import annotations

import secrets
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import func, insert, select, update

from cartera_gateway.auth import scoped
from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_gateway.transaction import Transaction
from cartera_gateway.webhooks.delivery import DeliveryPolicy
from cartera_gateway.webhooks.schemas import (
    Delivery,
    DeliveryList,
    Subscription,
    SubscriptionCreated,
    SubscriptionIn,
    SubscriptionList,
    SubscriptionPatch,
)
from cartera_gateway.webhooks.service import (
    MAX_SUBSCRIPTIONS,
    RETRYING,
    SubscribedTenants,
    delivery_json,
    owned_subscription,
    subscription_json,
    validate_subscription,
)
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity
from cartera_shared.problems import Conflict, NotFound, UnprocessableEntity

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses=errors())
HooksReader = Annotated[Identity, scoped("webhooks:read")]
HooksWriter = Annotated[Identity, scoped("webhooks:write")]
Policy = Annotated[DeliveryPolicy, part(DeliveryPolicy)]
Subscribed = Annotated[SubscribedTenants, part(SubscribedTenants)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=errors(409))
async def create_webhook_subscription(
    body: SubscriptionIn,
    identity: HooksWriter,
    runtime: Runtime,
    policy: Policy,
    subscribed: Subscribed,
) -> SubscriptionCreated:
    """Subscribe a URL to event types; the signing `secret` is in this answer only. The URL must
    resolve to public addresses only (422); a tenant has at most 50 subscriptions (409)."""
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
    return SubscriptionCreated.model_validate(subscription_json(row) | {"secret": secret})


@router.get("")
async def list_webhook_subscriptions(
    identity: HooksReader, session: Transaction
) -> SubscriptionList:
    """The tenant's subscriptions, oldest first."""
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
    return SubscriptionList.model_validate({"items": [subscription_json(r) for r in rows]})


@router.get("/{subscription_id}", responses=errors(404))
async def get_webhook_subscription(
    subscription_id: uuid.UUID, identity: HooksReader, session: Transaction
) -> Subscription:
    """One subscription of the tenant."""
    return Subscription.model_validate(
        subscription_json(await owned_subscription(session, identity, subscription_id))
    )


@router.patch("/{subscription_id}", responses=errors(404))
async def change_webhook_subscription(
    subscription_id: uuid.UUID,
    body: SubscriptionPatch,
    identity: HooksWriter,
    runtime: Runtime,
    policy: Policy,
    subscribed: Subscribed,
) -> Subscription:
    """Change the URL, the event types or the description; `active: true` re-enables a
    disabled subscription and starts its failure count again."""
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
    return Subscription.model_validate(subscription_json(row))


@router.delete(
    "/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=errors(404),
)
async def delete_webhook_subscription(
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


@router.get("/{subscription_id}/deliveries", responses=errors(404))
async def list_webhook_deliveries(
    subscription_id: uuid.UUID,
    identity: HooksReader,
    session: Transaction,
    delivery_status: Annotated[
        str | None,
        Query(alias="status", pattern="^(pending|retrying|delivered|failed|cancelled)$"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> DeliveryList:
    """The delivery log, newest first; `status` keeps one kind (see `Delivery.status`)."""
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
    return DeliveryList.model_validate({"items": [delivery_json(r) for r in rows]})


@router.post("/{subscription_id}/deliveries/{delivery_id}/redeliver", responses=errors(404, 409))
async def redeliver_webhook_delivery(
    subscription_id: uuid.UUID, delivery_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Delivery:
    """Send a delivery again now (a failed one, or one the partner lost): it is `pending` with
    no attempts. A disabled subscription must be re-enabled first (409)."""
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
    return Delivery.model_validate(delivery_json(row))
