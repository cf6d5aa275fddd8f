"""Dunning: the reminder levels, holds, and the notices sent."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from cartera_shared.contract import Answer
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

Tone = Literal["friendly", "formal", "final"]
LEVELS_EXAMPLE: JsonDict = {
    "levels": [
        {"level": 1, "days_after_due": 3, "tone": "friendly"},
        {"level": 2, "days_after_due": 15, "tone": "formal"},
        {"level": 3, "days_after_due": 30, "tone": "final"},
    ]
}


class LevelIn(Input):
    model_config = ConfigDict(extra="forbid")

    days_after_due: int = Field(ge=1, le=365)
    tone: Tone


class LevelsIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "levels": [
                        {"days_after_due": 5, "tone": "friendly"},
                        {"days_after_due": 20, "tone": "formal"},
                        {"days_after_due": 45, "tone": "final"},
                    ]
                }
            ]
        },
    )

    levels: list[LevelIn] = Field(min_length=1, max_length=6)

    @model_validator(mode="after")
    def _increasing(self) -> LevelsIn:
        days = [lv.days_after_due for lv in self.levels]
        if days != sorted(set(days)):
            raise FieldValueError(
                "levels", "must come in increasing days_after_due, without repeats"
            )
        return self


HOLD_EXAMPLE: JsonDict = {
    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
    "invoice_id": None,
    "until": "2026-05-31",
    "reason": "Payment plan agreed by phone",
}


class HoldIn(Input):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [HOLD_EXAMPLE]})

    client_id: uuid.UUID | None = None
    invoice_id: uuid.UUID | None = None
    until: dt.date | None = None
    reason: str = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _one_target(self) -> HoldIn:
        if (self.client_id is None) == (self.invoice_id is None):
            raise ValueError("a hold is on a client_id or on an invoice_id (one of them)")
        return self


class DunningLevel(Answer):
    level: int
    days_after_due: int
    tone: Tone


class DunningLevels(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [LEVELS_EXAMPLE]})

    levels: list[DunningLevel]


class DunningHold(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": "6e8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c3e", **HOLD_EXAMPLE}]
        }
    )

    id: uuid.UUID
    client_id: uuid.UUID | None
    invoice_id: uuid.UUID | None
    until: dt.date | None = Field(description="Last day of the hold; null: until released.")
    reason: str


class DunningNotice(Answer):
    id: uuid.UUID
    invoice_id: uuid.UUID
    invoice_number: str
    level: int
    to: str | None = Field(description="The address it went to; null: the client has none.")
    subject: str
    body: str
    status: str = Field(description="sending, sent, not_sent, failed or no_address.")
    error: str | None
    sent_at: UtcTimestamp = Field(description="When (RFC 3339, UTC, `Z`).")


class DunningNoticePage(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "id": "8c0e2a4c-6d8f-4a0c-8e2a-4c6e8a0c2e4a",
                            "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
                            "invoice_number": "F2026-000042",
                            "level": 1,
                            "to": "pagos@ferreteriasur.es",
                            "subject": "Recordatorio de pago: factura F2026-000042",
                            "body": "Estimado cliente (Ferretería Sur SL): ...",
                            "status": "sent",
                            "error": None,
                            "sent_at": "2026-03-04T07:15:00.123456Z",
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[DunningNotice]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class DunningRun(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ran": True, "sent": 2}]})

    ran: bool = Field(description="False when another run held the lock.")
    sent: int = Field(description="Notices sent by mail.")
