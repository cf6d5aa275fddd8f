"""What the people routes read and answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator
from pydantic_core import PydanticCustomError

from cartera_shared.text import Input

Role = Literal["owner", "accountant", "sales", "read_only"]


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

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
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(min_length=1, max_length=200)


class UserPatch(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

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


class PasswordResetSent(BaseModel):
    user_id: uuid.UUID
    email: str = Field(description="Where the link was sent.")
    expires_at: datetime = Field(description="When the link stops working (used or not).")


class PasswordReset(Input):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=200, description="The token of the mailed link.")
    password: str = Field(min_length=1, max_length=200, description="The new password.")


class PasswordChange(Input):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


# Wrong passwords in a row from one address before that address is locked out of the account.


# Wrong passwords in a row from one address before that address is locked out of the account.
