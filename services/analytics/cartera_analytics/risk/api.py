"""Route of the late-payment risk report."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from fastapi import APIRouter

from cartera_analytics.common import Reader, check_period, today
from cartera_analytics.risk import service
from cartera_analytics.risk.schemas import LatePaymentRisk
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/late-payment-risk",
    summary="Probability of being paid more than 30 days late, per open invoice and client",
    response_model=LatePaymentRisk,
)
async def get_late_payment_risk(
    identity: Reader,
    session: TenantSession,
    as_of: dt.date | None = None,
    client_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Scores each open invoice and each client as of a day (today by default): the
    probability of being paid more than 30 days late, with its reasons (history, trend, amount
    against the usual, days overdue, reaction to reminders) as contributions to the log-odds.
    A logistic model fitted on the business's own settled history, with the default weights
    while it is short. Answered whole, not paged: one model fitted over the whole history scores
    every open invoice together (`client_id` narrows it to one client, as its page asks)."""
    day = as_of or today()
    check_period(day, day, names=("as_of", "as_of"))
    return await service.late_payment_risk(session, identity.tenant_id, day, client_id)
