"""What the membership routes read and answer."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import ConfigDict, EmailStr, Field
from pydantic.config import JsonDict

from cartera_gateway.people.schemas import Role
from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

MEMBER_EXAMPLE: JsonDict = {
    "id": "0c2e4a6b-8d0f-4a1c-9e3b-5d7f9a1c3e5b",
    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
    "email": "lucia@gestoria-norte.es",
    "role": "accountant",
    "status": "active",
    "user_id": "5b1f0d7e-3c2a-4e8f-9b6d-1a2c3e4f5a6b",
    "invited_by": "user:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    "created_at": "2026-12-07T09:00:00.000000Z",
    "accepted_at": "2026-12-07T09:30:00.000000Z",
    "revoked_at": None,
}


class Member(Answer):
    """A person let into this tenant from elsewhere (or invited to it), with a role here."""

    model_config = ConfigDict(json_schema_extra={"examples": [MEMBER_EXAMPLE]})

    id: uuid.UUID
    tenant_id: uuid.UUID
    email: str = Field(description="Lower-cased; one membership per e-mail in each tenant.")
    role: Role
    status: Literal["invited", "active", "revoked"]
    user_id: uuid.UUID | None = Field(description="The person, once the invitation is accepted.")
    invited_by: str = Field(description="`user:<id>` or `api_key:<id>` of whoever invited.")
    created_at: UtcTimestamp
    accepted_at: UtcTimestamp | None
    revoked_at: UtcTimestamp | None


class Invitation(Member):
    """A new invitation. Its token is mailed to the invitee; with no mail server configured it is
    answered here instead (`invitation_token`), for the owner to hand over."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                MEMBER_EXAMPLE
                | {
                    "status": "invited",
                    "user_id": None,
                    "accepted_at": None,
                    "mailed": True,
                    "invitation_token": None,
                    "invitation_expires_at": "2026-12-14T09:00:00.000000Z",
                }
            ]
        }
    )

    mailed: bool = Field(description="Whether the invitation went out by mail.")
    invitation_token: str | None = Field(
        description="Only when it was not mailed: the token (`cmi_...`) to accept it with."
    )
    invitation_expires_at: UtcTimestamp


class MemberList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [MEMBER_EXAMPLE], "next_cursor": None}]}
    )

    items: list[Member] = Field(description="Oldest first: invitations, members, revoked ones.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class MemberInvite(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"email": "lucia@gestoria-norte.es"},
                {"email": "pablo@gestoria-norte.es", "role": "read_only"},
            ]
        },
    )

    email: EmailStr
    role: Role = Field(default="accountant", description="The role in this tenant.")


class InvitationAccept(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"token": "cmi_q3Jx..."},
                {"token": "cmi_q3Jx...", "name": "Lucía Pardo", "password": "a long password 2026"},
            ]
        },
    )

    token: str = Field(min_length=1, max_length=200, description="The invitation's token.")
    name: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Only for a person new to Cartera (no session sent): their name.",
    )
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Only for a person new to Cartera: their password. Someone who has an "
        "account signs in and accepts with that session instead.",
    )
