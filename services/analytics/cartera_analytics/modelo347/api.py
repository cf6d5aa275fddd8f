"""Route of Modelo 347: the list as JSON, or as a CSV download."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from cartera_analytics.common import Reader, today
from cartera_analytics.domain import modelo347
from cartera_analytics.modelo347 import service
from cartera_analytics.modelo347.schemas import Modelo347
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.problems import Code, UnprocessableEntity, field_error

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())


@router.get(
    "/modelo-347",
    summary="Counterparties above the Modelo 347 threshold, by quarter (sales only)",
    description=f"{modelo347.M347_SCOPE} {modelo347.M347_RULES} A tenant that files through SII "
    "gets no list. `format=csv` (or `Accept: text/csv`) downloads the list as CSV.",
    response_model=Modelo347,
    response_class=JSONResponse,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The list, as JSON or as a CSV download.",
        }
    },
)
async def get_modelo_347(
    request: Request,
    identity: Reader,
    session: TenantSession,
    year: Annotated[int, Query(ge=2000)],
    format: Literal["json", "csv"] | None = None,
) -> Response | dict[str, Any]:
    if modelo347.year_not_begun(year, today()):
        raise UnprocessableEntity(
            f"Year {year} has not begun yet.",
            code=Code.FUTURE_DATE,
            field="year",
            errors=field_error("query", "year", msg="in the future"),
        )
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    answer = await service.modelo_347(session, identity.tenant_id, year)
    if wants_csv:
        return Response(
            modelo347.m347_csv(answer["items"]),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="modelo-347-{year}.csv"'},
        )
    return answer
