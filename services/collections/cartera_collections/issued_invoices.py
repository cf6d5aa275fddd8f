"""The receivable of an invoice a payment is for, even one issued a moment ago.

A receivable is made from `invoice.issued`, which reaches collections a moment after the issue.
A partner who issues an invoice and records its payment in the next call would otherwise find
nothing owed. So a payment for an invoice without a receivable asks the invoicing service for it
(`GET /v1/invoices/{id}`, as `service:collections`, scope `invoices:read`) and, if it is issued,
makes the receivable in the payment's own transaction, with the same code and the same figures as
the event; the event, when it comes, finds it and does nothing.
"""

from __future__ import annotations

import uuid

from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections import ledger
from cartera_shared.internal_calls import InternalClient
from cartera_shared.problems import Code, Conflict, UnprocessableEntity

READ_SCOPE = "invoices:read"


async def receivable_to_pay(
    session: AsyncSession, invoicing: InternalClient, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> RowMapping:
    """The invoice's receivable, locked; made now from the source when its event is yet to come.

    An invoice the tenant does not have (another tenant's looks the same), a draft and a
    rectifying invoice (whose amount goes to the receivable of the invoice it rectifies) are 422.
    """
    receivable = await ledger.find(session, tenant_id, invoice_id, lock=True)
    if receivable is not None:
        return receivable
    found = await invoicing.get(
        tenant_id, f"/v1/invoices/{invoice_id}", scope=READ_SCOPE, what=f"invoice {invoice_id}"
    )
    if found is None:
        raise UnprocessableEntity(
            f"invoice_id: there is no invoice {invoice_id}.",
            code=Code.UNKNOWN_REFERENCE,
            errors=[{"loc": ["body", "invoice_id"], "msg": "unknown invoice", "type": "unknown"}],
        )
    invoice, _ = found
    if invoice.get("status") == "cancelled":
        raise Conflict(
            f"Invoice {invoice.get('number')} was cancelled: nothing is owed on it. Money "
            "received for it is kept as the client's credit once collections has the "
            "cancellation (send confirm_overpayment=true then).",
            code=Code.INVOICE_CANCELLED,
            reason="cancelled",
        )
    if invoice.get("status") != "issued":
        raise UnprocessableEntity(
            f"invoice_id: invoice {invoice_id} is a draft; nothing is owed on it until it is "
            "issued.",
            code=Code.INVOICE_DRAFT,
            errors=[{"loc": ["body", "invoice_id"], "msg": "draft", "type": "not_issued"}],
        )
    if invoice.get("rectifies_id"):
        raise UnprocessableEntity(
            f"invoice_id: invoice {invoice.get('number')} rectifies invoice "
            f"{invoice['rectifies_id']}; what it changes is owed on that invoice's receivable.",
            code=Code.INVOICE_RECTIFYING,
            errors=[{"loc": ["body", "invoice_id"], "msg": "rectifying", "type": "rectifying"}],
        )
    try:
        to_collect = ledger.InvoiceToCollect.from_invoice_read(invoice)
    except ledger.UnusableInvoice as exc:
        raise invoicing.unavailable(
            f"answered invoice {invoice_id} without what a receivable needs ({exc})"
        ) from exc
    if to_collect.invoice_id != invoice_id:
        raise invoicing.unavailable(f"answered another invoice when asked for {invoice_id}")
    await ledger.open_receivable(session, tenant_id, to_collect)
    made = await ledger.find(session, tenant_id, invoice_id, lock=True)
    assert made is not None  # made above, or by the event that won the race to it
    return made
