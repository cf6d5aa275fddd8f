"""Route of the quarter's tax figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from cartera_analytics.common import Reader
from cartera_analytics.tax import service
from cartera_analytics.tax.schemas import TaxSummary
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/tax-summary",
    summary="The quarter's VAT, recargo and IRPF from the invoices issued (Modelo 303 boxes)",
    response_model=TaxSummary,
)
async def get_tax_summary(
    identity: Reader,
    session: TenantSession,
    year: Annotated[int, Query(ge=2000, le=2100)],
    quarter: Annotated[int, Query(ge=1, le=4)],
) -> dict[str, Any]:
    """Bases and quotas by VAT and recargo rate of the invoices issued in the quarter (net of
    rectifications, which are also given apart; cancelled invoices count for nothing), the IRPF
    their clients withheld by rate and by the return the client declares it in (111 for
    activities, 115 for rents of urban property), and the Modelo 303 boxes of IVA devengado
    these figures fill. Amounts in euros."""
    return await service.tax_summary(session, identity.tenant_id, year, quarter)
