"""The tenant's VERI*FACTU records and their submission: the list (by status, a page at a time),
the verification of the chains, the reconciliation with what the AEAT holds; one invoice's
records: their correction and their list."""

from __future__ import annotations

import logging
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from sqlalchemy import exists, func, select

from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.dependencies import (
    IdempotencyKey,
    Producer,
    ReadIdentity,
    Verifactu,
    WriteIdentity,
)
from cartera_invoicing.models import verifactu_records
from cartera_invoicing.verifactu import chain as verifactu_chain
from cartera_invoicing.verifactu import corrections as verifactu_corrections
from cartera_invoicing.verifactu import status
from cartera_invoicing.verifactu.reconcile import reconcile_period
from cartera_invoicing.verifactu.schemas import (
    ChainVerification,
    InvoiceRecords,
    Reconciliation,
    RecordCorrection,
    RecordPage,
    RecordSummary,
)
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


@router.get("/summary", response_model=RecordSummary)
async def summarise_verifactu_records(
    identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """Counts of the tenant's records that need attention: rejected ones still to correct (each
    invoice's last record), those waiting for the AEAT's answer, and those accepted with errors;
    and, when records wait, whether something on Cartera's side keeps them from being sent."""
    later = verifactu_records.alias("later")
    last = ~exists().where(
        later.c.tenant_id == verifactu_records.c.tenant_id,
        later.c.invoice_id == verifactu_records.c.invoice_id,
        later.c.position > verifactu_records.c.position,
    )
    counted = (
        await session.execute(
            select(
                func.count().filter(verifactu_records.c.status == status.REJECTED, last),
                func.count().filter(verifactu_records.c.status.in_(status.WAITING)),
                func.count().filter(
                    verifactu_records.c.status == status.ACCEPTED_WITH_ERRORS, last
                ),
            ).where(verifactu_records.c.tenant_id == identity.tenant_id)
        )
    ).one()
    blocked = None
    if counted[1]:
        issuers = (
            await session.scalars(
                select(verifactu_records.c.issuer_tax_id)
                .where(
                    verifactu_records.c.tenant_id == identity.tenant_id,
                    verifactu_records.c.status.in_(status.WAITING),
                )
                .distinct()
            )
        ).all()
        blocked = await certificates.sending_blocked(session, identity.tenant_id, sorted(issuers))
    return {
        "rejected": counted[0],
        "waiting": counted[1],
        "accepted_with_errors": counted[2],
        "sending_blocked": blocked,
    }


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


@router.get("/chain/verify", response_model=ChainVerification)
async def verify_verifactu_chains(identity: ReadIdentity, session: TenantSession) -> dict[str, Any]:
    """Recompute every record's fingerprint and every link of the tenant's chains; name the
    first broken link of each chain."""
    chains = await verifactu_chain.verify_all(session, identity.tenant_id)
    return {"ok": all(c["ok"] for c in chains), "chains": chains}


# The routes on one invoice's records: correct them, list them (the invoice's cancellation is an
# invoices route).
invoice_records_router = APIRouter(responses=errors())


@invoice_records_router.post(
    "/v1/invoices/{invoice_id}/verifactu/correction",
    status_code=201,
    response_model=RecordCorrection,
    tags=["verifactu"],
    responses=errors(404, 409),
)
async def correct_verifactu_record(
    invoice_id: uuid.UUID,
    identity: WriteIdentity,
    session: TenantSession,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Correct the invoice's last Verifactu record (subsanación): a new record of the same
    invoice, rebuilt from the issued invoice with today's rules and issuer profile, appended to
    the issuer's chain with Subsanacion and RechazoPrevio as the AEAT's answers require. The
    invoice itself never changes. Refused (409) while a record waits for the AEAT's answer, and
    when the AEAT accepted the record without errors and the rebuilt one says the same."""
    return await verifactu_corrections.correct(
        session,
        tenant_id=identity.tenant_id,
        invoice_id=invoice_id,
        idempotency_key=idempotency_key,
        producer=producer,
    )


@invoice_records_router.get(
    "/v1/invoices/{invoice_id}/verifactu/records",
    response_model=InvoiceRecords,
    tags=["verifactu"],
    responses=errors(404),
)
async def list_invoice_records(
    invoice_id: uuid.UUID, identity: ReadIdentity, session: TenantSession
) -> dict[str, Any]:
    """Every Verifactu record of the invoice in chain order (its alta, corrections and
    anulación), each with its flags and the AEAT's answer."""
    return await verifactu_corrections.invoice_records(session, identity.tenant_id, invoice_id)
