"""What the accountant's desk answers: one line per business."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_gateway.people.schemas import Role
from cartera_shared.contract import Answer
from cartera_shared.wire import Money

# What a line may name in `unavailable`: the part whose figures are null because its service did
# not answer in time or answered an error.
Part = Literal[
    "verifactu", "overdue", "tax", "modelo_347", "bank_lines", "returned_debits", "certificate"
]
Reason = Literal[
    "verifactu_rejected",
    "verifactu_no_valid_certificate",
    "verifactu_submission_off",
    "bank_lines_unmatched",
    "direct_debits_returned",
    "webhooks_disabled",
    "certificate_expiring",
    "modelo_347_missing_tax_id",
]

LINE_EXAMPLE: JsonDict = {
    "tenant_id": "7d3c9a52-6f0e-4b8e-9a1d-2f4b6c8e0a13",
    "name": "Ferretería Sol S.L.",
    "role": "accountant",
    "verifactu": {"rejected": 1, "waiting": 2, "sending_blocked": None},
    "overdue": {"clients": 3, "amount": "4235.00"},
    "tax": {
        "year": 2026,
        "quarter": 4,
        "taxable_base_total": "18250.00",
        "vat_total": "3832.50",
        "surcharge_total": "0.00",
        "irpf_withheld_total": "450.00",
    },
    "modelo_347": {"year": 2026, "declarable": 4, "missing_tax_id": 0},
    "needs_human": [
        {"reason": "verifactu_rejected", "count": 1},
        {"reason": "bank_lines_unmatched", "count": 5},
        {"reason": "direct_debits_returned", "count": 1},
    ],
    "unavailable": [],
}


class VerifactuFigures(Answer):
    rejected: int | None = Field(description="Rejected records still to correct.")
    waiting: int | None = Field(description="Records not yet answered by the AEAT.")
    sending_blocked: Literal["submission_off", "no_valid_certificate"] | None = Field(
        description="Why the waiting records cannot be sent now: the business turned submission "
        "off, or there is no valid certificate to send them with. Null when they can be (or "
        "nothing waits, or the figures are unavailable)."
    )


class OverdueFigures(Answer):
    clients: int | None = Field(description="Clients owing anything past its due date.")
    amount: Money | None = Field(description="What is owed past its due date, in euros.")


class TaxFigures(Answer):
    year: int
    quarter: int = Field(ge=1, le=4)
    taxable_base_total: Money | None = Field(description="Taxable bases of issued invoices.")
    vat_total: Money | None = Field(description="VAT charged (output VAT, Modelo 303).")
    surcharge_total: Money | None = Field(description="Recargo de equivalencia charged.")
    irpf_withheld_total: Money | None = Field(
        description="IRPF withheld by the business's clients (their Modelos 111 and 115)."
    )


class Modelo347Figures(Answer):
    year: int
    declarable: int | None = Field(description="Clients above the 3,005.06 EUR threshold.")
    missing_tax_id: int | None = Field(description="Of those, how many lack a tax id.")


class HumanReason(Answer):
    reason: Reason = Field(
        description="What to look at (docs/gateway.md lists each reason's source). The list "
        "may grow: show a reason you do not know by its name."
    )
    count: int = Field(ge=1)


class DeskLine(Answer):
    """One business: its figures, null where a service did not answer (named in
    `unavailable`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [LINE_EXAMPLE]})

    tenant_id: uuid.UUID
    name: str
    role: Role | None = Field(description="The person's role there; null for an API key.")
    verifactu: VerifactuFigures
    overdue: OverdueFigures
    tax: TaxFigures
    modelo_347: Modelo347Figures
    needs_human: list[HumanReason] = Field(
        description="Concrete things a person should look at, with how many (only counts > 0)."
    )
    unavailable: list[Part] = Field(
        description="Parts whose service did not answer in time or answered an error. The list "
        "of parts may grow."
    )


class Desk(Answer):
    """The businesses the caller can see, each on one line."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"as_of": "2026-12-07", "year": 2026, "quarter": 4, "lines": [LINE_EXAMPLE]}
            ]
        }
    )

    as_of: dt.date = Field(description="The day (Europe/Madrid) the figures are for.")
    year: int
    quarter: int = Field(ge=1, le=4, description="The quarter of `as_of` (the tax figures').")
    lines: list[DeskLine] = Field(description="One per business, ordered by name.")
