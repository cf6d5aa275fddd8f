"""What the API key routes read and answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

Mode = Literal["live", "test"]


class ApiKeyIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "ERP sync",
                    "scopes": ["clients:read", "invoices:write"],
                    "expires_at": "2027-06-30T00:00:00.000000Z",
                    "rate_limit_per_minute": 600,
                }
            ]
        },
    )

    name: str = Field(min_length=1, max_length=200, examples=["ERP sync"])
    scopes: list[str] = Field(
        min_length=1, max_length=40, examples=[["clients:read", "invoices:write"]]
    )
    expires_at: datetime | None = Field(default=None, description="At most two years ahead.")
    rate_limit_per_minute: int | None = Field(default=None, ge=1, le=100_000)
    mode: Mode | None = Field(
        default=None,
        description="`live` (the default) or `test`: a test key (`ck_test_...`) acts on the "
        "tenant's sandbox, whose records never leave Cartera (see the test mode guide). A test "
        "key makes test keys only.",
        examples=["test"],
    )


TIMESTAMP = (
    "RFC 3339 in UTC, with `Z` and six fractional digits (e.g. 2027-06-30T00:00:00.000000Z)."
)
KEY_EXAMPLE: JsonDict = {
    "id": "0a9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c",
    "name": "ERP sync",
    "prefix": "ck_3f9a1b2c4d5e",
    "scopes": ["clients:read", "invoices:write"],
    "created_at": "2026-12-06T14:30:00.000000Z",
    "created_by": "user:5b1f0d7e-3c2a-4e8f-9b6d-1a2c3e4f5a6b",
    "expires_at": "2027-06-30T00:00:00.000000Z",
    "revoked_at": None,
    "last_used_at": None,
    "rate_limit_per_minute": 600,
    "mode": "live",
}


class ApiKey(Answer):
    """An API key as listed: its prefix, never its secret."""

    model_config = ConfigDict(json_schema_extra={"examples": [KEY_EXAMPLE]})

    id: uuid.UUID
    name: str
    prefix: str = Field(
        description="`ck_<prefix>` (`ck_test_<prefix>` for a test key): how the key begins, to "
        "tell keys apart."
    )
    scopes: list[str] = Field(description="Sorted, without repeats.")
    created_at: UtcTimestamp = Field(description=TIMESTAMP)
    created_by: str | None = Field(
        description="Who made it: `user:<id>` or `api_key:<id>`; null for the tenant's first key."
    )
    expires_at: UtcTimestamp | None = Field(description=f"Null: never. {TIMESTAMP}")
    revoked_at: UtcTimestamp | None = Field(description=f"Null: not revoked. {TIMESTAMP}")
    last_used_at: UtcTimestamp | None = Field(
        description=f"Recorded at most once a minute; null if never used. {TIMESTAMP}"
    )
    rate_limit_per_minute: int | None = Field(
        description="Requests a minute for this key; null: the gateway's default per credential."
    )
    mode: Mode = Field(description="`live`, or `test`: the key acts on the tenant's sandbox.")


class ApiKeyCreated(ApiKey):
    """A new key, with its secret."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [KEY_EXAMPLE | {"api_key": "ck_3f9a1b2c4d5e_Qm9yZSBzZWNyZXQ..."}]
        }
    )

    api_key: str = Field(
        description="The whole key, to send as `Authorization: Bearer`. Shown once."
    )


class ApiKeyList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [KEY_EXAMPLE], "next_cursor": None}]}
    )

    items: list[ApiKey] = Field(description="The tenant's keys, revoked ones too, oldest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")
