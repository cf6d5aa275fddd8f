"""Routes of the accounting export and of the tenant's account mapping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from cartera_analytics.common import check_period
from cartera_analytics.domain import export_formats, journal
from cartera_analytics.exports import service
from cartera_analytics.exports.schemas import AccountMappingAnswer, AccountMappingIn
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import UnprocessableEntity, field_error

ExportReader = Annotated[Identity, require_scope("exports:read")]
ExportWriter = Annotated[Identity, require_scope("exports:write")]

router = APIRouter(prefix="/v1/exports", tags=["exports"], responses=errors())

# One export covers at most a year and a day (a whole fiscal year, leap or not): enough for an
# annual close, and what keeps one request's work bounded (docs/accounting-export.md).
MAX_RANGE_DAYS = 366
CHUNK = 64 * 1024

MEDIA = {
    kind.media_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
    for kind in export_formats.KINDS.values()
}


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := file.read(CHUNK):
            yield chunk
    finally:
        file.close()


@router.get(
    "/accounting",
    summary="Journal entries of the period for an accounting program (A3, ContaPlus, Sage ...)",
    response_class=StreamingResponse,
    responses={200: {"content": MEDIA, "description": "The file, as a download."}},
)
async def export_accounting(
    identity: ExportReader,
    session: TenantSession,
    format: Literal["a3", "contaplus", "sage", "csv", "xlsx"],
    start: Annotated[dt.date, Query(alias="from")],
    end: Annotated[dt.date, Query(alias="to")],
) -> StreamingResponse:
    """Entries of the invoices issued and rectified, the payments received and the payments
    returned between `from` and `to` (both included, at most 366 days), with the tenant's
    account mapping: debits equal credits in every entry. `a3` is SUENLACE.DAT, `contaplus`
    XDiario.txt, `sage` a semicolon journal for Sage 50 / Contasol, `csv` and `xlsx` a plain
    journal; docs/accounting-export.md gives each layout and what it rests on."""
    check_period(start, end)
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise UnprocessableEntity(
            f"An export covers at most {MAX_RANGE_DAYS} days.",
            field="to",
            errors=field_error("query", "to", msg=f"more than {MAX_RANGE_DAYS} days after from"),
        )
    file = await service.write_journal(session, identity.tenant_id, format, start, end)
    kind = export_formats.KINDS[format]
    name = kind.filename(start.isoformat(), end.isoformat())
    return StreamingResponse(
        _chunks(file),
        media_type=kind.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/accounting/accounts",
    summary="The tenant's account mapping for the accounting export",
    response_model=AccountMappingAnswer,
)
async def get_accounts(identity: ExportReader, session: TenantSession) -> dict[str, Any]:
    """The accounts the export uses; the Plan General de Contabilidad's defaults until set."""
    return (await service.mapping(session, identity.tenant_id)).to_json()


@router.put(
    "/accounting/accounts",
    summary="Set the tenant's account mapping",
    response_model=AccountMappingAnswer,
)
async def put_accounts(
    identity: ExportWriter, session: TenantSession, body: AccountMappingIn
) -> dict[str, Any]:
    """Replace the mapping (a field left out takes its default). Accounts are digits only, at
    most `digits` long; a prefix leaves room for four more digits. A per-client sub-account
    keeps its number when the mapping changes."""
    try:
        candidate = journal.normalised(journal.AccountMapping(**body.model_dump()))
    except ArithmeticError:
        candidate = journal.AccountMapping(**body.model_dump())
    faults = journal.mapping_errors(candidate)
    if faults:
        raise UnprocessableEntity(
            "The account mapping is not valid: "
            + "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in faults),
            field=str(faults[0][0][0]),
            errors=[e for loc, msg in faults for e in field_error("body", *loc, msg=msg)],
        )
    return (await service.set_mapping(session, identity.tenant_id, candidate)).to_json()
