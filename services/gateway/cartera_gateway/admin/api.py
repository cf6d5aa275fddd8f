"""Operator endpoints: creating tenants."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, status

from cartera_gateway.admin import service
from cartera_gateway.admin.schemas import TenantCreate, TenantCreated
from cartera_gateway.auth import require_operator
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
