"""Answer models of the client timeline."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_crm.schemas import EXAMPLE_CLIENT, Timestamp
from cartera_shared.contract import Answer

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


class TimelineEntry(Answer):
    id: uuid.UUID
    kind: Kind = Field(
        description="What happened. These names use underscores (`payment_recorded`), not the "
        "dots of event and webhook types."
    )
    occurred_at: Timestamp
    title: str = Field(description="One line in Spanish, for people (amounts in Spanish format).")
    details: dict[str, Any] = Field(
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
