"""Bank statements (Norma 43, camt.053): the files imported, their lines, and the review list."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_shared.contract import Answer
from cartera_shared.text import Input
from cartera_shared.wire import Money, UtcTimestamp

DECIMAL = "decimal, as a string"
StatementFormat = Literal["norma43", "camt053"]
LineStatus = Literal[
    "matched", "proposed", "unmatched", "applied", "dismissed", "outgoing", "other_account"
]


class ApplyIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13"}]},
    )

    invoice_id: uuid.UUID | None = Field(
        default=None, description="The invoice the line pays; the proposed one when absent."
    )
    confirm_overpayment: bool = Field(
        default=False, description="Keep what exceeds the amount owed as the client's credit."
    )


class DismissIn(Input):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "Refund from a supplier, not a client"}]},
    )

    reason: str = Field(min_length=1, max_length=500)


LINE_EXAMPLE: JsonDict = {
    "id": "4a6c8e0a-2c4e-4a6c-8e0a-2c4e6a8c0e2a",
    "statement_id": "1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d",
    "seq": 1,
    "booked_on": "2026-03-10",
    "value_on": "2026-03-10",
    "amount": "605.00",
    "reference": "F2026-000042",
    "remittance": "PAGO FACTURA F2026-000042",
    "counterparty_name": "FERRETERIA SUR SL",
    "counterparty_account": "ES7620770024003102575766",
    "bank_reference": "0000012345",
    "status": "matched",
    "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
    "confidence": "exact",
    "payment_id": "3c9e1f7a-2b4d-4a6c-8e0f-1a3b5c7d9e2f",
    "note": None,
}


class StatementLine(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [LINE_EXAMPLE]})

    id: uuid.UUID
    statement_id: uuid.UUID
    seq: int
    booked_on: dt.date
    value_on: dt.date
    amount: Money = Field(description=f"Positive: a credit; negative: a charge ({DECIMAL}).")
    reference: str | None
    remittance: str | None
    counterparty_name: str | None
    counterparty_account: str | None
    bank_reference: str | None
    status: LineStatus
    invoice_id: uuid.UUID | None = Field(description="The invoice matched or proposed.")
    confidence: str | None = Field(description="How the proposal was found (exact, partial...).")
    payment_id: uuid.UUID | None
    note: str | None


class LineCounts(Answer):
    matched: int
    proposed: int
    unmatched: int
    applied: int
    dismissed: int
    outgoing: int
    other_account: int


class StatementAccount(Answer):
    statement_id: uuid.UUID
    account: str
    applied: bool = Field(description="Whether it is the tenant's account (matched and applied).")
    lines: int


STATEMENT_EXAMPLE: JsonDict = {
    "id": "1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d",
    "format": "norma43",
    "account": "2100/0418/0200051332",
    "currency": "EUR",
    "opening_balance": "10000.00",
    "closing_balance": "10605.00",
    "first_booked_on": "2026-03-10",
    "last_booked_on": "2026-03-10",
    "filename": "extracto-marzo.n43",
    "imported_at": "2026-03-11T08:00:00.123456Z",
    "applied": True,
    "lines": {
        "matched": 1,
        "proposed": 0,
        "unmatched": 0,
        "applied": 0,
        "dismissed": 0,
        "outgoing": 0,
        "other_account": 0,
    },
    "items": [LINE_EXAMPLE],
}


class BankStatement(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [STATEMENT_EXAMPLE]})

    id: uuid.UUID
    format: StatementFormat
    account: str = Field(description="IBAN (camt.053) or bank/branch/account (Norma 43).")
    currency: str
    opening_balance: Money = Field(description=DECIMAL)
    closing_balance: Money = Field(description=DECIMAL)
    first_booked_on: dt.date | None
    last_booked_on: dt.date | None
    filename: str | None
    imported_at: UtcTimestamp = Field(description="When (RFC 3339, UTC, `Z`).")
    applied: bool = Field(description="Whether it is the tenant's account (matched and applied).")
    lines: LineCounts = Field(description="How many lines have each status.")
    items: list[StatementLine]


class ImportedStatement(BankStatement):
    """The tenant's account's statement, and every account the file held."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                STATEMENT_EXAMPLE
                | {
                    "accounts": [
                        {
                            "statement_id": "1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d",
                            "account": "2100/0418/0200051332",
                            "applied": True,
                            "lines": 1,
                        }
                    ]
                }
            ]
        }
    )

    accounts: list[StatementAccount]


class StatementSummary(Answer):
    id: uuid.UUID
    format: StatementFormat
    account: str
    applied: bool
    filename: str | None
    imported_at: UtcTimestamp = Field(description="When (RFC 3339, UTC, `Z`).")
    waiting_for_review: int = Field(description="Lines proposed or unmatched.")


class StatementList(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "id": "1d3f5b7d-9f1b-4d3f-8b7d-9f1b3d5f7b9d",
                            "format": "norma43",
                            "account": "2100/0418/0200051332",
                            "applied": True,
                            "filename": "extracto-marzo.n43",
                            "imported_at": "2026-03-11T08:00:00.123456Z",
                            "waiting_for_review": 0,
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[StatementSummary] = Field(description="Newest first.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class StatementLines(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [LINE_EXAMPLE], "next_cursor": None}]}
    )

    items: list[StatementLine] = Field(
        description="By booking day, then place in the statement; at most `limit`."
    )
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


# A Norma 43 file of one account with one credit (80-character records, CRLF), as the upload's
# example.
NORMA43_EXAMPLE = (
    "112100041802000513322603102603102000000000000009783TALLERES SL                  \r\n"
    "22    0418260310260310020992000000000605000000004711            REF2            \r\n"
    "2301FACTURA F2026-000042                                                        \r\n"
    "3321000418020005133200000000000000000000000100000000060500200000000060500978    \r\n"
    "88999999999999999999000004                                                      \r\n"
)
