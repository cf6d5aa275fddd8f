"""The webhook subscription routes: /v1/webhooks (subscriptions, the delivery log,
redelivery). The delivery itself is in `delivery.py`, the fan-out of events in `service.py`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from cartera_gateway.auth import scoped
from cartera_gateway.models import webhook_deliveries, webhook_subscriptions
from cartera_gateway.transaction import Transaction
from cartera_gateway.webhooks import service
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
from cartera_gateway.webhooks.service import SubscribedTenants
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, part
from cartera_shared.identity import Identity
from cartera_shared.pagination import Keyset, ListCursor, page_limit

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
    await service.validate_subscription(policy, body.url, body.event_types)
    keys = policy.data_keys
    if keys is None:
        raise RuntimeError("the gateway was built without CARTERA_DATA_KEY")
    # Its own transaction: the fan-out's memory of subscribed tenants is dropped once the
    # subscription is committed, so the next read sees it.
    async with runtime.sessions() as session, session.begin():
        created = await service.add_subscription(session, identity, body, keys)
    subscribed.forget()
    return created


@router.get("")
async def list_webhook_subscriptions(
    identity: HooksReader,
    session: Transaction,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> SubscriptionList:
    """The tenant's subscriptions, oldest first, a page at a time (`next_cursor`)."""
    keyset = Keyset(
        webhook_subscriptions.c.created_at,
        webhook_subscriptions.c.id,
        cursor=cursor,
        name="webhooks",
    )
    return await service.list_subscriptions(session, identity, keyset, limit)


@router.get("/{subscription_id}", responses=errors(404))
async def get_webhook_subscription(
    subscription_id: uuid.UUID, identity: HooksReader, session: Transaction
) -> Subscription:
    """One subscription of the tenant."""
    row = await service.owned_subscription(session, identity, subscription_id)
    return Subscription.model_validate(service.subscription_json(row))


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
    # An empty body validates nothing and is refused by subscription_changes.
    await service.validate_subscription(policy, body.url, body.event_types)
    changes = service.subscription_changes(body)
    # Its own transaction, for the same reason as create_webhook_subscription's.
    async with runtime.sessions() as session, session.begin():
        changed = await service.change_subscription(session, identity, subscription_id, changes)
    subscribed.forget()
    return changed


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
    await service.delete_subscription(session, identity, subscription_id)
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
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> DeliveryList:
    """The delivery log, newest first, a page at a time (`next_cursor`); `status` keeps one
    kind (see `Delivery.status`)."""
    keyset = Keyset(
        webhook_deliveries.c.created_at,
        webhook_deliveries.c.id,
        "newest",
        cursor,
        name="deliveries",
    )
    return await service.list_deliveries(
        session, identity, subscription_id, delivery_status, keyset, limit
    )


@router.post("/{subscription_id}/deliveries/{delivery_id}/redeliver", responses=errors(404, 409))
async def redeliver_webhook_delivery(
    subscription_id: uuid.UUID, delivery_id: uuid.UUID, identity: HooksWriter, session: Transaction
) -> Delivery:
    """Send a delivery again now (a failed one, or one the partner lost): it is `pending` with
    no attempts. A disabled subscription must be re-enabled first (409)."""
    return await service.redeliver(session, identity, subscription_id, delivery_id)
