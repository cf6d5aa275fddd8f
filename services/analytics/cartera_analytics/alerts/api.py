"""Routes of the alerts and of the tenant's analytics settings."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from fastapi import APIRouter

from cartera_analytics.alerts import service
from cartera_analytics.alerts.schemas import (
    AlertKind,
    AnalyticsAlertList,
    AnalyticsSettings,
    AnalyticsSettingsIn,
)
from cartera_analytics.common import Reader, Writer
from cartera_analytics.models import alerts
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.pagination import Keyset, ListCursor, page_limit

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get("/alerts", summary="Alerts raised, newest first", response_model=AnalyticsAlertList)
async def list_alerts(
    identity: Reader,
    session: TenantSession,
    kind: AlertKind | None = None,
    client_id: uuid.UUID | None = None,
    limit: int = page_limit(100, 500),
    cursor: ListCursor = None,
) -> dict[str, Any]:
    """The alerts raised for the tenant, newest first, of one kind or about one client, a page
    at a time (`next_cursor`)."""
    keyset = Keyset(alerts.c.raised_at, alerts.c.id, "newest", cursor, name="alerts")
    return await service.list_alerts(session, identity.tenant_id, kind, client_id, keyset, limit)


@router.get(
    "/settings",
    summary="The tenant's alert thresholds and Modelo 347 settings",
    response_model=AnalyticsSettings,
)
async def get_analytics_settings(identity: Reader, session: TenantSession) -> dict[str, Any]:
    """The thresholds the alerts are raised with (fractions of 1) and whether the tenant files
    through SII; the defaults until the tenant sets them."""
    return await service.settings(session, identity.tenant_id)


@router.put(
    "/settings",
    summary="Set the tenant's alert thresholds (fractions of 1)",
    response_model=AnalyticsSettings,
)
async def set_analytics_settings(
    identity: Writer, session: TenantSession, body: AnalyticsSettingsIn
) -> dict[str, Any]:
    """Replace the tenant's thresholds (fractions of 1, not percentages: 0.4 is 40 %); a field
    left out takes its default."""
    values: dict[str, Decimal | bool] = {
        "concentration_threshold": body.concentration_threshold_fraction,
        "drop_threshold": body.drop_threshold_fraction,
        "late_payer_ratio": body.late_payer_fraction,
        "files_through_sii": body.files_through_sii,
    }
    return await service.set_settings(session, identity.tenant_id, values)
