"""Contracts of what crm publishes: `interaction.logged`, `request.opened`, `request.closed` and
`satisfaction.recorded`. Moments are UTC, written with `Z`. Tolerant readers: crm may add
fields without a new version.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from cartera_shared.events.base import Id, Moment, Tolerant

CRM_EVENT_VERSION = 1

_CLIENT_ID = "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b"
_REQUEST_ID = "a1b2c3d4-e5f6-4071-8293-a4b5c6d7e8f9"


class InteractionLogged(Tolerant):
    """`interaction.logged`: a contact with a client was recorded (by hand or from an inbound
    message). The envelope's subject is the interaction's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "interaction_id": "b2c3d4e5-f607-4182-93a4-b5c6d7e8f90a",
                    "client_id": _CLIENT_ID,
                    "channel": "phone",
                    "direction": "inbound",
                    "occurred_at": "2026-03-05T11:20:00.000000Z",
                    "outcome": "follow_up",
                    "summary": "Pide el desglose de la factura de marzo",
                }
            ]
        }
    )

    interaction_id: Id
    client_id: Id
    channel: str = Field(
        description="email, phone, whatsapp, web_form, in_person, video_call or other."
    )
    direction: str = Field(description="inbound (from the client) or outbound.")
    occurred_at: Moment
    outcome: str = Field(
        description="resolved, follow_up, opportunity, complaint, no_answer or lost."
    )
    summary: str


class RequestOpened(Tolerant):
    """`request.opened`: a client's request (a ticket) was opened, with its SLA deadline. The
    envelope's subject is the request's id and its sequence the request's version."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "request_id": _REQUEST_ID,
                    "client_id": _CLIENT_ID,
                    "subject": "Duplicado de factura",
                    "priority": "normal",
                    "opened_at": "2026-03-05T11:25:00.000000Z",
                    "sla_due_at": "2026-03-06T11:25:00.000000Z",
                }
            ]
        }
    )

    request_id: Id
    client_id: Id
    subject: str
    priority: str = Field(description="low, normal, high or urgent.")
    opened_at: Moment
    sla_due_at: Moment = Field(description="When it should be resolved by (the tenant's SLA).")


class RequestClosed(Tolerant):
    """`request.closed`: a client's request was closed. The envelope's subject is the request's
    id and its sequence the request's version."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "request_id": _REQUEST_ID,
                    "client_id": _CLIENT_ID,
                    "priority": "normal",
                    "opened_at": "2026-03-05T11:25:00.000000Z",
                    "closed_at": "2026-03-05T17:02:00.000000Z",
                    "sla_breached": False,
                }
            ]
        }
    )

    request_id: Id
    client_id: Id
    priority: str = Field(description="low, normal, high or urgent.")
    opened_at: Moment
    closed_at: Moment
    sla_breached: bool = Field(description="True when it was not resolved by its SLA deadline.")


class SatisfactionRecorded(Tolerant):
    """`satisfaction.recorded`: a client answered a survey. The envelope's subject is the
    survey's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "survey_id": "e5f60718-2a3b-4c5d-9e6f-708192a3b4c5",
                    "client_id": _CLIENT_ID,
                    "kind": "csat",
                    "score": 5,
                    "request_id": _REQUEST_ID,
                    "answered_at": "2026-03-06T08:40:00.000000Z",
                }
            ]
        }
    )

    survey_id: Id
    client_id: Id
    kind: str = Field(description="csat (score 1 to 5) or nps (score 0 to 10).")
    score: int
    request_id: Id | None = Field(
        default=None, description="The request it asked about (csat after a closed request)."
    )
    answered_at: Moment


__all__ = [
    "CRM_EVENT_VERSION",
    "InteractionLogged",
    "RequestClosed",
    "RequestOpened",
    "SatisfactionRecorded",
]
