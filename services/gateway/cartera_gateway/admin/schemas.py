"""The operator's requests and answers: a new tenant, its owner; a tenant's plan and rate."""

from __future__ import annotations

import uuid

from pydantic import ConfigDict, EmailStr, Field, field_validator

from cartera_gateway.people.schemas import USER_EXAMPLE, User
from cartera_shared.contract import Answer
from cartera_shared.text import Input


class Owner(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=200)


class TenantCreate(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Ferretería Sol S.L.",
                    "owner": {
                        "email": "ana@ferreteria-sol.es",
                        "name": "Ana Sol",
                        "password": "correct horse battery staple",
                    },
                }
            ]
        },
    )

    name: str = Field(default="", max_length=200)
    owner: Owner | None = Field(default=None, description="The first person, with the owner role.")


class TenantCreated(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
                    "name": "Ferretería Sol S.L.",
                    "api_key": "ck_3f9a1b2c4d5e_Qm9yZSBzZWNyZXQ...",
                    "owner": USER_EXAMPLE | {"role": "owner", "last_sign_in_at": None},
                }
            ]
        }
    )

    tenant_id: uuid.UUID
    name: str
    api_key: str = Field(description="The tenant's first API key, with every scope. Shown once.")
    owner: User | None = Field(default=None, description="The owner, when the body named one.")


# The largest rate an operator may give a tenant: far past what a gateway replica serves, so it
# never binds by accident, and small enough to stay an int32 and a sane counter.
MAX_TENANT_RATE_PER_MINUTE = 1_000_000


class TenantTerms(Input):
    """What an operator changes of a tenant's terms; members left out stay as they are."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"examples": [{"plan": "scale", "rate_limit_per_minute": 30000}]},
    )

    plan: str | None = Field(
        default=None,
        pattern=r"^[a-z][a-z0-9_-]{0,29}$",
        description="The plan's name (lower case letters, digits, `_` and `-`; the operator's "
        "own catalogue). Informative: the rate below is what is enforced.",
    )
    rate_limit_per_minute: int | None = Field(
        default=None,
        ge=1,
        le=MAX_TENANT_RATE_PER_MINUTE,
        description="Requests per minute over all the tenant's credentials; null goes back to "
        "the gateway's default (`CARTERA_GATEWAY_RATE_LIMIT_TENANT`).",
    )

    @field_validator("plan")
    @classmethod
    def a_plan_is_never_null(cls, plan: str | None) -> str:
        # Only sent values are validated: leaving `plan` out keeps it, sending null is a mistake.
        if plan is None:
            raise ValueError("A tenant always has a plan: send its name, or leave plan out.")
        return plan


class TenantAdmin(Answer):
    """A tenant as the operator sees it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
                    "name": "Ferretería Sol S.L.",
                    "status": "active",
                    "plan": "scale",
                    "rate_limit_per_minute": 30000,
                    "effective_rate_limit_per_minute": 30000,
                }
            ]
        }
    )

    tenant_id: uuid.UUID
    name: str
    status: str
    plan: str
    rate_limit_per_minute: int | None = Field(
        description="The tenant's own rate; null: the gateway's default."
    )
    effective_rate_limit_per_minute: int = Field(
        description="What this gateway enforces for the tenant now, per minute."
    )
