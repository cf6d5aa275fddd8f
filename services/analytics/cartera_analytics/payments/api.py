"""Routes of the payment figures: payment behaviour, clients at risk."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_analytics.common import Reader, check_period, today
from cartera_analytics.payments import service
from cartera_analytics.payments.schemas import AnalyticsPaymentBehaviour, ClientsAtRisk
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/payment-behaviour",
    summary="DSO, punctuality, overdue aging, expected cash-in",
    response_model=AnalyticsPaymentBehaviour,
)
async def get_analytics_payment_behaviour(
    identity: Reader,
    session: TenantSession,
    as_of: dt.date | None = None,
    client_id: uuid.UUID | None = None,
    weeks: Annotated[int, Query(ge=1, le=52)] = 8,
) -> dict[str, Any]:
    """Receivables as of a day (today by default), in total and per client: outstanding and
    overdue amounts by age, DSO, punctuality over the last 12 months (a fraction of 1) and its
    trend, and the cash expected week by week from each client's record of paying."""
    day = as_of or today()
    check_period(day, day, names=("as_of", "as_of"))
    return await service.payment_behaviour(session, identity.tenant_id, day, client_id, weeks)


@router.get(
    "/clients-at-risk",
    summary="Clients with falling billing, late payments, poor CSAT",
    response_model=ClientsAtRisk,
)
async def list_clients_at_risk(
    identity: Reader, session: TenantSession, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Clients that meet at least one risk rule as of a day (today by default): billing down
    30 % or more, late payments, an overdue instalment older than 30 days, poor CSAT or NPS,
    requests closed past their SLA; with when we last spoke to them."""
    day = as_of or today()
    check_period(day, day, names=("as_of", "as_of"))
    return await service.clients_at_risk(session, identity.tenant_id, day)
