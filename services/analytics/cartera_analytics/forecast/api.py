"""Route of the cash forecast."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_analytics.common import Reader, today
from cartera_analytics.forecast import service
from cartera_analytics.forecast.schemas import CashForecast
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/cash-forecast",
    summary="Expected cash-in per week, from each client's own way of paying",
    response_model=CashForecast,
)
async def get_cash_forecast(
    identity: Reader,
    session: TenantSession,
    weeks: Annotated[int, Query(ge=1, le=52, description="ISO weeks, from the current one.")] = 13,
) -> dict[str, Any]:
    """The cash expected per ISO week from the open receivables: each open instalment is spread
    over the weeks by its client's distribution of days late (shrunk toward the tenant's when
    the client has few settled instalments), not put on its due date; with a 10 %-90 % band.
    What is disputed (under a dunning hold) or owed again after a returned direct debit is left
    out and shown apart."""
    return await service.cash_forecast(session, identity.tenant_id, today(), weeks)
