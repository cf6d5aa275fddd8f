"""The envelope every event travels in (JSON on the wire, one topic per event type)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cartera_shared.logging import trace_id_var
from cartera_shared.tenancy import is_test_tenant
from cartera_shared.wire import UtcTimestamp


class Envelope(BaseModel):
    """`id` is the deduplication key; `sequence` is the aggregate's version number.

    Consumers parse with extra="ignore" (a tolerant reader): producers may add fields without a
    new version; a breaking change is a new `version`, and consumers accept the last two.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: uuid.UUID = Field(description="The event's id: deduplicate on it (at least once).")
    type: str = Field(min_length=1, description="The event type, which is also its topic.")
    version: int = Field(ge=1, description="The version of the contract `data` follows.")
    tenant_id: uuid.UUID
    occurred_at: UtcTimestamp
    producer: str = Field(description="The service that published it.")
    subject: str = Field(min_length=1, description="The id of the thing the event is about.")
    sequence: int = Field(
        ge=0, description="Orders the events of one subject (its version, where it has one)."
    )
    trace_id: str | None = Field(default=None, description="The trace of the request behind it.")
    data: dict[str, Any] = Field(description="The event's own data: see the contract per type.")
    test: bool = Field(
        default=False,
        description="True for an event of a sandbox tenant (made with a test API key).",
    )

    @model_validator(mode="after")
    def _test_follows_tenant(self) -> Envelope:
        # Derived from the tenant, whatever was sent: a producer cannot mark a live event as a
        # test one, nor the other way round.
        object.__setattr__(self, "test", is_test_tenant(self.tenant_id))
        return self

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Envelope:
        return cls.model_validate_json(raw)


def new_envelope(
    *,
    type: str,
    tenant_id: uuid.UUID,
    producer: str,
    subject: str | uuid.UUID,
    sequence: int,
    data: dict[str, Any],
    version: int = 1,
) -> Envelope:
    # The registry imports this module (its contracts read envelopes).
    from cartera_shared.events.registry import canonical_data

    return Envelope(
        id=uuid.uuid4(),
        type=type,
        version=version,
        tenant_id=tenant_id,
        occurred_at=datetime.now(UTC),
        producer=producer,
        subject=str(subject),
        sequence=sequence,
        trace_id=trace_id_var.get(),
        # The wire's formats are written here, once, by every producer: consumers and webhooks
        # forward the values as they come.
        data=canonical_data(type, data),
    )
