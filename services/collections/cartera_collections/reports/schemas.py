"""Collection reports: aging of what is owed, defaulters, and how each client pays."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_shared.contract import Answer
from cartera_shared.wire import Days, Fraction, Money

DECIMAL = "decimal, as a string"
CLIENT_ID = "The client's id (the text `None` for invoices without a client)."


class AgingBuckets(Answer):
    """What is owed by days past the due date (each a decimal, as a string)."""

    model_config = ConfigDict(populate_by_name=True)

    current: Money = Field(description=f"Not yet due ({DECIMAL}).")
    days_1_30: Money = Field(alias="1-30", description=DECIMAL)
    days_31_60: Money = Field(alias="31-60", description=DECIMAL)
    days_61_90: Money = Field(alias="61-90", description=DECIMAL)
    over_90: Money = Field(description=DECIMAL)


class ClientAging(AgingBuckets):
    client_id: str = Field(description=CLIENT_ID)
    legal_name: str | None


BUCKETS_EXAMPLE: JsonDict = {
    "current": "605.00",
    "1-30": "1210.00",
    "31-60": "0.00",
    "61-90": "0.00",
    "over_90": "0.00",
}


class Aging(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-03-31",
                    "total": BUCKETS_EXAMPLE,
                    "clients": [
                        {
                            "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                            "legal_name": "Ferretería Sur SL",
                            **BUCKETS_EXAMPLE,
                        }
                    ],
                }
            ]
        }
    )

    as_of: dt.date
    total: AgingBuckets
    clients: list[ClientAging] = Field(description="Most owed first.")


class Defaulter(Answer):
    client_id: str = Field(description=CLIENT_ID)
    legal_name: str | None
    overdue: Money = Field(description=f"Owed more than `min_days` late ({DECIMAL}).")
    oldest_due_on: dt.date
    invoices: list[str] = Field(description="Invoice numbers, sorted.")
    days_late: int = Field(description="Days since the oldest due date.")


class Defaulters(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                            "legal_name": "Ferretería Sur SL",
                            "overdue": "1210.00",
                            "oldest_due_on": "2026-01-15",
                            "invoices": ["F2026-000007", "F2026-000042"],
                            "days_late": 75,
                        }
                    ]
                }
            ]
        }
    )

    items: list[Defaulter] = Field(description="Most overdue first.")


class PaymentBehaviour(Answer):
    instalments_settled: int
    instalments_paid_on_time: int
    instalments_overdue: int = Field(description="Overdue and still unpaid.")
    on_time_fraction: Fraction | None = Field(
        description="A fraction (0 to 1, four decimals, as a string): settled on time over "
        "settled plus overdue; null with neither."
    )
    average_days_late: Days | None = Field(
        description="Days (one decimal, as a string), weighted by amount; null if none settled."
    )
    outstanding: Money = Field(description=DECIMAL)
    current_overdue: Money = Field(description=DECIMAL)
    billed_last_90_days: Money = Field(description=DECIMAL)
    dso: Days | None = Field(
        description="Days sales outstanding (one decimal, as a string): outstanding over billed "
        "in the last 90 days, times 90; null with nothing billed."
    )


class ClientBehaviour(PaymentBehaviour):
    client_id: str = Field(description=CLIENT_ID)
    legal_name: str | None


BEHAVIOUR_EXAMPLE: JsonDict = {
    "instalments_settled": 8,
    "instalments_paid_on_time": 6,
    "instalments_overdue": 1,
    "on_time_fraction": "0.6667",
    "average_days_late": "4.2",
    "outstanding": "1815.00",
    "current_overdue": "605.00",
    "billed_last_90_days": "3630.00",
    "dso": "45.0",
}


class Behaviour(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-03-31",
                    "total": BEHAVIOUR_EXAMPLE,
                    "clients": [
                        {
                            "client_id": "9b2f6d3a-8c41-4e0f-b7a2-1c5d9e3f6a80",
                            "legal_name": "Ferretería Sur SL",
                            **BEHAVIOUR_EXAMPLE,
                        }
                    ],
                }
            ]
        }
    )

    as_of: dt.date
    total: PaymentBehaviour
    clients: list[ClientBehaviour] = Field(description="Most overdue first.")
