"""Request and answer models of interactions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from cartera_crm.schemas import EXAMPLE_CLIENT, EXAMPLE_INTERACTION, Channel, Timestamp
from cartera_shared.contract import Answer
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input

Direction = Literal["inbound", "outbound"]

Outcome = Literal["resolved", "follow_up", "opportunity", "complaint", "no_answer", "lost"]


class InteractionIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": EXAMPLE_CLIENT,
                    "channel": "phone",
                    "direction": "inbound",
                    "occurred_at": "2026-12-03T09:30:00.000000Z",
                    "contact_name": "Ana Ruiz",
                    "handled_by": "Luis",
                    "summary": "Pide un duplicado de la factura de noviembre",
                    "outcome": "follow_up",
                    "follow_up_on": "2026-12-04",
                }
            ]
        },
    )

    client_id: uuid.UUID
    channel: Channel
    direction: Direction
    occurred_at: AwareDatetime
    contact_name: str | None = Field(default=None, max_length=200, description="Who, client side")
    handled_by: str | None = Field(default=None, max_length=200, description="Who, on our side")
    summary: str = Field(min_length=1, max_length=2000)
    outcome: Outcome
    follow_up_on: dt.date | None = Field(default=None, description="Required with follow_up")
    request_id: uuid.UUID | None = None
    document_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)
    invoice_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _follow_up_date(self) -> InteractionIn:
        if self.outcome == "follow_up" and self.follow_up_on is None:
            raise FieldValueError("follow_up_on", "required when the outcome is follow_up")
        if self.outcome != "follow_up" and self.follow_up_on is not None:
            raise FieldValueError("follow_up_on", "goes only with the outcome follow_up")
        if len(set(self.document_ids)) != len(self.document_ids):
            raise FieldValueError("document_ids", "has repeats")
        if len(set(self.invoice_ids)) != len(self.invoice_ids):
            raise FieldValueError("invoice_ids", "has repeats")
        return self


INTERACTION_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_INTERACTION,
    "client_id": EXAMPLE_CLIENT,
    "channel": "phone",
    "direction": "inbound",
    "occurred_at": "2026-12-03T09:30:00.000000Z",
    "contact_name": "Ana Ruiz",
    "handled_by": "Luis",
    "summary": "Pide un duplicado de la factura de noviembre",
    "outcome": "follow_up",
    "follow_up_on": "2026-12-04",
    "request_id": None,
    "document_ids": [],
    "invoice_ids": [],
    "source": "manual",
    "recorded_by": "user:luis",
    "created_at": "2026-12-03T09:41:12.372910Z",
}


class InteractionAnswer(Answer):
    """One contact with a client, as recorded."""

    model_config = ConfigDict(json_schema_extra={"examples": [INTERACTION_EXAMPLE]})

    id: uuid.UUID
    client_id: uuid.UUID
    channel: Channel
    direction: Direction
    occurred_at: Timestamp
    contact_name: str | None = Field(description="Who, client side")
    handled_by: str | None = Field(description="Who, on our side")
    summary: str
    outcome: Outcome
    follow_up_on: dt.date | None = Field(description="When to follow up (outcome follow_up)")
    request_id: uuid.UUID | None
    document_ids: list[uuid.UUID]
    invoice_ids: list[uuid.UUID]
    source: Literal["manual", "inbound"] = Field(
        description="manual: logged through the API; inbound: from a received message."
    )
    recorded_by: str = Field(description="Subject of the caller who logged it.")
    created_at: Timestamp


class InteractionPage(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [INTERACTION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[InteractionAnswer]
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page.")
