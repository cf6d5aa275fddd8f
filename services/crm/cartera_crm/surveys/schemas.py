"""Request and answer models of satisfaction surveys."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_crm.domain import surveys as rules
from cartera_crm.schemas import (
    EXAMPLE_CLIENT,
    EXAMPLE_REQUEST,
    EXAMPLE_SURVEY,
    EXAMPLE_TOKEN,
    Timestamp,
)
from cartera_shared.contract import Answer
from cartera_shared.text import Input

SurveyStatus = Literal["pending", "answered", "expired", "superseded"]

QUESTION_EXAMPLE = rules.QUESTIONS["csat"]


class SurveyIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"client_id": EXAMPLE_CLIENT, "kind": "nps", "expires_in_days": 14}]
        },
    )

    client_id: uuid.UUID
    kind: rules.Kind
    request_id: uuid.UUID | None = None
    expires_in_days: int | None = Field(default=None, ge=1, le=365)


class AnswerIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"score": 9, "comment": "Muy rápidos, gracias."}]},
    )

    score: int = Field(strict=True)
    comment: str | None = Field(default=None, max_length=2000)


SURVEY_EXAMPLE: dict[str, Any] = {
    "id": EXAMPLE_SURVEY,
    "client_id": EXAMPLE_CLIENT,
    "kind": "csat",
    "request_id": EXAMPLE_REQUEST,
    "status": "pending",
    "expires_at": "2027-01-02T12:05:00.254000Z",
    "score": None,
    "comment": None,
    "answered_at": None,
    "created_at": "2026-12-03T12:05:00.254000Z",
}

SURVEY_WITH_LINK_EXAMPLE: dict[str, Any] = {
    **SURVEY_EXAMPLE,
    "link": {
        "token": EXAMPLE_TOKEN,
        "url": f"https://api.cartera.example/v1/public/surveys/{EXAMPLE_TOKEN}",
    },
}


class SurveyAnswer(Answer):
    """A survey; `status` is `expired` once a pending one is past `expires_at`."""

    model_config = ConfigDict(json_schema_extra={"examples": [SURVEY_EXAMPLE]})

    id: uuid.UUID
    client_id: uuid.UUID
    kind: rules.Kind = Field(description="csat: 1 to 5; nps: 0 to 10.")
    request_id: uuid.UUID | None
    status: SurveyStatus
    expires_at: Timestamp
    score: int | None
    comment: str | None
    answered_at: Timestamp | None
    created_at: Timestamp


class SurveyLink(Answer):
    token: str = Field(description="The one-time token; shown only in this answer.")
    url: str = Field(description="Where the client answers, without login.")


class SurveyWithLink(SurveyAnswer):
    model_config = ConfigDict(json_schema_extra={"examples": [SURVEY_WITH_LINK_EXAMPLE]})

    link: SurveyLink


class SurveyList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [SURVEY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[SurveyAnswer] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class SurveyScale(Answer):
    min: int
    max: int


class PublicSurvey(Answer):
    """What the person answering sees: the question and its scale."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "csat",
                    "question": QUESTION_EXAMPLE,
                    "scale": {"min": 1, "max": 5},
                    "expires_at": "2027-01-02T12:05:00.254000Z",
                }
            ]
        }
    )

    kind: rules.Kind
    question: str
    scale: SurveyScale
    expires_at: Timestamp


class SurveyAnswered(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "answered", "kind": "csat", "score": 5}]}
    )

    status: Literal["answered"]
    kind: rules.Kind
    score: int
