"""SEPA Core direct debits: the creditor, the debtors' mandates, remittances and returns."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field

from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import Money, UtcTimestamp

DECIMAL = "decimal, as a string"


class CreditorIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Instalaciones Levante S.L.",
                    "iban": "ES9121000418450200051332",
                    "bic": "CAIXESBBXXX",
                    "nif": "B98765431",
                }
            ]
        },
    )

    name: str = Field(min_length=1, max_length=140)
    iban: str = Field(min_length=5, max_length=42)
    bic: str = Field(min_length=8, max_length=11)
    nif: str = Field(min_length=9, max_length=12)
    suffix: str = Field(default="000", pattern=r"^[A-Z0-9]{3}$")


class MandateIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "examples": [
                {
                    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                    "reference": "MND-000123",
                    "signed_on": "2026-01-15",
                    "debtor_name": "Ferretería Sur SL",
                    "iban": "ES7620770024003102575766",
                    "bic": "CAHMESMMXXX",
                }
            ]
        },
    )

    client_id: uuid.UUID
    reference: str = Field(min_length=1, max_length=35)
    signed_on: dt.date
    debtor_name: str = Field(min_length=1, max_length=140)
    iban: str = Field(min_length=5, max_length=42)
    bic: str | None = Field(default=None, max_length=11)


class RemittanceIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"collection_date": "2026-04-05", "due_until": "2026-04-05"}]
        },
    )

    collection_date: dt.date
    due_until: dt.date | None = Field(
        default=None, description="Collect instalments due up to this day (the collection date)."
    )


class ReturnIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"end_to_end_id": "F2026-000042-1", "reason": "AM04 fondos insuficientes"}]
        },
    )

    end_to_end_id: str = Field(min_length=1, max_length=35)
    reason: str = Field(min_length=1, max_length=500, description="e.g. the R-transaction code")


class SepaCreditor(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Instalaciones Levante S.L.",
                    "iban": "ES9121000418450200051332",
                    "bic": "CAIXESBBXXX",
                    "creditor_id": "ES29000B98765431",
                }
            ]
        }
    )

    name: str
    iban: str
    bic: str
    creditor_id: str = Field(description="SEPA creditor identifier, computed from the NIF.")


class Mandate(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "7a1c3e5f-9b2d-4f6a-8c0e-2d4f6a8c0e1b",
                    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                    "reference": "MND-000123",
                    "signed_on": "2026-01-15",
                    "iban": "ES7620770024003102575766",
                    "status": "active",
                }
            ]
        }
    )

    id: uuid.UUID
    client_id: uuid.UUID
    reference: str
    signed_on: dt.date
    iban: str
    status: str


DeferralReason = Literal[
    "mandate_expired", "first_collection_not_yet_confirmed", "first_collection_in_this_remittance"
]


class DeferredCollection(Answer):
    """An instalment due that this remittance does not collect, and why."""

    invoice_id: uuid.UUID
    invoice_number: str
    seq: int
    mandate_reference: str
    reason: DeferralReason
    mandate_expired_on: dt.date | None = Field(description="Set when the reason is expiry.")


class Remittance(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2b4d6f8a-0c1e-4a3c-9e5f-7a9c1e3b5d7f",
                    "message_id": "CARTERA-2B4D6F8A0C1E4A3C9E5F",
                    "status": "created",
                    "count": 2,
                    "total": "1815.00",
                    "collection_date": "2026-04-05",
                    "deferred": [
                        {
                            "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
                            "invoice_number": "F2026-000042",
                            "seq": 2,
                            "mandate_reference": "MND-000123",
                            "reason": "first_collection_in_this_remittance",
                            "mandate_expired_on": None,
                        }
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    message_id: str = Field(description="The pain.008 file's MsgId.")
    status: str
    count: int = Field(description="Debits in the file.")
    total: Money = Field(description=DECIMAL)
    collection_date: dt.date
    deferred: list[DeferredCollection]


class RemittanceConfirmed(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": "2b4d6f8a-0c1e-4a3c-9e5f-7a9c1e3b5d7f", "status": "confirmed", "payments": 2}
            ]
        }
    )

    id: uuid.UUID
    status: str
    payments: int = Field(description="Payments recorded, one per debit.")


class DebitReturned(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"end_to_end_id": "F2026-000042-1", "status": "returned"}]}
    )

    end_to_end_id: str
    status: str


class ReturnedDebit(Answer):
    remittance_id: uuid.UUID
    end_to_end_id: str
    invoice_id: uuid.UUID
    invoice_number: str
    client_id: uuid.UUID
    mandate_reference: str
    amount: Money = Field(description="What the debit asked for and the bank gave back.")
    returned_at: UtcTimestamp = Field(
        description="When the return was recorded (RFC 3339, UTC, `Z`)."
    )
    reason: str | None = Field(
        description="The bank's reason as recorded (e.g. the R-transaction code); null for "
        "returns recorded before 2026-12-07."
    )
    still_owed: Money = Field(description="What the debit's instalment owes now.")
    presented_again: bool = Field(
        description="The instalment went out again in a later remittance (whose own return, if "
        "any, is listed on its own)."
    )


class ReturnedDebitList(Answer):
    """Returned debits, newest first, a page at a time (`next_cursor`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "remittance_id": "2b4d6f8a-0c1e-4a3c-9e5f-7a9c1e3b5d7f",
                            "end_to_end_id": "F2026-000042-1",
                            "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
                            "invoice_number": "F2026-000042",
                            "client_id": "8c1e3a5f-7b9d-4f1a-8c3e-5a7c9e1b3d5f",
                            "mandate_reference": "MND-000123",
                            "amount": "605.00",
                            "returned_at": "2026-04-09T08:15:00.000000Z",
                            "reason": "AM04 fondos insuficientes",
                            "still_owed": "605.00",
                            "presented_again": False,
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[ReturnedDebit]
    next_cursor: str | None
