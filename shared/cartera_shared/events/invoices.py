"""Contract of `invoice.cancelled`: an issued invoice cancelled with a Verifactu anulación.

The event carries the invoice as it was issued (the same document `invoice.issued` carries:
number, parties, `amounts`, `due_dates`, `client_id`) and, beside it, `cancellation`. So a
consumer that meets the cancellation before the issue (they travel on different topics, and
order across topics is not guaranteed) has everything it needs to know what it undoes.

What it means for everyone: the invoice's number stays used (series are gapless), nothing is
owed on it any more, and it no longer counts in any figure. It is never rectified afterwards,
and a rectifying invoice, or an invoice already rectified, is never cancelled (invoicing refuses
both), so the cancelled invoice is always an original with no rectifications.

Models are tolerant readers (extra="ignore"): invoicing may add fields without a new version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

INVOICE_CANCELLED_VERSION = 1


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Cancellation(_Tolerant):
    reason: str = Field(min_length=1)
    cancelled_at: dt.datetime
    cancelled_by: str | None = None
    # The huella of the anulación record appended to the issuer's Verifactu chain.
    verifactu_huella: str


class CancelledTotals(_Tolerant):
    taxable_base: Decimal
    total: Decimal  # the total to pay that the invoice asked for


class CancelledAmounts(_Tolerant):
    totals: CancelledTotals


class InvoiceCancelled(_Tolerant):
    """The data of `invoice.cancelled` (envelope version `INVOICE_CANCELLED_VERSION`)."""

    id: uuid.UUID
    number: str
    series: str
    invoice_type: str
    issue_date: dt.date
    client_id: uuid.UUID | None = None
    currency: str = "EUR"
    amounts: CancelledAmounts
    due_dates: list[dict[str, Any]] = []
    cancellation: Cancellation


__all__ = ["INVOICE_CANCELLED_VERSION", "Cancellation", "InvoiceCancelled"]
