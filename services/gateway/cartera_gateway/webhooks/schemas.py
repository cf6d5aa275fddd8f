"""What the webhook routes read and answer."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

TIMESTAMP = (
    "RFC 3339 in UTC, with `Z` and six fractional digits (e.g. 2026-12-06T14:30:00.000000Z)."
)


class SubscriptionIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "url": "https://erp.example.com/hooks",
                    "event_types": ["invoice.issued", "payment.recorded"],
                    "description": "ERP sync",
                }
            ]
        },
    )

    url: str = Field(min_length=8, max_length=2000, examples=["https://erp.example.com/hooks"])
    event_types: list[str] = Field(
        min_length=1, max_length=40, examples=[["invoice.issued", "payment.recorded"]]
    )
    description: str | None = Field(default=None, max_length=200)


class SubscriptionPatch(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"active": True}, {"event_types": ["*"]}]},
    )

    url: str | None = Field(default=None, min_length=8, max_length=2000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=200)
    active: bool | None = Field(default=None, description="true re-enables a disabled one.")


SUBSCRIPTION_EXAMPLE: JsonDict = {
    "id": "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a",
    "url": "https://erp.example.com/hooks",
    "event_types": ["invoice.issued", "payment.recorded"],
    "description": "ERP sync",
    "active": True,
    "disabled_reason": None,
    "consecutive_failures": 0,
    "created_at": "2026-12-06T14:30:00.000000Z",
}
DELIVERY_EXAMPLE: JsonDict = {
    "id": "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
    "event_id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    "event_type": "payment.recorded",
    "status": "retrying",
    "attempts": 2,
    "last_status_code": 500,
    "last_error": "HTTP 500",
    "next_attempt_at": "2026-12-06T14:31:12.402113Z",
    "delivered_at": None,
    "created_at": "2026-12-06T14:30:41.118220Z",
}


class Subscription(Answer):
    """A webhook subscription (its signing secret is never shown again)."""

    model_config = ConfigDict(json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE]})

    id: uuid.UUID
    url: str
    event_types: list[str] = Field(description="Sorted; `*` is every event type.")
    description: str | None
    active: bool = Field(description="false: disabled by failures, or deleted.")
    disabled_reason: str | None = Field(description="Why it is disabled; null while active.")
    consecutive_failures: int = Field(description="Failed attempts in a row, over its deliveries.")
    created_at: UtcTimestamp = Field(description=TIMESTAMP)


class SubscriptionCreated(Subscription):
    """A new subscription, with the secret its deliveries are signed with."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [SUBSCRIPTION_EXAMPLE | {"secret": "whsec_Zk3v..."}]}
    )

    secret: str = Field(
        description="`whsec_...`: the HMAC-SHA256 key of `Cartera-Signature`. Shown once."
    )


class SubscriptionList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [SUBSCRIPTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[Subscription] = Field(description="The tenant's subscriptions, oldest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class Delivery(Answer):
    """One event sent (or to send) to one subscription."""

    model_config = ConfigDict(json_schema_extra={"examples": [DELIVERY_EXAMPLE]})

    id: uuid.UUID = Field(description="Sent as `Cartera-Delivery-Id`.")
    event_id: uuid.UUID = Field(description="Sent as `Cartera-Event-Id`: deduplicate on it.")
    event_type: str
    status: Literal["pending", "retrying", "delivered", "failed", "cancelled"] = Field(
        description="pending: not tried yet (or sent again by hand); retrying: tried, failed, "
        "and tried again at `next_attempt_at`; delivered: answered 2xx; failed: given up; "
        "cancelled: the subscription was deleted first."
    )
    attempts: int = Field(description="Attempts made (redelivery starts again from 0).")
    last_status_code: int | None = Field(
        description="The receiver's HTTP status at the last attempt; null when none answered."
    )
    last_error: str | None = Field(
        description="Why the last attempt failed: `HTTP <code>`, `timeout`, `connection failed`, "
        "`tls failed`, `invalid answer`, `address refused` or `secret unreadable`."
    )
    next_attempt_at: UtcTimestamp | None = Field(
        description=f"When it goes next, while pending or retrying; else null. {TIMESTAMP}"
    )
    delivered_at: UtcTimestamp | None = Field(description=TIMESTAMP)
    created_at: UtcTimestamp = Field(description=TIMESTAMP)


class DeliveryList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [DELIVERY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[Delivery] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")
