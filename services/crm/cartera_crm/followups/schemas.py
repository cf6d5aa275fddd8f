"""Request and answer models of follow-ups."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from cartera_crm.schemas import (
    EXAMPLE_CLIENT,
    EXAMPLE_FOLLOW_UP,
    EXAMPLE_INTERACTION,
    Timestamp,
)
from cartera_shared.contract import Answer
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input

FollowUpStatus = Literal["open", "done", "cancelled"]

Name = Annotated[str, Field(min_length=1, max_length=200)]


class FollowUpIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": EXAMPLE_CLIENT,
                    "title": "Enviar el duplicado de la factura",
                    "due_on": "2026-12-04",
                    "assignee": "Luis",
                }
            ]
        },
    )

    client_id: uuid.UUID | None = None
    title: str = Field(min_length=1, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    due_on: dt.date
    assignee: Name | None = None
    interaction_id: uuid.UUID | None = None
    request_id: uuid.UUID | None = None


class FollowUpPatch(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"status": "done"}, {"due_on": "2026-12-09"}]},
    )

    title: str | None = Field(default=None, min_length=1, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)
    due_on: dt.date | None = None
    assignee: Name | None = None
    status: FollowUpStatus | None = None

    @model_validator(mode="after")
    def _something(self) -> FollowUpPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        for name in ("title", "due_on", "status"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise FieldValueError(name, "cannot be null")
        return self


FOLLOW_UP_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_FOLLOW_UP,
    "client_id": EXAMPLE_CLIENT,
    "title": "Seguimiento: Pide un duplicado de la factura de noviembre",
    "notes": None,
    "due_on": "2026-12-04",
    "assignee": "Luis",
    "status": "open",
    "overdue": False,
    "interaction_id": EXAMPLE_INTERACTION,
    "request_id": None,
    "created_by": "user:luis",
    "created_at": "2026-12-03T09:41:12.372910Z",
    "done_at": None,
}


class FollowUpAnswer(Answer):
    """A task with a due date; `overdue` is judged on the business's day (CARTERA_CRM_TIMEZONE)."""

    model_config = ConfigDict(json_schema_extra={"examples": [FOLLOW_UP_EXAMPLE]})

    id: uuid.UUID
    client_id: uuid.UUID | None
    title: str
    notes: str | None
    due_on: dt.date
    assignee: str | None
    status: FollowUpStatus
    overdue: bool = Field(description="Open and due before today.")
    interaction_id: uuid.UUID | None
    request_id: uuid.UUID | None
    created_by: str
    created_at: Timestamp
    done_at: Timestamp | None


class FollowUpList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [FOLLOW_UP_EXAMPLE], "next_cursor": None}]}
    )

    items: list[FollowUpAnswer] = Field(description="By due date, then id; at most `limit`.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class FollowUpAgendaPerson(Answer):
    assignee: str | None = Field(description="None: the tasks nobody is assigned.")
    due_today: list[FollowUpAnswer]
    overdue: list[FollowUpAnswer]


class FollowUpAgenda(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-12-04",
                    "people": [
                        {"assignee": "Luis", "due_today": [FOLLOW_UP_EXAMPLE], "overdue": []}
                    ],
                }
            ]
        }
    )

    as_of: dt.date = Field(description="Today, in the business's time zone.")
    people: list[FollowUpAgendaPerson] = Field(description="By assignee's name.")
