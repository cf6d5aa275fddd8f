"""Answer models of the client timeline."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field

from cartera_crm.schemas import EXAMPLE_CLIENT, Timestamp
from cartera_shared.contract import Answer, Stored
from cartera_shared.wire import Money

Kind = Literal[
    "interaction",
    "request_opened",
    "request_resolved",
    "request_closed",
    "request_reopened",
    "survey_answered",
    "invoice_issued",
    "invoice_rectified",
    "invoice_cancelled",
    "payment_recorded",
    "payment_reversed",
    "receivable_overdue",
    "dunning_sent",
]


class TimelineRef(Answer):
    type: Literal["interaction", "request", "survey", "invoice", "payment", "dunning_notice"]
    id: str = Field(description="The id of what the entry is about.")


class TimelineDueDate(Stored):
    due_on: dt.date
    amount: Money


class TimelineRectified(Stored):
    """The invoice a rectifying invoice rectifies."""

    id: str = Field(description="Its id (a UUID).")
    number: str


class TimelineDetails(Stored):
    """The facts of an entry. Each kind carries its own members and no other (a member the kind
    does not use is absent, not null):

    - `interaction`: channel, direction, outcome, follow_up_on, contact_name, handled_by;
    - `request_opened`: priority, channel, sla_due_at;
    - `request_resolved`, `request_closed`, `request_reopened`: priority, note, sla_breached;
    - `survey_answered`: kind, score, comment, request_id, and category (NPS only);
    - `invoice_issued`: number, issue_date, total, currency, due_dates; `invoice_rectified`
      also rectifies;
    - `invoice_cancelled`: number, issue_date, total, currency, reason, cancelled_at;
    - `payment_recorded`: amount, currency, paid_on, method, invoice_id, invoice_number;
      `payment_reversed` also reason;
    - `receivable_overdue`: invoice_id, invoice_number, instalment, due_on, overdue_since,
      outstanding, currency;
    - `dunning_sent`: invoice_id, invoice_number, level, tone, to, outstanding, days_late.
    """

    # interaction, request_*
    channel: str | None = None
    direction: Literal["inbound", "outbound"] | None = None
    outcome: str | None = None
    follow_up_on: dt.date | None = None
    contact_name: str | None = None
    handled_by: str | None = None
    priority: str | None = None
    sla_due_at: Timestamp | None = None
    note: str | None = None
    sla_breached: bool | None = None
    # survey_answered
    kind: Literal["csat", "nps"] | None = Field(default=None, description="The survey's kind.")
    score: int | None = None
    comment: str | None = None
    request_id: str | None = Field(default=None, description="The request surveyed (a UUID).")
    category: Literal["promoter", "passive", "detractor"] | None = Field(
        default=None, description="NPS only."
    )
    # invoice_*
    number: str | None = Field(default=None, description="The invoice's number.")
    issue_date: dt.date | None = None
    total: Money | None = None
    due_dates: list[TimelineDueDate] | None = None
    rectifies: TimelineRectified | None = None
    cancelled_at: Timestamp | None = None
    # payment_*, receivable_overdue, dunning_sent
    amount: Money | None = None
    currency: str | None = None
    paid_on: dt.date | None = None
    method: str | None = None
    reason: str | None = Field(
        default=None, description="Why a payment was reversed or an invoice cancelled."
    )
    invoice_id: str | None = Field(default=None, description="The invoice's id (a UUID).")
    invoice_number: str | None = None
    instalment: int | None = None
    due_on: dt.date | None = None
    overdue_since: dt.date | None = None
    outstanding: Money | None = None
    level: int | None = Field(default=None, description="The dunning level.")
    tone: str | None = None
    to: str | None = Field(default=None, description="Where the notice was sent.")
    days_late: int | None = None


class TimelineEntry(Answer):
    id: uuid.UUID
    kind: Kind = Field(
        description="What happened. These names use underscores (`payment_recorded`), not the "
        "dots of event and webhook types."
    )
    occurred_at: Timestamp
    title: str = Field(description="One line in Spanish, for people (amounts in Spanish format).")
    details: TimelineDetails = Field(
        description="The facts of the entry, by kind; amounts are decimals as strings."
    )
    ref: TimelineRef


class TimelinePage(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": EXAMPLE_CLIENT,
                    "items": [
                        {
                            "id": "2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7",
                            "kind": "payment_recorded",
                            "occurred_at": "2026-12-02T12:00:00.000000Z",
                            "title": "Pago recibido: 1.210,00 € (factura F-2026-0142)",
                            "details": {
                                "amount": "1210.00",
                                "currency": "EUR",
                                "paid_on": "2026-12-02",
                                "method": "transfer",
                                "invoice_id": "8e7d6c5b-4a39-4281-b7a6-95847362a1b0",
                                "invoice_number": "F-2026-0142",
                            },
                            "ref": {
                                "type": "payment",
                                "id": "4d3c2b1a-0f9e-48d7-b6a5-f4e3d2c1b0a9",
                            },
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    client_id: uuid.UUID
    items: list[TimelineEntry] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page.")
