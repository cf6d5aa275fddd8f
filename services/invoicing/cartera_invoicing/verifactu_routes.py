"""The tenant's VERI*FACTU records and their submission: the list (by status, a page at a time)
and the reconciliation with what the AEAT holds."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import exists, select

from cartera_invoicing import verifactu_status as status
from cartera_invoicing.dependencies import ReadIdentity, Verifactu
from cartera_invoicing.models import verifactu_records
from cartera_invoicing.reconcile import reconcile_period
from cartera_invoicing.schemas import Reconciliation, RecordPage
from cartera_shared.contract import errors
from cartera_shared.edge import Runtime, TenantSession
from cartera_shared.pagination import Keyset, ListCursor, ListOrder
from cartera_shared.problems import Code, ServiceUnavailable

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/verifactu", tags=["verifactu"], responses=errors())


@router.get("/records", response_model=RecordPage)
async def list_verifactu_records(
    identity: ReadIdentity,
    session: TenantSession,
    status_filter: Annotated[
        status.Status | None,
        Query(
            alias="status",
            description="pending, sent, accepted, accepted_with_errors or rejected.",
        ),
    ] = None,
    current: Annotated[
        bool,
        Query(
            description="Only each invoice's last record (a record corrected or followed by an "
            "anulación is left out): with status=rejected, the records still to correct."
        ),
    ] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: ListCursor = None,
    order: ListOrder = "oldest",
) -> dict[str, Any]:
    """The tenant's VERI*FACTU records with their submission (status, CSV, the AEAT's error,
    attempts), in the order they were made or newest first, a page at a time
    (`next_cursor`). `status=rejected&current=true` lists those still to correct (a rejected
    record stays rejected for ever; its correction is a new record)."""
    keyset = Keyset(verifactu_records.c.recorded_at, verifactu_records.c.id, order, cursor)
    shown = [column for column in verifactu_records.c if column.name != "xml"]
    query = select(*shown).where(verifactu_records.c.tenant_id == identity.tenant_id)
    if status_filter is not None:
        query = query.where(verifactu_records.c.status == status_filter)
    if current:
        later = verifactu_records.alias("later")
        query = query.where(
            ~exists().where(
                later.c.tenant_id == verifactu_records.c.tenant_id,
                later.c.invoice_id == verifactu_records.c.invoice_id,
                later.c.position > verifactu_records.c.position,
            )
        )
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    page, next_cursor = keyset.page(rows, limit)
    return {"items": [status.record_view(row) for row in page], "next_cursor": next_cursor}


@router.get("/reconciliation", response_model=Reconciliation)
async def reconcile_verifactu(
    identity: ReadIdentity,
    runtime: Runtime,
    verifactu: Verifactu,
    year: Annotated[int, Query(ge=2024, le=2100)],
    month: Annotated[int, Query(ge=1, le=12)],
) -> dict[str, Any]:
    """Ask the AEAT what it holds for each of the tenant's issuers in the month of the invoices'
    issue date (every page), and name every difference from what Cartera believes: held there
    but not accepted here, accepted here but not held there, a different huella, a different
    state."""
    parts = verifactu.parts
    if parts is None:
        raise ServiceUnavailable(
            "Records are not sent to the AEAT from this installation, so it cannot be asked.",
            code=Code.NOT_CONFIGURED,
        )
    try:
        # The AEAT is asked between the service's transactions: not a request-wide session.
        return await reconcile_period(
            runtime.sessions,
            parts,
            tenant_id=identity.tenant_id,
            year=year,
            month=month,
        )
    except parts.unavailable as exc:
        log.warning(
            "the AEAT did not answer a reconciliation", extra={"kind": getattr(exc, "kind", None)}
        )
        raise ServiceUnavailable(
            "The AEAT did not answer; try again later.", code=Code.AEAT_UNAVAILABLE, retry_after=60
        ) from exc
