"""HTTP routes that act on an issued invoice's Verifactu records: correct them, cancel the
invoice, list them (reached only through the gateway)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from cartera_invoicing import cancellation, verifactu_corrections
from cartera_invoicing.dependencies import IdempotencyKey, Producer, ReadIdentity, WriteIdentity
from cartera_invoicing.schemas import InvoiceRead, InvoiceRecords, RecordCorrection
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession

router = APIRouter(responses=errors())


@router.post(
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


@router.post(
    "/v1/invoices/{invoice_id}/cancel",
    response_model=InvoiceRead,
    tags=["invoices"],
    responses=errors(404, 409),
)
async def cancel_invoice(
    invoice_id: uuid.UUID,
    body: cancellation.CancelIn,
    identity: WriteIdentity,
    session: TenantSession,
    producer: Producer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Cancel an invoice issued by mistake: a Verifactu anulación is appended to the issuer's
    chain, the invoice becomes `cancelled` (its number stays used) and `invoice.cancelled` tells
    collections (nothing owed; payments become the client's credit), analytics and crm. Not for
    drafts, rectifying invoices, invoices already rectified or already cancelled."""
    return await cancellation.cancel(
        session,
        tenant_id=identity.tenant_id,
        invoice_id=invoice_id,
        data=body,
        actor=identity.subject,
        idempotency_key=idempotency_key,
        producer=producer,
    )


@router.get(
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


__all__ = ["router"]
