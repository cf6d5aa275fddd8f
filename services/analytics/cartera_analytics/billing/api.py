"""Routes of the billing figures: portfolio, evolution, revenue bridge."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_analytics.billing import service
from cartera_analytics.billing.schemas import BillingEvolution, Portfolio, RevenueBridge
from cartera_analytics.common import (
    Reader,
    check_period,
    default_period,
    months_between,
    parse_month,
    today,
)
from cartera_analytics.domain.periods import shift_month
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.problems import Code, UnprocessableEntity, field_error

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/portfolio",
    summary="Each client's share of billing, ABC classes, concentration",
    response_model=Portfolio,
)
async def get_portfolio(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
) -> dict[str, Any]:
    """The clients ranked by net taxable base over the period (by default the 365 days up to
    today), with their shares, ABC classes (A: the first 80 % of billing, B: the next 15 %, C:
    the rest) and the portfolio's concentration. Shares and the HHI are fractions of 1."""
    start, end = default_period(start, end)
    check_period(start, end)
    return await service.portfolio(session, identity.tenant_id, start, end, limit)


@router.get(
    "/evolution",
    summary="Monthly billing per client and in total, MoM, YoY and trend",
    response_model=BillingEvolution,
)
async def get_billing_evolution(
    identity: Reader,
    session: TenantSession,
    start: Annotated[str | None, Query(alias="from", description="YYYY-MM")] = None,
    end: Annotated[str | None, Query(alias="to", description="YYYY-MM")] = None,
    client_id: uuid.UUID | None = None,
    top: Annotated[int, Query(ge=0, le=50)] = 5,
) -> dict[str, Any]:
    """Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months. `month_to_date`
    compares today's month so far with the same days of last month."""
    last = parse_month(end, "to") or today().replace(day=1)
    first = parse_month(start, "from") or shift_month(last, -11)
    if first > last:
        raise UnprocessableEntity(
            f"'from' ({start}) is after 'to' ({end}).",
            code=Code.DATE_OUT_OF_ORDER,
            field="from",
            errors=field_error("query", "from", msg="after 'to'"),
        )
    months = months_between(first, last)
    if len(months) > 120:
        raise UnprocessableEntity(
            "At most 120 months at a time.",
            field="from",
            errors=field_error("query", "from", msg="out of range"),
        )
    return await service.evolution(
        session, identity.tenant_id, first, last, months, client_id, top, today()
    )


@router.get(
    "/revenue-bridge",
    summary="Clients gained, grown, shrunk and lost between periods",
    response_model=RevenueBridge,
)
async def get_revenue_bridge(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date, Query(alias="from")],
    end: Annotated[dt.date, Query(alias="to")],
    compare_from: dt.date,
    compare_to: dt.date,
) -> dict[str, Any]:
    """How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts."""
    check_period(start, end)
    check_period(compare_from, compare_to, names=("compare_from", "compare_to"))
    return await service.revenue_bridge(
        session, identity.tenant_id, start, end, compare_from, compare_to
    )
