"""Cancelling an invoice issued by mistake: a Verifactu anulación, and `invoice.cancelled`.

Art. 11.1 of the Reglamento approved by RD 1007/2023 has an anulación record made when an
invoice was issued by mistake; the AEAT's description of the web service (1.0.3, annex II 9.2.1)
keeps it for the cases where no rectifying invoice (or another mechanism of the Reglamento de
facturación, RD 1619/2012) applies, "por ejemplo que se haya expedido una factura por error
cuando no ha habido una auténtica venta". So, decided here (docs/verifactu.md, "Corrections and
cancellations"):

- only an issued invoice is cancelled: a draft is deleted instead, and it has no number;
- never twice;
- never an invoice that has been rectified (its rectifications show the operation was real and
  already treated by art. 15 RD 1619/2012), nor a rectifying invoice (a wrong rectification is
  put right by another rectification of the original, the Reglamento's own mechanism);
- the reason is required and kept.

The invoice keeps its row and its number (series stay gapless); its status becomes "cancelled",
and the anulación follows the issuer's chain like any other record. The event carries the
invoice as issued, so every consumer can undo what the invoice did even if it has not met the
invoice yet.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import ConfigDict, Field
from sqlalchemy import func, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse

from cartera_invoicing.domain.serialize import invoice_from_json
from cartera_invoicing.domain.verifactu_operations import Refused, cancellation_of
from cartera_invoicing.invoices import issuing, service
from cartera_invoicing.invoices.schemas import InvoiceRead
from cartera_invoicing.models import idempotency_keys, invoices
from cartera_invoicing.verifactu.corrections import (
    Producer,
    anulacion_builder,
    append_record,
    records_of,
    refusal,
    states,
    system_for,
)
from cartera_shared import idempotency
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.invoices import INVOICE_CANCELLED_VERSION, InvoiceCancelled
from cartera_shared.problems import Code, Conflict
from cartera_shared.text import Input
from cartera_shared.wire import utc_text


class CancelIn(Input):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Issued twice by mistake; no sale took place."}]}
    )

    reason: str = Field(
        min_length=1,
        max_length=500,
        description="Why the invoice was issued by mistake; kept with it and published.",
    )


def refuse_if_not_cancellable(row: RowMapping, rectifications: list[RowMapping]) -> None:
    number = row["number"]
    if row["status"] == "draft":
        raise Conflict(
            "A draft is not cancelled: it has no number yet; delete it (DELETE /v1/invoices/{id}).",
            code=Code.INVOICE_DRAFT,
            reason="draft",
        )
    if row["status"] == "cancelled":
        raise Conflict(
            f"Invoice {number} is cancelled already.",
            code=Code.INVOICE_CANCELLED,
            reason="cancelled",
        )
    if row["rectifies_id"] is not None:
        raise Conflict(
            f"Invoice {number} is a rectifying invoice; a wrong rectification is put right by "
            "another rectification of the invoice it rectifies, not cancelled.",
            code=Code.INVOICE_RECTIFYING,
            reason="rectifying",
        )
    if rectifications:
        raise Conflict(
            f"Invoice {number} has been rectified ({rectifications[-1]['number']}): its "
            "operation is real and treated by rectifying invoices, so it cannot be cancelled.",
            code=Code.INVOICE_RECTIFIED,
            reason="rectified",
        )


def no_longer_valid(row: RowMapping) -> str:
    """Why a cancelled invoice is not printed or sent as a valid invoice."""
    when = row["cancelled_at"].date().isoformat() if row["cancelled_at"] else "?"
    return (
        f"Invoice {row['number']} was cancelled on {when}; it is no longer a valid invoice. "
        "Its Verifactu records stay at GET /v1/invoices/{id}/verifactu/records."
    )


async def cancel(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    data: CancelIn,
    actor: str,
    idempotency_key: str | None,
    producer: Producer = (None, None),
) -> JSONResponse:
    """Cancel an issued invoice in the caller's transaction; the answer is the invoice as the
    API shows it."""

    async def cancel_locked() -> dict[str, Any]:
        # Locked first: rectifying it (which locks it too) and cancelling it wait for each other.
        row = await service.get(session, tenant_id=tenant_id, invoice_id=invoice_id, lock=True)
        rectifications = await service.rectifications_of(session, tenant_id, row["id"])
        refuse_if_not_cancellable(row, rectifications)
        try:
            operation = cancellation_of(states(await records_of(session, tenant_id, invoice_id)))
        except Refused as exc:
            raise refusal(f"Invoice {row['number']} cannot be cancelled", exc) from exc
        invoice = invoice_from_json(row["issued"])
        stored = await append_record(
            session,
            tenant_id=tenant_id,
            issuer_tax_id=invoice.issuer.tax_id,
            invoice_id=invoice_id,
            build=anulacion_builder(invoice, system_for(tenant_id, invoice, producer), operation),
        )
        cancelled = await _mark_cancelled(session, row, data.reason, actor, stored)
        await _publish(session, tenant_id, cancelled)
        return issuing.read_model(cancelled)

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=tenant_id,
        key=idempotency_key,
        operation=f"cancel:{invoice_id}",
        payload=data,
        work=cancel_locked,
        status_code=200,
        answer_model=InvoiceRead,
    )


async def _mark_cancelled(
    session: AsyncSession, row: RowMapping, reason: str, actor: str, record: RowMapping
) -> RowMapping:
    updated: RowMapping = (
        (
            await session.execute(
                update(invoices)
                .where(invoices.c.id == row["id"])
                .values(
                    status="cancelled",
                    cancelled_at=func.now(),
                    cancellation={
                        "reason": reason,
                        "cancelled_by": actor,
                        "verifactu_position": record["position"],
                        "verifactu_huella": record["huella"],
                    },
                    updated_at=func.now(),
                )
                .returning(invoices)
            )
        )
        .mappings()
        .one()
    )
    return updated  # read_model takes the series from the issued invoice


async def _publish(session: AsyncSession, tenant_id: uuid.UUID, row: RowMapping) -> None:
    cancellation = row["cancellation"]
    data = {
        **row["issued"],
        "client_id": str(row["client_id"]) if row["client_id"] else None,
        "cancellation": {
            "reason": cancellation["reason"],
            "cancelled_at": utc_text(row["cancelled_at"]),
            "cancelled_by": cancellation["cancelled_by"],
            "verifactu_huella": cancellation["verifactu_huella"],
        },
    }
    InvoiceCancelled.model_validate(data)  # the shared contract, checked before it leaves
    envelope = new_envelope(
        type=topics.INVOICE_CANCELLED,
        version=INVOICE_CANCELLED_VERSION,
        tenant_id=tenant_id,
        producer=service.PRODUCER,
        subject=row["id"],
        sequence=2,  # the invoice's second and last event: issued, then cancelled
        data=data,
    )
    await service.publish(session, envelope, topics.INVOICE_CANCELLED)


__all__ = ["CancelIn", "cancel", "no_longer_valid", "refuse_if_not_cancellable"]
