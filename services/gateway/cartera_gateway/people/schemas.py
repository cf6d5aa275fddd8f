"""What the people routes read and answer."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from cartera_shared.contract import Answer, ProblemDetails
from cartera_shared.text import Input
from cartera_shared.wire import UtcTimestamp

Role = Literal["owner", "accountant", "sales", "read_only"]


class SwitchTenant(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13"}]},
    )

    tenant_id: uuid.UUID = Field(description="A business the person belongs to.")


class SignIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {"email": "ana@ferreteria-sol.es", "password": "correct horse battery staple"},
                {
                    "email": "ana@ferreteria-sol.es",
                    "password": "correct horse battery staple",
                    "session": "token",
                    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
                },
            ]
        },
    )

    email: EmailStr
    password: str = Field(min_length=1, max_length=200)
    session: Literal["cookie", "token"] = Field(
        default="cookie",
        description="cookie: an HttpOnly cookie plus a CSRF token (the web app); "
        "token: a bearer token in the answer (scripts).",
    )
    tenant_id: uuid.UUID | None = Field(
        default=None,
        description="The tenant to sign in to, when the e-mail has accounts in several "
        "(the 409 answer lists those the password opens).",
    )


class UserIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "email": "luis@ferreteria-sol.es",
                    "name": "Luis Gómez",
                    "role": "accountant",
                    "password": "a long first password 2026",
                }
            ]
        },
    )

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=1, max_length=200)


class UserPatch(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"role": "sales"}, {"status": "disabled"}]},
    )

    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    status: Literal["active", "disabled"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise PydanticCustomError(
                "password_not_here",
                "Nobody sets another person's password: send POST "
                "/v1/users/{user_id}/password-reset to mail them a reset link.",
            )
        return data


class PasswordResetSent(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "5b1f0d7e-3c2a-4e8f-9b6d-1a2c3e4f5a6b",
                    "email": "luis@ferreteria-sol.es",
                    "expires_at": "2026-12-06T15:30:00.000000Z",
                }
            ]
        }
    )

    user_id: uuid.UUID
    email: str = Field(description="Where the link was sent.")
    expires_at: UtcTimestamp = Field(description="When the link stops working (used or not).")


class PasswordReset(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"token": "cpr_q3Jx...", "password": "a new long password 2026"}]
        },
    )

    token: str = Field(min_length=1, max_length=200, description="The token of the mailed link.")
    password: str = Field(min_length=1, max_length=200, description="The new password.")


class PasswordChange(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "current_password": "a long first password 2026",
                    "new_password": "another long password 2027",
                }
            ]
        },
    )

    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


TIMESTAMP = (
    "RFC 3339 in UTC, with `Z` and six fractional digits (e.g. 2026-12-06T14:30:00.000000Z)."
)
USER_EXAMPLE: JsonDict = {
    "id": "5b1f0d7e-3c2a-4e8f-9b6d-1a2c3e4f5a6b",
    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
    "email": "luis@ferreteria-sol.es",
    "name": "Luis Gómez",
    "role": "accountant",
    "status": "active",
    "last_sign_in_at": "2026-12-06T09:12:44.120301Z",
    "created_at": "2026-11-02T10:00:00.000000Z",
}


class User(Answer):
    """A person with an account in one tenant."""

    model_config = ConfigDict(json_schema_extra={"examples": [USER_EXAMPLE]})

    id: uuid.UUID
    tenant_id: uuid.UUID
    email: str = Field(description="Lower-cased; one account per e-mail in each tenant.")
    name: str
    role: Role
    status: Literal["active", "disabled"]
    last_sign_in_at: UtcTimestamp | None = Field(
        description=f"Null before the first sign-in. {TIMESTAMP}"
    )
    created_at: UtcTimestamp = Field(description=TIMESTAMP)


class UserList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [USER_EXAMPLE], "next_cursor": None}]}
    )

    items: list[User] = Field(description="The tenant's people, oldest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


PLACE_EXAMPLE: JsonDict = {
    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
    "name": "Ferretería Sol S.L.",
    "role": "accountant",
}


class Place(Answer):
    """A business the person belongs to, with their role there."""

    model_config = ConfigDict(json_schema_extra={"examples": [PLACE_EXAMPLE]})

    tenant_id: uuid.UUID
    name: str
    role: Role


class TenantChoice(Answer):
    """A tenant whose account the sign-in's e-mail and password opened."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13", "name": "Ferretería Sol"}
            ]
        }
    )

    tenant_id: uuid.UUID
    name: str


