"""Late interest (Ley 3/2004): what a late payer owes on top of an invoice, and the statutory
rates it is computed with."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import ConfigDict, Field

from cartera_shared.contract import Answer
from cartera_shared.wire import Money, Percent

DECIMAL = "decimal, as a string"


class LatePaymentLaw(Answer):
    """Whether Ley 3/2004 covers the debt (a business or public administration debtor) and what
    the decision rests on."""

    applies: bool
    debtor_kind: str | None = Field(description="The client's kind when it was decided.")
    client_version: int | None = Field(description="The client's version the decision read.")
    basis: str | None = Field(description="Why, in words.")


class RateMissing(Answer):
    """A half-year whose statutory rate is not in Cartera yet, and how an operator adds it."""

    half_year_start: dt.date
    message: str
    how_to_add: str


class RatePeriod(Answer):
    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(alias="from", description="First late day of the period.")
    through: dt.date
    days: int
    rate: Percent = Field(description=f"Statutory rate of the half-year, a percentage ({DECIMAL}).")
    interest: Money = Field(description=DECIMAL)


class LateAmount(Answer):
    amount: Money = Field(description=f"The part of the instalment that was late ({DECIMAL}).")
    late_through: dt.date = Field(description="The day it was paid, or `until` if unpaid.")
    days_late: int
    interest: Money = Field(description=DECIMAL)
    periods: list[RatePeriod] = Field(description="One per half-year (each has its own rate).")


class InstalmentOwed(Answer):
    """An instalment when no interest is computed (the law does not cover the debtor, or a rate
    is missing)."""

    seq: int
    due_on: dt.date
    amount: Money = Field(description=DECIMAL)
    unpaid_on_until: Money = Field(description=DECIMAL)


class InstalmentInterest(Answer):
    seq: int
    due_on: dt.date
    amount: Money = Field(description=DECIMAL)
    unpaid_on_until: Money = Field(description=DECIMAL)
    late_amounts: list[LateAmount]
    interest: Money = Field(description=DECIMAL)


class LateInterestClaim(Answer):
    """What can be claimed on one invoice through `until`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "invoice_id": "5f0c8a4e-3b1d-4c7e-9a51-0d6f2e8b7c13",
                    "invoice_number": "F2026-000042",
                    "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                    "currency": "EUR",
                    "until": "2026-03-31",
                    "late_payment_law": {
                        "applies": True,
                        "debtor_kind": "company",
                        "client_version": 3,
                        "basis": "the debtor is a company: Ley 3/2004 applies",
                    },
                    "rate_missing": None,
                    "instalments": [
                        {
                            "seq": 1,
                            "due_on": "2026-03-01",
                            "amount": "1210.00",
                            "unpaid_on_until": "1210.00",
                            "late_amounts": [
                                {
                                    "amount": "1210.00",
                                    "late_through": "2026-03-31",
                                    "days_late": 30,
                                    "interest": "10.84",
                                    "periods": [
                                        {
                                            "from": "2026-03-02",
                                            "through": "2026-03-31",
                                            "days": 30,
                                            "rate": "10.90",
                                            "interest": "10.84",
                                        }
                                    ],
                                }
                            ],
                            "interest": "10.84",
                        }
                    ],
                    "unpaid": "1210.00",
                    "interest": "10.84",
                    "compensation": "40.00",
                    "claim_total": "1260.84",
                }
            ]
        }
    )

    invoice_id: uuid.UUID
    invoice_number: str
    client_id: uuid.UUID | None
    currency: str
    until: dt.date
    late_payment_law: LatePaymentLaw
    rate_missing: RateMissing | None = Field(
        description="Set when a half-year of the period has no rate yet: no interest figure."
    )
    instalments: list[InstalmentInterest] | list[InstalmentOwed]
    unpaid: Money = Field(description=f"Principal unpaid on `until` ({DECIMAL}).")
    interest: Money | None = Field(
        description=f"{DECIMAL}; null when the law does not apply or a rate is missing."
    )
    compensation: Money | None = Field(
        description=f"The 40 € per late invoice ({DECIMAL}); null when the law does not apply."
    )
    claim_total: Money | None = Field(
        description=f"Unpaid + interest + compensation ({DECIMAL}); null when a rate is missing."
    )


class StatutoryRate(Answer):
    half_year_start: dt.date
    rate: Percent = Field(description=f"A percentage per year ({DECIMAL}).")


class CurrentHalfYear(Answer):
    start: dt.date
    rate: Percent | None = Field(
        description=f"A percentage ({DECIMAL}); null if not published yet."
    )


class StatutoryRates(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "rates": [
                        {"half_year_start": "2025-07-01", "rate": "10.15"},
                        {"half_year_start": "2026-01-01", "rate": "10.15"},
                    ],
                    "current_half_year": {"start": "2026-01-01", "rate": "10.15"},
                    "rate_missing": None,
                }
            ]
        }
    )

    rates: list[StatutoryRate]
    current_half_year: CurrentHalfYear
    rate_missing: RateMissing | None
