"""Route of the satisfaction figures."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_analytics.common import Reader, check_period, default_period
from cartera_analytics.satisfaction import service
from cartera_analytics.satisfaction.schemas import Satisfaction
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/satisfaction",
    summary="CSAT and NPS per month, per client and in total",
    response_model=Satisfaction,
)
async def get_satisfaction(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    client_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client."""
    start, end = default_period(start, end)
    check_period(start, end)
    return await service.satisfaction(session, identity.tenant_id, start, end, client_id)
