"""The answer of the late-payment risk report."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_analytics.wire import C1, Fraction, Money
from cartera_shared.contract import Answer
from cartera_shared.wire import Decimal4

FEATURE = Literal["history", "trend", "amount", "overdue", "reminders"]
LOG_ODDS = "In log-odds (natural logarithm of p / (1 - p)): a decimal, as a string, four decimals."


class RiskReasonItem(Answer):
    feature: FEATURE = Field(
        description="history: the client's smoothed share of instalments paid more than 30 "
        "days late; trend: the last six months against before; amount: the amount against the "
        "client's usual (log of the ratio); overdue: months past due now; reminders: how many "
        "of its reminders went unanswered by a payment within 14 days."
    )
    value: Decimal4 = Field(description="The feature's value (its unit is the feature's).")
    contribution: Decimal4 = Field(description="What it adds to the score. " + LOG_ODDS)
    detail: str = Field(description="The figures behind it, for a person to read.")


class RiskScore(Answer):
    probability_fraction: Fraction = Field(
        description="The probability of being paid more than 30 days late (or not at all): a "
        "fraction of 1."
    )
    log_odds: Decimal4 = Field(description="The same score. " + LOG_ODDS)
    base_log_odds: Decimal4 = Field(
        description="The business's prior, before anything about this client or invoice: the "
        "reasons' contributions add up to `log_odds` from here (up to rounding). " + LOG_ODDS
    )
    reasons: list[RiskReasonItem] = Field(description="Largest contribution first (absolute).")


class InvoiceRisk(RiskScore):
    invoice_id: uuid.UUID
    client_id: uuid.UUID
    legal_name: str | None
    due_on: dt.date = Field(description="The due date of its riskiest open instalment.")
    outstanding: Money
    days_overdue: int = Field(description="Days past that due date; negative: not due yet.")


class ClientRisk(RiskScore):
    client_id: uuid.UUID
    legal_name: str | None
    open_invoices: int
    invoice_id: uuid.UUID | None = Field(
        description="The open invoice whose score this is (its riskiest); null when none is "
        "open: then the score of a new invoice of its usual amount falling due today."
    )


class RiskModel(Answer):
    fitted: bool = Field(
        description="False: fewer than 20 instalments with a known outcome, the default "
        "weights apply."
    )
    outcomes: int = Field(description="Instalments with a known outcome it learnt from.")
    late_outcomes: int
    base_rate_fraction: Fraction = Field(
        description="The business's share of instalments paid more than 30 days late, pulled "
        "toward 15 % while its record is short."
    )
    intercept: Decimal4 = Field(description=LOG_ODDS)
    weights: dict[str, Decimal4] = Field(description="Per feature, per unit of its value.")


_REASONS: list[dict[str, Any]] = [
    {"feature": "history", "value": "1.2040", "contribution": "1.3110",
     "detail": "5 of its 8 instalments with a known outcome were paid more than 30 days late "
     "(the business: 14%)"},
    {"feature": "overdue", "value": "0.4000", "contribution": "0.9020",
     "detail": "12 days past due"},
]  # fmt: skip
_SCORE: dict[str, Any] = {
    "probability_fraction": "0.6341", "log_odds": "0.5500", "base_log_odds": "-1.6630",
    "reasons": _REASONS,
}  # fmt: skip


class LatePaymentRisk(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-03-01",
                    "model": {
                        "fitted": True, "outcomes": 420, "late_outcomes": 58,
                        "base_rate_fraction": "0.1440", "intercept": "-1.6630",
                        "weights": {"history": "1.0890", "trend": "0.3100", "amount": "0.1500",
                                    "overdue": "2.2550", "reminders": "0.4000"},
                    },
                    "clients": [
                        {"client_id": C1, "legal_name": "Talleres Norte SL", "open_invoices": 1,
                         "invoice_id": "0d7c8a3e-5b1f-4e29-9c6a-2f8b1e4d7a10", **_SCORE},
                    ],
                    "invoices": [
                        {"invoice_id": "0d7c8a3e-5b1f-4e29-9c6a-2f8b1e4d7a10", "client_id": C1,
                         "legal_name": "Talleres Norte SL", "due_on": "2026-02-17",
                         "outstanding": "1210.00", "days_overdue": 12, **_SCORE},
                    ],
                }
            ]
        }
    )  # fmt: skip

    as_of: dt.date
    model: RiskModel
    clients: list[ClientRisk] = Field(description="Highest score first.")
    invoices: list[InvoiceRisk] = Field(description="Open invoices, highest score first.")
