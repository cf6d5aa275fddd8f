"""Request and answer shapes of the quotes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from cartera_invoicing.examples import CLIENT_ID, LINE_IN, QUOTE
from cartera_invoicing.invoices.schemas import (
    BreakdownRead,
    EnteredLine,
    LineIn,
    OptionalTimestamp,
    Timestamp,
)
from cartera_shared.contract import Answer
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input
from cartera_shared.wire import Money

QuoteStatus = Literal["draft", "sent", "accepted", "rejected", "expired"]
DEFAULT_VALIDITY_DAYS = 30


class QuoteIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": CLIENT_ID,
                    "lines": [LINE_IN],
                    "quote_date": "2026-12-01",
                    "valid_until": "2026-12-31",
                }
            ]
        },
    )

    client_id: uuid.UUID
    lines: list[LineIn] = Field(min_length=1, max_length=500)
    quote_date: dt.date | None = None
    valid_until: dt.date | None = Field(
        default=None, description=f"{DEFAULT_VALIDITY_DAYS} days after the quote date if not set."
    )
    notes: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _dates(self) -> QuoteIn:
        if self.quote_date and self.valid_until and self.valid_until < self.quote_date:
            raise FieldValueError("valid_until", "cannot be before quote_date")
        return self


class ConvertIn(Input):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"series": "F"}]})

    series: str = Field(min_length=1, max_length=20)


class QuoteTotals(Answer):
    """Decimals, as strings."""

    taxable_base: Money
    vat: Money
    surcharge: Money
    irpf: Money
    total: Money


class QuoteRead(Answer):
    """A quote (presupuesto). Rates are percentages; decimals are strings."""

    model_config = ConfigDict(json_schema_extra={"examples": [QUOTE]})

    id: uuid.UUID
    number: str
    client_id: uuid.UUID
    status: Literal["draft", "sent", "accepted", "rejected", "expired"]
    quote_date: dt.date
    valid_until: dt.date
    currency: str
    lines: list[EnteredLine] = Field(description="The lines as entered.")
    notes: str | None
    totals: QuoteTotals
    breakdown: list[BreakdownRead] = Field(description="Per VAT and surcharge rate.")
    invoice_id: uuid.UUID | None = Field(description="The draft invoice it became, if any.")
    sent_at: OptionalTimestamp
    decided_at: OptionalTimestamp
    created_at: Timestamp


class QuoteList(Answer):
    """A page of quotes in the order they were made; `next_cursor` asks for the next one."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [QUOTE], "next_cursor": None}]}
    )

    items: list[QuoteRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")
