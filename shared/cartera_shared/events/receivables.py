"""Contracts of what collections publishes: `payment.recorded`, `payment.reversed`,
`receivable.settled`, `receivable.overdue`, `dunning.sent` and `dunning.hold_changed`.

A receivable is what is owed on one invoice (in instalments, from its `due_dates`). Amounts are
decimals as strings, in the invoice's currency. Tolerant readers: collections may add fields
without a new version.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from cartera_shared.events.base import Day, Id, Tolerant
from cartera_shared.wire import Money

COLLECTIONS_EVENT_VERSION = 1

_INVOICE_ID = "0b6c1f0e-5d1a-4b53-9a43-2f1e8f7a9c10"
_CLIENT_ID = "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b"
_RECEIVABLE_ID = "8e2b7c4d-1a3f-4b5e-8c7d-6f5e4d3c2b1a"
_PAYMENT_EXAMPLE: dict[str, Any] = {
    "id": "c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b",
    "invoice_id": _INVOICE_ID,
    "invoice_number": "F2026-000042",
    "client_id": _CLIENT_ID,
    "amount": "121.00",
    "applied": "121.00",
    "credit": "0.00",
    "currency": "EUR",
    "paid_on": "2026-03-20",
    "method": "transfer",
    "allocations": [{"seq": 1, "amount": "121.00"}],
    "reversed": False,
    "receivable_status": "settled",
}


class Allocation(Tolerant):
    seq: int = Field(description="The instalment's number (1 is the first due date).")
    amount: Money = Field(description="The part of the payment applied to it.")


class PaymentRecorded(Tolerant):
    """`payment.recorded`: money received against an invoice (by hand, a bank statement line or a
    direct debit). The envelope's subject is the payment's id."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PAYMENT_EXAMPLE]})

    id: Id
    invoice_id: Id
    invoice_number: str
    client_id: Id | None = None
    amount: Money = Field(description="What was received.")
    applied: Money = Field(description="The part of it that paid what was owed.")
    credit: Money = Field(description="The part beyond what was owed (an overpayment).")
    currency: str = "EUR"
    paid_on: Day
    method: str = Field(description="transfer, direct_debit, card, cash, cheque or other.")
    allocations: list[Allocation] = Field(description="How `applied` went to the instalments.")
    reversed: bool = False
    receivable_status: str = Field(
        description="The receivable's status after it: open, partially_paid, settled or cancelled."
    )


class PaymentReversed(PaymentRecorded):
    """`payment.reversed`: a recorded payment undone (a returned direct debit, a mistake). What
    it paid is owed again; the data is the payment as it was recorded, with `reversed` true and
    `reason`. The envelope's subject is the payment's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_PAYMENT_EXAMPLE,
                    "reversed": True,
                    "receivable_status": "open",
                    "reason": "Recibo devuelto (AC04)",
                }
            ]
        }
    )

    reason: str = Field(description="Why it was reversed.")


class ReceivableSettled(Tolerant):
    """`receivable.settled`: an invoice is paid in full. The envelope's subject is the invoice's
    id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "receivable_id": _RECEIVABLE_ID,
                    "invoice_id": _INVOICE_ID,
                    "invoice_number": "F2026-000042",
                    "client_id": _CLIENT_ID,
                    "amount": "121.00",
                    "currency": "EUR",
                    "settled_on": "2026-03-20",
                }
            ]
        }
    )

    receivable_id: Id
    invoice_id: Id
    invoice_number: str
    client_id: Id | None = None
    amount: Money = Field(description="What the invoice asked to be paid.")
    currency: str = "EUR"
    settled_on: Day = Field(description="The day of the payment that settled it.")


class ReceivableOverdue(Tolerant):
    """`receivable.overdue`: one instalment of an invoice passed its due date unpaid. Published
    once per instalment; the envelope's subject is the invoice's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "receivable_id": _RECEIVABLE_ID,
                    "invoice_id": _INVOICE_ID,
                    "invoice_number": "F2026-000042",
                    "client_id": _CLIENT_ID,
                    "instalment": 1,
                    "due_on": "2026-04-01",
                    "overdue_since": "2026-04-02",
                    "outstanding": "121.00",
                    "currency": "EUR",
                }
            ]
        }
    )

    receivable_id: Id
    invoice_id: Id
    invoice_number: str
    client_id: Id | None = None
    instalment: int = Field(description="The instalment's number (1 is the first due date).")
    due_on: Day
    overdue_since: Day = Field(description="The day after `due_on`.")
    outstanding: Money = Field(description="What is still owed on the instalment.")
    currency: str = "EUR"


class DunningSent(Tolerant):
    """`dunning.sent`: a payment reminder was made for an overdue invoice (once per level). `to`
    is null when the client has no address to send it to. The envelope's subject is the
    invoice's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "notice_id": "d4e5f607-1829-4a3b-8c5d-6e7f8091a2b3",
                    "invoice_id": _INVOICE_ID,
                    "invoice_number": "F2026-000042",
                    "client_id": _CLIENT_ID,
                    "level": 1,
                    "tone": "friendly",
                    "to": "administracion@talleresruiz.es",
                    "outstanding": "121.00",
                    "days_late": 3,
                }
            ]
        }
    )

    notice_id: Id
    invoice_id: Id
    invoice_number: str
    client_id: Id | None = None
    level: int = Field(description="The reminder's level (1 first; the tenant sets the levels).")
    tone: str = Field(description="friendly, formal or final.")
    to: str | None = Field(description="The address it was sent to; null if there was none.")
    outstanding: Money = Field(description="What is owed and late, summed.")
    days_late: int = Field(description="Days since the oldest unpaid instalment fell due.")


class DunningHoldChanged(Tolerant):
    """`dunning.hold_changed`: a dunning hold was placed on a client or an invoice (nobody chases
    it: a dispute, a payment plan agreed), or released (`released` true). The envelope's subject
    is the hold's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "hold_id": "6e8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c3e",
                    "client_id": None,
                    "invoice_id": _INVOICE_ID,
                    "until": "2026-05-31",
                    "reason": "Importe en disputa: el cliente reclama la instalación",
                    "released": False,
                }
            ]
        }
    )

    hold_id: Id
    client_id: Id | None = Field(description="The client held; null for a hold on an invoice.")
    invoice_id: Id | None = Field(description="The invoice held; null for a hold on a client.")
    until: Day | None = Field(description="Last day of the hold; null: until released.")
    reason: str
    released: bool = Field(description="True when the hold was released (it no longer holds).")


__all__ = [
    "COLLECTIONS_EVENT_VERSION",
    "DunningHoldChanged",
    "DunningSent",
    "PaymentRecorded",
    "PaymentReversed",
    "ReceivableOverdue",
    "ReceivableSettled",
]
