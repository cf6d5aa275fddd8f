"""Receivables and payments: what is owed, invoice by invoice, and what was paid on it."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_collections.late_interest.schemas import LatePaymentLaw
from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import Money, UtcTimestamp

DECIMAL = "decimal, as a string"
PaymentMethod = Literal["transfer", "direct_debit", "card", "cash", "cheque", "other"]


class PaymentIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
                    "amount": "605.00",
                    "paid_on": "2026-03-10",
                    "method": "transfer",
                    "reference": "TRF 2026-03-10 Ferretería Sur",
                }
            ]
        },
    )

    invoice_id: uuid.UUID
    amount: Annotated[Decimal, Field(gt=0, max_digits=14, decimal_places=2)]
    paid_on: dt.date
    method: PaymentMethod = "transfer"
    reference: str | None = Field(default=None, max_length=140)
    confirm_overpayment: bool = Field(
        default=False, description="Keep what exceeds the amount owed as the client's credit."
    )


class ReversalIn(Input):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "Adeudo devuelto (AM04)"}]}
    )

    reason: str = Field(min_length=1, max_length=500, description="e.g. a returned direct debit")


class InstalmentState(Answer):
    seq: int
    due_on: dt.date
    amount: Money = Field(description=DECIMAL)
    paid: Money = Field(description=DECIMAL)
    outstanding: Money = Field(description=DECIMAL)
    status: str = Field(description="open, partially_paid, settled or overdue.")
    days_overdue: int = Field(description="Days since the due date when overdue, else 0.")


class Receivable(Answer):
    id: uuid.UUID
    invoice_id: uuid.UUID
    invoice_number: str
    client_id: uuid.UUID | None
    issue_date: dt.date
    currency: str
    invoiced: Money = Field(description=f"The invoice's total to pay ({DECIMAL}).")
    amount: Money = Field(description=f"What is owed after rectifications ({DECIMAL}).")
    paid: Money = Field(description=DECIMAL)
    outstanding: Money = Field(description=DECIMAL)
    status: Literal["open", "partially_paid", "settled", "cancelled"]
    cancelled_at: UtcTimestamp | None = Field(description="When (RFC 3339, UTC, `Z`).")
    cancellation_reason: str | None
    late_payment_law: LatePaymentLaw | None = Field(
        description="Whether Ley 3/2004 covers the debt; null while the client is not known yet."
    )
    instalments: list[InstalmentState]


RECEIVABLE_EXAMPLE: JsonDict = {
    "id": "0e7d4c1b-6a2f-4b8e-9d35-7f1a2c6e4b90",
    "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
    "invoice_number": "F2026-000042",
    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
    "issue_date": "2026-02-01",
    "currency": "EUR",
    "invoiced": "1210.00",
    "amount": "1210.00",
    "paid": "605.00",
    "outstanding": "605.00",
    "status": "partially_paid",
    "cancelled_at": None,
    "cancellation_reason": None,
    "late_payment_law": {
        "applies": True,
        "debtor_kind": "company",
        "client_version": 3,
        "basis": "the debtor is a company: Ley 3/2004 applies",
    },
    "instalments": [
        {
            "seq": 1,
            "due_on": "2026-03-01",
            "amount": "605.00",
            "paid": "605.00",
            "outstanding": "0.00",
            "status": "settled",
            "days_overdue": 0,
        },
        {
            "seq": 2,
            "due_on": "2026-04-01",
            "amount": "605.00",
            "paid": "0.00",
            "outstanding": "605.00",
            "status": "open",
            "days_overdue": 0,
        },
    ],
}


class ReceivablePage(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [RECEIVABLE_EXAMPLE], "next_cursor": None}]}
    )

    items: list[Receivable]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class Allocation(Answer):
    seq: int = Field(description="The instalment paid.")
    amount: Money = Field(description=DECIMAL)


PAYMENT_EXAMPLE: JsonDict = {
    "id": "3c9e1f7a-2b4d-4a6c-8e0f-1a3b5c7d9e2f",
    "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
    "invoice_number": "F2026-000042",
    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
    "amount": "605.00",
    "applied": "605.00",
    "credit": "0.00",
    "currency": "EUR",
    "paid_on": "2026-03-10",
    "method": "transfer",
    "allocations": [{"seq": 1, "amount": "605.00"}],
    "reversed": False,
    "receivable_status": "partially_paid",
}


class Payment(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [PAYMENT_EXAMPLE]})

    id: uuid.UUID
    invoice_id: uuid.UUID
    invoice_number: str
    client_id: uuid.UUID | None
    amount: Money = Field(description=DECIMAL)
    applied: Money = Field(description=f"What went to the instalments ({DECIMAL}).")
    credit: Money = Field(description=f"What exceeded the amount owed: client credit ({DECIMAL}).")
    currency: str
    paid_on: dt.date
    method: str
    allocations: list[Allocation]
    reversed: bool
    receivable_status: str | None = Field(
        description="The receivable's status after this write; null in lists."
    )


class PaymentPage(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"items": [PAYMENT_EXAMPLE | {"receivable_status": None}], "next_cursor": None}
            ]
        }
    )

    items: list[Payment]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class OverdueRun(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [{"ran": True, "marked": 3}]})

    ran: bool = Field(description="False when another run held the lock.")
    marked: int = Field(description="Instalments marked overdue.")
