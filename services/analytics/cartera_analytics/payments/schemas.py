"""The answers of the payment figures: payment behaviour and clients at risk."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_analytics.risk.schemas import RiskReasonItem
from cartera_analytics.wire import C1, ClientNamed, Fraction, Money, Month, Timestamp
from cartera_shared.contract import Answer
from cartera_shared.wire import Days


class OverdueAging(Answer):
    """Overdue amounts by days past their due date."""

    days_1_30: Money = Field(alias="1-30")
    days_31_60: Money = Field(alias="31-60")
    days_61_90: Money = Field(alias="61-90")
    over_90: Money = Field(description="More than 90 days past due.")


class OnTimeMonth(Answer):
    month: Month
    instalments_due: int
    on_time_fraction: Fraction | None = Field(
        description="Share of the month's instalments paid on time: a fraction of 1 (not a "
        "percentage); null when none was due."
    )


class OnTimeTrend(Answer):
    months: list[OnTimeMonth] = Field(description="The last six months, oldest first.")
    direction: Literal["improving", "worsening", "flat", "n/a"]


BEHAVIOUR_FIELDS = {
    "dso_days": "Days sales outstanding over the last 90 days: a decimal, as a string, with "
    "one decimal; null when nothing was billed.",
    "on_time_fraction": "Share of the instalments due in the last 12 months paid on time: a "
    "fraction of 1 (not a percentage); null when none was due.",
    "avg_days_late": "Days late, weighted by amount, of the instalments paid late or unpaid: a "
    "decimal, as a string, with one decimal; null when none was late.",
}


class PaymentFigures(Answer):
    outstanding: Money
    overdue: Money
    aging: OverdueAging
    dso_days: Days | None = Field(description=BEHAVIOUR_FIELDS["dso_days"])
    billed_last_90_days: Money
    instalments_due: int = Field(description="Instalments due in the last 12 months.")
    paid_on_time: int
    late: int
    on_time_fraction: Fraction | None = Field(description=BEHAVIOUR_FIELDS["on_time_fraction"])
    avg_days_late: Days | None = Field(description=BEHAVIOUR_FIELDS["avg_days_late"])
    trend: OnTimeTrend


class ClientPaymentFigures(PaymentFigures, ClientNamed):
    """The client's own figures (its id and name first, as on the wire)."""


class CashInWeek(Answer):
    week: int = Field(description="1 for the week starting on `as_of`.")
    from_: dt.date = Field(alias="from")
    to: dt.date
    amount: Money


class ExpectedCashIn(Answer):
    weeks: list[CashInWeek]
    later: Money = Field(description="Expected after the last week shown.")


_FIGURES: dict[str, Any] = {
    "outstanding": "1210.00", "overdue": "1210.00",
    "aging": {"1-30": "1210.00", "31-60": "0.00", "61-90": "0.00", "over_90": "0.00"},
    "dso_days": "30.0", "billed_last_90_days": "3630.00", "instalments_due": 4,
    "paid_on_time": 3, "late": 1, "on_time_fraction": "0.7500", "avg_days_late": "12.0",
    "trend": {
        "months": [{"month": "2026-02", "instalments_due": 4, "on_time_fraction": "0.7500"}],
        "direction": "n/a",
    },
}  # fmt: skip


class AnalyticsPaymentBehaviour(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-03-01",
                    "currency": "EUR",
                    "total": _FIGURES,
                    "clients": [{"client_id": C1, "legal_name": "Talleres Norte SL", **_FIGURES}],
                    "expected_cash_in": {
                        "weeks": [
                            {
                                "week": 1,
                                "from": "2026-03-01",
                                "to": "2026-03-07",
                                "amount": "605.00",
                            }
                        ],
                        "later": "605.00",
                    },
                }
            ]
        }
    )

    as_of: dt.date
    currency: Literal["EUR"]
    total: PaymentFigures
    clients: list[ClientPaymentFigures] = Field(
        description="The `client_id` asked for, or every client with instalments."
    )
    expected_cash_in: ExpectedCashIn


class RiskReason(Answer):
    rule: Literal[
        "falling_billing",
        "late_payments",
        "long_overdue",
        "poor_csat",
        "poor_nps",
        "sla_breaches",
        "late_payment_risk",
    ] = Field(description="The rule that holds. The list may grow: ignore a rule you do not know.")
    detail: str = Field(description="The figures behind the rule, for a person to read.")


class ClientAtRisk(Answer):
    client_id: uuid.UUID
    legal_name: str | None
    billing_last_6_months: Money = Field(description="Taxable base of the last six months.")
    reasons: list[RiskReason]
    last_interaction_at: Timestamp | None
    dunning_notices_180_days: int
    late_payment_probability_fraction: Fraction | None = Field(
        description="Its late-payment risk score (GET /v1/analytics/late-payment-risk): the "
        "probability of being paid more than 30 days late, a fraction of 1; null without any "
        "invoice. From 0.5 up it puts the client on this list by itself (rule "
        "`late_payment_risk`)."
    )
    late_payment_top_reason: RiskReasonItem | None = Field(
        description="The reason that adds most to that score; null when none adds to it."
    )


class ClientsAtRisk(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-03-01",
                    "items": [
                        {
                            "client_id": C1,
                            "legal_name": "Talleres Norte SL",
                            "billing_last_6_months": "9000.00",
                            "reasons": [
                                {
                                    "rule": "late_payments",
                                    "detail": "3 of its 4 instalments due in the last 12 months "
                                    "were paid late or are unpaid",
                                }
                            ],
                            "last_interaction_at": "2026-02-20T10:00:00.000000Z",
                            "dunning_notices_180_days": 2,
                            "late_payment_probability_fraction": "0.4120",
                            "late_payment_top_reason": {
                                "feature": "history",
                                "value": "0.9100",
                                "contribution": "0.9910",
                                "detail": "5 of its 8 instalments with a known outcome were "
                                "paid more than 30 days late (the business: 14%)",
                            },
                        }
                    ],
                }
            ]
        }
    )

    as_of: dt.date
    items: list[ClientAtRisk] = Field(
        description="Most reasons first, then the largest billing of the last six months."
    )