class SignInChoice(ProblemDetails):
    """The sign-in's 409: the e-mail and password open separate accounts (each with its own
    password, made before memberships) in several tenants; sign in again with one `tenant_id`."""

    tenants: list[TenantChoice] = Field(
        description="The accounts the password opened (and only those)."
    )


class SignedIn(Answer):
    """A new session. `session: "cookie"` answers `csrf_token` and `csrf_header` (the session is
    in an HttpOnly cookie); `session: "token"` answers `token` instead."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user": USER_EXAMPLE,
                    "tenant_name": "Ferretería Sol S.L.",
                    "scopes": ["clients:read", "invoices:read"],
                    "expires_at": "2026-12-06T21:12:44.120301Z",
                    "csrf_token": "kq0m3Z...",
                    "csrf_header": "X-CSRF-Token",
                },
                {
                    "user": USER_EXAMPLE,
                    "tenant_name": "Ferretería Sol S.L.",
                    "scopes": ["clients:read", "invoices:read"],
                    "expires_at": "2026-12-06T21:12:44.120301Z",
                    "token": "cs_Vb7t...",
                },
            ]
        }
    )

    user: User
    tenant_id: uuid.UUID | None = Field(
        default=None,
        description="The tenant the session acts in (a membership's, or the account's).",
    )
    tenant_name: str
    role: Role | None = Field(default=None, description="The person's role in that tenant.")
    tenants: list[Place] | None = Field(
        default=None, description="Every business the person belongs to: `POST /v1/auth/switch`."
    )
    scopes: list[str] = Field(description="What the person's role allows, sorted.")
    expires_at: UtcTimestamp = Field(description=f"When the session ends. {TIMESTAMP}")
    token: str | None = Field(
        default=None,
        description='Only with `session: "token"`: the bearer token (`cs_...`). Shown once.',
    )
    csrf_token: str | None = Field(
        default=None,
        description='Only with `session: "cookie"`: echo it in `csrf_header` on unsafe requests.',
    )
    csrf_header: str | None = Field(
        default=None, description='Only with `session: "cookie"`: `X-CSRF-Token`.'
    )


class CurrentCaller(Answer):
    """Who is calling."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
                    "subject": "user:5b1f0d7e-3c2a-4e8f-9b6d-1a2c3e4f5a6b",
                    "scopes": ["clients:read", "invoices:read"],
                    "tenant_name": "Ferretería Sol S.L.",
                    "user": USER_EXAMPLE,
                    "csrf_token": "kq0m3Z...",
                },
                {
                    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
                    "subject": "api_key:0a9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c",
                    "scopes": ["clients:read"],
                    "tenant_name": "Ferretería Sol S.L.",
                },
            ]
        }
    )

    tenant_id: uuid.UUID
    subject: str = Field(description="`user:<id>` for a person, `api_key:<id>` for a key.")
    scopes: list[str] = Field(description="Sorted.")
    tenant_name: str | None
    user: User | None = Field(default=None, description="Only when a person calls.")
    role: Role | None = Field(
        default=None, description="Only when a person calls: their role in this tenant."
    )
    tenants: list[Place] | None = Field(
        default=None,
        description="Only when a person calls: every business they belong to (the switch).",
    )
    csrf_token: str | None = Field(
        default=None, description="Only when the session comes in the cookie."
    )
