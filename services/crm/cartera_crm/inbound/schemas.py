"""Request and answer models of inbound messages, their secret and triage."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from cartera_crm.schemas import (
    EXAMPLE_CLIENT,
    EXAMPLE_INTERACTION,
    EXAMPLE_TENANT,
    EXAMPLE_TRIAGE,
    Timestamp,
)
from cartera_shared.contract import Answer
from cartera_shared.text import Input

Provider = Literal["generic", "mailgun"]

InboundChannel = Literal["email", "whatsapp", "phone", "web_form", "other"]

Wanted = Literal["interaction", "request"]


class GenericMessage(BaseModel):
    """What a provider adapter (or the provider itself) posts for one received message.

    Not an `Input`: a received message is kept as it came, control characters and all, since
    refusing it would lose what a client wrote; it never goes into an invoice's XML.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    message_id: str = Field(min_length=1, max_length=300)
    sender: str = Field(alias="from", min_length=1, max_length=320)
    to: str | None = Field(default=None, max_length=320)
    subject: str | None = Field(default=None, max_length=300)
    text: str = Field(min_length=1, max_length=20000)
    channel: InboundChannel = "email"
    received_at: AwareDatetime | None = None
    create: Wanted | None = Field(
        default=None, description="Default: a request for web_form, an interaction otherwise."
    )


GENERIC_MESSAGE_SCHEMA: dict[str, Any] = {
    **GenericMessage.model_json_schema(),
    "examples": [
        {
            "message_id": "<20261203.1234@cliente.es>",
            "from": "Ana Ruiz <ana@cliente.es>",
            "to": "soporte@mi-empresa.es",
            "subject": "Duplicado",
            "text": "¿Me pueden reenviar la factura de noviembre?",
            "channel": "email",
        }
    ],
}


class AssignIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"client_id": EXAMPLE_CLIENT, "create": "request"}]},
    )

    client_id: uuid.UUID
    create: Wanted = "interaction"


class InboundEndpoints(Answer):
    generic: str = Field(description="Where Cartera's signed JSON messages go.")
    mailgun: str = Field(description="Where a Mailgun inbound route posts.")


class InboundSecretAnswer(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "secret": "whsec_Jq9m0Zl3b1X2YwP8c7Vt4nR6sK5dH3fG1aE0uI9oLkQ",
                    "rotated_at": "2026-12-03T09:00:00.104000Z",
                    "previous_valid_until": None,
                    "endpoints": {
                        "generic": f"https://api.cartera.example/v1/inbound/{EXAMPLE_TENANT}/generic",
                        "mailgun": f"https://api.cartera.example/v1/inbound/{EXAMPLE_TENANT}/mailgun",
                    },
                }
            ]
        }
    )

    secret: str = Field(description="Signs inbound webhooks; shown only in this answer.")
    rotated_at: Timestamp
    previous_valid_until: Timestamp | None = Field(
        description="Until when the secret before this one still works (None: there was none)."
    )
    endpoints: InboundEndpoints


class InboundReceipt(Answer):
    """What a received message became: logged for its client, or waiting in triage."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "logged",
                    "kind": "interaction",
                    "id": EXAMPLE_INTERACTION,
                    "client_id": EXAMPLE_CLIENT,
                },
                {"status": "triaged", "kind": "triage", "id": EXAMPLE_TRIAGE},
            ]
        }
    )

    status: Literal["logged", "triaged"]
    kind: Literal["interaction", "request", "triage"]
    id: uuid.UUID = Field(description="The interaction, request or triage item.")
    client_id: uuid.UUID | None = Field(
        default=None, description="Only when logged: the client the sender matched."
    )


TRIAGE_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_TRIAGE,
    "provider": "generic",
    "channel": "email",
    "from": "Desconocido <info@otra-empresa.es>",
    "to": "soporte@mi-empresa.es",
    "subject": "Presupuesto",
    "text": "¿Podrían enviarnos un presupuesto?",
    "message_id": "<20261203.1234@otra-empresa.es>",
    "wanted": "interaction",
    "reason": "unknown_sender",
    "status": "pending",
    "received_at": "2026-12-03T08:12:44.000000Z",
    "resolved_kind": None,
    "resolved_id": None,
    "resolved_at": None,
}


class TriageItem(Answer):
    """A message whose sender matched no client (or several), and what was decided."""

    model_config = ConfigDict(json_schema_extra={"examples": [TRIAGE_EXAMPLE]})

    id: uuid.UUID
    provider: Provider
    channel: InboundChannel
    from_: str = Field(alias="from")
    to: str | None
    subject: str | None
    text: str
    message_id: str
    wanted: Wanted
    reason: Literal["unknown_sender", "ambiguous_sender"]
    status: Literal["pending", "assigned", "dismissed"]
    received_at: Timestamp
    resolved_kind: Literal["interaction", "request"] | None
    resolved_id: uuid.UUID | None
    resolved_at: Timestamp | None


class TriageList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [TRIAGE_EXAMPLE], "next_cursor": None}]}
    )

    items: list[TriageItem] = Field(description="Newest first, at most `limit`.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")
