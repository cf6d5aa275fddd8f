"""Operator endpoints: creating tenants."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Body, Request, status
from pydantic import ConfigDict, EmailStr, Field
from sqlalchemy import insert

from cartera_gateway.auth import require_operator
from cartera_gateway.keys import generate_key
from cartera_gateway.models import api_keys, outbox, tenants
from cartera_gateway.people.schemas import USER_EXAMPLE, User, UserIn
from cartera_gateway.people.service import create_user
from cartera_gateway.settings import GatewaySettings
from cartera_shared.contract import Answer, errors
from cartera_shared.edge import Runtime, settings_of
from cartera_shared.events import new_envelope, topics
from cartera_shared.outbox import add_event
from cartera_shared.text import Input

router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=errors())

ALL_SCOPES = ["*"]


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


@router.post("/tenants", status_code=status.HTTP_201_CREATED, response_model=TenantCreated)
async def create_tenant(
    request: Request,
    runtime: Runtime,
    settings: Annotated[GatewaySettings, settings_of(GatewaySettings)],
    body: Annotated[TenantCreate | None, Body()] = None,
) -> TenantCreated:
    """Create a tenant (the operator's token, `CARTERA_GATEWAY_ADMIN_TOKEN`): its first API key
    with every scope, and its owner when the body names one. Publishes `tenant.created`."""
    require_operator(request, settings.admin_token.get_secret_value())
    tenant_id = uuid.uuid4()
    name = (body.name if body else "") or f"Tenant {datetime.now(UTC):%Y-%m-%d %H:%M}"
    key = generate_key()
    owner = None
    async with runtime.sessions() as session, session.begin():
        await session.execute(insert(tenants).values(id=tenant_id, name=name))
        if body and body.owner:
            owner = await create_user(
                session,
                tenant_id,
                UserIn(
                    email=body.owner.email,
                    name=body.owner.name,
                    role="owner",
                    password=body.owner.password,
                ),
            )
        await session.execute(
            insert(api_keys).values(
                id=uuid.uuid4(),
                tenant_id=tenant_id,
                name="initial key",
                prefix=key.prefix,
                secret_hash=key.secret_hash,
                scopes=ALL_SCOPES,
            )
        )
        await add_event(
            session,
            outbox,
            new_envelope(
                type=topics.TENANT_CREATED,
                tenant_id=tenant_id,
                producer="gateway",
                subject=tenant_id,
                sequence=1,
                data={"id": str(tenant_id), "name": name},
            ),
            topic=topics.TENANT_CREATED,
        )
    return TenantCreated(
        tenant_id=tenant_id,
        name=name,
        api_key=key.plaintext,
        owner=User.model_validate(owner) if owner else None,
    )
