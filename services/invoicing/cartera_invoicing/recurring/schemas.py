"""Request and answer shapes of the recurring invoices."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field

from cartera_invoicing.examples import CLIENT_ID, LINE_IN, RECURRING
from cartera_invoicing.invoices.schemas import EnteredLine, LineIn
from cartera_shared.contract import Answer
from cartera_shared.text import Input


class RecurringIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": CLIENT_ID,
                    "series": "F",
                    "lines": [LINE_IN],
                    "notes": "Cuota de mantenimiento",
                    "frequency": "monthly",
                    "day_of_month": 1,
                    "starts_on": "2026-01-01",
                    "auto_issue": True,
                }
            ]
        },
    )

    client_id: uuid.UUID
    series: str = Field(min_length=1, max_length=20)
    lines: list[LineIn] = Field(min_length=1, max_length=500)
    notes: str | None = Field(default=None, max_length=2000)
    frequency: Literal["monthly", "quarterly", "yearly"] = "monthly"
    day_of_month: int = Field(default=1, ge=1, le=28, description="1-28: every month has it.")
    starts_on: dt.date
    ends_on: dt.date | None = None
    auto_issue: bool = Field(default=False, description="Issue each invoice, or leave drafts.")


class RecurringUpdate(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"active": False}, {"ends_on": "2027-12-31"}]},
    )

    active: bool | None = None
    auto_issue: bool | None = None
    ends_on: dt.date | None = None
    lines: list[LineIn] | None = Field(default=None, min_length=1, max_length=500)


class RecurringRunRead(Answer):
    period_on: dt.date
    invoice_id: uuid.UUID
    issue_error: str | None = Field(description="Why the generated draft was not issued.")


class RecurringRead(Answer):
    """A recurring invoice: a template and its schedule, with the invoices it made."""

    model_config = ConfigDict(json_schema_extra={"examples": [RECURRING]})

    id: uuid.UUID
    client_id: uuid.UUID
    series_id: uuid.UUID
    lines: list[EnteredLine] = Field(description="The lines as entered.")
    notes: str | None
    frequency: Literal["monthly", "quarterly", "yearly"]
    day_of_month: int
    starts_on: dt.date
    ends_on: dt.date | None
    next_run_on: dt.date | None
    auto_issue: bool
    active: bool
    runs: list[RecurringRunRead] = Field(
        description="The periods generated (empty in the list and on creation)."
    )


class RecurringList(Answer):
    """A page of recurring invoices, oldest first; `next_cursor` asks for the next one."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [RECURRING], "next_cursor": None}]}
    )

    items: list[RecurringRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class RecurringRunResult(Answer):
    """The generation job, run now."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"ran": True, "generated": 2}]})

    ran: bool = Field(description="false when another runner held the job at that moment.")
    generated: int
