"""The envelope every event travels in (JSON on the wire, one topic per event type)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cartera_shared.logging import trace_id_var


class Envelope(BaseModel):
    """`id` is the deduplication key; `sequence` is the aggregate's version number.

    Consumers parse with extra="ignore" (a tolerant reader): producers may add fields without a
    new version; a breaking change is a new `version`, and consumers accept the last two.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: uuid.UUID
    type: str = Field(min_length=1)
    version: int = Field(ge=1)
    tenant_id: uuid.UUID
    occurred_at: datetime
    producer: str
    subject: str = Field(min_length=1)
    sequence: int = Field(ge=0)
    trace_id: str | None = None
    data: dict[str, Any]

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
        data=data,
    )
