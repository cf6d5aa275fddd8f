"""Request and answer models of client requests and the SLA policy."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import AwareDatetime, ConfigDict, Field, model_validator

from cartera_crm.domain import requests as rules
from cartera_crm.schemas import EXAMPLE_CLIENT, EXAMPLE_REQUEST, Channel, Timestamp
from cartera_crm.surveys import schemas as surveys
from cartera_shared.contract import Answer
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input

Name = Annotated[str, Field(min_length=1, max_length=200)]


class RequestIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": EXAMPLE_CLIENT,
                    "subject": "Error en la factura F-2026-0142",
                    "description": "El NIF que aparece no es el nuestro.",
                    "priority": "high",
                    "channel": "email",
                    "assignee": "Luis",
                }
            ]
        },
    )

    client_id: uuid.UUID
    subject: str = Field(min_length=1, max_length=300)
    description: str = Field(min_length=1, max_length=10000)
    priority: rules.Priority = "normal"
    channel: Channel | None = None
    assignee: Name | None = None
    opened_at: AwareDatetime | None = Field(
        default=None, description="When the client asked, if logged later; default: now."
    )


class RequestPatch(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"priority": "urgent", "assignee": "Marta"}]},
    )

    subject: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, min_length=1, max_length=10000)
    priority: rules.Priority | None = None
    assignee: Name | None = None

    @model_validator(mode="after")
    def _something(self) -> RequestPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        for name in ("subject", "description", "priority"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise FieldValueError(name, "cannot be null")
        return self


class StatusIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [{"status": "resolved", "note": "Factura rectificada y enviada."}]
        },
    )

    status: rules.Status
    note: str | None = Field(default=None, max_length=2000)
    at: AwareDatetime | None = Field(
        default=None,
        description="When it happened, if logged later: not before the last change, not ahead.",
    )


class SlaPolicyIn(Input):
    """Resolution targets in hours per priority."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"urgent": 2, "high": 8, "normal": 24, "low": 96}]},
    )

    urgent: int = Field(ge=1, le=rules.MAX_RESOLVE_HOURS)
    high: int = Field(ge=1, le=rules.MAX_RESOLVE_HOURS)
    normal: int = Field(ge=1, le=rules.MAX_RESOLVE_HOURS)
    low: int = Field(ge=1, le=rules.MAX_RESOLVE_HOURS)

    @model_validator(mode="after")
    def _ordered(self) -> SlaPolicyIn:
        if not self.urgent <= self.high <= self.normal <= self.low:
            raise ValueError("targets must not grow with priority: urgent <= high <= normal <= low")
        return self


REQUEST_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_REQUEST,
    "client_id": EXAMPLE_CLIENT,
    "subject": "Error en la factura F-2026-0142",
    "description": "El NIF que aparece no es el nuestro.",
    "priority": "high",
    "status": "open",
    "channel": "email",
    "assignee": "Luis",
    "opened_at": "2026-12-03T09:30:00.125000Z",
    "sla_due_at": "2026-12-03T17:30:00.125000Z",
    "sla_breached": False,
    "resolved_at": None,
    "closed_at": None,
    "reopened_count": 0,
    "version": 1,
    "created_by": "user:luis",
    "updated_at": "2026-12-03T09:30:00.125000Z",
}


class RequestAnswer(Answer):
    """A client's request (ticket) and where it stands against its SLA."""

    model_config = ConfigDict(json_schema_extra={"examples": [REQUEST_EXAMPLE]})

    id: uuid.UUID
    client_id: uuid.UUID
    subject: str
    description: str
    priority: rules.Priority
    status: rules.Status
    channel: Channel | None
    assignee: str | None
    opened_at: Timestamp
    sla_due_at: Timestamp = Field(description="When it should be resolved (opened_at + target).")
    sla_breached: bool = Field(
        description="Resolved after sla_due_at, or still unresolved past it (as of the answer)."
    )
    resolved_at: Timestamp | None
    closed_at: Timestamp | None
    reopened_count: int
    version: int = Field(description="Grows by one with every change.")
    created_by: str
    updated_at: Timestamp


class RequestPage(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [REQUEST_EXAMPLE], "next_cursor": None}]}
    )

    items: list[RequestAnswer]
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page.")


class RequestHistoryStep(Answer):
    """One change of a request's status."""

    from_: rules.Status | None = Field(alias="from", description="None for the opening.")
    to: rules.Status
    by: str
    note: str | None
    at: Timestamp


class RequestWithHistory(RequestAnswer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **REQUEST_EXAMPLE,
                    "history": [
                        {
                            "from": None,
                            "to": "open",
                            "by": "user:luis",
                            "note": None,
                            "at": "2026-12-03T09:30:00.125000Z",
                        }
                    ],
                }
            ]
        }
    )

    history: list[RequestHistoryStep] = Field(description="Oldest first.")


class RequestStatusAnswer(RequestAnswer):
    """The request after the move; closing it adds the CSAT survey and its one-time link."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **REQUEST_EXAMPLE,
                    "status": "closed",
                    "resolved_at": "2026-12-03T12:00:00.000000Z",
                    "closed_at": "2026-12-03T12:05:00.000000Z",
                    "version": 3,
                    "updated_at": "2026-12-03T12:05:00.000000Z",
                    "survey": surveys.SURVEY_WITH_LINK_EXAMPLE,
                }
            ]
        }
    )

    survey: surveys.SurveyWithLink | None = Field(
        default=None, description="Only when the request was closed: its CSAT survey."
    )


class SlaHours(Answer):
    urgent: int
    high: int
    normal: int
    low: int


class SlaPolicyAnswer(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "resolve_hours": {"urgent": 2, "high": 8, "normal": 24, "low": 96},
                    "defaults": {"urgent": 4, "high": 8, "normal": 24, "low": 72},
                }
            ]
        }
    )

    resolve_hours: SlaHours = Field(description="The tenant's targets, in hours per priority.")
    defaults: SlaHours = Field(description="Cartera's targets, used where the tenant sets none.")
