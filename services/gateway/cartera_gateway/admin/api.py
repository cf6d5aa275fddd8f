"""Operator endpoints: creating tenants, reading and changing a tenant's plan and rate."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Request, status

from cartera_gateway.admin import service
from cartera_gateway.admin.schemas import TenantAdmin, TenantCreate, TenantCreated, TenantTerms
from cartera_gateway.auth import ApiKeyCache, require_operator
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.settings import GatewaySettings
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, settings_of

router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=errors())


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
    async with runtime.sessions() as session, session.begin():
        return await service.create_tenant(session, body)


@router.get("/tenants/{tenant_id}", response_model=TenantAdmin, responses=errors(404))
async def get_tenant_terms(
    tenant_id: uuid.UUID,
    request: Request,
    runtime: Runtime,
    settings: Annotated[GatewaySettings, settings_of(GatewaySettings)],
) -> TenantAdmin:
    """A tenant's plan and request rate (the operator's token)."""
    require_operator(request, settings.admin_token.get_secret_value())
    async with runtime.sessions() as session:
        return await service.tenant_terms(
            session, tenant_id, runtime.part(RateLimits).default_per_tenant
        )


@router.patch("/tenants/{tenant_id}", response_model=TenantAdmin, responses=errors(404))
async def change_tenant_terms(
    tenant_id: uuid.UUID,
    body: TenantTerms,
    request: Request,
    runtime: Runtime,
    settings: Annotated[GatewaySettings, settings_of(GatewaySettings)],
) -> TenantAdmin:
    """Set a tenant's plan and request rate (the operator's token). The rate holds at once on
    this gateway replica and within `CARTERA_GATEWAY_API_KEY_CACHE_SECONDS` on the others."""
    require_operator(request, settings.admin_token.get_secret_value())
    async with runtime.sessions() as session, session.begin():
        answer = await service.change_terms(
            session, tenant_id, body, runtime.part(RateLimits).default_per_tenant
        )
    runtime.part(ApiKeyCache).forget_tenant(tenant_id)
    return answer
